/** GitHub Actions workflow commands: one annotation per finding on the pull request's line (diagnostics/ci-text.ts). */
import { workflowCommand } from "../../diagnostics/ci-text.js";
import type { Report } from "./report.js";

export function github(report: Report): string {
  return report.findings
    .map((f) => workflowCommand(f.severity === "error" ? "error" : "warning", { file: f.file, line: f.line, column: f.column, title: `specforge ${f.ruleId}` }, `${f.message}${f.help ? ` (${f.help})` : ""} #${f.pointer}`))
    .join("");
}
