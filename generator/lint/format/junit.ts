/**
 * JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per finding
 * (a passing one for a clean file). A file a `$ref` brought in has a suite of its own when it has findings
 * (a suite per file linted only dropped them). The totals are the suites' sums. Spec text is escaped for XML
 * (diagnostics/ci-text.ts).
 */
import { xml } from "../../diagnostics/ci-text.js";
import type { Report } from "./report.js";
import { where } from "./text.js";

export function junit(report: Report): string {
  const files = [...new Set([...report.files, ...report.findings.map((f) => f.file)])];
  const suites = files.map((file) => ({ file, findings: report.findings.filter((f) => f.file === file) }));
  const tests = suites.reduce((n, s) => n + Math.max(s.findings.length, 1), 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="specforge lint" tests="${tests}" failures="${report.findings.length}">`];
  for (const { file, findings } of suites) {
    out.push(`  <testsuite name="${xml(file)}" tests="${Math.max(findings.length, 1)}" failures="${findings.length}" errors="0">`);
    if (findings.length === 0) out.push(`    <testcase classname="${xml(file)}" name="${xml(`${file} has no ${report.errorsOnly ? "errors" : "problems"}`)}"/>`);
    for (const f of findings) {
      out.push(`    <testcase classname="${xml(file)}" name="${xml(`${f.ruleId} ${where(f)}`)}">`);
      out.push(`      <failure type="${f.severity}" message="${xml(f.message)}">${xml(`${where(f)} ${f.severity} ${f.ruleId}: ${f.message}${f.help ? ` (${f.help})` : ""}\n#${f.pointer}`)}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
