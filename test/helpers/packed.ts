/**
 * A generated package as npm publishes it, without the network: `npm pack` in a copy of generated/<api>
 * (its prepack builds dist/ with the tsc of our node_modules), the tarball unpacked into a consumer's
 * node_modules as `npm install <tarball>` would place it (the package has no dependencies).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./project.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
// tsc from our node_modules, as a generated package's own devDependency would give it
const ENV = { PATH: `${path.join(ROOT, "node_modules/.bin")}${path.delimiter}${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "", NO_COLOR: "1" };

export interface PackedPackage {
  /** The package's name from its package.json. */
  name: string;
  /** The package folder inside `<app>/node_modules`. */
  installed: string;
  /** The tarball's files, relative to the package root (`dist/client.js`, ...). */
  files: string[];
  manifest: { exports: Record<string, { types: string; default: string }> } & Record<string, unknown>;
}

/** `npm <args>` in `cwd` with our node_modules/.bin first on PATH: its stdout; throws with npm's output on failure. */
export function npm(args: string[], cwd: string): string {
  return run(NPM, args, cwd);
}

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: ENV, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} in ${cwd} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Packs generated/<api> under `dir` and installs the tarball into the consumer project `app`. */
export function packGenerated(api: string, dir: string, app: string): PackedPackage {
  const copy = path.join(dir, `${api}-source`);
  cpSync(path.join(ROOT, "generated", api), copy, { recursive: true });
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], copy)) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  const installed = path.join(app, "node_modules", ...packed!.name.split("/"));
  mkdirSync(installed, { recursive: true });
  run("tar", ["-xzf", path.join(dir, packed!.filename), "-C", installed, "--strip-components=1"], dir);
  const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as PackedPackage["manifest"];
  return { name: packed!.name, installed, files: packed!.files.map((f) => f.path).sort(), manifest };
}
