/**
 * A narrow Spectral or Redocly rule turned off turns off its part of the wider specforge rule only
 * (rule-parts.ts): the other checks of that rule still report.
 */
import { describe, expect, it } from "vitest";
import { REDOCLY_PARTS, RULE_PARTS, SPECTRAL_PARTS } from "../../generator/lint/rule-parts.js";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-parts-");
const write = fileWriter(dir);

const SPEC = write(
  "api.yaml",
  `openapi: 3.1.0
info: {title: t, version: "1", description: "<script>x</script>", summary: "see eval(1)"}
paths:
  /a/{}:
    get:
      parameters:
        - {name: q, in: query, schema: {type: integer}, examples: {one: {value: "x"}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: integer, examples: ["s"]}
              examples: {one: {value: "m"}}
`,
);

type Json = { findings: Array<{ ruleId: string; pointer: string }> };
const found = (ruleset: string, name: string) => {
  const r = runCli(["lint", SPEC, "--ruleset", write(name, ruleset), "--format", "json"], dir);
  return (JSON.parse(r.stdout) as Json).findings.filter((f) => ["example-valid", "markdown-no-script", "path-params"].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.pointer}`);
};

const ALL = [
  "markdown-no-script /info/description",
  "markdown-no-script /info/summary",
  "path-params /paths/~1a~1{}",
  "example-valid /paths/~1a~1{}/get/parameters/0/examples/one/value",
  "example-valid /paths/~1a~1{}/get/responses/200/content/application~1json/schema/examples/0",
  "example-valid /paths/~1a~1{}/get/responses/200/content/application~1json/examples/one/value",
].sort();
const without = (...gone: string[]) => ALL.filter((f) => !gone.some((g) => f.includes(g)));

describe("narrow rules of other linters turned off", () => {
  it("every part a narrow rule names is one its rule reports by", () => {
    const declared = Object.entries(RULE_PARTS).flatMap(([rule, parts]) => parts.map((p) => `${rule}/${p}`));
    expect([...new Set([...Object.values(SPECTRAL_PARTS), ...Object.values(REDOCLY_PARTS)].flat())].filter((p) => !declared.includes(p))).toEqual([]);
  });

  it("nothing off: every part reports", () => {
    expect(found("extends: [[spectral:oas, recommended]]\n", "none.spectral.yaml").sort()).toEqual(ALL);
  });

  it("Spectral: each narrow rule off drops its part only", () => {
    const cases: Array<[string, string[]]> = [
      ["oas3-valid-schema-example", ["schema/examples/0"]],
      ["oas3-valid-media-example", ["parameters/0/examples", "json/examples/one"]],
      ["no-eval-in-markdown", ["/info/summary"]],
      ["no-script-tags-in-markdown", ["/info/description"]],
      ["path-declarations-must-exist", ["path-params"]],
    ];
    for (const [rule, gone] of cases) {
      expect(found(`extends: [[spectral:oas, recommended]]\nrules:\n  ${rule}: off\n`, `${rule}.spectral.yaml`).sort(), rule).toEqual(without(...gone));
    }
  });

  it("Redocly: each narrow rule off drops its part only", () => {
    const cases: Array<[string, string[]]> = [
      ["no-invalid-schema-examples", ["schema/examples/0"]],
      ["no-invalid-media-type-examples", ["json/examples/one"]],
      ["no-invalid-parameter-examples", ["parameters/0/examples"]],
      ["path-declaration-must-exist", ["path-params"]],
    ];
    for (const [rule, gone] of cases) {
      expect(found(`extends: [recommended]\nrules:\n  ${rule}: off\n`, `${rule}/redocly.yaml`).sort(), rule).toEqual(without(...gone));
    }
  });
});
