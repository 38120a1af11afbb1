/**
 * `oneOf`/`anyOf` branches and `allOf` members: paired between base and head, the unpaired ones reported
 * as added or removed, the pairs compared in turn.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { unescapeSegment } from "../../openapi/pointer.js";
import { child, impact, q, textOf, type DiffContext } from "../context.js";
import { typesOf, type SchemaPair } from "./schema-values.js";
import { compareSchemas } from "./schemas.js";

interface Branch {
  raw: unknown;
  pointer: string;
  /** Target pointer of a `$ref` branch, or undefined for an inline one. */
  ref: string | undefined;
  /** A `$ref` branch whose target the other version does not have (a renamed component): paired as an inline one. */
  orphan?: boolean;
  value: JsonObject;
}

function branchesOf(ctx: DiffContext, which: "base" | "head", s: JsonObject, ptr: string, key: string): Branch[] {
  const list = s[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw, i) => {
    const pointer = child(ptr, key, String(i));
    const at = ctx.deref(which, raw, pointer);
    if (!at) return [];
    const ref = isObject(raw) && typeof raw.$ref === "string" ? at.pointer : undefined;
    return [{ raw, pointer, ref, orphan: ref !== undefined && !ctx.written(which === "base" ? "head" : "base", ref), value: at.value }];
  });
}

/**
 * Pairs base and head branches: `$ref` branches by target, inline ones by equal content, then by equal
 * type and title, then in order. A `$ref` branch whose target the other version lacks pairs first with
 * the one the same discriminator value names there (`renamed`), else, outside a discriminator
 * (`orphansInline`), as an inline one: a component renamed in a union (`techniqueBlock` to
 * `technique-block`) is compared by what it holds, as a `$ref` elsewhere is, not reported as a branch
 * removed and another added. Returns the pairs and what is left on each side.
 */
function matchBranches(bs: Branch[], hs: Branch[], renamed = new Map<string, string>(), orphansInline = true): { pairs: Array<[Branch, Branch]>; removed: Branch[]; added: Branch[] } {
  const pairs: Array<[Branch, Branch]> = [];
  let left = [...bs];
  let right = [...hs];
  const pass = (same: (x: Branch, y: Branch) => boolean) => {
    for (const x of [...left]) {
      const y = right.find((r) => same(x, r));
      if (!y) continue;
      pairs.push([x, y]);
      left = left.filter((l) => l !== x);
      right = right.filter((r) => r !== y);
    }
  };
  pass((x, y) => x.ref !== undefined && x.ref === y.ref);
  pass((x, y) => x.ref !== undefined && y.ref !== undefined && renamed.get(x.ref) === y.ref);
  const inline = (b: Branch) => b.ref === undefined || (orphansInline && b.orphan === true);
  pass((x, y) => inline(x) && inline(y) && JSON.stringify(x.value) === JSON.stringify(y.value));
  pass((x, y) => inline(x) && inline(y) && JSON.stringify(x.value.type) === JSON.stringify(y.value.type) && x.value.title === y.value.title);
  pass((x, y) => inline(x) && inline(y));
  return { pairs, removed: left, added: right };
}

function describe(b: Branch): string {
  if (b.ref) return q(refName(b.ref));
  const title = typeof b.value.title === "string" ? ` ${q(b.value.title)}` : "";
  const type = typeof b.value.type === "string" ? ` (${b.value.type})` : "";
  // An untitled object branch is told apart by what it holds.
  const names = isObject(b.value.properties) ? Object.keys(b.value.properties) : Array.isArray(b.value.required) ? b.value.required.map(String) : [];
  const shown = names.slice(0, 3).map(q).join(", ") + (names.length > 3 ? ", ..." : "");
  const holds = !title && names.length ? ` with ${isObject(b.value.properties) ? "properties" : "required"} ${shown}` : "";
  return `inline schema${title}${type}${holds}`;
}

/** A branch's short name inside a property path: its component name, title, or type. */
function shortName(b: Branch, i: number): string {
  if (b.ref) return refName(b.ref);
  if (typeof b.value.title === "string") return b.value.title;
  return typeof b.value.type === "string" ? b.value.type : String(i);
}

const refName = (pointer: string) => unescapeSegment(pointer.split("/").pop() ?? pointer);

export function compareVariants(ctx: DiffContext, p: SchemaPair, key: "oneOf" | "anyOf", where: string, path: string): void {
  const bs = branchesOf(ctx, "base", p.b, p.bPtr, key);
  const hs = branchesOf(ctx, "head", p.h, p.hPtr, key);
  if (bs.length === 0 && hs.length === 0) return;
  if (bs.length === 0 || hs.length === 0) {
    const a = key === "anyOf" ? "an" : "a";
    ctx.emit("type-changed", `${p.label}: ${hs.length ? `became ${a} ${key} of ${hs.length} schemas` : `no longer ${a} ${key}`}`, impact(p.dir, "changed"), { base: p.bPtr, head: p.hPtr });
    return;
  }
  compareBranches(ctx, p, key, bs, hs, where, path);
}

/**
 * What each discriminator value names where both versions renamed it (neither has the other's target):
 * base target to head target. The same branch under a new name, paired and compared by what it holds.
 */
function renamedTargets(ctx: DiffContext, p: SchemaPair): Map<string, string> {
  const mapping = (s: JsonObject) => (isObject(s.discriminator) && isObject(s.discriminator.mapping) ? s.discriminator.mapping : {});
  const bm = mapping(p.b);
  const hm = mapping(p.h);
  const out = new Map<string, string>();
  for (const value of Object.keys(bm)) {
    if (!Object.prototype.hasOwnProperty.call(hm, value)) continue;
    const b = mappingTarget(bm[value]);
    const h = mappingTarget(hm[value]);
    if (typeof b === "string" && typeof h === "string" && b !== h && !ctx.written("head", b) && !ctx.written("base", h)) out.set(b, h);
  }
  return out;
}

/**
 * A `oneOf` that became an `anyOf` (or back) over branches: one change, not "no longer a oneOf" and
 * "became an anyOf". `anyOf` also takes a value several branches match, so it widens; the branches are
 * then compared pairwise as a union's are. Returns whether it compared them so.
 */
export function compareUnionKind(ctx: DiffContext, p: SchemaPair, where: string, path: string): boolean {
  const only = (s: JsonObject, k: "oneOf" | "anyOf", other: "oneOf" | "anyOf") => Array.isArray(s[k]) && s[k].length > 0 && !Array.isArray(s[other]);
  const from = only(p.b, "oneOf", "anyOf") && only(p.h, "anyOf", "oneOf") ? "oneOf" : only(p.b, "anyOf", "oneOf") && only(p.h, "oneOf", "anyOf") ? "anyOf" : undefined;
  if (!from) return false;
  const to = from === "oneOf" ? "anyOf" : "oneOf";
  const widened = to === "anyOf";
  const why = widened ? "a value may now match several branches" : "a value must now match exactly one branch";
  ctx.emit(widened ? "type-widened" : "type-narrowed", `${p.label}: ${from} became ${to} (${why})`, impact(p.dir, widened ? "widened" : "narrowed"), { base: child(p.bPtr, from), head: child(p.hPtr, to) });
  compareBranches(ctx, p, to, branchesOf(ctx, "base", p.b, p.bPtr, from), branchesOf(ctx, "head", p.h, p.hPtr, to), where, path);
  return true;
}

function compareBranches(ctx: DiffContext, p: SchemaPair, key: "oneOf" | "anyOf", bs: Branch[], hs: Branch[], where: string, path: string): void {
  // under a discriminator a component's name is its tag unless the mapping names it: a renamed branch changes what
  // is sent, so orphans pair only through the mapping's values (renamedTargets), never by content
  const tagged = isObject(p.b.discriminator) || isObject(p.h.discriminator);
  const { pairs, removed, added } = matchBranches(bs, hs, renamedTargets(ctx, p), !tagged);
  for (const r of removed) ctx.emit("variant-removed", `${p.label}: ${key} branch ${describe(r)} removed`, impact(p.dir, "narrowed"), { base: r.pointer, head: child(p.hPtr, key) });
  for (const a of added) ctx.emit("variant-added", `${p.label}: ${key} branch ${describe(a)} added`, impact(p.dir, "widened"), { base: child(p.bPtr, key), head: a.pointer });
  pairs.forEach(([x, y], i) => {
    compareSchemas(ctx, { value: x.raw, pointer: x.pointer }, { value: y.raw, pointer: y.pointer }, p.dir, where, `${path}<${key} ${shortName(y, i)}>`);
  });
}

/** Has a `oneOf`/`anyOf` and nothing else that says what the value is (the union is the whole schema). */
const isPureUnion = (s: JsonObject, key: "oneOf" | "anyOf") => Array.isArray(s[key]) && s[key].length > 0 && !("type" in s) && !isObject(s.properties) && !Array.isArray(s.allOf);
const hasUnion = (s: JsonObject) => Array.isArray(s.oneOf) || Array.isArray(s.anyOf);

/**
 * One side a plain schema, the other a union and nothing else (`$ref: A` against `oneOf: [A, B]`): the
 * plain one is read as a one-branch union, so adding `B` is `variant-added`, and `A` is compared with its
 * counterpart branch. Returns whether it compared them so (the caller then compares nothing else).
 */
export function compareAsUnions(ctx: DiffContext, p: SchemaPair, sites: { base: string; head: string }, where: string, path: string): boolean {
  const key = (["oneOf", "anyOf"] as const).find((k) => (isPureUnion(p.b, k) && !hasUnion(p.h)) || (isPureUnion(p.h, k) && !hasUnion(p.b)));
  if (!key) return false;
  // the plain side as a branch: a `$ref`'d schema (its pointer is not where it was written) pairs by target
  const single = (value: JsonObject, pointer: string, site: string, other: "base" | "head"): Branch[] => {
    const ref = pointer !== site ? pointer : undefined;
    return [{ raw: value, pointer, ref, orphan: ref !== undefined && !ctx.written(other, ref), value }];
  };
  const bs = hasUnion(p.b) ? branchesOf(ctx, "base", p.b, p.bPtr, key) : single(p.b, p.bPtr, sites.base, "head");
  const hs = hasUnion(p.h) ? branchesOf(ctx, "head", p.h, p.hPtr, key) : single(p.h, p.hPtr, sites.head, "base");
  compareBranches(ctx, p, key, bs, hs, where, path);
  return true;
}

/**
 * `allOf` members: paired by `$ref` target, then inline ones at the same position, then (members without
 * properties) as `oneOf` branches are. A pair is compared but for what the object view already compared
 * (properties and required names); a member without properties added or removed is `all-of-added`/
 * `-removed`. One with properties left unpaired is not reported: its properties are the object view's
 * (moving them into a shared base schema is not a change).
 */
export function compareAllOf(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const plain = (b: Branch) => !isObject(b.value.properties) && !Array.isArray(b.value.allOf);
  const bs = branchesOf(ctx, "base", p.b, p.bPtr, "allOf");
  const hs = branchesOf(ctx, "head", p.h, p.hPtr, "allOf");
  if (bs.length === 0 && hs.length === 0) return;
  const pairs: Array<[Branch, Branch]> = [];
  const taken = new Set<Branch>();
  for (const x of bs) {
    const y = hs.find((c) => !taken.has(c) && (x.ref !== undefined ? c.ref === x.ref : c.ref === undefined && c.pointer.slice(p.hPtr.length) === x.pointer.slice(p.bPtr.length)));
    if (y) (pairs.push([x, y]), taken.add(x), taken.add(y));
  }
  const rest = matchBranches(bs.filter((x) => !taken.has(x) && plain(x)), hs.filter((y) => !taken.has(y) && plain(y)));
  for (const r of rest.removed) ctx.emit("all-of-removed", `${p.label}: allOf member ${describe(r)} removed`, impact(p.dir, "widened"), { base: r.pointer, head: p.hPtr });
  for (const a of rest.added) ctx.emit("all-of-added", `${p.label}: allOf member ${describe(a)} added`, impact(p.dir, "narrowed"), { base: p.bPtr, head: a.pointer });
  // a member's type counts where the parent has none of its own only through effectiveTypes (compared there)
  const part = typesOf(p.b) && typesOf(p.h) ? "member" : "member-untyped";
  for (const [x, y] of [...pairs, ...rest.pairs]) compareSchemas(ctx, { value: x.raw, pointer: x.pointer }, { value: y.raw, pointer: y.pointer }, p.dir, where, path, part);
}

/**
 * A discriminator mapping value as the pointer it names: a schema name (`Cat`) is
 * `#/components/schemas/Cat` (OpenAPI 3.x §4.8.25.1), as is its `$ref` form; anything else as written.
 */
function mappingTarget(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.startsWith("#")) {
    try {
      return decodeURIComponent(value.slice(1));
    } catch {
      return value;
    }
  }
  return /^[\w.-]+$/.test(value) ? child("/components/schemas", value) : value;
}

/** `discriminator`: the property that selects a branch, and the values that name each branch. */
export function compareDiscriminator(ctx: DiffContext, p: SchemaPair): void {
  const bd = isObject(p.b.discriminator) ? p.b.discriminator : undefined;
  const hd = isObject(p.h.discriminator) ? p.h.discriminator : undefined;
  if (!bd || !hd) return;
  const at = { base: child(p.bPtr, "discriminator"), head: child(p.hPtr, "discriminator") };
  if (bd.propertyName !== hd.propertyName) {
    ctx.emit("discriminator-changed", `${p.label}: discriminator property changed from ${q(textOf(bd.propertyName))} to ${q(textOf(hd.propertyName))}`, impact(p.dir, "changed"), at, { propertyName: hd.propertyName });
  }
  const bm = isObject(bd.mapping) ? bd.mapping : {};
  const hm = isObject(hd.mapping) ? hd.mapping : {};
  // a value whose target both versions renamed names the same branch: the branches are paired and compared
  const renamed = renamedTargets(ctx, p);
  for (const value of Object.keys(bm)) {
    if (!Object.prototype.hasOwnProperty.call(hm, value)) ctx.emit("discriminator-changed", `${p.label}: discriminator value ${q(value)} removed`, impact(p.dir, "narrowed"), at, value);
    else if (mappingTarget(bm[value]) !== mappingTarget(hm[value]) && !renamed.has(String(mappingTarget(bm[value])))) ctx.emit("discriminator-changed", `${p.label}: discriminator value ${q(value)} now maps to ${q(textOf(hm[value]))}`, impact(p.dir, "changed"), at, value);
  }
  for (const value of Object.keys(hm)) {
    if (!Object.prototype.hasOwnProperty.call(bm, value)) ctx.emit("discriminator-changed", `${p.label}: discriminator value ${q(value)} added`, impact(p.dir, "widened"), at, value);
  }
}
