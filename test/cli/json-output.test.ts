/** `generate --json`: the result as data on stdout, nothing else there. */
import { copyFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

describe("generate --json", () => {
  it("lists written files, then drift under --check", () => {
    const dir = tempDir("specforge-json-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const first = runCli(["generate", "okra.yaml", "--out", "pkg", "--targets", "types", "--json"], dir);
    expect(first.status).toBe(0);
    const written = JSON.parse(first.stdout) as { packages: Array<{ output: string; written: string[]; unchanged: number; timings: Record<string, number> }> };
    expect(written.packages).toHaveLength(1);
    expect(written.packages[0]!.written).toContain("src/types.ts");
    expect(written.packages[0]!.unchanged).toBe(0);
    expect(Object.keys(written.packages[0]!.timings)).toEqual(["load", "bundle", "normalize", "check", "ir", "emit", "format"]);

    const check = runCli(["generate", "okra.yaml", "--out", "pkg", "--targets", "types,client", "--check", "--json"], dir);
    expect(check.status).toBe(1);
    const drift = JSON.parse(check.stdout) as { packages: Array<{ upToDate: boolean; missing: string[] }> };
    expect(drift.packages[0]!.upToDate).toBe(false);
    expect(drift.packages[0]!.missing).toContain("src/client.ts");
  });
});
