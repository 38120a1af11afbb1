/**
 * Preload for benchmark children: `node --import <file URL of this file> <script> ...`.
 * On exit (normal end, process.exitCode, or process.exit()) it writes the process's peak resident
 * set size, `process.resourceUsage().maxRSS` in KiB, to the file named by SPECFORGE_BENCH_RSS_FILE.
 * Does nothing when that variable is unset.
 */
import { writeFileSync } from "node:fs";

const file = process.env.SPECFORGE_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
