/** The default, human output: one line per finding, `file:line:col severity rule-id message (help) #pointer`, then totals. */
import type { Finding } from "../types.js";
import { printable } from "../../diagnostics/printable.js";
import { where } from "./text.js";
import type { Report } from "./report.js";
import { PLAIN, type Palette } from "../../diagnostics/colour.js";

export function stylish(report: Report, colour: Palette = PLAIN): string {
  const lines = report.findings.map((f: Finding) => {
    const severity = f.severity === "error" ? colour.red("error") : colour.yellow("warning");
    // spec text is made printable first; the colour codes are ours
    return `${printable(where(f))} ${severity} ${printable(`${f.ruleId}: ${f.message}${f.help ? ` (${f.help})` : ""}`)} ${colour.dim(printable(`#${f.pointer}`))}`;
  });
  const { errors, warnings } = report.totals;
  const files = report.files.length;
  lines.push(errors + warnings === 0
    ? `${files} file${files === 1 ? "" : "s"} linted: no problems`
    : `${files} file${files === 1 ? "" : "s"} linted: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
}
