/**
 * Swagger 2.0 specs, read as the OpenAPI 3.0 documents they say (the upgrade stage): what each 2.0 form
 * becomes (the swagger-2 fixture and its fragment file), diagnostics that name the 2.0 file's line, column
 * and pointer, lint and diff on 2.0 documents, and the generated client and server agreeing over 127.0.0.1
 * on what 2.0's collectionFormat and formData said.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSwagger2Client } from "../fixtures/swagger-2/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type Swagger2Handlers } from "../fixtures/swagger-2/generated/src/server.js";
import { loadSpec } from "../../generator/load/load-spec.js";
import { upgrade } from "../../generator/upgrade/upgrade.js";
import { bundle } from "../../generator/bundle/bundle.js";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { ROOT, runCli, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "../server/helpers.js";

const FIXTURE = path.join(ROOT, "test/fixtures/swagger-2");
const SPEC = path.join(FIXTURE, "swagger.yaml");
const TEXT = readFileSync(SPEC, "utf8");

type Json = Record<string, any>;

async function upgraded(file: string): Promise<Json> {
  const loaded = upgrade(await loadSpec(file));
  return bundle(loaded.root, { refs: loaded.refs }).document as Json;
}

/** A copy of the fixture (with its fragment file) where `edit` changed the spec's text. */
function editedCopy(edit: (text: string) => string): string {
  const dir = tempDir("specforge-swagger2-");
  writeFileSync(path.join(dir, "definitions.yaml"), readFileSync(path.join(FIXTURE, "definitions.yaml")));
  const file = path.join(dir, "swagger.yaml");
  const text = edit(TEXT);
  expect(text).not.toBe(TEXT);
  writeFileSync(file, text);
  return file;
}

/** 1-based line and column of the first `needle` after the line holding `after`. */
function placeOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const start = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, start);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe("a Swagger 2.0 document as OpenAPI 3.0", () => {
  let doc: Json;
  beforeAll(async () => {
    doc = await upgraded(SPEC);
  });

  it("declares 3.0.3 and takes its servers from host, basePath and schemes, https first", () => {
    expect(doc.openapi).toBe("3.0.3");
    expect(doc.swagger).toBeUndefined();
    expect(doc.servers).toEqual([{ url: "https://pets.example.com/v1" }, { url: "http://pets.example.com/v1" }]);
  });

  it("gives query arrays the style their collectionFormat says (csv is 2.0's default), in the spec and in a fragment file", () => {
    const params = doc.paths["/pets"].get.parameters as Json[];
    const byName = (name: string) => params.find((p) => p.name === name)!;
    expect(byName("status")).toMatchObject({ style: "form", explode: true, schema: { type: "array", items: { enum: ["available", "pending", "sold"] } } });
    expect(byName("tags")).toMatchObject({ style: "form", explode: false });
    expect(byName("owners")).toMatchObject({ style: "pipeDelimited", explode: false, schema: { items: { type: "integer" } } });
    expect(byName("X-Request-Id")).toMatchObject({ in: "header", schema: { type: "string", format: "uuid" }, example: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    expect(byName("X-Request-Id")["x-example"]).toBeUndefined();
    expect(params[0]).toEqual({ $ref: "#/components/parameters/limit" });
    expect(doc.components.parameters.limit).toEqual({ name: "limit", in: "query", description: "Page size", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } });
    // definitions.yaml#/parameters/sort, a 2.0 fragment, hoisted by the bundle after its upgrade
    expect(doc.components.parameters.sort).toMatchObject({ in: "query", style: "spaceDelimited", explode: false, schema: { type: "array", items: { type: "string" } } });
  });

  it("makes a body parameter (a global one by $ref too) the request body, under the operation's consumes", () => {
    expect(doc.paths["/pets"].post.requestBody).toEqual({
      description: "The pet to store",
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } },
    });
    expect(doc.paths["/pets"].post.parameters).toBeUndefined();
    // body parameters are not parameters in 3.0: the global one is not among the components
    expect(Object.keys(doc.components.parameters).sort()).toEqual(["limit", "petId", "sort"]);
  });

  it("makes formData parameters one object schema: urlencoded lists by their collectionFormat, files in multipart", () => {
    const form = doc.paths["/pets/{petId}"].put.requestBody;
    expect(Object.keys(form.content)).toEqual(["application/x-www-form-urlencoded"]);
    expect(form.required).toBe(true);
    expect(form.content["application/x-www-form-urlencoded"]).toEqual({
      schema: {
        type: "object",
        properties: {
          name: { type: "string", minLength: 1, description: "New name" },
          nicknames: { type: "array", items: { type: "string" }, description: "Nicknames, comma-separated" },
          status: { type: "string", enum: ["available", "pending", "sold"] },
        },
        required: ["name"],
      },
      encoding: { nicknames: { style: "form", explode: false } },
    });
    const upload = doc.paths["/pets/{petId}/photo"].post.requestBody.content;
    expect(upload["multipart/form-data"].schema.properties.photo).toEqual({ type: "string", format: "binary", description: "The image" });
    expect(upload["multipart/form-data"].schema.required).toEqual(["photo"]);
  });

  it("puts response schemas and examples under each media type produced, headers' keywords under schema, type: file as binary", () => {
    const ok = doc.paths["/pets"].get.responses["200"];
    expect(ok.headers["X-Total-Count"]).toEqual({ description: "Pets in all pages", schema: { type: "integer" } });
    expect(Object.keys(ok.content)).toEqual(["application/json"]);
    expect(ok.content["application/json"].example[0]).toMatchObject({ name: "Rex", petType: "Dog" });
    expect(doc.paths["/pets/{petId}/photo"].get.responses["200"].content).toEqual({ "image/png": { schema: { type: "string", format: "binary" } } });
    const inventory = doc.paths["/store/inventory"].get.responses["200"].content;
    expect(Object.keys(inventory)).toEqual(["application/json", "text/plain"]);
    expect(inventory["text/plain"].example).toBeUndefined();
    expect(doc.paths["/pets/{petId}"].delete.responses["204"]).toEqual({ description: "Deleted" });
    expect(doc.components.responses.NotFound.content["application/json"]).toEqual({
      schema: { $ref: "#/components/schemas/Error" },
      example: { code: 404, message: "pet 7 not found" },
    });
    // definitions.yaml#/responses/Problem: a 2.0 fragment, its header too
    expect(doc.components.responses.Problem.headers["X-Request-Id"].schema).toEqual({ type: "string" });
  });

  it("rewrites schemas: x-nullable, a discriminator by name, refs to definitions (in fragment files too)", () => {
    const schemas = doc.components.schemas;
    expect(schemas.NewPet.discriminator).toEqual({ propertyName: "petType" });
    expect(schemas.NewPet.properties.tag).toEqual({ type: "string", nullable: true, description: "A tag, or null" });
    expect(schemas.Pet.allOf[0]).toEqual({ $ref: "#/components/schemas/NewPet" });
    expect(schemas.Owner.properties.email).toEqual({ type: "string", format: "email", nullable: true });
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["NewPet", "Pet", "Dog", "Cat", "Photo", "Error", "Problem", "Owner"]));
  });

  it("turns each security definition into its 3.0 scheme", () => {
    expect(doc.components.securitySchemes).toEqual({
      apiKey: { type: "apiKey", name: "api_key", in: "header", description: "Key issued to the store's partners" },
      basic: { type: "http", scheme: "basic" },
      oauth: {
        type: "oauth2",
        flows: { authorizationCode: { authorizationUrl: "https://auth.example.com/authorize", tokenUrl: "https://auth.example.com/token", scopes: { "pets:write": "change pets", "pets:read": "read pets" } } },
      },
      service: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: {} } } },
    });
  });

  it("keeps spec-named keys own properties: `__proto__` definitions, form fields and media types, an OAuth2 flow named `constructor`", async () => {
    const dir = tempDir();
    const file = path.join(dir, "hostile.json");
    writeFileSync(file, `{
      "swagger": "2.0", "info": { "title": "t", "version": "1" }, "consumes": ["__proto__"],
      "securityDefinitions": { "__proto__": { "type": "oauth2", "flow": "constructor", "tokenUrl": "https://a.example.org/t", "scopes": {} } },
      "paths": { "/a": { "post": { "parameters": [{ "name": "__proto__", "in": "formData", "type": "string" }],
        "responses": { "200": { "description": "ok", "schema": { "$ref": "#/definitions/__proto__" } } } } },
        "/b": { "put": { "parameters": [{ "name": "b", "in": "body", "schema": { "type": "object" } }], "responses": { "204": { "description": "none" } } } } },
      "definitions": { "__proto__": { "type": "object", "properties": { "__proto__": { "type": "string", "x-nullable": true } } } }
    }`);
    const hostile = await upgraded(file);
    expect(Object.getPrototypeOf(hostile.components.schemas)).toBe(Object.prototype);
    expect(Object.keys(hostile.components.schemas)).toEqual(["__proto__"]);
    expect(Object.getOwnPropertyDescriptor(hostile.components.schemas.__proto__.properties, "__proto__")?.value).toEqual({ type: "string", nullable: true });
    expect(Object.keys(hostile.paths["/a"].post.requestBody.content["application/x-www-form-urlencoded"].schema.properties)).toEqual(["__proto__"]);
    expect(Object.keys(hostile.paths["/b"].put.requestBody.content)).toEqual(["__proto__"]);
    // not a 2.0 flow: left as written, for the check stage to refuse
    expect(Object.getOwnPropertyDescriptor(hostile.components.securitySchemes, "__proto__")?.value).toEqual({ type: "oauth2" });
    expect(({} as Json).type).toBeUndefined();
  });

  it("leaves a 3.x document untouched", async () => {
    const loaded = await loadSpec(path.join(ROOT, "test/fixtures/nullable-30/openapi.yaml"));
    expect(upgrade(loaded)).toBe(loaded);
  });
});

describe("diagnostics on a Swagger 2.0 spec name its own file, line, column and pointer", () => {
  it("an unresolved $ref in a body parameter and a response", async () => {
    const file = editedCopy((t) => t.replace('$ref: "#/definitions/NewPet"', '$ref: "#/definitions/NewPett"'));
    const error = await generate({ input: file }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SpecforgeError);
    const [d] = (error as SpecforgeError).diagnostics;
    const text = readFileSync(file, "utf8");
    expect(d).toMatchObject({ code: "ref/unresolved", location: { file, pointer: "/parameters/petBody/schema/$ref", ...placeOf(text, "$ref", "petBody:") } });
    // quoted as written in the 2.0 file, with the 2.0 name it may have meant
    expect(d!.message).toBe("unresolved $ref '#/definitions/NewPett' (did you mean 'NewPet'?)");
  });

  it("on the command line: exit 2, the output untouched, one line naming the 2.0 place", () => {
    const file = editedCopy((t) => t.replace('$ref: "#/definitions/Photo"', '$ref: "#/definitions/Foto"'));
    const out = tempDir();
    writeFileSync(path.join(out, "keep.txt"), "previous");
    const r = runCli(["generate", file, "--out", out]);
    expect(r.status).toBe(2);
    const at = placeOf(readFileSync(file, "utf8"), '$ref: "#/definitions/Foto"');
    expect(r.stderr).toContain(`${file}:${at.line}:${at.column} (#/paths/~1pets~1{petId}~1photo/post/responses/200/schema/$ref) error ref/unresolved`);
    expect(readFileSync(path.join(out, "keep.txt"), "utf8")).toBe("previous");
  });

  it("a `swagger: 2.0` YAML reads as a number is refused with what to write", () => {
    const file = editedCopy((t) => t.replace('swagger: "2.0"', "swagger: 2.0"));
    const r = runCli(["generate", file, "--out", tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:1:1 (#/swagger) error check/unsupported-version: unsupported Swagger version 2 (not a string)`);
    expect(r.stderr).toContain('declare `swagger: "2.0"` (quoted');
  });

  it("lint findings point at the 2.0 parameter, form field and scheme", async () => {
    const file = editedCopy((t) => t.replace("          description: Nicknames, comma-separated\n", "").replace("          description: Statuses to include, sent as status=a&status=b\n", "").replace("\ndefinitions:\n", "\ndefinitions:\n  Unused:\n    type: string\n"));
    const text = readFileSync(file, "utf8");
    const findings = await lintFile(file);
    const of = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => ({ pointer: f.pointer, line: f.line, column: f.column }));
    expect(of("parameter-description")).toEqual([{ pointer: "/paths/~1pets/get/parameters/1", ...placeOf(text, "name: status", "/pets:") }]);
    // the plain-http server is the scheme written in `schemes`
    expect(of("server-url")).toEqual([{ pointer: "/schemes/0", ...placeOf(text, "http", "schemes:") }]);
    // a component never used is named as the 2.0 file writes it (Dog and Cat extend NewPet, whose discriminator picks them)
    expect(findings.filter((f) => f.ruleId === "unused-components").map((f) => [f.message, f.pointer])).toEqual([["definitions/Unused is never referenced", "/definitions/Unused"]]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("lint checks the 2.0 document as written against the Swagger 2.0 schema (a misspelled key is not dropped unseen)", async () => {
    const file = editedCopy((t) => t.replace("      operationId: addPet\n", "      operationId: addPet\n      paramters: []\n"));
    const findings = (await lintFile(file)).filter((f) => f.ruleId === "oas-schema");
    expect(findings.map((f) => ({ message: f.message, pointer: f.pointer, line: f.line, column: f.column }))).toEqual([
      { message: "unknown property 'paramters' in 'post'", pointer: "/paths/~1pets/post/paramters", ...placeOf(readFileSync(file, "utf8"), "paramters") },
    ]);
    expect(await lintFile(SPEC).then((all) => all.filter((f) => f.ruleId === "oas-schema"))).toEqual([]);
  });
});

describe("2.0 forms OpenAPI 3 has no style for", () => {
  it("are warnings at the collectionFormat's place, in the spec and in a fragment file, and lint's swagger2-lossy findings", async () => {
    const dir = tempDir("specforge-swagger2-lossy-");
    const fragment = readFileSync(path.join(FIXTURE, "definitions.yaml"), "utf8").replace("    collectionFormat: ssv\n", "    collectionFormat: tsv\n");
    writeFileSync(path.join(dir, "definitions.yaml"), fragment);
    const text = TEXT
      .replace("          description: Tags, comma-separated\n          type: array\n          items:\n            type: string\n", "          description: Tags\n          type: array\n          items:\n            type: array\n            collectionFormat: pipes\n            items:\n              type: string\n")
      .replace("          type: string\n          format: uuid\n", "          type: array\n          collectionFormat: pipes\n          items:\n            type: string\n");
    expect(text).not.toBe(TEXT);
    const file = path.join(dir, "swagger.yaml");
    writeFileSync(file, text);
    const { warnings } = await generate({ input: file });
    const lossy = warnings.filter((w) => w.code === "upgrade/no-3.0-form").map((w) => ({ file: path.basename(w.location!.file!), pointer: w.location!.pointer, line: w.location!.line, column: w.location!.column }));
    const fragmentFile = path.join(dir, "definitions.yaml");
    expect(lossy).toEqual([
      { file: "swagger.yaml", pointer: "/paths/~1pets/get/parameters/2/items/collectionFormat", ...placeOf(text, "collectionFormat: pipes", "- name: tags") },
      { file: "swagger.yaml", pointer: "/paths/~1pets/get/parameters/4/collectionFormat", ...placeOf(text, "collectionFormat: pipes", "X-Request-Id") },
      { file: "definitions.yaml", pointer: "/parameters/sort/collectionFormat", ...placeOf(readFileSync(fragmentFile, "utf8"), "collectionFormat: tsv") },
    ]);
    const findings = (await lintFile(file)).filter((f) => f.ruleId === "swagger2-lossy");
    expect(findings.map((f) => [path.basename(f.file), f.pointer, f.severity])).toEqual([
      ["definitions.yaml", "/parameters/sort/collectionFormat", "warn"],
      ["swagger.yaml", "/paths/~1pets/get/parameters/2/items/collectionFormat", "warn"],
      ["swagger.yaml", "/paths/~1pets/get/parameters/4/collectionFormat", "warn"],
    ]);
    // the fixture itself uses only forms 3.0 has
    expect((await generate({ input: SPEC })).warnings.filter((w) => w.code === "upgrade/no-3.0-form")).toEqual([]);
  });
});

describe("specforge diff on Swagger 2.0 specs", () => {
  it("finds no change between a 2.0 spec and the 3.0 document `specforge bundle` writes for it", async () => {
    const dir = tempDir();
    const r = runCli(["bundle", SPEC, "-o", path.join(dir, "openapi.yaml")]);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, "openapi.yaml"), "utf8")).toMatch(/^openapi: 3\.0\.3\n/);
    const changes = diffSpecs(await loadForDiff(SPEC), await loadForDiff(path.join(dir, "openapi.yaml")));
    expect(changes).toEqual([]);
  });

  it("a new required query parameter breaks clients, located in the head's 2.0 text", async () => {
    const file = editedCopy((t) => t.replace("        - name: tags\n          in: query\n", "        - name: tags\n          in: query\n          required: true\n"));
    const changes = diffSpecs(await loadForDiff(SPEC), await loadForDiff(file));
    expect(changes.map((c) => [c.id, c.breaking.client, c.operation])).toEqual([["parameter-became-required", true, "GET /pets"]]);
    expect(changes[0]!.head).toMatchObject({ pointer: "/paths/~1pets/get/parameters/2/required" });
  });
});

describe("the generated client and server of a Swagger 2.0 spec over 127.0.0.1", () => {
  const seen: Json[] = [];
  let server: Listening;
  let mock: Listening;
  const pet = { id: 7, name: "Rex", petType: "Pet" as const, status: "available" as const };
  beforeAll(async () => {
    const handlers = {
      ...createMockHandlers(),
      listPets: ({ query, headers }) => {
        seen.push({ query, headers });
        return { status: 200, body: [pet], headers: { "X-Total-Count": 1 } };
      },
      updatePetWithForm: ({ path, body }) => {
        seen.push({ path, body });
        return { status: 200, body: { ...pet, name: body.name } };
      },
      uploadPhoto: async ({ body }) => {
        seen.push({ caption: body.caption, photo: await body.photo.text() });
        return { status: 200, body: { url: "https://cdn.example.org/rex.png", caption: body.caption } };
      },
    } satisfies Swagger2Handlers;
    server = await listen(toNodeListener(createHandler(handlers, { security: { apiKey: (key) => (key === "k1" ? { key } : null), basic: () => null, oauth: (token) => ({ token }), service: () => null } })));
    mock = await listen(toNodeListener(createHandler(createMockHandlers(), { security: mockSecurity, validateResponses: true })));
  });
  afterAll(async () => {
    await server.close();
    await mock.close();
  });

  it("sends each list as its collectionFormat said and the server reads it back typed", async () => {
    const api = createSwagger2Client({ baseUrl: server.url, auth: { apiKey: "k1" }, retry: false });
    const got = await api.listPets({
      query: { status: ["available", "sold"], tags: ["a b", "c"], owners: [1, 2], sort: ["name", "-id"], limit: 5 },
      headers: { "X-Request-Id": "0f8fad5b-d9cb-469f-a165-70867728950e" },
    });
    expect(got).toEqual([pet]);
    expect(seen.pop()).toEqual({
      query: { status: ["available", "sold"], tags: ["a b", "c"], owners: [1, 2], sort: ["name", "-id"], limit: 5 },
      headers: { "X-Request-Id": "0f8fad5b-d9cb-469f-a165-70867728950e" },
    });
  });

  it("sends formData as a urlencoded form (a csv list) and as multipart with a file", async () => {
    const api = createSwagger2Client({ baseUrl: server.url, auth: { apiKey: "k1" }, retry: false });
    await api.updatePetWithForm({ path: { petId: 7 }, body: { name: "Max", nicknames: ["M", "Maxi"] } });
    expect(seen.pop()).toEqual({ path: { petId: 7 }, body: { name: "Max", nicknames: ["M", "Maxi"] } });
    const photo = await api.uploadPhoto({ path: { petId: 7 }, body: { caption: "Rex asleep", photo: new Blob(["PNG..."], { type: "image/png" }) } });
    expect(photo).toEqual({ url: "https://cdn.example.org/rex.png", caption: "Rex asleep" });
    expect(seen.pop()).toEqual({ caption: "Rex asleep", photo: "PNG..." });
  });

  it("asks for the credentials 2.0's security said: the API key by default, OAuth2 where the operation says", async () => {
    const anonymous = createSwagger2Client({ baseUrl: server.url, retry: false });
    await expect(anonymous.getInventory()).rejects.toMatchObject({ status: 401 });
    const wrongKey = createSwagger2Client({ baseUrl: server.url, auth: { apiKey: "nope" }, retry: false });
    await expect(wrongKey.getInventory()).rejects.toMatchObject({ status: 401 });
    const withToken = createSwagger2Client({ baseUrl: server.url, auth: { oauth: "t0k3n" }, retry: false });
    await expect(withToken.addPet({ body: { name: "Rex", petType: "NewPet" } })).resolves.toMatchObject({ id: expect.any(Number), name: "Rex" });
  });

  it("the mock answers with the 2.0 examples, validated against the 3.0 schemas", async () => {
    const api = createSwagger2Client({ baseUrl: mock.url, auth: { apiKey: "k", basic: { username: "u", password: "p" }, oauth: "t", service: "s" }, retry: false });
    expect(await api.getInventory()).toEqual({ available: 12, sold: 3 });
    await expect(api.getPet({ path: { petId: 7 } }, { headers: { Prefer: "code=404" } })).rejects.toMatchObject({ status: 404, body: { code: 404, message: "pet 7 not found" } });
    expect(await api.listPets()).toEqual([{ id: 7, name: "Rex", petType: "Dog", status: "available", packSize: 3 }]);
  });
});
