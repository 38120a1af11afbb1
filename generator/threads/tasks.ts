/**
 * The work that may run on a worker thread (pool.ts): each a pure function of a cloneable input, so
 * its output is the same on a thread or inline. A task's module is loaded when its thread starts, which
 * may be before its input is ready (ajv, or TypeScript with openapi-typescript: a few hundred ms each).
 */
import type { CompiledModule, CompileInput } from "../emit/validators/compile.js";
import type { SchemaFileInput } from "../emit/types/schema-file.js";
import type { ExampleJob, ExampleReport } from "../lint/examples-worker.js";

export interface Tasks {
  /** The validators' ajv compile of one module (validators/compile.ts). */
  validators: (input: CompileInput) => CompiledModule;
  /** The types' `src/schema.ts` (types/schema-file.ts). */
  schema: (input: SchemaFileInput) => string;
  /** lint's example rules (lint/examples-worker.ts). */
  examples: (job: ExampleJob) => Promise<ExampleReport[]>;
}

export type TaskName = keyof Tasks;

export const TASK_LOADERS: { [K in TaskName]: () => Promise<Tasks[K]> } = {
  validators: async () => {
    const { compileModule, loadAjv } = await import("../emit/validators/compile.js");
    loadAjv();
    return compileModule;
  },
  schema: async () => (await import("../emit/types/schema-file.js")).emitSchemaFile,
  // ajv, its format checkers and meta-schema made while the main thread still reads the spec
  examples: async () => {
    const [{ runExampleRules }, { prepareAjv }] = await Promise.all([import("../lint/examples-worker.js"), import("../lint/rules/examples.js")]);
    prepareAjv();
    return runExampleRules;
  },
};
