/**
 * Swagger 2.0 upgrade, cases a review found wrong: refs from fragment files back into the 2.0 root,
 * formData and body parameters overridden by name (not wholesale), malformed 2.0 shapes reported
 * rather than dropped, and the default server a client can call.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/load-spec.js";
import { upgrade } from "../../generator/upgrade/upgrade.js";
import { bundle } from "../../generator/bundle/bundle.js";
import { lintFile } from "../../generator/lint/run.js";
import { runCli, tempDir } from "../helpers/project.js";

type Json = Record<string, any>;

/** Writes `files` (name -> text) into a fresh folder; returns the path of the first. */
function specFiles(files: Record<string, string>): string {
  const dir = tempDir("specforge-swagger2-review-");
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, Object.keys(files)[0]!);
}

async function upgraded(file: string): Promise<Json> {
  const loaded = upgrade(await loadSpec(file));
  return bundle(loaded.root, { refs: loaded.refs }).document as Json;
}

const HEAD = 'swagger: "2.0"\ninfo: {title: t, version: "1"}\n';

describe("Swagger 2.0 fragment files", () => {
  it("resolve refs back into the root's definitions and responses, where the upgrade moved them", async () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    $ref: "paths.yaml#/A"
definitions:
  Err: {type: object, properties: {code: {type: integer}}}
responses:
  Oops: {description: oops, schema: {$ref: "#/definitions/Err"}}
`,
      "paths.yaml": `A:
  get:
    responses:
      "200": {description: ok, schema: {$ref: "swagger.yaml#/definitions/Err"}}
      default: {$ref: "./swagger.yaml#/responses/Oops"}
`,
    });
    const doc = await upgraded(file);
    const get = doc.paths["/a"].get;
    expect(get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Err" });
    expect(get.responses.default).toEqual({ $ref: "#/components/responses/Oops" });
  });

  it("an unresolved ref back into the root is quoted as the fragment writes it", () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    get:
      responses:
        "200": {description: ok, schema: {$ref: "defs.yaml#/Thing"}}
definitions:
  Err: {type: string}
`,
      "defs.yaml": `Thing:\n  type: object\n  properties:\n    e: {$ref: "swagger.yaml#/definitions/Er"}\n`,
    });
    const r = runCli(["bundle", file, "-o", path.join(path.dirname(file), "out.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`defs.yaml:4:9 (#/Thing/properties/e/$ref) error ref/unresolved: unresolved $ref 'swagger.yaml#/definitions/Er'`);
  });
});

describe("Swagger 2.0 body and formData parameters of a path item", () => {
  it("are overridden by name and location, as 2.0 says, not dropped when the operation has its own", async () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /f:
    parameters:
      - {name: a, in: formData, type: string, required: true}
      - {name: c, in: formData, type: string}
    post:
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - {name: b, in: formData, type: integer}
        - {name: c, in: formData, type: boolean, required: true}
      responses: {"204": {description: none}}
    put:
      parameters:
        - {name: whole, in: body, schema: {type: object}}
      responses: {"204": {description: none}}
  /g:
    parameters:
      - {name: shared, in: body, required: true, schema: {type: string}}
    post:
      responses: {"204": {description: none}}
`,
    });
    const doc = await upgraded(file);
    const form = doc.paths["/f"].post.requestBody.content["application/x-www-form-urlencoded"].schema;
    expect(form.properties).toEqual({ a: { type: "string" }, b: { type: "integer" }, c: { type: "boolean" } });
    expect(form.required).toEqual(["a", "c"]);
    // the operation's body parameter replaces the path item's form: 2.0 allows a body or a form, not both
    expect(doc.paths["/f"].put.requestBody).toEqual({ content: { "application/json": { schema: { type: "object" } } } });
    expect(doc.paths["/g"].post.requestBody).toEqual({ required: true, content: { "application/json": { schema: { type: "string" } } } });
  });
});

describe("a malformed Swagger 2.0 document", () => {
  // each: the spec's text after HEAD; the line:col (of the key) and 2.0 pointer the error names, and its code
  const cases: Array<{ name: string; given: string; want: string }> = [
    { name: "paths not a mapping", given: "paths: 5\n", want: "3:1 (#/paths) error check/paths-not-object" },
    {
      name: "an operation's parameters not a list",
      given: 'paths:\n  /a:\n    get:\n      parameters: nope\n      responses: {"200": {description: ok}}\n',
      want: "6:7 (#/paths/~1a/get/parameters) error check/parameters-not-list",
    },
    {
      name: "a path item's parameters not a list",
      given: 'paths:\n  /a:\n    parameters: {a: 1}\n    get:\n      responses: {"200": {description: ok}}\n',
      want: "5:5 (#/paths/~1a/parameters) error check/parameters-not-list",
    },
    {
      name: "a parameter that is a string",
      given: 'paths:\n  /a:\n    get:\n      parameters: [hello]\n      responses: {"200": {description: ok}}\n',
      want: "6:20 (#/paths/~1a/get/parameters/0) error check/parameter-not-object",
    },
    {
      name: "responses a list",
      given: "paths:\n  /a:\n    get:\n      responses: [1]\n",
      want: "6:7 (#/paths/~1a/get/responses) error check/responses-not-object",
    },
    {
      name: "a response that is a number",
      given: 'paths:\n  /a:\n    get:\n      responses: {"200": 5}\n',
      want: "6:19 (#/paths/~1a/get/responses/200) error check/response-not-object",
    },
    {
      name: "a response header that is a number",
      given: 'paths:\n  /a:\n    get:\n      responses: {"200": {description: ok, headers: {X-A: 5}}}\n',
      want: "6:54 (#/paths/~1a/get/responses/200/headers/X-A) error check/header-not-object",
    },
  ];
  for (const { name, given, want } of cases) {
    it(`${name}: exit 2 naming the 2.0 place, not an internal error or a silent drop`, () => {
      const file = specFiles({ "swagger.yaml": HEAD + given });
      const r = runCli(["generate", file, "--out", tempDir()]);
      expect(r.stderr).toContain(`${file}:${want}`);
      expect(r.status).toBe(2);
    });
  }
});

describe("a formData parameter without a name", () => {
  it("is reported where it is written, not made a form field named 'undefined'", () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    post:
      parameters:
        - {name: ok, in: formData, type: string}
        - {in: formData, type: string}
      responses: {"204": {description: none}}
`,
    });
    const r = runCli(["generate", file, "--out", tempDir()]);
    expect(r.stderr).toContain(`${file}:8:11 (#/paths/~1a/post/parameters/1/name) error check/parameter-field: the parameter's \`name\` is not a string`);
    expect(r.status).toBe(2);
  });
});

describe("a Swagger 2.0 body or formData parameter in another file (README: must be in the spec itself)", () => {
  it("is exit 2 naming where it is written, not dropped from the request unseen", () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    post:
      parameters:
        - $ref: "params.yaml#/body"
      responses: {"204": {description: none}}
`,
      "params.yaml": "body:\n  name: pet\n  in: body\n  schema: {type: object}\n",
    });
    const r = runCli(["generate", file, "--out", tempDir()]);
    expect(r.stderr).toContain(`params.yaml:3:3 (#/body/in) error check/parameter-in: parameter 'pet' is \`in: body\`, a Swagger 2.0 location OpenAPI 3 has no parameters in`);
    expect(r.status).toBe(2);
  });
});

describe("Swagger 2.0 servers", () => {
  it("put http(s) before ws(s), so a client's default server is one fetch can call; host port and basePath / kept", async () => {
    const file = specFiles({ "swagger.yaml": `${HEAD}host: api.example.org:8443\nbasePath: /\nschemes: [ws, http, wss]\npaths: {}\n` });
    const doc = await upgraded(file);
    expect(doc.servers).toEqual([{ url: "http://api.example.org:8443" }, { url: "wss://api.example.org:8443" }, { url: "ws://api.example.org:8443" }]);
  });
});

describe("diagnostics in a Swagger 2.0 fragment file", () => {
  it("name the fragment's 2.0 pointer and the line and column of what it says, not the upgraded 3.0 place", () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:\n  /a:\n    $ref: "paths.yaml#/A"\n`,
      "paths.yaml": `A:
  get:
    parameters:
      - {name: q, in: query, type: array, items: {type: string, pattern: "("}}
    responses:
      "200":
        description: ok
        schema:
          $ref: "#/Missing"
`,
    });
    const bundled = runCli(["bundle", file, "-o", path.join(path.dirname(file), "out.json")]);
    expect(bundled.status).toBe(2);
    expect(bundled.stderr).toContain("paths.yaml:9:11 (#/A/get/responses/200/schema/$ref) error ref/unresolved: unresolved $ref '#/Missing'");
    writeFileSync(path.join(path.dirname(file), "paths.yaml"), readFileSync(path.join(path.dirname(file), "paths.yaml"), "utf8").replace('$ref: "#/Missing"', "type: string"));
    const generated = runCli(["generate", file, "--out", tempDir()]);
    expect(generated.status).toBe(0);
    expect(generated.stderr).toMatch(/paths\.yaml:4:65 \(#\/A\/get\/parameters\/0\/items\/pattern\) warning check\/invalid-pattern/);
  });
});

describe("Swagger 2.0 formData fields", () => {
  it("keep their x-example (as example) and x- extensions, as query parameters do", async () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    post:
      parameters:
        - {name: color, in: formData, type: string, x-example: teal, x-order: 2, x-nullable: true}
      responses: {"204": {description: none}}
`,
    });
    const doc = await upgraded(file);
    const field = doc.paths["/a"].post.requestBody.content["application/x-www-form-urlencoded"].schema.properties.color;
    expect(field).toEqual({ type: "string", nullable: true, example: "teal", "x-order": 2 });
  });
});

describe("lint on a Swagger 2.0 spec", () => {
  it("places an x-example that does not match at the x-example, by its 2.0 pointer", async () => {
    const file = specFiles({
      "swagger.yaml": `${HEAD}paths:
  /a:
    get:
      parameters:
        - {name: n, in: query, type: integer, x-example: abc, description: d}
        - {name: f, in: formData, type: integer, x-example: xyz}
      responses: {"204": {description: none}}
`,
    });
    const findings = (await lintFile(file)).filter((f) => f.ruleId === "example-valid");
    expect(findings.map((f) => ({ pointer: f.pointer, line: f.line, column: f.column }))).toEqual([
      { pointer: "/paths/~1a/get/parameters/0/x-example", line: 7, column: 47 },
      { pointer: "/paths/~1a/get/parameters/1/x-example", line: 8, column: 50 },
    ]);
  });
});

describe("operation fields of the wrong type (found by mutating the swagger-2 fixture)", () => {
  const cases: Array<{ name: string; given: string; want: string }> = [
    {
      name: "an operationId that is a number",
      given: 'paths:\n  /a:\n    get:\n      operationId: 5\n      responses: {"200": {description: ok}}\n',
      want: "6:7 (#/paths/~1a/get/operationId) error check/operation-field: the `operationId` of GET /a is not a string",
    },
    {
      name: "a summary that is a mapping",
      given: 'paths:\n  /a:\n    get:\n      summary: {a: 1}\n      responses: {"200": {description: ok}}\n',
      want: "6:7 (#/paths/~1a/get/summary) error check/operation-field: the `summary` of GET /a is not a string",
    },
    {
      name: "a security requirement that is null",
      given: 'paths:\n  /a:\n    get:\n      security: [null]\n      responses: {"200": {description: ok}}\n',
      want: "6:18 (#/paths/~1a/get/security/0) error check/security-requirement: security requirement 0 of GET /a is not a mapping",
    },
    {
      name: "a definition that is a string",
      given: 'paths: {}\ndefinitions:\n  Photo: str\n',
      want: "5:3 (#/definitions/Photo) error check/schema-not-object: schema 'Photo' is not a mapping",
    },
  ];
  for (const { name, given, want } of cases) {
    it(`${name}: exit 2 naming the 2.0 place, not an internal error`, () => {
      const file = specFiles({ "swagger.yaml": HEAD + given });
      const r = runCli(["generate", file, "--out", tempDir()]);
      expect(r.stderr).toContain(`${file}:${want}`);
      expect(r.status).toBe(2);
    });
  }
});
