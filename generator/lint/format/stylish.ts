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
  const files = `${report.files.length} file${report.files.length === 1 ? "" : "s"} linted`;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  // --quiet hid the warnings: the line counts the errors alone (as Spectral's "No results with a severity of 'error'")
  if (report.errorsOnly) lines.push(`${files}: ${errors === 0 ? "no errors" : count(errors, "error")}`);
  else lines.push(`${files}: ${errors + warnings === 0 ? "no problems" : `${count(errors, "error")}, ${count(warnings, "warning")}`}`);
  return `${lines.join("\n")}\n`;
}
