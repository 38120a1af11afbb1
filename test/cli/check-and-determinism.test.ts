import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

describe("generate --check", () => {
  it("exits 0 when the output is current, 1 with the list of files otherwise, and writes nothing", () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, "specs/onefi.yaml"), path.join(dir, "onefi.yaml"));
    expect(runCli(["generate", "onefi.yaml", "--out", "pkg", "--name", "onefi"], dir).status).toBe(0);
    const clean = runCli(["generate", "onefi.yaml", "--out", "pkg", "--name", "onefi", "--check"], dir);
    expect([clean.status, clean.stdout]).toEqual([0, ""]);

    writeFileSync(path.join(dir, "pkg/src/types.ts"), "edited\n");
    rmSync(path.join(dir, "pkg/README.md"));
    const spec = readFileSync(path.join(dir, "onefi.yaml"), "utf8");
    const drift = runCli(["generate", "onefi.yaml", "--out", "pkg", "--name", "onefi", "--check"], dir);
    expect(drift.status).toBe(1);
    expect(drift.stdout.split("\n").filter(Boolean)).toEqual([
      "pkg/src/types.ts: differs",
      "pkg/README.md: missing",
      "1 package(s) out of date: run 'npm run generate' (or 'specforge generate') and commit the result",
    ]);
    expect(readFileSync(path.join(dir, "pkg/src/types.ts"), "utf8")).toBe("edited\n");
    expect(readFileSync(path.join(dir, "onefi.yaml"), "utf8")).toBe(spec);
  });

  it("reports files a previous run made that this run would not (stale)", () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, "specs/onefi.yaml"), path.join(dir, "onefi.yaml"));
    runCli(["generate", "onefi.yaml", "--out", "pkg"], dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, "pkg/.specforge/manifest.json"), "utf8")) as { files: string[] };
    manifest.files.push("src/old.ts");
    writeFileSync(path.join(dir, "pkg/.specforge/manifest.json"), JSON.stringify(manifest));
    writeFileSync(path.join(dir, "pkg/src/old.ts"), "old\n");
    const r = runCli(["generate", "onefi.yaml", "--out", "pkg", "--check"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("pkg/src/old.ts: stale (no longer generated)");
    expect(runCli(["generate", "onefi.yaml", "--out", "pkg"], dir).stdout).toMatch(/1 removed/);
  });
});

describe("determinism", () => {
  const input = path.join(ROOT, "specs/lumyri.yaml");

  it("CRLF line endings in the spec give the same bytes", async () => {
    const dir = tempDir();
    const crlf = path.join(dir, "lumyri.yaml");
    writeFileSync(crlf, readFileSync(input, "utf8").replace(/\n/g, "\r\n"));
    const a = await generate({ input, packageName: "p" });
    const b = await generate({ input: crlf, packageName: "p" });
    expect(b.files).toEqual(a.files);
  });

  it("the same document as JSON or as re-serialized YAML gives the same bytes", async () => {
    const dir = tempDir();
    const value = parse(readFileSync(input, "utf8")) as unknown;
    writeFileSync(path.join(dir, "a.json"), JSON.stringify(value, null, 1));
    writeFileSync(path.join(dir, "b.yaml"), stringify(value, { indent: 4 }));
    const a = await generate({ input, packageName: "p" });
    const b = await generate({ input: path.join(dir, "a.json"), packageName: "p" });
    const c = await generate({ input: path.join(dir, "b.yaml"), packageName: "p" });
    expect(b.files).toEqual(a.files);
    expect(c.files).toEqual(a.files);
  });
});
