/**
 * `specforge lint --ruleset redocly.yaml`, as a team moving from Redocly CLI runs it: the preset in
 * `extends`, rule severities set on specforge's equivalent rules (or the same id), a v1 config's `lint:`
 * section, notes for what has no equivalent, and exit 2 with file:line:col for what cannot be read
 * (configurable rules, plugins, extends of a file).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../generator/lint/registry.js";
import { REDOCLY_RULES } from "../../generator/lint/redocly-config.js";
import { fileWriter, ROOT, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-redocly-");
const write = fileWriter(dir);

write("api.yaml", `openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200": {description: ok}
components:
  schemas:
    Orphan: {type: string}
`);

type Json = { findings: Array<{ ruleId: string; severity: string }> };
const lint = (config: string) => runCli(["lint", "--ruleset", config, "--format", "json", "api.yaml"], dir);
const findings = (stdout: string) => (JSON.parse(stdout) as Json).findings.map((f) => `${f.ruleId} ${f.severity}`).sort();

describe("specforge lint --ruleset redocly.yaml", () => {
  it("sets Redocly's severities on specforge's rules; notes what has no equivalent", () => {
    write("redocly.yaml", `extends:
  - recommended
apis:
  pets@v1:
    root: api.yaml
rules:
  operation-summary: error
  operation-4xx-response: off
  no-unused-components: { severity: error }
  info-license: off
  servers-defined: off
  no-empty-servers: off
  boolean-parameter-prefixes: warn
`);
    const r = lint("redocly.yaml");
    // operation-description is specforge's (on by default; Redocly's rule of that id is off in recommended).
    expect(findings(r.stdout)).toEqual(["operation-description warn", "operation-summary error", "unused-components error"]);
    expect(r.stderr).toBe([
      "specforge lint: redocly.yaml: apis is not read: lint each API's spec with its own settings in lint.overrides",
      "specforge lint: redocly.yaml: rules.boolean-parameter-prefixes: specforge has no rule that checks what Redocly's 'boolean-parameter-prefixes' does; skipped",
      "",
    ].join("\n"));
    expect(r.status).toBe(1);
  });

  it("reads a v1 config's lint section, and the all and recommended-strict presets", () => {
    write("v1/.redocly.yaml", "lint:\n  extends: [all]\n  rules:\n    operation-4xx-response: off\n    no-unused-components: off\n    operation-summary: off\n    info-license: off\n    no-empty-servers: off\n");
    // all: info-contact (off by default) is on too
    expect(findings(lint("v1/.redocly.yaml").stdout)).toEqual(["info-contact warn", "operation-description warn"]);
    write("strict.yaml", "extends: [recommended-strict]\nrules:\n  no-unused-components: off\n  no-empty-servers: off\n");
    expect(findings(lint("strict.yaml").stdout)).toEqual(["info-license error", "operation-description error", "operation-error-response error", "operation-summary error"]);
  });

  it("a lint: section it does not read is exit 2, not silently dropped", () => {
    write("lint-5.yaml", "lint: 5\n");
    const five = lint("lint-5.yaml");
    expect([five.status, five.stderr.trim()]).toEqual([2, "lint-5.yaml:1:1 (#/lint) error lint/ruleset: `lint` must be a mapping: a v1 config's extends and rules (e.g. lint: { extends: [recommended], rules: { operation-summary: error } })"]);
    write("both.yaml", "rules:\n  operation-summary: off\nlint:\n  rules:\n    info-license: off\n");
    const both = lint("both.yaml");
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("both.yaml:3:1 (#/lint) error lint/ruleset: a v1 `lint:` section beside top-level `rules`/`extends` is not read");
  });

  it("what it cannot read is exit 2, one line each at file:line:col with what to do", () => {
    write("bad-redocly.yaml", `extends: [recommended, ./company.yaml]
plugins: [./plugins/local.js]
rules:
  rule/operation-summary-length:
    subject: { type: Operation, property: summary }
    assertions: { maxLength: 20 }
  operation-summary: loud
`);
    const r = lint("bad-redocly.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "bad-redocly.yaml:1:24 (#/extends/1) error lint/ruleset: extends './company.yaml': cannot read company.yaml: file not found (check the path: it is relative to the folder of the file naming it)",
      "bad-redocly.yaml:2:1 (#/plugins) error lint/ruleset: plugins: specforge does not run a Redocly config's JavaScript plugins (leave those rules to Redocly, or write them as custom rules (docs/rules.md))",
      "bad-redocly.yaml:4:3 (#/rules/rule~1operation-summary-length) error lint/ruleset: 'rule/operation-summary-length' is a configurable rule (assertions) or a plugin's: specforge does not read it (write it as a custom rule (docs/rules.md, \"Custom rules\"), or leave it to Redocly)",
      "bad-redocly.yaml:7:3 (#/rules/operation-summary) error lint/ruleset: invalid severity for 'operation-summary' (use error, warn or off)",
    ]);
  });

  it("extends of a config file (relative to the config naming it): merged in order, the config's own rules last; a cycle is exit 2", () => {
    write("company/base-redocly.yaml", "extends: [recommended-strict]\nrules:\n  operation-summary: off\n  no-unused-components: warn\n  no-empty-servers: off\n  boolean-parameter-prefixes: warn\n");
    write("team/redocly.yaml", "extends: [../company/base-redocly.yaml]\nrules:\n  no-unused-components: error\n");
    const r = lint("team/redocly.yaml");
    // recommended-strict through the base, its operation-summary off, the team's severity for no-unused-components
    expect(findings(r.stdout)).toEqual(["info-license error", "operation-description error", "operation-error-response error", "unused-components error"]);
    expect(r.stderr).toBe("specforge lint: team/redocly.yaml: company/base-redocly.yaml: rules.boolean-parameter-prefixes: specforge has no rule that checks what Redocly's 'boolean-parameter-prefixes' does; skipped\n");
    // a preset extended after the file sets every rule again
    write("reset/redocly.yaml", "extends: [../company/base-redocly.yaml, recommended]\n");
    expect(findings(lint("reset/redocly.yaml").stdout)).toContain("operation-summary warn");
    write("cycle/redocly.yaml", "extends: [./other.yaml]\n");
    write("cycle/other.yaml", "extends: [recommended, ./redocly.yaml]\n");
    const c = lint("cycle/redocly.yaml");
    expect([c.status, c.stdout, c.stderr]).toEqual([2, "", "cycle/other.yaml:1:24 (#/extends/1) error lint/ruleset: extends './redocly.yaml' makes a cycle: cycle/redocly.yaml -> cycle/other.yaml -> cycle/redocly.yaml (remove one of the extends of that chain)\n"]);
    write("url/redocly.yaml", "extends: [recommended, 'https://example.com/redocly.yaml']\n");
    expect(lint("url/redocly.yaml").stderr).toBe("url/redocly.yaml:1:24 (#/extends/1) error lint/ruleset: extends 'https://example.com/redocly.yaml' is a URL: specforge reads extended configs from files only (download it beside this config and extend its path (e.g. ./base-redocly.yaml), or paste its rules into this config)\n");
  });

  it("maps each Redocly rule to a rule that exists, as docs/rules.md's table says", () => {
    for (const ours of Object.values(REDOCLY_RULES)) expect(RULE_IDS.has(ours), ours).toBe(true);
    const doc = readFileSync(path.join(ROOT, "docs/rules.md"), "utf8");
    const section = doc.slice(doc.indexOf("## A Redocly config"), doc.indexOf("## `--fix`"));
    const table = [...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(table)).toEqual(REDOCLY_RULES);
  });
});
