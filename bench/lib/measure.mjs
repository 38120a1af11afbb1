/**
 * Shared measuring helpers for the benchmark sections: run one Node script as a child process and
 * return its wall time (performance.now() around the child) and peak RSS (written by the
 * measure-rss.mjs preload), plus the small statistics the tables need.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const PRELOAD = pathToFileURL(fileURLToPath(new URL("../measure-rss.mjs", import.meta.url))).href;

let counter = 0;

/**
 * Runs `node --import <measure-rss.mjs> <script> ...args` in `cwd`.
 * Resolves to { wallMs, maxRssKiB, stdout, stderr, code }; rejects if the child exits with a code not in
 * `okCodes` (default: 0 only; a linter exits 1 when it finds errors), is killed by a signal, or leaves no
 * RSS figure.
 */
export function measureNode({ label, script, args, cwd, tmpDir, okCodes = [0] }) {
  const rssFile = path.join(tmpDir, `rss-${process.pid}-${++counter}.txt`);
  rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    let endedAt = 0;
    const startedAt = performance.now();
    const child = spawn(process.execPath, ["--import", PRELOAD, script, ...args], {
      cwd,
      env: { ...process.env, SPECFORGE_BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => stdout.push(d));
    child.stderr.on("data", (d) => stderr.push(d));
    child.on("exit", () => {
      endedAt = performance.now();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (!okCodes.includes(code)) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`${label} ${how}\n  command: node ${[script, ...args].join(" ")}\n${indent(err || out)}`));
        return;
      }
      let maxRssKiB;
      try {
        maxRssKiB = Number(readFileSync(rssFile, "utf8").trim());
        rmSync(rssFile, { force: true });
      } catch {
        reject(new Error(`${label}: no peak-RSS figure was written (did the measure-rss.mjs exit hook run?)`));
        return;
      }
      resolve({ wallMs: endedAt - startedAt, maxRssKiB, stdout: out, stderr: err, code });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(samples) {
  const walls = samples.map((s) => s.wallMs / 1000);
  return {
    runs: samples.length,
    medianWallS: median(walls),
    minWallS: Math.min(...walls),
    maxWallS: Math.max(...walls),
    medianRssMiB: median(samples.map((s) => s.maxRssKiB / 1024)),
    wallsS: walls,
    rssMiB: samples.map((s) => s.maxRssKiB / 1024),
  };
}

function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `  | ${l}`)
    .join("\n");
}
