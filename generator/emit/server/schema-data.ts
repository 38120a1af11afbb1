/**
 * What the server needs to know of a schema at generation time: a parameter's shape (how its wire text
 * splits), and where its value nests objects or arrays (sent as JSON text by the client).
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { own } from "../../openapi/own.js";
import { deref, types } from "../../openapi/sample-value.js";

export type Shape = "scalar" | "array" | "object";

export function shapeOf(document: JsonObject, schema: unknown, depth = 0): Shape {
  const s = deref(document, schema);
  if (depth > 8) return "scalar";
  if (!isObject(s)) return "scalar";
  const t = types(s);
  if (t.includes("array") || (t.length === 0 && (s.items !== undefined || s.prefixItems !== undefined))) return "array";
  if (t.includes("object") || (t.length === 0 && isObject(s.properties))) return "object";
  for (const k of ["allOf", "oneOf", "anyOf"]) {
    if (Array.isArray(s[k])) for (const sub of s[k] as unknown[]) {
      const shape = shapeOf(document, sub, depth + 1);
      if (shape !== "scalar") return shape;
    }
  }
  return "scalar";
}

/**
 * Where an array or object parameter holds objects or arrays: `true` when its items (or any property
 * value, by `additionalProperties`) may, else the properties that may; `undefined` when none does.
 */
export function nestedOf(document: JsonObject, schema: unknown): true | string[] | undefined {
  const s = deref(document, schema);
  if (!isObject(s)) return undefined;
  const deep = (sub: unknown) => sub !== undefined && shapeOf(document, sub) !== "scalar";
  const shape = shapeOf(document, s);
  if (shape === "array") return deep(s.items) || (Array.isArray(s.prefixItems) && s.prefixItems.some(deep)) ? true : undefined;
  if (shape !== "object") return undefined;
  if (isObject(s.additionalProperties) && deep(s.additionalProperties)) return true;
  const props = isObject(s.properties) ? s.properties : {};
  const names = Object.keys(props).filter((k) => deep(own(props, k)));
  return names.length ? names : undefined;
}
