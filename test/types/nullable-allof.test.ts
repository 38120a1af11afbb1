/**
 * An allOf whose outer `required` names properties of a `$ref`'d part that is nullable (Plaid's `Cause`
 * over `PlaidError`, `nullable: true`): openapi-typescript's `WithRequired<T, K extends keyof T>` got
 * `keyof (X | null)`, which is `never`, and the generated package failed to type-check (TS2344).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

it("a nullable part of an allOf with the outer required: the package type-checks and the keys are required", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const error = { type: "object", nullable: true, properties: { code: { type: "string" }, message: { type: "string" } } };
  const cause = { type: "object", required: ["code", "item"], allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { item: { type: "string" } } }] };
  const ok = { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Cause" } } } } };
  writeFileSync(spec, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: { "/c": { get: { operationId: "getCause", responses: ok } } }, components: { schemas: { Error: error, Cause: cause } } }));
  const { files } = await generate({ input: spec, packageName: "nullable-allof", targets: ["types"] });
  const consumer = [
    'import type { Cause } from "./types.js";',
    'export const full: Cause = { code: "c", item: "i" };',
    "// @ts-expect-error code is required by the outer schema",
    'export const partial: Cause = { item: "i" };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
