/** Renders one table (a header row and data rows of strings) as aligned plain text or as markdown. */

/** The first `left` columns (labels) are left-aligned, the rest (figures) right-aligned. */
export function textTable(header, rows, left = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function markdownTable(header, rows, left = 1) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const align = header.map((_, i) => (i < left ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}
