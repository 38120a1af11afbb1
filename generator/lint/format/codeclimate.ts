/**
 * GitLab Code Quality (a subset of Code Climate's issue format, as Spectral's and Redocly's `codeclimate`
 * formatters write it): a JSON array, one issue per finding, which GitLab shows in the merge request's
 * widget and diff when a job saves it as `artifacts:reports:codequality`.
 *
 * The fingerprint identifies an issue across runs, so that GitLab tells new findings from old ones: made
 * of the file, rule, pointer and message (not the line, which moves when lines above it change), and
 * numbered when the same finding stands twice.
 */
import { createHash } from "node:crypto";
import type { Report } from "./report.js";

/** `place` turns a finding's file into a path from the repository root (ci-text.ts workspacePath with CI_PROJECT_DIR); as written by default. */
export function codeclimate(report: Report, place: (file: string) => string = (f) => f): string {
  const seen = new Map<string, number>();
  const issues = report.findings.map((f) => {
    // the path as GitLab is told it: the same issue whichever folder lint ran from
    const file = place(f.file);
    const key = JSON.stringify([file, f.ruleId, f.pointer, f.message]);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      type: "issue",
      check_name: f.ruleId,
      description: `${f.message}${f.help ? ` (${f.help})` : ""}`,
      categories: ["Style"],
      // GitLab's levels: info, minor, major, critical, blocker
      severity: f.severity === "error" ? "critical" : "minor",
      fingerprint: createHash("sha256").update(`${key}#${n}`).digest("hex").slice(0, 32),
      location: { path: file, lines: { begin: f.line ?? 1 } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
