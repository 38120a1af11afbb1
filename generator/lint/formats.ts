/**
 * The format checkers the generated validators ship (templates/validators/formats.ts with idna.ts, and the numeric
 * formats runtime.ts exports), loaded for `specforge lint` so an example that fails a format at run time fails
 * lint too. They exist as TypeScript templates only: transpiled (typescript is a dependency) on the first
 * lint that validates an example, and kept as ES modules in the system's temp folder, keyed by a hash of
 * their source, so later runs skip loading the compiler (0.5 to 0.9 s). If that folder cannot be written,
 * the modules are imported from data: URLs instead.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../package-root.js";
import { writeFileWhole } from "../write/write-file.js";
import { NUMBER_FORMAT_NAMES } from "../emit/validators/format-names.js";

export type FormatChecker = ((s: string) => boolean) | { type: "number"; validate: (n: number) => boolean };

let loaded: Promise<Record<string, FormatChecker>> | undefined;

export function loadFormats(): Promise<Record<string, FormatChecker>> {
  return (loaded ??= load());
}

async function load(): Promise<Record<string, FormatChecker>> {
  const dir = path.join(packageRoot(), "templates", "validators");
  // formats.ts imports idna.ts: its relative import is rewritten to that module's file
  const sources = {
    idna: readFileSync(path.join(dir, "idna.ts"), "utf8"),
    formats: readFileSync(path.join(dir, "formats.ts"), "utf8"),
    runtime: readFileSync(path.join(dir, "runtime.ts"), "utf8"),
  };
  const hash = createHash("sha256").update(sources.idna).update("\0").update(sources.formats).update("\0").update(sources.runtime).digest("hex").slice(0, 16);
  const cacheDir = path.join(os.tmpdir(), "specforge-cache", `formats-${hash}`);
  const formatsFile = path.join(cacheDir, "formats.mjs");
  const runtimeFile = path.join(cacheDir, "runtime.mjs");
  if (!existsSync(runtimeFile)) {
    const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");
    const js = (source: string) => ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
    const relink = (code: string, name: string, target: string) => code.replace(new RegExp(`(["'])\\./${name}\\.js\\1`), JSON.stringify(target));
    const idnaJs = js(sources.idna);
    const formatsJs = js(sources.formats);
    const runtimeJs = js(sources.runtime);
    try {
      mkdirSync(cacheDir, { recursive: true });
      // Written whole, runtime.mjs last: a concurrent run never imports a half-written module.
      writeFileWhole(path.join(cacheDir, "idna.mjs"), idnaJs);
      writeFileWhole(formatsFile, relink(formatsJs, "idna", "./idna.mjs"));
      writeFileWhole(runtimeFile, runtimeJs);
    } catch {
      const url = (code: string) => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
      return checkers(await import(url(relink(formatsJs, "idna", url(idnaJs)))), await import(url(runtimeJs)));
    }
  }
  return checkers(await import(pathToFileURL(formatsFile).href), await import(pathToFileURL(runtimeFile).href));
}

/** Every checker by its format name: the string formats of formats.ts, the numeric ones runtime.ts exports one by one. */
function checkers(strings: { formats: Record<string, FormatChecker> }, runtime: Record<string, unknown>): Record<string, FormatChecker> {
  return { ...strings.formats, ...Object.fromEntries(NUMBER_FORMAT_NAMES.map((name) => [name, runtime[name] as FormatChecker])) };
}
