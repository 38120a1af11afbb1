/**
 * A Spectral ruleset's own JavaScript functions (`functions` + `functionsDir`), run by `specforge lint
 * --ruleset` as Spectral runs them: loaded from files beside the ruleset listing them (ES modules and
 * CommonJS), called with (targetVal, options, context), their results reported at the value or at the
 * `path` they give, awaited when async; a function that throws is one error finding and the other rules go
 * on; a file that is missing or exports nothing is exit 2 at the `functions` entry. Also `lint.functions`.
 */
import { describe, expect, it } from "vitest";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-functions-");
const write = fileWriter(dir);

write("api.yaml", `openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: list_pets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
components:
  schemas:
    Pet:
      type: object
      properties:
        pet_name: {type: string}
        age: {type: integer}
`);

// An ES module (.js, found by its syntax; Spectral's extension), a CommonJS one (.cjs) and an async one (.mjs).
write("style/functions/equalsOption.js", `export default function equalsOption(targetVal, options, context) {
  if (targetVal !== options.value) return [{ message: \`\${JSON.stringify(targetVal)} is not \${options.value} (at \${context.path.join(".")}; rule \${context.rule.name})\` }];
}
`);
write("style/functions/snakeProperties.cjs", `module.exports = (schema, options, context) =>
  Object.keys(schema.properties || {}).filter((k) => k.includes("_")).map((k) => ({ message: "{{property}} has an underscore", path: [...context.path, "properties", k] }));
`);
write("style/functions/resolvedType.mjs", `export default async (operation, options, context) => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const schema = context.documentInventory.resolved.paths["/pets"].get.responses["200"].content["application/json"].schema;
  return [{ message: "options " + JSON.stringify(options) + ", resolved type " + schema.type + ", data's " + JSON.stringify(context.document.data.paths["/pets"].get.responses["200"].content["application/json"].schema) }];
};
`);
write("style/functions/throws.js", "module.exports = () => { throw new TypeError('no such thing'); };\n");
write("style/functions/wrongShape.js", "module.exports = () => 'fine';\n");
write("style/functions/rejects.mjs", "export default async () => { throw new RangeError('later'); };\n");
write("style/.spectral.yaml", `functions: [equalsOption, snakeProperties, resolvedType, throws, wrongShape, rejects]
rules:
  title-is:
    given: $.info
    then: { field: title, function: equalsOption, functionOptions: { value: Cats } }
  schema-properties:
    given: $.paths[*][*].responses[*].content[*].schema
    then: { function: snakeProperties }
  async-resolved:
    severity: info
    given: $.paths[*].get
    then: { function: resolvedType }
  crashes:
    severity: warn
    given: $.components.schemas.Pet.properties[*]
    then: { function: throws }
  bad-result:
    given: $.info
    then: { function: wrongShape }
  rejected:
    given: $.info.version
    then: { function: rejects }
`);

type Finding = { ruleId: string; severity: string; message: string; line?: number; column?: number; pointer: string };
const lint = (args: string[]) => {
  const r = runCli(["lint", ...args, "--format", "json", "api.yaml"], dir);
  return { ...r, findings: r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[] }).findings : [] };
};
const shown = (f: Finding) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}: ${f.message}`;

describe("a Spectral ruleset's own functions", () => {
  const run = lint(["--ruleset", "style/.spectral.yaml"]);

  it("runs ES module and CommonJS functions, each result at the value or at the path it gives (through $refs, to where it is written), its placeholders filled", () => {
    expect(run.findings.filter((f) => ["title-is", "schema-properties"].includes(f.ruleId)).map(shown)).toEqual([
      '2:8 title-is warn: "Pets" is not Cats (at info.title; rule title-is)',
      "18:9 schema-properties warn: pet_name has an underscore",
    ]);
    expect(run.findings.find((f) => f.ruleId === "schema-properties")!.pointer).toBe("/components/schemas/Pet/properties/pet_name");
  });

  it("awaits an async function, passing null options when the rule gives none, the resolved document and the data as written", () => {
    expect(run.findings.filter((f) => f.ruleId === "async-resolved").map(shown)).toEqual([
      '5:5 async-resolved warn: options null, resolved type object, data\'s {"$ref":"#/components/schemas/Pet"}',
    ]);
  });

  it("a function that throws, rejects, or returns what is not a list, is one error finding of its rule; the other rules still run", () => {
    expect(run.status).toBe(1);
    expect(run.findings.filter((f) => ["crashes", "bad-result", "rejected"].includes(f.ruleId)).map(shown)).toEqual([
      "2:1 bad-result error: function 'wrongShape' (style/functions/wrongShape.js) returned a string, not a list of { message, path? }",
      "2:21 rejected error: function 'rejects' (style/functions/rejects.mjs) threw RangeError: later",
      "18:9 crashes error: function 'throws' (style/functions/throws.js) threw TypeError: no such thing (on 2 values; the first is here)",
    ]);
    const crash = run.findings.find((f) => f.ruleId === "crashes") as Finding & { help?: string };
    expect(crash.help).toBe("fix the function: rule 'crashes' did not check those values");
  });

  it("a Promise that has not settled within lint.functionTimeoutMs is its rule's failure; a file whose top-level await has not is exit 2 at its entry", () => {
    write("slow/functions/never.mjs", "export default () => new Promise(() => {});\n");
    write("slow/functions/late.js", "module.exports = () => new Promise((resolve) => setTimeout(() => resolve([{ message: 'late' }]), 60_000));\n");
    write("slow/.spectral.yaml", "functions: [never, late]\nrules:\n  hangs:\n    given: $.info\n    then: { function: never }\n  slow:\n    given: $.info.title\n    then: { function: late }\n");
    write("slow/specforge.config.yaml", "lint:\n  ruleset: .spectral.yaml\n  functionTimeoutMs: 200\n");
    const started = Date.now();
    const r = runCli(["lint", "--config", "slow/specforge.config.yaml", "--format", "json", "api.yaml"], dir);
    expect(Date.now() - started).toBeLessThan(20_000);
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => ["hangs", "slow"].includes(f.ruleId)).map(shown);
    expect([r.status, findings]).toEqual([1, [
      "2:1 hangs error: function 'never' (slow/functions/never.mjs) did not settle within 200 ms (lint.functionTimeoutMs)",
      "2:8 slow error: function 'late' (slow/functions/late.js) did not settle within 200 ms (lint.functionTimeoutMs)",
    ]]);
    write("slow/functions/stuck.mjs", "await new Promise(() => {});\nexport default () => [];\n");
    write("slow/stuck.spectral.yaml", "functions: [stuck]\n");
    write("slow/stuck.config.yaml", "lint:\n  ruleset: stuck.spectral.yaml\n  functionTimeoutMs: 200\n");
    const stuck = runCli(["lint", "--config", "slow/stuck.config.yaml", "api.yaml"], dir);
    expect([stuck.status, stuck.stderr]).toEqual([2, "slow/stuck.spectral.yaml:1:13 (#/functions/0) error lint/function: function 'stuck': slow/functions/stuck.mjs did not finish loading within 200 ms (lint.functionTimeoutMs) (make its top-level await settle, or raise lint.functionTimeoutMs)\n"]);
    write("slow/zero.config.yaml", "lint:\n  functionTimeoutMs: 0\n");
    const zero = runCli(["lint", "--config", "slow/zero.config.yaml", "api.yaml"], dir);
    expect([zero.status, zero.stderr]).toEqual([2, "slow/zero.config.yaml:2:3 (#/lint/functionTimeoutMs) error config/invalid: `functionTimeoutMs` must be a whole number of milliseconds from 1 to 2147483647 (e.g. functionTimeoutMs: 30000)\n"]);
  });

  it("whatever a function throws is described, never crashing lint: an object without a prototype, { code, message }, an AggregateError's errors, undefined", () => {
    write("odd/functions/odd.js", "module.exports = (v, o) => { if (o.kind === 'bare') throw Object.create(null); if (o.kind === 'object') throw { code: 'E1', message: 'no such pet' }; if (o.kind === 'options') throw new AggregateError([new Error('\"odd\" function is missing \"prefix\" option'), new Error('\"odd\" function does not support \"prefx\" option')]); throw undefined; };\n");
    const rule = (kind: string) => `  ${kind}:\n    given: $.info\n    then: { function: odd, functionOptions: { kind: ${kind} } }\n`;
    write("odd/.spectral.yaml", `functions: [odd]\nrules:\n${["bare", "object", "options", "none"].map(rule).join("")}`);
    const r = lint(["--ruleset", "odd/.spectral.yaml"]);
    expect([r.status, r.findings.map(shown)]).toEqual([1, [
      "2:1 bare error: function 'odd' (odd/functions/odd.js) threw [Object: null prototype] {}",
      "2:1 none error: function 'odd' (odd/functions/odd.js) threw undefined",
      "2:1 object error: function 'odd' (odd/functions/odd.js) threw no such pet",
      // what createRulesetFunction throws for options it refuses: an AggregateError with no message of its own
      "2:1 options error: function 'odd' (odd/functions/odd.js) threw AggregateError: \"odd\" function is missing \"prefix\" option; \"odd\" function does not support \"prefx\" option",
    ]]);
    write("odd/functions/bareLoad.js", "throw Object.create(null);\n");
    write("odd/load.spectral.yaml", "functions: [bareLoad]\n");
    const load = lint(["--ruleset", "odd/load.spectral.yaml"]);
    expect([load.status, load.stderr]).toEqual([2, "odd/load.spectral.yaml:1:13 (#/functions/0) error lint/function: function 'bareLoad': odd/functions/bareLoad.js does not load: [Object: null prototype] {} (fix that file (an ES module is named .mjs or sits under \"type\": \"module\"; CommonJS sets module.exports))\n"]);
  });

  it("a result's message is filled as Spectral fills one: the #{{print(\"value\")}} forms of @stoplight/spectral-functions' messages too", () => {
    write("prints/functions/prints.js", `module.exports = (info, options, context) => [
  { message: '#{{print("value")}} must match the pattern "^[a-z]"', path: [...context.path, "title"] },
  { message: '#{{print("property")}}must be truthy', path: [...context.path, "version"] },
  { message: "#{{print('property')}}must be an object at #{{ print( 'path' ) }}", path: [] },
  { message: "#{{print(value) + 1}} stays as written" },
];
`);
    write("prints/.spectral.yaml", "functions: [prints]\nrules:\n  prints:\n    given: $.info\n    then: { function: prints }\n");
    const r = lint(["--ruleset", "prints/.spectral.yaml"]);
    expect(r.findings.map(shown)).toEqual([
      "1:1 prints warn: The document must be an object at #",
      "2:1 prints warn: #{{print(value) + 1}} stays as written",
      '2:8 prints warn: "Pets" must match the pattern "^[a-z]"',
      '2:21 prints warn: "version" property must be truthy',
    ]);
  });

  it("an ES module .js function loads under a package.json of \"type\": \"commonjs\" (as Spectral, bundling it, runs it), its relative imports resolved; Node's module-type warnings about it are left out", () => {
    write("cjs/package.json", '{ "type": "commonjs" }\n');
    write("cjs/functions/words.cjs", "exports.prefix = 'esm in a commonjs package: ';\n");
    write("cjs/functions/esmTitle.js", "import { prefix } from './words.cjs';\nexport default (title) => [{ message: prefix + title }];\n");
    write("cjs/.spectral.yaml", "functions: [esmTitle]\nrules:\n  esm-title:\n    given: $.info.title\n    then: { function: esmTitle }\n");
    const r = lint(["--ruleset", "cjs/.spectral.yaml"]);
    expect([r.status, r.findings.map(shown), r.stderr]).toEqual([0, ["2:8 esm-title warn: esm in a commonjs package: Pets"], ""]);
    // a package.json without "type": Node reads the file as an ES module by its syntax, and warns of it
    write("typeless/package.json", "{}\n");
    write("typeless/functions/esmTitle.js", "export default (title) => [{ message: 'typeless ' + title }];\n");
    write("typeless/.spectral.yaml", "functions: [esmTitle]\nrules:\n  esm-title:\n    given: $.info.title\n    then: { function: esmTitle }\n");
    const typeless = lint(["--ruleset", "typeless/.spectral.yaml"]);
    expect([typeless.status, typeless.findings.map(shown), typeless.stderr]).toEqual([0, ["2:8 esm-title warn: typeless Pets"], ""]);
  });

  it("a function listed that has no file, or whose file exports no function, is exit 2 at its entry", () => {
    write("broken/functions/nothing.js", "export const other = 1;\n");
    write("broken/.spectral.yaml", "functions:\n  - equalsOption\n  - nothing\nrules: {}\n");
    const r = lint(["--ruleset", "broken/.spectral.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "broken/.spectral.yaml:2:5 (#/functions/0) error lint/function: function 'equalsOption': no file broken/functions/equalsOption.js (nor .mjs, .cjs) (write the function there (export default, or module.exports =), or set functionsDir to its folder (relative to the file listing it))",
      "broken/.spectral.yaml:3:5 (#/functions/1) error lint/function: function 'nothing': broken/functions/nothing.js exports no function (export it: export default (targetVal, options, context) => ..., module.exports = ..., or an export named nothing)",
    ]);
  });

  it("functionsDir is relative to the ruleset; an extended file's functions are looked for beside that file", () => {
    write("team/base/checks/operationIdCamel.js", "module.exports = (id) => (/^[a-z][a-zA-Z0-9]*$/.test(id) ? [] : [{ message: `${id} is not camelCase` }]);\n");
    write("team/base/base.spectral.yaml", "functionsDir: checks\nfunctions: [operationIdCamel]\nrules:\n  camel-ids:\n    given: $.paths[*][*].operationId\n    then: { function: operationIdCamel }\n");
    write("team/.spectral.yaml", "extends: [./base/base.spectral.yaml]\n");
    const r = lint(["--ruleset", "team/.spectral.yaml"]);
    expect([r.status, r.findings.map(shown)]).toEqual([0, ["6:7 camel-ids warn: list_pets is not camelCase"]]);
  });

  it("one name listed by two extended files from two folders is exit 2 (functions are shared along the chain, as aliases are)", () => {
    for (const side of ["a", "b"]) {
      write(`two/${side}/functions/x.js`, "module.exports = () => [];\n");
      write(`two/${side}/ruleset.yaml`, "functions: [x]\n");
    }
    write("two/.spectral.yaml", "extends: [./a/ruleset.yaml, ./b/ruleset.yaml]\n");
    const r = lint(["--ruleset", "two/.spectral.yaml"]);
    expect([r.status, r.stderr]).toEqual([2, "two/b/ruleset.yaml:1:13 (#/functions/0) error lint/ruleset: function 'x' is also listed in two/a/ruleset.yaml, from another folder (specforge shares the functions of extended rulesets (Spectral keeps each to its own rules): give one of the two another name)\n"]);
  });

  it("a function named as a core function does not replace it, as in Spectral 6 (a note says so)", () => {
    write("core/functions/truthy.js", "module.exports = () => [{ message: 'mine' }];\n");
    write("core/.spectral.yaml", "functions: [truthy]\nrules:\n  has-summary:\n    given: $.info\n    then: { field: summary, function: truthy }\n");
    const r = lint(["--ruleset", "core/.spectral.yaml"]);
    expect(r.findings.map(shown)).toEqual(["2:1 has-summary warn: 'summary' must be truthy"]);
    expect(r.stderr).toContain("core/.spectral.yaml: functions.truthy: a core function's name: rules calling truthy run the core function, as in Spectral 6 (give yours another name)");
  });

  it("a ruleset given by URL is refused: its functions would run, and specforge fetches no ruleset", () => {
    const r = lint(["--ruleset", "https://example.com/style.spectral.yaml"]);
    expect([r.status, r.stderr]).toEqual([2, "error cli/usage: the ruleset https://example.com/style.spectral.yaml is a URL: specforge reads a ruleset from a file only (download it (and the files it extends, its functions) and give its path)\n"]);
  });

  it("the config's lint.functions (functionsDir relative to the config) serve its custom rules", () => {
    write("cfg/lint-functions/idPrefix.js", "exports.idPrefix = (id, { prefix }) => (id.startsWith(prefix) ? undefined : [{ message: `${id} lacks ${prefix}` }]);\n");
    write("cfg/specforge.config.yaml", "lint:\n  functionsDir: lint-functions\n  functions: [idPrefix]\n  rules: { operation-id: off }\n  custom:\n    id-prefix:\n      severity: error\n      given: $.paths[*][*].operationId\n      then: { function: idPrefix, functionOptions: { prefix: pets_ } }\n");
    const r = runCli(["lint", "--config", "cfg/specforge.config.yaml", "--format", "json", "api.yaml"], dir);
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.ruleId === "id-prefix").map(shown);
    expect([r.status, findings]).toEqual([1, ["6:7 id-prefix error: list_pets lacks pets_"]]);
    write("cfg/missing.yaml", "lint:\n  functions: [gone]\n");
    const missing = runCli(["lint", "--config", "cfg/missing.yaml", "api.yaml"], dir);
    expect([missing.status, missing.stderr]).toEqual([2, "cfg/missing.yaml:2:15 (#/lint/functions/0) error lint/function: function 'gone': no file cfg/functions/gone.js (nor .mjs, .cjs) (write the function there (export default, or module.exports =), or set functionsDir to its folder (relative to the file listing it))\n"]);
  });
});
