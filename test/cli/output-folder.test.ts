/**
 * Where `specforge generate` writes, through the built CLI: a package generated into the folder the user
 * runs in (`--out .`, `output: "."` in a repo's root), and a folder holding the user's own files.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, tempDir } from "../helpers/project.js";

describe("generate's output folder", () => {
  it("is written in place when it is the working directory, which stays where it is", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const before = statSync(dir).ino;
    const first = runCli(["generate", "okra.yaml", "--out", ".", "--targets", "types", "--name", "okra-ts"], dir);
    expect([first.status, first.stderr]).toEqual([0, ""]);
    expect(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name).toBe("okra-ts");
    // the same folder, not one swapped in: a shell in it is still in it
    expect(statSync(dir).ino).toBe(before);
    // a second run changes what changed and drops what is no longer made, in place
    const second = runCli(["generate", "okra.yaml", "--out", ".", "--targets", "types,validators", "--name", "okra-ts"], dir);
    expect(second.status).toBe(0);
    expect(existsSync(path.join(dir, "src/validators.js"))).toBe(true);
    const third = runCli(["generate", "okra.yaml", "--out", ".", "--targets", "types", "--name", "okra-ts"], dir);
    expect(third.stdout).toMatch(/ removed/);
    expect(existsSync(path.join(dir, "src/validators.js"))).toBe(false);
    expect(statSync(dir).ino).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes(".specforge-"))).toEqual([]);
    expect(existsSync(path.join(dir, "okra.yaml"))).toBe(true);
  });

  it("holding a user's package.json: refused for every package before any is written, exit 2", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const mine = '{ "name": "mine", "scripts": { "start": "node server.js" } }\n';
    writeFileSync(path.join(dir, "package.json"), mine);
    writeFileSync(
      path.join(dir, "specforge.config.json"),
      JSON.stringify({ specs: [{ input: "okra.yaml", output: "out/first", packageName: "first", targets: ["types"] }, { input: "okra.yaml", output: ".", packageName: "second", targets: ["types"] }] }),
    );
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^package\.json error write\/not-ours: exists, and specforge did not make it .*\(generate into a folder of its own/);
    expect(lines.every((l) => l.includes("write/not-ours"))).toBe(true);
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe(mine);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
    expect(existsSync(path.join(dir, "src"))).toBe(false);
  });

  // a file where src/ goes was dropped with the old folder, without a word; a folder where README.md goes failed at
  // carrying over what it holds (EEXIST, exit 70)
  it("holding a file of the user's where a folder of the package goes, or a folder where a file goes: refused, both kept, exit 2", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    expect(runCli(["generate", "okra.yaml", "--out", "out", "--targets", "types"], dir).status).toBe(0);
    rmSync(path.join(dir, "out/src"), { recursive: true });
    writeFileSync(path.join(dir, "out/src"), "mine\n");
    rmSync(path.join(dir, "out/README.md"));
    mkdirSync(path.join(dir, "out/README.md"));
    writeFileSync(path.join(dir, "out/README.md/notes.txt"), "mine too\n");
    const r = runCli(["generate", "okra.yaml", "--out", "out", "--targets", "types"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "out/README.md error write/not-ours: is a folder where the package has a file, and holds files specforge did not make: generating would remove them (generate into a folder of its own (a new or empty one), or move the folder away)",
      "out/src error write/not-ours: is a file where the package has a folder, and specforge did not make it (.specforge/manifest.json does not list it): generating would remove it (generate into a folder of its own (a new or empty one), or move the file away)",
    ]);
    expect(readFileSync(path.join(dir, "out/src"), "utf8")).toBe("mine\n");
    expect(readFileSync(path.join(dir, "out/README.md/notes.txt"), "utf8")).toBe("mine too\n");
    // a folder holding only what a run of ours made is ours: a file of the package where it stood is written
    rmSync(path.join(dir, "out/src"));
    rmSync(path.join(dir, "out/README.md"), { recursive: true });
    mkdirSync(path.join(dir, "out/src/index.ts"), { recursive: true });
    expect(runCli(["generate", "okra.yaml", "--out", "out", "--targets", "types"], dir).status).toBe(0);
    expect(statSync(path.join(dir, "out/src/index.ts")).isFile()).toBe(true);
  });

  // statSync followed the links: ENOENT on a dangling one, ELOOP on one back up the tree (exit 70)
  it("a folder where a file goes holding links (dangling, or back up the tree) is not ours: refused, exit 2", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    expect(runCli(["generate", "okra.yaml", "--out", "out", "--targets", "types"], dir).status).toBe(0);
    rmSync(path.join(dir, "out/README.md"));
    mkdirSync(path.join(dir, "out/README.md"));
    symlinkSync(path.join(dir, "nowhere"), path.join(dir, "out/README.md/dangling"));
    symlinkSync("..", path.join(dir, "out/README.md/up"));
    const r = runCli(["generate", "okra.yaml", "--out", "out", "--targets", "types"], dir);
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/^out\/README\.md error write\/not-ours: is a folder where the package has a file/)]);
    expect(readdirSync(path.join(dir, "out/README.md")).sort()).toEqual(["dangling", "up"]);
  });

  // the swap moved the file aside and read it as a folder (ENOTDIR), a folder inside it failed at mkdir (EEXIST): exit 70
  it("that is a file, or inside one: refused for every package before any is written, the file kept, exit 2", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    for (const out of ["notes.txt", "notes.txt/api"]) {
      const r = runCli(["generate", "okra.yaml", "--out", out, "--targets", "types"], dir);
      expect([r.status, r.stderr]).toEqual([2, `notes.txt error write/not-a-folder: is a file, not a folder: the package folder ${out} cannot be made there (give the package a folder of its own: --out, or \`output\` in the config)\n`]);
      // --check listed every file as missing (exit 1), as if generating would mend it
      const check = runCli(["generate", "okra.yaml", "--out", out, "--targets", "types", "--check"], dir);
      expect([check.status, check.stdout, check.stderr]).toEqual([2, "", r.stderr]);
    }
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "first", targets: ["types"] }, { input: "okra.yaml", output: "notes.txt", packageName: "second", targets: ["types"] }] }));
    const r = runCli(["generate"], dir);
    expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(/^notes\.txt error write\/not-a-folder: .*\n$/)]);
    expect(readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine\n");
    expect(readdirSync(dir).sort()).toEqual(["notes.txt", "okra.yaml", "specforge.config.json"]);
  });

  // the signal ended the process between renaming the old folder aside and the new one into place: the
  // package folder was gone, its old and new contents left beside it as .api.specforge-*(.old)
  it.each(["SIGINT", "SIGTERM"] as const)("%s sent while it is swapped into place: ends the process after the write, the folder whole, nothing left beside it", (signal) => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const args = ["generate", "okra.yaml", "--out", "api", "--targets", "types"];
    expect(runCli(args, dir).status).toBe(0);
    writeFileSync(path.join(dir, "api/notes.md"), "mine\n");
    writeFileSync(path.join(dir, "okra.yaml"), readFileSync(path.join(dir, "okra.yaml"), "utf8").replace(/^(\s*version:).*$/m, (_, key: string) => `${key} 9.9.9`));
    // Ctrl-C at the worst moment: just after the old folder is renamed aside
    writeFileSync(
      path.join(dir, "signal.cjs"),
      `const fs = require("node:fs");
const rename = fs.renameSync;
fs.renameSync = (from, to) => { rename(from, to); if (String(to).endsWith(".old")) process.kill(process.pid, ${JSON.stringify(signal)}); };
require("node:module").syncBuiltinESMExports();
`,
    );
    const r = spawnSync(process.execPath, ["--require", "./signal.cjs", CLI, ...args], { cwd: dir, encoding: "utf8" });
    expect([r.signal, r.stderr]).toEqual([signal, ""]);
    expect(JSON.parse(readFileSync(path.join(dir, "api/package.json"), "utf8")).version).toBe("9.9.9");
    expect(readFileSync(path.join(dir, "api/notes.md"), "utf8")).toBe("mine\n");
    expect(readdirSync(dir).sort()).toEqual(["api", "okra.yaml", "signal.cjs"]);
    expect(runCli([...args, "--check"], dir).status).toBe(0);
  });

  // the second package was written over the first, without a word: each run flip-flopped, --check never passed
  it("named by two specs of a config (however written): refused at the second's output, nothing written, exit 2", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const spec = (output: string, packageName: string) => ({ input: "okra.yaml", output, packageName, targets: ["types"] });
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [spec("out/api", "first"), spec("out/other", "other"), spec("./out/x/../api/", "second")] }, null, 2));
    const r = runCli(["generate"], dir);
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe("specforge.config.json:21:7 (#/specs/2/output) error config/invalid: './out/x/../api/' is the output of specs/0 too: one package would be written over the other (give each spec a folder of its own)\n");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("written in place, refuses a folder inside that is a link to elsewhere, before writing anything", () => {
    const root = tempDir("specforge-out-");
    const dir = path.join(root, "pkg");
    mkdirSync(path.join(root, "elsewhere"));
    mkdirSync(dir);
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    symlinkSync(path.join(root, "elsewhere"), path.join(dir, "src"));
    const r = runCli(["generate", "okra.yaml", "--out", ".", "--targets", "types", "--name", "okra-ts"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")[0]).toMatch(/src error write\/through-link: is a symbolic link, so writing src\/\S+ in place would write outside the package folder \(replace the link/);
    expect(readdirSync(path.join(root, "elsewhere"))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(["okra.yaml", "src"]);
  });

  // the package had no .gitignore: after its own `npm run build` and `npm pack`, `git add .` took dist/ and the tarball
  it("has a .gitignore for what its build and npm pack leave; a .gitignore of the user's is kept in its place", () => {
    const dir = tempDir("specforge-out-");
    copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
    const generate = (targets: string, ...more: string[]) => runCli(["generate", "okra.yaml", "--out", "api", "--targets", targets, "--name", "okra-ts", ...more], dir);
    expect(generate("types").status).toBe(0);
    mkdirSync(path.join(dir, "api/dist"));
    writeFileSync(path.join(dir, "api/dist/index.js"), "export {};\n");
    writeFileSync(path.join(dir, "api/okra-ts-1.0.0.tgz"), "");
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    expect(git("init", "-q").status).toBe(0);
    const untracked = git("status", "--porcelain", "--untracked-files=all", "api").stdout.split("\n").filter(Boolean).map((l) => l.slice(3));
    expect(untracked).toContain("api/.gitignore");
    expect(untracked).toContain("api/src/schema.ts");
    expect(untracked.filter((f) => f.startsWith("api/dist/") || f.endsWith(".tgz"))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(dir, "api/.specforge/manifest.json"), "utf8")).files).toContain(".gitignore");

    // one written by hand in a package of an earlier version (none in its manifest): kept, not refused, and --check agrees
    const mine = "dist\n*.tgz\n.env\n";
    writeFileSync(path.join(dir, "api/.gitignore"), mine);
    const manifest = path.join(dir, "api/.specforge/manifest.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('    ".gitignore",\n', ""));
    const again = generate("types,validators");
    expect([again.status, again.stderr]).toEqual([0, ""]);
    expect(readFileSync(path.join(dir, "api/.gitignore"), "utf8")).toBe(mine);
    expect(JSON.parse(readFileSync(manifest, "utf8")).files).not.toContain(".gitignore");
    expect(generate("types,validators", "--check").status).toBe(0);
  });
});
