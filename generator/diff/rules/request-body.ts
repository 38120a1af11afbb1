/**
 * An operation's request body: presence, `required`, media types and their schemas. Classified by who
 * writes it (flow.ts): consumers for an operation the API serves, the API for a webhook's or callback's
 * payload.
 */
import { child, type DiffContext } from "../context.js";
import { added, becameOptional, becameRequired, contentRemoved, type Flow } from "../flow.js";
import { compareContent } from "./content.js";
import type { OperationSite } from "./parameters.js";

/** `op`: the operation in messages; `f`: how its request flows (SERVED or SENT). */
export function compareRequestBody(ctx: DiffContext, op: string, f: Flow, base: OperationSite, head: OperationSite): void {
  const bPtr = child(base.opPtr, "requestBody");
  const hPtr = child(head.opPtr, "requestBody");
  const b = base.op.requestBody === undefined ? undefined : ctx.deref("base", base.op.requestBody, bPtr);
  const h = head.op.requestBody === undefined ? undefined : ctx.deref("head", head.op.requestBody, hPtr);
  if (!b && !h) return;
  if (!h) {
    const v = contentRemoved(f, "one");
    ctx.emit("request-body-removed", `${op}: ${f.body} removed (${v.why})`, v.breaking, { base: bPtr, head: head.opPtr });
    return;
  }
  if (!b) {
    const required = h.value.required === true;
    const v = added(f, required);
    ctx.emit("request-body-added", `${op}: ${required ? "required" : "optional"} ${f.body} added${v.why ? ` (${v.why})` : ""}`, v.breaking, { base: base.opPtr, head: hPtr });
    return;
  }
  const bReq = b.value.required === true;
  const hReq = h.value.required === true;
  if (!bReq && hReq) {
    const v = becameRequired(f, "one");
    ctx.emit("request-body-became-required", `${op}: ${f.body} became required (${v.why})`, v.breaking, { base: b.pointer, head: child(h.pointer, "required") });
  }
  if (bReq && !hReq) {
    const v = becameOptional(f, "one");
    ctx.emit("request-body-became-optional", `${op}: ${f.body} became optional (${v.why})`, v.breaking, { base: child(b.pointer, "required"), head: h.pointer });
  }
  compareContent(ctx, f, b, h, { ids: { removed: "request-media-type-removed", added: "request-media-type-added" }, label: op, schemas: `${op} ${f.body}` });
}
