/**
 * `extends` of local ruleset files in a Spectral ruleset (`specforge lint --ruleset`), merged as Spectral
 * merges them: each path relative to the ruleset naming it, read recursively; a later definition wins, a
 * severity or `off` changes an inherited rule; `[file, off | all | recommended]`; a cycle, a missing or
 * malformed file, a URL or a package is exit 2 at the `extends` entry's file:line:col.
 */
import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-extends-");
const write = fileWriter(dir);

write("spec.yaml", `openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pet_shop:
    get:
      operationId: listPets
      responses:
        "200": {description: ok}
`);

// Two levels: .spectral.yaml -> base.spectral.yaml -> rules/company.spectral.yaml (a folder below base).
write("style/rules/company.spectral.yaml", `formats: [oas3]
documentationUrl: https://style.example.com/company
aliases:
  PathKeys: ["$.paths[*]~"]
rules:
  paths-kebab-case:
    severity: error
    given: "#PathKeys"
    then: { function: pattern, functionOptions: { match: "^(/[a-z0-9-{}]+)+$" } }
  info-has-summary:
    given: $.info
    then: { field: summary, function: truthy }
  strict-only:
    recommended: false
    given: $.info
    then: { field: description, function: truthy }
`);
write("style/base.spectral.yaml", `extends:
  - spectral:oas
  - ./rules/company.spectral.yaml
rules:
  info-has-summary: error
  operation-summary: off
`);
write("style/.spectral.yaml", `extends: [./base.spectral.yaml]
rules:
  paths-kebab-case: warn
  operation-error-response: error
`);

type Json = { findings: Array<{ ruleId: string; severity: string }> };
const lint = (ruleset: string, format = "json") => runCli(["lint", "--ruleset", ruleset, "--format", format, "spec.yaml"], dir);
const found = (ruleset: string) => (JSON.parse(lint(ruleset).stdout) as Json).findings.map((f) => `${f.ruleId} ${f.severity}`).sort();

describe("Spectral ruleset extends of local files", () => {
  it("merges a two-level chain: an inherited rule's severity changed, a built-in turned off, the mode of each level kept", () => {
    expect(found("style/.spectral.yaml")).toEqual([
      "info-has-summary error", // company's warn, base's error
      "info-license warn", // spectral:oas through base
      "operation-description warn",
      "operation-error-response error", // the root's severity
      "paths-kebab-case warn", // company's error, the root's warn
      "servers-defined warn",
      // operation-summary: off in base; strict-only: recommended false, company extended as recommended
    ]);
    const sarif = JSON.parse(lint("style/.spectral.yaml", "sarif").stdout);
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === "paths-kebab-case");
    expect(rule.helpUri).toBe("https://style.example.com/company#paths-kebab-case");
  });

  it("a path written Windows' way (.\\rules\\x.yaml) reads on every platform, as Spectral's does", () => {
    write("win/.spectral.yaml", 'extends: [".\\\\..\\\\style\\\\base.spectral.yaml"]\n');
    expect(found("win/.spectral.yaml")).toEqual(found("style/base.spectral.yaml"));
  });

  it("[file, off] turns off all the file brings, spectral:oas through it too; the ruleset's own entry turns one on again", () => {
    write("style/off.spectral.yaml", "extends: [[./base.spectral.yaml, off]]\nrules:\n  info-has-summary: true\n");
    expect(found("style/off.spectral.yaml")).toEqual(["info-has-summary error"]);
    write("style/all-off.spectral.yaml", "extends: [[./base.spectral.yaml, off]]\nrules:\n  own:\n    given: $.info\n    then: { field: title, function: falsy }\n");
    expect(found("style/all-off.spectral.yaml")).toEqual(["own warn"]);
  });

  it("a rule marked recommended: false in the ruleset lint runs is off, as Spectral has it (it ran before)", () => {
    write("style/own-optional.spectral.yaml", `rules:
  strict-only:
    recommended: false
    given: $.info
    then: { field: description, function: truthy }
  always:
    given: $.info
    then: { field: summary, function: truthy }
`);
    expect(found("style/own-optional.spectral.yaml")).toEqual(["always warn"]);
  });

  it("[file, all] runs the file's rules marked recommended: false too; a later definition replaces an earlier one", () => {
    write("style/all.spectral.yaml", "extends: [[./rules/company.spectral.yaml, all]]\n");
    expect(found("style/all.spectral.yaml")).toEqual(["info-has-summary warn", "paths-kebab-case error", "strict-only warn"]);
    write("style/redefine.spectral.yaml", `extends: [./rules/company.spectral.yaml]
rules:
  info-has-summary:
    given: $.info
    then: { field: title, function: truthy }
  paths-kebab-case:
    message: "{{property}} is not kebab-case"
`);
    const r = lint("style/redefine.spectral.yaml");
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings;
    expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual(["paths-kebab-case: /pet_shop is not kebab-case"]);
  });

  it("documentationUrl: an extended file's for the rules it defines; the ruleset's own for an inherited rule it names that has none", () => {
    write("docs/base.yaml", "rules:\n  title-set:\n    given: $.info\n    then: { field: title, function: truthy }\n  has-summary:\n    given: $.info\n    then: { field: summary, function: truthy }\n");
    write("docs/root.yaml", "extends: ./base.yaml\ndocumentationUrl: https://team.example.com/style\nrules:\n  has-summary: error\n");
    const rules = JSON.parse(lint("docs/root.yaml", "sarif").stdout).runs[0].tool.driver.rules as Array<{ id: string; helpUri?: string }>;
    expect(rules.filter((r) => r.id === "title-set" || r.id === "has-summary").map((r) => `${r.id} ${r.helpUri}`).sort()).toEqual(["has-summary https://team.example.com/style#has-summary", "title-set undefined"]);
  });

  it("a cycle of extends is exit 2 naming the chain, at the entry closing it", () => {
    write("cycle/a.yaml", "extends: ./b.yaml\nrules:\n  mine:\n    given: $.info\n    then: { field: title, function: truthy }\n");
    write("cycle/b.yaml", "extends:\n  - spectral:oas\n  - ./a.yaml\n");
    const r = lint("cycle/a.yaml");
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", "cycle/b.yaml:3:5 (#/extends/1) error lint/ruleset: extends './a.yaml' makes a cycle: cycle/a.yaml -> cycle/b.yaml -> cycle/a.yaml (remove one of the extends of that chain)\n"]);
    // the same file by another path (a folder linked into itself) is the same file: before, ever longer paths
    write("loop/a.yaml", "extends: ./self/a.yaml\n");
    symlinkSync(".", path.join(dir, "loop/self"));
    expect(lint("loop/a.yaml").stderr).toBe("loop/a.yaml:1:1 (#/extends) error lint/ruleset: extends './self/a.yaml' makes a cycle: loop/a.yaml -> loop/self/a.yaml (remove one of the extends of that chain)\n");
  });

  it("a missing or malformed file, a URL, a package, a JavaScript ruleset are exit 2 at the extends entry; an extended file's own mistakes at its file:line:col", () => {
    write("bad/broken.yaml", "rules:\n  a: [\n");
    write("bad/inner.yaml", "rules:\n  operation-descripton: error\n");
    write("bad/root.yaml", 'extends: [spectral:oas, ./nope.yaml, ./broken.yaml, "https://example.com/s.yaml", "@acme/style", ./inner.yaml]\n');
    const r = lint("bad/root.yaml");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "bad/root.yaml:1:25 (#/extends/1) error lint/ruleset: extends './nope.yaml': cannot read bad/nope.yaml: file not found (check the path: it is relative to the folder of the file naming it)",
      "bad/root.yaml:1:38 (#/extends/2) error lint/ruleset: extends './broken.yaml': bad/broken.yaml:3:1 malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (fix the syntax at that position)",
      "bad/root.yaml:1:53 (#/extends/3) error lint/ruleset: extends 'https://example.com/s.yaml' is a URL: specforge reads extended rulesets from files only (download it beside this ruleset and extend its path (e.g. ./style.spectral.yaml), or paste its rules, aliases and overrides into this ruleset)",
      "bad/root.yaml:1:83 (#/extends/4) error lint/ruleset: extends '@acme/style' names an npm package: specforge reads extended rulesets from files only (extend the package's YAML or JSON ruleset by its path (e.g. ./node_modules/@acme/style/ruleset.yaml), or paste its rules, aliases and overrides into this ruleset)",
      "bad/inner.yaml:2:3 (#/rules/operation-descripton) error lint/ruleset: unknown rule 'operation-descripton' (a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`)",
    ]);
    // Spectral reads `[./base, off]` at the top of the list as two rulesets, the second named `off`
    write("bad/pair.yaml", "extends: [./inner.yaml, off]\n");
    expect(lint("bad/pair.yaml").stderr).toBe("bad/pair.yaml:1:25 (#/extends/1) error lint/ruleset: extends 'off' is a mode, not a ruleset: a ruleset and its mode are a pair inside the list (write extends: [[./inner.yaml, off]])\nbad/inner.yaml:2:3 (#/rules/operation-descripton) error lint/ruleset: unknown rule 'operation-descripton' (a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`)\n");
    // an extended JSON ruleset's function is looked for beside that file, and its absence is at its entry there
    write("bad/functions.json", '{"functions": ["check"], "rules": {}}');
    write("bad/uses-functions.yaml", "extends: ./functions.json\n");
    expect(lint("bad/uses-functions.yaml").stderr).toContain("bad/functions.json:1:16 (#/functions/0) error lint/function: function 'check': no file bad/functions/check.js (nor .mjs, .cjs)");
    write("bad/js.yaml", "extends: [./company.js]\n");
    expect(lint("bad/js.yaml").stderr).toBe("bad/js.yaml:1:11 (#/extends/0) error lint/ruleset: extends './company.js' is a JavaScript ruleset: specforge does not run a ruleset's code (write it as YAML or JSON, or paste its rules, aliases and overrides into this ruleset)\n");
  });

  it("exit codes: 0 when the chain finds only warnings, 1 with an error finding, 2 for a chain that cannot be read", () => {
    write("codes/base.yaml", "rules:\n  title-set:\n    given: $.info\n    then: { field: title, function: truthy }\n  has-summary:\n    given: $.info\n    then: { field: summary, function: truthy }\n");
    write("codes/warn.yaml", "extends: ./base.yaml\n");
    write("codes/error.yaml", "extends: ./base.yaml\nrules:\n  has-summary: error\n");
    write("codes/unread.yaml", "extends: ./gone.yaml\n");
    expect(lint("codes/warn.yaml", "stylish").status).toBe(0);
    expect(lint("codes/error.yaml", "stylish").status).toBe(1);
    expect(lint("codes/unread.yaml", "stylish").status).toBe(2);
  });

  it("an extended ruleset's overrides are a note (Spectral applies the running ruleset's only); an alias defined differently twice is an error", () => {
    write("notes/base.yaml", "aliases:\n  Info: [$.info]\noverrides:\n  - files: [\"**\"]\n    rules: { info-license: off }\n");
    write("notes/root.yaml", "extends: [spectral:oas, ./base.yaml]\n");
    expect(lint("notes/root.yaml").stderr).toBe("specforge lint: notes/root.yaml: notes/base.yaml: overrides are not applied: Spectral applies those of the ruleset it runs with only (move them there)\n");
    write("notes/clash.yaml", "extends: ./base.yaml\naliases:\n  Info: [$.info.contact]\n");
    expect(lint("notes/clash.yaml").stderr).toContain("notes/clash.yaml:3:3 (#/aliases/Info) error lint/ruleset: alias 'Info' is defined differently in notes/base.yaml");
  });
});
