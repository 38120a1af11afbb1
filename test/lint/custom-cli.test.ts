/**
 * `specforge lint` with custom rules in a `.yaml` config, as a user runs it: exit 0 when they find nothing,
 * 1 on an error-severity finding, 2 on a bad custom rule (one line with the config's pointer); findings in
 * every format, and SARIF's rule list naming the custom rules.
 */
import { describe, expect, it } from "vitest";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-custom-cli-");
const write = fileWriter(dir);

const spec = (path: string) => `openapi: 3.1.0
info: {title: C, version: "1", license: {name: MIT}}
paths:
  ${path}:
    get:
      operationId: listPets
      summary: List pets
      responses:
        "200": {description: ok}
        "404": {description: none}
servers: [{url: "https://api.pets.dev"}]
`;

const CONFIG = `lint:
  custom:
    paths-kebab-case:
      description: Paths are kebab-case
      message: "{{property}} should be kebab-case"
      severity: error
      given: $.paths[*]~
      then: { function: pattern, functionOptions: { match: "^(/[a-z0-9-{}]+)+$" } }
    operation-tags:
      given: $.paths[*][get,put,post,delete,patch]
      severity: info
      then: { field: tags, function: truthy }
`;

describe("specforge lint with lint.custom (CLI)", () => {
  write("specforge.config.yaml", CONFIG);

  it("exits 0 when custom rules find only warnings, 1 on a custom error, in stylish", () => {
    const clean = runCli(["lint", write("clean.yaml", spec("/pet-shop"))], dir);
    expect(clean.stdout).toBe("clean.yaml:5:5 warning operation-tags: 'tags' must be truthy #/paths/~1pet-shop/get\n1 file linted: 0 errors, 1 warning\n");
    expect(clean.status).toBe(0);
    const bad = runCli(["lint", write("bad.yaml", spec("/pet_shop"))], dir);
    expect(bad.stdout).toContain("bad.yaml:4:3 error paths-kebab-case: /pet_shop should be kebab-case (Paths are kebab-case) #/paths/~1pet_shop\n");
    expect(bad.status).toBe(1);
  });

  it("every format carries the custom findings; SARIF lists the custom rules", () => {
    const file = write("fmt.yaml", spec("/pet_shop"));
    const json = JSON.parse(runCli(["lint", file, "--format", "json"], dir).stdout);
    expect(json.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`)).toEqual(["paths-kebab-case error", "operation-tags warn"]);
    const sarif = JSON.parse(runCli(["lint", file, "--format", "sarif"], dir).stdout).runs[0];
    const rules = sarif.tool.driver.rules as Array<{ id: string; shortDescription: { text: string } }>;
    const at = rules.findIndex((r) => r.id === "paths-kebab-case");
    expect(rules[at]!.shortDescription.text).toBe("Paths are kebab-case");
    expect(sarif.results[0]).toMatchObject({ ruleId: "paths-kebab-case", ruleIndex: at, level: "error" });
    expect(runCli(["lint", file, "--format", "github"], dir).stdout).toContain("::error file=fmt.yaml,line=4,col=3,title=specforge paths-kebab-case::/pet_shop should be kebab-case");
    expect(runCli(["lint", file, "--format", "junit"], dir).stdout).toContain('<failure type="warn" message="&apos;tags&apos; must be truthy">');
  });

  it("exits 2 on a bad custom rule, naming the functions there are", () => {
    const bad = write("bad.config.yaml", CONFIG.replace("function: truthy", "function: exists"));
    const r = runCli(["lint", write("x.yaml", spec("/a")), "--config", bad], dir);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.config.yaml:12:28 (#/lint/custom/operation-tags/then/function) error config/invalid: unknown function 'exists' (use one of truthy, falsy, defined, undefined, pattern, casing, length, enumeration, schema, xor, or, alphabetical, unreferencedReusableObject, typedEnum)");
    expect(r.status).toBe(2);
  });

  it("lint.rules turns a custom rule off", () => {
    const off = write("off.config.yaml", `${CONFIG}  rules: { paths-kebab-case: off }\n`);
    const r = runCli(["lint", write("off.yaml", spec("/pet_shop")), "--config", off], dir);
    expect(r.stdout).not.toContain("paths-kebab-case");
    expect(r.status).toBe(0);
  });
});
