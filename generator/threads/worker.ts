/**
 * Worker-thread entry of pool.ts: loads its task's module at once (the thread may start before its input
 * is ready), then runs the task on the one input it is sent and posts the result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { TASK_LOADERS, type TaskName } from "./tasks.js";
import { SpecforgeError } from "../diagnostics/diagnostic.js";

const loading = TASK_LOADERS[(workerData as { task: TaskName }).task]() as Promise<(input: unknown) => unknown>;
// a failed load is reported as the task's answer, once asked
loading.catch(() => undefined);
parentPort!.once("message", async (input: unknown) => {
  try {
    parentPort!.postMessage({ ok: await (await loading)(input) });
  } catch (e) {
    // A problem of the spec keeps its diagnostics across the thread boundary (an Error would lose them).
    if (e instanceof SpecforgeError) parentPort!.postMessage({ diagnostics: e.diagnostics });
    else parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) });
  }
});
