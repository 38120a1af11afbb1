/**
 * Write stage, the only code that touches the output folder.
 *
 * The whole new package is assembled in a temporary folder beside the target and swapped into place,
 * so a run that fails leaves the old output as it was (peers `rm -rf` first and lose it). Unchanged
 * files are hard-linked into the new folder (same inode, same mtime: watchers and build caches see no
 * change); when nothing changed nothing is written at all. Files the previous run made (listed in
 * `.specforge/manifest.json`) and this run does not are dropped; everything else in the folder
 * (`node_modules/`, `dist/`, a user's own files) is carried over untouched, and a file of the user's that
 * this run would replace is refused before anything is written (but a `.gitignore` of theirs is kept in
 * place of ours). A folder that cannot be moved (the
 * working directory, a mount point) is written file by file instead.
 */
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { writeFileWhole } from "./write-file.js";

export const MANIFEST = ".specforge/manifest.json";

export interface OutputFile {
  path: string;
  contents: string;
}

export interface PackageDiff {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** Adds the manifest that lists every file this run makes. */
export function withManifest(files: OutputFile[]): OutputFile[] {
  const list = [...files.map((f) => f.path), MANIFEST].sort();
  return [...files, { path: MANIFEST, contents: `${JSON.stringify({ generator: "specforge", files: list }, null, 2)}\n` }];
}

/**
 * Files of a package that a folder may hold of the user's own: where one is there that no run of ours made
 * (a `.gitignore` written by hand before specforge made one), it is kept and ours is not made, nor listed.
 */
const USERS_MAY_OWN = [".gitignore"];

/** `files` less those the user has of their own in `outDir` (see USERS_MAY_OWN), the manifest to match. */
function yieldingToUser(outDir: string, files: OutputFile[]): OutputFile[] {
  const ours = new Set(previousFiles(outDir));
  const theirs = USERS_MAY_OWN.filter((f) => !ours.has(f) && files.some((x) => x.path === f) && isThere(path.join(outDir, f)));
  if (theirs.length === 0) return files;
  return withManifest(files.filter((f) => f.path !== MANIFEST && !theirs.includes(f.path)));
}

/** Whether anything is at `file` (a dangling link too); not where the folder is a file (ENOTDIR). */
function isThere(file: string): boolean {
  try {
    return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function previousFiles(outDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(outDir, MANIFEST), "utf8")) as { files?: unknown };
    return Array.isArray(manifest.files) ? manifest.files.filter((f): f is string => typeof f === "string" && isSafeRelative(f)) : [];
  } catch {
    return [];
  }
}

function isSafeRelative(p: string): boolean {
  return !path.isAbsolute(p) && !p.split(/[\\/]/).includes("..");
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function diffPackage(outDir: string, all: OutputFile[]): PackageDiff {
  const files = yieldingToUser(outDir, all);
  const diff: PackageDiff = { added: [], changed: [], removed: [], unchanged: [] };
  const next = new Set(files.map((f) => f.path));
  for (const f of files) {
    const old = readIfExists(path.join(outDir, f.path));
    if (old === undefined) diff.added.push(f.path);
    else if (old === f.contents) diff.unchanged.push(f.path);
    else diff.changed.push(f.path);
  }
  for (const old of previousFiles(outDir)) {
    if (!next.has(old) && existsSync(path.join(outDir, old))) diff.removed.push(old);
  }
  return diff;
}

export function isUnchanged(diff: PackageDiff): boolean {
  return diff.added.length + diff.changed.length + diff.removed.length === 0;
}

/**
 * The files this run would write over that no run of ours made (none when the manifest lists them all):
 * a user's own `package.json` or `README.md` in the output folder (`output: "."` in a package's root).
 */
export function foreignFiles(outDir: string, diff: PackageDiff): string[] {
  // the manifest is ours wherever it is: `.specforge/` is our folder
  const ours = new Set([...previousFiles(outDir), MANIFEST]);
  return diff.changed.filter((f) => !ours.has(f));
}

/**
 * Refuses, before anything is written, an output folder that is a file (or inside one), and one holding
 * files of the user's that this run would replace.
 */
export function checkWritable(outDir: string, all: OutputFile[], display: (file: string) => string = (f) => f, diff = diffPackage(outDir, all)): Diagnostic[] {
  const notFolder = notAFolder(outDir, display);
  if (notFolder) return [notFolder];
  const files = yieldingToUser(outDir, all);
  const help = "generate into a folder of its own (a new or empty one), or move the file away";
  return [
    ...lockedFolders(outDir, files, diff).map((folder) => error("write/not-writable", `is a folder this user may not write: the package ${display(outDir)} cannot be written`, { file: display(folder) }, "make it and the folders in it writable, or give the package another folder")),
    ...foreignFiles(outDir, diff).map((f) => error("write/not-ours", `exists, and specforge did not make it (${MANIFEST} does not list it): generating would replace it`, { file: display(path.join(outDir, f)) }, help)),
    ...inTheWay(outDir, files).map(({ rel, folder }) =>
      error("write/not-ours", folder ? "is a folder where the package has a file, and holds files specforge did not make: generating would remove them" : `is a file where the package has a folder, and specforge did not make it (${MANIFEST} does not list it): generating would remove it`, { file: display(path.join(outDir, rel)) }, folder ? "generate into a folder of its own (a new or empty one), or move the folder away" : help),
    ),
  ];
}

/**
 * The folders a write of the package must change that this user may not write (a read-only tree, made so
 * that nobody edits it by hand, or its parent): the folder the new package is made beside, and each folder
 * of the old package that holds a file of ours, which the write replaces or removes. None when nothing
 * changes. The swap failed halfway at them (exit 70, a stage folder left beside the package).
 */
function lockedFolders(outDir: string, files: OutputFile[], diff: PackageDiff): string[] {
  if (isUnchanged(diff)) return [];
  const target = existsSync(outDir) ? realpathSync(outDir) : path.resolve(outDir);
  const folders = new Set<string>();
  // written in place (the working directory) needs no folder beside it
  if (!holds(target, process.cwd())) {
    let parent = path.dirname(target);
    while (!existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    folders.add(parent);
  }
  if (existsSync(target)) {
    for (const rel of [...previousFiles(target), ...files.map((f) => f.path)]) {
      const parts = rel.split("/").slice(0, -1);
      for (let i = 0; i <= parts.length; i++) {
        const folder = path.join(target, ...parts.slice(0, i));
        if (folders.has(folder)) continue;
        if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) break;
        folders.add(folder);
      }
    }
  }
  const locked = [...folders].filter((folder) => {
    try {
      accessSync(folder, constants.W_OK);
      return false;
    } catch {
      return true;
    }
  });
  // one line for a read-only tree: its outermost folder
  return locked.filter((folder) => !locked.some((other) => other !== folder && holds(other, folder)));
}

/**
 * An output folder that is a file, or inside one: the swap would move the file away and fail at reading it
 * as a folder, and `--check` would list every file as missing (exit 1, as if generating would mend it).
 */
export function notAFolder(outDir: string, display: (file: string) => string = (f) => f): Diagnostic | undefined {
  const file = fileOnTheWay(path.resolve(outDir));
  if (file) return error("write/not-a-folder", `is a file, not a folder: the package folder ${display(outDir)} cannot be made there`, { file: display(file) }, "give the package a folder of its own: --out, or `output` in the config");
  return undefined;
}

/**
 * What of the user's stands where this run puts a file or a folder, which the swap would drop (a file where
 * `src/` goes) or fail on (a folder where `README.md` goes): a folder holding only what a run of ours made is
 * ours (a file of ours since split into a folder's files, or the reverse).
 */
function inTheWay(outDir: string, files: OutputFile[]): Array<{ rel: string; folder: boolean }> {
  const ours = new Set([...previousFiles(outDir), MANIFEST]);
  const found = new Map<string, boolean>();
  for (const f of files) {
    const parts = f.path.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join("/");
      const stat = statSync(path.join(outDir, rel), { throwIfNoEntry: false });
      if (!stat) break;
      const isFile = i === parts.length;
      if (isFile && stat.isDirectory() && holdsOtherThan(outDir, rel, ours)) found.set(rel, true);
      if (isFile || stat.isDirectory()) continue;
      if (!ours.has(rel)) found.set(rel, false);
      break;
    }
  }
  return [...found].map(([rel, folder]) => ({ rel, folder }));
}

function holdsOtherThan(outDir: string, rel: string, ours: Set<string>): boolean {
  return readdirSync(path.join(outDir, rel), { withFileTypes: true }).some((e) => {
    const inner = `${rel}/${e.name}`;
    // the entry itself, not where a link leads (a dangling link, or one back up the tree, is not ours either)
    return e.isDirectory() ? holdsOtherThan(outDir, inner, ours) : !ours.has(inner);
  });
}

/** Writes `files` (manifest included) as the new content of `outDir`. */
export function writePackage(outDir: string, all: OutputFile[]): PackageDiff {
  const files = yieldingToUser(outDir, all);
  const diff = diffPackage(outDir, files);
  if (isUnchanged(diff)) return diff;
  const refused = checkWritable(outDir, files, undefined, diff);
  if (refused.length > 0) throw new SpecforgeError(refused);
  // a symlinked output folder: the folder it points to is written, the link stays
  const target = existsSync(outDir) ? realpathSync(outDir) : path.resolve(outDir);
  // the folder we run in (or one holding it) cannot be swapped away under us: written file by file
  if (holds(target, process.cwd())) return writeInPlace(target, files, diff);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const stage = path.join(parent, `.${path.basename(target)}.specforge-${randomBytes(6).toString("hex")}`);
  // made with the umask, as the folder it replaces was (mkdtemp's folders are 0700)
  mkdirSync(stage);
  const backup = `${stage}.old`;
  try {
    const unchanged = new Set(diff.unchanged);
    for (const f of files) {
      const file = path.join(stage, f.path);
      mkdirSync(path.dirname(file), { recursive: true });
      if (unchanged.has(f.path)) linkOrCopy(path.join(target, f.path), file);
      else writeFileSync(file, f.contents);
    }
    if (!existsSync(target)) {
      renameSync(stage, target);
      return diff;
    }
    chmodSync(stage, statSync(target).mode & 0o7777);
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
  try {
    renameSync(target, backup);
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    // a mount point (a container's bind mount) or a folder another process holds cannot be moved
    if (CANNOT_MOVE.has((e as NodeJS.ErrnoException).code ?? "")) return writeInPlace(target, files, diff);
    throw e;
  }
  const carried: string[] = [];
  try {
    const owned = new Set([...previousFiles(backup), ...files.map((f) => f.path)]);
    carryOver(backup, stage, "", owned, carried);
    renameSync(stage, target);
  } catch (e) {
    // Put back what was carried over before dropping the stage: the user's files must survive.
    for (const rel of carried) if (existsSync(path.join(stage, rel))) renameSync(path.join(stage, rel), path.join(backup, rel));
    if (!existsSync(target)) renameSync(backup, target);
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
  rmSync(backup, { recursive: true, force: true });
  return diff;
}

const CANNOT_MOVE = new Set(["EBUSY", "EPERM", "EXDEV", "EACCES"]);

/** Whether `dir` is `inner` or holds it. */
function holds(dir: string, inner: string): boolean {
  const rel = path.relative(dir, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Where the folder cannot be swapped: each new or changed file written beside itself and renamed over
 * the old one (a file is never half-written), then the files no longer made removed.
 */
function writeInPlace(outDir: string, files: OutputFile[], diff: PackageDiff): PackageDiff {
  const write = new Set([...diff.added, ...diff.changed]);
  // a folder inside that is a link would take the write (or a manifest entry's removal) outside the package
  const linked = [...write, ...diff.removed].flatMap((rel) => {
    const link = linkOnTheWay(outDir, rel);
    return link ? [error("write/through-link", `is a symbolic link, so writing ${rel} in place would write outside the package folder`, { file: path.join(outDir, link) }, "replace the link with a folder, or generate into another folder")] : [];
  });
  if (linked.length > 0) throw new SpecforgeError(linked);
  for (const f of files) {
    if (!write.has(f.path)) continue;
    const file = path.join(outDir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileWhole(file, f.contents);
  }
  for (const f of diff.removed) rmSync(path.join(outDir, f), { force: true });
  return diff;
}

/** `dir` itself or the nearest of its parents that exists, when that is no folder (a link to one is one). */
function fileOnTheWay(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(at)) return statSync(at).isDirectory() ? undefined : at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** The first folder on the way from `outDir` to its file `rel` that is a symbolic link, relative to `outDir`. */
function linkOnTheWay(outDir: string, rel: string): string | undefined {
  const parts = rel.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    try {
      if (lstatSync(path.join(outDir, folder)).isSymbolicLink()) return folder;
    } catch {
      return undefined; // not there yet: made as a folder
    }
  }
  return undefined;
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Moves every entry of `from` that no run of ours made into `to`, keeping whole foreign folders intact. */
function carryOver(fromRoot: string, toRoot: string, rel: string, owned: Set<string>, carried: string[]): void {
  for (const entry of readdirSync(path.join(fromRoot, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const ownsSomethingInside = [...owned].some((o) => o === relPath || o.startsWith(`${relPath}/`));
    if (!ownsSomethingInside) {
      const target = path.join(toRoot, relPath);
      if (existsSync(target)) continue;
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(fromRoot, relPath), target);
      carried.push(relPath);
    } else if (entry.isDirectory() && statSync(path.join(fromRoot, relPath)).isDirectory()) {
      carryOver(fromRoot, toRoot, relPath, owned, carried);
    }
  }
}
