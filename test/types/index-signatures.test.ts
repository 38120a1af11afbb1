/**
 * `properties` beside a typed `additionalProperties` or `patternProperties`: openapi-typescript's
 * `{ name?: string } & { [key: string]: number }` reads `name` as `never` and refuses every object that has
 * one. The index signature also admits the named properties' types, so a value the validator accepts
 * compiles, as a component, a request body (client) and a reply (server handler).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const schemas = {
  Counts: { type: "object", required: ["label"], properties: { label: { type: "string" }, total: { type: "integer" }, flag: { type: "boolean" } }, additionalProperties: { type: "integer" } },
  HeaderLists: { type: "object", properties: { strict: { type: "boolean" } }, additionalProperties: { type: "array", items: { type: "string" } } },
  Extensible: { type: "object", properties: { id: { const: "x" } }, patternProperties: { "^x-": { type: "string" } } },
  MaybeCounts: { type: ["object", "null"], properties: { label: { type: "string" } }, additionalProperties: { type: "number" } },
  // beside an allOf: the pair openapi-typescript writes sits inside the allOf's intersection
  Tagged: { allOf: [{ $ref: "#/components/schemas/Base" }], type: "object", properties: { label: { type: "string" } }, additionalProperties: { type: "integer" } },
  Base: { type: "object", properties: { kind: { type: "integer" } } },
};
const body = { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Counts" } } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "Tally", version: "1" },
  paths: { "/counts": { post: { operationId: "putCounts", requestBody: body, responses: { "200": { description: "ok", content: body.content } } } } },
  components: { schemas },
};

it("an object with named and additional properties of other types can be written and read", async () => {
  const dir = tempDir();
  const file = path.join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(spec));
  const { files } = await generate({ input: file, packageName: "index-signatures" });

  const v = await import(path.join(importableSources(files), "validators.js"));
  expect(v.isCounts({ label: "a", total: 2, flag: true, apples: 3 })).toBe(true);
  expect(v.isCounts({ label: "a", apples: "3" })).toBe(false);
  expect(v.isHeaderLists({ strict: true, accept: ["json"] })).toBe(true);
  expect(v.isExtensible({ id: "x", "x-note": "n" })).toBe(true);
  expect(v.isTagged({ label: "a", kind: 1, n: 2 })).toBe(true);

  const consumer = [
    'import type { Counts, Extensible, HeaderLists, MaybeCounts, Tagged } from "./types.js";',
    'import { createIndexSignaturesClient } from "./client.js";',
    'import type { IndexSignaturesHandlers } from "./server.js";',
    'export const counts: Counts = { label: "a", total: 2, flag: true, apples: 3 };',
    'export const headers: HeaderLists = { strict: true, accept: ["json"] };',
    'export const extensible: Extensible = { id: "x", "x-note": "n" };',
    'export const maybe: MaybeCounts = { label: "a", n: 1 };',
    "export const none: MaybeCounts = null;",
    'export const tagged: Tagged = { label: "a", kind: 1, n: 2 };',
    // a named property reads as its own type, not never
    "export const label: string = counts.label;",
    "export const total: number | undefined = counts.total;",
    "export function strict(h: HeaderLists): boolean | undefined { return h.strict; }",
    "// @ts-expect-error a named property keeps its type",
    'export const wrong: Counts = { label: 1 };',
    'export const call = (api: ReturnType<typeof createIndexSignaturesClient>) => api.putCounts({ body: { label: "a", flag: false, pears: 1 } });',
    'export const handlers: IndexSignaturesHandlers = { putCounts: ({ body }) => ({ status: 200, body: { ...body, label: body.label.toUpperCase() } }) };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);

it("patternProperties without additionalProperties leave the other names open, as the validator does", async () => {
  const dir = tempDir();
  const file = path.join(dir, "openapi.json");
  const patterned = {
    // the JSON-Schema-Test-Suite's "regexes are case sensitive": {"x_": 3} is valid
    Patterns: { type: "object", patternProperties: { "[0-9]{2,}": { type: "boolean" }, X_: { type: "string" } } },
    Closed: { type: "object", patternProperties: { "^x-": { type: "string" } }, additionalProperties: false },
  };
  writeFileSync(file, JSON.stringify({ openapi: "3.1.0", info: { title: "Patterns", version: "1" }, paths: {}, components: { schemas: patterned } }));
  const { files } = await generate({ input: file, packageName: "patterns", targets: ["types", "validators"] });

  const v = await import(path.join(importableSources(files), "validators.js"));
  expect(v.isPatterns({ x_: 3, a: [null], "42": true })).toBe(true);
  expect(v.isClosed({ "x-a": "s", other: 1 })).toBe(false);

  const consumer = [
    'import type { Closed, Patterns } from "./types.js";',
    'export const patterns: Patterns = { x_: 3, a: [null], "42": true };',
    'export const closed: Closed = { "x-a": "s" };',
    "// @ts-expect-error a closed object's names hold its patterns' types only",
    "export const wrong: Closed = { other: 1 };",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
