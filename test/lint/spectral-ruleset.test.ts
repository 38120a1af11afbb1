/**
 * `specforge lint --ruleset .spectral.yaml` (and `lint.ruleset` in the config), as a team moving from
 * Spectral runs it: the ruleset's own rules, its severities for spectral:oas rules put on specforge's
 * equivalents, `extends` deciding whether built-in rules run, aliases, overrides relative to the ruleset's
 * folder, notes for what has no equivalent, and exit 2 with file:line:col for what cannot be read.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../generator/lint/registry.js";
import { SPECTRAL_RULES } from "../../generator/lint/spectral-names.js";
import { fileWriter, ROOT, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-ruleset-");
const write = fileWriter(dir);

const SPEC = `openapi: 3.1.0
info: {title: Pets, version: "1"}
paths:
  /pet_shop:
    get:
      operationId: listPets
      responses:
        "200": {description: ok}
components:
  schemas:
    Orphan: {type: string}
`;
write("specs/api.yaml", SPEC);
write("specs/legacy/old.yaml", SPEC);

const RULESET = `extends: [[spectral:oas, off]]
documentationUrl: https://style.example.com/api
aliases:
  PathKeys: ["$.paths[*]~"]
rules:
  paths-kebab-case:
    description: Paths are kebab-case
    severity: error
    given: "#PathKeys"
    then: { function: pattern, functionOptions: { match: "^(/[a-z0-9-{}]+)+$" } }
  operation-description: warn
  oas3-unused-component: error
  info-description: warn
  operation-tags: off
overrides:
  - files: ["../specs/legacy/**"]
    rules: { paths-kebab-case: off, oas3-unused-component: warn }
`;
write("style/.spectral.yaml", RULESET);

type Json = { findings: Array<{ file: string; ruleId: string; severity: string }> };
const findings = (stdout: string) => (JSON.parse(stdout) as Json).findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);

describe("specforge lint --ruleset", () => {
  it("applies the overrides from a folder below the ruleset's too (globs relative to the ruleset's folder)", () => {
    // run in specs/, the ruleset in ../style: its override did nothing (matched against paths relative to specs/)
    const r = runCli(["lint", "--ruleset", "../style/.spectral.yaml", "--format", "json", "legacy/old.yaml"], path.join(dir, "specs"));
    expect(findings(r.stdout)).toEqual(["legacy/old.yaml operation-description warn", "legacy/old.yaml unused-components warn"]);
  });

  it("runs the ruleset's rules and its spectral:oas severities on specforge's rules, nothing else (extends off)", () => {
    const r = runCli(["lint", "--ruleset", "style/.spectral.yaml", "--format", "json", "specs/api.yaml", "specs/legacy/old.yaml"], dir);
    expect(findings(r.stdout)).toEqual([
      "specs/api.yaml paths-kebab-case error",
      "specs/api.yaml operation-description warn",
      "specs/api.yaml unused-components error",
      "specs/legacy/old.yaml operation-description warn",
      "specs/legacy/old.yaml unused-components warn",
    ]);
    expect(r.stderr).toBe("specforge lint: style/.spectral.yaml: rules.info-description: specforge has no rule that checks what spectral:oas's 'info-description' does; skipped\n");
    expect(r.status).toBe(1);
    const sarif = JSON.parse(runCli(["lint", "--ruleset", "style/.spectral.yaml", "--format", "sarif", "specs/api.yaml"], dir).stdout);
    expect(sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === "paths-kebab-case").helpUri).toBe("https://style.example.com/api#paths-kebab-case");
  });

  it("extends spectral:oas keeps the built-in rules on; no extends runs only the ruleset's own", () => {
    write("recommended.yaml", "extends: spectral:oas\nrules:\n  operation-description: off\n");
    const rec = findings(runCli(["lint", "--ruleset", "recommended.yaml", "--format", "json", "specs/api.yaml"], dir).stdout);
    expect(rec).toContain("specs/api.yaml operation-summary warn");
    expect(rec).toContain("specs/api.yaml info-license warn");
    expect(rec).not.toContain("specs/api.yaml operation-description warn");
    write("own.yaml", "rules:\n  title-set:\n    given: $.info\n    then: { field: summary, function: truthy }\n");
    expect(findings(runCli(["lint", "--ruleset", "own.yaml", "--format", "json", "specs/api.yaml"], dir).stdout)).toEqual(["specs/api.yaml title-set warn"]);
  });

  it("lint.ruleset in the config reads it too, the config's severities winning", () => {
    write("cfg/specforge.config.yaml", "lint:\n  ruleset: ../style/.spectral.yaml\n  rules: { unused-components: warn }\n");
    const r = runCli(["lint", "--config", "cfg/specforge.config.yaml", "--format", "json", "specs/api.yaml"], dir);
    expect(findings(r.stdout)).toEqual(["specs/api.yaml paths-kebab-case error", "specs/api.yaml operation-description warn", "specs/api.yaml unused-components warn"]);
  });

  it("what cannot be read is exit 2, one line each at file:line:col with what to do", () => {
    write("bad.yaml", `extends: [spectral:oas, ./company.yaml]
rules:
  operation-descripton: error
  mine:
    given: $.info
    then: { function: checkIt }
`);
    const r = runCli(["lint", "--ruleset", "bad.yaml", "specs/api.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "bad.yaml:1:25 (#/extends/1) error lint/ruleset: extends './company.yaml': cannot read company.yaml: file not found (check the path: it is relative to the folder of the file naming it)",
      "bad.yaml:3:3 (#/rules/operation-descripton) error lint/ruleset: unknown rule 'operation-descripton' (a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`)",
      "bad.yaml:6:13 (#/rules/mine/then/function) error lint/ruleset: unknown function 'checkIt' (use one of truthy, falsy, defined, undefined, pattern, casing, length, enumeration, schema, xor, or, alphabetical, unreferencedReusableObject, typedEnum)",
    ]);
    expect(runCli(["lint", "--ruleset", "missing.yaml", "specs/api.yaml"], dir).stderr).toContain("cannot read ruleset: file not found");
  });

  it("a JSON ruleset with a key written twice is exit 2 at the second one (JSON.parse kept the last without a word)", () => {
    write("twice.json", '{\n  "rules": {\n    "operation-description": "off",\n    "operation-description": "error"\n  }\n}\n');
    const r = runCli(["lint", "--ruleset", "twice.json", "specs/api.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("twice.json:4:5 (#/rules) error load/duplicate-key: the object has the key 'operation-description' more than once: JSON.parse would keep only the last (remove one of the two)\n");
  });

  it("maps each spectral:oas rule to a rule that exists, as docs/rules.md's table says", () => {
    for (const ours of Object.values(SPECTRAL_RULES)) expect(RULE_IDS.has(ours), ours).toBe(true);
    const doc = readFileSync(path.join(ROOT, "docs/rules.md"), "utf8");
    const section = doc.slice(doc.indexOf("## A Spectral ruleset"), doc.indexOf("## A Redocly config"));
    const table = [...section.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(table)).toEqual(SPECTRAL_RULES);
  });
});
