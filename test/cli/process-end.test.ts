/**
 * How the CLI's process ends: only once the command has settled. A command that stops before (what it
 * awaited can never settle, so Node ends the process with nothing left to run) is exit 70 with a line saying
 * so, not a silent exit 0; one that has finished does not wait on what it left running.
 */
import { describe, expect, it } from "vitest";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

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
});
