/**
 * An output folder this user may not write (a read-only parent, a tree made read-only with `chmod -R a-w`
 * so that nobody edits it by hand): bad input before anything is written, never an internal error halfway.
 * Run as a user whom permissions bind: as root (a container), through setpriv as `nobody`.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, snapshot, tempDir, type CliResult } from "../helpers/project.js";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const setpriv = asRoot && spawnSync("setpriv", ["--version"]).status === 0;

/** The CLI as a user whom the folders' modes bind; as root, `nobody`, owning `dir`. */
function runBound(args: string[], dir: string): CliResult {
  const cli = [process.execPath, CLI, ...args];
  const command = asRoot ? ["setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...cli] : cli;
  const r = spawnSync(command[0]!, command.slice(1), { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `chmod -R` of a folder's folders and files: `write` on or off. */
function chmodTree(dir: string, write: boolean): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(p, write);
    else chmodSync(p, write ? 0o644 : 0o444);
  }
  chmodSync(dir, write ? 0o755 : 0o555);
}

function chownTree(dir: string): void {
  chownSync(dir, NOBODY, NOBODY);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(path.join(dir, entry.name));
    else chownSync(path.join(dir, entry.name), NOBODY, NOBODY);
  }
}

function project(): string {
  const dir = tempDir("specforge-perm-");
  copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
  if (asRoot) chownTree(dir);
  return dir;
}

describe.skipIf(asRoot && !setpriv)("an output folder this user may not write", () => {
  // mkdir of the stage beside it failed: EACCES, exit 70 with a stack
  it("inside a read-only folder: exit 2 naming that folder, nothing written", () => {
    const dir = project();
    const locked = path.join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    if (asRoot) chownSync(locked, NOBODY, NOBODY);
    const r = runBound(["generate", "okra.yaml", "--out", "locked/api", "--targets", "types"], dir);
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe("locked error write/not-writable: is a folder this user may not write: the package locked/api cannot be written (make it and the folders in it writable, or give the package another folder)\n");
    expect(readdirSync(locked)).toEqual([]);
  });

  // the swap moved the read-only tree aside, then could not carry the user's file into the new one nor remove
  // what it had made (exit 70, a `.api.specforge-*` folder left beside the package)
  it("made read-only after a run (chmod -R a-w): exit 2 naming it, the package as it was, no folder left beside it", () => {
    const dir = project();
    const out = path.join(dir, "api");
    expect(runBound(["generate", "okra.yaml", "--out", "api", "--targets", "types"], dir).status).toBe(0);
    writeFileSync(path.join(out, "notes.md"), "mine\n");
    if (asRoot) chownSync(path.join(out, "notes.md"), NOBODY, NOBODY);
    writeFileSync(path.join(dir, "okra.yaml"), readFileSync(path.join(dir, "okra.yaml"), "utf8").replace(/^(\s*version:).*$/m, (_, key: string) => `${key} 9.9.9`));
    chmodTree(out, false);
    const before = snapshot(out);
    const r = runBound(["generate", "okra.yaml", "--out", "api", "--targets", "types"], dir);
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe("api error write/not-writable: is a folder this user may not write: the package api cannot be written (make it and the folders in it writable, or give the package another folder)\n");
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.includes(".specforge-"))).toEqual([]);
    // unchanged, it needs no writing: no refusal
    chmodTree(out, true);
    expect(runBound(["generate", "okra.yaml", "--out", "api", "--targets", "types"], dir).status).toBe(0);
    chmodTree(out, false);
    expect(runBound(["generate", "okra.yaml", "--out", "api", "--targets", "types"], dir)).toMatchObject({ status: 0, stderr: "" });
    chmodTree(out, true);
    expect(existsSync(path.join(out, "notes.md"))).toBe(true);
  });
});
