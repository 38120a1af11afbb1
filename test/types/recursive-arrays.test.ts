/**
 * A schema that is an array of itself outside any object (a JSON value; openapi-typescript issue #1603,
 * "Self referential types fail to compile"): openapi-typescript's `Json: ... | components["schemas"]["Json"][]`
 * is TS2502. Each such array becomes an interface extending Array (resolved lazily): the package type-checks
 * and the type is the same.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const schemas = {
  // openapi-typescript #1603, as reported (3.0, nullable)
  Json: { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "object", properties: {}, additionalProperties: ref("Json") }, { type: "array", items: ref("Json") }], nullable: true },
  // mutual: a list of cells, a cell a number or a list again
  Row: { type: "array", items: ref("Cell") },
  Cell: { oneOf: [{ type: "number" }, ref("Row")] },
  // an array nested in arrays, and a tuple
  Deep: { oneOf: [{ type: "string" }, { type: "array", items: { type: "array", items: ref("Deep") } }] },
  // recursion inside an object stays as openapi-typescript prints it
  Node: { type: "object", properties: { children: { type: "array", items: ref("Node") } } },
};
const paths: Record<string, unknown> = {};
for (const name of Object.keys(schemas)) {
  paths[`/${name.toLowerCase()}`] = { get: { operationId: `get${name}`, responses: { "200": { description: "ok", content: { "application/json": { schema: ref(name) } } } } } };
}

async function generated(dir: string, types: { immutable?: boolean } = {}) {
  const spec = path.join(dir, "openapi.json");
  writeFileSync(spec, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths, components: { schemas } }));
  return generate({ input: spec, packageName: "recursive-arrays", targets: ["types", "client", "validators", "server"], types });
}

it("JSON-value schemas, mutual recursion through arrays and a recursive tuple type-check, and keep their type", async () => {
  const dir = tempDir();
  const { files } = await generated(dir);
  const schemaTs = files.find((f) => f.path === "src/schema.ts")!.contents;
  expect(schemaTs.match(/^export interface \$ArrayOf_\w+/gm)).toEqual(["export interface $ArrayOf_Json", "export interface $ArrayOf_Row", "export interface $ArrayOf_Deep"]);
  expect(schemaTs).toContain('children?: components["schemas"]["Node"][];');
  const consumer = [
    'import type { Json, Row, Cell, Deep } from "./types.js";',
    'export const json: Json[] = [null, "a", 1, true, { a: [1, { b: null }] }, [[["x"]]]];',
    "export const row: Row = [1, [2, [3]]];",
    "export const cell: Cell = [1, 2];",
    'export const deep: Deep = [["a", [["b"]]]];',
    "// @ts-expect-error an object is not a Row",
    "export const notRow: Row = { a: 1 };",
    "// @ts-expect-error Deep's arrays hold arrays",
    'export const notDeep: Deep = ["a"];',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 90_000);

it("with `types: { immutable: true }` the arrays are ReadonlyArray interfaces: `readonly` cannot stand before an interface's name (TS1354)", async () => {
  const dir = tempDir();
  const { files } = await generated(dir, { immutable: true });
  const schemaTs = files.find((f) => f.path === "src/schema.ts")!.contents;
  expect(schemaTs).toContain('export interface $ArrayOf_Json extends ReadonlyArray<components["schemas"]["Json"]>');
  expect(schemaTs).toContain('readonly children?: readonly components["schemas"]["Node"][];');
  const consumer = [
    'import type { Json, Row, Deep } from "./types.js";',
    'export const json: Json[] = [null, "a", 1, true, { a: [1, { b: null }] }, [[["x"]]]];',
    "export const row: Row = [1, [2, [3]]];",
    'export const deep: Deep = [["a", [["b"]]]];',
    "// @ts-expect-error readonly",
    "row.push(1);",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 90_000);
