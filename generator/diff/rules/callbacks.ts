/**
 * An operation's callbacks (OpenAPI `callbacks`): requests the API sends to a URL the request names
 * (`{$request.body#/callbackUrl}`), compared as webhooks are (sent-path-item.ts: the payload as a
 * response), by name, then URL expression, then method. Their changes are reported at the operation that
 * declares them, so an ignore-file entry naming that operation covers its callbacks too.
 *
 * A shared callback (a `components.callbacks` entry) is compared once, at the first operation that
 * reaches it, as a shared schema is.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, q, type At, type DiffContext } from "../context.js";
import { compareSentPathItem } from "./sent-path-item.js";

/** An operation (a served one, or a sent one: a webhook's, a callback's) and its pointer. */
export interface CallbackOwner {
  op: JsonObject;
  pointer: string;
}

/** `label`: the operation in messages (`POST /subscriptions`). */
export function compareCallbacks(ctx: DiffContext, label: string, b: CallbackOwner, h: CallbackOwner): void {
  const bc = isObject(b.op.callbacks) ? b.op.callbacks : {};
  const hc = isObject(h.op.callbacks) ? h.op.callbacks : {};
  const bPtr = child(b.pointer, "callbacks");
  const hPtr = child(h.pointer, "callbacks");
  const missing = { base: isObject(b.op.callbacks) ? bPtr : b.pointer, head: isObject(h.op.callbacks) ? hPtr : h.pointer };
  for (const name of new Set([...Object.keys(bc), ...Object.keys(hc)])) {
    if (name.startsWith("x-")) continue;
    const bAt = has(bc, name) ? ctx.deref("base", bc[name], child(bPtr, name)) : undefined;
    const hAt = has(hc, name) ? ctx.deref("head", hc[name], child(hPtr, name)) : undefined;
    if (bAt && hAt) {
      const key = `callback\u0000${bAt.pointer}\u0000${hAt.pointer}`;
      if (ctx.compared.has(key)) continue;
      ctx.compared.add(key);
    }
    compareCallback(ctx, `${label} callback ${q(name)}`, bAt, hAt, missing);
  }
}

/**
 * One callback's URL expressions, paired by their text. When exactly one of the base's is gone and one
 * new one has come, the callback moved to another URL: `callback-url-changed`, then its methods compared
 * as one path item's.
 */
function compareCallback(ctx: DiffContext, label: string, b: At | undefined, h: At | undefined, missing: { base: string; head: string }): void {
  const expressions = (at: At | undefined) => (at ? Object.keys(at.value).filter((e) => !e.startsWith("x-")) : []);
  const bx = expressions(b);
  const hx = expressions(h);
  const gone = bx.filter((e) => !hx.includes(e));
  const come = hx.filter((e) => !bx.includes(e));
  const moved = gone.length === 1 && come.length === 1 ? { from: gone[0]!, to: come[0]! } : undefined;
  const pairs: Array<[string | undefined, string | undefined]> = [
    ...bx.map((e): [string, string | undefined] => [e, hx.includes(e) ? e : e === moved?.from ? moved.to : undefined]),
    ...come.filter((e) => e !== moved?.to).map((e): [undefined, string] => [undefined, e]),
  ];
  for (const [be, he] of pairs) {
    const bItem = b && be !== undefined ? ctx.deref("base", b.value[be], child(b.pointer, be)) : undefined;
    const hItem = h && he !== undefined ? ctx.deref("head", h.value[he], child(h.pointer, he)) : undefined;
    if (moved && be === moved.from) {
      const why = "consumers that gave the old one no longer receive it; the API must send to the new one";
      ctx.emit("callback-url-changed", `${label}: URL expression changed from ${q(moved.from)} to ${q(moved.to)} (${why})`, { client: true, server: true }, { base: child(b!.pointer, be), head: child(h!.pointer, he!) });
    }
    const expression = (he ?? be)!;
    const site = { kind: "callback" as const, label: (method: string) => `${label} ${method} ${q(expression)}` };
    compareSentPathItem(ctx, site, bItem, hItem, { base: b?.pointer ?? missing.base, head: h?.pointer ?? missing.head });
  }
}

const has = (o: JsonObject, key: string) => Object.prototype.hasOwnProperty.call(o, key);
