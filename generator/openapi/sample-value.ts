/**
 * A value that satisfies a schema, for when the spec gives no example: the mock's answers, the samples and
 * the README's example calls (after Prism's static generation: `const`, examples, defaults and the first enum
 * value first, then the smallest value by type; a string with a `pattern` is made to match it, a number to
 * its bounds and `multipleOf` (sample-number.ts)); then changed to honour `if`/`then`/`else` and `not`
 * (sample-conditions.ts).
 */
import { isFalseSchema, isObject, type JsonObject } from "./kinds.js";
import { testBounded } from "./bounded-regex.js";
import { MAX_SAMPLE_LENGTH, patternSample } from "./pattern-sample.js";
import { discriminatorTags } from "./discriminator-tags.js";
import { inheritedTagOf, oneOfBranchTagOf } from "./inherited-discriminators.js";
import { componentSchemaKey } from "./pointer.js";
import { declaredProperty, deref, types, undeclaredProperty } from "./schema-deref.js";
import { fitsExactlyOne, mayFit } from "./sample-fits.js";
import { sampleNumber } from "./sample-number.js";
import { avoidNot, meetConditional } from "./sample-conditions.js";
import { componentSchemas, isMarked } from "./read-write.js";
import { setOwn } from "./own.js";
import { formatSample } from "./format-samples.js";
import { distinctItems } from "./sample-distinct.js";

export { deref, types };

/** Other spellings of a format's sample that the format also accepts, for a pattern the sample misses. */
function formsOf(sample: string): string[] {
  const forms = [sample.toUpperCase(), sample.toLowerCase()];
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(sample)) {
    const local = sample.slice(0, -1);
    forms.push(`${local}.000Z`, `${local}+00:00`, `${local}.000+00:00`);
  }
  return forms.filter((f) => f !== sample);
}

/**
 * How many values one synthesized value may hold at most: a recursive schema that requires several of
 * itself (or asks minItems/minProperties of itself) grows exponentially with the depth limit (8 required
 * self-references to depth 12 are 8^12 values); past the budget every further value is `null`.
 */
const VALUE_BUDGET = 10_000;

/**
 * A value valid against `schema` (as far as static generation can: see pattern-sample.ts for patterns), as
 * an answer carries it: without writeOnly properties.
 */
export function synthesize(document: JsonObject, schema: unknown, optionalDepth = OPTIONAL_DEPTH, examples = true): unknown {
  return synthesizeWithin({ document, left: VALUE_BUDGET, optionalDepth, examples, form: false, leaveOut: "writeOnly", making: new Set() }, schema, 0);
}

/** `synthesize` for what a caller sends (a request body, a parameter): without readOnly properties, writeOnly ones made. */
export function synthesizeRequest(document: JsonObject, schema: unknown): unknown {
  return synthesizeWithin({ document, left: VALUE_BUDGET, optionalDepth: OPTIONAL_DEPTH, examples: true, form: false, leaveOut: "readOnly", making: new Set() }, schema, 0);
}

/**
 * `synthesize` for a form body (`application/x-www-form-urlencoded`, `multipart/form-data`): the client
 * leaves empty lists and objects and nulls out of a form, as qs does, so a required property whose value
 * would be one (a list deeper than OPTIONAL_DEPTH gets no item; Stripe's `cancellation_reason.options`,
 * `phases[0].items`) is made again with at least one item or member, all the way down.
 */
export function synthesizeForm(document: JsonObject, schema: unknown): unknown {
  return synthesizeWithin({ document, left: VALUE_BUDGET, optionalDepth: OPTIONAL_DEPTH, examples: true, form: true, leaveOut: "readOnly", making: new Set() }, schema, 0);
}

const admitsNothing = (s: unknown): boolean => s === false || isFalseSchema(s);

/** Below this depth optional properties and a first item are made too; deeper, only what is required. */
const OPTIONAL_DEPTH = 3;

interface Run {
  readonly document: JsonObject;
  /** see OPTIONAL_DEPTH; smaller makes smaller values */
  readonly optionalDepth: number;
  /** values still to be made before the budget runs out */
  left: number;
  /** whether schemas' own examples and defaults are used (false: a value made from keywords alone, as small as they allow) */
  readonly examples: boolean;
  /** a form body's value: a required property's value is one the form carries (see synthesizeForm) */
  readonly form: boolean;
  /** properties its side of the wire does not send: writeOnly in an answer, readOnly in a request */
  readonly leaveOut: "readOnly" | "writeOnly";
  /** the `$ref`s whose values are being made (the way back into one is a recursion) */
  readonly making: Set<string>;
}

/** Below this depth a form's required property that would be sent as nothing is made again, filled. */
const FILL_DEPTH = 10;

/** Whether a form leaves `value` out: null, an empty list or object, or one holding only such values. */
function vanishes(value: unknown, depth = 0): boolean {
  if (value === null || value === undefined) return true;
  if (depth > 16) return false;
  if (Array.isArray(value)) return value.every((v) => vanishes(v, depth + 1));
  return isObject(value) && Object.values(value).every((v) => vanishes(v, depth + 1));
}

/**
 * `siblings`: the allOf parts beside `schema` when it is one of them, where a property it requires may be
 * declared. `fill`: the value must not vanish from a form (a list gets an item, an object a member).
 */
function synthesizeWithin(run: Run, schema: unknown, depth: number, siblings: unknown[] = [], fill = false): unknown {
  const s = deref(run.document, schema);
  // a nullable way back into a schema being made (`manager: { allOf: [User], nullable: true }` inside User):
  // null ends the recursion where the schema allows it, instead of at the depth limit with values that break it
  if (isObject(s) && admitsNull(run.document, s) && refersTo(s, run.making)) return null;
  const ref = isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
  const fresh = ref !== undefined && !run.making.has(ref);
  if (fresh) run.making.add(ref);
  const own = made(run, s, depth, siblings, fill);
  const key = ref === undefined ? undefined : componentSchemaKey(ref);
  const value = key === undefined ? own : withBranchTag(run.document, key, own);
  if (fresh) run.making.delete(ref);
  if (!isObject(s) || depth > 12 || run.left <= 0) return value;
  const make = (sub: unknown) => synthesizeWithin(run, sub, depth + 1);
  return avoidNot(run.document, s, meetConditional(run.document, s, value, make), make);
}

/** Whether `s` (or one of its anyOf/oneOf branches) admits null. */
function admitsNull(document: JsonObject, s: JsonObject): boolean {
  if (types(s).includes("null") || s.const === null || (Array.isArray(s.enum) && s.enum.includes(null))) return true;
  const branches = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])];
  return branches.some((b) => {
    const d = deref(document, b);
    return isObject(d) && (types(d).includes("null") || d.const === null);
  });
}

/** Whether `s` reaches, through allOf/anyOf/oneOf only (the same value), a `$ref` in `refs`. */
function refersTo(s: unknown, refs: ReadonlySet<string>, hops = 0): boolean {
  if (!isObject(s) || hops > 4 || refs.size === 0) return false;
  if (typeof s.$ref === "string" && refs.has(s.$ref)) return true;
  for (const k of ["allOf", "anyOf", "oneOf"] as const) {
    const list = s[k];
    if (Array.isArray(list) && list.some((b) => refersTo(b, refs, hops + 1))) return true;
  }
  return false;
}

/** A value from `s`'s keywords but `if`/`then`/`else` and `not`. */
function made(run: Run, s: JsonObject | boolean | undefined, depth: number, siblings: unknown[], fill: boolean): unknown {
  const { document } = run;
  // A schema that requires itself (circular, required all the way down) has no finite value: stop.
  if (s === undefined || s === true || s === false || depth > 12 || --run.left < 0) return null;
  if ("const" in s) return s.const;
  // the schema's own example or default, when it fits the schema: some contradict it (a date-time as a
  // `date`, a value outside the enum), and the mock's answers are checked against the schema
  const usable = (e: unknown) => mayFit(document, s, e, 0) && !(fill && vanishes(e));
  const given = run.examples && Array.isArray(s.examples) ? s.examples.find(usable) : undefined;
  if (given !== undefined) return given;
  if (run.examples && "default" in s && usable(s.default)) return s.default;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    // a part may require a property another part declares (Spotify's PagingObject requires the items
    // that PagingTrackObject's second part declares): each is made knowing the others
    const around = [...s.allOf, ...siblings];
    const parts = s.allOf.map((sub) => synthesizeWithin(run, sub, depth + 1, around, fill));
    const own = synthesizeOwn(run, s, depth, around);
    if (parts.every((p) => isObject(p)) && (own === null || isObject(own))) return withInheritedTag(document, s, mergeParts(document, [...s.allOf, s], [...(parts as JsonObject[]), own ?? {}]));
    return parts[0] ?? own;
  }
  if (Array.isArray(s.oneOf) && s.oneOf.length) return oneOfValue(run, s, s.oneOf, depth, fill);
  if (Array.isArray(s.anyOf) && s.anyOf.length) return besideOwn(run, s, s.anyOf[0], tagged(document, s, s.anyOf, 0, synthesizeWithin(run, s.anyOf[0], depth + 1, aroundBranches(s), fill)), depth);
  return synthesizeOwn(run, s, depth, siblings, fill);
}

/**
 * The values of an allOf's parts (`values[i]` made from `schemas[i]`) as one object. Where several parts made
 * a property, the first of their values that every part's declaration of it accepts: a later part's looser
 * declaration must not replace an earlier part's narrower value (Figma's DocumentNode: `type` is "DOCUMENT"
 * in its own part, any string in the IsLayerTrait it joins, whose "string" broke the answer). Where none is
 * accepted by all, the last, as before.
 */
function mergeParts(document: JsonObject, schemas: unknown[], values: JsonObject[]): JsonObject {
  const out: JsonObject = {};
  for (const value of values) {
    for (const k of Object.keys(value)) Object.defineProperty(out, k, { value: value[k], enumerable: true, writable: true, configurable: true });
  }
  for (const k of Object.keys(out)) {
    const made = values.filter((v) => Object.hasOwn(v, k)).map((v) => v[k]);
    if (made.length < 2) continue;
    const declared = schemas.map((schema) => declaredProperty(document, [schema], k)).filter((d) => d !== undefined);
    const fit = made.find((v) => declared.every((d) => mayFit(document, d, v, 0)));
    if (fit !== undefined) out[k] = fit;
  }
  return out;
}

/** How many branches of one `oneOf` may be made in search of a value that fits one alone (each draws on the budget). */
const MAX_BRANCHES_TRIED = 8;

/**
 * A `oneOf`'s value must fit exactly one branch: the first branch's value when it does, else the first
 * branch's (of the first few) whose value fits it alone (Refund `{refundId}` beside a Note that requires
 * nothing fits both; the Note's value fits the Note alone). A branch a discriminator tag names is chosen by
 * the tag in the generated validators, so its tagged value does. When no value fits one branch alone
 * (`number` beside `integer`: 1 is both), the first branch's value stays, as before: static generation
 * cannot tell what would separate them.
 */
function oneOfValue(run: Run, s: JsonObject, branches: unknown[], depth: number, fill: boolean): unknown {
  const names = isObject(s.discriminator) && typeof s.discriminator.propertyName === "string" ? discriminatorTags(branches, s.discriminator) : [];
  const make = (i: number) => branchValue(run, s, branches, i, depth, fill);
  const first = make(0);
  const alone = (i: number, value: unknown) => (names[i]?.length ?? 0) > 0 || fitsExactlyOne(run.document, branches, i, value);
  if (branches.length === 1 || alone(0, first)) return first;
  for (let i = 1; i < Math.min(branches.length, MAX_BRANCHES_TRIED) && run.left > 0; i++) {
    const value = make(i);
    if (alone(i, value)) return value;
  }
  return first;
}

/** Branch `i` of `s`'s oneOf/anyOf `branches` made as a value of `s`: tagged for it, with what `s` requires beside. */
function branchValue(run: Run, s: JsonObject, branches: unknown[], i: number, depth: number, fill: boolean): unknown {
  return besideOwn(run, s, branches[i], tagged(run.document, s, branches, i, synthesizeWithin(run, branches[i], depth + 1, aroundBranches(s), fill)), depth);
}

/** What a branch of `s`'s oneOf/anyOf is made knowing: `s` itself, where it declares the properties (`oneOf: [{ required: [url] }, { required: [html] }]` beside them). */
function aroundBranches(s: JsonObject): unknown[] {
  return isObject(s.properties) ? [s] : [];
}

/**
 * A branch's value with the properties `s` itself requires, where `s` declares properties beside its
 * oneOf/anyOf (urlbox's RenderRequest: `properties` and `oneOf: [{ required: [url] }, { required: [html] }]`
 * was `{}`, which its validator refuses). Only what `s` requires: its optional properties could make the value
 * fit a second oneOf branch (both `url` and `html`).
 */
function besideOwn(run: Run, s: JsonObject, branch: unknown, value: unknown, depth: number): unknown {
  if (!isObject(s.properties) || !isObject(value)) return value;
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const properties: JsonObject = {};
  for (const [k, v] of Object.entries(s.properties)) if (required.has(k)) setOwn(properties, k, v);
  const own = synthesizeOwn(run, { ...s, type: "object", properties }, depth);
  return isObject(own) ? mergeParts(run.document, [branch, s], [value, own]) : value;
}

/** `siblings`: the allOf beside `s`, where the properties its `required` names may be declared. */
function synthesizeOwn(run: Run, s: JsonObject, depth: number, siblings: unknown[] = [], fill = false): unknown {
  const { document } = run;
  // a form's required property: made again, filled, where the form would leave it out
  const requiredValue = (schema: unknown): unknown => {
    const value = synthesizeWithin(run, schema, depth + 1);
    if (!run.form || depth + 1 >= FILL_DEPTH || !vanishes(value)) return value;
    const filled = synthesizeWithin(run, schema, depth + 1, [], true);
    return !vanishes(filled) && mayFit(document, schema, filled, 0) ? filled : value;
  };
  const t = types(s).filter((x) => x !== "null");
  // `required` alone is an object's keyword too (a oneOf branch naming properties its parent declares)
  const type = t[0] ?? (isObject(s.properties) || Array.isArray(s.required) ? "object" : s.items !== undefined || Array.isArray(s.prefixItems) ? "array" : types(s).includes("null") ? "null" : undefined);
  switch (type) {
    case "object": {
      const out: JsonObject = {};
      const props = isObject(s.properties) ? s.properties : {};
      const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : []);
      for (const k of Object.keys(props)) {
        // Deep or recursive schemas: only what is required, so the value stays finite.
        if (depth > run.optionalDepth && !required.has(k)) continue;
        if (leftOut(run, props[k])) continue;
        // no value meets `false` (`not: {}` once normalized; Codat's `properties: { additionalProperties: false }`): only its absence is valid
        if (!required.has(k) && admitsNothing(deref(run.document, props[k]))) continue;
        const value = required.has(k) ? requiredValue(props[k]) : synthesizeWithin(run, props[k], depth + 1);
        Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
      }
      // A required property declared only in an allOf beside this schema (Box's `User--Mini`): made from
      // that declaration, as the placeholder would override the allOf part's value when the parts merge.
      for (const k of required) {
        // (a property left out above stays out: its side's validators do not require it)
        if (k in out || Object.hasOwn(props, k)) continue;
        // (or by `patternProperties`, `additionalProperties`: a value of theirs, not a placeholder string)
        const declared = declaredProperty(document, siblings, k) ?? undeclaredProperty(s, k);
        if (leftOut(run, declared)) continue;
        const value = declared === undefined ? "string" : requiredValue(declared);
        Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
      }
      // a map (`additionalProperties`) with `minProperties`: as many entries as it asks
      const extra = isObject(s.additionalProperties) ? s.additionalProperties : {};
      const minProperties = typeof s.minProperties === "number" && s.additionalProperties !== false ? Math.min(s.minProperties, 10) : 0;
      for (let i = 1; Object.keys(out).length < minProperties; i++) {
        if (!(`key${i}` in out)) Object.defineProperty(out, `key${i}`, { value: synthesizeWithin(run, extra, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      if (fill && vanishes(out)) fillObject(run, out, props, s.additionalProperties, depth);
      return out;
    }
    case "array": {
      // A tuple (`prefixItems`) gets a value per position, every position shown; `items` follow.
      const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      // `contains` asks for items matching it (`minContains`, one by default): the first after the tuple are made from it
      const contains = s.contains !== undefined && !admitsNothing(deref(document, s.contains)) ? s.contains : undefined;
      const containing = contains === undefined ? 0 : Math.min(typeof s.minContains === "number" ? s.minContains : 1, 10);
      // one item shows the items' shape (and a required list sent with none is absent from a query)
      const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
      const min = Math.max(typeof s.minItems === "number" ? s.minItems : 0, depth > run.optionalDepth && !fill ? 0 : Math.min(1, max));
      const length = Math.min(Math.max(min, tuple.length, tuple.length + containing), 10);
      const item = (i: number): unknown => {
        if (i < tuple.length) return synthesizeWithin(run, tuple[i], depth + 1, [], fill);
        const plain = () => synthesizeWithin(run, s.items ?? {}, depth + 1, [], fill);
        if (i >= tuple.length + containing) return plain();
        const value = synthesizeWithin(run, contains, depth + 1, [], fill);
        return s.items === undefined || mayFit(document, s.items, value, 0) ? value : plain();
      };
      const items = Array.from({ length }, (_, i) => item(i));
      if (s.uniqueItems !== true) return items;
      // what each item must fit: its position's schema, or `contains` (for the first after the tuple) and `items`
      const schemasOf = (i: number): unknown[] => (i < tuple.length ? [tuple[i]] : i < tuple.length + containing ? [contains, s.items] : [s.items]).filter((x) => x !== undefined);
      // and no more items than `maxContains` matching `contains`
      const maxContains = contains !== undefined && typeof s.maxContains === "number" ? s.maxContains : undefined;
      const whole = maxContains === undefined ? undefined : (all: unknown[]) => all.filter((x) => mayFit(document, contains, x, 0)).length <= maxContains;
      // a discriminated union's items differ by branch, not by their tags (which choose the branch)
      const otherBranches = function* (schema: unknown): Generator<unknown> {
        const u = deref(document, schema);
        if (!isObject(u) || !isObject(u.discriminator) || !Array.isArray(u.oneOf)) return;
        for (let b = 1; b < Math.min(u.oneOf.length, MAX_BRANCHES_TRIED) && run.left > 0; b++) yield branchValue(run, u, u.oneOf, b, depth + 1, fill);
      };
      return distinctItems(document, items, schemasOf, whole, (i) => otherBranches(schemasOf(i)[0]));
    }
    case "integer":
    case "number":
      return sampleNumber(s, type === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    case "string": {
      let text = formatSample(s.format) ?? "string";
      const min = typeof s.minLength === "number" ? s.minLength : 0;
      const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
      // a minLength past what any example needs (1e9) is left unmet rather than filling the memory
      if (text.length < min) text = text.padEnd(Math.min(min, MAX_SAMPLE_LENGTH), "x");
      if (text.length > max) text = text.slice(0, max);
      if (typeof s.pattern !== "string" || matches(s.pattern, text)) return text;
      // another form of the format the pattern may ask for (upper-case hex, milliseconds, an offset), before
      // the pattern's own sample, which knows no format ("AAAA..." for an upper-case uuid is no uuid)
      const forms = text === formatSample(s.format) ? formsOf(text) : [];
      return forms.find((f) => f.length >= min && f.length <= max && matches(s.pattern as string, f)) ?? patternSample(s.pattern, min, max) ?? text;
    }
    default:
      return {};
  }
}

/** Whether its side of the wire leaves the property out (marked on it or on the component it refers to: read-write.ts decides, as for the types). */
function leftOut(run: Run, property: unknown): boolean {
  return isMarked(property, run.leaveOut, componentSchemas(run.document));
}

/** How many of an object's properties are tried for one that a form carries. */
const FILL_TRIES = 4;

/** `out` (which a form would leave out) given one member the form carries: a declared property's value, else a map entry. */
function fillObject(run: Run, out: JsonObject, props: JsonObject, additional: unknown, depth: number): void {
  const candidates: Array<[string, unknown]> = Object.keys(props)
    .filter((k) => !leftOut(run, props[k]))
    .slice(0, FILL_TRIES)
    .map((k) => [k, props[k]]);
  if (candidates.length === 0 && additional !== false) candidates.push(["key1", isObject(additional) ? additional : {}]);
  for (const [k, schema] of candidates) {
    const value = synthesizeWithin(run, schema, depth + 1, [], true);
    if (vanishes(value)) continue;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
}

/**
 * Branch `index`'s value with the discriminator's tag naming that branch: a free string's placeholder
 * names none (a tag the branch fixes by `const` or `enum` stays as the branch says).
 */
function tagged(document: JsonObject, s: JsonObject, branches: unknown[], index: number, value: unknown): unknown {
  if (!isObject(s.discriminator) || typeof s.discriminator.propertyName !== "string" || !isObject(value)) return value;
  const property = s.discriminator.propertyName;
  const names = discriminatorTags(branches, s.discriminator)[index] ?? [];
  const declared = deref(document, declaredProperty(document, branches.slice(index, index + 1), property));
  const fixed = isObject(declared) && ("const" in declared || Array.isArray(declared.enum));
  if (names.length && !fixed && !names.includes(value[property] as string)) {
    Object.defineProperty(value, property, { value: names[0], enumerable: true, writable: true, configurable: true });
  }
  return value;
}

/**
 * `value` of the component `key` with the tag its type gives a component a discriminated oneOf selects
 * (`Cat: { petType: "cat" }`, inherited-discriminators.ts), where it says another: made from the schema
 * alone it said `"string"`, which its validator takes and its type refuses (a sample, or the mock's answer).
 */
export function withBranchTag(document: JsonObject, key: string, value: unknown): unknown {
  const tag = oneOfBranchTagOf(document, key);
  if (!tag || !isObject(value) || tag.values.includes(value[tag.propertyName] as string)) return value;
  const copy = { ...value };
  setOwn(copy, tag.propertyName, tag.values[0]);
  return copy;
}

/** A value of a component extending an inherited discriminator's base with a tag naming it (the parts said a placeholder, or the base's tag). */
function withInheritedTag(document: JsonObject, s: JsonObject, value: JsonObject): JsonObject {
  const tag = inheritedTagOf(document, s);
  if (tag && !tag.values.includes(value[tag.propertyName] as string)) setOwn(value, tag.propertyName, tag.values[0]);
  return value;
}

/** Whether `text` matches; true for an invalid pattern, and for one that took too long to test (no sample would do better). */
function matches(pattern: string, text: string): boolean {
  try {
    return testBounded(new RegExp(pattern, "u"), text) ?? true;
  } catch {
    return true;
  }
}
