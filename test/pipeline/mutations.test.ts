/**
 * The bad-input contract under systematic breakage: ten valid specs (3.1, 3.0, 3.2, Swagger 2.0, multi-file)
 * broken into 400 mutants by the seeded mutator (helpers/mutate.ts), each run through generate, lint, diff
 * (both ways) and bundle (about 25 s).
 * Each stage must succeed or reject the spec with diagnostics that all name a place; a TypeError, a stack
 * overflow, an unplaced line or a run past the time limit fails, naming the mutant (seed, source, steps).
 * A larger exploration (thousands of seeds, the same helpers) found the defects broken-structure.test.ts keeps.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { mutate } from "../helpers/mutate.js";
import { runStage, STAGES, type StageResult } from "../helpers/mutation-run.js";
import { ROOT, runCli, snapshot, tempDir } from "../helpers/project.js";

const SOURCES = [
  "specs/customer-v3.yaml",
  "specs/onefi.yaml",
  "test/fixtures/openapi-30-misc/openapi.yaml",
  "test/fixtures/nullable-30/openapi.yaml",
  "test/fixtures/swagger-2/swagger.yaml",
  "test/fixtures/multi-file/openapi.yaml",
  "test/fixtures/recursive/openapi.yaml",
  "test/fixtures/callbacks/openapi.yaml",
  "test/fixtures/composition/openapi.yaml",
  "test/fixtures/openapi-32/openapi.yaml",
];
const SEED = 20261205;
const MUTANTS = 400;
const CHUNKS = 5;
/** Far above any stage's time on these specs (under 1 s): past it, a run is taken for a hang. */
const STAGE_LIMIT_MS = 15_000;

const parsed = new Map<string, unknown>();
const work = tempDir("specforge-mutants-");

interface Mutant {
  seed: number;
  source: string;
  steps: string[];
  original: string;
  file: string;
}

/** Writes mutant `i` (JSON or YAML by turns) beside a copy of its source's folder (the files its refs name). */
function makeMutant(i: number): Mutant {
  const seed = SEED + i;
  const source = SOURCES[i % SOURCES.length]!;
  const absolute = path.join(ROOT, source);
  if (!parsed.has(source)) parsed.set(source, parse(readFileSync(absolute, "utf8")));
  const { document, steps } = mutate(parsed.get(source), seed);
  const dir = path.join(work, String(seed));
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(path.dirname(absolute))) {
    if (entry !== "generated") cpSync(path.join(path.dirname(absolute), entry), path.join(dir, entry), { recursive: true });
  }
  const json = i % 2 === 0;
  const file = path.join(dir, json ? "mutant.json" : "mutant.yaml");
  writeFileSync(file, json ? JSON.stringify(document, null, 1) : stringify(document, { aliasDuplicateObjects: false }));
  return { seed, source, steps, original: path.join(dir, path.basename(absolute)), file };
}

const describeMutant = (m: Mutant) => `seed ${m.seed} of ${m.source}: ${m.steps.join("; ")}`;

/** Outcomes per stage, for the figures printed at the end. */
const tally = Object.fromEntries(STAGES.map((s) => [s, { ok: 0, rejected: 0, ms: 0 }]));

describe("mutated specs keep the bad-input contract", () => {
  for (let c = 0; c < CHUNKS; c++) {
    const from = (c * MUTANTS) / CHUNKS;
    const to = ((c + 1) * MUTANTS) / CHUNKS;
    it(`mutants ${from}-${to - 1}`, async () => {
      const defects: string[] = [];
      for (let i = from; i < to; i++) {
        const m = makeMutant(i);
        for (const stage of STAGES) {
          const r: StageResult = await runStage(stage, m.original, m.file);
          if (r.outcome === "defect") defects.push(`${describeMutant(m)}\n  ${stage}: ${r.detail?.split("\n").slice(0, 4).join("\n    ")}`);
          else if (r.ms > STAGE_LIMIT_MS) defects.push(`${describeMutant(m)}\n  ${stage}: took ${Math.round(r.ms)} ms`);
          else {
            tally[stage]![r.outcome]++;
            tally[stage]!.ms += r.ms;
          }
        }
      }
      expect(defects, defects.join("\n")).toEqual([]);
    });
  }

  it("rejected some and passed some at every stage but lint (which reports, and never rejects a readable spec)", () => {
    // the battery is only worth its time while the mutants reach past the first stage, and break it too
    console.log(`mutation battery: ${MUTANTS} mutants; ${STAGES.map((s) => `${s} ${tally[s]!.ok} ok, ${tally[s]!.rejected} rejected, ${Math.round(tally[s]!.ms)} ms`).join("; ")}`);
    for (const s of ["generate", "diff", "bundle"]) {
      expect(tally[s]!.ok, s).toBeGreaterThan(MUTANTS / 10);
      expect(tally[s]!.rejected, s).toBeGreaterThan(MUTANTS / 10);
    }
  });
});

describe("the CLI on mutants it rejects", () => {
  it("exits 2, one placed line per problem, and leaves the previous output as it was", async () => {
    // the first mutants in-process `generate` rejects, of a single-file spec
    const rejected: Mutant[] = [];
    for (let i = 0; rejected.length < 3 && i < MUTANTS; i++) {
      if (SOURCES[i % SOURCES.length]!.startsWith("test/fixtures/multi-file")) continue;
      const m = makeMutant(i);
      if ((await runStage("generate", m.original, m.file)).outcome === "rejected") rejected.push(m);
    }
    expect(rejected).toHaveLength(3);
    const placed = /^(\S+:\d+:\d+( \(#\S*\))?|\S+#\/\S*) (error|warning) [a-z0-9-]+\/[a-z0-9-]+: \S.*$/;
    for (const m of rejected) {
      const dir = path.dirname(m.file);
      const out = path.join(dir, "out");
      expect(runCli(["generate", m.original, "--out", out, "--quiet"]).status, describeMutant(m)).toBe(0);
      const bundleFile = path.join(dir, "bundled.yaml");
      writeFileSync(bundleFile, "previous: bundle\n");
      const before = snapshot(dir);
      const refused = (args: string[]) => {
        const r = runCli(args, dir);
        expect(r.status, `${describeMutant(m)}\n${args[0]}: ${r.stderr}`).toBe(2);
        for (const line of r.stderr.trimEnd().split("\n")) expect(line, `${describeMutant(m)}\n${args[0]}`).toMatch(placed);
      };
      refused(["generate", m.file, "--out", out]);
      refused(["diff", m.original, m.file]);
      // the bundle stage alone may accept what the check stage rejects; when it rejects, the bundle stays
      if ((await runStage("bundle", m.original, m.file)).outcome === "rejected") refused(["bundle", m.file, "--output", bundleFile]);
      expect(snapshot(dir), describeMutant(m)).toEqual(before);
    }
  });
});
