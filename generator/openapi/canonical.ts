/** A canonical text of a JSON value, for structural equality. */
import type { JsonObject } from "./kinds.js";

/** The value's JSON with object keys sorted; `cache` keeps each object's text (pass one per run). */
export function canonical(value: unknown, cache: WeakMap<object, string>): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  const text = Array.isArray(value)
    ? `[${value.map((v) => canonical(v, cache)).join(",")}]`
    : `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as JsonObject)[k], cache)}`).join(",")}}`;
  cache.set(value, text);
  return text;
}
