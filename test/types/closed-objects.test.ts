/**
 * `additionalProperties: false` is a closed object in the types, as openapi-typescript writes it. Normalize
 * makes boolean subschemas objects (`false` -> `{not: {}}`) for the other emitters; openapi-typescript read
 * that as a schema of its own and added `[key: string]: unknown`, so every closed object was typed open; the
 * same misreading typed a forbidden property (`x: false`) `unknown` and made a union with a `false` branch `unknown`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

it("a closed object refuses a property it does not declare; an open one and a map take any", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const schemas = {
    Closed: { type: "object", additionalProperties: false, properties: { a: { type: "string" } } },
    Open: { type: "object", properties: { a: { type: "string" } } },
    Counts: { type: "object", additionalProperties: { type: "integer" } },
    // other `false` subschemas: a forbidden property, a branch that admits nothing
    Forbidding: { type: "object", properties: { a: { type: "string" }, x: false } },
    Text: { oneOf: [{ type: "string" }, false] },
  };
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } }));
  const { files } = await generate({ input: spec, packageName: "closed", targets: ["types"] });
  const consumer = [
    'import type { Closed, Counts, Forbidding, Open, Text } from "./types.js";',
    'export const closed: Closed = { a: "x" };',
    "// @ts-expect-error b is no property of a closed object",
    'export const extra: Closed = { a: "x", b: 1 };',
    'export const open: Open = { a: "x", b: 1 } as Open;',
    "export const counts: Counts = { x: 1, y: 2 };",
    'export const forbidding: Forbidding = { a: "x" };',
    "// @ts-expect-error x: false admits no value",
    'export const forbidden: Forbidding = { a: "x", x: 1 };',
    'export const text: Text = "t";',
    "// @ts-expect-error the false branch adds nothing: Text is a string",
    "export const notText: Text = 1;",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
