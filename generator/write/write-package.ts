/**
 * Write stage, the only code that touches the output folder.
 *
 * The whole new package is assembled in a temporary folder beside the target and swapped into place,
 * so a run that fails leaves the old output as it was (peers `rm -rf` first and lose it). Unchanged
 * files are hard-linked into the new folder (same inode, same mtime: watchers and build caches see no
 * change); when nothing changed nothing is written at all. Files the previous run made (listed in
 * `.specforge/manifest.json`) and this run does not are dropped; everything else in the folder
 * (`node_modules/`, `dist/`, a user's own files) is carried over untouched.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from "node:fs";
import path from "node:path";

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

export function diffPackage(outDir: string, files: OutputFile[]): PackageDiff {
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

/** Writes `files` (manifest included) as the new content of `outDir`. */
export function writePackage(outDir: string, files: OutputFile[]): PackageDiff {
  const diff = diffPackage(outDir, files);
  if (isUnchanged(diff)) return diff;
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  const stage = mkdtempSync(path.join(parent, `.${path.basename(outDir)}.specforge-`));
  const carried: string[] = [];
  const backup = `${stage}.old`;
  try {
    const unchanged = new Set(diff.unchanged);
    for (const f of files) {
      const target = path.join(stage, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      if (unchanged.has(f.path)) linkOrCopy(path.join(outDir, f.path), target);
      else writeFileSync(target, f.contents);
    }
    if (existsSync(outDir)) {
      const owned = new Set([...previousFiles(outDir), ...files.map((f) => f.path)]);
      carryOver(outDir, stage, "", owned, carried);
      renameSync(outDir, backup);
      renameSync(stage, outDir);
      rmSync(backup, { recursive: true, force: true });
    } else {
      renameSync(stage, outDir);
    }
  } catch (e) {
    // Put back what was carried over before dropping the stage: the user's files must survive.
    if (!existsSync(outDir) && existsSync(backup)) renameSync(backup, outDir);
    for (const rel of carried) {
      if (existsSync(path.join(stage, rel))) renameSync(path.join(stage, rel), path.join(outDir, rel));
    }
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
  return diff;
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
