/**
 * specforge as another repository uses it: packed with `npm pack`, installed from the tarball into a
 * fresh project outside this repository (nothing from our node_modules is reachable from there, and the
 * child processes get a clean environment), then `specforge init`, `npm run generate` with the
 * TypeScript config init wrote, and a type-check of the generated package with the installed compiler.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/project.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
// Only what npm itself needs: no npm_* variables of the `npm test` that runs us, no NODE_PATH.
const CLEAN_ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" };

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: CLEAN_ENV });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("the packed toolkit in a fresh project", () => {
  it("installs from its tarball, inits, generates from specforge.config.ts and type-checks", () => {
    const dir = tempDir("specforge-packed-");
    // dist is built by `npm test` before vitest runs; packing must not rebuild it under running tests
    const tarball = execFileSync(NPM, ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env } })
      .trim()
      .split("\n")
      .pop()!;
    const files = execFileSync("tar", ["tzf", path.join(dir, tarball)], { encoding: "utf8" }).split("\n");
    expect(files).toContain("package/generator/dist/cli/main.js");
    expect(files).toContain("package/templates/init/specforge.config.ts.hbs");
    expect(files.some((f) => f.startsWith("package/test/") || f.endsWith(".tsbuildinfo"))).toBe(false);

    const app = path.join(dir, "app");
    execFileSync("mkdir", [app]);
    writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
    const install = run(NPM, ["install", path.join(dir, tarball), "--no-audit", "--no-fund"], app);
    expect(install.status, install.out).toBe(0);

    const help = run(NPX, ["specforge", "--help"], app);
    expect(help.status, help.out).toBe(0);
    expect(help.out).toContain("specforge init");

    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(app, "openapi.yaml"));
    const init = run(NPX, ["specforge", "init", "--spec", "openapi.yaml", "--out", "generated/okra", "--name", "okra-client"], app);
    expect(init.status, init.out).toBe(0);
    expect(JSON.parse(readFileSync(path.join(app, "package.json"), "utf8")).scripts.generate).toBe("specforge generate");
    expect(readFileSync(path.join(app, "specforge.config.ts"), "utf8")).toContain('import { defineConfig } from "specforge";');

    const generate = run(NPM, ["run", "--silent", "generate"], app);
    expect(generate.status, generate.out).toBe(0);
    expect(generate.out).toContain("generated/okra:");
    const pkg = JSON.parse(readFileSync(path.join(app, "generated/okra/package.json"), "utf8"));
    expect(pkg.name).toBe("okra-client");
    expect(existsSync(path.join(app, "generated/okra/src/client.ts"))).toBe(true);
    // no temporary module left beside the config
    expect(execFileSync("ls", ["-a", app], { encoding: "utf8" })).not.toContain(".specforge-tmp");

    const tsc = run(NPX, ["tsc", "-p", "generated/okra/tsconfig.json", "--noEmit"], app);
    expect(tsc.status, tsc.out).toBe(0);
  }, 240_000);
});
