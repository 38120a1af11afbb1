/** Paths and runners shared by the tests. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import ts from "typescript";
import type { GenerateOptions } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import type { SpecConfig } from "../../generator/config/config.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = path.join(ROOT, "generator/dist/cli/main.js");
export const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds it first) as a user would. */
export function runCli(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "specforge-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `text` to `name` under `dir` (its folders made as needed) and returns the file's path. */
export function fileWriter(dir: string): (name: string, text: string) => string {
  return (name, text) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
}

/** Every file under `dir` (relative, `/`-separated), skipping node_modules and dist. */
export function listFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    if (entry.name === "node_modules" || (rel === "" && entry.name === "dist")) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, relPath));
    else out.push(relPath);
  }
  return out.sort();
}

/** A snapshot of a folder (contents and mtimes), to prove a failed run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const snap: Record<string, string> = {};
  for (const f of listFiles(dir)) {
    const full = path.join(dir, f);
    snap[f] = `${statSync(full).mtimeMs}:${readFileSync(full, "utf8")}`;
  }
  return snap;
}

export interface GoldenJob {
  name: string;
  input: string;
  out: string;
  packageName?: string;
  /** What the config's entry passes to `generate` besides input and name (targets, per-target options, filters). */
  options: Pick<GenerateOptions, "targets" | "client" | "validators" | "types" | "filters" | "package">;
  config: string;
  updateCommand: string;
}

/** The packages held as goldens: the five APIs (root config) and the feature fixtures. */
export function goldenJobs(): GoldenJob[] {
  const configs = [
    { file: path.join(ROOT, "specforge.config.yaml"), update: "npm run generate" },
    { file: path.join(ROOT, "test/fixtures/specforge.config.yaml"), update: "npm run generate:fixtures" },
  ];
  return configs.flatMap(({ file, update }) => {
    const config = parse(readFileSync(file, "utf8")) as { specs: SpecConfig[] };
    return config.specs.map(({ input, output, packageName, targets, client, validators, types, filters, package: fields }) => ({
      name: path.relative(ROOT, path.resolve(path.dirname(file), output)),
      input: path.resolve(path.dirname(file), input),
      out: path.resolve(path.dirname(file), output),
      packageName,
      options: { targets, client, validators, types, filters, package: fields },
      config: file,
      updateCommand: update,
    }));
  });
}

/** Type-checks the `src/` of several packages in one `tsc` run (strict, the generated tsconfig's options). */
export function typecheckPackages(packages: string[], extra: Record<string, unknown> = {}): { status: number | null; output: string } {
  const dir = tempDir();
  const config = {
    compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, skipLibCheck: true, ...extra, noEmit: true },
    include: packages.map((p) => path.join(p, "src/**/*.ts")),
  };
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
  const r = spawnSync(process.execPath, [TSC, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, output: (r.stdout + r.stderr).slice(0, 4000) };
}

/**
 * Writes a generated package to `out` with a consumer, `src/use.ts` (`lines`; its `@ts-expect-error`s must
 * hold too), and type-checks it: `{ status: 0, output: "" }` when everything compiles as the lines say.
 */
export function typecheckConsumer(out: string, files: Array<{ path: string; contents: string }>, lines: string[]): { status: number | null; output: string } {
  writePackage(out, files);
  writeFileSync(path.join(out, "src/use.ts"), `${lines.join("\n")}\n`);
  return typecheckPackages([out]);
}

/**
 * Makes a generated package's `src/` importable without building it: TypeScript modules are transpiled
 * (no type-check), precompiled JavaScript is copied. Returns the folder holding the `.js` modules.
 */
export function importableSources(files: Array<{ path: string; contents: string }>): string {
  const dir = tempDir("specforge-src-");
  for (const f of files) {
    if (!f.path.startsWith("src/") || f.path.endsWith(".d.ts")) continue;
    // kept under its folder (`server-runtime/`), as the modules import each other
    const name = f.path.slice("src/".length);
    if (name.endsWith(".js") || name.endsWith(".ts")) mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    if (name.endsWith(".js")) writeFileSync(path.join(dir, name), f.contents);
    else if (name.endsWith(".ts")) writeFileSync(path.join(dir, name.replace(/\.ts$/, ".js")), ts.transpileModule(f.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  }
  return dir;
}

/** The files of a package folder, as `importableSources` takes them. */
export function packageFiles(dir: string): Array<{ path: string; contents: string }> {
  return listFiles(dir).map((p) => ({ path: p, contents: readFileSync(path.join(dir, p), "utf8") }));
}
