/**
 * GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::message`, shown as
 * annotations on the pull request's lines. Escaped as the runner decodes them (actions/toolkit
 * command.ts): `%`, CR and LF in both parts, and `:` and `,` in properties too, so a message cannot end
 * the command early or start another.
 */
import type { Report } from "./report.js";

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function github(report: Report): string {
  return report.findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file)}`];
      if (f.line !== undefined) props.push(`line=${f.line}`, `col=${f.column ?? 1}`);
      props.push(`title=${escapeProperty(`specforge ${f.ruleId}`)}`);
      const text = `${f.message}${f.help ? ` (${f.help})` : ""} #${f.pointer}`;
      return `::${f.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(text)}\n`;
    })
    .join("");
}
