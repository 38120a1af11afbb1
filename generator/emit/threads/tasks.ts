/**
 * The work emitters may hand to a worker thread (pool.ts): each a pure function of a cloneable input, so
 * its output is the same on a thread or inline. A task's module is loaded when its thread starts, which
 * may be before its input is ready (ajv, or TypeScript with openapi-typescript: a few hundred ms each).
 */
import type { CompiledModule, CompileInput } from "../validators/compile.js";
import type { SchemaFileInput } from "../types/schema-file.js";

export interface Tasks {
  /** The validators' ajv compile of one module (validators/compile.ts). */
  validators: (input: CompileInput) => CompiledModule;
  /** The types' `src/schema.ts` (types/schema-file.ts). */
  schema: (input: SchemaFileInput) => string;
}

export type TaskName = keyof Tasks;

export const TASK_LOADERS: { [K in TaskName]: () => Promise<Tasks[K]> } = {
  validators: async () => {
    const { compileModule, loadAjv } = await import("../validators/compile.js");
    loadAjv();
    return compileModule;
  },
  // the thread's input is its own copy: openapi-typescript may write into it
  schema: async () => {
    const { emitSchemaFile } = await import("../types/schema-file.js");
    return (input) => emitSchemaFile(input, true);
  },
};
