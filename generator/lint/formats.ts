/**
 * The format checkers the generated validators ship (templates/validators/formats.ts with idna.ts, and the numeric
 * formats of runtime.ts), loaded for `specforge lint` so an example that fails a format at run time fails
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

export type FormatChecker = ((s: string) => boolean) | { type: "number"; validate: (n: number) => boolean };

let loaded: Promise<Record<string, FormatChecker>> | undefined;

export function loadFormats(): Promise<Record<string, FormatChecker>> {
  return (loaded ??= load());
}

async function load(): Promise<Record<string, FormatChecker>> {
  const dir = path.join(packageRoot(), "templates", "validators");
  // runtime.ts imports formats.ts, which imports idna.ts: each module's relative import is rewritten to the next's file
  const sources = {
    idna: readFileSync(path.join(dir, "idna.ts"), "utf8"),
    formats: readFileSync(path.join(dir, "formats.ts"), "utf8"),
    runtime: readFileSync(path.join(dir, "runtime.ts"), "utf8"),
  };
  const hash = createHash("sha256").update(sources.idna).update("\0").update(sources.formats).update("\0").update(sources.runtime).digest("hex").slice(0, 16);
  const cacheDir = path.join(os.tmpdir(), "specforge-cache", `formats-${hash}`);
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
      writeFileWhole(path.join(cacheDir, "formats.mjs"), relink(formatsJs, "idna", "./idna.mjs"));
      writeFileWhole(runtimeFile, relink(runtimeJs, "formats", "./formats.mjs"));
    } catch {
      const url = (code: string) => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
      const formats = relink(formatsJs, "idna", url(idnaJs));
      const runtime = relink(runtimeJs, "formats", url(formats));
      return ((await import(url(runtime))) as { formats: Record<string, FormatChecker> }).formats;
    }
  }
  return ((await import(pathToFileURL(runtimeFile).href)) as { formats: Record<string, FormatChecker> }).formats;
}
