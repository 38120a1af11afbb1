/**
 * The issues of a discriminated `oneOf` (generator/emit/validators/discriminator-keyword.ts): a tag naming
 * a branch gets that branch's issues, at the mapped component's own schema paths; a missing or unknown tag
 * gets one issue at the tag, naming the values that select a branch. Before, the composition compiled as
 * an if/then/else chain and every wrong value got ~5 issues at `#/.../allOf/0/else/else/oneOf` and the like.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { importableSources, tempDir } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const spec = {
  openapi: "3.1.0",
  info: { title: "pets", version: "1" },
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        parameters: [{ name: "like", in: "query", style: "deepObject", explode: true, schema: ref("Pet") }],
        responses: { "200": { description: "ok", ...json({ type: "array", items: ref("Pet") }) } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { oneOf: [ref("Dog"), ref("Cat")], discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog", cat: "#/components/schemas/Cat" } } },
      Dog: { type: "object", required: ["petType", "bark"], properties: { petType: { type: "string" }, bark: { type: "integer", maximum: 10 } } },
      Cat: { type: "object", required: ["petType", "lives"], properties: { petType: { type: "string" }, lives: { type: "integer" } } },
    },
  },
};

type Issue = { path: string; keyword: string; schemaPath: string; message: string };
type Api = Record<string, (v: unknown) => { ok: boolean; errors?: Issue[] }>;

async function validators(options: ValidatorOptions = {}): Promise<Api> {
  const input = path.join(tempDir(), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, targets: ["validators"], validators: options });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
}

const ALLOWED = '"dog", "Dog", "cat", "Cat"';
const unknownTag = (at: string): Issue => ({ path: `${at}/petType`, keyword: "discriminator", schemaPath: "#/components/schemas/Pet/discriminator", message: `must be one of ${ALLOWED}` });

describe.each([["every error", {}], ["the first error", { allErrors: false }]])("a discriminated oneOf's issues (%s)", (_name, options) => {
  it("an unknown or missing tag: one issue at the tag, naming the values that select a branch", async () => {
    const v = await validators(options);
    expect(v.validatePet!({ petType: "fish" }).errors).toEqual([unknownTag("")]);
    expect(v.validatePet!({ lives: 1 }).errors).toEqual([{ ...unknownTag(""), message: `is required, one of ${ALLOWED}` }]);
    expect(v.validatePet!({ petType: 7 }).errors).toEqual([unknownTag("")]);
    // a tag naming no branch leaves the value to the composition as JSON Schema reads it: Dog alone takes this one
    expect(v.validatePet!({ petType: "fish", bark: 1 }).ok).toBe(true);
    // inside an array, at the item's tag
    expect(v.validateListPetsResponse200!([{ petType: "cat", lives: 9 }, { petType: "eel" }]).errors).toEqual([unknownTag("/1")]);
  });

  it("a tag naming a branch: that branch's issues only, at the mapped component's own schema paths", async () => {
    const v = await validators(options);
    expect(v.validatePet!({ petType: "dog", bark: 11 }).errors).toEqual([
      { path: "/bark", keyword: "maximum", schemaPath: "#/components/schemas/Dog/properties/bark/maximum", message: "must be <= 10" },
    ]);
    // Cat's shape under Dog's tag is judged as a Dog
    expect(v.validatePet!({ petType: "Dog", lives: 9 }).errors).toEqual([
      { path: "/bark", keyword: "required", schemaPath: "#/components/schemas/Dog/required", message: "is required" },
    ]);
    expect(v.validatePet!({ petType: "cat", lives: 9 }).ok).toBe(true);
  });

  it("a value that is no object has no tag: the composition's own issues, at the spec's oneOf", async () => {
    const v = await validators(options);
    const errors = v.validatePet!(5).errors!;
    expect(errors.map((e) => e.schemaPath)).toContain("#/components/schemas/Pet/oneOf");
    expect(errors.every((e) => !/\/(if|then|else)\b/.test(e.schemaPath))).toBe(true);
  });

  it("a coerced query parameter (its oneOf read as an anyOf) is chosen by its tag the same way", async () => {
    const v = await validators(options);
    expect(v.validateListPetsQueryParams!({ like: { petType: "dog", bark: "3" } })).toEqual({ ok: true, value: { like: { petType: "dog", bark: 3 } } });
    expect(v.validateListPetsQueryParams!({ like: { petType: "dog", bark: "30" } }).errors).toEqual([
      { path: "/like/bark", keyword: "maximum", schemaPath: "#/components/schemas/Dog/properties/bark/maximum", message: "must be <= 10" },
    ]);
    expect(v.validateListPetsQueryParams!({ like: { petType: "eel" } }).errors).toEqual([unknownTag("/like")]);
  });
});

it("unknownProperties reject: the branch a tag chooses counts its properties as evaluated", async () => {
  const v = await validators({ unknownProperties: "reject" });
  expect(v.validatePet!({ petType: "dog", bark: 1 }).ok).toBe(true);
  expect(v.validatePet!({ petType: "dog", bark: 1, lives: 2 }).errors).toEqual([
    { path: "/lives", keyword: "unevaluatedProperties", schemaPath: "#/components/schemas/Pet/unevaluatedProperties", message: "is not an allowed property" },
  ]);
  // the composition's fallback too: Dog alone takes this tag-less value
  expect(v.validatePet!({ petType: "fish", bark: 1 }).ok).toBe(true);
});

it("a tag named like Object.prototype's (constructor) is the value's own: missing when the value has none", async () => {
  const input = path.join(tempDir(), "openapi.json");
  const kind = (k: string) => ({ type: "object", required: ["constructor"], properties: { constructor: { const: k }, n: { type: "integer" } } });
  writeFileSync(input, JSON.stringify({
    openapi: "3.1.0",
    info: { title: "tags", version: "1" },
    paths: {},
    components: { schemas: { Made: { oneOf: [ref("C"), ref("D")], discriminator: { propertyName: "constructor", mapping: { c: "#/components/schemas/C", d: "#/components/schemas/D" } } }, C: kind("c"), D: kind("d") } },
  }));
  const { files } = await generate({ input, targets: ["validators"] });
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
  const allowed = '"c", "C", "d", "D"';
  expect(v.validateMade!({ n: 1 }).errors).toEqual([{ path: "/constructor", keyword: "discriminator", schemaPath: "#/components/schemas/Made/discriminator", message: `is required, one of ${allowed}` }]);
  expect(v.validateMade!({ constructor: "x" }).errors?.map((e) => e.message)).toEqual([`must be one of ${allowed}`]);
  expect(v.validateMade!({ constructor: "d", n: "1" }).errors?.map((e) => `${e.path} ${e.schemaPath}`)).toEqual(["/n #/components/schemas/D/properties/n/type"]);
});
