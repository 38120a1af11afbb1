/**
 * Functions of the user's own, as a Spectral ruleset lists them (`functions: [name]`, each loaded from
 * `<functionsDir>/<name>.js`, `.mjs` or `.cjs`; functionsDir defaults to `functions` beside the file listing
 * them) and as `lint.functions` does in the config. A ruleset is the user's own file, as a code config is:
 * its functions run as an ESLint plugin's do. The spec stays data: it reaches a function as a value only.
 * Called as Spectral calls one (its docs, "Custom Functions"; spectral-core runner/lintNode.ts):
 *   fn(targetVal, functionOptions ?? null, { path, document, documentInventory, rule })
 *     -> void | { message, path? }[] | a Promise of that
 * A result's `path` is from the document's root (`[...context.path, "name"]`), reported where that place is
 * written (its closest existing parent when it does not exist, as Spectral does). A function made with
 * spectral-core's `createRulesetFunction` is such a function (it checks its input and options, then calls
 * the one it wraps), so it needs nothing more.
 * A call that returns a Promise, and the loading of a file (its top-level await), is given up after a time
 * limit (`lint.functionTimeoutMs`, 10 s by default): a Promise that never settles would hold lint forever.
 * A function that loops without returning cannot be stopped in this process.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { error, SpecforgeError, type Diagnostic, type Location } from "../../diagnostics/diagnostic.js";
import { displayPathOf } from "../../load/source-file.js";
import { isObject } from "../../openapi/kinds.js";
import { importFunctionFile } from "./function-module.js";
import { follow } from "./jsonpath.js";
import { describeThrown } from "./thrown.js";
import type { Problem, RunCheck } from "./function-kit.js";

export type SpectralFunction = (input: unknown, options: unknown, context: unknown) => unknown;

export interface UserFunction {
  name: string;
  /** The folder its file is in (the functionsDir), absolute. */
  dir: string;
  /** Where the name is listed: a file that is missing or exports no function is an error there. */
  where: Location;
  /** Once loaded (loadUserFunctions): the file and the function it exports, and how long a call may take. */
  file?: string;
  run?: SpectralFunction;
  timeoutMs?: number;
}

/** How long a function's Promise, or the loading of its file, may take by default (`lint.functionTimeoutMs`). */
export const FUNCTION_TIMEOUT_MS = 10_000;

/** A name in `functions`: its file's name without the extension. */
export const isFunctionName = (name: unknown): name is string => typeof name === "string" && /^[\w.$-]+$/.test(name);

/** The config's `lint.functions`, each looked for in its functionsDir (relative to the config's folder, `functions` by default). */
export function configFunctions(lint: { functions?: string[]; functionsDir?: string }, configDir: string, place: (pointer: string) => Location): Record<string, UserFunction> {
  const dir = path.resolve(configDir, lint.functionsDir ?? "functions");
  return Object.fromEntries((lint.functions ?? []).map((name, i) => [name, { name, dir, where: place(`/lint/functions/${i}`) }]));
}

/** Spectral's extension first; an ES module or a CommonJS file named as such is as cheap to load. */
const EXTENSIONS = [".js", ".mjs", ".cjs"];

/** The function a module exports: its default export (module.exports in CommonJS), or an export of its name. */
function exported(module: Record<string, unknown>, name: string): SpectralFunction | undefined {
  const main = module.default;
  const candidates = [main, isObject(main) ? main.default : undefined, module[name], isObject(main) ? main[name] : undefined];
  return candidates.find((c): c is SpectralFunction => typeof c === "function");
}

/** Loads each function not loaded yet; every one that cannot be is an error at its `functions` entry (exit 2). */
export async function loadUserFunctions(functions: Iterable<UserFunction>, timeoutMs = FUNCTION_TIMEOUT_MS): Promise<void> {
  const problems: Diagnostic[] = [];
  for (const fn of functions) {
    if (fn.run) continue;
    const file = EXTENSIONS.map((x) => path.join(fn.dir, `${fn.name}${x}`)).find((f) => existsSync(f));
    const bad = (message: string, help: string) => void problems.push(error("lint/function", `function '${fn.name}': ${message}`, fn.where, help));
    if (!file) {
      bad(`no file ${displayPathOf(path.join(fn.dir, `${fn.name}.js`))} (nor .mjs, .cjs)`, "write the function there (export default, or module.exports =), or set functionsDir to its folder (relative to the file listing it)");
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await importFunctionFile(file, (loading) => within(loading, timeoutMs, "did not finish loading"))) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof FunctionFault) {
        bad(`${displayPathOf(file)} ${e.message}`, "make its top-level await settle, or raise lint.functionTimeoutMs");
        continue;
      }
      bad(`${displayPathOf(file)} does not load: ${describeThrown(e)}`, "fix that file (an ES module is named .mjs or sits under \"type\": \"module\"; CommonJS sets module.exports)");
      continue;
    }
    const run = exported(module, fn.name);
    if (!run) {
      bad(`${displayPathOf(file)} exports no function`, `export it: export default (targetVal, options, context) => ..., module.exports = ..., or an export named ${fn.name}`);
      continue;
    }
    fn.file = file;
    fn.run = run;
    fn.timeoutMs = timeoutMs;
  }
  if (problems.length) throw new SpecforgeError(problems);
}

/**
 * What a function did wrong, in specforge's words ("returned a string, not ...", "did not settle within 10 s"):
 * its failure finding says it as it is, where a thrown error is quoted ("threw TypeError: ...").
 */
export class FunctionFault extends Error {}

/** `promise`, or a FunctionFault `<what> within <limit>` once `ms` have passed; its timer ends with it. */
function within<T>(promise: PromiseLike<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionFault(`${what} within ${limit} (lint.functionTimeoutMs)`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const isPath = (p: unknown): p is Array<string | number> => Array.isArray(p) && p.every((s) => typeof s === "string" || typeof s === "number");

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return value === null ? "null" : isObject(value) ? "an object" : `a ${typeof value}`;
}

/** A function's results as problems: each at its `path` (from the document's root), else at the value. */
function problemsOf(result: unknown): Problem[] {
  if (result === undefined || result === null) return [];
  if (!Array.isArray(result)) throw new FunctionFault(`returned ${kindOf(result)}, not a list of { message, path? }`);
  return result.map((r, i) => {
    if (!isObject(r) || typeof r.message !== "string" || (r.path !== undefined && !isPath(r.path))) {
      throw new FunctionFault(`returned ${kindOf(r)} as result ${i}${isObject(r) ? " (its message must be a string, its path a list of keys)" : ""}, not { message, path? }`);
    }
    return r.path === undefined ? r.message : { message: r.message, at: r.path as Array<string | number> };
  });
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => (typeof v === "object" || typeof v === "function") && v !== null && typeof (v as { then?: unknown }).then === "function";

/** The check of a `then` calling `fn` with `options` (null when the rule gives none, as Spectral passes them). */
export function userCheck(fn: UserFunction, options: unknown): RunCheck {
  return (target) => {
    if (!fn.run) throw new Error(`lint: function '${fn.name}' was not loaded before its rule ran (loadUserFunctions)`);
    const out = fn.run(target.exists ? target.value : undefined, options ?? null, { ...target.context, path: target.path() });
    return isThenable(out) ? within(out, fn.timeoutMs ?? FUNCTION_TIMEOUT_MS, "did not settle").then(problemsOf) : problemsOf(out);
  };
}

/**
 * The document with each local `$ref` replaced by what it points to (one object for all that refer to it,
 * so a recursive schema stays a cycle): Spectral's `documentInventory.resolved`. A copy: the functions may
 * not change the document the other rules read.
 */
export function resolvedCopy(document: unknown): unknown {
  const copy = structuredClone(document);
  const walker = { root: copy, resolve: true };
  const root = follow(walker, copy).value;
  const seen = new Set<object>();
  const stack = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    const holder = v as Record<string, unknown>;
    for (const k of Object.keys(holder)) stack.push((holder[k] = follow(walker, holder[k]).value));
  }
  return root;
}
