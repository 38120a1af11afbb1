/** The worker thread of examples-worker.ts: runs the example rules on the document it is sent, replies with their reports. */
import { parentPort } from "node:worker_threads";
import { defaultValid, exampleValid, prepareAjv } from "./rules/examples.js";
import type { LintContext } from "./types.js";
import type { ExampleJob, ExampleReport, WorkerReply } from "./examples-worker.js";

const RULES = new Map([exampleValid, defaultValid].map((r) => [r.id, r]));

async function run(job: ExampleJob): Promise<ExampleReport[]> {
  const reports: ExampleReport[] = [];
  const memo = new Map<string, unknown>();
  let current = "";
  const absent = (what: string): never => {
    throw new Error(`lint's example worker has no ${what}: a rule it runs must read only document, hadExample, memo and report (examples-worker.ts)`);
  };
  const ctx: LintContext = {
    document: job.document,
    hadExample: new WeakSet(job.hadExample),
    get written() { return absent("written"); },
    get root() { return absent("root"); },
    get version() { return absent("version"); },
    get sources() { return absent("sources"); },
    get deepRefs() { return absent("deepRefs"); },
    report: (pointer, message, help, parts) => void reports.push({ ruleId: current, pointer, message, help, ...(parts ? { parts } : {}) }),
    reportAt: () => absent("reportAt"),
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
  for (const id of job.rules) {
    const rule = RULES.get(id) ?? absent(`rule '${id}'`);
    current = id;
    await rule.check(ctx);
  }
  return reports;
}

// While the main thread still reads and normalizes the spec: ajv, its format checkers and meta-schema
prepareAjv();

parentPort!.once("message", (job: ExampleJob) => {
  run(job).then(
    (reports) => parentPort!.postMessage({ reports } satisfies WorkerReply),
    (e: unknown) => parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) } satisfies WorkerReply),
  );
});
