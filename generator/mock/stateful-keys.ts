/**
 * The keys `specforge mock --stateful` makes for a created entity that has none (stateful.ts): a UUID
 * for `format: uuid`, a number for a numeric key (counted from its minimum, by its multipleOf), else text
 * that fits the key's schema. A key with a
 * `pattern` (Stripe's `cus_...`), a `minLength` or another format never fits a bare counter, and an entity
 * whose key never fits is never kept: the counter is set into the spec's example key (its prefix kept, its
 * alphanumeric tail replaced, zero-padded to the tail's length), else into the schema's synthesized value,
 * else zero-padded to `minLength`, the first that fits the key's schema as far as mayFit tells (the answer's
 * validator checks the rest).
 */
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref, types } from "../openapi/schema-deref.js";
import { synthesize } from "../openapi/sample-value.js";
import { mayFit } from "../openapi/sample-fits.js";

/** Whether a key of `schema` is made as a number. */
export function isNumeric(schema: unknown): boolean {
  return isObject(schema) && (types(schema).includes("integer") || types(schema).includes("number"));
}

/**
 * The least numeric key from `n` on fitting `keySchema`'s bounds: at its `minimum` (or past its
 * `exclusiveMinimum`) at least, a multiple of its `multipleOf`; undefined past its maximum, or where it
 * fits not otherwise (an `enum`), as far as mayFit tells.
 */
export function numericKey(document: JsonObject, keySchema: unknown, n: number): number | undefined {
  const s = deref(document, keySchema);
  const bound = (name: string) => (isObject(s) && typeof s[name] === "number" && Number.isFinite(s[name]) ? (s[name] as number) : undefined);
  const step = (bound("multipleOf") ?? 0) > 0 ? bound("multipleOf")! : 1;
  const floor = bound("exclusiveMinimum");
  let key = Math.ceil(Math.max(n, bound("minimum") ?? n, floor === undefined ? n : Math.floor(floor) + 1) / step) * step;
  if (floor !== undefined && key <= floor) key += step;
  const max = bound("maximum");
  const over = bound("exclusiveMaximum");
  if (!Number.isSafeInteger(Math.round(key)) || (max !== undefined && key > max) || (over !== undefined && key >= over)) return undefined;
  return mayFit(document, keySchema, key, 0) ? key : undefined;
}

/** Whether a key of `keySchema` is a UUID the mock draws. */
export function isUuidKey(document: JsonObject, keySchema: unknown): boolean {
  const s = deref(document, keySchema);
  return isObject(s) && s.format === "uuid";
}

/**
 * The `n`th text key fitting `keySchema`, `examples` the key values seen in the spec (the answer's, then
 * the entity's synthesized one); undefined where none of the forms fits.
 */
export function textKey(document: JsonObject, keySchema: unknown, n: number, examples: unknown[]): string | undefined {
  const counter = String(n);
  const s = deref(document, keySchema);
  const minLength = isObject(s) && typeof s.minLength === "number" ? s.minLength : 0;
  const seeds = [...examples, synthesize(document, keySchema)].filter((e): e is string => typeof e === "string" && e !== "");
  const candidates = [
    counter,
    ...seeds.flatMap((seed) => {
      const tail = /[A-Za-z0-9]*$/.exec(seed)![0];
      const prefix = seed.slice(0, seed.length - tail.length);
      return [`${prefix}${counter.padStart(tail.length, "0")}`, `${prefix}${counter}`, `${seed.slice(0, Math.max(0, seed.length - counter.length))}${counter}`];
    }),
    counter.padStart(minLength, "0"),
  ];
  return candidates.find((c) => mayFit(document, keySchema, c, 0));
}
