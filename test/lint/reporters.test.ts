/**
 * The six output formats on a fixed report whose text is hostile (markup, workflow-command separators,
 * a terminal escape, newlines): each format keeps it data. SARIF is checked for what GitHub code scanning
 * reads; junit is parsed back (XML well-formed, text intact).
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { FORMATS, makeReport } from "../../generator/lint/format/report.js";
import { lintFile } from "../../generator/lint/run.js";
import { RULES } from "../../generator/lint/registry.js";
import type { Finding } from "../../generator/lint/types.js";

const HOSTILE = 'bad </failure><x a="1"> & ::error::boom, 50%\n::warning::two\u001b[31m';
const findings: Finding[] = [
  { ruleId: "operation-id", severity: "warn", message: HOSTILE, help: "add one", file: "specs/a b.yaml", pointer: "/paths/~1x/get", line: 7, column: 5 },
  { ruleId: "ref-resolves", severity: "error", message: "unresolved $ref", file: "specs/a b.yaml", pointer: "/paths/~1x/get/$ref", line: 9, column: 11 },
];
const report = makeReport(["specs/a b.yaml", "specs/clean.yaml"], findings, "0.1.0");

describe("lint reporters", () => {
  it("stylish: one line per finding with file:line:col, severity, rule, message, pointer; controls escaped", () => {
    const lines = FORMATS.stylish(report).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^specs\/a b\.yaml:7:5 warning operation-id: bad .*\\u000a::warning::two\\u001b\[31m \(add one\) #\/paths\/~1x\/get$/);
    expect(lines[1]).toBe("specs/a b.yaml:9:11 error ref-resolves: unresolved $ref #/paths/~1x/get/$ref");
    expect(lines[2]).toBe("2 files linted: 1 error, 1 warning");
    expect(FORMATS.stylish(report)).not.toContain("\u001b");
  });

  it("json: the findings and totals, round-trip", () => {
    const parsed = JSON.parse(FORMATS.json(report));
    expect(parsed.findings).toEqual(findings);
    expect(parsed.totals).toEqual({ errors: 1, warnings: 1 });
    expect(parsed.files).toEqual(["specs/a b.yaml", "specs/clean.yaml"]);
  });

  it("github: workflow commands whose data cannot end the command or start another", () => {
    const lines = FORMATS.github(report).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::warning file=specs\/a b\.yaml,line=7,col=5,title=specforge operation-id::/);
    expect(lines[1]).toBe("::error file=specs/a b.yaml,line=9,col=11,title=specforge ref-resolves::unresolved $ref #/paths/~1x/get/$ref");
    const data = lines[0]!.slice(lines[0]!.indexOf("::", 2) + 2);
    expect(data).toContain("50%25%0A::warning::two");
    // Decoding as the runner does gives the message back, ESC shown as \u001b (raw, it started a colour in the step's log).
    expect(FORMATS.github(report)).not.toContain("\u001b");
    expect(data.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%")).toBe(`${HOSTILE.replace("\u001b", "\\u001b")} (add one) #/paths/~1x/get`);
  });

  it("github: properties escape , and :", () => {
    const odd = makeReport(["x"], [{ ...findings[1]!, file: "a,b:c.yaml" }], "0.1.0");
    expect(FORMATS.github(odd)).toMatch(/^::error file=a%2Cb%3Ac\.yaml,line=9,col=11,title=specforge ref-resolves::/);
  });

  it("sarif: a custom rule replacing a built-in is listed once, in the built-in's place, and results point at it", () => {
    const custom = { id: "info-contact", description: "our own contact rule", severity: "error" as const };
    const log = JSON.parse(FORMATS.sarif(makeReport(["a.yaml"], [{ ...findings[1]!, ruleId: "info-contact" }], "0.1.0", [custom])));
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string } }>;
    expect(rules.filter((r) => r.id === "info-contact")).toHaveLength(1);
    const i = rules.findIndex((r) => r.id === "info-contact");
    expect(rules[i]!.shortDescription.text).toBe("our own contact rule");
    expect(log.runs[0].results[0].ruleIndex).toBe(i);
  });

  it("junit: a finding in a file a $ref brought in has a suite; the totals are the suites' sums", () => {
    const inRef = { ...findings[1]!, file: "specs/paths/pets.yaml" };
    const xml = FORMATS.junit(makeReport(["specs/a.yaml", "specs/clean.yaml"], [{ ...findings[1]!, file: "specs/a.yaml" }, inRef], "0.1.0"));
    expect(xml).toContain('<testsuite name="specs/paths/pets.yaml" tests="1" failures="1" errors="0">');
    expect(xml).toContain('<testsuites name="specforge lint" tests="3" failures="2">');
    expect(FORMATS.junit(makeReport(["specs/clean.yaml"], [], "0.1.0"))).toContain('<testsuites name="specforge lint" tests="1" failures="0">');
  });

  it("junit: well-formed XML, a failing case per finding, a passing case per clean file, text intact", () => {
    const xml = FORMATS.junit(report);
    expect(xml).not.toContain("</failure><x");
    // Well-formedness: every tag opened is closed, in order.
    const stack: string[] = [];
    for (const m of xml.replace(/<\?xml[^>]*\?>/, "").matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('<testcase classname="specs/clean.yaml" name="specs/clean.yaml has no problems"/>');
    const message = /<failure type="warn" message="([^"]*)"/.exec(xml)![1]!;
    const decoded = message.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
    expect(decoded).toBe(HOSTILE.replace("\u001b", "\\u001b"));
  });

  it("sarif: 2.1.0 with the rules, and results GitHub code scanning accepts", () => {
    const log = JSON.parse(FORMATS.sarif(report));
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("specforge");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const r of run.tool.driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      // "none": a rule off by default (a config turns it on)
      expect(["error", "warning", "none"]).toContain(r.defaultConfiguration.level);
    }
    expect(run.results).toHaveLength(2);
    const [warn, err] = run.results;
    expect(warn).toMatchObject({ ruleId: "operation-id", level: "warning", message: { text: `${HOSTILE} (add one)` } });
    expect(run.tool.driver.rules[warn.ruleIndex].id).toBe("operation-id");
    expect(err.level).toBe("error");
    expect(warn.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "specs/a%20b.yaml" }, region: { startLine: 7, startColumn: 5 } });
  });

  it("codeclimate: GitLab Code Quality issues, text as data, fingerprints stable when lines move and distinct per finding", () => {
    const issues = JSON.parse(FORMATS.codeclimate(report)) as Array<Record<string, any>>;
    expect(issues.map((i) => [i.type, i.check_name, i.severity, i.location])).toEqual([
      ["issue", "operation-id", "minor", { path: "specs/a b.yaml", lines: { begin: 7 } }],
      ["issue", "ref-resolves", "critical", { path: "specs/a b.yaml", lines: { begin: 9 } }],
    ]);
    expect(issues[0]!.description).toBe(`${HOSTILE} (add one)`);
    const moved = makeReport(report.files, findings.map((f) => ({ ...f, line: f.line! + 10 })), "0.1.0");
    expect((JSON.parse(FORMATS.codeclimate(moved)) as Array<{ fingerprint: string }>).map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
    // the same finding twice (two places a rule words alike) is two issues for GitLab
    const twice = makeReport(report.files, [findings[1]!, findings[1]!], "0.1.0");
    const prints = (JSON.parse(FORMATS.codeclimate(twice)) as Array<{ fingerprint: string }>).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(2);
    // the fingerprint is of the path GitLab is told, whichever folder lint ran from (review)
    const fromRoot = FORMATS.codeclimate(makeReport(["api/spec.yaml"], [{ ...findings[1]!, file: "api/spec.yaml" }], "0.1.0"));
    const fromApi = FORMATS.codeclimate(makeReport(["spec.yaml"], [{ ...findings[1]!, file: "spec.yaml" }], "0.1.0"), (f) => `api/${f}`);
    expect(JSON.parse(fromApi)[0].fingerprint).toBe(JSON.parse(fromRoot)[0].fingerprint);
  });

  it("a spec with hostile paths and ids (fixtures/hostile.yaml): each format keeps one record per finding", async () => {
    const real = await lintFile(path.join(import.meta.dirname, "fixtures/hostile.yaml"));
    expect(real.length).toBeGreaterThan(0);
    const r = makeReport(["test/lint/fixtures/hostile.yaml"], real, "0.1.0");
    expect(FORMATS.stylish(r)).not.toMatch(/\u001b/);
    expect(FORMATS.stylish(r).trimEnd().split("\n")).toHaveLength(real.length + 1);
    expect(FORMATS.github(r).trimEnd().split("\n")).toHaveLength(real.length);
    expect(JSON.parse(FORMATS.sarif(r)).runs[0].results).toHaveLength(real.length);
    expect(FORMATS.junit(r).match(/<failure /g)).toHaveLength(real.length);
    expect(FORMATS.junit(r)).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(JSON.parse(FORMATS.codeclimate(r))).toHaveLength(real.length);
  });
});
