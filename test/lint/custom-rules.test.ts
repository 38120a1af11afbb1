/**
 * `lint.custom`: the config's problems (one each, with its pointer), each core function finding and not
 * finding, `field` (names, dotted paths, `@key`), message placeholders, and `lint.rules` / `lint.ignore`
 * applying to custom ids, all through `lintFile` over a small spec.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../generator/config/config.js";
import { lintFile, type LintOptions } from "../../generator/lint/run.js";
import type { CustomRuleConfig } from "../../generator/lint/custom/config.js";
import { tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-custom-");
const SPEC = path.join(dir, "api.yaml");
writeFileSync(
  SPEC,
  `openapi: 3.0.3
info: {title: Pets, version: "1", contact: {}}
tags: [{name: pets}]
paths:
  /pets_all:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - $ref: '#/components/parameters/Limit'
      responses:
        "200": {description: ok}
        "400": {description: bad}
  /pets/{id}:
    delete:
      operationId: Delete_Pet2
      summary: x
      parameters:
        - {name: id, in: path, required: true, description: The pet, schema: {type: string, maxLength: 300}}
      responses:
        "204": {description: gone}
        "404": {description: none}
components:
  parameters:
    Limit: {name: limit, in: query, description: How many, schema: {type: integer, nullable: true}}
`,
);

/** Findings of one custom rule `r` (every built-in rule off), as "line:col message". */
async function run(rule: CustomRuleConfig, extra: LintOptions = {}): Promise<string[]> {
  const findings = await lintFile(SPEC, { custom: { r: rule }, baseDir: dir, ...extra });
  return findings.filter((f) => f.ruleId === "r").map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`);
}

const problems = (custom: unknown, rules?: unknown) =>
  validateConfig({ lint: { custom, ...(rules ? { rules } : {}) } }).map((p) => `${p.pointer} ${p.message} (${p.help})`);

describe("lint.custom config", () => {
  it("accepts a Spectral rule as written, and lint.rules naming it", () => {
    expect(problems({ "paths-kebab": { description: "d", message: "{{property}}: {{error}}", severity: "info", given: "$.paths[*]~", then: { function: "pattern", functionOptions: { match: "^/[a-z/{}-]+$" } } } }, { "paths-kebab": "error" })).toEqual([]);
  });

  const cases: Array<{ custom: unknown; want: string }> = [
    { custom: { r: { given: "$.info", then: { function: "truthly" } } }, want: "/lint/custom/r/then/function unknown function 'truthly' (use one of truthy, falsy, defined, undefined, pattern, casing, length, enumeration, schema, xor, or, alphabetical, unreferencedReusableObject, typedEnum)" },
    { custom: { r: { given: "$.paths[*", then: { function: "truthy" } } }, want: "/lint/custom/r/given invalid JSONPath: unclosed '[' at character 8 of '$.paths[*' (write a JSONPath such as $.paths[*]~ or $..parameters[?(@.in == 'query')])" },
    { custom: { r: { given: ["$.info", "info"], then: { function: "truthy" } } }, want: "/lint/custom/r/given/1 invalid JSONPath: a path starts with '$' at character 1 of 'info' (write a JSONPath such as $.paths[*]~ or $..parameters[?(@.in == 'query')])" },
    { custom: { "operation-id": { given: "$", then: { function: "truthy" } } }, want: "/lint/custom/operation-id custom rule 'operation-id' has the id of a built-in rule (rename it (docs/rules.md lists the built-in ids))" },
    { custom: { r: { given: "$", then: [{ function: "truthy" }, { function: "pattern", functionOptions: { match: "([a-z" } }] } }, want: "/lint/custom/r/then/1/functionOptions/match 'match' is not a valid regular expression: Invalid regular expression: /([a-z/: Unterminated character class (fix the expression (JavaScript syntax))" },
    { custom: { r: { given: "$", then: { function: "casing", functionOptions: { type: "train" } } } }, want: "/lint/custom/r/then/functionOptions/type casing needs `type`, one of the cases (use one of flat, camel, pascal, kebab, cobol, snake, macro)" },
    { custom: { r: { given: "$", then: { function: "length", functionOptions: { max: 3, most: 3 } } } }, want: "/lint/custom/r/then/functionOptions/most unknown option 'most' (options: min, max (e.g. { min: 1, max: 64 }))" },
    { custom: { r: { given: "$", then: { function: "truthy", functionOptions: { x: 1 } } } }, want: "/lint/custom/r/then/functionOptions/x unknown option 'x' (this function takes no functionOptions)" },
    { custom: { r: { given: "$", then: { function: "schema", functionOptions: { schema: { type: "strin" } } } } }, want: "/lint/custom/r/then/functionOptions/schema the schema does not compile: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf (fix the schema (JSON Schema draft-07, or 2019-09/2020-12 named by `$schema`))" },
    { custom: { r: { given: "$", then: { function: "schema", functionOptions: { schema: { $async: true, type: "number" } } } } }, want: "/lint/custom/r/then/functionOptions/schema the schema is $async, which lint cannot wait for (remove `$async: true`)" },
    { custom: { r: { given: `$.paths[?(${"(".repeat(100)}@.get${")".repeat(100)})]`, then: { function: "truthy" } } }, want: `/lint/custom/r/given invalid JSONPath: the filter nests deeper than 64 levels at character 75 of '$.paths[?(${"(".repeat(67)}...' (write a JSONPath such as $.paths[*]~ or $..parameters[?(@.in == 'query')])` },
    { custom: { r: { given: "$", severity: "fatal", then: { function: "truthy" } } }, want: "/lint/custom/r/severity invalid severity 'fatal' (use error, warn, info, hint or off)" },
    { custom: { r: { given: "$", message: "{{value}} at {{where}}", then: { function: "truthy" } } }, want: "/lint/custom/r/message unknown placeholder '{{where}}' (use {{error}}, {{property}}, {{path}}, {{value}}, {{description}})" },
    { custom: { r: { given: "$", then: { function: "truthy" }, when: "always" } }, want: "/lint/custom/r/when unknown key 'when' (a custom rule takes description, message, severity, recommended, type, given, resolved, formats, documentationUrl, then, tags, extensions)" },
    { custom: { r: { given: "$" } }, want: "/lint/custom/r/then missing `then` (e.g. then: { field: description, function: truthy })" },
    { custom: { r: { given: "$", then: { field: "a[", function: "truthy" } } }, want: "/lint/custom/r/then/field invalid field: unclosed '[' at character 4 of 'a[' (a property name (description), a dotted path (schema.type) or @key)" },
  ];
  for (const { custom, want } of cases) {
    it(want.split(" (")[0]!, () => expect(problems(custom)).toEqual([want]));
  }

  it("lint.rules and lint.ignore know custom ids, and no others", () => {
    const ok = { r: { given: "$", then: { function: "truthy" } } };
    expect(problems(ok, { r: "off", s: "warn" })).toEqual(["/lint/rules/s unknown rule 's' (see docs/rules.md for the rule ids, or define it under lint.custom)"]);
    expect(validateConfig({ lint: { custom: ok, ignore: [{ files: "*.yaml", rules: ["r"] }] } })).toEqual([]);
  });

  it("lint.replaces lets a custom rule take the id of the built-in it stands in for, and only that", () => {
    const own = { "info-contact": { given: "$.info", then: { field: "contact", function: "truthy" } } };
    expect(validateConfig({ lint: { custom: own, replaces: ["info-contact"] } })).toEqual([]);
    const say = (lint: object) => validateConfig({ lint }).map((p) => `${p.pointer} ${p.message}`);
    expect(say({ custom: own })).toEqual(["/lint/custom/info-contact custom rule 'info-contact' has the id of a built-in rule"]);
    expect(say({ custom: own, replaces: ["info-contact", "operation-id"] })).toEqual(["/lint/replaces/1 'operation-id' is not a built-in rule defined under lint.custom"]);
    // parse, oas-version and ref-resolves are never replaced: a spec that does not parse would pass with a warning.
    const parse = { parse: { given: "$.nothing", then: { function: "falsy" } } };
    expect(say({ custom: parse, replaces: ["parse"] })).toEqual(["/lint/replaces/0 'parse' is a check specforge always runs, and cannot be replaced"]);
  });
});

describe("core functions", () => {
  const cases: Array<{ name: string; rule: CustomRuleConfig; want: string[] }> = [
    { name: "truthy finds a missing field", rule: { given: "$.paths[*][*]", then: { field: "summary", function: "truthy" } }, want: ["6:5 warn 'summary' must be truthy"] },
    { name: "truthy passes a present one", rule: { given: "$.paths[*][*]", then: { field: "operationId", function: "truthy" } }, want: [] },
    { name: "falsy finds a true value", rule: { given: "$..schema", then: { field: "nullable", function: "falsy" } }, want: ["25:84 warn 'nullable' must be falsy"] },
    { name: "falsy passes a missing one", rule: { given: "$..schema", then: { field: "readOnly", function: "falsy" } }, want: [] },
    { name: "defined finds a missing field (an empty object is defined)", rule: { given: "$.info", then: [{ field: "license", function: "defined" }, { field: "contact", function: "defined" }] }, want: ["2:1 warn 'license' must be defined"] },
    { name: "undefined finds a present field", rule: { given: "$.info", then: { field: "contact", function: "undefined" } }, want: ["2:35 warn 'contact' must not be defined"] },
    { name: "pattern match and notMatch", rule: { given: "$.paths[*]~", then: { function: "pattern", functionOptions: { match: "^(/[a-z{}]+)+$", notMatch: "\\{" } } }, want: ['5:3 warn "/pets_all" must match the pattern "^(/[a-z{}]+)+$"', '14:3 warn "/pets/{id}" must not match the pattern "\\\\{"'] },
    { name: "pattern takes /source/flags", rule: { given: "$..operationId", then: { function: "pattern", functionOptions: { match: "/^LIST/i" } } }, want: ['16:7 warn "Delete_Pet2" must match the pattern "/^LIST/i"'] },
    // A `g` regex keeps `lastIndex` between tests: it is reset, so "/pets/{id}" is not tested from character 9.
    { name: "pattern with the g flag tests each value from its start", rule: { given: "$.paths[*]~", then: { function: "pattern", functionOptions: { match: "/^\\/[a-z_]+/g" } } }, want: [] },
    { name: "casing", rule: { given: "$..operationId", then: { function: "casing", functionOptions: { type: "camel" } } }, want: ['16:7 warn "Delete_Pet2" must be camel case'] },
    { name: "casing with disallowDigits", rule: { given: "$..parameters[*].name", then: { function: "casing", functionOptions: { type: "flat", disallowDigits: true } } }, want: [] },
    { name: "casing with a separator", rule: { given: "$.paths[*]~", then: { function: "casing", functionOptions: { type: "kebab", separator: { char: "/", allowLeading: true } } } }, want: ['5:3 warn "/pets_all" must be kebab case', '14:3 warn "/pets/{id}" must be kebab case'] },
    { name: "length on strings, arrays, objects, numbers", rule: { given: "$", then: [{ field: "info.title", function: "length", functionOptions: { min: 5 } }, { field: "tags", function: "length", functionOptions: { max: 0 } }, { field: "paths", function: "length", functionOptions: { max: 1 } }, { field: "paths./pets/{id}.delete.parameters.0.schema.maxLength", function: "length", functionOptions: { max: 256 } }] }, want: ["2:8 warn 'title' has 4 characters, fewer than the minimum 5", "3:1 warn 'tags' has 1 items, more than the maximum 0", "4:1 warn 'paths' has 2 properties, more than the maximum 1", "19:93 warn 'maxLength' is 300, more than the maximum 256"] },
    { name: "enumeration", rule: { given: "$..parameters[*].in", then: { function: "enumeration", functionOptions: { values: ["path", "header"] } } }, want: ['25:26 warn "query" must be one of: "path", "header"'] },
    { name: "schema, and a missing value", rule: { given: "$.paths[*][*]", then: [{ field: "operationId", function: "schema", functionOptions: { schema: { type: "string", maxLength: 8 } } }, { field: "x-owner", function: "schema", functionOptions: { schema: { type: "string" } } }] }, want: ["6:5 warn 'x-owner' must exist", "15:5 warn 'x-owner' must exist", "16:7 warn 'operationId' must NOT have more than 8 characters"] },
    { name: "schema with allowUndefined, on an object", rule: { given: "$.info", then: [{ field: "x-owner", function: "schema", functionOptions: { schema: { type: "string" }, allowUndefined: true } }, { function: "schema", functionOptions: { schema: { required: ["license"] } } }] }, want: ["2:1 warn 'info' is missing the required property 'license'"] },
    { name: "xor", rule: { given: "$.paths[*][*]", then: { function: "xor", functionOptions: { properties: ["summary", "description"] } } }, want: ['6:5 warn exactly one of "summary", "description" must be defined (found none)'] },
    { name: "alphabetical: object keys, arrays, arrays keyed by a property", rule: { given: "$", then: [{ field: "info", function: "alphabetical" }, { field: "paths./pets/{id}.delete.responses", function: "alphabetical", functionOptions: {} }, { field: "paths./pets/{id}.delete.parameters", function: "alphabetical", functionOptions: { keyedBy: "name" } }, { field: "tags", function: "alphabetical", functionOptions: { keyedBy: "name" } }, { field: "info.title", function: "alphabetical" }, { field: "info", function: "alphabetical", functionOptions: { keyedBy: "name" } }] }, want: ["2:1 warn 'info' must hold objects to sort by 'name'", '2:1 warn "version" must be placed after "contact"'] },
    { name: "a JSONPath field below the value", rule: { given: "$.paths[*][*]", then: { field: "$.responses[?(@property >= '400')].description", function: "pattern", functionOptions: { match: "^bad$" } } }, want: ['22:17 warn "none" must match the pattern "^bad$"'] },
    { name: "@key", rule: { given: "$.paths[*][*].responses[*]", then: { field: "@key", function: "pattern", functionOptions: { match: "^2" } } }, want: ['13:9 warn "400" must match the pattern "^2"', '22:9 warn "404" must match the pattern "^2"'] },
    { name: "a $ref'd value reports once, where it is written", rule: { given: "$.paths[*][*].parameters[*]", then: { field: "schema.nullable", function: "falsy" } }, want: ["25:84 warn 'nullable' must be falsy"] },
    { name: "resolved: false", rule: { given: "$.paths[*][*].parameters[*]", resolved: false, then: { field: "$ref", function: "undefined" } }, want: ["10:11 warn '$ref' must not be defined"] },
  ];
  for (const { name, rule, want } of cases) {
    it(name, async () => expect(await run(rule, { rules: Object.fromEntries(["oas-schema", "unused-components"].map((id) => [id, "off"])) })).toEqual(want));
  }
});

describe("messages, severities, ignores", () => {
  const rule: CustomRuleConfig = {
    description: "Operation ids are camelCase",
    message: "{{property}} {{value}} at {{path}}: {{error}} [{{description}}]",
    severity: "hint",
    given: "$..operationId",
    then: { function: "casing", functionOptions: { type: "camel" } },
  };

  it("fills the placeholders; hint reads as warn; help is the description unless the message shows it", async () => {
    expect(await run(rule)).toEqual(['16:7 warn operationId "Delete_Pet2" at #/paths/~1pets~1{id}/delete/operationId: "Delete_Pet2" must be camel case [Operation ids are camelCase]']);
    const [finding] = (await lintFile(SPEC, { custom: { r: { ...rule, message: undefined } } })).filter((f) => f.ruleId === "r");
    expect(finding).toMatchObject({ message: '"Delete_Pet2" must be camel case', help: "Operation ids are camelCase", pointer: "/paths/~1pets~1{id}/delete/operationId" });
  });

  it("severity error and off; lint.rules overrides a custom rule's severity", async () => {
    expect(await run({ ...rule, severity: "error" })).toEqual([expect.stringMatching(/^16:7 error /)]);
    expect(await run({ ...rule, severity: 0 })).toEqual([expect.stringMatching(/^16:7 error /)]);
    expect(await run({ ...rule, severity: "off" })).toEqual([]);
    expect(await run({ ...rule, severity: "off" }, { rules: { r: "error" } })).toEqual([expect.stringMatching(/^16:7 error /)]);
    expect(await run(rule, { rules: { r: "off" } })).toEqual([]);
  });

  it("lint.ignore applies to custom ids by file and pointer", async () => {
    expect(await run(rule, { ignore: [{ files: "api.yaml", rules: ["r"] }] })).toEqual([]);
    expect(await run(rule, { ignore: [{ files: "api.yaml", pointer: "/paths/~1pets~1{id}", rules: ["r"] }] })).toEqual([]);
    expect(await run(rule, { ignore: [{ files: "api.yaml", pointer: "/paths/~1pets_all" }] })).toHaveLength(1);
  });
});

describe("a ruleset's regular expressions on hostile spec text", () => {
  // `^(a+)+$` backtracks exponentially on a run of a's that does not end the string: run directly on this
  // title it would take hours
  const HOSTILE = path.join(dir, "hostile.yaml");
  writeFileSync(HOSTILE, `openapi: 3.0.3\ninfo: {title: "${"a".repeat(40)}!", version: "1"}\npaths: {}\n`);
  const lintHostile = async (rule: CustomRuleConfig) =>
    (await lintFile(HOSTILE, { custom: { r: rule }, baseDir: dir, rules: { "oas-schema": "off" } })).filter((f) => f.ruleId === "r").map((f) => `${f.line}:${f.column} ${f.message}`);

  it("a pattern that repeats a repeating group runs within a time limit, and says so where it ran past it", async () => {
    const started = Date.now();
    const found = await lintHostile({ given: "$.info.title", then: { function: "pattern", functionOptions: { notMatch: "^(a+)+$" } } });
    expect(found).toEqual(['2:8 the pattern "^(a+)+$" ran past its time limit on a value (it repeats a group that repeats or alternates): rewrite the pattern so each text has one way to match']);
    expect(Date.now() - started).toBeLessThan(10_000);
    // the same pattern on values it can test in time gives its findings as before
    expect(await lintHostile({ given: "$.info.version", then: { function: "pattern", functionOptions: { match: "^(a+)+$" } } })).toEqual(['2:60 "1" must match the pattern "^(a+)+$"']);
  }, 30_000);

  it.each(["^(([a-z]+)-?)+$", "^((a+))+$", "^(a|a)+$", "^(?:(?:[a-z]+)-?)+$"])("%s, nested or alternating at any depth, is timed too", async (pattern) => {
    const started = Date.now();
    const found = await lintHostile({ given: "$.info.title", then: { function: "pattern", functionOptions: { notMatch: pattern } } });
    expect(found).toEqual([`2:8 the pattern ${JSON.stringify(pattern)} ran past its time limit on a value (it repeats a group that repeats or alternates): rewrite the pattern so each text has one way to match`]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it("a JSONPath filter's .match() does too: past the limit it matches nothing", async () => {
    const started = Date.now();
    expect(await lintHostile({ given: "$[?(@.title && @.title.match(/^(a+)+$/))]", then: { function: "falsy" } })).toEqual([]);
    expect(await lintHostile({ given: "$[?(@.version && @.version.match(/^(1+)+$/))]", then: { field: "version", function: "falsy" } })).toEqual(["2:60 'version' must be falsy"]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});
