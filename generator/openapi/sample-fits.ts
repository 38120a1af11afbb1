/**
 * Whether a synthesized value may fit a schema, by a cheap structural check (no compiled validator at
 * generation time): for a `oneOf`, whose value must fit exactly one branch, and for a schema's own example
 * or default, which the mock answers with only when it fits (sample-value.ts). It errs towards "may fit":
 * a keyword it does not read (`not`, `dependentRequired`, ...) never rules a value out, an `if` only when the
 * value certainly misses it (then `else` must fit), and of `format` only the shape is read (a `date` is
 * `dddd-dd-dd`, not which days exist), so a value it calls a misfit is one the generated validators reject too.
 */
import { isDeepStrictEqual } from "node:util";
import { isObject, type JsonObject } from "./kinds.js";
import { testBounded } from "./bounded-regex.js";
import { deref, types } from "./schema-deref.js";
import { isMultipleOf } from "./multiple-of.js";

/** Whether `value` fits `branches[index]` and, as far as this check tells, no other branch. */
export function fitsExactlyOne(document: JsonObject, branches: readonly unknown[], index: number, value: unknown): boolean {
  return branches.every((b, i) => mayFit(document, b, value, 0) === (i === index));
}

/** False only when `value` certainly does not fit `schema`. */
export function mayFit(document: JsonObject, schema: unknown, value: unknown, depth: number): boolean {
  const s = deref(document, schema);
  if (s === false) return false;
  if (s === undefined || s === true || depth > 32) return true;
  if ("const" in s && !isDeepStrictEqual(s.const, value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => isDeepStrictEqual(e, value))) return false;
  const t = types(s);
  if (t.length && !t.some((x) => hasType(x, value))) return false;
  if (!ownKeywordsFit(document, s, value, depth)) return false;
  const sub = (b: unknown) => mayFit(document, b, value, depth + 1);
  if (Array.isArray(s.allOf) && !s.allOf.every(sub)) return false;
  // a nested oneOf is read as an anyOf: counting branches that "may" fit proves nothing
  for (const k of ["anyOf", "oneOf"]) if (Array.isArray(s[k]) && (s[k] as unknown[]).length && !(s[k] as unknown[]).some(sub)) return false;
  // a value that certainly misses `if` must fit `else` (one that may match it is not sure to need `then`)
  if (s.if !== undefined && s.else !== undefined && !sub(s.if) && !sub(s.else)) return false;
  return true;
}

/**
 * Whether `value` meets the `not` and `if`/`then` of `schema` itself as far as this check can be sure: it
 * certainly misses `not`, and `then` may fit where `if` may (`mayFit` lets both pass). For values taken from
 * elsewhere (the operations' examples), which are otherwise used as they are.
 */
export function meetsOwnConditions(document: JsonObject, schema: unknown, value: unknown): boolean {
  const s = deref(document, schema);
  if (!isObject(s)) return true;
  if (s.not !== undefined && mayFit(document, s.not, value, 0)) return false;
  return s.if === undefined || s.then === undefined || !mayFit(document, s.if, value, 0) || mayFit(document, s.then, value, 0);
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "string": return typeof value === "string";
    case "number": return typeof value === "number";
    case "integer": return Number.isInteger(value);
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: return true;
  }
}

const num = (s: JsonObject, k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);

/**
 * The shape each of these formats' values has (a necessary condition, RFC 3339 / 4122 / 5322 / 3986 in
 * outline): enough to tell a date-time written where a `date` is asked (Asana's and Apideck's examples).
 */
const FORMAT_SHAPES: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  time: /^\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  email: /^[^@\s]+@[^@\s]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  // RFC 3986's characters only: Codat's `/companies/{id}/data` (a template, not a reference) fails the validators' check
  "uri-reference": /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/,
  ipv4: /^\d{1,3}(?:\.\d{1,3}){3}$/,
  // base64 (RFC 4648 §4): whole groups of four, padded
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};

function ownKeywordsFit(document: JsonObject, s: JsonObject, value: unknown, depth: number): boolean {
  if (typeof value === "string") {
    if (typeof s.format === "string" && Object.hasOwn(FORMAT_SHAPES, s.format) && !FORMAT_SHAPES[s.format]!.test(value)) return false;
    const length = [...value].length; // JSON Schema counts code points
    if (length < (num(s, "minLength") ?? 0) || length > (num(s, "maxLength") ?? Infinity)) return false;
    if (typeof s.pattern === "string") {
      try {
        if (testBounded(new RegExp(s.pattern, "u"), value) === false) return false;
      } catch {
        // an invalid pattern rules nothing out here
      }
    }
    return true;
  }
  if (typeof value === "number") {
    const [min, max, xmin, xmax, step] = [num(s, "minimum"), num(s, "maximum"), num(s, "exclusiveMinimum"), num(s, "exclusiveMaximum"), num(s, "multipleOf")];
    if (step !== undefined && step > 0 && !isMultipleOf(value, step)) return false;
    return !((min !== undefined && value < min) || (max !== undefined && value > max) || (xmin !== undefined && value <= xmin) || (xmax !== undefined && value >= xmax));
  }
  if (Array.isArray(value)) {
    if (value.length < (num(s, "minItems") ?? 0) || value.length > (num(s, "maxItems") ?? Infinity)) return false;
    if (s.uniqueItems === true && hasDuplicates(value)) return false;
    const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    return value.every((item, i) => (i < tuple.length ? mayFit(document, tuple[i], item, depth + 1) : s.items === undefined || mayFit(document, s.items, item, depth + 1)));
  }
  if (isObject(value)) return objectFits(document, s, value, depth);
  return true;
}

/** Past this many items `uniqueItems` is not read (pairs grow as the square): "may fit". */
const MAX_UNIQUE_CHECKED = 200;

/** Whether two items are equal as JSON Schema compares them (an example such as `["a", "a"]` for `uniqueItems`). */
function hasDuplicates(items: unknown[]): boolean {
  if (items.length > MAX_UNIQUE_CHECKED) return false;
  return items.some((a, i) => items.some((b, j) => j > i && isDeepStrictEqual(a, b)));
}

function objectFits(document: JsonObject, s: JsonObject, value: JsonObject, depth: number): boolean {
  const keys = Object.keys(value);
  if (keys.length < (num(s, "minProperties") ?? 0) || keys.length > (num(s, "maxProperties") ?? Infinity)) return false;
  const props = isObject(s.properties) ? s.properties : {};
  if (Array.isArray(s.required)) {
    for (const name of s.required) {
      if (typeof name !== "string" || Object.hasOwn(value, name)) continue;
      // readOnly and writeOnly properties are not required on one side of the wire: not a misfit
      const p = Object.hasOwn(props, name) ? deref(document, props[name]) : undefined;
      if (isObject(p) && (p.readOnly === true || p.writeOnly === true)) continue;
      return false;
    }
  }
  const patterned = s.patternProperties !== undefined;
  for (const k of keys) {
    if (Object.hasOwn(props, k)) {
      if (!mayFit(document, props[k], value[k], depth + 1)) return false;
    } else if (!patterned && s.additionalProperties !== undefined && !mayFit(document, s.additionalProperties, value[k], depth + 1)) {
      return false;
    }
  }
  // the schema a present property brings with it
  if (isObject(s.dependentSchemas)) {
    for (const k of Object.keys(s.dependentSchemas)) if (Object.hasOwn(value, k) && !mayFit(document, s.dependentSchemas[k], value, depth + 1)) return false;
  }
  return true;
}
