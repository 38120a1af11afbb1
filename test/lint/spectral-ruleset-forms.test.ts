/**
 * What public Spectral rulesets write that `--ruleset` once rejected (each seen in several; the rulesets
 * here are written for these tests): a rule of its own named as a built-in (Spectral replaces the rule),
 * Spectral 5's rule names and `except`, `tags` and extra `then` keys, `dialect` of the schema function, and
 * `spectral:asyncapi` / `spectral:arazzo` in `extends`.
 */
import { describe, expect, it } from "vitest";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-ruleset-forms-");
const write = fileWriter(dir);
write("api.yaml", `openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200": {description: ok}
  /Pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok}
`);
type Json = { findings: Array<{ ruleId: string; severity: string; message: string; pointer?: string }> };
const lint = (ruleset: string) => {
  write("ruleset.yaml", ruleset);
  const r = runCli(["lint", "--ruleset", "ruleset.yaml", "--format", "json", "api.yaml"], dir);
  return { ...r, findings: r.stdout ? (JSON.parse(r.stdout) as Json).findings.map((f) => `${f.ruleId} ${f.severity}`) : [] };
};

describe("--ruleset reads rulesets as Spectral does", () => {
  it("a rule of its own named as a built-in replaces that rule (specforge's id, or a spectral:oas name)", () => {
    const r = lint(`extends: spectral:oas
rules:
  info-contact:
    description: the ruleset's own check under the built-in's name
    severity: error
    given: $.info
    then: { field: title, function: falsy }
  operation-operationId:
    given: $.paths[*][get]
    severity: error
    then: { field: summary, function: truthy }
`);
    expect(r.status).toBe(1);
    // Specforge's info-contact (no contact: a warning) is gone; the ruleset's runs under its id.
    expect(r.findings.filter((f) => f.startsWith("info-contact"))).toEqual(["info-contact error"]);
    // spectral:oas's operation-operationId is redefined: specforge's operation-id is off, the new rule runs.
    expect(r.findings.filter((f) => f.startsWith("operation-id "))).toEqual([]);
    expect(r.findings.filter((f) => f.startsWith("operation-operationId"))).toEqual(["operation-operationId error", "operation-operationId error"]);
    expect(r.stderr).toContain("rules.operation-operationId: the ruleset's own rule replaces spectral:oas's, so specforge's 'operation-id' is off");
  });

  it("`{ severity }` alone sets a spectral:oas rule's severity, also of one specforge has no equivalent of", () => {
    const r = lint("extends: spectral:oas\nrules:\n  info-description: { severity: warn }\n  no-$ref-siblings: { severity: off }\n  info-contact: { severity: off }\n");
    expect(r.status).toBe(0);
    expect(r.findings.filter((f) => f.startsWith("info-contact"))).toEqual([]);
    expect(r.stderr).toBe("specforge lint: ruleset.yaml: rules.info-description: specforge has no rule that checks what spectral:oas's 'info-description' does; skipped\n");
  });

  it("Spectral 5's rule names and `except`, read as Spectral 6 says them, each with a note", () => {
    const r = lint(`extends: spectral:oas
except:
  "api.yaml#/paths/~1Pets~1{id}":
    - path-keys-no-trailing-slash
rules:
  oas3-unused-components-schema: off
  operation-2xx-response: error
  operation-default-response: off
`);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("rules.operation-2xx-response: Spectral 5's name of 'operation-success-response'; read as that");
    expect(r.stderr).toContain("rules.operation-default-response: Spectral 5's rule, gone from spectral:oas since Spectral 6; skipped");
    expect(r.stderr).toContain("except is Spectral 5's: read as overrides");
  });

  it("`tags`, `x-` keys and extra `then` keys are read as Spectral reads them; `dialect` picks the schema's draft", () => {
    const r = lint(`rules:
  kebab-paths:
    tags: [paths]
    x-owner: api-team
    severity: error
    given: $.paths[*]~
    then:
      description: not a key a rule runs with
      function: pattern
      functionOptions: { match: "^(/[a-z{}]+)+$" }
  prefix-items:
    given: $.paths[*].get.parameters
    then:
      function: schema
      functionOptions:
        dialect: draft2020-12
        schema: { prefixItems: [{ required: [description] }] }
`);
    expect(r.findings).toEqual(["kebab-paths error", "prefix-items warn"]);
    expect(r.stderr).toContain("rules.kebab-paths.then.description: not read");
    expect(lint(`rules:\n  x:\n    given: $\n    then: { function: schema, functionOptions: { dialect: draft4, schema: {} } }\n`).stderr).toContain("unknown dialect 'draft4'");
  });

  it("a function option naming Object's own members (`constructor`, `toString`) is an unknown value, not a crash", () => {
    const casing = lint(`rules:\n  x:\n    given: $.info\n    then: { field: title, function: casing, functionOptions: { type: constructor } }\n`);
    expect([casing.status, casing.stderr]).toEqual([2, expect.stringContaining("casing needs `type`, one of the cases")]);
    expect(casing.stderr).not.toContain("internal error");
    // a `$schema` no dialect has: read as draft-07, ajv's default, which refuses it as any other unknown one
    const dialect = lint(`rules:\n  x:\n    given: $.info\n    then: { field: title, function: schema, functionOptions: { schema: { $schema: toString, type: integer } } }\n`);
    expect([dialect.status, dialect.stderr]).toEqual([2, expect.stringMatching(/^ruleset\.yaml:4:\d+ \(#\/rules\/x\/then\/functionOptions\/schema\) error lint\/ruleset: the schema does not compile/)]);
    for (const name of ["constructor", "toString", "__proto__"]) {
      const named = lint(`rules:\n  x:\n    given: $.info\n    then: { field: title, function: schema, functionOptions: { dialect: ${name}, schema: { type: integer } } }\n`);
      expect([named.status, named.stderr]).toEqual([2, expect.stringContaining(`unknown dialect '${name}'`)]);
    }
  });

  it("`functions: []` (or a functionsDir with no functions listed) loads no code, so it is no error", () => {
    expect(lint("functions: []\nrules:\n  own:\n    given: $.info\n    then: { field: title, function: falsy }\n").findings).toEqual(["own warn"]);
    const r = lint("functionsDir: ./functions\nrules:\n  own:\n    given: $.info\n    then: { field: title, function: falsy }\n");
    expect([r.status, r.stderr]).toEqual([0, "specforge lint: ruleset.yaml: functionsDir is not read: the ruleset lists no functions to load from it\n"]);
    expect(lint("functions: [check]\nrules: {}\n").status).toBe(2);
  });

  it("spectral:asyncapi and spectral:arazzo in extends check no OpenAPI document: skipped, and their rule ids with them", () => {
    const r = lint(`extends: [spectral:oas, [spectral:asyncapi, all], spectral:arazzo]
rules:
  asyncapi-payload-examples: warn
overrides:
  - files: ["api.yaml"]
    rules: { asyncapi-schema-examples: off }
`);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("extends spectral:asyncapi: its rules check AsyncAPI documents only, and specforge lints OpenAPI; skipped");
    expect(r.stderr).toContain("rules.asyncapi-payload-examples: a rule for AsyncAPI documents; skipped");
    expect(lint("extends: [spectral:oas2]\n").stderr).toContain("extends 'spectral:oas2' is Spectral 4's ruleset name (write extends: spectral:oas, which covers OpenAPI 2 and 3 since Spectral 5)");
    // Without spectral:asyncapi extended, its rule ids are unknown, as in Spectral.
    expect(lint("extends: spectral:oas\nrules:\n  asyncapi-payload-examples: warn\n").status).toBe(2);
  });

  it("an extends pair has exactly a ruleset and a mode, as Spectral's schema says (exit 2 at file:line:col)", () => {
    const one = lint("extends: [[spectral:oas]]\n");
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("ruleset.yaml:1:11 (#/extends/0) error lint/ruleset: an extends pair is [ruleset, mode], and this one has 1 item");
    const three = lint("extends: [[spectral:oas, recommended, all]]\n");
    expect(three.status).toBe(2);
    expect(three.stderr).toContain("this one has 3 items");
    expect(lint("extends: [[]]\n").stderr).toContain("this one has 0 items");
    expect(lint("extends: [[spectral:oas, all]]\n").status).toBe(0);
  });

  it("the ruleset's own formats, when wrong, are shown where they are written, not at the rule inheriting them", () => {
    const r = lint("extends: spectral:oas\nformats: 5\nrules:\n  mine: { given: $.info, then: { function: truthy } }\n");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ruleset.yaml:2:1 (#/formats) error lint/ruleset: `formats` must be a list of document formats");
    expect(r.stderr).not.toContain("#/rules/mine/formats");
    const entry = lint("extends: spectral:oas\nformats: [oas3, oas9]\nrules:\n  mine: { given: $.info, then: { function: truthy } }\n");
    expect(entry.stderr).toContain("ruleset.yaml:2:17 (#/formats/1) error lint/ruleset: unknown format 'oas9'");
    expect(lint("extends: spectral:oas\nformats: [oas3]\nrules:\n  mine: { given: $.info, then: { function: truthy } }\n").status).toBe(0);
  });

  it("an empty ruleset file is exit 2 at its start, saying so", () => {
    const r = lint("");
    expect([r.status, r.stderr.trim()]).toEqual([2, "ruleset.yaml:1:1 (#) error lint/ruleset: the ruleset is empty (write `extends: spectral:oas` and/or `rules: { ... }`)"]);
  });

  it("a rule of its own named parse, oas-version or ref-resolves is exit 2: those checks are never replaced", () => {
    const r = lint("extends: spectral:oas\nrules:\n  parse:\n    given: $.nothing\n    then: { function: falsy }\n");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ruleset.yaml:3:3 (#/rules/parse) error lint/ruleset: 'parse' is a check specforge always runs");
    // Before, the replaced check's findings took the custom rule's severity: a spec that does not parse passed.
    write("broken.yaml", "openapi: 3.1.0\ninfo: {title: x, version: \"1\"\npaths: {}\n");
    write("own.yaml", "extends: spectral:oas\nrules:\n  ref-resolves: { given: $.nothing, then: { function: falsy } }\n");
    expect(runCli(["lint", "--ruleset", "own.yaml", "broken.yaml"], dir).status).toBe(2);
    // Nor turned off or down: as docs/rules.md says, a spec that cannot be read is reported either way.
    const off = lint("extends: spectral:oas\nrules:\n  parse: off\n  ref-resolves: error\n");
    expect(off.status).toBe(2);
    expect(off.stderr.trim()).toBe("ruleset.yaml:3:3 (#/rules/parse) error lint/ruleset: 'parse' always runs, as an error (a spec must parse, name its OpenAPI version and resolve its $refs) (remove this entry)");
    const overridden = lint("extends: spectral:oas\noverrides:\n  - files: ['**']\n    rules: { parse: off }\n");
    expect(overridden.status).toBe(2);
    expect(overridden.stderr).toContain("ruleset.yaml:4:14 (#/overrides/0/rules/parse) error lint/ruleset: 'parse' always runs, as an error");
  });
});
