/**
 * Worker threads for long pure tasks (tasks.ts) on large specs: on GitHub's, the validators' ajv compile,
 * the types' openapi-typescript transform and lint's example checks take seconds each, and on threads they
 * overlap each other and the work left on the main thread. The output is the same either way. Small specs
 * run inline, where a thread's start-up (loading the task's module again, copying its input) costs more
 * than it saves.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { isObject } from "../openapi/kinds.js";
import { SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TaskName, Tasks } from "./tasks.js";

export type ThreadUse = "auto" | "never" | "always";

/** Below this size (component schemas plus operations, or validators), a thread does not pay for its start-up. */
export const LARGE = 500;
// The tasks keep much of what they allocate until their output is assembled: with V8's default young
// generation (16 MB semi-spaces) the compile thread spent 1.8 s of GitHub's compile in scavenges, 0.7 s with this.
const YOUNG_GENERATION_MB = 192;
// Built next to this file by tsc; absent when the TypeScript sources run directly (tests), then inline.
const WORKER_FILE = new URL("./worker.js", import.meta.url);

const workerBuilt = () => existsSync(fileURLToPath(WORKER_FILE));
const canThread = () => workerBuilt() && os.availableParallelism() > 1;

/** Whether a task runs on a thread: `large` says it is worth one (see LARGE). */
export function onThread(threads: ThreadUse = "auto", large: boolean): boolean {
  return threads === "always" ? workerBuilt() : threads === "auto" && large && canThread();
}

/** Whether a spec is LARGE: its component schemas plus its operations. */
export function isLargeSpec(document: unknown): boolean {
  if (!isObject(document)) return false;
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? Object.keys(document.components.schemas).length : 0;
  const operations = isObject(document.paths) ? Object.values(document.paths).reduce<number>((n, item) => n + (isObject(item) ? Object.keys(item).length : 0), 0) : 0;
  return schemas + operations >= LARGE;
}

/**
 * The threads of one run (a `generate()`, a lint): started, waiting and running ones. `stop()` ends those
 * still at work when the run fails, so a failed run's siblings do not compute on for nothing (GitHub's
 * validators compile: seconds); another run in the same process (`--watch`, the library API) has a group
 * of its own, and keeps its threads.
 */
export class ThreadGroup {
  // Threads started before their input was ready (see `start`): at most one waits per task.
  private readonly spares = new Map<TaskName, Worker>();
  private readonly running = new Set<Worker>();
  private stopped = false;

  /**
   * Starts `task`'s thread (when the caller's `onThread` said yes) as soon as the spec is read, so that the
   * thread's start-up and module loading overlap the parse instead of delaying the task. An unused thread
   * does not keep the process alive; the task takes it, or `drop` (or `stop`) ends it.
   */
  start(task: TaskName): void {
    if (this.stopped || this.spares.has(task) || !workerBuilt()) return;
    const worker = newWorker(task);
    worker.unref();
    // A thread that fails before it is used is dropped; the task then starts a new one.
    worker.once("error", () => {
      if (this.spares.get(task) === worker) this.spares.delete(task);
    });
    this.spares.set(task, worker);
  }

  /** Ends `task`'s waiting thread, when the task runs inline after all. */
  drop(task: TaskName): void {
    void this.spares.get(task)?.terminate();
    this.spares.delete(task);
  }

  /** Runs `task` on a thread (a waiting one, else a new one), which ends once it has answered. */
  run<K extends TaskName>(task: K, input: Parameters<Tasks[K]>[0]): Promise<Awaited<ReturnType<Tasks[K]>>> {
    if (this.stopped) return Promise.reject(new Error(`the ${task} thread was not started: its run has stopped`));
    const worker = this.spares.get(task) ?? newWorker(task);
    this.spares.delete(task);
    try {
      worker.postMessage(input); // cloned now: a value structured clone refuses throws here
    } catch (e) {
      void worker.terminate();
      return Promise.reject(e);
    }
    this.running.add(worker);
    worker.ref(); // the answer is awaited: the process must not end before it comes
    return new Promise((resolve, reject) => {
      worker.once("message", (m: { ok: Awaited<ReturnType<Tasks[K]>> } | { error: string } | { diagnostics: Diagnostic[] }) => {
        // answered: no longer at work, it ends of itself (a run that finishes meanwhile must not terminate it:
        // `stop()` in generate's finally did, exit code 1, when the thread took longer to wind down than the
        // rest of the run, as under load)
        this.running.delete(worker);
        if ("ok" in m) resolve(m.ok);
        else if ("diagnostics" in m) reject(new SpecforgeError(m.diagnostics));
        else reject(new Error(m.error));
      });
      worker.once("error", reject);
      worker.once("exit", (code) => {
        this.running.delete(worker);
        if (code !== 0) reject(new Error(`the ${task} thread exited with code ${code}`));
      });
    });
  }

  /** Ends every thread of the run still waiting or at work (their tasks reject); later tasks start none. */
  stop(): void {
    this.stopped = true;
    for (const worker of [...this.spares.values(), ...this.running]) void worker.terminate();
    this.spares.clear();
    this.running.clear();
  }
}

function newWorker(task: TaskName): Worker {
  return new Worker(WORKER_FILE, { workerData: { task }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}
