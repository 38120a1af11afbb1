/** An operation's request body: presence, `required`, media types and their schemas (compared as requests). */
import { isObject } from "../../openapi/kinds.js";
import { child, mediaTypes, q, type DiffContext } from "../context.js";
import { compareSchemas } from "./schemas.js";
import type { OperationSite } from "./parameters.js";

export function compareRequestBody(ctx: DiffContext, base: OperationSite, head: OperationSite): void {
  const op = ctx.operation ?? "";
  const bPtr = child(base.opPtr, "requestBody");
  const hPtr = child(head.opPtr, "requestBody");
  const b = base.op.requestBody === undefined ? undefined : ctx.deref("base", base.op.requestBody, bPtr);
  const h = head.op.requestBody === undefined ? undefined : ctx.deref("head", head.op.requestBody, hPtr);
  if (!b && !h) return;
  if (!h) {
    ctx.emit("request-body-removed", `${op}: request body removed (generated clients no longer send one)`, { client: true, server: false }, { base: bPtr, head: head.opPtr });
    return;
  }
  if (!b) {
    const required = h.value.required === true;
    ctx.emit("request-body-added", `${op}: ${required ? "required" : "optional"} request body added (${required ? "clients must send it, " : ""}servers must read it)`, { client: required, server: true }, { base: base.opPtr, head: hPtr });
    return;
  }
  const bReq = b.value.required === true;
  const hReq = h.value.required === true;
  if (!bReq && hReq) ctx.emit("request-body-became-required", `${op}: request body became required`, { client: true, server: false }, { base: b.pointer, head: child(h.pointer, "required") });
  if (bReq && !hReq) ctx.emit("request-body-became-optional", `${op}: request body became optional (servers must cope without one)`, { client: false, server: true }, { base: child(b.pointer, "required"), head: h.pointer });

  const bc = isObject(b.value.content) ? b.value.content : {};
  const hc = isObject(h.value.content) ? h.value.content : {};
  const bm = mediaTypes(bc);
  const hm = mediaTypes(hc);
  for (const [key, media] of bm) {
    const other = hm.get(key);
    const at = { base: child(b.pointer, "content", media), head: child(h.pointer, "content", other ?? media) };
    if (other === undefined) {
      ctx.emit("request-media-type-removed", `${op}: request media type ${q(media)} removed (clients sending it are refused)`, { client: true, server: false }, { base: at.base, head: child(h.pointer, "content") });
      continue;
    }
    const x = bc[media];
    const y = hc[other];
    if (isObject(x) && isObject(y) && x.schema !== undefined && y.schema !== undefined) {
      compareSchemas(ctx, { value: x.schema, pointer: child(at.base, "schema") }, { value: y.schema, pointer: child(at.head, "schema") }, "request", `${op} request body (${other})`);
    }
  }
  for (const [key, media] of hm) {
    if (bm.has(key)) continue;
    ctx.emit("request-media-type-added", `${op}: request media type ${q(media)} added (servers must accept it)`, { client: false, server: true }, { base: child(b.pointer, "content"), head: child(h.pointer, "content", media) });
  }
}
