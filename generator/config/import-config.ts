/**
 * Loads a code config (`specforge.config.{ts,mts,mjs,js}`) and returns its default export. A TypeScript
 * config is transpiled (types dropped, nothing checked) to a module beside it, so that its own imports,
 * `specforge` included, resolve as they would from the config, then imported and removed. Each load gets
 * a fresh module URL: `--watch` must see the edited config, not Node's cached first import (and, there, its
 * own modules too: fresh-import.ts).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { compileFunction } from "node:vm";
import type TypeScript from "typescript";
import { importConfigFile } from "./fresh-import.js";

let loads = 0;

/** A TypeScript config that does not parse, with where. */
export class ConfigSyntaxError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

export async function importConfigModule(file: string): Promise<unknown> {
  const n = ++loads;
  if (!/\.m?ts$/.test(file)) {
    if (file.endsWith(".js")) refuseModuleSyntaxInCommonJs(file);
    return defaultOf(await importConfigFile(file, file, n));
  }
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
    return defaultOf(await importConfigFile(file, temp, n));
  } catch (e) {
    // the module Node ran is ours, made for the moment: a message names the config the user wrote
    if (e instanceof Error) e.message = e.message.replaceAll(pathToFileURL(temp).href, pathToFileURL(file).href).replaceAll(temp, file);
    throw e;
  } finally {
    rmSync(temp, { force: true });
  }
}

function defaultOf(module: unknown): unknown {
  return (module as { default?: unknown }).default;
}

/**
 * What to do about a code config Node could not load, where its message alone misleads: an ES module
 * config in a CommonJS project, or a CommonJS config that `require()`s specforge (an ES module) where Node
 * cannot. Undefined for other failures (a syntax error is the file's own).
 */
export function moduleSystemHelp(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : "";
  if (e instanceof SyntaxError && /Cannot use import statement outside a module|Unexpected token 'export'/.test(message)) {
    return 'the config is an ES module in a CommonJS project: rename it specforge.config.mjs (or .ts), or set "type": "module" in package.json';
  }
  const asModule = 'or write the config as an ES module (specforge.config.mjs or .ts) with import { defineConfig } from "specforge"';
  if (code === "ERR_REQUIRE_ESM") {
    return `Node before 20.19 (22.12 in Node 22) cannot require() an ES module, and specforge is one: use a newer Node, ${asModule}`;
  }
  // specforge's own exports map (of a version before the `default` condition, or a subpath it does not export)
  if (code === "ERR_PACKAGE_PATH_NOT_EXPORTED" && /[\\/]specforge[\\/]package\.json/.test(message)) {
    return `require "specforge" itself, its one entry point; where the config does, this specforge cannot be require()d: update it, ${asModule}`;
  }
  if (importsTypeScript(code, message)) {
    return "specforge strips the types of the config file alone, and Node cannot run the TypeScript it imports: write the module it imports as JavaScript (.mjs, or .js), or put what it holds in the config";
  }
  if (e instanceof ReferenceError && /\b(require|module|exports) is not defined in ES module scope/.test(message)) {
    return 'the config is read as an ES module: write import { defineConfig } from "specforge" and export default in place of require() and module.exports';
  }
  return undefined;
}

/**
 * A config importing a TypeScript module of its own (`./base.ts`; `./base` or `./base.js` where only
 * base.ts is there, as TypeScript lets one write it), which Node refuses or does not find.
 */
function importsTypeScript(code: unknown, message: string): boolean {
  if (code === "ERR_UNKNOWN_FILE_EXTENSION") return /\.[mc]?ts\b/.test(message);
  const missing = code === "ERR_MODULE_NOT_FOUND" ? /^Cannot find module '([^']+)'/.exec(message)?.[1] : undefined;
  return missing !== undefined && [`${missing}.ts`, missing.replace(/\.([mc]?)js$/, ".$1ts")].some((f) => f !== missing && existsSync(f));
}

/**
 * A `.js` config written as an ES module where the nearest package.json says `"type": "commonjs"`: Node
 * would refuse it too, but only after printing its own warning over three more lines. Compiled here as
 * CommonJS, never run; its SyntaxError goes to `moduleSystemHelp`. (Without a `type`, Node 20.19 and later
 * detect the module syntax and load it.)
 */
function refuseModuleSyntaxInCommonJs(file: string): void {
  if (nearestPackageType(path.dirname(file)) !== "commonjs") return;
  try {
    compileFunction(readFileSync(file, "utf8"), ["exports", "require", "module", "__filename", "__dirname"], { filename: file });
  } catch (e) {
    if (e instanceof SyntaxError && moduleSystemHelp(e)) throw e;
  }
}

/** The `type` of the package.json nearest `dir` (as Node finds it), if it sets one. */
function nearestPackageType(dir: string): unknown {
  for (let at = dir; ; at = path.dirname(at)) {
    try {
      return (JSON.parse(readFileSync(path.join(at, "package.json"), "utf8")) as { type?: unknown }).type;
    } catch {
      if (path.dirname(at) === at) return undefined;
    }
  }
}
