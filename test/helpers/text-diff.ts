/** A short, readable line diff for golden failures: the first hunks where expected and actual part. */
export function lineDiff(expected: string, actual: string, maxHunks = 3, context = 2): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let hunks = 0;
  while (i < a.length || j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++hunks > maxHunks) {
      out.push("  ...");
      break;
    }
    // Find the nearest resynchronisation point within a window.
    let si = -1;
    let sj = -1;
    search: for (let d = 1; d < 200; d++) {
      for (let k = 0; k <= d; k++) {
        if (i + k < a.length && j + d - k < b.length && a[i + k] === b[j + d - k]) {
          si = i + k;
          sj = j + d - k;
          break search;
        }
      }
    }
    if (si < 0) {
      si = a.length;
      sj = b.length;
    }
    out.push(`@@ line ${i + 1} @@`);
    for (let c = Math.max(0, i - context); c < i; c++) out.push(`  ${a[c]}`);
    for (let c = i; c < si; c++) out.push(`- ${a[c]}`);
    for (let c = j; c < sj; c++) out.push(`+ ${b[c]}`);
    i = si;
    j = sj;
  }
  return out.join("\n");
}
