/**
 * JUnit XML (oasdiff's `junit`): a test suite per head spec, a test case per change, failing when the change
 * breaks clients or servers (its type says which); a spec without changes has one passing case.
 */
import { xml } from "../../diagnostics/ci-text.js";
import { levelOf, ordered, where, type DiffResult } from "./result.js";

export function junit(results: readonly DiffResult[]): string {
  const all = results.flatMap((r) => r.changes);
  const failing = (c: DiffResult["changes"][number]) => c.breaking.client || c.breaking.server;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="specforge diff" tests="${all.length}" failures="${all.filter(failing).length}">`];
  for (const r of results) {
    const name = `${r.head} (against ${r.base})`;
    out.push(`  <testsuite name="${xml(name)}" tests="${Math.max(r.changes.length, 1)}" failures="${r.changes.filter(failing).length}" errors="0">`);
    if (r.changes.length === 0) out.push(`    <testcase classname="${xml(r.head)}" name="${xml(r.note ?? `${r.head} has no API changes`)}"/>`);
    for (const c of ordered(r.changes)) {
      const caseName = `${c.id} ${where(c)}`;
      if (!failing(c)) {
        out.push(`    <testcase classname="${xml(r.head)}" name="${xml(caseName)}"/>`);
        continue;
      }
      out.push(`    <testcase classname="${xml(r.head)}" name="${xml(caseName)}">`);
      out.push(`      <failure type="${xml(levelOf(c))}" message="${xml(c.message)}">${xml(`${where(c)} ${levelOf(c)} ${c.id}: ${c.message}`)}</failure>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
