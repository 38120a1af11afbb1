/**
 * The targets a package can hold, each one pure emitter. Adding a target is one line here; the CLI, the
 * config checks and the package's `exports` map all read this table.
 */
import type { ApiIR } from "../ir/types.js";
import type { EmitContext, EmittedFile } from "./emitter.js";
import { emitTypes } from "./types/index.js";
import { emitClient } from "./client/index.js";
import { emitValidators } from "./validators/index.js";
import { emitServer } from "./server/index.js";
import type { Target } from "./emitter.js";

export const TARGET_EMITTERS = {
  types: emitTypes,
  client: emitClient,
  validators: emitValidators,
  server: emitServer,
} satisfies Record<Target, (ir: ApiIR, ctx: EmitContext) => EmittedFile[] | Promise<EmittedFile[]>>;

/**
 * Targets that hand work to other threads, started first and in this order, so the rest are emitted
 * meanwhile: the types send theirs at once, the validators after building their schema set.
 */
export const STARTS_FIRST: readonly Target[] = ["types", "validators"];

/** Targets whose code imports another target's module (with these generation options). */
const REQUIRES: Partial<Record<Target, (options: TargetOptions) => Target[]>> = {
  // a client generated with `validateResponses` or `validateRequests` imports the validators' tables
  client: (o) => (o.client?.validateResponses || o.client?.validateRequests ? ["types", "validators"] : ["types"]),
  validators: () => ["types"],
  server: () => ["types", "validators"],
};

export type TargetOptions = Pick<EmitContext, "client">;

/** The requested targets plus what they need, in ALL_TARGETS order. */
export function withDependencies(targets: readonly Target[], all: readonly Target[], options: TargetOptions = {}): Target[] {
  const wanted = new Set<Target>();
  const add = (t: Target) => {
    if (wanted.has(t)) return;
    wanted.add(t);
    for (const d of REQUIRES[t]?.(options) ?? []) add(d);
  };
  targets.forEach(add);
  return all.filter((t) => wanted.has(t));
}
