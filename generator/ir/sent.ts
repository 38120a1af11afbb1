/** Requests the API sends, webhooks and callbacks (`ir.webhooks`), as the emitters name them. */
import type { OperationIR } from "./types.js";

/** Whether the API sends it (a webhook or callback), rather than serves it. */
export function sentByApi(op: Pick<OperationIR, "route">): boolean {
  return op.route !== undefined;
}

/** How docs and messages name it: "webhook `order.shipped`", "callback `onEvent` of `POST /subscribe`". */
export function sentLabel(op: Pick<OperationIR, "webhook" | "callback">): string {
  if (op.callback) {
    const owner = op.callback.owners[0]!;
    return `callback \`${op.callback.name}\` of \`${owner.httpMethod} ${owner.path}\``;
  }
  return `webhook \`${op.webhook}\``;
}

/** What the API sends, for docs: "webhooks", "callbacks" or "webhooks and callbacks" (with `one`: "webhook or callback"). */
export function sentNoun(ir: { webhooks: Pick<OperationIR, "webhook" | "callback">[] }, one = false): string {
  const webhooks = ir.webhooks.some((op) => op.webhook !== undefined);
  const callbacks = ir.webhooks.some((op) => op.callback !== undefined);
  const s = one ? "" : "s";
  return webhooks && callbacks ? `webhook${s} ${one ? "or" : "and"} callback${s}` : callbacks ? `callback${s}` : `webhook${s}`;
}
