/**
 * What a `.spectral.yaml` carries besides rules, under `lint`: the functions `or`, `typedEnum` and
 * `unreferencedReusableObject`, `formats` on a rule, `aliases` (plain, scoped by format, nested) and
 * `overrides` (by file, by part of a file, by format; the last match wins), each through `lintFile` over
 * small specs, and the config problems each can have, one line each with its pointer.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../generator/config/config.js";
import { customRulesOf, lintFile, type LintOptions } from "../../generator/lint/run.js";
import { makeReport } from "../../generator/lint/format/report.js";
import { sarif } from "../../generator/lint/format/sarif.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-spectral-");
const write = fileWriter(dir);

const spec = (version: string) => `openapi: ${version}
info: {title: Pets, version: "1", license: {name: MIT}}
servers: [{url: "https://api.pets.dev"}]
tags: [{name: pets, description: Pets}]
paths:
  /pets:
    get:
      operationId: listPets
      summary: List
      tags: [pets]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /v1/pets:
    get:
      operationId: listOldPets
      tags: [pets]
      responses:
        "200": {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        kind: {type: string, enum: [cat, 1, dog]}
        size: {type: integer, enum: [1, 2.5, null], nullable: true}
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      properties: {name: {type: string}}
    Orphan: {type: string}
`;
const V30 = write("v30.yaml", spec("3.0.3"));
const V31 = write("v31.yaml", spec("3.1.0"));
const LEGACY = write("legacy/old.yaml", spec("3.1.0"));

/** Findings of the given rule ids as "file line:col severity rule message". */
async function run(file: string, options: LintOptions, ids: string[]): Promise<string[]> {
  const findings = await lintFile(file, { baseDir: dir, ...options });
  return findings.filter((f) => ids.includes(f.ruleId)).map((f) => `${path.basename(f.file)} ${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

const problems = (lint: unknown) => validateConfig({ lint }).map((p) => `${p.pointer} ${p.message} (${p.help})`);

describe("Spectral functions or, typedEnum, unreferencedReusableObject", () => {
  it("or: an operation with neither summary nor description", async () => {
    const custom = { "summary-or-description": { given: "$.paths[*].get", then: { function: "or", functionOptions: { properties: ["summary", "description"] } } } };
    expect(await run(V31, { custom }, ["summary-or-description"])).toEqual([
      'v31.yaml 18:5 warn summary-or-description at least one of "summary", "description" must be defined',
    ]);
    expect(problems({ custom: { r: { given: "$", then: { function: "or", functionOptions: { properties: ["a"] } } } } })).toEqual([
      "/lint/custom/r/then/functionOptions/properties or needs `properties`, a list of two or more property names (e.g. properties: [description, summary])",
    ]);
  });

  it("typedEnum: values of another type, at the value; 3.0's nullable admits null, 3.1's does not", async () => {
    const custom = { "typed-enum": { given: "$..[?(@.enum && @.type)]", then: { function: "typedEnum" } } };
    expect(await run(V30, { custom }, ["typed-enum"])).toEqual([
      "v30.yaml 28:42 warn typed-enum enum value 1 is not of the schema's type string",
      "v30.yaml 29:41 warn typed-enum enum value 2.5 is not of the schema's type integer",
    ]);
    expect(await run(V31, { custom }, ["typed-enum"])).toEqual([
      "v31.yaml 28:42 warn typed-enum enum value 1 is not of the schema's type string",
      "v31.yaml 29:41 warn typed-enum enum value 2.5 is not of the schema's type integer",
      "v31.yaml 29:46 warn typed-enum enum value null is not of the schema's type integer",
    ]);
  });

  it("unreferencedReusableObject: a ref into a component uses it, and custom rules see no component the bundle hoisted", async () => {
    // The bundle makes `#/components/schemas/Owner/properties/name` a component of its own for generation;
    // rules read the spec as written, where Owner is used and there is no component `name`.
    const deep = write("deep.yaml", spec("3.1.0").replace("owner: {$ref: '#/components/schemas/Owner'}", "owner: {$ref: '#/components/schemas/Owner/properties/name'}"));
    const custom = {
      orphans: { given: "$.components.schemas", resolved: false, then: { function: "unreferencedReusableObject", functionOptions: { reusableObjectsLocation: "#/components/schemas" } } },
      names: { given: "$.components.schemas[*]~", then: { function: "enumeration", functionOptions: { values: ["Pet", "Owner", "Orphan"] } } },
      refs: { given: "$..owner.$ref", resolved: false, then: { function: "pattern", functionOptions: { match: "^#/components/schemas/Owner$" } } },
    };
    expect(await run(deep, { custom }, ["orphans", "names", "refs"])).toEqual([
      "deep.yaml 30:17 warn refs \"#/components/schemas/Owner/properties/name\" must match the pattern \"^#/components/schemas/Owner$\"",
      'deep.yaml 34:5 warn orphans "Orphan" is not referenced: no $ref points at #/components/schemas/Orphan',
    ]);
  });

  it("unreferencedReusableObject: a component no $ref names", async () => {
    const custom = { orphans: { given: "$.components.schemas", resolved: false, then: { function: "unreferencedReusableObject", functionOptions: { reusableObjectsLocation: "#/components/schemas" } } } };
    expect(await run(V31, { custom }, ["orphans"])).toEqual([
      'v31.yaml 34:5 warn orphans "Orphan" is not referenced: no $ref points at #/components/schemas/Orphan',
    ]);
    expect(problems({ custom: { r: { given: "$", then: { function: "unreferencedReusableObject", functionOptions: { reusableObjectsLocation: "components/schemas" } } } } })).toEqual([
      '/lint/custom/r/then/functionOptions/reusableObjectsLocation unreferencedReusableObject needs `reusableObjectsLocation`, a JSON pointer fragment (e.g. reusableObjectsLocation: "#/components/schemas" (the place `given` selects))',
    ]);
  });
});

describe("formats on a custom rule", () => {
  const custom = (formats: string[]) => ({ "needs-description": { given: "$.info", formats, then: { field: "description", function: "truthy" } } });
  it("runs only on documents of those formats, in Spectral's spellings", async () => {
    expect(await run(V30, { custom: custom(["oas3_1"]) }, ["needs-description"])).toEqual([]);
    expect(await run(V31, { custom: custom(["oas3.1"]) }, ["needs-description"])).toHaveLength(1);
    expect(await run(V30, { custom: custom(["oas3"]) }, ["needs-description"])).toHaveLength(1);
    expect(await run(V31, { custom: custom(["oas2", "json-schema-draft7"]) }, ["needs-description"])).toEqual([]);
  });
  it("an unknown format is a config error naming the formats", () => {
    expect(problems({ custom: custom(["oas4"]) })[0]).toMatch(/^\/lint\/custom\/needs-description\/formats\/0 unknown format 'oas4' \(use one of oas3, oas3\.0, oas3\.1/);
  });
});

describe("lint.aliases", () => {
  const aliases = {
    PathItem: ["$.paths[*]"],
    Operation: ["#PathItem[get,put,post,delete]"],
    Info: { description: "scoped", targets: [{ formats: ["oas3_0"], given: ["$.info.license"] }, { formats: ["oas3"], given: ["$.info"] }] },
  };
  it("expands a given starting with #Name, nested and followed by more path", async () => {
    const custom = { "op-summary": { given: "#Operation", then: { field: "summary", function: "truthy" } } };
    expect(await run(V31, { aliases, custom }, ["op-summary"])).toEqual(["v31.yaml 18:5 warn op-summary 'summary' must be truthy"]);
  });
  it("a scoped alias takes the first target whose formats fit the document", async () => {
    const custom = { "info-title": { given: "#Info", then: { field: "title", function: "truthy" } } };
    // 3.0: the license (which has no title); 3.1: info (which has one).
    expect(await run(V30, { aliases, custom }, ["info-title"])).toEqual(["v30.yaml 2:35 warn info-title 'title' must be truthy"]);
    expect(await run(V31, { aliases, custom }, ["info-title"])).toEqual([]);
  });
  it("an unknown alias, a loop, a bad path after expansion and a bad target are config errors", () => {
    expect(problems({ aliases, custom: { r: { given: "#Operatoin.x", then: { function: "truthy" } } } })).toEqual([
      "/lint/custom/r/given unknown alias '#Operatoin' (define it under lint.aliases (names are case-sensitive))",
    ]);
    expect(problems({ aliases: { A: ["#B"], B: ["#A.x"] } })).toEqual([
      "/lint/aliases/A alias 'A' uses itself (#A -> #B -> #A) (define it under lint.aliases (names are case-sensitive))",
      "/lint/aliases/B alias 'B' uses itself (#B -> #A -> #B) (define it under lint.aliases (names are case-sensitive))",
    ]);
    expect(problems({ aliases: { Keys: ["$.paths~"] }, custom: { r: { given: "#Keys.x", then: { function: "truthy" } } } })).toEqual([
      "/lint/custom/r/given invalid JSONPath: '~' may only end the path at character 8 of '$.paths~.x' (#Keys.x expanded) (write a JSONPath such as $.paths[*]~ or $..parameters[?(@.in == 'query')])",
    ]);
    expect(problems({ aliases: { S: { targets: [{ given: ["$.info"] }] } } })).toEqual([
      "/lint/aliases/S/targets/0 an alias target needs `formats` and `given` (lists) (e.g. { formats: [oas3], given: [\"$.components.parameters[*]\"] })",
    ]);
  });
});

describe("lint.overrides", () => {
  const ids = ["operation-summary"];
  it("sets severities per file glob and per part of a file; the last matching entry wins", async () => {
    expect(await run(LEGACY, {}, ids)).toEqual(["old.yaml 18:5 warn operation-summary GET /v1/pets has no summary"]);
    expect(await run(LEGACY, { overrides: [{ files: ["legacy/**"], rules: { "operation-summary": "off" } }] }, ids)).toEqual([]);
    expect(await run(V31, { overrides: [{ files: ["legacy/**"], rules: { "operation-summary": "off" } }] }, ids)).toHaveLength(1);
    const byPointer = [{ files: ["v31.yaml#/paths/~1v1~1pets"], rules: { "operation-summary": "error" } }];
    expect(await run(V31, { overrides: byPointer }, ids)).toEqual(["v31.yaml 18:5 error operation-summary GET /v1/pets has no summary"]);
    const pctEscaped = [{ files: ["*.yaml#/paths/%7E1v1~1pets"], rules: { "operation-summary": "off" } }];
    expect(await run(V31, { overrides: pctEscaped }, ids)).toEqual([]);
    const lastWins = [{ files: ["**"], rules: { "operation-summary": "off" } }, { files: ["v31.yaml"], rules: { "operation-summary": "error" } }];
    expect(await run(V31, { overrides: lastWins }, ids)).toEqual(["v31.yaml 18:5 error operation-summary GET /v1/pets has no summary"]);
  });
  it("turns a rule that is off by default on where it matches, and matches by format", async () => {
    const contact = ["info-contact"];
    expect(await run(V30, {}, contact)).toEqual([]);
    const on30 = [{ formats: ["oas3_0"], rules: { "info-contact": "warn" } }];
    expect(await run(V30, { overrides: on30 }, contact)).toEqual(["v30.yaml 2:1 warn info-contact the document has no info.contact"]);
    expect(await run(V31, { overrides: on30 }, contact)).toEqual([]);
  });
  it("parse, oas-version and ref-resolves cannot be turned off, by lint.rules or an override (a spec that does not parse would pass)", () => {
    expect(problems({ rules: { parse: "off", "oas-version": "error" }, overrides: [{ files: ["*"], rules: { "ref-resolves": "warn" } }] })).toEqual([
      "/lint/rules/parse 'parse' always runs, as an error (a spec must parse, name its OpenAPI version and resolve its $refs) (remove this entry)",
      "/lint/overrides/0/rules/ref-resolves 'ref-resolves' always runs, as an error (a spec must parse, name its OpenAPI version and resolve its $refs) (remove this entry)",
    ]);
  });
  it("bad entries are config errors, one line each with its pointer", () => {
    expect(problems({ overrides: [{ rules: { "operation-summary": "off" } }, { files: ["a.yaml#paths"], rules: { nope: "off", "operation-id": { given: "$" } } }, { files: ["*"], aliases: {}, rules: {} }] })).toEqual([
      "/lint/overrides/0 an override needs `files`, `formats` or both (e.g. files: ['specs/legacy/**'])",
      "/lint/overrides/1/files/0 '#paths' is not a JSON pointer fragment (write #/paths/~1pets (~1 for '/', ~0 for '~', %-escapes allowed))",
      "/lint/overrides/1/rules/nope unknown rule 'nope' (see docs/rules.md for the rule ids, or define it under lint.custom)",
      "/lint/overrides/1/rules/operation-id invalid setting for 'operation-id' (an override sets severities only: define the rule under lint.custom and set its severity here)",
      "/lint/overrides/2/aliases unknown key 'aliases' (define aliases at the top of lint (lint.aliases) or not at all; an override takes files, formats and rules)",
    ]);
  });
});

describe("documentationUrl", () => {
  it("is SARIF's helpUri of the custom rule; a non-URL is a config error", () => {
    const config = { custom: { r: { given: "$.info", documentationUrl: "https://style.example.com/api#r", then: { function: "truthy" } } } };
    const log = JSON.parse(sarif(makeReport([], [], "0.0.0", customRulesOf(config)))) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> };
    expect(log.runs[0]!.tool.driver.rules.find((r) => r.id === "r")?.helpUri).toBe("https://style.example.com/api#r");
    expect(problems({ custom: { r: { ...config.custom.r, documentationUrl: "style.md" } } })).toEqual([
      "/lint/custom/r/documentationUrl `documentationUrl` must be an http(s) URL (e.g. documentationUrl: https://example.com/api-style#paths-kebab-case)",
    ]);
  });
});
