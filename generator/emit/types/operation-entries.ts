/**
 * Where `types.ts` reaches an operation's type: `operations["listPets"]` where openapi-typescript put it
 * there, else the path item's member (`paths["/pets"]["get"]`, aliases.ts `operationType`). Both name the
 * same type (openapi-typescript writes the member as `get: operations["listPets"]`), but a consumer's tsc
 * resolves one indexed access less and never builds the path item's type (nor a string literal type per
 * path) for the alias: on GitHub's spec, 2,100 types fewer to check (bench/typecheck.mjs).
 *
 * openapi-typescript 7.13 (transform/path-item-object) writes `operations[id]` for an operation of the
 * eight fixed methods that has an `operationId` (its `#`s as `/`). In the copy it reads
 * (openapi-typescript-input.ts) an operation keeps its id but for a callback (callbacks.ts) and a webhook
 * whose path item is a `$ref` (inlined without its ids); 3.2's `query` and additional operations are
 * moved (operations-32.ts). An id two operations share (one path item under two paths) stays with the
 * path: `operations` would hold it once.
 */
import { HTTP_METHODS, isObject } from "../../openapi/kinds.js";
import type { ApiIR, OperationIR } from "../../ir/types.js";

const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** openapi-typescript's key in `operations`: the operationId with `#` as `/`. */
const keyFor = (op: OperationIR): string => op.operationId.replace(/#/g, "/");

/** Each operation whose type is `operations[key]`, with that key. */
export function operationEntries(ir: ApiIR): Map<OperationIR, string> {
  const webhooks = isObject(ir.document.webhooks) ? ir.document.webhooks : {};
  const keyOf = (op: OperationIR): string | undefined => {
    if (!op.explicitId || op.callback || op.segments.length !== 1 || !METHODS.has(op.segments[0]!)) return undefined;
    if (op.webhook !== undefined && (!Object.hasOwn(webhooks, op.webhook) || !isObject(webhooks[op.webhook]) || (webhooks[op.webhook] as Record<string, unknown>).$ref !== undefined)) return undefined;
    return keyFor(op);
  };
  const all = [...ir.operations, ...ir.webhooks];
  // every explicit id counts, placed or not: a key met twice is left to the paths
  const count = new Map<string, number>();
  for (const op of all.filter((o) => o.explicitId)) count.set(keyFor(op), (count.get(keyFor(op)) ?? 0) + 1);
  const entries = new Map<OperationIR, string>();
  for (const op of all) {
    const key = keyOf(op);
    if (key !== undefined && count.get(key) === 1) entries.set(op, key);
  }
  return entries;
}
