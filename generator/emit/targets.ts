/**
 * The targets a package can hold, each one pure emitter. Adding a target is one line here; the CLI, the
 * config checks and the package's `exports` map all read this table.
 */
import type { ApiIR } from "../ir/types.js";
import { ALL_TARGETS, type EmitContext, type EmittedFile, type Target } from "./emitter.js";
import { emitTypes } from "./types/index.js";
import { emitClient } from "./client/index.js";

export const TARGET_EMITTERS = {
  types: emitTypes,
  client: emitClient,
} satisfies Record<Target, (ir: ApiIR, ctx: EmitContext) => EmittedFile[]>;

/** Targets whose modules import another target's: the client's types come from `types.ts`. */
const REQUIRES: Partial<Record<Target, Target[]>> = { client: ["types"] };

/** The targets asked for plus those they need, in `ALL_TARGETS` order. */
export function withRequiredTargets(targets: readonly Target[]): Target[] {
  const wanted = new Set(targets.flatMap((t) => [t, ...(REQUIRES[t] ?? [])]));
  return ALL_TARGETS.filter((t) => wanted.has(t));
}
