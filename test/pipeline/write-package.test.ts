import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { MANIFEST, withManifest, writePackage } from "../../generator/write/write-package.js";
import { tempDir } from "../helpers/project.js";

const files = (entries: Record<string, string>) => withManifest(Object.entries(entries).map(([p, contents]) => ({ path: p, contents })));

describe("writePackage", () => {
  it("creates the folder with every file and a manifest", () => {
    const out = path.join(tempDir(), "pkg");
    const diff = writePackage(out, files({ "a.txt": "A", "src/b.ts": "B" }));
    expect(diff.added.sort()).toEqual([MANIFEST, "a.txt", "src/b.ts"].sort());
    expect(readFileSync(path.join(out, "src/b.ts"), "utf8")).toBe("B");
    expect(JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")).files).toEqual([MANIFEST, "a.txt", "src/b.ts"].sort());
  });

  it("writes nothing when nothing changed (inodes and mtimes stay)", () => {
    const out = path.join(tempDir(), "pkg");
    writePackage(out, files({ "a.txt": "A" }));
    const before = statSync(path.join(out, "a.txt"));
    const diff = writePackage(out, files({ "a.txt": "A" }));
    expect(diff.added.length + diff.changed.length + diff.removed.length).toBe(0);
    const after = statSync(path.join(out, "a.txt"));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it("rewrites changed files only, drops files it no longer makes, keeps the user's files", () => {
    const out = path.join(tempDir(), "pkg");
    writePackage(out, files({ "keep.txt": "K", "change.txt": "1", "src/gone.ts": "G" }));
    mkdirSync(path.join(out, "node_modules/dep"), { recursive: true });
    writeFileSync(path.join(out, "node_modules/dep/index.js"), "dep");
    writeFileSync(path.join(out, "src/mine.ts"), "user code");
    const kept = statSync(path.join(out, "keep.txt"));

    const diff = writePackage(out, files({ "keep.txt": "K", "change.txt": "2" }));
    expect({ ...diff, changed: [...diff.changed].sort() }).toMatchObject({ changed: [MANIFEST, "change.txt"].sort(), removed: ["src/gone.ts"], added: [] });
    expect(readFileSync(path.join(out, "change.txt"), "utf8")).toBe("2");
    expect(existsSync(path.join(out, "src/gone.ts"))).toBe(false);
    expect(readFileSync(path.join(out, "src/mine.ts"), "utf8")).toBe("user code");
    expect(readFileSync(path.join(out, "node_modules/dep/index.js"), "utf8")).toBe("dep");
    expect(statSync(path.join(out, "keep.txt")).ino).toBe(kept.ino);
  });

  it("a write that fails part-way leaves the old output and no temporary folder", () => {
    const parent = tempDir();
    const out = path.join(parent, "pkg");
    writePackage(out, files({ "a.txt": "old" }));
    writeFileSync(path.join(out, "user.txt"), "mine");
    // "x" as a file and "x/y" below it cannot both exist: staging fails after writing some files.
    expect(() => writePackage(out, files({ "a.txt": "new", x: "file", "x/y": "child" }))).toThrow();
    expect(readFileSync(path.join(out, "a.txt"), "utf8")).toBe("old");
    expect(readFileSync(path.join(out, "user.txt"), "utf8")).toBe("mine");
    expect(readdirSync(parent)).toEqual(["pkg"]);
  });

  it("ignores manifest entries that point outside the package", () => {
    const parent = tempDir();
    const out = path.join(parent, "pkg");
    writeFileSync(path.join(parent, "victim.txt"), "keep me");
    mkdirSync(path.join(out, ".specforge"), { recursive: true });
    writeFileSync(path.join(out, MANIFEST), JSON.stringify({ files: ["../victim.txt", "/etc/passwd"] }));
    writePackage(out, files({ "a.txt": "A" }));
    expect(readFileSync(path.join(parent, "victim.txt"), "utf8")).toBe("keep me");
  });

  it("refuses to replace a file it did not make, before writing anything; one with the same text is taken as it is", () => {
    const out = tempDir();
    writeFileSync(path.join(out, "package.json"), '{"name":"mine"}');
    writeFileSync(path.join(out, "README.md"), "same");
    let thrown: unknown;
    try {
      writePackage(out, files({ "package.json": '{"name":"generated"}', "README.md": "same", "src/a.ts": "A" }));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SpecforgeError);
    expect((thrown as SpecforgeError).diagnostics.map((d) => [d.code, d.location?.file])).toEqual([["write/not-ours", path.join(out, "package.json")]]);
    expect(readFileSync(path.join(out, "package.json"), "utf8")).toBe('{"name":"mine"}');
    expect(readdirSync(out).sort()).toEqual(["README.md", "package.json"]);
    // once the user's file is out of the way, the same text is adopted and listed as ours
    writePackage(out, files({ "README.md": "same", "src/a.ts": "A" }));
    expect(JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")).files).toEqual([MANIFEST, "README.md", "src/a.ts"]);
  });

  it("writes through a symlinked output folder, which stays a link, with the user's files where they were", () => {
    const parent = tempDir();
    mkdirSync(path.join(parent, "real"));
    writeFileSync(path.join(parent, "real/notes.txt"), "mine");
    symlinkSync(path.join(parent, "real"), path.join(parent, "linked"));
    writePackage(path.join(parent, "linked"), files({ "a.txt": "A" }));
    writePackage(path.join(parent, "linked"), files({ "a.txt": "B" }));
    expect(lstatSync(path.join(parent, "linked")).isSymbolicLink()).toBe(true);
    expect(readdirSync(path.join(parent, "real")).sort()).toEqual([".specforge", "a.txt", "notes.txt"]);
    expect(readFileSync(path.join(parent, "real/a.txt"), "utf8")).toBe("B");
    expect(readdirSync(parent).sort()).toEqual(["linked", "real"]);
  });

  it("makes the folder with the umask's mode, and keeps the mode of the folder it replaces", () => {
    const parent = tempDir();
    const out = path.join(parent, "pkg");
    writePackage(out, files({ "a.txt": "A" }));
    mkdirSync(path.join(parent, "plain"));
    expect(statSync(out).mode & 0o777).toBe(statSync(path.join(parent, "plain")).mode & 0o777);
    chmodSync(out, 0o750);
    writePackage(out, files({ "a.txt": "B" }));
    expect(statSync(out).mode & 0o777).toBe(0o750);
  });
});
