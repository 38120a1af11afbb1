/**
 * The targets a package can hold, each one pure emitter. Adding a target is one line here; the CLI, the
 * config checks and the package's `exports` map all read this table.
 */
import type { ApiIR } from "../ir/types.js";
import type { EmitContext, EmittedFile } from "./emitter.js";
import { emitTypes } from "./types/index.js";

export const TARGET_EMITTERS = {
  types: emitTypes,
} satisfies Record<string, (ir: ApiIR, ctx: EmitContext) => EmittedFile[]>;
