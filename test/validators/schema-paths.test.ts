/**
 * An issue's `schemaPath` is a pointer into the spec at the keyword that failed (docs/validators.md): through
 * a component that is only a `$ref` to another, and at a `false` schema, which ajv names by no keyword of the spec;
 * a plain JSON pointer throughout (ajv URI-escapes the segments it writes).
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
    Named:
      type: object
      properties: { "a b": { type: string }, "größe": { type: string }, "a/{b}": { type: string }, "50%": { type: string }, __proto__: { type: string } }
      patternProperties: { "^x-[a-z]+$": { type: string } }
    "Pair/Of~Names": { type: object, properties: { n: { type: integer } } }
    "x~1y": { type: string }
    UsesOdd: { type: object, properties: { pair: { $ref: "#/components/schemas/Pair~1Of~0Names" }, xy: { $ref: "#/components/schemas/x~01y" } } }
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

it("property names and patterns are written as the spec writes them, as the pointer's other segments are", async () => {
  const v = await validators();
  const value = JSON.parse('{"a b": 1, "größe": 1, "a/{b}": 1, "50%": 1, "__proto__": 1, "x-y": 1}');
  expect(paths(v.validateNamed!(value))?.sort()).toEqual([
    "/50% type #/components/schemas/Named/properties/50%/type",
    "/__proto__ type #/components/schemas/Named/properties/__proto__/type",
    "/a b type #/components/schemas/Named/properties/a b/type",
    "/a~1{b} type #/components/schemas/Named/properties/a~1{b}/type",
    "/größe type #/components/schemas/Named/properties/größe/type",
    "/x-y type #/components/schemas/Named/patternProperties/^x-[a-z]+$/type",
  ]);
}, 30_000);

// a component's name is one segment of the pointer: "/" and "~" escaped (the own validator's paths said
// `Pair/Of~Names`, and a name holding "~1" named no schema for ajv)
it("a component whose name holds / or ~ is one escaped segment of its paths", async () => {
  const v = await validators();
  expect(paths(v.validatePairOfNames!({ n: "1" }))).toEqual(["/n type #/components/schemas/Pair~1Of~0Names/properties/n/type"]);
  expect(paths(v.validateX1y!(1))).toEqual([" type #/components/schemas/x~01y/type"]);
  expect(v.validateX1y!("s").ok).toBe(true);
  expect(paths(v.validateUsesOdd!({ pair: { n: "1" }, xy: 2 }))?.sort()).toEqual([
    "/pair/n type #/components/schemas/Pair~1Of~0Names/properties/n/type",
    "/xy type #/components/schemas/x~01y/type",
  ]);
}, 30_000);

it("a multipart body that is a $ref to a component reports that component's paths (its files relaxed in a copy)", async () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "openapi.yaml"), `openapi: 3.1.0
info: { title: upload, version: "1" }
paths:
  /avatar:
    post:
      operationId: setAvatar
      requestBody: { content: { multipart/form-data: { schema: { $ref: '#/components/schemas/Avatar' } } } }
      responses: { "204": { description: done } }
components:
  schemas:
    Avatar:
      type: object
      required: [image, name]
      properties: { image: { type: string, format: binary }, name: { type: string, minLength: 2 } }
`);
  const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
  expect(paths(v.validateSetAvatarRequest!({ image: {}, name: "a" }))).toEqual(["/name minLength #/components/schemas/Avatar/properties/name/minLength"]);
  expect(paths(v.validateSetAvatarRequest!({ name: "ab" }))).toEqual(["/image required #/components/schemas/Avatar/required"]);
}, 30_000);
