/**
 * A pull-request comment body. Spec text is untrusted: in a table cell it must not end the cell (`|`),
 * start code or HTML (backticks, `<`), mention people (`@`), link, or format, so every character that
 * means something to GitHub Markdown becomes an entity; newlines become spaces.
 */
import { summarize, type Summary } from "../summarize.js";
import { levelOf, ordered, where, type DiffResult } from "./result.js";

/** GitHub refuses comments over 65,536 characters: keep well below. */
const MAX_ROWS = 250;

export function markdown(results: readonly DiffResult[]): string {
  const all = results.flatMap((r) => r.changes);
  const s = summarize(all);
  const out: string[] = [`### ${headline(s)}`, ""];
  if (s.total > 0) out.push(`Suggested version bump: clients **${s.client}**, servers **${s.server}**.`, "");
  let rows = 0;
  for (const r of results) {
    out.push(`#### ${cell(r.head)} (against ${cell(r.base)})`, "");
    if (r.note) {
      out.push(cell(r.note), "");
      continue;
    }
    const accepted = r.accepted ? `${r.accepted.count} accepted change(s) not shown (listed in ${cell(r.accepted.file)}).` : undefined;
    if (r.changes.length === 0) {
      out.push(accepted ? `No other API changes. ${accepted}` : "No API changes.", "");
      continue;
    }
    out.push("| | Change | Rule | Where |", "| --- | --- | --- | --- |");
    const list = ordered(r.changes);
    for (const c of list) {
      if (rows === MAX_ROWS) break;
      rows++;
      const icon = c.breaking.client || c.breaking.server ? ":red_circle:" : ":white_circle:";
      out.push(`| ${icon} | ${cell(c.message)}<br>${cell(levelOf(c))} | ${cell(c.id)} | ${cell(where(c))} |`);
    }
    out.push("");
    if (accepted) out.push(accepted, "");
  }
  if (rows < all.length) out.push(`${all.length - rows} more change(s) not shown: run \`specforge diff --format stylish\` for all.`, "");
  out.push("<sub>Reported by specforge diff. Breaking for clients: a client written against the base may fail. Breaking for servers: a server implementing the base must change.</sub>");
  return `${out.join("\n")}\n`;
}

function headline(s: Summary): string {
  if (s.total === 0) return "API changes: none";
  const parts = [`${s.breakingForClients} breaking for clients`, `${s.breakingForServers} breaking for servers`, `${s.nonBreaking} not breaking`];
  return `API changes: ${parts.join(", ")}`;
}

/** Text safe inside a GitHub Markdown table cell: shown as written, never interpreted. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[&<>"`|\\*_[\]#!~@:$]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
