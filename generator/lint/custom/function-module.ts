/**
 * Imports the file of a user's function as Spectral would run it. Spectral bundles each function, so its
 * guide's `export default` in `functions/x.js` works whatever the package's "type"; Node reads a `.js` file
 * by its package.json, and under "type": "commonjs" (npm init's default) refuses ES module syntax. Such a file
 * is imported again as an ES module, in place, by a loader hook (its relative imports resolve as written;
 * nothing is written to the user's folder). Node's warnings about that file's module type ("To load an ES
 * module, set ...", MODULE_TYPELESS_PACKAGE_JSON) are about how specforge loads it: they are left out.
 */
import nodeModule from "node:module";
import { pathToFileURL } from "node:url";

/** The SyntaxErrors of ES module syntax read as CommonJS (the ones Node's own hint looks for). */
const ESM_SYNTAX = /^(Cannot use import statement outside a module|Unexpected token 'export'|Cannot use 'import\.meta' outside a module|await is only valid in async functions and the top level bodies of modules)/;
/** The query marking a URL the hook loads as an ES module. */
const AS_ESM = "specforge-as-esm";
const HOOKS = `export async function load(url, context, next) { return next(url, new URL(url).searchParams.has("${AS_ESM}") ? { ...context, format: "module" } : context); }`;

let hooked = false;
/** Imports under way: a warning that an ES module failed to load as CommonJS comes from one of them. */
let loading = 0;
const imported = new Set<string>();

/** The file's module; `bound` limits each attempt's time. */
export async function importFunctionFile(file: string, bound: <T>(loading: Promise<T>) => Promise<T>): Promise<unknown> {
  quietModuleTypeWarnings();
  const url = pathToFileURL(file).href;
  imported.add(url);
  loading++;
  try {
    try {
      return await bound(import(url));
    } catch (e) {
      // `register` is Node 20.6's; before it, the error stands (its help says to name the file .mjs)
      if (!(file.endsWith(".js") && e instanceof SyntaxError && ESM_SYNTAX.test(e.message)) || typeof nodeModule.register !== "function") throw e;
      if (!hooked) nodeModule.register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
      hooked = true;
      return await bound(import(`${url}?${AS_ESM}`));
    }
  } finally {
    loading--;
  }
}

let quieted = false;

/** Node's printing of warnings (its `warning` listeners), but for those about how a function's file loads. */
function quietModuleTypeWarnings(): void {
  if (quieted) return;
  quieted = true;
  const listeners = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (warning: Error & { code?: string }) => {
    const typeless = warning.code === "MODULE_TYPELESS_PACKAGE_JSON" && [...imported].some((url) => warning.message.includes(`${url} `));
    if (typeless || (loading > 0 && warning.message.startsWith("To load an ES module"))) return;
    for (const listener of listeners) listener.call(process, warning);
  });
}
