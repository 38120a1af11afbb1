/**
 * How the CLI's process ends: only once the command has settled. A command that stops before (what it
 * awaited can never settle, so Node ends the process with nothing left to run) is exit 70 with a line saying
 * so, not a silent exit 0; one that has finished does not wait on what it left running. A reader that
 * stops early (`| head`) loses the rest of the output, and the command still ends as it would have.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLI, fileWriter, runCli, tempDir } from "../helpers/project.js";

const ENDED = "the process ended before the command finished (it awaited a promise nothing can settle now, or something ended the process early): what it found is lost";
const dir = tempDir("specforge-process-end-");
const write = fileWriter(dir);
write("api.yaml", "openapi: 3.1.0\ninfo: {title: Pets, version: '1', description: pets, license: {name: MIT}}\npaths: {}\n");

describe("the end of the CLI's process", () => {
  it("a command that stops waiting on a promise nothing settles (a config's top-level await) is exit 70, saying so", () => {
    write("hang.config.mjs", "await new Promise(() => {});\nexport default {};\n");
    const r = runCli(["lint", "--config", "hang.config.mjs", "api.yaml"], dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([70, "", `specforge lint: ${ENDED}\n`]);
  });

  it("a function of the user's that ends the process with exit code 0 midway does not pass for success", () => {
    write("functions/quits.js", "module.exports = () => process.exit(0);\n");
    write("quits.spectral.yaml", "functions: [quits]\nrules:\n  quits:\n    given: $.info\n    then: { function: quits }\n");
    const r = runCli(["lint", "--ruleset", "quits.spectral.yaml", "api.yaml"], dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([70, "", `specforge lint: ${ENDED}\n`]);
  });

  it("a command that has finished ends, though a timer it left (a config's, here of a minute) still runs", () => {
    write("timer.config.mjs", "setTimeout(() => {}, 60_000);\nexport default { specs: [] };\n");
    const started = Date.now();
    const r = runCli(["lint", "--config", "timer.config.mjs", "--format", "json", "api.yaml"], dir);
    expect([r.status, JSON.parse(r.stdout).files]).toEqual([0, ["api.yaml"]]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("a reader that closes the pipe early (| head) drops the rest of the output: the command's own exit code, no stack trace", async () => {
    // more than a pipe holds (64 KiB), so writing meets the closed end
    const paths = Array.from({ length: 3000 }, (_, i) => `  /pets${i}:\n    get:\n      operationId: getPets${i}\n      responses: { "200": { description: the pets of page ${i} } }\n`).join("");
    write("big.yaml", `openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n${paths}`);
    const child = spawn(process.execPath, [CLI, "bundle", "big.yaml"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect([code, stderr]).toEqual([0, ""]);
  });
});
