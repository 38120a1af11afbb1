/**
 * A parameter's issues point into the spec where the parameter is written: its schema
 * (`#/paths/~1pets/get/parameters/1/schema/maximum`, a path item's own list, a `$ref`'d component's, a
 * `content` entry's) and its `required`. Before, they named the made-up object the validator checks
 * (`#/paths/~1pets/get/parameters/properties/limit/maximum`), which no pointer of the spec resolves to.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { resolvePointer } from "../../generator/openapi/pointer.js";
import { importableSources, tempDir } from "../helpers/project.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "pets", version: "1" },
  paths: {
    "/pets/{shop}": {
      parameters: [{ name: "shop", in: "path", required: true, schema: { type: "string", pattern: "^[a-z]+$" } }],
      get: {
        operationId: "listPets",
        parameters: [
          { name: "tags", in: "query", required: true, schema: { type: "array", items: { type: "string", maxLength: 3 } } },
          { $ref: "#/components/parameters/Limit" },
          { name: "a/b~c", in: "query", schema: { type: "integer" } },
          { name: "filter", in: "query", content: { "application/json": { schema: { type: "object", properties: { age: { type: "integer" } } } } } },
        ],
        responses: { "204": { description: "none" } },
      },
    },
  },
  components: { parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer", maximum: 50 } } } },
};

type Issue = { path: string; keyword: string; schemaPath: string };
type Api = Record<string, (v: unknown) => { ok: boolean; errors?: Issue[] }>;

async function validators(options: ValidatorOptions): Promise<Api> {
  const input = path.join(tempDir(), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, targets: ["validators"], validators: options });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
}

/** Each schema path resolves in the spec to the keyword it names. */
function resolvable(issues: Issue[]): void {
  for (const i of issues) expect(resolvePointer(spec, i.schemaPath.slice(1)).value, i.schemaPath).toBeDefined();
}

describe.each([["coerced (as a server reads them)", {}], ["not coerced", { coerceParameters: false }]])("parameter schema paths, %s", (_name, options) => {
  it("an issue inside a parameter's schema points at that parameter's schema in the spec", async () => {
    const v = await validators(options);
    const query = v.validateListPetsQueryParams!({ tags: ["long"], limit: 99, "a/b~c": "x", filter: { age: "x" } }).errors!;
    expect(query.map(({ path, keyword, schemaPath }) => ({ path, keyword, schemaPath }))).toEqual([
      { path: "/tags/0", keyword: "maxLength", schemaPath: "#/paths/~1pets~1{shop}/get/parameters/0/schema/items/maxLength" },
      { path: "/limit", keyword: "maximum", schemaPath: "#/components/parameters/Limit/schema/maximum" },
      { path: "/a~1b~0c", keyword: "type", schemaPath: "#/paths/~1pets~1{shop}/get/parameters/2/schema/type" },
      { path: "/filter/age", keyword: "type", schemaPath: "#/paths/~1pets~1{shop}/get/parameters/3/content/application~1json/schema/properties/age/type" },
    ]);
    resolvable(query);
    const pathParams = v.validateListPetsPathParams!({ shop: "A" }).errors!;
    expect(pathParams).toEqual([expect.objectContaining({ path: "/shop", keyword: "pattern", schemaPath: "#/paths/~1pets~1{shop}/parameters/0/schema/pattern" })]);
    resolvable(pathParams);
  });

  it("a missing required parameter points at its `required`", async () => {
    const v = await validators(options);
    const errors = v.validateListPetsQueryParams!({}).errors!;
    expect(errors).toEqual([expect.objectContaining({ path: "/tags", keyword: "required", schemaPath: "#/paths/~1pets~1{shop}/get/parameters/0/required" })]);
    resolvable(errors);
  });
});
