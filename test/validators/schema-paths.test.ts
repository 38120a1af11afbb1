/**
 * An issue's `schemaPath` is a pointer into the spec at the keyword that failed (docs/validators.md): through
 * a component that is only a `$ref` to another, and at a `false` schema, which ajv names by no keyword of the spec.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string; schemaPath: string }> }>;

const SPEC = `openapi: 3.1.0
info: { title: paths, version: "1" }
paths:
  /names:
    post:
      operationId: addName
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Alias' } } } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/AliasOfAlias' } } } } }
components:
  schemas:
    Alias: { $ref: '#/components/schemas/Name' }
    AliasOfAlias: { $ref: '#/components/schemas/Alias' }
    Name: { type: string, minLength: 2 }
    Holder: { type: object, properties: { name: { $ref: '#/components/schemas/AliasOfAlias' } } }
    Never: false
    Closed: { type: object, properties: { never: { $ref: '#/components/schemas/Never' }, no: false } }
`;

async function validators(): Promise<V> {
  const dir = tempDir();
  writeFileSync(path.join(dir, "openapi.yaml"), SPEC);
  const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
}

const paths = (r: ReturnType<V[string]>) => r.errors?.map((e) => `${e.path} ${e.keyword} ${e.schemaPath}`);

it("a component that is only a $ref reports the schema its chain ends at, wherever it is used", async () => {
  const v = await validators();
  const atName = [" minLength #/components/schemas/Name/minLength"];
  expect(paths(v.validateName!("a"))).toEqual(atName);
  expect(paths(v.validateAlias!("a"))).toEqual(atName);
  expect(paths(v.validateAliasOfAlias!("a"))).toEqual(atName);
  expect(paths(v.validateAddNameRequest!("a"))).toEqual(atName);
  expect(paths(v.validateHolder!({ name: "a" }))).toEqual(["/name minLength #/components/schemas/Name/minLength"]);
  expect(paths(v.validateAddNameResponse200!(["ab", "a"]))).toEqual(["/1 minLength #/components/schemas/Name/minLength"]);
}, 30_000);

it("a false schema is reported at itself: a component, a $ref to it, a property", async () => {
  const v = await validators();
  expect(paths(v.validateNever!(1))).toEqual([" false schema #/components/schemas/Never"]);
  expect(paths(v.validateClosed!({ never: 1, no: 1 }))).toEqual([
    "/never false schema #/components/schemas/Never",
    "/no false schema #/components/schemas/Closed/properties/no",
  ]);
}, 30_000);
