/**
 * `--watch` reloads a code config as its files are now, its own modules included (`import ... from
 * "./base.mjs"`, `require("./base.js")`), and watches those modules too. Node keeps an ES module by URL and a
 * CommonJS one by file name for the life of the process, so a plain reload would run the first `base.mjs`
 * again. A resolve hook (fresh-import-hooks.ts) gives each load's path imports a URL of their own and names
 * them; CommonJS ones leave require's cache before the next load. Packages (`specforge`) load once.
 * Starting the hooks thread costs ~45 ms, once, and only a watching process with a code config pays it.
 */
// the namespace, not `{ register }`: a named import of what Node before 20.6 lacks would stop the CLI from loading
import * as nodeModule from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";

const requireCache = nodeModule.createRequire(import.meta.url).cache;
let fresh = false;
let hooks: MessagePort | undefined;
/** Config file -> the modules of its own its last load read (failed or not). */
const importsOf = new Map<string, string[]>();

/** From now on, each load of a code config reads its own modules anew (`generate --watch`). */
export function loadConfigsFresh(): void {
  fresh = true;
}

/** The modules of its own (absolute paths, outside packages) that the last load of `config` read; none outside `--watch`. */
export function configImports(config: string): string[] {
  return importsOf.get(config) ?? [];
}

/** Imports `module` (the config, or the JavaScript made of a TypeScript one) as the config's `n`th load. */
export async function importConfigFile(config: string, module: string, n: number): Promise<unknown> {
  // before Node 20.6 (no module.register) a reload reads the config anew, not its modules
  if (!fresh || typeof nodeModule.register !== "function") return import(`${pathToFileURL(module).href}?load=${n}`);
  if (!hooks) {
    const { port1, port2 } = new MessageChannel();
    nodeModule.register(new URL("./fresh-import-hooks.js", import.meta.url), { data: { port: port2 }, transferList: [port2] });
    port1.unref();
    hooks = port1;
  }
  for (const file of [config, ...configImports(config)]) delete requireCache[file];
  const read = new Set<string>();
  try {
    return await import(`${pathToFileURL(module).href}?specforge-load=${n}`);
  } finally {
    for (let m = receiveMessageOnPort(hooks); m; m = receiveMessageOnPort(hooks)) {
      const { load, url } = m.message as { load: number; url: string };
      if (load === n) read.add(fileURLToPath(url));
    }
    // what CommonJS modules require() (no hook sees it), from the config itself or a module it imports
    const visit = (file: string) => {
      for (const child of requireCache[file]?.children ?? []) {
        if (read.has(child.filename) || /[\\/]node_modules[\\/]/.test(child.filename)) continue;
        read.add(child.filename);
        visit(child.filename);
      }
    };
    for (const file of [config, ...read]) visit(file);
    read.delete(config);
    importsOf.set(config, [...read].sort());
  }
}
