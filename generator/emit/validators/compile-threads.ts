/**
 * Runs the validators' ajv compiles (compile.ts) on a worker thread when a spec is large enough to gain:
 * on GitHub's, the component compile alone takes seconds, and on a thread it overlaps with the other
 * targets' emitters. The output is the same either way, since `compileModule` is a pure function of its
 * (cloneable) input; small specs compile inline, where a thread's start-up (loading ajv again, copying
 * the schemas) would cost more than it saves.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { compileModule, type CompiledModule, type CompileInput } from "./compile.js";
import { isObject } from "../../openapi/kinds.js";
import { SpecforgeError, type Diagnostic } from "../../diagnostics/diagnostic.js";

/** Below this many validators in all, threads do not pay for their start-up. */
const MIN_EXPORTS_FOR_THREADS = 500;
// ajv's compile keeps much of what it allocates until the module is assembled: with V8's default young
// generation (16 MB semi-spaces) the thread spent 1.8 s of GitHub's compile in scavenges, 0.7 s with this.
const YOUNG_GENERATION_MB = 192;
// Built next to this file by tsc; absent when the TypeScript sources run directly (tests), then inline.
const WORKER_FILE = new URL("./compile-worker.js", import.meta.url);

export type ThreadUse = "auto" | "never" | "always";

const workerBuilt = () => existsSync(fileURLToPath(WORKER_FILE));
const canThread = () => workerBuilt() && os.availableParallelism() > 1;

// A thread started before its input was ready (see `startCompileThread`); at most one waits.
let spare: Worker | undefined;

/**
 * Starts the compile thread as soon as the spec is read, when it looks large (components and
 * operations), so that its start-up and ajv's loading overlap the parse instead of delaying the
 * compile. An unused thread does not keep the process alive; the next compile takes it or ends it.
 */
export function startCompileThread(document: unknown): void {
  if (spare || !canThread() || !isObject(document)) return;
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? Object.keys(document.components.schemas).length : 0;
  const operations = isObject(document.paths) ? Object.values(document.paths).reduce<number>((n, item) => n + (isObject(item) ? Object.keys(item).length : 0), 0) : 0;
  if (schemas + operations < MIN_EXPORTS_FOR_THREADS) return;
  const worker = newWorker();
  worker.unref();
  // A thread that fails before it is used is dropped; the compile then starts a new one.
  worker.once("error", () => {
    if (spare === worker) spare = undefined;
  });
  spare = worker;
}

/**
 * Compiles `inputs`, the heaviest first. With threads, only that one goes to a worker; the rest compile
 * on this thread once the caller's pending synchronous work (the other targets' emitters) is done. A
 * thread per input meant three busy threads on two cores, the longest compile sharing its core, and ajv
 * loaded once more.
 */
export async function compileModules(inputs: CompileInput[], threads: ThreadUse = "auto"): Promise<CompiledModule[]> {
  const total = inputs.reduce((n, input) => n + input.exports.length, 0);
  const useThreads =
    threads === "always" ? workerBuilt() : threads === "auto" && total >= MIN_EXPORTS_FOR_THREADS && canThread();
  const [heaviest, ...rest] = inputs;
  if (!useThreads || !heaviest) {
    void spare?.terminate();
    spare = undefined;
    return inputs.map(compileModule);
  }
  const onThread = compileOnThread(heaviest);
  await new Promise((resolve) => setImmediate(resolve));
  let here: { ok: CompiledModule[] } | { error: unknown };
  try {
    here = { ok: rest.map(compileModule) };
  } catch (error) {
    here = { error };
  }
  // The thread's error first: it compiles the documents every input shares (an invalid schema fails there).
  const first = await onThread;
  if ("error" in here) throw here.error;
  return [first, ...here.ok];
}

function newWorker(): Worker {
  return new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

function compileOnThread(input: CompileInput): Promise<CompiledModule> {
  const worker = spare ?? newWorker();
  spare = undefined;
  worker.ref();
  worker.postMessage(input);
  return new Promise((resolve, reject) => {
    worker.once("message", (m: { ok: CompiledModule } | { error: string } | { diagnostics: Diagnostic[] }) => {
      if ("ok" in m) resolve(m.ok);
      else if ("diagnostics" in m) reject(new SpecforgeError(m.diagnostics));
      else reject(new Error(m.error));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the validator compile thread exited with code ${code}`));
    });
  });
}
