/**
 * generator/openapi/extends-index.ts: the extenders of a base, found through an index, in the order the
 * pass-by-pass walk over every component (what the generator did before, per base) found them: that order
 * is golden output (hierarchy members, discriminator mappings).
 */
import { describe, expect, it } from "vitest";
import { random } from "../helpers/random.js";
import { extendersOf, extendsIndex } from "../../generator/openapi/extends-index.js";

/** The walk the index replaces: passes over all nodes in written order until none is added. */
function byPasses(nodes: Array<[string, string[]]>, root: string): string[] {
  const found = new Set([root]);
  const out: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, parents] of nodes) {
      if (!found.has(id) && parents.some((p) => found.has(p))) {
        found.add(id);
        out.push(id);
        grew = true;
      }
    }
  }
  return out;
}


describe("extendersOf", () => {
  it("finds a child written after its parent in the same pass, one written before it in the next", () => {
    const nodes: Array<[string, string[]]> = [["GrandChild", ["Child"]], ["Base", []], ["Child", ["Base"]], ["Other", []], ["Sibling", ["Base", "Other"]]];
    expect(extendersOf(extendsIndex(nodes), "Base")).toEqual(["Child", "Sibling", "GrandChild"]);
    expect(extendersOf(extendsIndex(nodes), "Other")).toEqual(["Sibling"]);
    expect(extendersOf(extendsIndex(nodes), "GrandChild")).toEqual([]);
  });

  it("agrees with the pass-by-pass walk on 300 random hierarchies (cycles, self-references, unknown parents)", () => {
    const next = random(20261207);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(next() * 40);
      const ids = Array.from({ length: n }, (_, i) => `S${i}`);
      const nodes = ids.map((id): [string, string[]] => [id, Array.from({ length: Math.floor(next() * 3) }, () => (next() < 0.1 ? "Missing" : ids[Math.floor(next() * n)]!))]);
      const index = extendsIndex(nodes);
      for (const root of [...ids, "Missing"]) expect(extendersOf(index, root), `round ${round}, root ${root}`).toEqual(byPasses(nodes, root));
    }
  });
});
