/** Machine output: `{ files, findings: [{ruleId, severity, message, help, file, line, column, pointer}], totals }`. */
import type { Report } from "./report.js";

export function json(report: Report): string {
  return `${JSON.stringify({ files: report.files, findings: report.findings, totals: report.totals }, null, 2)}\n`;
}
