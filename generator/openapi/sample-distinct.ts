/**
 * `uniqueItems`: items made from one schema come out equal (each the schema's one sample), which the
 * validators refuse (`minItems: 2` of strings gave `["string", "string"]`). A repeated item is made different
 * where its schema leaves room: another enum value, the other boolean, a number further along (bounds and
 * `multipleOf` kept: sample-number.ts), a format's next sample, a string with a counter, an object or array
 * with one such part changed (never a discriminator's tag: it chooses the branch). A variant is kept only if
 * it is safe where it changed and for the whole item (`safe`); an item no variant fits stays as it was.
 * Candidates are made lazily and checked within a budget: on a deep schema no variant may fit, and trying
 * every part of every level would grow as the product of their widths.
 */
import { isDeepStrictEqual } from "node:util";
import { isObject, type JsonObject } from "./kinds.js";
import { declaredProperty, deref, types, undeclaredProperty } from "./schema-deref.js";
import { mayFit, meetsOwnConditions } from "./sample-fits.js";
import { sampleNumber } from "./sample-number.js";
import { formatSample } from "./format-samples.js";
import { inheritedTagOf, oneOfBranchTagOf } from "./inherited-discriminators.js";
import { componentSchemaKey } from "./pointer.js";
import { setOwn } from "./own.js";

/** Variants tried per repeated item; an object's properties varied for one; checks one repeated item may cost. */
const TRIES = 24;
const PROPERTIES_VARIED = 8;
const CHECKS = 400;

/**
 * `items` with each one equal to an earlier one replaced by a variant; `schemasOf(i)`: what item `i` must fit,
 * the first the schema it was made from; `whole`, if given: whether the array as a whole may hold the items (`maxContains`);
 * `alternatives(i)`: other values of item `i`'s schema, tried first (a discriminated union's other branches).
 */
export function distinctItems(
  document: JsonObject,
  items: unknown[],
  schemasOf: (i: number) => unknown[],
  whole?: (items: unknown[]) => boolean,
  alternatives: (i: number) => Iterable<unknown> = () => [],
): unknown[] {
  const out: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const taken = (v: unknown) => out.some((earlier) => isDeepStrictEqual(earlier, v));
    if (!taken(item)) {
      out.push(item);
      continue;
    }
    const schemas = schemasOf(i);
    const budget = { left: CHECKS };
    const fits = (v: unknown) => !taken(v) && schemas.every((s) => safe(document, s, item, v, budget)) && (!whole || whole([...out, v, ...items.slice(i + 1)]));
    out.push(firstOf(alternatives(i), fits, budget) ?? firstVariant(document, schemas[0], item, fits, budget) ?? item);
  }
  return out;
}

function firstVariant(document: JsonObject, schema: unknown, item: unknown, fits: (v: unknown) => boolean, budget: { left: number }): unknown {
  for (let n = 1; n <= TRIES && budget.left > 0; n++) {
    const found = firstOf(variants(document, schema, item, n, budget), fits, budget);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The first of `candidates` that fits, while the budget lasts. */
function firstOf(candidates: Iterable<unknown>, fits: (v: unknown) => boolean, budget: { left: number }): unknown {
  for (const v of candidates) {
    if (budget.left <= 0) return undefined;
    if (fits(v)) return v;
  }
  return undefined;
}

/**
 * Whether `v`, a variant of `original` (a value of `schema`), is one too as far as a static check can tell:
 * it may fit (sample-fits.ts), meets the schema's own `not` and `if`/`then`, and may fit no `oneOf` branch the
 * original did not (`"string1"` fitting a second branch that wants a trailing digit).
 */
function safe(document: JsonObject, schema: unknown, original: unknown, v: unknown, budget: { left: number }): boolean {
  budget.left--;
  if (!mayFit(document, schema, v, 0) || !meetsOwnConditions(document, schema, v)) return false;
  const s = deref(document, schema);
  if (!isObject(s) || !Array.isArray(s.oneOf)) return true;
  return s.oneOf.every((b) => !mayFit(document, b, v, 0) || mayFit(document, b, original, 0));
}

/** The `n`th variants of `value`, a value of `schema`: candidates, each to be checked. */
function* variants(document: JsonObject, schema: unknown, value: unknown, n: number, budget: { left: number }, depth = 0): Generator<unknown> {
  const s = deref(document, schema);
  const object = isObject(s) ? s : {};
  if (Array.isArray(object.enum)) return yield* object.enum.filter((e) => !isDeepStrictEqual(e, value)).slice(n - 1, n);
  if ("const" in object || depth > 4) return;
  if (typeof value === "boolean") {
    if (n === 1) yield !value;
    return;
  }
  if (typeof value === "number") {
    const integer = Number.isInteger(value) && types(object).includes("integer");
    // one further each way in turn: 2, 0, 3, -1, ... from 1 (a bound may stop one way)
    return yield sampleNumber(object, integer, n % 2 ? value + (n + 1) / 2 : value - n / 2);
  }
  if (typeof value === "string") {
    // a format's next sample (text with a counter may not be one: "P1D1"); else a counter after it first
    // ("string", "string1", "string2"), past half the tries, for a maxLength or a pattern that refuses
    // those, one in place of its end, or a letter
    const sample = formatSample(object.format, n);
    if (sample !== undefined) return yield sample;
    const late = n - TRIES / 2;
    const counter = String(late);
    const letter = String.fromCharCode(97 + ((late - 1) % 26));
    const candidates = late <= 0 ? [`${value}${n}`] : [`${value.slice(0, -counter.length)}${counter}`, `${value.slice(0, -1)}${letter}`, `${value}${letter}`];
    return yield* candidates.filter((v) => v !== value);
  }
  // a part changed is checked where it is (its own `not`, `if`, branches) before the whole item is
  const part = function* (partSchema: unknown, partValue: unknown) {
    for (const v of variants(document, partSchema, partValue, n, budget, depth + 1)) {
      if (budget.left <= 0) return;
      if (safe(document, partSchema, partValue, v, budget)) yield v;
    }
  };
  if (Array.isArray(value)) {
    if (!value.length) return;
    const first = Array.isArray(object.prefixItems) && object.prefixItems.length ? object.prefixItems[0] : object.items;
    for (const v of part(first, value[0])) yield [v, ...value.slice(1)];
    return;
  }
  if (!isObject(value)) return;
  const tags = tagNames(document, schema, object);
  for (const key of Object.keys(value).filter((k) => !tags.has(k)).slice(0, PROPERTIES_VARIED)) {
    for (const v of part(propertySchema(document, object, key), value[key])) {
      const copy: JsonObject = { ...value };
      setOwn(copy, key, v);
      yield copy;
    }
  }
}

/**
 * The properties a discriminator reads in a value of `schema` (`s` what it refers to): its own, its branches'
 * or members', an inherited one's, the one a discriminated `oneOf` gives the component: never varied.
 */
function tagNames(document: JsonObject, schema: unknown, s: JsonObject): Set<string> {
  const key = isObject(schema) && typeof schema.$ref === "string" ? componentSchemaKey(schema.$ref) : undefined;
  const branches = (["allOf", "oneOf", "anyOf"] as const).flatMap((k) => (Array.isArray(s[k]) ? s[k] : []).map((b) => deref(document, b)));
  const named = [s, ...branches].map((d) => (isObject(d) && isObject(d.discriminator) ? d.discriminator.propertyName : undefined));
  const tags = [inheritedTagOf(document, s), key === undefined ? undefined : oneOfBranchTagOf(document, key)].map((t) => t?.propertyName);
  return new Set([...named, ...tags].filter((p): p is string => typeof p === "string"));
}

/** The schema a property named `key` of a value of `s` meets: declared (through allOf, or by a branch), else by a pattern or `additionalProperties`. */
function propertySchema(document: JsonObject, s: JsonObject, key: string): unknown {
  return declaredProperty(document, [s, ...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])], key) ?? undeclaredProperty(s, key);
}
