/** GitHub Actions workflow commands: one annotation per finding on the pull request's line (diagnostics/ci-text.ts). */
import { workflowCommand } from "../../diagnostics/ci-text.js";
import type { Report } from "./report.js";

/** `place` turns a finding's file into the path GitHub resolves (ci-text.ts workspacePath); as written by default. */
export function github(report: Report, place: (file: string) => string = (f) => f): string {
  return report.findings
    .map((f) => workflowCommand(f.severity === "error" ? "error" : "warning", { file: place(f.file), line: f.line, column: f.column, title: `specforge ${f.ruleId}` }, `${f.message}${f.help ? ` (${f.help})` : ""} #${f.pointer}`))
    .join("");
}
