/** Machine output: every change as `diffSpecs` returns it, per spec, with the summaries. */
import { summarize } from "../summarize.js";
import type { DiffResult } from "./result.js";

export function json(results: readonly DiffResult[]): string {
  const out = {
    summary: summarize(results.flatMap((r) => r.changes)),
    ...(results.some((r) => r.accepted) ? { accepted: results.reduce((n, r) => n + (r.accepted?.count ?? 0), 0) } : {}),
    results: results.map((r) => ({ base: r.base, head: r.head, ...(r.note ? { note: r.note } : {}), ...(r.accepted ? { accepted: r.accepted } : {}), summary: summarize(r.changes), changes: r.changes })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
