/**
 * The generated package's own `npm run build`, as its author runs it between generations: a target left
 * out of the config since the last build must leave nothing in dist/ for `npm pack` to publish.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { npm } from "../helpers/packed.js";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

function generate(dir: string, targets: string[]): void {
  writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "pkg", packageName: "okra-pkg", targets }] }));
  const r = runCli(["generate", "--quiet"], dir);
  expect(r.status, r.stderr).toBe(0);
}

describe("the generated package's build script", () => {
  it("starts from an empty dist/: after cutting targets, npm pack ships only what the exports map names", () => {
    const dir = tempDir("specforge-build-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const pkg = path.join(dir, "pkg");
    generate(dir, ["types", "client", "validators", "server"]);
    npm(["run", "build"], pkg);
    expect(existsSync(path.join(pkg, "dist/server-runtime"))).toBe(true);

    generate(dir, ["types", "client"]);
    const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json"], pkg)) as Array<{ files: Array<{ path: string }> }>;
    const shipped = packed!.files.map((f) => f.path).filter((f) => f.startsWith("dist/"));
    expect(shipped.filter((f) => /server|validators/.test(f))).toEqual([]);
    // everything the exports map names is there
    const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8")) as { exports: Record<string, { types: string; default: string }> };
    for (const entry of Object.values(manifest.exports)) {
      expect(shipped).toContain(entry.default.slice(2));
      expect(shipped).toContain(entry.types.slice(2));
    }
  }, 120_000);
});
