/**
 * Loads a code config (`specforge.config.{ts,mts,mjs,js}`) and returns its default export. A TypeScript
 * config is transpiled (types dropped, nothing checked) to a module beside it, so that its own imports,
 * `specforge` included, resolve as they would from the config, then imported and removed. Each load gets
 * a fresh module URL: `--watch` must see the edited config, not Node's cached first import.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import type TypeScript from "typescript";

let loads = 0;

/** A TypeScript config that does not parse, with where. */
export class ConfigSyntaxError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export async function importConfigModule(file: string): Promise<unknown> {
  const n = ++loads;
  if (!/\.m?ts$/.test(file)) return defaultOf(await import(`${pathToFileURL(file).href}?load=${n}`));
  // typescript is loaded only for TypeScript configs (it takes 0.3 s to load)
  const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;
  const out = ts.transpileModule(readFileSync(file, "utf8"), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const syntax = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax) {
    const at = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    throw new ConfigSyntaxError(ts.flattenDiagnosticMessageText(syntax.messageText, " "), at && at.line + 1, at && at.character + 1);
  }
  const temp = path.join(path.dirname(file), `.specforge-tmp-config-${process.pid}-${n}.mjs`);
  writeFileSync(temp, out.outputText);
  try {
    return defaultOf(await import(pathToFileURL(temp).href));
  } finally {
    rmSync(temp, { force: true });
  }
}

function defaultOf(module: unknown): unknown {
  return (module as { default?: unknown }).default;
}
