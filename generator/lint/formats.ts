/**
 * The format checkers the generated validators ship (templates/validators/formats.ts and the numeric
 * formats of runtime.ts), loaded for `specforge lint` so an example that fails a format at run time fails
 * lint too. They exist as TypeScript templates only: transpiled here (typescript is a dependency) on the
 * first lint that validates an example, and imported from data: URLs (no file is written).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../package-root.js";

export type FormatChecker = ((s: string) => boolean) | { type: "number"; validate: (n: number) => boolean };

let loaded: Promise<Record<string, FormatChecker>> | undefined;

export function loadFormats(): Promise<Record<string, FormatChecker>> {
  return (loaded ??= load());
}

async function load(): Promise<Record<string, FormatChecker>> {
  const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");
  const dir = path.join(packageRoot(), "templates", "validators");
  const js = (file: string) =>
    ts.transpileModule(readFileSync(path.join(dir, file), "utf8"), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  const url = (code: string) => `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
  const formatsUrl = url(js("formats.ts"));
  const runtime = js("runtime.ts").replace(/(["'])\.\/formats\.js\1/, JSON.stringify(formatsUrl));
  const mod = (await import(url(runtime))) as { formats: Record<string, FormatChecker> };
  return mod.formats;
}
