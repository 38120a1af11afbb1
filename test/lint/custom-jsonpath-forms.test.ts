/**
 * JSONPath forms public Spectral rulesets write that jsonpath-plus reads (and lint once rejected): a bare
 * `..` ending the path, union names starting with digits, numbers as an object's property names,
 * `void 0` / `undefined`, and `.length` in filters. Table-driven: `given` is the path, `want` the pointers.
 */
import { describe, expect, it } from "vitest";
import { parseJsonPath } from "../../generator/lint/custom/jsonpath-parse.js";
import { query } from "../../generator/lint/custom/jsonpath.js";

const DOC = {
  info: { title: "T", version: "1" },
  paths: {
    "/a": {
      get: { security: [{ key: [] }], responses: { "200": { description: "ok" }, "4XX": { description: "bad" }, "404": { description: "gone" } } },
      post: { security: [], responses: { default: { description: "x" } } },
    },
  },
  components: { schemas: { S: { type: "string", example: "s" }, N: { type: "number", default: 0 }, E: { type: "string" } } },
};
const select = (p: string) => query({ root: DOC, resolve: true }, parseJsonPath(p)).map((n) => n.pointer);

describe("JSONPath forms of real rulesets", () => {
  const cases: Array<{ given: string; want: string[] }> = [
    // jsonpath-plus reads a bare `..` at the end as the root and every object and array below it.
    { given: "$..", want: ["", "/info", "/paths", "/paths/~1a", "/paths/~1a/get", "/paths/~1a/get/security", "/paths/~1a/get/security/0", "/paths/~1a/get/security/0/key", "/paths/~1a/get/responses", "/paths/~1a/get/responses/200", "/paths/~1a/get/responses/404", "/paths/~1a/get/responses/4XX", "/paths/~1a/post", "/paths/~1a/post/security", "/paths/~1a/post/responses", "/paths/~1a/post/responses/default", "/components", "/components/schemas", "/components/schemas/S", "/components/schemas/N", "/components/schemas/E"] },
    { given: "$.components..", want: ["/components", "/components/schemas", "/components/schemas/S", "/components/schemas/N", "/components/schemas/E"] },
    // Union names that start with digits, and numbers as property names of an object.
    { given: "$.paths[*][*].responses[4XX,404]", want: ["/paths/~1a/get/responses/4XX", "/paths/~1a/get/responses/404"] },
    { given: "$.paths[*][*].responses[default,200]", want: ["/paths/~1a/get/responses/200", "/paths/~1a/post/responses/default"] },
    // `void 0` and `undefined` are undefined; `.length` of a list.
    { given: "$.components.schemas[?(@.example !== void 0 || @.default !== void 0)]", want: ["/components/schemas/S", "/components/schemas/N"] },
    { given: "$.components.schemas[?(@.example === undefined)]", want: ["/components/schemas/N", "/components/schemas/E"] },
    { given: "$.paths[*][?(@.security && @.security.length > 0)]", want: ["/paths/~1a/get"] },
    { given: "$.paths[*][?(@property.length == 4)]", want: ["/paths/~1a/post"] },
  ];
  for (const { given, want } of cases) it(given, () => expect(select(given)).toEqual(want));
});
