/**
 * `uniqueItems`: items made from one schema come out equal (each the schema's one sample), which the
 * validators refuse (`minItems: 2` of strings gave `["string", "string"]`). A repeated item is made different
 * where its schema leaves room: another enum value, the other boolean, a number further along (bounds and
 * `multipleOf` kept: sample-number.ts), a format's next sample, a string with a counter, an object or array
 * with one such part changed; a variant is kept only if it still fits every schema the item must meet
 * (sample-fits.ts). An item no variant fits stays as it was.
 */
import { isDeepStrictEqual } from "node:util";
import { isObject, type JsonObject } from "./kinds.js";
import { declaredProperty, deref, types } from "./schema-deref.js";
import { mayFit } from "./sample-fits.js";
import { sampleNumber } from "./sample-number.js";
import { formatSample } from "./format-samples.js";
import { setOwn } from "./own.js";

/** Variants tried per repeated item, and an object's properties varied for one. */
const TRIES = 24;
const PROPERTIES_VARIED = 8;

/**
 * `items` with each one equal to an earlier one replaced by a variant; `schemasOf(i)`: what item `i` must fit,
 * the first the schema it was made from.
 */
export function distinctItems(document: JsonObject, items: unknown[], schemasOf: (i: number) => unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const [i, item] of items.entries()) {
    const taken = (v: unknown) => out.some((earlier) => isDeepStrictEqual(earlier, v));
    if (!taken(item)) {
      out.push(item);
      continue;
    }
    const schemas = schemasOf(i);
    const fits = (v: unknown) => !taken(v) && schemas.every((s) => mayFit(document, s, v, 0));
    let found: unknown = item;
    for (let n = 1; n <= TRIES && found === item; n++) found = variants(document, schemas[0], item, n).find(fits) ?? item;
    out.push(found);
  }
  return out;
}

/** The `n`th variants of `value`, a value of `schema`: candidates, each to be checked. */
function variants(document: JsonObject, schema: unknown, value: unknown, n: number, depth = 0): unknown[] {
  const s = deref(document, schema);
  const object = isObject(s) ? s : {};
  if (Array.isArray(object.enum)) return object.enum.filter((e) => !isDeepStrictEqual(e, value)).slice(n - 1, n);
  if ("const" in object || depth > 4) return [];
  if (typeof value === "boolean") return n === 1 ? [!value] : [];
  if (typeof value === "number") {
    const integer = Number.isInteger(value) && types(object).includes("integer");
    // one further each way in turn: 2, 0, 3, -1, ... from 1 (a bound may stop one way)
    const target = n % 2 ? value + (n + 1) / 2 : value - n / 2;
    return [sampleNumber(object, integer, target)];
  }
  if (typeof value === "string") {
    // a format's next sample (text with a counter may not be one: "P1D1"); else a counter after it first
    // ("string", "string1", "string2"), past half the tries, for a maxLength or a pattern that refuses
    // those, one in place of its end, or a letter
    const sample = formatSample(object.format, n);
    if (sample !== undefined) return [sample];
    const late = n - TRIES / 2;
    const counter = String(late);
    const letter = String.fromCharCode(97 + ((late - 1) % 26));
    const candidates = late <= 0 ? [`${value}${n}`] : [`${value.slice(0, -counter.length)}${counter}`, `${value.slice(0, -1)}${letter}`, `${value}${letter}`];
    return candidates.filter((v) => v !== value);
  }
  if (Array.isArray(value)) {
    if (!value.length) return [];
    const itemSchema = Array.isArray(object.prefixItems) && object.prefixItems.length ? object.prefixItems[0] : object.items;
    return variants(document, itemSchema, value[0], n, depth + 1).map((first) => [first, ...value.slice(1)]);
  }
  if (isObject(value)) {
    // one property changed (of the first few: a variant is checked against the whole schema), each a copy
    return Object.keys(value).slice(0, PROPERTIES_VARIED).flatMap((key) =>
      variants(document, declaredProperty(document, [object], key), value[key], n, depth + 1).map((v) => {
        const copy: JsonObject = { ...value };
        setOwn(copy, key, v);
        return copy;
      }),
    );
  }
  return [];
}
