/**
 * Worker-thread entry of compile-threads.ts: loads ajv at once (the thread may start before its input is
 * ready), then compiles the one module it is sent and posts it back.
 */
import { parentPort } from "node:worker_threads";
import { compileModule, loadAjv, type CompileInput } from "./compile.js";
import { SpecforgeError } from "../../diagnostics/diagnostic.js";

loadAjv();
parentPort!.once("message", (input: CompileInput) => {
  try {
    parentPort!.postMessage({ ok: compileModule(input) });
  } catch (e) {
    // A problem of the spec keeps its diagnostics across the thread boundary (an Error would lose them).
    if (e instanceof SpecforgeError) parentPort!.postMessage({ diagnostics: e.diagnostics });
    else parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) });
  }
});
