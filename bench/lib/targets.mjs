/**
 * Target rows: the machine-readable results every section returns next to its tables, which
 * bench/run.mjs gathers into the one summary table (and `--json`). A row is
 *
 *   { what, ours, peer, ratio, target, met }
 *     what    string   what is compared, e.g. "types alone, median wall vs openapi-typescript"
 *     ours    string   our figure with its unit, e.g. "6.91 s"
 *     peer    string   the peer's figure with its unit, "-" when the target is an absolute bound
 *     ratio   number | null   ours / peer as the target reads it (null for absolute bounds)
 *     target  string   the bound as the issue set it, e.g. "<= 1.1x", "< 5000 B"
 *     met     boolean
 *
 * Build them with `atMost`/`atLeast` (ratio targets) or `bound` (absolute ones) so the formatting and
 * the met/NOT met decision are the same in every section.
 */

/** ours / peer must be <= limit (times, memory, overheads: lower is better). */
export function atMost(what, { ours, peer, limit, format, strict = false }) {
  const ratio = ours / peer;
  return checked({ what, ours: format(ours), peer: format(peer), ratio, target: `${strict ? "<" : "<="} ${limit}x`, met: strict ? ratio < limit : ratio <= limit });
}

/** ours / peer must be >= limit (throughputs: higher is better). */
export function atLeast(what, { ours, peer, limit, format }) {
  const ratio = ours / peer;
  return checked({ what, ours: format(ours), peer: format(peer), ratio, target: `>= ${limit}x`, met: ratio >= limit });
}

/** An absolute bound with no peer, e.g. a size budget. */
export function bound(what, { ours, target, met }) {
  return checked({ what, ours, peer: "-", ratio: null, target, met });
}

/** A target that could not be measured this run (e.g. the implementations disagreed): NOT met. */
export function unmeasured(what, { why, target }) {
  return checked({ what, ours: why, peer: "-", ratio: null, target, met: false });
}

/** Throws unless `row` has the shape above; run.mjs checks every section's rows with it. */
export function checked(row) {
  const problems = [];
  for (const key of ["what", "ours", "peer", "target"]) if (typeof row?.[key] !== "string" || row[key] === "") problems.push(`${key} must be a non-empty string`);
  if (!(row?.ratio === null || (typeof row?.ratio === "number" && !Number.isNaN(row.ratio)))) problems.push("ratio must be a number or null");
  if (typeof row?.met !== "boolean") problems.push("met must be a boolean");
  if (problems.length) throw new Error(`bad target row ${JSON.stringify(row)}: ${problems.join("; ")}`);
  return row;
}

/** The cells of one summary row (ratio with 2 decimals, or "-"). */
export function summaryCells(section, row) {
  return [section, row.what, row.ours, row.peer, row.ratio === null ? "-" : `${row.ratio.toFixed(2)}x`, row.target, row.met ? "met" : "NOT met"];
}

export const SUMMARY_HEADER = ["section", "what", "ours", "peer", "ratio", "target", "status"];
