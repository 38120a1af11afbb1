/**
 * A value as text in `style: simple`, the only style a header has (OpenAPI 3.1 §4.8.12.4): a list's items
 * joined by `,`, an object's names and values in turn (`name=value` exploded), as the generated client
 * writes a header parameter and splits a response header.
 */
import { isObject } from "./kinds.js";

export function simpleText(value: unknown, explode: boolean): string {
  if (Array.isArray(value)) return value.map(scalarText).join(",");
  if (isObject(value)) return Object.entries(value).map(([k, v]) => (explode ? `${k}=${scalarText(v)}` : `${k},${scalarText(v)}`)).join(",");
  return scalarText(value);
}

/** One item's text: `null` none, a nested object or list its JSON. */
export function scalarText(value: unknown): string {
  return value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
}
