/**
 * `prefixItems` says what each position holds, not that the positions are there: without `minItems` an
 * array shorter than the tuple is valid, and without `items: false` (or a `maxItems`) so is a longer one,
 * its rest checked by `items`. openapi-typescript types every `prefixItems` as the exact tuple `[A, B]`
 * (and drops `items`), so values the validators accept (`[]`, `["a", 1, true]`) did not compile. A position
 * under `minItems` is required, the others optional, and the rest is `items` (`unknown` when absent).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const pair = [{ type: "string" }, { type: "integer" }];
const schemas = {
  Open: { type: "array", prefixItems: pair },
  Rest: { type: "array", prefixItems: [{ type: "string" }], items: { type: "boolean" } },
  Closed: { type: "array", prefixItems: pair, items: false },
  Exact: { type: "array", prefixItems: pair, items: false, minItems: 2 },
  AtLeastOne: { type: "array", prefixItems: pair, minItems: 1 },
  Capped: { type: "array", prefixItems: pair, maxItems: 2 },
  MaybePair: { type: ["array", "null"], prefixItems: pair, items: false },
};

it("a tuple's positions past minItems are optional and its rest is items", async () => {
  const dir = tempDir();
  const file = path.join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify({ openapi: "3.1.0", info: { title: "Tuples", version: "1" }, paths: {}, components: { schemas } }));
  const { files } = await generate({ input: file, packageName: "tuples", targets: ["types", "validators"] });

  const v = await import(path.join(importableSources(files), "validators.js"));
  const accepted: Array<[string, unknown]> = [["Open", []], ["Open", ["a"]], ["Open", ["a", 1, { any: "thing" }]], ["Rest", []], ["Rest", ["a", true, false]], ["Closed", ["a"]], ["Exact", ["a", 1]], ["AtLeastOne", ["a", 1, null]], ["Capped", ["a"]], ["MaybePair", null], ["MaybePair", []]];
  const refused: Array<[string, unknown]> = [["Rest", ["a", 1]], ["Closed", ["a", 1, 2]], ["Exact", ["a"]], ["AtLeastOne", []], ["Capped", ["a", 1, 2]], ["Open", [1]]];
  for (const [name, value] of accepted) expect([name, v[`is${name}`](value)]).toEqual([name, true]);
  for (const [name, value] of refused) expect([name, v[`is${name}`](value)]).toEqual([name, false]);

  const consumer = [
    'import type { AtLeastOne, Capped, Closed, Exact, MaybePair, Open, Rest } from "./types.js";',
    ...accepted.map(([name, value], i) => `export const ok${i}: ${name} = ${JSON.stringify(value)};`),
    ...refused.map(([name, value], i) => `// @ts-expect-error refused by the validator too\nexport const no${i}: ${name} = ${JSON.stringify(value)};`),
    // what is read from a position is what the position holds
    "export const first = (t: Exact): string => t[0];",
    "export const second = (t: Open): number | undefined => t[1];",
    "export const rest = (t: Rest): boolean | undefined => t[3];",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
