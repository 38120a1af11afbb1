/**
 * JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per finding
 * (a passing one for a clean file). Spec text is escaped for XML, and characters XML 1.0 cannot hold at all
 * (most C0 controls, lone surrogates) are written as `\uXXXX`.
 */
import type { Report } from "./report.js";
import { where } from "./text.js";

export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function junit(report: Report): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="specforge lint" tests="${Math.max(report.findings.length, 0)}" failures="${report.findings.length}">`];
  for (const file of report.files) {
    const findings = report.findings.filter((f) => f.file === file);
    out.push(`  <testsuite name="${xml(file)}" tests="${Math.max(findings.length, 1)}" failures="${findings.length}" errors="0">`);
    if (findings.length === 0) out.push(`    <testcase classname="${xml(file)}" name="${xml(`${file} has no problems`)}"/>`);
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
