/**
 * JSON Schema keywords beyond the OpenAPI 3.0 subset: `prefixItems` (tuples, 2020-12 §10.3.1.1),
 * `patternProperties` (§10.3.2.2), `dependentRequired` (§6.5.4) and `not` (§10.2.1.4). Each change narrows
 * or widens the values a schema accepts, and `impact` turns that into who it breaks, as for the other rules.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, impact, q, type DiffContext, type Effect } from "../context.js";
import { sameSchema, type SchemaPair } from "./schema-values.js";
import { compareSchemas, isFalseSchema, openness } from "./schemas.js";

/**
 * Tuple positions paired by index; a position only one side has was governed by the other's `items` (or
 * nothing), so it narrows an open tuple and widens a closed one (`items: false`). Closing or opening the
 * tuple itself is a bound on its length.
 */
export function comparePrefixItems(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const bl = Array.isArray(p.b.prefixItems) ? p.b.prefixItems : [];
  const hl = Array.isArray(p.h.prefixItems) ? p.h.prefixItems : [];
  const bClosed = isFalseSchema(p.b.items);
  const hClosed = isFalseSchema(p.h.items);
  for (let i = 0; i < Math.max(bl.length, hl.length); i++) {
    const at = { base: child(p.bPtr, "prefixItems", String(i)), head: child(p.hPtr, "prefixItems", String(i)) };
    const name = `${path}[${i}]`;
    if (i < bl.length && i < hl.length) {
      compareSchemas(ctx, { value: bl[i], pointer: at.base }, { value: hl[i], pointer: at.head }, p.dir, where, name);
    } else if (i < hl.length) {
      const effect: Effect = bClosed ? "widened" : "narrowed";
      const why = bClosed ? "the tuple may now be longer" : "the item at that position is now constrained";
      ctx.emit("prefix-item-added", `${where}, ${q(name)}: tuple position added (${why})`, impact(p.dir, effect), { base: child(p.bPtr, bl.length ? "prefixItems" : "items"), head: at.head });
    } else {
      const effect: Effect = hClosed ? "narrowed" : "widened";
      const why = hClosed ? "the tuple may no longer be that long" : "the item at that position is no longer constrained";
      ctx.emit("prefix-item-removed", `${where}, ${q(name)}: tuple position removed (${why})`, impact(p.dir, effect), { base: at.base, head: child(p.hPtr, hl.length ? "prefixItems" : "items") });
    }
  }
  if (bClosed === hClosed) return;
  const n = hl.length;
  const label = path ? `${where}, ${q(path)}` : where;
  const text = hClosed ? `items beyond the first ${n} no longer allowed (tightened)` : `items beyond the first ${bl.length} now allowed (loosened)`;
  ctx.emit(hClosed ? "constraint-tightened" : "constraint-loosened", `${label}: ${text}`, impact(p.dir, hClosed ? "narrowed" : "widened"), { base: child(p.bPtr, "items"), head: child(p.hPtr, "items") });
}

/**
 * `patternProperties`: a pattern only one side has governs names that the object's `additionalProperties`
 * governed on the other side: constraining names an open object allowed narrows it, allowing names a closed
 * object refused widens it, and against an `additionalProperties` schema it is a change both ways.
 */
export function comparePatternProperties(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const bp = isObject(p.b.patternProperties) ? p.b.patternProperties : {};
  const hp = isObject(p.h.patternProperties) ? p.h.patternProperties : {};
  const label = path ? `${where}, ${q(path)}` : where;
  const own = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const pattern of Object.keys(bp)) {
    const base = child(p.bPtr, "patternProperties", pattern);
    if (own(hp, pattern)) {
      compareSchemas(ctx, { value: bp[pattern], pointer: base }, { value: hp[pattern], pointer: child(p.hPtr, "patternProperties", pattern) }, p.dir, where, `${path}{/${pattern}/}`);
      continue;
    }
    const rest = openness(p.h);
    const effect: Effect = rest === "open" ? "widened" : rest === "closed" ? "narrowed" : "changed";
    const why = rest === "open" ? "names matching it are no longer constrained" : rest === "closed" ? "names matching it are no longer allowed" : "names matching it now follow additionalProperties";
    ctx.emit("pattern-property-removed", `${label}: patternProperties ${q(pattern)} removed (${why})`, impact(p.dir, effect), { base, head: p.hPtr });
  }
  for (const pattern of Object.keys(hp)) {
    if (own(bp, pattern)) continue;
    const rest = openness(p.b);
    const effect: Effect = rest === "open" ? "narrowed" : rest === "closed" ? "widened" : "changed";
    const why = rest === "open" ? "names matching it are now constrained" : rest === "closed" ? "names matching it are now allowed" : "names matching it no longer follow additionalProperties";
    ctx.emit("pattern-property-added", `${label}: patternProperties ${q(pattern)} added (${why})`, impact(p.dir, effect), { base: p.bPtr, head: child(p.hPtr, "patternProperties", pattern) });
  }
}

/** `dependentRequired: {a: [b]}`: when `a` is present `b` must be too. Each (a, b) pair is one requirement. */
export function compareDependentRequired(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const pairs = (s: JsonObject) => {
    const out = new Map<string, [string, string]>();
    if (!isObject(s.dependentRequired)) return out;
    for (const [name, deps] of Object.entries(s.dependentRequired)) {
      if (Array.isArray(deps)) for (const d of deps) if (typeof d === "string") out.set(JSON.stringify([name, d]), [name, d]);
    }
    return out;
  };
  const bd = pairs(p.b);
  const hd = pairs(p.h);
  const label = path ? `${where}, ${q(path)}` : where;
  const at = (ptr: string, s: JsonObject, name?: string) => (name !== undefined && isObject(s.dependentRequired) && name in s.dependentRequired ? child(ptr, "dependentRequired", name) : ptr);
  for (const [k, [name, dep]] of bd) {
    if (hd.has(k)) continue;
    ctx.emit("dependent-required-removed", `${label}: ${q(dep)} no longer required when ${q(name)} is present`, impact(p.dir, "widened"), { base: at(p.bPtr, p.b, name), head: at(p.hPtr, p.h, name) }, dep);
  }
  for (const [k, [name, dep]] of hd) {
    if (bd.has(k)) continue;
    ctx.emit("dependent-required-added", `${label}: ${q(dep)} now required when ${q(name)} is present`, impact(p.dir, "narrowed"), { base: at(p.bPtr, p.b, name), head: at(p.hPtr, p.h, name) }, dep);
  }
}

/** The types a `not` schema excludes: all of them when it names none (its other keywords are compared as a whole). */
const ALL = ["array", "boolean", "integer", "null", "number", "object", "string"];
function excludedTypes(s: JsonObject): Set<string> {
  const t = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((x): x is string => typeof x === "string") : ALL;
  const out = new Set(t);
  if (out.has("number")) out.add("integer");
  return out;
}
const showTypes = (s: Set<string>) => [...s].filter((t) => t !== "integer" || !s.has("number")).sort().join(" | ");

/** What a `not` schema excludes, in words. */
function excluded(s: JsonObject): string {
  const keys = Object.keys(s);
  if (keys.length === 0) return "every value (the schema became false)";
  if (keys.length === 1 && keys[0] === "type") return showTypes(excludedTypes(s));
  return "values matching a schema";
}

/**
 * `not`: compared by the types it excludes (the usual use: `not: {type: "null"}`, or `false`, which
 * normalization writes `{not: {}}`). More excluded types narrow the schema, fewer widen it; a change to what
 * else the `not` schema says is read as changed both ways, since its effect on accepted values is inverted.
 */
export function compareNot(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const bn = ctx.deref("base", p.b.not, child(p.bPtr, "not"));
  const hn = ctx.deref("head", p.h.not, child(p.hPtr, "not"));
  if (!bn && !hn) return;
  const label = path ? `${where}, ${q(path)}` : where;
  const at = { base: bn ? child(p.bPtr, "not") : p.bPtr, head: hn ? child(p.hPtr, "not") : p.hPtr };
  if (!bn) {
    ctx.emit("not-added", `${label}: now excludes ${excluded(hn!.value)} (not)`, impact(p.dir, "narrowed"), at);
    return;
  }
  if (!hn) {
    ctx.emit("not-removed", `${label}: no longer excludes ${excluded(bn.value)} (not)`, impact(p.dir, "widened"), at);
    return;
  }
  const bt = excludedTypes(bn.value);
  const ht = excludedTypes(hn.value);
  const { type: _bt, ...bRest } = bn.value;
  const { type: _ht, ...hRest } = hn.value;
  const sameTypes = bt.size === ht.size && [...bt].every((t) => ht.has(t));
  // the same keywords written in another order are the same schema
  const sameRest = sameSchema(ctx, bRest, bn.pointer, hRest, hn.pointer);
  if (sameTypes && sameRest) return;
  if (!sameRest) {
    ctx.emit("not-changed", `${label}: the schema it must not match changed`, impact(p.dir, "changed"), at);
    return;
  }
  const grew = [...bt].every((t) => ht.has(t));
  const shrank = [...ht].every((t) => bt.has(t));
  const text = `excluded types changed from ${showTypes(bt)} to ${showTypes(ht)} (not)`;
  const effect: Effect = grew ? "narrowed" : shrank ? "widened" : "changed";
  ctx.emit("not-changed", `${label}: ${text}${effect === "changed" ? "" : ` (${effect})`}`, impact(p.dir, effect), at);
}
