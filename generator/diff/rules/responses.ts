/** An operation's responses: statuses, media types, headers and body schemas (compared as responses). */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, mediaTypes, NOT_BREAKING, q, type At, type DiffContext } from "../context.js";
import { compareSchemas } from "./schemas.js";
import type { OperationSite } from "./parameters.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

export function compareResponses(ctx: DiffContext, base: OperationSite, head: OperationSite): void {
  const op = ctx.operation ?? "";
  const bMap = isObject(base.op.responses) ? base.op.responses : {};
  const hMap = isObject(head.op.responses) ? head.op.responses : {};
  const bPtr = child(base.opPtr, "responses");
  const hPtr = child(head.opPtr, "responses");
  for (const status of Object.keys(bMap)) {
    if (status.startsWith("x-")) continue;
    const bAt = ctx.deref("base", bMap[status], child(bPtr, status));
    if (!Object.prototype.hasOwnProperty.call(hMap, status)) {
      const success = isSuccess(status);
      const why = success ? "clients expecting it get another response; servers must stop returning it" : "servers must stop returning it";
      ctx.emit("response-status-removed", `${op}: response ${status} removed (${why})`, { client: success, server: true }, { base: child(bPtr, status), head: hPtr });
      continue;
    }
    const hAt = ctx.deref("head", hMap[status], child(hPtr, status));
    if (bAt && hAt) compareResponse(ctx, bAt, hAt, `${op} response ${status}`);
  }
  for (const status of Object.keys(hMap)) {
    if (status.startsWith("x-") || Object.prototype.hasOwnProperty.call(bMap, status)) continue;
    const success = isSuccess(status);
    const why = success ? " (a client written before it may receive a success it does not know how to read)" : "";
    ctx.emit("response-status-added", `${op}: response ${status} added${why}`, { client: success, server: false }, { base: bPtr, head: child(hPtr, status) });
  }
}

function compareResponse(ctx: DiffContext, b: At, h: At, label: string): void {
  const bc = isObject(b.value.content) ? b.value.content : {};
  const hc = isObject(h.value.content) ? h.value.content : {};
  const bm = mediaTypes(bc);
  const hm = mediaTypes(hc);
  for (const [key, media] of bm) {
    const other = hm.get(key);
    const at = { base: child(b.pointer, "content", media), head: child(h.pointer, "content", other ?? media) };
    if (other === undefined) {
      ctx.emit("response-media-type-removed", `${label}: media type ${q(media)} removed (clients asking for it get something else; servers must stop sending it)`, { client: true, server: true }, { base: at.base, head: h.pointer });
      continue;
    }
    const x = bc[media];
    const y = hc[other];
    if (isObject(x) && isObject(y) && x.schema !== undefined && y.schema !== undefined) {
      compareSchemas(ctx, { value: x.schema, pointer: child(at.base, "schema") }, { value: y.schema, pointer: child(at.head, "schema") }, "response", `${label} (${other})`);
    }
  }
  for (const [key, media] of hm) {
    if (bm.has(key)) continue;
    ctx.emit("response-media-type-added", `${label}: media type ${q(media)} added (sent only to clients that ask for it)`, NOT_BREAKING, { base: b.pointer, head: child(h.pointer, "content", media) });
  }
  compareHeaders(ctx, b, h, label);
}

function headersOf(ctx: DiffContext, which: "base" | "head", at: At): Map<string, { name: string; at: At }> {
  const out = new Map<string, { name: string; at: At }>();
  const map = at.value.headers;
  if (!isObject(map)) return out;
  for (const name of Object.keys(map)) {
    const h = ctx.deref(which, map[name], child(at.pointer, "headers", name));
    if (h) out.set(name.toLowerCase(), { name, at: h });
  }
  return out;
}

function compareHeaders(ctx: DiffContext, b: At, h: At, label: string): void {
  const bh = headersOf(ctx, "base", b);
  const hh = headersOf(ctx, "head", h);
  const req = (x: JsonObject) => x.required === true;
  for (const [key, x] of bh) {
    const y = hh.get(key);
    const name = `${label}: header ${q(x.name)}`;
    if (!y) {
      // a Header object has `deprecated` (OpenAPI 3.x): with an x-sunset that has come, it may go
      const verdict = removalVerdict(deprecationOf(x.at.value), ctx.policy);
      if (verdict.allowed) ctx.emit("response-header-removed-after-sunset", `${name} removed; ${verdict.why}`, NOT_BREAKING, { base: x.at.pointer, head: h.pointer });
      else ctx.emit("response-header-removed", `${name} removed (clients reading it get nothing); ${verdict.why}`, { client: true, server: false }, { base: x.at.pointer, head: h.pointer });
      continue;
    }
    if (x.at.value.deprecated !== true && y.at.value.deprecated === true) ctx.emit("response-header-deprecated", `${name} deprecated`, NOT_BREAKING, { base: x.at.pointer, head: child(y.at.pointer, "deprecated") });
    ctx.checkNotice(x.at.value, y.at.value, name, { base: x.at.pointer, head: sunsetPointer(y.at.value, y.at.pointer) });
    if (req(x.at.value) && !req(y.at.value)) ctx.emit("response-header-became-optional", `${name} no longer required (clients may not find it)`, { client: true, server: false }, { base: x.at.pointer, head: y.at.pointer });
    if (!req(x.at.value) && req(y.at.value)) ctx.emit("response-header-became-required", `${name} became required (servers must always send it)`, { client: false, server: true }, { base: x.at.pointer, head: y.at.pointer });
    if (x.at.value.schema !== undefined && y.at.value.schema !== undefined) {
      compareSchemas(ctx, { value: x.at.value.schema, pointer: child(x.at.pointer, "schema") }, { value: y.at.value.schema, pointer: child(y.at.pointer, "schema") }, "response", name);
    }
  }
  for (const [key, y] of hh) {
    if (bh.has(key)) continue;
    const required = req(y.at.value);
    ctx.emit("response-header-added", `${label}: ${required ? "required" : "optional"} header ${q(y.name)} added${required ? " (servers must send it)" : ""}`, { client: false, server: required }, { base: b.pointer, head: y.at.pointer });
  }
}
