/**
 * Request bodies by media type, at generation: the names of their validators (generator/names/request-bodies.ts)
 * the multipart schema whose file parts take any value (generator/openapi/file-parts.ts) and the rule the
 * server checks each file by instead (generator/openapi/file-rules.ts).
 */
import { writeFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir } from "../helpers/project.js";
import type { MediaIR } from "../../generator/ir/types.js";
import { requestBodyNames } from "../../generator/names/request-bodies.js";
import { fileKeys, fileProperties, relaxFiles, type FileSite } from "../../generator/openapi/file-parts.js";
import { fileRule, type FileRule } from "../../generator/openapi/file-rules.js";
import { formFields } from "../../generator/emit/server/form-fields.js";

const media = (mediaType: string, schema?: MediaIR["schema"]): MediaIR => ({ mediaType, schema, examples: {}, pointer: "" });
const input = { type: "object", properties: { a: { type: "string" } } };
const other = { type: "object", properties: { b: { type: "integer" } } };

describe("request body names", () => {
  const cases: Array<{ name: string; given: MediaIR[]; want: Record<string, string> }> = [
    { name: "one JSON body", given: [media("application/json", input)], want: { "application/json": "XRequest" } },
    {
      name: "a form with the JSON schema shares its name; a multipart one never does (its validator takes files)",
      given: [media("application/json", input), media("application/x-www-form-urlencoded", input), media("multipart/form-data", input)],
      want: { "application/json": "XRequest", "application/x-www-form-urlencoded": "XRequest", "multipart/form-data": "XRequestMultipart" },
    },
    {
      name: "other schemas get names of their own; text and bytes none",
      given: [media("application/json", input), media("application/x-www-form-urlencoded", other), media("application/merge-patch+json", other), media("text/plain", { type: "string" }), media("application/octet-stream")],
      want: { "application/json": "XRequest", "application/x-www-form-urlencoded": "XRequestForm", "application/merge-patch+json": "XRequestForm" },
    },
    { name: "a media type in words", given: [media("application/json", input), media("application/vnd.acme+json", other)], want: { "application/json": "XRequest", "application/vnd.acme+json": "XRequestApplicationVndAcmeJson" } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const aliases: string[] = [];
      const got = requestBodyNames(c.given, c.given[0]!, "XRequest", false, (suffix: string) => (aliases.push(suffix), `X${suffix}`));
      expect(got).toEqual(c.want);
      expect(new Set(aliases).size).toBe(aliases.length);
    });
  }

  it("a multipart body with files whose Request name is a component's gets a validator name of its own, never sharing that component's", () => {
    const calls: Array<[string, boolean | undefined]> = [];
    const multipart = media("multipart/form-data", input);
    const alias = (suffix: string, _m: unknown, shareSchema?: boolean) => (calls.push([suffix, shareSchema]), `X${suffix}`);
    const ownValidator = (m: { mediaType: string }) => m.mediaType === "multipart/form-data";
    expect(requestBodyNames([multipart], multipart, "XRequest", true, alias, ownValidator)).toEqual({ "multipart/form-data": "XRequestMultipart" });
    expect(calls).toEqual([["RequestMultipart", false]]);
    // the name is the body's own (not a component's): its validator already relaxes the files
    expect(requestBodyNames([multipart], multipart, "XRequest", false, alias, ownValidator)).toEqual({ "multipart/form-data": "XRequest" });
  });
});

describe("multipart file parts", () => {
  const document = { components: { schemas: { Avatar: { type: "string", format: "binary" }, Form: { type: "object", properties: { pic: { $ref: "#/components/schemas/Avatar" } } } } } };
  // a site's place refuses a placeholder that names its id among the rules the file failed (see FileSite),
  // and judges any other value (text kept as text) by the file's schema
  const marker = (id: number, file: unknown) => ({ not: { type: "string", pattern: `^\u0000,(?:\\d+,)*${id},` }, if: { type: "string", pattern: "^\u0000," }, else: file });
  const cases: Array<{ name: string; given: unknown; files: string[]; want: unknown; sites?: FileSite[] }> = [
    { name: "no files: the schema itself", given: input, files: [], want: input },
    {
      name: "format binary, contentMediaType, a list of files, a $ref to a binary string",
      given: { type: "object", required: ["f"], properties: { f: { type: "string", format: "binary" }, g: { contentMediaType: "image/png" }, h: { type: "array", maxItems: 2, items: { type: "string", contentEncoding: "base64" } }, i: { $ref: "#/components/schemas/Avatar" }, n: { type: "string" } } },
      files: ["f", "g", "h", "i"],
      want: { type: "object", required: ["f"], properties: { f: true, g: true, h: { type: "array", maxItems: 2, items: true }, i: true, n: { type: "string" } } },
    },
    { name: "a $ref to a form and allOf members", given: { allOf: [{ $ref: "#/components/schemas/Form" }, input] }, files: ["pic"], want: { allOf: [{ type: "object", properties: { pic: true } }, input] } },
    {
      name: "a $ref with keywords beside it keeps them: the target becomes one more allOf member",
      given: { $ref: "#/components/schemas/Form", required: ["title"], properties: { title: { maxLength: 3 } } },
      files: ["pic"],
      want: { required: ["title"], properties: { title: { maxLength: 3 } }, allOf: [{ type: "object", properties: { pic: true } }] },
    },
    { name: "a binary string inside a JSON part is text, not a file", given: { type: "object", properties: { meta: { type: "object", properties: { raw: { type: "string", format: "binary" } } } } }, files: [], want: { type: "object", properties: { meta: { type: "object", properties: { raw: { type: "string", format: "binary" } } } } } },
    {
      name: "oneOf/anyOf branches and additionalProperties of files are relaxed too (a file's minLength would refuse the placeholder)",
      given: { oneOf: [{ type: "object", properties: { f: { type: "string", format: "binary", minLength: 2 } } }, { $ref: "#/components/schemas/Form" }], anyOf: [input], additionalProperties: { type: "array", items: { contentMediaType: "image/png" } } },
      files: [],
      want: { oneOf: [{ type: "object", properties: { f: marker(1, { type: "string", format: "binary", minLength: 2 }) } }, { type: "object", properties: { pic: marker(2, { $ref: "#/components/schemas/Avatar" }) } }], anyOf: [input], additionalProperties: { type: "array", items: marker(0, { contentMediaType: "image/png" }) } },
      sites: [
        { name: null, list: true, file: { contentMediaType: "image/png" } },
        { name: "f", list: false, file: { type: "string", format: "binary", minLength: 2 } },
        { name: "pic", list: false, file: { $ref: "#/components/schemas/Avatar" } },
      ],
    },
    {
      name: "a file in an allOf member inside a branch is a site; one in an allOf member outside any branch is not",
      given: { allOf: [{ properties: { a: { format: "binary" } } }, { anyOf: [{ allOf: [{ properties: { b: { format: "binary" } } }] }] }] },
      files: ["a"],
      want: { allOf: [{ properties: { a: true } }, { anyOf: [{ allOf: [{ properties: { b: marker(0, { format: "binary" }) } }] }] }] },
      sites: [{ name: "b", list: false, file: { format: "binary" } }],
    },
    { name: "additionalProperties that are not files stay", given: { type: "object", properties: { f: { format: "binary" } }, additionalProperties: { type: "string" } }, files: ["f"], want: { type: "object", properties: { f: true }, additionalProperties: { type: "string" } } },
    { name: "a `__proto__` file property stays an own key", given: JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string","format":"binary"}}}'), files: ["__proto__"], want: JSON.parse('{"type":"object","properties":{"__proto__":true}}') },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(fileProperties(document, c.given)).toEqual(c.files);
      const { schema: got, sites } = relaxFiles(document, c.given);
      expect(got).toEqual(c.want);
      expect(JSON.stringify(got)).toBe(JSON.stringify(c.want));
      expect(sites).toEqual(c.sites ?? []);
    });
  }

  it("says where a part may be text: names a schema declares as text, and patternProperties or additionalProperties of text", () => {
    const branches = { oneOf: [{ properties: { kind: { const: "a" }, data: { format: "binary" } }, additionalProperties: { not: {} } }, { properties: { data: { type: "string" }, any: {} }, additionalProperties: { format: "binary" } }] };
    expect(fileKeys(document, branches)).toEqual({ names: ["data"], others: true, texts: ["kind", "data"], textOthers: false });
    expect(fileKeys(document, { patternProperties: { "^m": { type: "string" } }, additionalProperties: { format: "binary" } }).textOthers).toBe(true);
    expect(fileKeys(document, { anyOf: [{ additionalProperties: { type: "integer" } }], properties: { f: { format: "binary" } } }).textOthers).toBe(true);
  });

  it("a marker refuses exactly the placeholders that name its id", () => {
    const refuses = (id: number, placeholder: string) => new RegExp(marker(id, {}).not.pattern, "u").test(placeholder);
    expect(["\u0000,2,", "\u0000,0,2,", "\u0000,2,13,"].every((p) => refuses(2, p))).toBe(true);
    expect(["", "\u0000,12,", "\u0000,0,21,", ",2,", "a file's text ,2,", "text \u0000,2,"].some((p) => refuses(2, p))).toBe(false);
  });
});

describe("file rules", () => {
  const document = { components: { schemas: { Png: { type: "string", contentMediaType: "image/png", maxLength: 10 } } } };
  const cases: Array<{ name: string; schema: unknown; encoding?: string; want: FileRule | undefined }> = [
    { name: "no limits: no rule", schema: { type: "string", format: "binary" }, want: undefined },
    { name: "lengths are bytes; a minLength of 0 says nothing", schema: { type: "string", format: "binary", minLength: 0, maxLength: 0 }, want: { maxBytes: 0 } },
    { name: "lengths that are not whole numbers are left to the linter", schema: { type: "string", format: "binary", minLength: 1.5, maxLength: -1 }, want: undefined },
    { name: "contentMediaType through a $ref", schema: { $ref: "#/components/schemas/Png" }, want: { maxBytes: 10, types: ["image/png"] } },
    { name: "the encoding overrides contentMediaType; the list split, trimmed, lower-cased, parameters dropped", schema: { contentMediaType: "image/gif", minLength: 2 }, encoding: " Image/PNG ;q=1, image/* ,image/png", want: { minBytes: 2, types: ["image/png", "image/*"] } },
    { name: "application/octet-stream names any bytes: no type checked", schema: { contentMediaType: "application/octet-stream" }, want: undefined },
    { name: "so does */* in a list", schema: { type: "string", format: "binary" }, encoding: "image/png, */*", want: undefined },
    { name: "an empty list checks no type", schema: { type: "string", format: "binary" }, encoding: " , ", want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(fileRule(document, c.schema, c.encoding)).toEqual(c.want));

  it("reach the route table as data: spec text in a media type stays a string", () => {
    // no `,` or `;`: those split the list, and all of this must reach the table as one media type
    const evil = 'image/png"]}) || (globalThis.ran = 1) || ({x: ["`${globalThis.ran = 2}`\u2028*/';
    const schema = { type: "object", properties: { a: { type: "string", format: "binary", maxLength: 9 }, l: { type: "array", items: { contentMediaType: evil } }, n: { type: "integer" } } };
    const text = formFields({}, { ...media("multipart/form-data", schema), encoding: { a: { contentType: `${evil}, image/*` } } }, true).text;
    const sandbox: Record<string, unknown> = {};
    const value = runInNewContext(`(${text})`, sandbox) as unknown;
    expect(sandbox.ran).toBeUndefined();
    const type = evil.toLowerCase();
    expect(value).toEqual([["a", "binary", undefined, { maxBytes: 9, types: [type, "image/*"] }], ["l", "array", "binary", { types: [type] }], ["n", "integer"]]);
  });
});

describe("a body alias whose name is taken", () => {
  it("says by whom: another body type of the operation, not a schema", async () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "Taken", version: "1" },
      paths: {
        "/p": {
          post: {
            operationId: "post",
            requestBody: {
              content: {
                "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } },
                "application/x-www-form-urlencoded": { schema: { type: "object", properties: { b: { type: "string" } } } },
                "application/x-www-form-urlencoded; charset=utf-8": { schema: { type: "object", properties: { c: { type: "string" } } } },
              },
            },
            responses: { "204": { description: "ok" } },
          },
        },
      },
    };
    const input = path.join(tempDir(), "openapi.json");
    writeFileSync(input, JSON.stringify(spec));
    const { warnings } = await generate({ input, targets: ["types"] });
    expect(warnings.map((w) => w.message)).toEqual([
      "type 'PostRequestForm' for POST /p is taken (by another type made for the operations); exported as 'PostRequestForm2'",
    ]);
  });
});
