/**
 * Keeps the benchmark from rotting: `npm test` runs `node bench/run.mjs --quick` on the small
 * okra spec, results to a temp file (never bench/results.md), and checks the report's shape.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const repo = fileURLToPath(new URL("..", import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), "specforge-bench-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The target rows bench/run.mjs --json writes (bench/lib/targets.mjs). */
interface TargetRow {
  section: string;
  what: string;
  ours: string;
  peer: string;
  ratio: number | null;
  target: string;
  met: boolean;
}

it("bench/run.mjs --quick measures every tool of every section and writes the report", async () => {
  const out = path.join(tmp, "results.md");
  const json = path.join(tmp, "results.json");
  const { stdout } = await promisify(execFile)(process.execPath, ["bench/run.mjs", "--quick", "--out", out, "--json", json], { cwd: repo });

  // The summary: one row per target of every section, first in both the output and results.md.
  const { cpus, node, targets } = JSON.parse(readFileSync(json, "utf8")) as { cpus: number; node: string; targets: TargetRow[] };
  expect(cpus).toBeGreaterThan(0);
  expect(node).toBe(process.version);
  // run.mjs rejects a section without target rows, so sections added later are covered by the loop below.
  expect([...new Set(targets.map((t) => t.section))]).toEqual(expect.arrayContaining(["generation", "typecheck", "client", "validators", "formats"]));
  for (const want of [
    "types alone, median wall vs openapi-typescript",
    "all targets, median wall vs openapi-typescript (types only)",
    "all targets, median wall vs @hey-api/openapi-ts (types + sdk)",
    "types alone, median peak RSS vs openapi-typescript",
    "tsc --noEmit, median wall vs openapi-typescript + openapi-fetch",
    "per-call overhead vs openapi-fetch",
  ]) {
    expect(targets.map((t) => t.what)).toContain(want);
  }
  const md = readFileSync(out, "utf8");
  const summaryMd = md.slice(md.indexOf("## Targets"), md.indexOf("\n## ", md.indexOf("## Targets") + 1));
  const summaryText = stdout.slice(stdout.indexOf("Targets ("), stdout.indexOf("\n\n", stdout.indexOf("---", stdout.indexOf("Targets ("))));
  expect(md.indexOf("## Targets")).toBeLessThan(md.indexOf("## Generation"));
  expect(summaryMd).toContain(`${targets.filter((t) => t.met).length} of ${targets.length} targets met`);
  expect(summaryMd.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| section") && !l.startsWith("| ---"))).toHaveLength(targets.length);
  for (const t of targets) {
    const ratio = t.ratio === null ? "-" : `${t.ratio.toFixed(2)}x`;
    const status = t.met ? "met" : "NOT met";
    expect(summaryMd).toContain(`| ${t.section} | ${t.what} | ${t.ours} | ${t.peer} | ${ratio} | ${t.target} | ${status} |`);
    expect(summaryText).toMatch(new RegExp(`^${escape(t.section)} +${escape(t.what)} +${escape(t.ours)} +${escape(t.peer)} +${escape(ratio)} +${escape(t.target)} +${status}$`, "m"));
  }

  // The generation section's own tables.
  expect(stdout).toMatch(/^specforge \S+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/^openapi-typescript \S+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/^@hey-api\/openapi-ts \S+ \(types \+ sdk\) +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  // The typecheck section: both consumers type-checked (tsc exits 0 or the bench fails).
  expect(stdout).toMatch(/^specforge \S+ \(types \+ client\) +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/^openapi-typescript \S+ \+ openapi-fetch \S+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/specforge stages \(one extra run with --timings\): load \d+ ms, /);
  // The client section: our client, both peers and the two direct calls, the targets, the runtime's size.
  for (const tool of ["stub fetch \\+ res\\.json\\(\\)", "specforge \\S+", "openapi-fetch \\S+", "@hey-api/openapi-ts \\S+"]) {
    expect(stdout).toMatch(new RegExp(`^${tool} +\\d+\\.\\d\\d +(-|-?\\d+\\.\\d\\d) +\\d+\\.\\d\\d$`, "m"));
  }
  expect(stdout).toMatch(/^overhead ours \/ openapi-fetch +-?\d+\.\d\dx +<= 0\.25x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^runtime min\+gz \(client-runtime\.ts\) +\d+ B +< 5000 B +(met|NOT met)$/m);
  // The server section: our node adapter, our Web handler bridged, Fastify (req/s, p99, server CPU per request); the targets.
  for (const tool of ["specforge \\S+, node adapter", "specforge Web handler, bridged via node adapter", "fastify \\S+"]) {
    expect(stdout).toMatch(new RegExp(`^${tool} +\\d+ +\\d+\\.\\d +\\d+\\.\\d\\dx +\\d+\\.\\d +\\d+\\.\\d\\dx$`, "m"));
  }
  expect(stdout).toMatch(/^ours \/ fastify \(throughput\) +\d+\.\d\dx +>= 1\.00x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^ours \/ fastify \(server CPU per request\) +\d+\.\d\dx +<= 1\.00x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^fastify \/ Web handler \(throughput\) +\d+\.\d\dx +<= 1\.5x +(met|NOT met)$/m);
  // The lint section: ours against Redocly, and the target.
  expect(stdout).toMatch(/^@redocly\/cli \S+ \(recommended\) +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+ +\d+$/m);
  expect(stdout).toMatch(/^lint wall \(median\) +\d+\.\d\dx +<= 1\.0x +(met|NOT met)$/m);
  expect(md).toMatch(/^- Date: \d{4}-\d\d-\d\dT/m);
  expect(md).toMatch(/^\| specforge \S+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \|$/m);
  expect(md).toContain("specs/okra.yaml");
  expect(md).toMatch(/^\| specforge \S+ \| [\d.]+ \| -?[\d.]+ \| [\d.]+ \|$/m);
}, 240_000);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
