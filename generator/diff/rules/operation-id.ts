/** An operationId added, removed or changed: the wire stays as it was, generated code is renamed (both sides). */
import { child, q, type DiffContext } from "../context.js";
import type { OperationSite } from "./parameters.js";

/** `renamed`: what generated code is renamed, in words. */
export function compareOperationId(ctx: DiffContext, label: string, renamed: string, b: OperationSite, h: OperationSite): void {
  const bId = typeof b.op.operationId === "string" ? b.op.operationId : undefined;
  const hId = typeof h.op.operationId === "string" ? h.op.operationId : undefined;
  if (bId === hId) return;
  const text = bId === undefined ? `operationId ${q(hId!)} added` : hId === undefined ? `operationId ${q(bId)} removed` : `operationId changed from ${q(bId)} to ${q(hId)}`;
  ctx.emit("operation-id-changed", `${label}: ${text} (the wire is unchanged, but ${renamed})`, { client: true, server: true }, { base: child(b.opPtr, "operationId"), head: child(h.opPtr, "operationId") });
}
