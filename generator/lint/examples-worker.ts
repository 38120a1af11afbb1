/**
 * The example rules (`example-valid`, `default-valid`) on a worker thread, beside the other rules on the
 * main thread: ajv compiling a validator per example's schema is most of a large spec's lint (GitHub's:
 * two of four seconds). The main thread sends the normalized document once (a structured clone: 0.2 s
 * for GitHub's) and splices the reports back where the rules would have made them, so findings and their
 * order are those of running every rule in turn. Used for specs of 1 MB or more (below that, starting a
 * thread costs more than it saves); where a worker cannot run (no built file beside this one, as under
 * the tests' TypeScript loader) or fails, the rules run on the main thread as before.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { JsonObject } from "../openapi/kinds.js";

/** Rules the worker runs (each reads only `document`, `hadExample`, `memo` and `report` of the context). */
export const WORKER_RULES: ReadonlySet<string> = new Set(["example-valid", "default-valid"]);

/** A spec file this large (characters) has its example rules run on a worker. */
export const WORKER_MIN_CHARS = 1_000_000;

/** What the main thread sends: the document, the objects of `hadExample` (in it), the rules to run in order. */
export interface ExampleJob {
  document: JsonObject;
  hadExample: object[];
  rules: string[];
}

/** One `ctx.report` of a rule the worker ran. */
export interface ExampleReport {
  ruleId: string;
  pointer: string;
  message: string;
  help?: string;
  parts?: readonly string[];
}

export type WorkerReply = { reports: ExampleReport[] } | { error: string };

export interface ExampleWorker {
  /** Sends the job; resolves to the reports in the order the rules made them, or rejects when the worker fails. */
  run(job: ExampleJob): Promise<ExampleReport[]>;
  stop(): void;
}

// Built next to this file by tsc; absent when the TypeScript sources run directly (tests).
const ENTRY = new URL("./examples-worker-entry.js", import.meta.url);
// ajv's compiles allocate much that lives a while: a young generation larger than V8's default (16 MB
// semi-spaces) spares most scavenges, as for the validators' compile thread (emit/threads/pool.ts).
const YOUNG_GENERATION_MB = 192;

/** Starts the worker (its modules load while the main thread checks the spec), or undefined where none can run, or gain ("auto" on one core). */
export function startExampleWorker(threads: "auto" | "always"): ExampleWorker | undefined {
  if ((threads === "auto" && os.availableParallelism() < 2) || !existsSync(fileURLToPath(ENTRY))) return undefined;
  const worker = new Worker(ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  worker.unref();
  const reply = new Promise<ExampleReport[]>((resolve, reject) => {
    worker.once("message", (m: WorkerReply) => ("reports" in m ? resolve(m.reports) : reject(new Error(m.error))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`lint's example worker exited (code ${code}) before replying`)));
  });
  reply.catch(() => {}); // read by run(); a worker never sent a job may fail unheard
  return {
    run(job) {
      try {
        worker.postMessage(job); // cloned now: a value structured clone refuses throws here
      } catch (e) {
        return Promise.reject(e);
      }
      worker.ref(); // the reply is awaited: the process must not end before it comes
      return reply.finally(() => worker.unref());
    },
    stop() {
      void worker.terminate();
    },
  };
}
