/**
 * Parameters of one operation (path-level ones included, the operation's overriding them), keyed by
 * location and name; classified by who writes them (flow.ts): consumers for an operation the API serves,
 * the API for a webhook or callback it sends.
 */
import type { JsonObject } from "../../openapi/kinds.js";
import { child, impact, NOT_BREAKING, q, textOf, type DiffContext } from "../context.js";
import { compareSchemas } from "./schemas.js";
import { encodingOf, valueSchema, type ValueSchema } from "./schema-or-content.js";
import { added, becameOptional, becameRequired, fieldRemoved, type Flow } from "../flow.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";

export interface OperationSite {
  op: JsonObject;
  opPtr: string;
  item: JsonObject;
  itemPtr: string;
}

interface Param {
  value: JsonObject;
  /** Where it is written (the operation's or path item's list entry). */
  pointer: string;
  /** Where its fields are (the `$ref` target, or the entry itself). */
  target: string;
  in: string;
  name: string;
}

/** Header names are case-insensitive (RFC 9110 §5.1); the others are not. */
const keyOf = (where: string, name: string) => `${where}:${where === "header" ? name.toLowerCase() : name}`;

function paramsOf(ctx: DiffContext, which: "base" | "head", site: OperationSite, pathRenames: Map<string, string>): Map<string, Param> {
  const out = new Map<string, Param>();
  const add = (list: unknown, ptr: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const pointer = child(ptr, "parameters", String(i));
      const at = ctx.deref(which, raw, pointer);
      if (!at || typeof at.value.name !== "string" || typeof at.value.in !== "string") return;
      // Path variables are matched by their place in the template, so a rename is one change, not two.
      const name = at.value.in === "path" ? (pathRenames.get(at.value.name) ?? at.value.name) : at.value.name;
      out.set(keyOf(at.value.in, name), { value: at.value, pointer, target: at.pointer, in: at.value.in, name: at.value.name });
    });
  };
  add(site.item.parameters, site.itemPtr);
  add(site.op.parameters, site.opPtr);
  return out;
}

/**
 * `op`: the operation in messages; `f`: how its request flows (SERVED or SENT, flow.ts: a webhook's or
 * callback's parameters are written by the API and read by consumers); `renames`: base path variable name
 * -> head name, for templates that differ only in variable names.
 */
export function compareParameters(ctx: DiffContext, op: string, f: Flow, base: OperationSite, head: OperationSite, renames: Map<string, string>): void {
  const bp = paramsOf(ctx, "base", base, renames);
  const hp = paramsOf(ctx, "head", head, new Map());
  const label = (p: Param) => `${op} ${p.in} parameter ${q(p.name)}`;
  const byName = (m: Map<string, Param>, p: Param) => [...m.values()].find((x) => x.name.toLowerCase() === p.name.toLowerCase() && x.in !== p.in);
  const moved = new Set<Param>();

  for (const [key, b] of bp) {
    const h = hp.get(key);
    if (h) {
      compareParameter(ctx, f, b, h, label(h));
      continue;
    }
    const elsewhere = byName(hp, b);
    if (elsewhere && !bp.has(keyOf(elsewhere.in, elsewhere.name))) {
      moved.add(elsewhere);
      ctx.emit("parameter-location-changed", `${label(b)}: moved from ${b.in} to ${elsewhere.in}`, { client: true, server: true }, { base: b.pointer, head: elsewhere.pointer });
      continue;
    }
    const verdict = removalVerdict(deprecationOf(b.value), ctx.policy);
    if (verdict.allowed) ctx.emit("parameter-removed-after-sunset", `${label(b)}: removed; ${verdict.why}`, NOT_BREAKING, { base: b.pointer, head: head.opPtr });
    else {
      const removed = fieldRemoved(f);
      ctx.emit("parameter-removed", `${label(b)}: removed (${removed.why}); ${verdict.why}`, removed.breaking, { base: b.pointer, head: head.opPtr });
    }
  }
  for (const [key, h] of hp) {
    if (bp.has(key) || moved.has(h)) continue;
    const required = h.value.required === true;
    const v = added(f, required);
    ctx.emit("parameter-added", `${label(h)}: ${required ? "required" : "optional"} parameter added${v.why ? ` (${v.why})` : ""}`, v.breaking, { base: base.opPtr, head: h.pointer });
  }
}

function compareParameter(ctx: DiffContext, f: Flow, b: Param, h: Param, label: string): void {
  const where = { base: b.target, head: h.target };
  if (b.in === "path" && b.name !== h.name) {
    ctx.emit("path-parameter-renamed", `${label}: path variable renamed from ${q(b.name)} (the wire is unchanged; generated client inputs and server handler types change)`, { client: true, server: true }, { base: b.pointer, head: h.pointer });
  }
  const bReq = b.value.required === true;
  const hReq = h.value.required === true;
  if (!bReq && hReq) {
    const v = becameRequired(f, "it");
    ctx.emit("parameter-became-required", `${label}: became required (${v.why})`, v.breaking, { base: b.target, head: child(h.target, "required") });
  }
  if (bReq && !hReq) {
    const v = becameOptional(f, "it");
    ctx.emit("parameter-became-optional", `${label}: became optional (${v.why})`, v.breaking, { base: child(b.target, "required"), head: h.target });
  }
  if (b.value.deprecated !== true && h.value.deprecated === true) ctx.emit("parameter-deprecated", `${label}: deprecated`, NOT_BREAKING, { base: b.target, head: child(h.target, "deprecated") });
  ctx.checkNotice(b.value, h.value, label, { base: b.target, head: sunsetPointer(h.value, h.target) });
  const style = (p: Param) => `${textOf(p.value.style ?? defaultStyle(p.in))}/${textOf(p.value.explode ?? (p.value.style ?? defaultStyle(p.in)) === "form")}`;
  if (style(b) !== style(h)) {
    ctx.emit("parameter-serialization-changed", `${label}: serialization changed from ${style(b)} to ${style(h)} (style/explode)`, impact(f.dir, "changed"), where);
  }
  const bs = valueSchema(b.value, b.target);
  const hs = valueSchema(h.value, h.target);
  if (!bs || !hs) return;
  if (encodingOf(bs) !== encodingOf(hs)) {
    const text = (v: ValueSchema) => (v.media === undefined ? "a schema (its style)" : `content ${q(v.media)}`);
    ctx.emit("parameter-serialization-changed", `${label}: now written as ${text(hs)}, was ${text(bs)} (both sides must agree on the encoding)`, impact(f.dir, "changed"), { base: bs.pointer, head: hs.pointer });
  }
  compareSchemas(ctx, { value: bs.schema, pointer: bs.pointer }, { value: hs.schema, pointer: hs.pointer }, f.dir, hs.media === undefined ? label : `${label} (${hs.media})`);
}

function defaultStyle(where: string): string {
  return where === "query" || where === "cookie" ? "form" : "simple";
}
