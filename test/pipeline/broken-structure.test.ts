/**
 * Structurally broken specs the mutation battery (mutations.test.ts) found crashing a stage: each is now
 * reported at its place, as bad input (SpecforgeError, the CLI's exit 2), by `generate`, `bundle` and diff's
 * loader, and lint reports it as a finding instead of overflowing the stack.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecforgeError, formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import { loadSpec } from "../../generator/load/load-spec.js";
import { upgrade } from "../../generator/upgrade/upgrade.js";
import { bundle } from "../../generator/bundle/bundle.js";
import { tempDir } from "../helpers/project.js";

const HEAD = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n";

function write(files: Record<string, string>): string {
  const dir = tempDir("specforge-broken-");
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, Object.keys(files)[0]!);
}

/** The lines `generate` reports, as `line:col code`; [] when it succeeds. */
async function generated(spec: string): Promise<string[]> {
  try {
    await generate({ input: spec, targets: ["types", "client", "validators", "server"], date: "2026-01-01" });
    return [];
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    return e.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code}`);
  }
}

async function bundled(spec: string): Promise<string[]> {
  try {
    const { root, refs } = upgrade(await loadSpec(spec));
    bundle(root, { refs });
    return [];
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    return e.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code}`);
  }
}

async function linted(spec: string): Promise<string[]> {
  return (await lintFile(spec)).filter((f) => f.severity === "error").map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describe("a schema that refers to itself in place", () => {
  it.each([
    // ajv's validator (generated, and lint's example check) called itself until the stack overflowed
    ["allOf", "    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n      example: {}\n", "8:11"],
    ["not, through a second schema", "    A:\n      $ref: '#/components/schemas/B'\n      example: 1\n    B:\n      not: { $ref: '#/components/schemas/A' }\n", "10:14"],
    ["$ref to itself", "    A: { $ref: '#/components/schemas/A', default: 1 }\n", "6:10"],
  ])("%s: check/schema-cycle at the ref that closes the loop", async (_name, schemas, at) => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n${schemas}` });
    expect(await generated(spec)).toEqual([`${at} check/schema-cycle`]);
    expect(await linted(spec)).toContain(`${at} generator-compat`);
  });

  it("says which keywords loop and what to do", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n` });
    const e = await generate({ input: spec }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpecforgeError);
    expect(formatDiagnostic((e as SpecforgeError).diagnostics[0]!)).toMatch(/error check\/schema-cycle: schema \/components\/schemas\/A refers to itself \(allOf\/0 -> \$ref\) without a property or an item in between.*\(let the recursion go through `properties` or `items`/);
  });

  it("recursion through properties and items still generates", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next: { $ref: '#/components/schemas/Node' }\n        children: { type: array, items: { allOf: [{ $ref: '#/components/schemas/Node' }] } }\n      example: { next: { children: [] } }\n` });
    expect(await generated(spec)).toEqual([]);
    expect(await linted(spec)).toEqual([]);
  });
});

describe("a $ref to the wrong kind of object", () => {
  it.each([
    // the components object was hoisted into components/schemas: a document containing itself (JSON.stringify threw)
    ["#/components", "a map"],
    ["#/components/schemas", "a map"],
    // ajv compiled the request body as a schema: 'schema is invalid' with no place
    ["#/paths/~1a/post/requestBody", "a request body"],
    // openapi-typescript: 'Expected SchemaObject, received string'
    ["#/components/schemas/B/description", "a string"],
  ])("a schema's $ref '%s' (%s): ref/wrong-kind at the $ref", async (ref) => {
    const spec = write({
      "api.yaml": `${HEAD}paths:\n  /a:\n    post:\n      requestBody: { content: { application/json: { schema: { $ref: '${ref}' } } } }\n      responses: { '200': { description: ok } }\ncomponents:\n  schemas:\n    B: { type: string, description: text }\n`,
    });
    expect(await generated(spec)).toEqual(["6:63 ref/wrong-kind"]);
    expect(await bundled(spec)).toEqual(["6:63 ref/wrong-kind"]);
    await expect(lintFile(spec)).resolves.toBeInstanceOf(Array);
  });

  it("a response's $ref to a schema", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: '#/components/schemas/B' }\ncomponents:\n  schemas:\n    B: { type: string }\n` });
    expect(await generated(spec)).toEqual(["7:18 ref/wrong-kind"]);
  });

  it("lint goes on past a schema's `$ref: '#'` (ajv validated the example against the whole document)", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A:\n      anyOf: [{ type: string }, { $ref: '#' }]\n      example: 1\n` });
    expect(await linted(spec)).toContain("7:35 ref-resolves");
  });
});

describe("a discriminator of the wrong shape", () => {
  it.each([
    // openapi-typescript: 'v.startsWith is not a function'
    ["a mapping value that is no text", "{ propertyName: kind, mapping: { a: 1 } }", "7:92 check/schema-keyword"],
    ["a discriminator that is no mapping", "kind", "7:55 check/schema-keyword"],
  ])("%s: check/schema-keyword", async (_name, discriminator, want) => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: object }\n    P: { oneOf: [{ $ref: '#/components/schemas/A' }], discriminator: ${discriminator} }\n` });
    expect(await generated(spec)).toEqual([want]);
  });
});

describe("a schema keyword's number that is none JSON Schema knows", () => {
  // the validators compiled `data > NaN` (never enforced) once ajv's own check of each schema was left to the check stage
  it.each([
    ["YAML's .nan", "{ type: number, maximum: .nan }", "6:24 check/schema-keyword"],
    ["YAML's .inf", "{ type: string, maxLength: .inf }", "6:24 check/schema-keyword"],
    ["YAML's -.inf", "{ type: number, minimum: -.inf }", "6:24 check/schema-keyword"],
    ["an infinite multipleOf", "{ type: number, multipleOf: .inf }", "6:24 check/schema-keyword"],
  ])("%s: check/schema-keyword", async (_name, schema, want) => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: ${schema}\n` });
    expect(await generated(spec)).toEqual([want]);
  });

  it("JSON's 1e999 (Infinity once parsed), said as Infinity", async () => {
    const spec = write({ "api.json": JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas: { A: { type: "number", exclusiveMaximum: 1 } } } }).replace('"exclusiveMaximum":1', '"exclusiveMaximum":1e999') });
    const e = await generate({ input: spec }).catch((x: unknown) => x);
    expect(formatDiagnostic((e as SpecforgeError).diagnostics[0]!)).toContain("error check/schema-keyword: schema keyword 'exclusiveMaximum' must be number, not Infinity");
  });
});

describe("a value's number that JSON has no form for", () => {
  // each became null in openapi.json, the mock's data and the request defaults, and `Infinity` a type that
  // did not compile in schema.ts
  it.each([
    ["an enum member", "{ type: number, enum: [1, .inf] }", ["6:34 check/non-finite-number"]],
    ["a const", "{ const: -.inf }", ["6:10 check/non-finite-number"]],
    ["a default and an example", "{ type: number, default: .nan, examples: [.inf] }", ["6:24 check/non-finite-number", "6:50 check/non-finite-number"]],
    ["a keyword, said once", "{ type: number, maximum: .inf }", ["6:24 check/schema-keyword"]],
  ])("%s", async (_name, schema, want) => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: ${schema}\n` });
    expect(await generated(spec)).toEqual(want);
  });

  it("a parameter's default in JSON (1e999), said as Infinity", async () => {
    const doc = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/a": { get: { parameters: [{ name: "q", in: "query", schema: { type: "number", default: 1 } }], responses: { "204": { description: "ok" } } } } } };
    const spec = write({ "api.json": JSON.stringify(doc).replace('"default":1', '"default":1e999') });
    const e = await generate({ input: spec }).catch((x: unknown) => x);
    expect(formatDiagnostic((e as SpecforgeError).diagnostics[0]!)).toContain("(#/paths/~1a/get/parameters/0/schema/default) error check/non-finite-number: Infinity is no number JSON can hold");
  });
});

describe("a typed object that is no mapping", () => {
  it.each([
    // openapi-typescript threw TypeErrors on each of these
    ["a media type's schema", "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: { application/json: { schema: text } }\n", "9:42"],
    ["a media type", "paths:\n  /a:\n    post:\n      requestBody: { content: { application/json: 5 } }\n      responses: { '200': { description: ok } }\n", "6:33"],
    ["a request body", "paths:\n  /a:\n    post:\n      requestBody: 1.0e+308\n      responses: { '200': { description: ok } }\n", "6:7"],
    ["a component response", "paths: {}\ncomponents:\n  responses:\n    Gone: null\n", "6:5"],
    ["component schemas", "paths: {}\ncomponents:\n  schemas: 7\n", "5:3"],
  ])("%s: check/not-an-object", async (_name, rest, at) => {
    const spec = write({ "api.yaml": `${HEAD}${rest}` });
    expect(await generated(spec)).toEqual([`${at} check/not-an-object`]);
  });

  it.each([
    // openapi-typescript: 'schemaObject.summary.trim is not a function'; only inline path items were checked
    ["summary", "summary: true", "10:9 check/operation-field"],
    ["parameters", "parameters: 3", "10:9 check/parameters-not-list"],
    ["responses", "responses: [1]", "10:9 check/responses-not-object"],
    // the emitters made 'OnRefundResponse200.0' an identifier: 'not a safe identifier' (a TypeError)
    ["status", "responses: { '200.0': { description: ok } }", "10:22 check/response-status"],
  ])("an operation of a path item only $ref'd (components/pathItems) with a wrong %s", async (_name, line, want) => {
    const spec = write({
      "api.yaml": `${HEAD}paths:\n  /a:\n    $ref: '#/components/pathItems/A'\ncomponents:\n  pathItems:\n    A:\n      get:\n        ${line}\n${line.startsWith("responses") ? "" : "        responses: { '200': { description: ok } }\n"}`,
    });
    expect(await generated(spec)).toEqual([want]);
  });

  it("a components section named `constructor` is no section (it was taken for Object's constructor: a TypeError)", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths: {}\ncomponents:\n  constructor: 5\n  toString: { a: 1 }\n` });
    expect(await generated(spec)).toEqual([]);
  });

  it("`components` that is no mapping while a ref brings in another file's schema: ref/no-components", async () => {
    // the bundle hoisted into it: "Cannot create property 'schemas' on string"
    const spec = write({
      "api.yaml": `${HEAD}paths:\n  /a:\n    get:\n      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: './b.yaml' } } } } }\ncomponents: nothing\n`,
      "b.yaml": "type: string\n",
    });
    expect(await generated(spec)).toEqual(["7:1 ref/no-components"]);
    expect(await bundled(spec)).toEqual(["7:1 ref/no-components"]);
  });
});

describe("spec text in a diagnostic", () => {
  it("stays on the problem's one line: a key's newline or ESC is shown escaped", async () => {
    const spec = write({ "api.yaml": `${HEAD}paths:\n  /a:\n    get:\n      responses:\n        "20\\n0": { description: ok }\n        "\\e[31m1": { description: ok }\n` });
    const e = await generate({ input: spec }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SpecforgeError);
    const lines = (e as SpecforgeError).diagnostics.map(formatDiagnostic);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+:7:9 \(#\/paths\/~1a\/get\/responses\/20\\u000a0\) error check\/response-status: response key '20\\u000a0' of GET \/a is not a status code/);
    expect(lines[1]).toContain("response key '\\u001b[31m1'");
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f]/);
  });
});
