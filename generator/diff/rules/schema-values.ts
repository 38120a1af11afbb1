/**
 * Rules on the values one schema accepts: type, null, enum/const, numeric and size bounds, pattern and
 * format. Each change narrows or widens the accepted set; `impact` turns that into who it breaks.
 */
import { canonical } from "../../openapi/canonical.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, impact, q, type DiffContext, type Direction } from "../context.js";

export interface SchemaPair {
  b: JsonObject;
  h: JsonObject;
  bPtr: string;
  hPtr: string;
  dir: Direction;
  /** `GET /pets response 200 (application/json), 'items[].name'`, for messages. */
  label: string;
}

/** `type` without "null" (null is the nullable rules' business); undefined when the schema has no type. */
export function typesOf(s: JsonObject): Set<string> | undefined {
  if (typeof s.type === "string") return new Set([s.type].filter((t) => t !== "null"));
  if (Array.isArray(s.type)) return new Set(s.type.filter((t): t is string => typeof t === "string" && t !== "null"));
  return onlyNullListed(s) ? new Set() : undefined;
}

/** `const: null` or `enum: [null]` without a `type`: `type: "null"` said otherwise, compared as that. */
function onlyNullListed(s: JsonObject): boolean {
  return s.type === undefined && (Array.isArray(s.enum) ? s.enum.length > 0 && s.enum.every((v) => v === null) : "const" in s && s.const === null);
}

/** Every type in `inner` is accepted by `outer` (an integer is a number). */
function covers(outer: Set<string>, inner: Set<string>): boolean {
  return [...inner].every((t) => outer.has(t) || (t === "integer" && outer.has("number")));
}

// the types compared leave null to the nullable rules: none left is null alone
const show = (types: Set<string> | undefined) => (types === undefined ? "any" : types.size ? [...types].sort().join(" | ") : "null");

/** `bt`/`ht`: the schemas' types, their `allOf` members' included (see `effectiveTypes`). */
export function compareTypes(ctx: DiffContext, p: SchemaPair, bt: Set<string> | undefined, ht: Set<string> | undefined): void {
  if (bt === undefined && ht === undefined) return;
  // null alone listed against no type: the values rules say what that changes
  if ((bt === undefined && onlyNullListed(p.h)) || (ht === undefined && onlyNullListed(p.b))) return;
  if (bt && ht && bt.size === ht.size && [...bt].every((t) => ht.has(t))) return;
  const where = { base: child(p.bPtr, "type"), head: child(p.hPtr, "type") };
  const text = `type changed from ${show(bt)} to ${show(ht)}`;
  if (!bt || (ht && covers(bt, ht))) ctx.emit("type-narrowed", `${p.label}: ${text} (narrowed)`, impact(p.dir, "narrowed"), where);
  else if (!ht || covers(ht, bt)) ctx.emit("type-widened", `${p.label}: ${text} (widened)`, impact(p.dir, "widened"), where);
  else ctx.emit("type-changed", `${p.label}: ${text}`, impact(p.dir, "changed"), where);
}

export function compareNullable(ctx: DiffContext, p: SchemaPair, bNull: boolean, hNull: boolean): void {
  if (bNull === hNull) return;
  const where = { base: p.bPtr, head: p.hPtr };
  if (hNull) ctx.emit("nullable-added", `${p.label}: now allows null`, impact(p.dir, "widened"), where);
  else ctx.emit("nullable-removed", `${p.label}: no longer allows null`, impact(p.dir, "narrowed"), where);
}

/** The values an `enum` or `const` allows (null left to the nullable rules), or undefined for no restriction. */
function allowedValues(s: JsonObject): Map<string, unknown> | undefined {
  const list = Array.isArray(s.enum) ? s.enum : "const" in s ? [s.const] : undefined;
  if (!list) return undefined;
  // keyed by canonical JSON: an object value with its keys in another order is the same value
  const cache = new WeakMap<object, string>();
  return new Map(list.filter((v) => v !== null).map((v) => [canonical(v, cache), v]));
}

export function compareEnums(ctx: DiffContext, p: SchemaPair): void {
  const bv = allowedValues(p.b);
  const hv = allowedValues(p.h);
  if (!bv && !hv) return;
  const key = (s: JsonObject) => (Array.isArray(s.enum) ? "enum" : "const");
  // null alone listed against `type: "null"`: the same values
  if ((bv?.size === 0 && !hv && typesOf(p.h)?.size === 0) || (hv?.size === 0 && !bv && typesOf(p.b)?.size === 0)) return;
  if (!bv) {
    ctx.emit("enum-added", `${p.label}: values now restricted to ${list(hv!)}`, impact(p.dir, "narrowed"), { base: p.bPtr, head: child(p.hPtr, key(p.h)) });
    return;
  }
  if (!hv) {
    ctx.emit("enum-removed", `${p.label}: values no longer restricted (were ${list(bv)})`, impact(p.dir, "widened"), { base: child(p.bPtr, key(p.b)), head: p.hPtr });
    return;
  }
  const where = { base: child(p.bPtr, key(p.b)), head: child(p.hPtr, key(p.h)) };
  for (const [k, v] of bv) {
    if (hv.has(k)) continue;
    const why = p.dir === "response" ? " (servers must stop returning it)" : " (clients sending it are refused)";
    ctx.emit("enum-value-removed", `${p.label}: enum value ${JSON.stringify(v)} removed${why}`, impact(p.dir, "narrowed"), where, v);
  }
  for (const [k, v] of hv) {
    if (bv.has(k)) continue;
    const why = p.dir === "response" ? " (clients may receive a value they do not know)" : " (servers must accept it)";
    ctx.emit("enum-value-added", `${p.label}: enum value ${JSON.stringify(v)} added${why}`, impact(p.dir, "widened"), where, v);
  }
}

function list(values: Map<string, unknown>): string {
  if (values.size === 0) return "null";
  const shown = [...values.keys()].slice(0, 8).join(", ");
  return values.size > 8 ? `${shown}, ...` : shown;
}

/** Bounds: an upper bound tightens when it drops, a lower bound when it rises; absent means unbounded. */
const BOUNDS: Array<{ key: string; upper: boolean; absent?: number }> = [
  { key: "maxLength", upper: true },
  { key: "maxItems", upper: true },
  { key: "maxProperties", upper: true },
  { key: "maxContains", upper: true },
  { key: "minContains", upper: false, absent: 1 },
  { key: "minLength", upper: false, absent: 0 },
  { key: "minItems", upper: false, absent: 0 },
  { key: "minProperties", upper: false, absent: 0 },
];

/** A numeric bound in effect: the tighter of the inclusive and the exclusive keyword (3.0's boolean form is numeric after normalization). */
interface Limit {
  value: number;
  exclusive: boolean;
  key: string;
}

function limitOf(s: JsonObject, upper: boolean): Limit | undefined {
  const [inclusive, exclusive] = upper ? ["maximum", "exclusiveMaximum"] : ["minimum", "exclusiveMinimum"];
  const limits: Limit[] = [];
  if (typeof s[inclusive] === "number") limits.push({ value: s[inclusive] as number, exclusive: false, key: inclusive });
  if (typeof s[exclusive] === "number") limits.push({ value: s[exclusive] as number, exclusive: true, key: exclusive });
  // tighter: further in, or as far and exclusive
  const tighter = (a: Limit, b: Limit) => (a.value === b.value ? a.exclusive : upper ? a.value < b.value : a.value > b.value);
  return limits.reduce<Limit | undefined>((best, l) => (!best || tighter(l, best) ? l : best), undefined);
}

/** `maximum` against `exclusiveMaximum` (and the minimums): the bounds in effect compared, so `< 10` to `<= 10` is loosened. */
function compareLimits(ctx: DiffContext, p: SchemaPair, upper: boolean): void {
  const b = limitOf(p.b, upper);
  const h = limitOf(p.h, upper);
  if (!b && !h) return;
  if (b && h && b.value === h.value && b.exclusive === h.exclusive) return;
  const inward = (x: Limit, y: Limit) => (x.value === y.value ? x.exclusive && !y.exclusive : upper ? x.value < y.value : x.value > y.value);
  const tightened = !b ? true : !h ? false : inward(h, b);
  const text = !b ? `${h!.key} ${h!.value} added` : !h ? `${b.key} ${b.value} removed` : b.key === h.key ? `${h.key} changed from ${b.value} to ${h.value}` : `${b.key} ${b.value} became ${h.key} ${h.value}`;
  const key = h?.key ?? b!.key;
  bound(ctx, p, { base: b?.key ?? key, head: key }, tightened, text);
}

export function compareBounds(ctx: DiffContext, p: SchemaPair): void {
  compareLimits(ctx, p, true);
  compareLimits(ctx, p, false);
  // contains' counts mean something only beside contains; one added or removed is the contains rules' to report
  const counted = "contains" in p.b && "contains" in p.h;
  for (const { key, upper, absent } of BOUNDS) {
    if (!counted && (key === "minContains" || key === "maxContains")) continue;
    const bv = typeof p.b[key] === "number" ? (p.b[key] as number) : absent;
    const hv = typeof p.h[key] === "number" ? (p.h[key] as number) : absent;
    if (bv === hv) continue;
    const tightened = bv === undefined ? true : hv === undefined ? false : upper ? hv < bv : hv > bv;
    const text = bv === undefined ? `${key} ${hv} added` : hv === undefined ? `${key} ${bv} removed` : `${key} changed from ${bv} to ${hv}`;
    bound(ctx, p, key, tightened, text);
  }
  const bm = typeof p.b.multipleOf === "number" ? p.b.multipleOf : undefined;
  const hm = typeof p.h.multipleOf === "number" ? p.h.multipleOf : undefined;
  if (bm !== hm) {
    const text = bm === undefined ? `multipleOf ${hm} added` : hm === undefined ? `multipleOf ${bm} removed` : `multipleOf changed from ${bm} to ${hm}`;
    // A new multiple of the old one only removes values; anything else may also add some.
    if (bm !== undefined && hm !== undefined && !isMultiple(hm, bm) && !isMultiple(bm, hm)) {
      ctx.emit("constraint-tightened", `${p.label}: ${text}`, impact(p.dir, "changed"), { base: child(p.bPtr, "multipleOf"), head: child(p.hPtr, "multipleOf") });
    } else bound(ctx, p, "multipleOf", bm === undefined || (hm !== undefined && isMultiple(hm, bm)), text);
  }
  const bu = p.b.uniqueItems === true;
  const hu = p.h.uniqueItems === true;
  if (bu !== hu) bound(ctx, p, "uniqueItems", hu, hu ? "items must now be unique" : "items no longer need to be unique");
}

function isMultiple(a: number, b: number): boolean {
  const r = a / b;
  return Math.abs(r - Math.round(r)) < 1e-9;
}

/** `key`: the keyword changed, or on each side when they differ (`exclusiveMaximum` became `maximum`). */
function bound(ctx: DiffContext, p: SchemaPair, key: string | { base: string; head: string }, tightened: boolean, text: string): void {
  const keys = typeof key === "string" ? { base: key, head: key } : key;
  const where = { base: child(p.bPtr, keys.base), head: child(p.hPtr, keys.head) };
  if (tightened) ctx.emit("constraint-tightened", `${p.label}: ${text} (tightened)`, impact(p.dir, "narrowed"), where);
  else ctx.emit("constraint-loosened", `${p.label}: ${text} (loosened)`, impact(p.dir, "widened"), where);
}

/** Formats whose values are all values of a wider one (OpenAPI's data types: int32 within int64, float within double). */
const WIDER_FORMAT: Record<string, string> = { int32: "int64", float: "double" };

export function comparePatternAndFormat(ctx: DiffContext, p: SchemaPair): void {
  for (const key of ["pattern", "format"] as const) {
    const bv = typeof p.b[key] === "string" ? (p.b[key] as string) : undefined;
    const hv = typeof p.h[key] === "string" ? (p.h[key] as string) : undefined;
    if (bv === hv) continue;
    const where = { base: child(p.bPtr, key), head: child(p.hPtr, key) };
    if (bv === undefined) ctx.emit(`${key}-added`, `${p.label}: ${key} ${q(hv!)} added`, impact(p.dir, "narrowed"), where);
    else if (hv === undefined) ctx.emit(`${key}-removed`, `${p.label}: ${key} ${q(bv)} removed`, impact(p.dir, "widened"), where);
    else if (key === "format" && WIDER_FORMAT[bv] === hv) ctx.emit("format-widened", `${p.label}: format changed from ${q(bv)} to ${q(hv)} (widened)`, impact(p.dir, "widened"), where);
    else if (key === "format" && WIDER_FORMAT[hv] === bv) ctx.emit("format-narrowed", `${p.label}: format changed from ${q(bv)} to ${q(hv)} (narrowed)`, impact(p.dir, "narrowed"), where);
    else ctx.emit(`${key}-changed`, `${p.label}: ${key} changed from ${q(bv)} to ${q(hv)}`, impact(p.dir, "changed"), where);
  }
}

export function isNullOnly(s: unknown): boolean {
  return isObject(s) && s.type === "null" && Object.keys(s).length === 1;
}

/** Two subschemas say the same, `$ref`s followed at the top and keywords in any order. */
export function sameSchema(ctx: DiffContext, b: unknown, bPtr: string, h: unknown, hPtr: string): boolean {
  const cache = new WeakMap<object, string>();
  return canonical(ctx.deref("base", b, bPtr)?.value ?? b, cache) === canonical(ctx.deref("head", h, hPtr)?.value ?? h, cache);
}
