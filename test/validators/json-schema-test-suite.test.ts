/**
 * Conformance: the JSON-Schema-Test-Suite (draft 2020-12) through our compile path. The pass counts may
 * only go up: `conformance-floor.json` holds the last accepted figures; beating them prints the new figures
 * to record there.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSuiteFile, serveSuite, suiteFiles, type FileResult, type SuiteServer } from "./conformance.js";

const floor = JSON.parse(readFileSync(path.join(import.meta.dirname, "conformance-floor.json"), "utf8")) as Record<string, number>;

let server: SuiteServer;
beforeAll(async () => {
  server = await serveSuite();
});
afterAll(() => server.close());

async function runAll(files: string[]): Promise<{ passed: number; total: number; results: FileResult[] }> {
  const results: FileResult[] = [];
  for (const f of files) results.push(await runSuiteFile(server, f));
  return { passed: results.reduce((n, r) => n + r.passed, 0), total: results.reduce((n, r) => n + r.total, 0), results };
}

function report(label: string, run: { passed: number; total: number; results: FileResult[] }): void {
  const lines = run.results.filter((r) => r.passed < r.total).map((r) => `  ${r.file}: ${r.passed}/${r.total}${r.errors.length ? ` (not generated: ${r.errors.slice(0, 2).join("; ")})` : ""}`);
  console.info(`${label}: ${run.passed}/${run.total} passed\n${lines.join("\n")}`);
}

describe("JSON-Schema-Test-Suite draft 2020-12", () => {
  it("required tests: the pass count never goes down", async () => {
    const run = await runAll(suiteFiles());
    report("required", run);
    expect(run.total).toBeGreaterThan(1000);
    expect(run.passed).toBeGreaterThanOrEqual(floor.required!);
    if (run.passed > floor.required!) console.info(`new record: set "required" to ${run.passed} in conformance-floor.json`);
  }, 600_000);

  it("optional/format tests: the pass count never goes down", async () => {
    const run = await runAll(suiteFiles("optional/format"));
    report("optional/format", run);
    expect(run.passed).toBeGreaterThanOrEqual(floor.format!);
    if (run.passed > floor.format!) console.info(`new record: set "format" to ${run.passed} in conformance-floor.json`);
  }, 600_000);
});
