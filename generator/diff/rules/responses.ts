/**
 * An operation's responses: statuses, media types, headers and body schemas. Classified by who writes
 * them (flow.ts): the API for an operation it serves; for a webhook or callback it sends, the consumer's
 * receiver writes its answer and the API reads it.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, NOT_BREAKING, q, type At, type DiffContext } from "../context.js";
import { added, becameOptional, becameRequired, fieldRemoved, statusAdded, statusRemoved, type Flow } from "../flow.js";
import { compareContent } from "./content.js";
import { compareSchemas } from "./schemas.js";
import { valueSchema } from "./schema-or-content.js";
import type { OperationSite } from "./parameters.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** `op`: the operation in messages; `f`: how its responses flow (SERVED or SENT). */
export function compareResponses(ctx: DiffContext, op: string, f: Flow, base: OperationSite, head: OperationSite): void {
  const bMap = isObject(base.op.responses) ? base.op.responses : {};
  const hMap = isObject(head.op.responses) ? head.op.responses : {};
  const bPtr = child(base.opPtr, "responses");
  const hPtr = child(head.opPtr, "responses");
  for (const status of Object.keys(bMap)) {
    if (status.startsWith("x-")) continue;
    const bAt = ctx.deref("base", bMap[status], child(bPtr, status));
    if (!Object.prototype.hasOwnProperty.call(hMap, status)) {
      const v = statusRemoved(f, isSuccess(status));
      ctx.emit("response-status-removed", `${op}: response ${status} removed (${v.why})`, v.breaking, { base: child(bPtr, status), head: hPtr });
      continue;
    }
    const hAt = ctx.deref("head", hMap[status], child(hPtr, status));
    if (bAt && hAt) {
      const label = `${op} response ${status}`;
      compareContent(ctx, f, bAt, hAt, { ids: { removed: "response-media-type-removed", added: "response-media-type-added" }, label, schemas: label });
      compareHeaders(ctx, f, bAt, hAt, label);
    }
  }
  for (const status of Object.keys(hMap)) {
    if (status.startsWith("x-") || Object.prototype.hasOwnProperty.call(bMap, status)) continue;
    const v = statusAdded(f, isSuccess(status));
    ctx.emit("response-status-added", `${op}: response ${status} added${v.why ? ` (${v.why})` : ""}`, v.breaking, { base: bPtr, head: child(hPtr, status) });
  }
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

function compareHeaders(ctx: DiffContext, f: Flow, b: At, h: At, label: string): void {
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
      else {
        const removed = fieldRemoved(f);
        ctx.emit("response-header-removed", `${name} removed (${removed.why}); ${verdict.why}`, removed.breaking, { base: x.at.pointer, head: h.pointer });
      }
      continue;
    }
    if (x.at.value.deprecated !== true && y.at.value.deprecated === true) ctx.emit("response-header-deprecated", `${name} deprecated`, NOT_BREAKING, { base: x.at.pointer, head: child(y.at.pointer, "deprecated") });
    ctx.checkNotice(x.at.value, y.at.value, name, { base: x.at.pointer, head: sunsetPointer(y.at.value, y.at.pointer) });
    if (req(x.at.value) && !req(y.at.value)) {
      const v = becameOptional(f, "it");
      ctx.emit("response-header-became-optional", `${name} no longer required (${v.why})`, v.breaking, { base: x.at.pointer, head: y.at.pointer });
    }
    if (!req(x.at.value) && req(y.at.value)) {
      const v = becameRequired(f, "it");
      ctx.emit("response-header-became-required", `${name} became required (${v.why})`, v.breaking, { base: x.at.pointer, head: y.at.pointer });
    }
    // a header described by `content` is compared by that content's schema
    const xs = valueSchema(x.at.value, x.at.pointer);
    const ys = valueSchema(y.at.value, y.at.pointer);
    if (xs && ys) compareSchemas(ctx, { value: xs.schema, pointer: xs.pointer }, { value: ys.schema, pointer: ys.pointer }, f.dir, name);
  }
  for (const [key, y] of hh) {
    if (bh.has(key)) continue;
    const required = req(y.at.value);
    const v = added(f, required);
    ctx.emit("response-header-added", `${label}: ${required ? "required" : "optional"} header ${q(y.name)} added${v.why ? ` (${v.why})` : ""}`, v.breaking, { base: b.pointer, head: y.at.pointer });
  }
}
