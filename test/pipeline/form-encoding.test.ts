/**
 * A form body's Encoding Objects at generation (generator/ir/form-encoding.ts): what each asks of the runtimes,
 * the client's table of field styles, and the server's shape of a deepObject field (emit/server/deep-shapes.ts),
 * all of it data: spec text stays strings.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { MediaIR } from "../../generator/ir/types.js";
import { fieldStyle, formEncodings, type FieldShape } from "../../generator/ir/form-encoding.js";
import { deepShape } from "../../generator/emit/server/deep-shapes.js";
import { formFields } from "../../generator/emit/server/form-fields.js";
import { formEncodingTable } from "../../generator/emit/client/form-encodings.js";

const form = (schema: MediaIR["schema"], encoding?: MediaIR["encoding"]): MediaIR => ({ mediaType: "application/x-www-form-urlencoded", schema, encoding, examples: {}, pointer: "#/paths/~1p/post/requestBody/content/application~1x-www-form-urlencoded" });
const evaluate = (text: string): unknown => {
  const sandbox: Record<string, unknown> = {};
  const value = runInNewContext(`(${text})`, sandbox) as unknown;
  expect(sandbox).toEqual({});
  return value;
};

describe("what an encoding entry asks of the runtimes", () => {
  const list = { list: true, object: false };
  const object = { list: false, object: true };
  const scalar = { list: false, object: false };
  const cases: Array<{ name: string; given: Record<string, unknown>; shape: FieldShape; want: ReturnType<typeof fieldStyle> }> = [
    { name: "deepObject, whatever the schema", given: { style: "deepObject", explode: true }, shape: scalar, want: "deepObject" },
    { name: "form with explode (the default) on a list: the default, repeated names", given: { style: "form", explode: true }, shape: list, want: undefined },
    { name: "form without explode on a list: commas", given: { style: "form", explode: false }, shape: list, want: "form" },
    { name: "no style, explode false: form's commas", given: { explode: false }, shape: list, want: "form" },
    { name: "pipeDelimited on a list", given: { style: "pipeDelimited" }, shape: list, want: "pipeDelimited" },
    { name: "form without explode on an object: names and values in turn, with commas", given: { style: "form", explode: false }, shape: object, want: "form" },
    { name: "spaceDelimited on an object", given: { style: "spaceDelimited" }, shape: object, want: "spaceDelimited" },
    { name: "form with explode on an object: the default (its JSON text)", given: { style: "form" }, shape: object, want: undefined },
    { name: "a delimited style on a scalar changes nothing", given: { style: "spaceDelimited" }, shape: scalar, want: undefined },
    { name: "contentType alone: the default", given: { contentType: "application/json" }, shape: list, want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(fieldStyle(formEncodings(form({}, { f: c.given }))[0], c.shape)).toEqual(c.want));

  it("types each entry with the OpenAPI defaults, and its pointer", () => {
    expect(formEncodings(form({}, { "a/b": { style: "deepObject" }, c: { allowReserved: true, contentType: "text/plain" }, d: "not an object" }))).toEqual([
      { name: "a/b", style: "deepObject", explode: false, allowReserved: false, contentType: undefined, pointer: "#/paths/~1p/post/requestBody/content/application~1x-www-form-urlencoded/encoding/a~1b" },
      { name: "c", style: undefined, explode: true, allowReserved: true, contentType: "text/plain", pointer: "#/paths/~1p/post/requestBody/content/application~1x-www-form-urlencoded/encoding/c" },
    ]);
  });
});

describe("the server's shape of a deepObject field", () => {
  const cases: Array<{ name: string; given: unknown; want: unknown }> = [
    { name: "text stays text: nothing to say", given: { type: "string" }, want: {} },
    { name: "an object of strings (Stripe's metadata, or \"\")", given: { anyOf: [{ type: "object", additionalProperties: { type: "string" } }, { type: "string", enum: [""] }] }, want: { object: true } },
    {
      name: "a list of objects: numbers and booleans typed, text members left out",
      given: { type: "array", items: { type: "object", properties: { price: { type: "string" }, quantity: { type: "integer" }, on: { type: "boolean" } } } },
      want: { items: { object: true, members: [["quantity", { type: "integer" }], ["on", { type: "boolean" }]] } },
    },
    { name: "a number or a listed string (Stripe's anyOf [integer, enum [\"\"]]): read as a number where it is one", given: { anyOf: [{ type: "integer" }, { type: "string", enum: ["", "now"] }] }, want: { type: "integer", texts: ["", "now"] } },
    { name: "a number or any text: left as text", given: { type: ["integer", "string"] }, want: {} },
    { name: "a list or \"\" (Stripe's way to clear a list)", given: { anyOf: [{ type: "array", items: { type: "string" } }, { type: "string", enum: [""] }] }, want: { texts: [""], items: {} } },
    {
      name: "a member listed as text is kept where other members have a shape (additionalProperties)",
      given: { type: "object", properties: { name: { type: "string" } }, additionalProperties: { type: "number" } },
      want: { object: true, members: [["name", {}]], others: { type: "number" } },
    },
    {
      name: "allOf members merged; names from the spec are data",
      given: { allOf: [{ type: "object", properties: JSON.parse('{"__proto__": { "type": "integer" }}') as object }, { properties: { "\"]})//": { type: "boolean" } } }] },
      want: { object: true, members: [["__proto__", { type: "integer" }], ["\"]})//", { type: "boolean" }]] },
    },
  ];
  for (const c of cases) it(c.name, () => expect(evaluate(deepShape({}, c.given).text)).toEqual(c.want));

  it("a recursive schema stops where it recurs", () => {
    const document = { components: { schemas: { Node: { type: "object", properties: { n: { type: "integer" }, child: { $ref: "#/components/schemas/Node" } } } } } };
    expect(evaluate(deepShape(document, { $ref: "#/components/schemas/Node" }).text)).toEqual({ object: true, members: [["n", { type: "integer" }]] });
  });
});

describe("the tables the runtimes read", () => {
  const schema = { type: "object", properties: { meta: { type: "object" }, tags: { type: "array", items: { type: "integer" } }, note: { type: "string" }, plain: { type: "object" }, color: { type: "object", properties: { R: { type: "integer" } } } } };
  const encoding = { meta: { style: "deepObject", explode: true }, tags: { style: "form", explode: false }, note: { allowReserved: true }, ghost: { style: "deepObject" }, color: { style: "pipeDelimited" } };

  it("client: each field sent its own way, and only those", () => {
    expect(evaluate(formEncodingTable({}, form(schema, encoding), false)!.text)).toEqual([["meta", "deepObject"], ["tags", "form"], ["note", null, true], ["color", "pipeDelimited"]]);
    // allowReserved means nothing in multipart: parts are not percent-encoded
    expect(evaluate(formEncodingTable({}, { ...form(schema, encoding), mediaType: "multipart/form-data" }, true)!.text)).toEqual([["meta", "deepObject"], ["tags", "form"], ["color", "pipeDelimited"]]);
    expect(formEncodingTable({}, form(schema), false)).toBeUndefined();
  });

  it("server: a deepObject field's shape, a delimited list's separator, a delimited object's shape and separator", () => {
    expect(evaluate(formFields({}, form(schema, encoding), false).text)).toEqual([["meta", "deepObject", { object: true }], ["tags", "array", "integer", undefined, ","], ["note", "string"], ["plain", "json"], ["color", "object", { object: true, members: [["R", { type: "integer" }]] }, "|"]]);
  });
});
