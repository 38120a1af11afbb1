/** Human output: one line per change (where, level, message, rule id) under each spec, and a summary. */
import { summarize } from "../summarize.js";
import { levelOf, ordered, where, type DiffResult } from "./result.js";
import { PLAIN, type Palette } from "../../diagnostics/colour.js";

export function stylish(results: readonly DiffResult[], colour: Palette = PLAIN): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.head} (against ${r.base})`);
    if (r.note) lines.push(`  ${r.note}`);
    else if (r.changes.length === 0) lines.push(r.accepted ? "  no other API changes" : "  no API changes");
    for (const c of ordered(r.changes)) {
      const level = c.breaking.client || c.breaking.server ? colour.red(levelOf(c)) : colour.green(levelOf(c));
      lines.push(`  ${oneLine(where(c))}  ${level}  ${oneLine(c.message)}  ${colour.dim(c.id)}`);
    }
    if (r.accepted) lines.push(`  ${colour.dim(`${r.accepted.count} accepted change(s) skipped, listed in ${oneLine(r.accepted.file)}`)}`);
    lines.push("");
  }
  const s = summarize(results.flatMap((r) => r.changes));
  const accepted = results.reduce((n, r) => n + (r.accepted?.count ?? 0), 0);
  const skipped = accepted ? `; ${accepted} accepted change(s) skipped` : "";
  lines.push(`${s.total} change(s): ${s.breakingForClients} breaking for clients, ${s.breakingForServers} breaking for servers, ${s.nonBreaking} not breaking (version bump: clients ${s.client}, servers ${s.server})${skipped}`);
  return `${lines.join("\n")}\n`;
}

/** A terminal shows spec text as it is, but never lets it start a new line or move the cursor. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
}
