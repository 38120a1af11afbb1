/**
 * Vercel's `EdgeConfigItemValue`: `type: "null"` beside a `oneOf` whose array branch refers back to the
 * schema. As written no value is valid, and openapi-typescript's `null & (string | ... | X[])` failed to
 * type-check (TS2502). Normalize reads null as one more branch (warning normalize/null-beside-composition):
 * the package type-checks with null and every branch.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

it("type null beside a self-referencing oneOf: a warning at the schema (generate and lint), a package that type-checks with null and each branch", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const value = { type: "null", oneOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "object" }, { type: "array", items: { $ref: "#/components/schemas/EdgeConfigItemValue" } }] };
  const ok = { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/EdgeConfigItemValue" } } } } };
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/v": { get: { operationId: "getValue", responses: ok } } }, components: { schemas: { EdgeConfigItemValue: value } } }, null, 2));
  const { files, warnings } = await generate({ input: spec, packageName: "null-beside", targets: ["types", "validators"] });
  expect(warnings.map((w) => `${w.code} ${w.location?.line}:${w.location?.column}`)).toEqual(["normalize/null-beside-composition 28:7"]); // the schema's key
  const consumer = [
    'import type { EdgeConfigItemValue } from "./types.js";',
    'export const values: EdgeConfigItemValue[] = [null, "a", 1, true, {}, [["a", null]]];',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });

  const findings = await lintFile(spec);
  expect(findings.filter((f) => f.ruleId === "null-beside-composition").map((f) => `${f.line}:${f.column} ${f.pointer}`)).toEqual(["28:7 /components/schemas/EdgeConfigItemValue"]);
}, 60_000);
