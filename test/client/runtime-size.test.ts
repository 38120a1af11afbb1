/**
 * The client runtime's size budget (client issue: under 5000 B min+gz), measured by the bench's own client
 * section (bench/client.mjs: bankingservice's runtime transpiled, minified by rolldown, gzip -9). The bench
 * smoke test checks the report's shape only, "met" or "NOT met" alike: this one fails when the budget breaks.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/project.js";

it("the client runtime stays under 5000 B min+gz, as the bench measures it", async () => {
  const dir = tempDir();
  const json = path.join(dir, "client.json");
  await promisify(execFile)(process.execPath, ["bench/run.mjs", "--quick", "--only", "client", "--out", path.join(dir, "client.md"), "--json", json], { cwd: ROOT });
  const { targets } = JSON.parse(readFileSync(json, "utf8")) as { targets: Array<{ what: string; ours: string; target: string; met: boolean }> };
  const size = targets.find((t) => t.what === "client runtime, min+gz");
  expect(size).toMatchObject({ target: "< 5000 B", met: true });
  expect(Number.parseInt(size!.ours, 10)).toBeLessThan(5000);
}, 180_000);
