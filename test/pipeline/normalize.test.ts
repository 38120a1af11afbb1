/** OpenAPI 3.0 -> 3.1, given/want. */
import { describe, expect, it } from "vitest";
import { normalize } from "../../generator/normalize/normalize.js";

const doc30 = (schema: unknown) => ({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {}, components: { schemas: { S: schema } } });
const schemaOf = (d: Record<string, unknown>) => (d.components as { schemas: { S: unknown } }).schemas.S;

describe("normalize 3.0 -> 3.1", () => {
  it.each([
    ["nullable type", { type: "string", nullable: true }, { type: ["string", "null"] }],
    ["nullable enum", { type: "string", enum: ["a"], nullable: true }, { type: ["string", "null"], enum: ["a", null] }],
    ["nullable false", { type: "string", nullable: false }, { type: "string" }],
    ["nullable $ref via allOf", { allOf: [{ $ref: "#/components/schemas/T" }], nullable: true, description: "d" }, { description: "d", anyOf: [{ allOf: [{ $ref: "#/components/schemas/T" }] }, { type: "null" }] }],
    ["exclusiveMinimum true", { type: "number", minimum: 1, exclusiveMinimum: true }, { type: "number", exclusiveMinimum: 1 }],
    ["exclusiveMaximum false", { type: "number", maximum: 9, exclusiveMaximum: false }, { type: "number", maximum: 9 }],
    ["example", { type: "string", example: "x" }, { type: "string", examples: ["x"] }],
    ["nested", { type: "object", properties: { a: { type: "integer", nullable: true } } }, { type: "object", properties: { a: { type: ["integer", "null"] } } }],
  ])("%s", (_name, given, want) => {
    const out = normalize(doc30(given));
    expect(out.openapi).toBe("3.1.0");
    expect(schemaOf(out)).toEqual(want);
  });

  it("leaves data alone: nullable inside an example, a default or an extension is not a keyword", () => {
    const schema = { type: "object", default: { nullable: true }, examples: [{ nullable: true }], "x-meta": { nullable: true, type: "string" } };
    expect(schemaOf(normalize(doc30(structuredClone(schema))))).toEqual(schema);
  });

  it("a media type's single example becomes a named example, in 3.1 too", () => {
    const d = { openapi: "3.1.0", info: {}, paths: { "/a": { get: { responses: { "200": { description: "", content: { "application/json": { example: { a: 1 } } } } } } } } };
    normalize(d);
    expect(d.paths["/a"].get.responses["200"].content["application/json"]).toEqual({ examples: { default: { value: { a: 1 } } } });
  });

  it("leaves a 3.1 document's schemas as they are", () => {
    const d = { openapi: "3.1.0", info: {}, paths: {}, components: { schemas: { S: { type: "string", nullable: true } } } };
    normalize(d);
    expect(d.components.schemas.S).toEqual({ type: "string", nullable: true });
  });
});

describe("type: null beside oneOf/anyOf (Vercel's EdgeConfigItemValue)", () => {
  const doc31 = (schemas: Record<string, unknown>) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } });

  it("reads null as one more branch when every branch's type excludes null, with a warning at the schema", () => {
    const value = { type: "null", oneOf: [{ type: "string" }, { type: "array", items: { $ref: "#/components/schemas/V" } }, { $ref: "#/components/schemas/N" }] };
    const warnings: Array<{ pointer: string; code: string }> = [];
    const d = normalize(doc31({ V: value, N: { type: ["number", "boolean"] } }), (w) => warnings.push(w));
    expect((d.components as { schemas: Record<string, unknown> }).schemas.V).toEqual({
      oneOf: [{ type: "string" }, { type: "array", items: { $ref: "#/components/schemas/V" } }, { $ref: "#/components/schemas/N" }, { type: "null" }],
    });
    expect(warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(["normalize/null-beside-composition /components/schemas/V"]);
  });

  it.each([
    ["a branch without a type", { type: "null", anyOf: [{ type: "string" }, { minLength: 1 }] }],
    ["a branch that admits null", { type: "null", oneOf: [{ type: ["string", "null"] }, { type: "integer" }] }],
    ["a $ref to an untyped schema", { type: "null", oneOf: [{ $ref: "#/components/schemas/U" }] }],
    ["both oneOf and anyOf", { type: "null", oneOf: [{ type: "string" }], anyOf: [{ type: "string" }] }],
    ["a type that is not null alone", { type: ["null", "string"], oneOf: [{ type: "string" }] }],
  ])("leaves the schema as written with %s", (_name, schema) => {
    const warnings: unknown[] = [];
    const d = normalize(doc31({ S: structuredClone(schema), U: { description: "anything" } }), (w) => warnings.push(w));
    expect(schemaOf(d)).toEqual(schema);
    expect(warnings).toEqual([]);
  });
});


describe("a oneOf/anyOf branch that is the schema itself (self-union.ts)", () => {
  const doc31 = (schemas: Record<string, unknown>) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } });
  const self = { $ref: "#/components/schemas/S" };

  it.each([
    ["oneOf with null", { oneOf: [self, { type: "null" }] }, { oneOf: [{ type: "null" }] }, 1],
    ["anyOf with null", { anyOf: [{ type: "null" }, self] }, { anyOf: [{ type: "null" }] }, 1],
    ["a type array branch", { oneOf: [self, { type: ["string", "null"] }] }, { oneOf: [{ type: ["string", "null"] }] }, 1],
    ["a $ref with siblings, an allOf holding it, a wrapper of it", { anyOf: [{ ...self, description: "d" }, { allOf: [self, { type: "string" }] }, { oneOf: [self] }, { type: "integer" }] }, { anyOf: [{ type: "integer" }] }, 1],
    ["nested in another union's branch", { anyOf: [{ oneOf: [self, { type: "integer" }] }, { type: "null" }] }, { anyOf: [{ oneOf: [{ type: "integer" }] }, { type: "null" }] }, 1],
    ["no other branch: no value", { type: ["object", "null"], anyOf: [self] }, { type: ["object", "null"], allOf: [{ not: {} }] }, 1],
    ["recursion through an item stays", { oneOf: [{ type: "array", items: self }, { type: "null" }] }, { oneOf: [{ type: "array", items: self }, { type: "null" }] }, 0],
    ["a $ref to another schema stays", { oneOf: [{ $ref: "#/components/schemas/T" }, { type: "null" }] }, { oneOf: [{ $ref: "#/components/schemas/T" }, { type: "null" }] }, 0],
  ])("%s", (_name, given, want, warned) => {
    const warnings: Array<{ pointer: string; code: string }> = [];
    const d = normalize(doc31({ S: structuredClone(given), T: { type: "string" } }), (w) => warnings.push(w));
    expect(schemaOf(d)).toEqual(want);
    expect(warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual(Array(warned).fill("normalize/self-union /components/schemas/S"));
  });

  it("3.0: nullable beside allOf or oneOf of itself", () => {
    const d = normalize({ openapi: "3.0.3", info: {}, paths: {}, components: { schemas: {
      S: { allOf: [self], nullable: true },
      O: { oneOf: [{ $ref: "#/components/schemas/O" }, { type: "integer" }], nullable: true },
    } } });
    const schemas = (d.components as { schemas: Record<string, unknown> }).schemas;
    expect(schemas.S).toEqual({ anyOf: [{ type: "null" }] });
    expect(schemas.O).toEqual({ anyOf: [{ oneOf: [{ type: "integer" }] }, { type: "null" }] });
  });
});

describe("3.2 -> 3.1: a media type's itemEncoding and prefixEncoding", () => {
  const media = (fields: Record<string, unknown>) => {
    const d = { openapi: "3.2.0", info: {}, paths: { "/a": { post: { requestBody: { content: { "multipart/mixed": { schema: { type: "array" }, ...fields } } }, responses: { "204": { description: "" } } } } } };
    normalize(d);
    return d.paths["/a"].post.requestBody.content["multipart/mixed"];
  };

  it("go when well-formed (3.1 cannot say them); a malformed one stays, for the check stage to refuse", () => {
    expect(media({ prefixEncoding: [{ contentType: "text/plain" }, { headers: { "X-A": { schema: { type: "string" } } } }], itemEncoding: { contentType: "image/png" } })).toEqual({ schema: { type: "array" } });
    for (const [key, value] of [["prefixEncoding", 5], ["prefixEncoding", [{ contentType: "text/plain" }, 5]], ["prefixEncoding", [{ headers: 5 }]], ["itemEncoding", ["a"]], ["itemSchema", "a"]] as const) {
      expect(media({ [key]: value })).toEqual({ schema: { type: "array" }, [key]: value });
    }
  });
});
