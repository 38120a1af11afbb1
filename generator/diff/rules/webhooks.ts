/**
 * Webhooks (OpenAPI 3.1 `webhooks`): requests the API sends to its consumers, compared by name, then by
 * method, as sent path items (sent-path-item.ts: the payload as a response). Each method of a webhook is
 * reported as its own operation, `webhook newPet (POST)`.
 */
import { isObject } from "../../openapi/kinds.js";
import { child, type DiffContext } from "../context.js";
import { compareSentPathItem } from "./sent-path-item.js";

export function compareWebhooks(ctx: DiffContext): void {
  const bw = isObject(ctx.base.document.webhooks) ? ctx.base.document.webhooks : {};
  const hw = isObject(ctx.head.document.webhooks) ? ctx.head.document.webhooks : {};
  for (const name of new Set([...Object.keys(bw), ...Object.keys(hw)])) {
    if (name.startsWith("x-")) continue;
    const ptr = child("/webhooks", name);
    const b = Object.prototype.hasOwnProperty.call(bw, name) ? ctx.deref("base", bw[name], ptr) : undefined;
    const h = Object.prototype.hasOwnProperty.call(hw, name) ? ctx.deref("head", hw[name], ptr) : undefined;
    const label = (method: string) => `webhook ${name} (${method})`;
    compareSentPathItem(ctx, { kind: "webhook", label, operation: label }, b, h, { base: "/webhooks", head: "/webhooks" });
  }
  ctx.operation = undefined;
}
