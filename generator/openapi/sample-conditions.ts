/**
 * What a value synthesized from a schema's other keywords must still honour (sample-value.ts):
 * - `if`/`then`/`else`: a value that meets `if` must meet `then`, one that does not, `else` (JSON Schema
 *   2020-12 §10.2.2.1-3). The branch's requirements are merged in: an object gets the properties it requires
 *   and its property values narrowed where the branch narrows them; another value is made again from the
 *   schema's and the branch's keywords together.
 * - `not`: the value must not match it (§10.2.1.4). When it may, the next candidate is tried: an object
 *   without the optional properties `not` requires ("`c` must be absent"), another enum value or example,
 *   a value of another listed type or branch, a nearby number, a longer string, the other boolean.
 * Whether a value meets a schema is sample-fits.ts's `mayFit`, which errs towards "fits": for `not` that
 * errs on the safe side (a candidate is taken only when it certainly misses `not`); for `if` a value that
 * may meet it is read as meeting it.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { fitsExactlyOne, mayFit } from "./sample-fits.js";
import { declaredProperty, deref, types } from "./schema-deref.js";
import { sampleNumber } from "./sample-number.js";

/** Makes a value of a subschema (sample-value.ts's synthesis, one level deeper, on the same budget). */
export type Make = (schema: unknown) => unknown;

/** `value` changed to meet `then` when it meets `if`, else `else` (twice: meeting `then` may change what `if` sees). */
export function meetConditional(document: JsonObject, s: JsonObject, value: unknown, make: Make): unknown {
  if (s.if === undefined) return value;
  let out = value;
  for (let round = 0; round < 2; round++) {
    const branch = mayFit(document, s.if, out, 0) ? s.then : s.else;
    if (branch === undefined || mayFit(document, branch, out, 0)) return out;
    out = narrow(document, s, branch, out, make, 0);
  }
  return out;
}

/** Keywords a value made again from two schemas together must not take from them. */
const NOT_MERGED = new Set(["if", "then", "else", "examples", "default", "$ref"]);

/** `value` (made from `base`) changed to meet `extra` too, as far as it can be. */
function narrow(document: JsonObject, base: unknown, extra: unknown, value: unknown, make: Make, depth: number): unknown {
  const e = deref(document, extra);
  if (!isObject(e) || depth > 8 || mayFit(document, e, value, 0)) return value;
  const b = deref(document, base);
  const baseSchema = isObject(b) ? b : {};
  if (isObject(value) && (types(e).length === 0 || types(e).includes("object"))) {
    const out = copy(value);
    for (const k of requiredOf(e)) {
      if (Object.hasOwn(out, k)) continue;
      const declared = declaredProperty(document, [e, baseSchema], k);
      set(out, k, declared === undefined ? "string" : make(declared));
    }
    if (isObject(e.properties)) {
      for (const [k, sub] of Object.entries(e.properties)) {
        if (Object.hasOwn(out, k) && !mayFit(document, sub, out[k], 0)) set(out, k, narrow(document, declaredProperty(document, [baseSchema], k) ?? {}, sub, out[k], make, depth + 1));
      }
    }
    return out;
  }
  const merged: JsonObject = {};
  for (const from of [baseSchema, e]) for (const [k, v] of Object.entries(from)) if (!NOT_MERGED.has(k)) Object.defineProperty(merged, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const candidate of [make(merged), make(e)]) if (mayFit(document, baseSchema, candidate, 0) && mayFit(document, e, candidate, 0)) return candidate;
  return value;
}

/** `value`, or the first candidate that certainly misses `s.not` and may fit the rest of `s`. */
export function avoidNot(document: JsonObject, s: JsonObject, value: unknown, make: Make): unknown {
  if (s.not === undefined || !mayFit(document, s.not, value, 0)) return value;
  const rest: JsonObject = {};
  for (const [k, v] of Object.entries(s)) if (k !== "not") Object.defineProperty(rest, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const candidate of candidates(document, s, rest, value, make)) {
    if (!mayFit(document, s.not, candidate, 0) && mayFit(document, rest, candidate, 0)) return candidate;
  }
  return value;
}

/** How many numbers each side of the first are tried against `not`. */
const NEARBY_NUMBERS = 8;

function* candidates(document: JsonObject, s: JsonObject, rest: JsonObject, value: unknown, make: Make): Generator<unknown> {
  const n = deref(document, s.not);
  if (isObject(value) && isObject(n) && Array.isArray(n.required)) {
    const required = new Set(requiredOf(s));
    const out = copy(value);
    for (const k of n.required) if (typeof k === "string" && !required.has(k)) delete out[k];
    yield out;
  }
  if (Array.isArray(s.enum)) yield* s.enum;
  if (Array.isArray(s.examples)) yield* s.examples;
  for (const type of types(s)) yield make({ ...rest, type });
  if (Array.isArray(s.anyOf)) for (const branch of s.anyOf.slice(0, 8)) yield make(branch);
  if (Array.isArray(s.oneOf)) {
    const branches = s.oneOf;
    for (let i = 0; i < Math.min(branches.length, 8); i++) {
      const v = make(branches[i]);
      if (fitsExactlyOne(document, branches, i, v)) yield v;
    }
  }
  if (typeof value === "number") {
    const integer = types(s).includes("integer") && !types(s).includes("number");
    const step = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : 1;
    for (let i = 1; i <= NEARBY_NUMBERS; i++) yield* [sampleNumber(rest, integer, value + i * step), sampleNumber(rest, integer, value - i * step)];
  }
  if (typeof value === "string") yield* [`${value}2`, `${value}x`, "x"];
  if (typeof value === "boolean") yield !value;
}

function requiredOf(s: JsonObject): string[] {
  return Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [];
}

/** A copy whose keys are own properties (a `__proto__` key stays data). */
function copy(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) set(out, k, v);
  return out;
}

function set(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
