/**
 * The example rules (`example-valid`, `default-valid`) on a worker thread (generator/threads/pool.ts), beside
 * the other rules on the main thread: ajv compiling a validator per example's schema is most of a large
 * spec's lint (GitHub's: two of four seconds). The main thread sends the normalized document once (a
 * structured clone: 0.2 s for GitHub's) and splices the reports back where the rules would have made them,
 * so findings and their order are those of running every rule in turn. Used for specs of 1 MB or more
 * (below that, starting a thread costs more than it saves); where a worker cannot run (no built file, as
 * under the tests' TypeScript loader) or fails, the rules run on the main thread as before.
 */
import type { JsonObject } from "../openapi/kinds.js";
import { defaultValid, exampleValid } from "./rules/examples.js";
import { memoIn, type LintContext } from "./types.js";

/** Rules the worker runs (each reads only `document`, `xWebhooks`, `hadExample`, `memo` and `report` of the context). */
export const WORKER_RULES: ReadonlySet<string> = new Set(["example-valid", "default-valid"]);

/** A spec file this large (characters) has its example rules run on a worker. */
export const WORKER_MIN_CHARS = 1_000_000;

/** What the main thread sends: the document, the objects of `hadExample` (in it), the rules to run in order. */
export interface ExampleJob {
  document: JsonObject;
  /** Whether the document's `x-webhooks` are read as webhooks (`LintContext.xWebhooks`). */
  xWebhooks: boolean;
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

const RULES = new Map([exampleValid, defaultValid].map((r) => [r.id, r]));

/** The thread's task: runs `job.rules` on its document; the reports in the order the rules made them. */
export async function runExampleRules(job: ExampleJob): Promise<ExampleReport[]> {
  const reports: ExampleReport[] = [];
  const memo = new Map<string, unknown>();
  let current = "";
  const absent = (what: string): never => {
    throw new Error(`lint's example worker has no ${what}: a rule it runs must read only document, xWebhooks, hadExample, memo and report (examples-worker.ts)`);
  };
  const ctx: LintContext = {
    document: job.document,
    xWebhooks: job.xWebhooks ? (job.document["x-webhooks"] as JsonObject) : undefined,
    hadExample: new WeakSet(job.hadExample),
    get written() { return absent("written"); },
    get root() { return absent("root"); },
    get version() { return absent("version"); },
    get sources() { return absent("sources"); },
    get deepRefs() { return absent("deepRefs"); },
    report: (pointer, message, help, parts) => void reports.push({ ruleId: current, pointer, message, help, ...(parts ? { parts } : {}) }),
    reportAt: () => absent("reportAt"),
    reportFailure: () => absent("reportFailure"),
    memo: memoIn(memo),
  };
  for (const id of job.rules) {
    const rule = RULES.get(id) ?? absent(`rule '${id}'`);
    current = id;
    await rule.check(ctx);
  }
  return reports;
}
