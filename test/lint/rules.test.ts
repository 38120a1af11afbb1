/**
 * Each rule against a small spec that breaks it (the clean fixture with one change) and against the clean
 * fixture itself, which no rule may report. Table-driven: `given` changes the clean document, `want` is the
 * rule that must report it (and, where it says, the place).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { lintFile } from "../../generator/lint/run.js";
import { RULES } from "../../generator/lint/registry.js";
import { tempDir } from "../helpers/project.js";

type Doc = Record<string, any>;
const CLEAN = path.join(import.meta.dirname, "fixtures/clean.yaml");
const clean = (): Doc => parse(readFileSync(CLEAN, "utf8")) as Doc;
const dir = tempDir("specforge-lint-rules-");
const pet = (d: Doc) => d.paths["/pets/{petId}"].get;
const create = (d: Doc) => d.paths["/pets"].post;
/** A callback's path item that breaks no rule. */
const adopted = { post: { operationId: "onAdopted", summary: "Adopted", description: "A pet was adopted.", responses: { "204": { description: "received" } } } };

interface Case {
  rule: string;
  /** Changes the clean document in place, or gives a whole file's text. */
  given: ((d: Doc) => void) | { text: string; ext?: string };
  /** A pointer the finding must have (in the file as written). */
  at?: string;
}

const CASES: Case[] = [
  { rule: "parse", given: { text: "openapi: 3.1.0\ninfo: [unclosed\n" } },
  { rule: "parse", given: { text: '{"openapi": "3.1.0",}', ext: "json" } },
  { rule: "oas-version", given: { text: "swagger: 2.0\ninfo: {title: x, version: '1'}\npaths: {}\n" } },
  {
    rule: "swagger2-lossy",
    given: { text: "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: ids, in: header, type: array, items: {type: string}, collectionFormat: pipes}\n      responses: {'200': {description: ok}}\n" },
    at: "/paths/~1a/get/parameters/0/collectionFormat",
  },
  { rule: "x-webhooks-ignored", given: (d) => ((d.openapi = "3.0.3"), (d["x-webhooks"] = "adopted")), at: "/x-webhooks" },
  { rule: "x-webhooks-ignored", given: (d) => ((d.openapi = "3.0.3"), (d["x-webhooks"] = { adopted }), (d.webhooks = { adopted })), at: "/x-webhooks" },
  { rule: "x-webhooks-ignored", given: (d) => ((d.openapi = "3.0.3"), (d["x-webhooks"] = { adopted, note: "see the docs" })), at: "/x-webhooks/note" },
  { rule: "oas-schema", given: (d) => (pet(d).responses["200"].bogus = 1), at: "/paths/~1pets~1{petId}/get/responses/200/bogus" },
  { rule: "oas-schema", given: (d) => delete d.info.title, at: "/info" },
  { rule: "ref-resolves", given: (d) => (pet(d).responses["200"].content["application/json"].schema.$ref = "#/components/schemas/Pat") },
  // an anchor naming no schema (JSON Schema 2020-12 §8.2.2) was left to the validators, and lint said nothing
  { rule: "ref-resolves", given: (d) => ((d.components.schemas.Pet.$anchor = "Pet"), (pet(d).responses["200"].content["application/json"].schema.$ref = "#Pat")), at: "/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema/$ref" },
  { rule: "operation-id", given: (d) => delete pet(d).operationId, at: "/paths/~1pets~1{petId}/get" },
  { rule: "operation-id", given: (d) => (pet(d).operationId = ""), at: "/paths/~1pets~1{petId}/get" },
  { rule: "operation-id-unique", given: (d) => (create(d).operationId = "getPet"), at: "/paths/~1pets/post/operationId" },
  { rule: "operation-id-unique", given: (d) => (create(d).callbacks = { onAdopted: { "{$request.body#/name}": { post: { ...adopted.post, operationId: "getPet" } } } }), at: "/paths/~1pets/post/callbacks/onAdopted/{$request.body#~1name}/post/operationId" },
  { rule: "operation-id-identifier", given: (d) => (create(d).operationId = "get-pet") },
  { rule: "operation-id-url-safe", given: (d) => (create(d).operationId = "add pet%"), at: "/paths/~1pets/post/operationId" },
  { rule: "operation-success-response", given: (d) => delete create(d).responses["201"] },
  { rule: "operation-error-response", given: (d) => delete pet(d).responses["404"] },
  // a 5XX is no client error: it documents none of the requests refused
  { rule: "operation-error-response", given: (d) => (delete pet(d).responses["404"], (pet(d).responses["500"] = { description: "Failed." })) },
  { rule: "operation-description", given: (d) => delete pet(d).summary },
  { rule: "operation-description", given: (d) => (delete pet(d).summary, (pet(d).description = "  ")) },
  { rule: "operation-summary", given: (d) => delete create(d).summary, at: "/paths/~1pets/post" },
  { rule: "operation-tag-defined", given: (d) => (pet(d).tags = ["pets"]), at: "/paths/~1pets~1{petId}/get/tags/0" },
  { rule: "parameter-description", given: (d) => delete pet(d).parameters[0].description, at: "/paths/~1pets~1{petId}/get/parameters/0" },
  { rule: "parameters-unique", given: (d) => pet(d).parameters.push({ ...pet(d).parameters[0] }) },
  { rule: "request-body-content", given: (d) => delete create(d).requestBody.content["application/json"].schema },
  { rule: "path-params", given: (d) => (pet(d).parameters[0].name = "id") },
  { rule: "path-params", given: (d) => ((d.paths["/pets/{petId}/{petId}"] = d.paths["/pets/{petId}"]), delete d.paths["/pets/{petId}"]), at: "/paths/~1pets~1{petId}~1{petId}" },
  { rule: "paths-identical", given: (d) => (d.paths["/pets/{id}"] = { get: { ...pet(d), operationId: "other" } }) },
  { rule: "paths-ambiguous", given: (d) => (d.paths["/{kind}/mine"] = { get: { ...pet(d), operationId: "other", parameters: [{ ...pet(d).parameters[0], name: "kind" }] } }) },
  { rule: "path-trailing-slash", given: (d) => ((d.paths["/pets/"] = d.paths["/pets"]), delete d.paths["/pets"]), at: "/paths/~1pets~1" },
  { rule: "path-no-query", given: (d) => ((d.paths["/pets?all=1"] = d.paths["/pets"]), delete d.paths["/pets"]), at: "/paths/~1pets?all=1" },
  { rule: "security-defined", given: (d) => (pet(d).security = [{ oauth: [] }]), at: "/paths/~1pets~1{petId}/get/security/0/oauth" },
  {
    rule: "security-scopes-defined",
    given: (d) => ((d.components.securitySchemes.oauth = { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.petstore.dev/token", scopes: { read: "read" } } } }), (pet(d).security = [{ oauth: ["admin"] }])),
    at: "/paths/~1pets~1{petId}/get/security/0/oauth/0",
  },
  { rule: "server-url", given: (d) => d.servers.push({ url: "http://api.example.org" }) },
  { rule: "server-url", given: (d) => d.servers.push({ url: "/v1" }) },
  { rule: "server-variables", given: (d) => (d.servers[0].url = "https://{region}.example.org/{version}") },
  { rule: "server-variables", given: (d) => (d.servers[0].variables = { region: { default: "eu" } }), at: "/servers/0/variables/region" },
  { rule: "servers-defined", given: (d) => delete d.servers, at: "" },
  { rule: "servers-defined", given: (d) => (d.servers = []), at: "/servers" },
  { rule: "server-not-example", given: (d) => d.servers.push({ url: "https://api.example.com/v1" }), at: "/servers/1/url" },
  { rule: "server-not-example", given: (d) => d.servers.push({ url: "https://pets.invalid" }), at: "/servers/1/url" },
  { rule: "server-not-example", given: (d) => d.servers.push({ url: "https://{name}.example.com:{port}/v1", variables: { name: { default: "demo" }, port: { default: "" } } }), at: "/servers/1/url" },
  { rule: "server-trailing-slash", given: (d) => d.servers.push({ url: "https://api.petstore.dev/v1/" }), at: "/servers/1/url" },
  // an operation's own servers are read under query and additionalOperations as under the fixed methods
  ...(["server-trailing-slash", "server-not-example", "server-url"] as const).flatMap((rule): Case[] => {
    const url = { "server-trailing-slash": "https://api.petstore.dev/v1/", "server-not-example": "https://api.example.com/v1", "server-url": "http://api.petstore.dev" }[rule];
    const op = (d: Doc) => ({ ...create(d), operationId: "linkPets", servers: [{ url }] });
    return [
      { rule, given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { LINK: op(d) })), at: "/paths/~1pets/additionalOperations/LINK/servers/0/url" },
      { rule, given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].query = op(d))), at: "/paths/~1pets/query/servers/0/url" },
    ];
  }),
  { rule: "server-variables", given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { LINK: { ...create(d), operationId: "linkPets", servers: [{ url: "https://{region}.petstore.dev" }] } })), at: "/paths/~1pets/additionalOperations/LINK/servers/0/url" },
  { rule: "info-license", given: (d) => delete d.info.license, at: "/info" },
  { rule: "info-contact", given: () => {}, at: "/info" },
  { rule: "tag-description", given: (d) => (d.tags = [{ name: "pets" }]), at: "/tags/0" },
  { rule: "markdown-no-script", given: (d) => (pet(d).description = "Gets a pet <script>alert(1)</script>"), at: "/paths/~1pets~1{petId}/get/description" },
  { rule: "markdown-no-script", given: (d) => (d.components.schemas.Pet.description = "see eval(x)"), at: "/components/schemas/Pet/description" },
  { rule: "example-valid", given: (d) => (pet(d).responses["200"].content["application/json"].example.id = "one"), at: "/paths/~1pets~1{petId}/get/responses/200/content/application~1json/example/id" },
  { rule: "example-valid", given: (d) => (pet(d).responses["200"].content["application/json"].example.createdAt = "yesterday") },
  { rule: "example-valid", given: (d) => (pet(d).responses["200"].content["application/json"].example.nickname = "R") },
  { rule: "default-valid", given: (d) => (d.components.schemas.Pet.properties.status.default = "lost"), at: "/components/schemas/Pet/properties/status/default" },
  { rule: "enum-unique", given: (d) => d.components.schemas.Pet.properties.status.enum.push("sold") },
  { rule: "enum-empty", given: (d) => (d.components.schemas.Pet.properties.status.enum = []), at: "/components/schemas/Pet/properties/status/enum" },
  {
    rule: "discriminator-values",
    given: (d) => {
      d.components.schemas.Pet.properties.kind = { type: "string", enum: ["pet"] };
      d.components.schemas.Animal = { oneOf: [{ $ref: "#/components/schemas/Pet" }], discriminator: { propertyName: "kind" } };
      pet(d).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Animal" };
    },
    at: "/components/schemas/Animal/discriminator",
  },
  {
    rule: "discriminator-values",
    given: (d) => {
      d.components.schemas.Pet.properties.kind = { const: "pet" };
      d.components.schemas.Animal = { oneOf: [{ $ref: "#/components/schemas/Pet" }], discriminator: { propertyName: "kind", mapping: { dog: "Pet" } } };
      pet(d).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Animal" };
    },
    at: "/components/schemas/Animal/discriminator",
  },
  { rule: "enum-type", given: (d) => d.components.schemas.Pet.properties.status.enum.push(3) },
  { rule: "enum-type", given: (d) => (d.components.schemas.Pet.properties.id.enum = [1, 1.5]), at: "/components/schemas/Pet/properties/id/enum/1" },
  { rule: "format-known", given: (d) => (d.components.schemas.Pet.properties.name.format = "pet-name"), at: "/components/schemas/Pet/properties/name/format" },
  { rule: "schema-keyword-known", given: (d) => (d.components.schemas.Pet.properties.name.maxlength = 20), at: "/components/schemas/Pet/properties/name/maxlength" },
  { rule: "property-casing", given: (d) => Object.assign(d.components.schemas.Pet.properties, { ownerName: { type: "string" }, birthDate: { type: "string" }, shelter_id: { type: "string" } }) },
  {
    rule: "duplicate-inline-schema",
    given: (d) => (create(d).requestBody.content["application/json"].schema = structuredClone(d.components.schemas.Pet)),
  },
  { rule: "required-properties-defined", given: (d) => d.components.schemas.Pet.required.push("nmae"), at: "/components/schemas/Pet/required/2" },
  { rule: "array-items", given: (d) => (d.components.schemas.Pet.properties.tags = { type: "array" }), at: "/components/schemas/Pet/properties/tags" },
  { rule: "unused-components", given: (d) => (d.components.schemas.Owner = { type: "object" }), at: "/components/schemas/Owner" },
  { rule: "pattern-valid", given: (d) => (d.components.schemas.Pet.properties.name.pattern = "^[a-z"), at: "/components/schemas/Pet/properties/name/pattern" },
  { rule: "pattern-backtracking", given: (d) => (d.components.schemas.Pet.properties.name.pattern = "^(a+)+$") },
  { rule: "generator-compat", given: (d) => (pet(d)["x-pagination"] = { style: "cursor" }) },
  { rule: "generator-renames", given: (d) => (d.components.schemas.GetPetResponse404 = { type: "string" }, pet(d).responses["404"].content = { "application/json": { schema: { $ref: "#/components/schemas/GetPetResponse404" } } }, d.components.schemas.GetPetResponse = { type: "string" }) },
  { rule: "ignored-header-parameter", given: (d) => pet(d).parameters.push({ name: "Content-Type", in: "header", description: "media type", schema: { type: "string" } }), at: "/paths/~1pets~1{petId}/get/parameters/1" },
  {
    rule: "webhook-path-parameter",
    given: (d) => (d.webhooks = { petAdopted: { post: { operationId: "onPetAdopted", summary: "Adopted", description: "A pet was adopted.", parameters: [{ name: "petId", in: "path", required: true, description: "which", schema: { type: "string" } }], responses: { "204": { description: "received" } } } } }),
    at: "/webhooks/petAdopted/post/parameters/0",
  },
  { rule: "callback-expression", given: (d) => (create(d).callbacks = { onAdopted: { "{$request.body#/nmae}": adopted } }), at: "/paths/~1pets/post/callbacks/onAdopted/{$request.body#~1nmae}" },
  { rule: "method-unknown-to-node", given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { Purge: { operationId: "purgePets", responses: { "204": { description: "purged" } } } })), at: "/paths/~1pets/additionalOperations/Purge" },
  { rule: "unsupported-32", given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { CONNECT: { operationId: "connectPets", responses: { "200": { description: "ok" } } } })), at: "/paths/~1pets/additionalOperations/CONNECT" },
  { rule: "unsupported-32", given: (d) => ((d.openapi = "3.2.0"), (create(d).requestBody.content = { "application/jsonl": { itemSchema: { type: "object" } } })), at: "/paths/~1pets/post/requestBody/content/application~1jsonl/itemSchema" },
  { rule: "generator-compat", given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { GET: { operationId: "getPets2", responses: { "200": { description: "ok" } } } })), at: "/paths/~1pets/additionalOperations/GET" },
  { rule: "generator-compat", given: (d) => ((d.openapi = "3.2.0"), (d.paths["/pets"].additionalOperations = { "NOT A METHOD": { operationId: "odd", responses: { "200": { description: "ok" } } } })), at: "/paths/~1pets/additionalOperations/NOT A METHOD" },
  {
    rule: "generator-compat",
    given: (d) => ((d.openapi = "3.2.0"), pet(d).parameters.push({ name: "q", in: "querystring", description: "all of it", content: { "application/json": { schema: { type: "object" } } } }, { name: "limit", in: "query", description: "at most", schema: { type: "integer" } })),
    at: "/paths/~1pets~1{petId}/get/parameters/2",
  },
  { rule: "ignored-request-body", given: (d) => (pet(d).requestBody = { content: { "application/json": { schema: { type: "object" } } } }), at: "/paths/~1pets~1{petId}/get/requestBody" },
  { rule: "null-beside-composition", given: (d) => (d.components.schemas.Pet.properties.name = { type: "null", oneOf: [{ type: "string" }, { type: "integer" }] }), at: "/components/schemas/Pet/properties/name" },
  { rule: "read-write-both", given: (d) => (d.components.schemas.Pet.properties.name.readOnly = d.components.schemas.Pet.properties.name.writeOnly = true), at: "/components/schemas/Pet/properties/name" },
  { rule: "self-union", given: (d) => (d.components.schemas.Loop = { anyOf: [{ $ref: "#/components/schemas/Loop" }, { type: "null" }] }), at: "/components/schemas/Loop" },
  {
    rule: "form-encoding",
    given: (d) => (create(d).requestBody.content = { "application/x-www-form-urlencoded": { schema: { $ref: "#/components/schemas/Pet" }, encoding: { nmae: { style: "deepObject" } } } }),
    at: "/paths/~1pets/post/requestBody/content/application~1x-www-form-urlencoded/encoding/nmae",
  },
  { rule: "null-body-content", given: (d) => (create(d).responses["204"] = { description: "none", content: { "application/json": { schema: { type: "object" } } } }), at: "/paths/~1pets/post/responses/204/content" },
];

/** Specs a rule must not report: each near what it does report (found by mutation testing: each case failed with one decision of the rule changed). */
const NOT_REPORTED: Case[] = [
  { rule: "operation-id-url-safe", given: (d) => (create(d).operationId = "pets~add") },
  { rule: "parameters-unique", given: (d) => pet(d).parameters.push({ name: "petId", in: "query", description: "the same name, elsewhere", schema: { type: "integer" } }) },
  // Redocly's definition: a literal segment where the other has a parameter routes apart
  { rule: "paths-ambiguous", given: (d) => (d.paths["/pets/mine"] = { get: { ...pet(d), operationId: "mine", parameters: [] } }) },
  { rule: "path-trailing-slash", given: (d) => ((d.paths["/"] = d.paths["/pets"]), delete d.paths["/pets"]) },
  { rule: "server-url", given: (d) => d.servers.push({ url: "http://[::1]:8080" }) },
  { rule: "server-trailing-slash", given: (d) => d.servers.push({ url: "/" }) },
  { rule: "read-write-both", given: (d) => (d.components.schemas.Pet.properties.id.readOnly = true) },
  // under 3 properties an inline object is too small to be worth a component
  {
    rule: "duplicate-inline-schema",
    given: (d) => {
      const small = () => ({ "application/json": { schema: { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } } } });
      create(d).responses["201"].content = small();
      pet(d).responses["404"].content = small();
    },
  },
];

let n = 0;
async function lintGiven(given: Case["given"], options: Parameters<typeof lintFile>[1] = {}) {
  const file = path.join(dir, `case-${n++}.${typeof given === "function" ? "yaml" : given.ext ?? "yaml"}`);
  if (typeof given === "function") {
    const d = clean();
    given(d);
    writeFileSync(file, stringify(d));
  } else writeFileSync(file, given.text);
  return lintFile(file, options);
}

/** A rule off by default is turned on (as a warning) for its own case. */
const defaultOf = (rule: string) => RULES.find((r) => r.id === rule)!.severity;

describe("lint rules", () => {
  it("the clean fixture has no finding from any rule", async () => {
    expect(await lintFile(CLEAN)).toEqual([]);
  });

  it.each(CASES.map((c, i) => [`${c.rule} #${i}`, c] as const))("%s", async (_, c) => {
    const off = defaultOf(c.rule) === "off";
    const findings = await lintGiven(c.given, off ? { rules: { [c.rule]: "warn" } } : {});
    const mine = findings.filter((f) => f.ruleId === c.rule);
    expect(mine.length, JSON.stringify(findings, null, 1)).toBeGreaterThan(0);
    for (const f of mine) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.column).toBeGreaterThan(0);
      expect(f.severity).toBe(off ? "warn" : defaultOf(c.rule));
    }
    // off by default: the same spec reports nothing of it unless a config turns it on
    if (off) expect((await lintGiven(c.given)).filter((f) => f.ruleId === c.rule)).toEqual([]);
    if (c.at !== undefined) expect(mine.map((f) => f.pointer)).toContain(c.at);
  });

  it.each(NOT_REPORTED.map((c, i) => [`${c.rule} #${i}`, c] as const))("not %s", async (_, c) => {
    expect((await lintGiven(c.given)).filter((f) => f.ruleId === c.rule)).toEqual([]);
  });

  it("parameter-description reports a shared parameter once, where it is written, however many operations use it", async () => {
    const findings = await lintGiven((d) => {
      d.components.parameters = { Limit: { name: "limit", in: "query", schema: { type: "integer" } } };
      pet(d).parameters.push({ $ref: "#/components/parameters/Limit" });
      create(d).parameters = [{ $ref: "#/components/parameters/Limit" }];
    });
    expect(findings.filter((f) => f.ruleId === "parameter-description").map((f) => f.pointer)).toEqual(["/components/parameters/Limit"]);
  });

  it("format-known reports each unknown format once", async () => {
    const findings = await lintGiven((d) => (d.components.schemas.Pet.properties.name.format = d.components.schemas.Pet.properties.status.format = "pet-name"));
    expect(findings.filter((f) => f.ruleId === "format-known").map((f) => f.pointer)).toEqual(["/components/schemas/Pet/properties/name/format"]);
  });

  it("property-casing counts each name once: the casing most names use wins, not the one most schemas repeat", async () => {
    const findings = await lintGiven((d) => {
      const s = d.components.schemas;
      Object.assign(s.Pet.properties, { ownerName: { type: "string" }, birthDate: { type: "string" }, shelter_id: { type: "string" } });
      for (const k of ["A", "B", "C"]) s[k] = { type: "object", properties: { shelter_id: { type: "string" } } };
      pet(d).responses["404"].content = { "application/json": { schema: { oneOf: ["A", "B", "C"].map((k) => ({ $ref: `#/components/schemas/${k}` })) } } };
    });
    expect(findings.filter((f) => f.ruleId === "property-casing").map((f) => f.pointer)).toEqual(["/components/schemas/Pet/properties/shelter_id"]);
  });

  it("operation-success-response takes a 3XX as success, as Spectral's rule of that id does (a download's 302)", async () => {
    const findings = await lintGiven((d) => (delete create(d).responses["201"], (create(d).responses["302"] = { description: "see there" })));
    expect(findings.filter((f) => f.ruleId === "operation-success-response")).toEqual([]);
  });

  it("schema-keyword-known names the keyword meant, leaves x- extensions alone, and leaves 3.0 to oas-schema", async () => {
    const keywords = (findings: Awaited<ReturnType<typeof lintFile>>) => findings.filter((f) => f.ruleId === "schema-keyword-known").map((f) => `${f.pointer} ${f.help}`);
    const given = (d: Doc) => Object.assign(d.components.schemas.Pet, { additional_properties: false, dependencies: { a: ["b"] }, "x-house": 1, "a/b": 1 });
    expect(await lintGiven(given).then(keywords)).toEqual([
      "/components/schemas/Pet/additional_properties did you mean `additionalProperties`?",
      "/components/schemas/Pet/dependencies write `dependentRequired` (lists of names) or `dependentSchemas` (schemas), its 2020-12 forms",
      "/components/schemas/Pet/a~1b name a keyword of JSON Schema 2020-12, or prefix your own with `x-`",
    ]);
    expect(await lintGiven((d) => (given(d), (d.openapi = "3.0.3"))).then(keywords)).toEqual([]);
  });

  it("every rule has a case here", () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(RULES.map((r) => r.id)));
  });

  it("callback-expression reads each {...} of a callback's URL: declared parameters, body properties, the expression's grammar", async () => {
    const urls = [
      // fine: a listed property, the reply's body, a security header, an open schema's property, whole values
      "{$request.body#/name}", "{$request.body#/name}/hooks?m={$method}&s={$statusCode}&u={$url}", "{$response.body#/anything}", "{$request.header.x-api-key}",
      // wrong: each a warning
      "{$request.body#/nmae}", "{$request.body.name}", "{$request.query.nope}", "{$response.query.x}", "{$foo}", "{$request.body#name}", "{$request.body#/name}/{oops",
    ];
    const findings = await lintGiven((d) => (create(d).callbacks = { onAdopted: Object.fromEntries(urls.map((u) => [u, adopted])) }));
    expect(findings.filter((f) => f.ruleId === "callback-expression").map((f) => f.message.replace("callback 'onAdopted' of POST /pets: ", ""))).toEqual([
      "'{$request.body#/nmae}' reads '/nmae' of the request body, which its schema does not have",
      "'{$request.body.name}' reads a body property with '.', not as a JSON pointer",
      "'{$request.query.nope}' reads query parameter 'nope', which the operation does not declare",
      "'{$response.query.x}' reads the response's query, which a response does not have",
      "'{$foo}' is no runtime expression",
      "'{$request.body#name}' has 'name', which is no JSON pointer",
      "its URL '{$request.body#/name}/{oops' has an unmatched '{'",
    ]);
  });

  it("discriminator-values: a value the selected schema allows, by name or mapping, or an undeclared tag, is fine; a value it refuses is reported", async () => {
    const findings = await lintGiven((d) => {
      const s = d.components.schemas;
      s.Cat = { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["cat"] } } };
      s.Dog = { type: "object", required: ["kind"], properties: { kind: { $ref: "#/components/schemas/DogKind" } } };
      s.DogKind = { type: "string", enum: ["Dog", "hound"] };
      s.Bird = { type: "object", required: ["kind"], properties: { kind: { type: "string" } } };
      s.Eel = { allOf: [{ $ref: "#/components/schemas/Animal" }, { type: "object", properties: { kind: { const: "eel" } } }] };
      // Cat by mapping, Dog by its name (its enum has "Dog"), Bird declares no values; Eel inherits, by its name: refused
      s.Animal = { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }, { $ref: "#/components/schemas/Bird" }], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } } };
      pet(d).responses["200"].content["application/json"].schema = { oneOf: [{ $ref: "#/components/schemas/Animal" }, { $ref: "#/components/schemas/Eel" }] };
    });
    expect(findings.filter((f) => f.ruleId === "discriminator-values").map((f) => f.message)).toEqual([
      "discriminator 'kind' selects #/components/schemas/Eel by its name \"Eel\" (no mapping entry names it), but that schema's 'kind' allows only \"eel\": no valid value carries it",
    ]);
  });

  it("example-valid reads a discriminator as the validators do: the tag picks the branch; a tag naming none is reported at the tag", async () => {
    const findings = await lintGiven((d) => {
      const s = d.components.schemas;
      // overlapping branches: as plain JSON Schema every value with a string tag matches both
      const option = (p: string, type: string) => ({ type: "object", required: ["kind"], properties: { kind: { type: "string" }, [p]: { type } } });
      s.One = option("one", "number");
      s.Two = option("two", "string");
      s.Option = { oneOf: [{ $ref: "#/components/schemas/One" }, { $ref: "#/components/schemas/Two" }], discriminator: { propertyName: "kind", mapping: { first: "#/components/schemas/One" } } };
      pet(d).responses["200"].content["application/json"] = {
        schema: { $ref: "#/components/schemas/Option" },
        examples: { picked: { value: { kind: "first", one: 1 } }, unknown: { value: { kind: "third", one: 1 } } },
      };
    });
    expect(findings.filter((f) => f.ruleId === "example-valid").map((f) => `${f.pointer} ${f.message}`)).toEqual([
      '/paths/~1pets~1{petId}/get/responses/200/content/application~1json/examples/unknown/value/kind example does not match its schema: /kind must be one of "first", "One", "Two"',
    ]);
  });

  it("reads a callback two operations share (a components.callbacks entry) once: one finding, not one per operation", async () => {
    const findings = await lintGiven((d) => {
      d.components.callbacks = { Adopted: { "{$request.body#/name}": { post: { operationId: "onAdopted", description: "Adopted.", responses: { "204": { description: "received" } } } } } };
      create(d).callbacks = { onAdopted: { $ref: "#/components/callbacks/Adopted" } };
      pet(d).callbacks = { onAdopted: { $ref: "#/components/callbacks/Adopted" } };
    });
    expect(findings.filter((f) => f.ruleId === "operation-summary").map((f) => f.pointer)).toEqual(["/components/callbacks/Adopted/{$request.body#~1name}/post"]);
  });

  it("parameters-unique reads a parameter named by a mapping (it was an internal error: String() of { toString: 1 })", async () => {
    const findings = await lintGiven((d) => pet(d).parameters.push({ name: { toString: 1 }, in: "query", schema: { type: "string" } }, { name: { toString: 1 }, in: "query", schema: { type: "string" } }));
    expect(findings.filter((f) => f.ruleId === "parameters-unique").map((f) => f.message)).toEqual([expect.stringContaining(`parameter '{"toString":1}' (in query) is listed twice`)]);
  });

  it("tag-description, server-url and server-not-example read a tag name or server URL written as a mapping (each was an internal error: String() of { toString: 1 })", async () => {
    const findings = await lintGiven((d) => {
      d.tags = [{ name: { toString: 1 } }];
      d.servers = [{ url: { toString: 1 } }];
    }, { rules: { "tag-description": "warn" } });
    expect(findings.filter((f) => f.ruleId === "tag-description").map((f) => f.message)).toEqual([`tag '{"toString":1}' has no description`]);
    expect(findings.filter((f) => f.ruleId === "oas-schema").map((f) => f.pointer)).toEqual(expect.arrayContaining(["/servers/0/url", "/tags/0/name"]));
  });

  it("security-scopes-defined (a warning): a requirement asks only scopes its scheme has (an OAuth2 flow's; none of a 3.0 API key; any of OpenID Connect)", async () => {
    const given = (version: string) => (d: Doc) => {
      d.openapi = version;
      d.components.securitySchemes.oauth = { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.petstore.dev/token", scopes: { "pets:read": "read" } }, implicit: { authorizationUrl: "https://auth.petstore.dev/a", scopes: { "pets:write": "write" } } } };
      d.components.securitySchemes.oidc = { type: "openIdConnect", openIdConnectUrl: "https://auth.petstore.dev/.well-known/openid-configuration" };
      d.security = [{ oauth: ["pets:read", "pets:write", "pets:admin"] }, { oidc: ["profile"] }, { apiKey: ["admin"] }];
      pet(d).security = [{ apiKey: [] }, { oauth: [] }];
    };
    const found = async (version: string) => (await lintGiven(given(version))).filter((f) => f.ruleId === "security-scopes-defined").map((f) => `${f.pointer} ${f.severity} ${f.message}`);
    expect(await found("3.0.3")).toEqual([
      "/security/0/oauth/2 warn scope 'pets:admin' of security scheme 'oauth' used by the document: none of its flows lists it in `scopes`",
      "/security/2/apiKey/0 warn scope 'admin' of security scheme 'apiKey' used by the document: a scheme of type 'apiKey' has no scopes (OpenAPI 3.0 and Swagger 2.0: its list must be empty)",
    ]);
    // 3.1 lets other schemes list role names
    expect(await found("3.1.0")).toEqual(["/security/0/oauth/2 warn scope 'pets:admin' of security scheme 'oauth' used by the document: none of its flows lists it in `scopes`"]);
  });

  it("parameter-description, parameters-unique, security-defined and operation-id-url-safe read webhooks' and callbacks' operations too, and parameter-description every shared parameter", async () => {
    const findings = await lintGiven((d) => {
      // three objects: one written twice would be a YAML alias, one node
      const header = (name: string) => ({ name, in: "header", schema: { type: "integer" } });
      d.webhooks = { adopted: { post: { ...adopted.post, operationId: "on adopted", parameters: [header("X-Attempt"), header("X-Attempt")], security: [{ ghost: [] }] } } };
      create(d).callbacks = { onAdopted: { "{$request.body#/name}": { post: { ...adopted.post, operationId: "onAdoptedCb", parameters: [header("X-Hook")] } } } };
      d.components.parameters = { Unused: { name: "q", in: "query", schema: { type: "string" } } };
    });
    const rules = new Set(["parameter-description", "parameters-unique", "security-defined", "operation-id-url-safe"]);
    expect(findings.filter((f) => rules.has(f.ruleId)).map((f) => `${f.ruleId} ${f.pointer}`).sort()).toEqual([
      "operation-id-url-safe /webhooks/adopted/post/operationId",
      "parameter-description /components/parameters/Unused",
      "parameter-description /paths/~1pets/post/callbacks/onAdopted/{$request.body#~1name}/post/parameters/0",
      "parameter-description /webhooks/adopted/post/parameters/0",
      "parameter-description /webhooks/adopted/post/parameters/1",
      "parameters-unique /webhooks/adopted/post/parameters/1",
      "security-defined /webhooks/adopted/post/security/0/ghost",
    ]);
  });

  it("unused-components counts a $ref into a component's inside as a use of it (the bundle hoists such a schema for generation)", async () => {
    const findings = await lintGiven((d) => {
      d.components.schemas.Owner = { type: "object", properties: { name: { type: "string" } } };
      d.components.schemas.Pet.properties.owner = { $ref: "#/components/schemas/Owner/properties/name" };
    });
    expect(findings.filter((f) => f.ruleId === "unused-components")).toEqual([]);
  });

  it("unused-components counts a $ref by anchor as a use of the schema declaring it (the bundle makes it a pointer)", async () => {
    const findings = await lintGiven((d) => {
      d.components.schemas.Owner = { $anchor: "Owner", type: "object", properties: { name: { $anchor: "OwnerName", type: "string" } } };
      d.components.schemas.Pet.properties.owner = { $ref: "#Owner" };
      d.components.schemas.Pet.properties.ownerName = { $ref: "#OwnerName" };
    });
    expect(findings.filter((f) => ["unused-components", "ref-resolves", "duplicate-inline-schema"].includes(f.ruleId))).toEqual([]);
  });

  it("unused-components counts the schemas extending a used discriminator's base through allOf as used (the validators dispatch to them by tag); an unused hierarchy is still reported", async () => {
    const findings = await lintGiven((d) => {
      const s = d.components.schemas;
      const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
      const child = (parent: string, prop: string) => ({ allOf: [ref(parent), { type: "object", properties: { [prop]: { type: "string" } } }] });
      s.Animal = { type: "object", required: ["kind"], properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } };
      s.Cat = child("Animal", "purr");
      s.Dog = child("Animal", "bark");
      s.Puppy = child("Dog", "toy");
      pet(d).responses["200"].content["application/json"].schema = ref("Animal");
      // nothing outside its own members refers to Shape: its leaf is unused (Square and Shape are referenced by their children, as before)
      s.Shape = { type: "object", required: ["sides"], properties: { sides: { type: "string" } }, discriminator: { propertyName: "sides" } };
      s.Square = child("Shape", "edge");
      s.Cube = child("Square", "depth");
    });
    expect(findings.filter((f) => f.ruleId === "unused-components").map((f) => f.pointer)).toEqual(["/components/schemas/Cube"]);
  });

  it("duplicate-inline-schema does not take the component the bundle hoisted from a $ref into a component's inside for one the spec has (Codat's `#/components/schemas/Item/definitions/...`)", async () => {
    const findings = await lintGiven((d) => {
      d.components.schemas.Pet.properties.owner = { type: "object", properties: { name: { type: "string" }, phone: { type: "string" }, email: { type: "string" } } };
      create(d).responses["201"].content = { "application/json": { schema: { $ref: "#/components/schemas/Pet/properties/owner" } } };
    });
    expect(findings.filter((f) => f.ruleId === "duplicate-inline-schema")).toEqual([]);
  });

  it("markdown-no-script leaves code alone (fenced blocks, code spans), as its own help asks; a tag after the code is still found", async () => {
    const code = "Embed it:\n\n```html\n<script src=\"https://cdn.example.org/w.js\"></script>\n```\n\n~~~~\neval(x)\n~~~~\n\nNo `<script>` or ``eval(`` in prose.";
    expect((await lintGiven((d) => (d.info.description = code))).filter((f) => f.ruleId === "markdown-no-script")).toEqual([]);
    const after = await lintGiven((d) => (d.info.description = `${code}\n\n<script>alert(1)</script> \`unclosed`));
    expect(after.filter((f) => f.ruleId === "markdown-no-script").map((f) => f.pointer)).toEqual(["/info/description"]);
    // no fence: a backtick in the info string makes the line text, and the tag below it live HTML
    const notFence = await lintGiven((d) => (d.info.description = "```x`y\n<script>alert(1)</script>\n```"));
    expect(notFence.filter((f) => f.ruleId === "markdown-no-script").map((f) => f.pointer)).toEqual(["/info/description"]);
  });

  it("markdown-no-script skips indented code blocks (4 columns, not continuing a paragraph), and only those", async () => {
    const SCRIPT = "<script>alert(1)</script>";
    const cases: Array<{ text: string; reported: boolean }> = [
      // indented code: at the start, after a blank line, after a heading or a fence, with a tab, after blank lines inside the block
      { text: `    ${SCRIPT}`, reported: false },
      { text: `Embed it:\n\n    ${SCRIPT}\n\nDone.`, reported: false },
      { text: `# Embed\n    ${SCRIPT}`, reported: false },
      { text: `\t${SCRIPT}`, reported: false },
      { text: "Embed it:\n\n    <div>\n\n    " + SCRIPT, reported: false },
      { text: "```\nx\n```\n    " + SCRIPT, reported: false },
      // in a list item, code starts 4 columns past the item's content
      { text: `- item\n\n      ${SCRIPT}`, reported: false },
      // not code: an indented line continues a paragraph (it cannot interrupt one)
      { text: `Embed it:\n    ${SCRIPT}`, reported: true },
      // not code: 4 columns inside a list item is the item's own paragraph (rendered as HTML)
      { text: `- item\n\n    ${SCRIPT}`, reported: true },
      { text: `1. item\n\n     ${SCRIPT}`, reported: true },
      // not code: inside a raw <pre> block (blank lines do not end it) the script is live HTML
      { text: `<pre>\n\n    ${SCRIPT}\n</pre>`, reported: true },
      // not code: fewer than 4 columns, and the text after the code block
      { text: `   ${SCRIPT}`, reported: true },
      { text: `    code\n${SCRIPT}`, reported: true },
      { text: "    code\n\n    eval(x)\nthen eval(y)", reported: true },
    ];
    const findings = await lintGiven((d) => (d.tags = cases.map((c, i) => ({ name: `case${i}`, description: c.text }))));
    const reported = new Set(findings.filter((f) => f.ruleId === "markdown-no-script").map((f) => f.pointer));
    expect(cases.map((c, i) => ({ text: c.text, reported: reported.has(`/tags/${i}/description`) }))).toEqual(cases);
  });

  it("path-params and parameter-description read a path parameter named by a mapping (String() of { toString: 1 } was an internal error)", async () => {
    const findings = await lintGiven((d) => pet(d).parameters.push({ name: { toString: 1 }, in: { toString: 2 }, required: true, schema: { type: "string" } }, { name: { toString: 1 }, in: "path", required: true, schema: { type: "string" } }));
    expect(findings.filter((f) => f.ruleId === "path-params").map((f) => f.message)).toEqual([expect.stringContaining(`path parameter '{"toString":1}' of GET /pets/{petId} is not in the path`)]);
    expect(findings.filter((f) => f.ruleId === "parameter-description").map((f) => f.message)).toContain(`parameter '{"toString":1}' (in {"toString":2}) has no description`);
  });

  it("a finding names the line and column of the place in the file", async () => {
    const findings = await lintGiven((d) => delete pet(d).operationId);
    const text = stringify((() => { const d = clean(); delete pet(d).operationId; return d; })()).split("\n");
    const f = findings.find((x) => x.ruleId === "operation-id")!;
    // The operation's key `get:` under `/pets/{petId}`.
    expect(text[f.line! - 1]!.slice(f.column! - 1)).toMatch(/^get:/);
  });

  it("required-properties-defined reads properties through combinations: branches of a parent, allOf siblings, refs; maps are left alone", async () => {
    const findings = await lintGiven((d) => {
      const s = d.components.schemas;
      s.Pet.properties.email = { type: "string" };
      s.Pet.properties.phone = { type: "string" };
      // each branch requires a property the parent declares
      s.Pet.oneOf = [{ required: ["email"] }, { required: ["phone"] }];
      // allOf: the second member requires what the first (a ref) declares; the third misspells it
      s.Tagged = { allOf: [{ $ref: "#/components/schemas/Pet" }, { required: ["name"] }, { required: ["Name"] }] };
      // a map with a required key
      s.Labels = { type: "object", additionalProperties: { type: "string" }, required: ["en"] };
      // "legacy must be absent": no schema declares it, none needs to
      s.Pet.not = { required: ["legacy"] };
      create(d).requestBody.content["application/json"].schema = { oneOf: [{ $ref: "#/components/schemas/Tagged" }, { $ref: "#/components/schemas/Labels" }] };
    });
    const mine = findings.filter((f) => f.ruleId === "required-properties-defined");
    expect(mine.map((f) => [f.pointer, f.message, f.help])).toEqual([
      ["/components/schemas/Tagged/allOf/2/required/0", "required property 'Name' is not declared in properties", "did you mean 'name'?"],
    ]);
  });

  it("array-items reports contains without items (as Spectral does), saying contains does not describe the other items", async () => {
    const findings = await lintGiven((d) => (d.components.schemas.Pet.properties.tags = { type: "array", contains: { const: "primary" }, minContains: 1 }));
    expect(findings.filter((f) => f.ruleId === "array-items").map((f) => [f.pointer, f.message])).toEqual([
      ["/components/schemas/Pet/properties/tags", "array schema with contains but without items: contains only asks that some items match it, so the others may be anything (typed unknown)"],
    ]);
  });

  it("array-items accepts items said by an allOf member", async () => {
    const findings = await lintGiven((d) => {
      d.components.schemas.Pet.properties.tags = { type: "array", allOf: [{ items: { type: "string" } }] };
      d.components.schemas.Pet.properties.codes = { allOf: [{ type: "array" }, { items: { type: "integer" } }] };
    });
    expect(findings.filter((f) => f.ruleId === "array-items")).toEqual([]);
  });

  it("example-valid reads a webhook's request as the API sends it: a readOnly property belongs, a writeOnly one does not", async () => {
    const webhook = (example: Record<string, unknown>) => (d: Doc) => {
      d.components.schemas.Pet.properties.id.readOnly = true;
      d.components.schemas.Pet.properties.secret = { type: "string", writeOnly: true };
      d.webhooks = { petAdopted: { post: { operationId: "onPetAdopted", summary: "Adopted", description: "A pet was adopted.", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" }, example } } }, responses: { "204": { description: "received" } } } } };
    };
    const sent = pet(parse(readFileSync(CLEAN, "utf8")) as Doc).responses["200"].content["application/json"].example as Record<string, unknown>;
    expect((await lintGiven(webhook(sent))).filter((f) => f.ruleId === "example-valid")).toEqual([]);
    const withSecret = await lintGiven(webhook({ ...sent, secret: "s" }));
    expect(withSecret.filter((f) => f.ruleId === "example-valid").map((f) => f.pointer)).toEqual(["/webhooks/petAdopted/post/requestBody/content/application~1json/example/secret"]);
  });

  it("example-valid: a component that is also an allOf member is closed where it is used directly, open only as the member", async () => {
    const findings = await lintGiven((d) => {
      const sent = pet(d).responses["200"].content["application/json"].example as Record<string, unknown>;
      d.components.schemas.Dog = { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", properties: { bark: { type: "boolean" } } }], examples: [{ ...sent, bark: true }] };
      pet(d).responses["200"].content["application/json"].example = { ...sent, bark: true };
    });
    expect(findings.filter((f) => f.ruleId === "example-valid").map((f) => `${f.pointer} ${f.message}`)).toEqual([
      "/paths/~1pets~1{petId}/get/responses/200/content/application~1json/example example does not match its schema: has unknown property 'bark'",
    ]);
  });

  it("example-valid: unevaluatedProperties: false refuses a property named like Object.prototype's (ajv's set of evaluated names)", async () => {
    const closed = (example: Record<string, unknown>) => (d: Doc) => {
      d.components.schemas.Closed = { type: "object", properties: { a: { type: "string" } }, anyOf: [{ required: ["a"] }, { properties: { b: { type: "string" } } }], unevaluatedProperties: false, examples: [example] };
    };
    expect((await lintGiven(closed({ a: "x", b: "y" }))).filter((f) => f.ruleId === "example-valid")).toEqual([]);
    const findings = await lintGiven(closed({ a: "x", toString: 1 }));
    expect(findings.filter((f) => f.ruleId === "example-valid").map((f) => f.message)).toEqual([expect.stringContaining("toString")]);
  });

  it("3.0 examples are reported where they are written (`example`, not the normalized `examples`)", async () => {
    const findings = await lintGiven((d) => {
      d.openapi = "3.0.3";
      d.components.schemas.Pet.properties.id.example = "one";
      delete d.servers[0].variables.version.enum;
    });
    expect(findings.map((f) => `${f.ruleId} ${f.pointer}`)).toContain("example-valid /components/schemas/Pet/properties/id/example");
  });
});
