/**
 * Webhooks (OpenAPI 3.1 `webhooks`): requests the API sends to its consumers. The roles turn around: the
 * payload is data the provider writes and consumers read, so it is compared as a response (narrowing it
 * binds the provider, widening it breaks consumers). What the consumer's receiver answers is not compared.
 */
import { FIXED_METHODS, isObject, operationsOfItem } from "../../openapi/kinds.js";
import { child, NOT_BREAKING, type DiffContext } from "../context.js";
import { compareSchemas } from "./schemas.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";

export function compareWebhooks(ctx: DiffContext): void {
  const bw = isObject(ctx.base.document.webhooks) ? ctx.base.document.webhooks : {};
  const hw = isObject(ctx.head.document.webhooks) ? ctx.head.document.webhooks : {};
  for (const name of new Set([...Object.keys(bw), ...Object.keys(hw)])) {
    if (name.startsWith("x-")) continue;
    const ptr = child("/webhooks", name);
    const b = Object.prototype.hasOwnProperty.call(bw, name) ? ctx.deref("base", bw[name], ptr) : undefined;
    const h = Object.prototype.hasOwnProperty.call(hw, name) ? ctx.deref("head", hw[name], ptr) : undefined;
    const bOps = new Map(b ? operationsOfItem(b.value).map((o) => [o.httpMethod, o]) : []);
    const hOps = new Map(h ? operationsOfItem(h.value).map((o) => [o.httpMethod, o]) : []);
    // the fixed methods in their order (as before 3.2), then the others as they come
    const fixed = FIXED_METHODS.map((m) => m.toUpperCase()).filter((m) => bOps.has(m) || hOps.has(m));
    for (const method of new Set([...fixed, ...bOps.keys(), ...hOps.keys()])) {
      const bo = bOps.get(method);
      const ho = hOps.get(method);
      const bOp = bo?.operation;
      const hOp = ho?.operation;
      ctx.operation = `webhook ${name} (${method})`;
      const segments = (bo ?? ho)!.segments;
      const at = { base: child(b?.pointer ?? ptr, ...(bo?.segments ?? segments)), head: child(h?.pointer ?? ptr, ...(ho?.segments ?? segments)) };
      if (!isObject(hOp)) {
        // a webhook is an operation: deprecated with an x-sunset that has come, it may go (as operations may)
        const verdict = removalVerdict(deprecationOf(bOp), ctx.policy);
        const where = { base: at.base, head: h?.pointer ?? "/webhooks" };
        if (verdict.allowed) ctx.emit("webhook-removed-after-sunset", `${ctx.operation}: removed; ${verdict.why}`, NOT_BREAKING, where);
        else ctx.emit("webhook-removed", `${ctx.operation}: removed (consumers no longer receive it); ${verdict.why}`, { client: true, server: false }, where);
      } else if (!isObject(bOp)) {
        ctx.emit("webhook-added", `${ctx.operation}: added (the API must send it)`, { client: false, server: true }, { base: b?.pointer ?? "/webhooks", head: at.head });
      } else {
        if (bOp.deprecated !== true && hOp.deprecated === true) ctx.emit("webhook-deprecated", `${ctx.operation}: deprecated`, NOT_BREAKING, { base: at.base, head: child(at.head, "deprecated") });
        ctx.checkNotice(bOp, hOp, ctx.operation, { base: at.base, head: sunsetPointer(hOp, at.head) });
        comparePayload(ctx, bOp.requestBody, child(at.base, "requestBody"), hOp.requestBody, child(at.head, "requestBody"));
      }
    }
  }
  ctx.operation = undefined;
}

function comparePayload(ctx: DiffContext, b: unknown, bPtr: string, h: unknown, hPtr: string): void {
  const bb = b === undefined ? undefined : ctx.deref("base", b, bPtr);
  const hb = h === undefined ? undefined : ctx.deref("head", h, hPtr);
  if (!bb || !hb) return;
  const bc = isObject(bb.value.content) ? bb.value.content : {};
  const hc = isObject(hb.value.content) ? hb.value.content : {};
  for (const media of Object.keys(bc)) {
    const x = bc[media];
    const y = hc[media];
    if (!isObject(x) || !isObject(y) || x.schema === undefined || y.schema === undefined) continue;
    const base = { value: x.schema, pointer: child(bb.pointer, "content", media, "schema") };
    const head = { value: y.schema, pointer: child(hb.pointer, "content", media, "schema") };
    compareSchemas(ctx, base, head, "response", `${ctx.operation} payload (${media})`);
  }
}
