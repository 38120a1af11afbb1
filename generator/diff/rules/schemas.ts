/**
 * Compares two schemas in a direction (request or response), `$ref`s compared by their targets. Each pair
 * of targets is compared once per direction: a shared component's change is reported once (at the first
 * operation that reaches it) and recursive schemas end.
 *
 * Normalization makes 3.0 and 3.1 alike before we get here; on top of that, `anyOf: [X, {type: null}]`
 * (3.0's nullable `$ref`) is read as "X or null", and an object's properties are read through its `allOf`
 * members, so moving a property into a shared base schema is not a change.
 */
import { ANNOTATION_KEYWORDS, isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, impact, MAX_SCHEMA_DEPTH, NOT_BREAKING, q, type At, type DiffContext, type Direction } from "../context.js";
import {
  compareBounds, compareEnums, compareNullable, comparePatternAndFormat, compareTypes, isNullOnly, typesOf, type SchemaPair,
} from "./schema-values.js";
import { compareAllOf, compareAsUnions, compareDiscriminator, compareUnionKind, compareVariants } from "./schema-composition.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";
import { compareDependentRequired, compareNot, comparePatternProperties, comparePrefixItems } from "./schema-keywords.js";
import { objectView, pairDeclarations, visible } from "./object-view.js";
import { compareConditional, compareContains, compareDependentSchemas, compareItems, comparePropertyNames, compareUnevaluatedItems } from "./schema-subschemas.js";

export interface SchemaSite {
  value: unknown;
  pointer: string;
}

/**
 * How much of a schema to compare: all of it, or (an `allOf` member) all but what its parent already
 * compared through the object view (properties, required names) and, when the parent has no `type` of
 * its own, through `effectiveTypes` (the member's type).
 */
export type Part = "whole" | "member" | "member-untyped";

/** The pieces a part compares; each is compared once per pair, so a member compared alone too reports once. */
type Piece = "keywords" | "types" | "objects";
const PIECES: Record<Part, Piece[]> = { whole: ["keywords", "types", "objects"], member: ["keywords", "types"], "member-untyped": ["keywords"] };

export function compareSchemas(ctx: DiffContext, b: SchemaSite, h: SchemaSite, dir: Direction, where: string, path = "", part: Part = "whole"): void {
  const bAt = ctx.deref("base", b.value, b.pointer);
  const hAt = ctx.deref("head", h.value, h.pointer);
  if (!bAt || !hAt) return;
  // a `$ref` with siblings is its own schema: keyed by where it sits, not only by its target
  const pair = `${dir}\u0000${bAt.pointer}\u0000${bAt.siblingsAt ?? ""}\u0000${hAt.pointer}\u0000${hAt.siblingsAt ?? ""}`;
  const todo = new Set(PIECES[part].filter((piece) => !ctx.compared.has(`${piece}\u0000${pair}`)));
  if (todo.size === 0) return;
  const done = (pieces: Iterable<Piece>) => {
    for (const piece of pieces) ctx.compared.add(`${piece}\u0000${pair}`);
  };
  done(todo);
  if (ctx.depth >= MAX_SCHEMA_DEPTH) throw ctx.tooDeep("head", where, h.pointer);
  ctx.depth++;
  try {
    // compared as a whole in another way (false against a schema, a schema against a union): nothing is left
    if (!ctx.withSiblings({ base: bAt, head: hAt }, () => compareSchema(ctx, { base: b.pointer, head: h.pointer }, bAt, hAt, dir, where, path, todo))) done(PIECES.whole);
  } finally {
    ctx.depth--;
  }
}

/**
 * `sites`: where the schemas were written (`bAt`/`hAt` are at their `$ref` targets). Returns false when
 * the pair was compared as a whole some other way.
 */
function compareSchema(ctx: DiffContext, sites: { base: string; head: string }, bAt: At, hAt: At, dir: Direction, where: string, path: string, todo: Set<Piece>): boolean {
  const bn = unwrapNull(ctx, "base", bAt);
  const hn = unwrapNull(ctx, "head", hAt);
  const nullAt = nullablePointers(sites, { at: bAt, unwrapped: bn.at, nullable: bn.nullable }, { at: hAt, unwrapped: hn.at, nullable: hn.nullable });
  const [bWrapped, hWrapped] = [bn.at, hn.at];
  bn.at = unwrapLoneAllOf(ctx, "base", bWrapped, hWrapped.value);
  hn.at = unwrapLoneAllOf(ctx, "head", hWrapped, bWrapped.value);
  // what a lone allOf's wrapper says of its member (deprecated) is shown where the wrapper says it
  const shown = (at: At, wrapped: At): At => (at === wrapped ? { value: at.value, pointer: at.pointer } : at);
  return ctx.withSiblings({ base: shown(bn.at, bWrapped), head: shown(hn.at, hWrapped) }, () => compareUnwrapped(ctx, sites, bn, hn, nullAt, dir, where, path, todo));
}

function compareUnwrapped(ctx: DiffContext, sites: { base: string; head: string }, bn: { at: At; nullable: boolean }, hn: { at: At; nullable: boolean }, nullAt: { bPtr: string; hPtr: string }, dir: Direction, where: string, path: string, todo: Set<Piece>): boolean {
  const p: SchemaPair = { b: bn.at.value, h: hn.at.value, bPtr: bn.at.pointer, hPtr: hn.at.pointer, dir, label: path ? `${where}, ${q(path)}` : where };
  const types = () => compareTypes(ctx, p, effectiveTypes(ctx, "base", bn.at), effectiveTypes(ctx, "head", hn.at));
  if (!todo.has("keywords")) {
    // the rest of a schema first compared as an allOf member
    if (todo.has("types")) types();
    if (todo.has("objects")) compareObjects(ctx, bn.at, hn.at, p, where, path);
    return true;
  }
  if (isFalseSchema(p.b) !== isFalseSchema(p.h)) {
    // \`false\` (no value at all) against a schema: one change, not one per keyword the other side has.
    compareNot(ctx, p, where, path);
    return false;
  }
  compareNullable(ctx, { ...p, ...nullAt }, bn.nullable, hn.nullable);
  if (compareAsUnions(ctx, p, sites, where, path)) return false;
  if (todo.has("types")) types();
  compareEnums(ctx, p);
  compareBounds(ctx, p);
  comparePatternAndFormat(ctx, p);
  if (p.b.deprecated !== true && p.h.deprecated === true) {
    ctx.emit("schema-deprecated", `${p.label}: deprecated`, { client: false, server: false }, { base: p.bPtr, head: child(p.hPtr, "deprecated") });
  }
  ctx.checkNotice(p.b, p.h, p.label, { base: p.bPtr, head: sunsetPointer(p.h, p.hPtr) });
  if (todo.has("objects")) compareObjects(ctx, bn.at, hn.at, p, where, path);
  compareAdditional(ctx, p, where, path);
  comparePatternProperties(ctx, p, where, path);
  comparePropertyNames(ctx, p, where, path);
  compareDependentRequired(ctx, p, where, path);
  compareDependentSchemas(ctx, p, where, path);
  compareItems(ctx, p, where, path);
  comparePrefixItems(ctx, p, where, path);
  compareContains(ctx, p, where, path);
  compareUnevaluatedItems(ctx, p, where, path);
  compareNot(ctx, p, where, path);
  compareConditional(ctx, p, where, path);
  if (!compareUnionKind(ctx, p, where, path)) for (const k of ["oneOf", "anyOf"] as const) compareVariants(ctx, p, k, where, path);
  compareAllOf(ctx, p, where, path);
  compareDiscriminator(ctx, p);
  return true;
}

/** A schema's `type`, or for one without, the types its `allOf` members agree on (`allOf: [$ref: Pet]` is an object). */
function effectiveTypes(ctx: DiffContext, which: "base" | "head", at: At, seen = new Set<string>()): Set<string> | undefined {
  const own = typesOf(at.value);
  if (own || !Array.isArray(at.value.allOf)) return own;
  if (seen.size >= MAX_SCHEMA_DEPTH) throw ctx.tooDeep(which, ctx.operation ?? "allOf", at.pointer);
  seen.add(at.pointer);
  let result: Set<string> | undefined;
  at.value.allOf.forEach((member, i) => {
    const m = ctx.deref(which, member, child(at.pointer, "allOf", String(i)));
    if (!m || seen.has(m.pointer)) return;
    const t = effectiveTypes(ctx, which, m, seen);
    if (t) result = result ? new Set([...result].filter((x) => t.has(x))) : t;
  });
  return result;
}

/** `anyOf`/`oneOf` with a `{type: null}` branch: the other branches, and "nullable". */
function unwrapNull(ctx: DiffContext, which: "base" | "head", at: At): { at: At; nullable: boolean } {
  const v = at.value;
  let nullable = allowsNull(v);
  for (const k of ["anyOf", "oneOf"] as const) {
    const branches = v[k];
    if (!Array.isArray(branches) || !branches.some(isNullOnly)) continue;
    nullable = true;
    const rest = branches.map((value, i) => ({ value, i })).filter((x) => !isNullOnly(x.value));
    const { [k]: _dropped, ...others } = v;
    if (rest.length === 1 && !("type" in v) && !("properties" in v)) {
      const inner = ctx.deref(which, rest[0]!.value, child(at.pointer, k, String(rest[0]!.i)));
      if (inner) return { at: { value: { ...others, ...inner.value }, pointer: inner.pointer }, nullable };
    }
    return { at: { value: { ...others, [k]: rest.map((x) => x.value) }, pointer: at.pointer }, nullable };
  }
  return { at, nullable };
}

/**
 * Null passes the schema's own `type` and its `enum`/`const`, which the values rules compare without null:
 * `type: [string, "null"], enum: [a]` refuses it (3.0's `nullable` beside an `enum` adds null to the list),
 * and `enum: [a, null]` takes it without a `type`. A schema of annotations alone (`{}`) takes every value,
 * null too; one with any other keyword and no `type` is read as not taking it, though JSON Schema would:
 * `{properties: ...}` means an object to most authors, and its clean-up to `type: object` is no news.
 */
function allowsNull(v: JsonObject): boolean {
  if (Object.keys(v).every((k) => ANNOTATION_KEYWORDS.has(k) || k.startsWith("x-"))) return true;
  const typed = v.type === "null" || (Array.isArray(v.type) && v.type.includes("null"));
  const listed = Array.isArray(v.enum) ? v.enum.includes(null) : "const" in v ? v.const === null : undefined;
  return listed === undefined ? typed : listed && (typed || v.type === undefined);
}

/**
 * Where null became allowed or not: on the side that allows it, the schema that says so (its type, or
 * the `anyOf`/`oneOf` wrapping another schema with null); on the other, where that wrapper's counterpart
 * is written (a `$ref` to the component the wrapper wrapped), not inside the component, which did not change.
 */
function nullablePointers(sites: { base: string; head: string }, b: Unwrapped, h: Unwrapped): { bPtr: string; hPtr: string } {
  const wrapper = (x: Unwrapped) => x.nullable && x.unwrapped.pointer !== x.at.pointer;
  return { bPtr: wrapper(h) && !b.nullable ? sites.base : b.at.pointer, hPtr: wrapper(b) && !h.nullable ? sites.head : h.at.pointer };
}
interface Unwrapped {
  at: At;
  unwrapped: At;
  nullable: boolean;
}

/** What a wrapper may say beside its one `allOf` member and still be that member. */
const ANNOTATIONS = new Set(["description", "title", "readOnly", "writeOnly", "examples", "default", "externalDocs"]);
/** Said by the wrapper of its member, and compared: carried onto the member (3.0's way to deprecate a `$ref`'d property). */
const CARRIED = new Set(["deprecated", "x-sunset"]);

/**
 * `allOf: [X]` with only annotations beside it (3.0's way to describe a `$ref`, or to make it nullable) is
 * X. Read so against a side without `allOf`, so that `$ref: Shape` and `allOf: [$ref: Shape]` compare as
 * the same union, not as a plain schema against a union (every branch removed, one added).
 */
function unwrapLoneAllOf(ctx: DiffContext, which: "base" | "head", at: At, other: JsonObject): At {
  const v = at.value;
  if (!Array.isArray(v.allOf) || v.allOf.length !== 1 || Array.isArray(other.allOf)) return at;
  if (Object.keys(v).some((k) => k !== "allOf" && !ANNOTATIONS.has(k) && !CARRIED.has(k) && !k.startsWith("x-"))) return at;
  const member = ctx.deref(which, v.allOf[0], child(at.pointer, "allOf", "0"));
  const carried = Object.keys(v).filter((k) => CARRIED.has(k));
  if (!member || carried.length === 0) return member ?? at;
  // a `$ref` with siblings on either side already shows its own keywords where written: compared as written
  if (member.siblingsAt !== undefined || at.siblingsAt !== undefined) return at;
  return { value: { ...member.value, ...Object.fromEntries(carried.map((k) => [k, v[k]])) }, pointer: member.pointer, siblingsAt: at.pointer };
}

function compareObjects(ctx: DiffContext, bAt: At, hAt: At, p: SchemaPair, where: string, path: string): void {
  const bv = objectView(ctx, "base", bAt);
  const hv = objectView(ctx, "head", hAt);
  const dir = p.dir;
  const name = (n: string) => (path ? `${path}.${n}` : n);
  const label = (n: string) => `${where}, ${q(name(n))}`;
  for (const [n, bps] of bv.props) {
    const bp = bps[0]!;
    const hps = hv.props.get(n);
    const hp = hps?.[0];
    if (!visible(bp, dir)) continue;
    if (!hp) {
      // a closed head refuses the name: a response must no longer carry it
      const refused = dir === "response" && refusesName(p.h, n) && !refusesName(p.b, n);
      const why = dir === "request" ? "clients sending it send what the server no longer reads" : `${bv.required.has(n) ? "clients reading it get nothing" : "clients cope without it at run time, but generated types lose it"}${refused ? "; the object allows no other properties: servers must stop returning it" : ""}`;
      const verdict = removalVerdict(deprecationOf(bp.value), ctx.policy);
      if (verdict.allowed) ctx.emit("property-removed-after-sunset", `${label(n)}: property removed; ${verdict.why}`, NOT_BREAKING, { base: bp.pointer, head: hAt.pointer });
      else ctx.emit("property-removed", `${label(n)}: property removed (${why}); ${verdict.why}`, { client: true, server: refused }, { base: bp.pointer, head: hAt.pointer });
      continue;
    }
    if (!visible(hp, dir)) {
      if (dir === "request") ctx.emit("property-became-read-only", `${label(n)}: became readOnly (clients may no longer send it)`, { client: true, server: false }, { base: bp.pointer, head: hp.pointer });
      else ctx.emit("property-became-write-only", `${label(n)}: became writeOnly (no longer returned)`, { client: true, server: false }, { base: bp.pointer, head: hp.pointer });
      continue;
    }
    const bReq = bv.required.has(n);
    const hReq = hv.required.has(n);
    // a `required` list shared by several objects (a component each wraps: allOf, a nullable anyOf) changes once
    const once = `${dir}\u0000required\u0000${bv.required.get(n) ?? bp.pointer}\u0000${hv.required.get(n) ?? hp.pointer}\u0000${n}`;
    const reported = ctx.compared.has(once);
    ctx.compared.add(once);
    if (reported) {
      // that list's change was reported where it was first reached
    } else if (!bReq && hReq) {
      const why = dir === "request" ? "clients must send it" : "servers must always return it";
      ctx.emit("property-became-required", `${label(n)}: became required (${why})`, impact(dir, "narrowed"), { base: bp.pointer, head: hp.pointer });
    } else if (bReq && !hReq) {
      const why = dir === "request" ? "servers must cope without it" : "clients may no longer find it";
      ctx.emit("property-became-optional", `${label(n)}: no longer required (${why})`, impact(dir, "widened"), { base: bp.pointer, head: hp.pointer });
    }
    for (const [x, y] of pairDeclarations(bps, hps!)) compareSchemas(ctx, { value: x.raw, pointer: x.pointer }, { value: y.raw, pointer: y.pointer }, dir, where, name(n));
  }
  // names required but declared by neither side (an if/then branch, a dependentSchemas entry, an allOf member saying only `required`)
  const requiredAt = (ptr: string, s: JsonObject) => (Array.isArray(s.required) ? child(ptr, "required") : ptr);
  for (const n of new Set([...bv.required.keys(), ...hv.required.keys()])) {
    if (bv.props.has(n) || hv.props.has(n) || bv.required.has(n) === hv.required.has(n)) continue;
    const at = { base: requiredAt(p.bPtr, p.b), head: requiredAt(p.hPtr, p.h) };
    if (hv.required.has(n)) ctx.emit("property-became-required", `${label(n)}: became required (${dir === "request" ? "clients must send it" : "servers must always return it"})`, impact(dir, "narrowed"), at, n);
    else ctx.emit("property-became-optional", `${label(n)}: no longer required (${dir === "request" ? "servers must cope without it" : "clients may no longer find it"})`, impact(dir, "widened"), at, n);
  }
  for (const [n, hps] of hv.props) {
    const hp = hps[0]!;
    if (!visible(hp, dir)) continue;
    const bp = bv.props.get(n)?.[0];
    if (bp && visible(bp, dir)) continue;
    const req = hv.required.has(n);
    // a closed base refused the name: a response carrying it is one clients checking the base refuse
    const unknown = dir === "response" && !bp && refusesName(p.b, n) && !refusesName(p.h, n);
    const breaking = dir === "request" ? { client: req, server: true } : { client: unknown, server: req };
    const what = bp ? (dir === "request" ? "no longer readOnly: now part of requests" : "no longer writeOnly: now returned") : `${req ? "required" : "optional"} property added`;
    const reasons = dir === "request" ? [req ? "clients must send it, servers must read it" : "servers must read it"] : [req ? "servers must return it" : "", unknown ? "the object allowed no other properties: clients validating it refuse it" : ""];
    const why = reasons.some(Boolean) ? ` (${reasons.filter(Boolean).join("; ")})` : "";
    ctx.emit("property-added", `${label(n)}: ${what}${why}`, breaking, { base: bp?.pointer ?? bAt.pointer, head: hp.pointer });
  }
}

/**
 * Whether a closed object refuses a name: its own `properties` do not list it (those an `allOf` member lists do
 * not count, as JSON Schema reads `additionalProperties`) and no `patternProperties` entry allows it (one that
 * does not compile may).
 */
function refusesName(s: JsonObject, name: string): boolean {
  if (openness(s) !== "closed" || (isObject(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name))) return false;
  return Object.keys(isObject(s.patternProperties) ? s.patternProperties : {}).every((pattern) => {
    try {
      return !new RegExp(pattern, "u").test(name);
    } catch {
      return false;
    }
  });
}

export type Openness = "open" | "closed" | "schema";
/** Normalization turned `false` into `{not: {}}` and `true` into `{}`. */
export const isFalseSchema = (s: unknown) => s === false || (isObject(s) && Object.keys(s).length === 1 && isObject(s.not) && Object.keys(s.not).length === 0);
/** What an object does with names its `properties` (and `patternProperties`) do not list. */
export function openness(s: JsonObject): Openness {
  if (isFalseSchema(s.additionalProperties) || isFalseSchema(s.unevaluatedProperties)) return "closed";
  if (isObject(s.additionalProperties) && Object.keys(s.additionalProperties).length > 0) return "schema";
  return "open";
}

function compareAdditional(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const bo = openness(p.b);
  const ho = openness(p.h);
  const at = { base: child(p.bPtr, "additionalProperties"), head: child(p.hPtr, "additionalProperties") };
  if (bo === "schema" && ho === "schema") {
    compareSchemas(ctx, { value: p.b.additionalProperties, pointer: at.base }, { value: p.h.additionalProperties, pointer: at.head }, p.dir, where, `${path}{}`);
    return;
  }
  if (bo === ho) return;
  const rank = { open: 0, schema: 1, closed: 2 };
  if (rank[ho] > rank[bo]) {
    const what = ho === "closed" ? "additional properties no longer allowed" : "additional properties now constrained by a schema";
    ctx.emit("additional-properties-closed", `${p.label}: ${what}`, impact(p.dir, "narrowed"), at);
  } else {
    const what = ho !== "open" ? "additional properties now allowed (constrained by a schema)" : bo === "schema" ? "additional properties no longer constrained by a schema" : "additional properties now allowed";
    ctx.emit("additional-properties-opened", `${p.label}: ${what}`, impact(p.dir, "widened"), at);
  }
}
