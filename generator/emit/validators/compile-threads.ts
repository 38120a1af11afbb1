/**
 * Runs the validators' ajv compiles (compile.ts) on worker threads when a spec is large enough to gain:
 * on GitHub's, the component compile alone takes seconds, and on threads it overlaps with the parameter
 * compile and with the other targets' emitters. The output is the same either way, since `compileModule`
 * is a pure function of its (cloneable) input; small specs compile inline, where a thread's start-up
 * (loading ajv again, copying the schemas) would cost more than it saves.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { compileModule, type CompiledModule, type CompileInput } from "./compile.js";

/** Below this many validators in all, threads do not pay for their start-up. */
const MIN_EXPORTS_FOR_THREADS = 500;
// Built next to this file by tsc; absent when the TypeScript sources run directly (tests), then inline.
const WORKER_FILE = new URL("./compile-worker.js", import.meta.url);

export type ThreadUse = "auto" | "never" | "always";

export async function compileModules(inputs: CompileInput[], threads: ThreadUse = "auto"): Promise<CompiledModule[]> {
  const total = inputs.reduce((n, input) => n + input.exports.length, 0);
  const canThread = existsSync(fileURLToPath(WORKER_FILE));
  const useThreads =
    canThread && (threads === "always" || (threads === "auto" && total >= MIN_EXPORTS_FOR_THREADS && os.availableParallelism() > 1));
  if (!useThreads) return inputs.map(compileModule);
  return Promise.all(inputs.map(compileOnThread));
}

function compileOnThread(input: CompileInput): Promise<CompiledModule> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: input });
    worker.once("message", (m: { ok: CompiledModule } | { error: string }) => {
      if ("ok" in m) resolve(m.ok);
      else reject(new Error(m.error));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the validator compile thread exited with code ${code}`));
    });
  });
}
