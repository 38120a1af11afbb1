/**
 * What `specforge lint` loads: a JSON spec needs no YAML parser (generator/load/yaml-lib.ts loads the
 * `yaml` package on first use), a YAML spec does. Seen from a preload that lists the CommonJS modules
 * loaded by the end of the run (an ESM import of a CommonJS package lands there too).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-startup-");
const probe = path.join(dir, "probe.cjs");
writeFileSync(probe, `process.on("exit", () => process.stderr.write(Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(k)) ? "yaml loaded\\n" : "no yaml\\n"));\n`);
const SPEC = { openapi: "3.1.0", info: { title: "x", version: "1" }, paths: {} };

function lint(file: string): string {
  const r = spawnSync(process.execPath, ["--require", probe, CLI, "lint", file, "--format", "json"], { cwd: dir, encoding: "utf8" });
  expect(r.status, r.stderr).toBeLessThanOrEqual(1);
  return r.stderr.trim().split("\n").pop()!;
}

describe("lint start-up", () => {
  it("loads no YAML parser for a JSON spec, and one for a YAML spec", () => {
    writeFileSync(path.join(dir, "api.json"), JSON.stringify(SPEC));
    writeFileSync(path.join(dir, "api.yaml"), "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\n");
    expect(lint(path.join(dir, "api.json"))).toBe("no yaml");
    expect(lint(path.join(dir, "api.yaml"))).toBe("yaml loaded");
  });
});
