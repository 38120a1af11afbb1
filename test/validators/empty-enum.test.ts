/**
 * `enum: []` is legal JSON Schema 2020-12 (its array SHOULD have an element, not MUST) and matches no value:
 * the spec generates, and its validators reject every value the schema checks.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string }> }>;

const SPEC = `openapi: 3.1.0
info: { title: empty enum, version: "1" }
paths:
  /x:
    get:
      operationId: getX
      parameters: [{ name: q, in: query, schema: { type: string, enum: [] } }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Nothing" } } } }
components:
  schemas:
    Nothing: { type: string, enum: [] }
    Holder:
      type: object
      properties:
        n: { $ref: "#/components/schemas/Nothing" }
    WithDefs:
      $defs: { s: { type: string } }
      enum: []
    UsesDefs: { $ref: "#/components/schemas/WithDefs/$defs/s" }
`;

describe("enum: []", () => {
  it("generates every target; its validators reject every value", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.yaml"), SPEC);
    const { files } = await generate({ input: path.join(dir, "openapi.yaml") });
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
    for (const value of ["", "a", 1, null, {}]) expect(v.validateNothing!(value).ok, JSON.stringify(value)).toBe(false);
    expect(v.validateNothing!("a").errors).toEqual([expect.objectContaining({ path: "" })]);
    expect(v.validateHolder!({}).ok).toBe(true);
    expect(v.validateHolder!({ n: "a" }).errors).toEqual([expect.objectContaining({ path: "/n" })]);
    expect(v.validateGetXQueryParams!({}).ok).toBe(true);
    expect(v.validateGetXQueryParams!({ q: "a" }).ok).toBe(false);
    // a schema refs point into keeps its definitions
    expect(v.validateWithDefs!("a").ok).toBe(false);
    expect(v.validateUsesDefs!("a").ok).toBe(true);
    expect(v.validateUsesDefs!(1).ok).toBe(false);
  });
});
