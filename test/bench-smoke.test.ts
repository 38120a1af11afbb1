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

it("bench/run.mjs --quick measures every tool of every section and writes the report", async () => {
  const out = path.join(tmp, "results.md");
  const { stdout } = await promisify(execFile)(process.execPath, ["bench/run.mjs", "--quick", "--out", out], { cwd: repo });
  expect(stdout).toMatch(/^specforge \S+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/^openapi-typescript \S+ +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+$/m);
  expect(stdout).toMatch(/^wall \(median\) +\d+\.\d\dx +<= 1\.1x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^memory \(median peak RSS\) +\d+\.\d\dx +<= 1\.5x +(met|NOT met)$/m);
  expect(stdout).toMatch(/specforge stages \(one extra run with --timings\): load \d+ ms, /);
  // The client section: our client, both peers and the two direct calls, the targets, the runtime's size.
  for (const tool of ["stub fetch \\+ res\\.json\\(\\)", "specforge \\S+", "openapi-fetch \\S+", "@hey-api/openapi-ts \\S+"]) {
    expect(stdout).toMatch(new RegExp(`^${tool} +\\d+\\.\\d\\d +(-|-?\\d+\\.\\d\\d) +\\d+\\.\\d\\d$`, "m"));
  }
  expect(stdout).toMatch(/^overhead ours \/ openapi-fetch +-?\d+\.\d\dx +<= 0\.25x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^runtime min\+gz \(client-runtime\.ts\) +\d+ B +< 5000 B +(met|NOT met)$/m);
  // The server section: our node adapter, our Web handler bridged, Fastify; both targets.
  for (const tool of ["specforge \\S+, node adapter", "specforge Web handler, bridged via node adapter", "fastify \\S+"]) {
    expect(stdout).toMatch(new RegExp(`^${tool} +\\d+ +\\d+\\.\\d +\\d+\\.\\d\\dx$`, "m"));
  }
  expect(stdout).toMatch(/^ours \/ fastify \(throughput\) +\d+\.\d\dx +>= 1\.00x +(met|NOT met)$/m);
  expect(stdout).toMatch(/^fastify \/ Web handler \(throughput\) +\d+\.\d\dx +<= 1\.5x +(met|NOT met)$/m);
  // The lint section: ours against Redocly, and the target.
  expect(stdout).toMatch(/^@redocly\/cli \S+ \(recommended\) +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d +\d+ +\d+$/m);
  expect(stdout).toMatch(/^lint wall \(median\) +\d+\.\d\dx +<= 1\.0x +(met|NOT met)$/m);
  const md = readFileSync(out, "utf8");
  expect(md).toMatch(/^- Date: \d{4}-\d\d-\d\dT/m);
  expect(md).toMatch(/^\| specforge \S+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \|$/m);
  expect(md).toContain("specs/okra.yaml");
  expect(md).toMatch(/^\| specforge \S+ \| [\d.]+ \| -?[\d.]+ \| [\d.]+ \|$/m);
}, 120_000);
