/** Worker-thread entry of compile-threads.ts: compiles one module and posts it back. */
import { parentPort, workerData } from "node:worker_threads";
import { compileModule, type CompileInput } from "./compile.js";

try {
  parentPort!.postMessage({ ok: compileModule(workerData as CompileInput) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) });
}
