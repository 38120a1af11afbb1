/** What the server needs to know of a schema at generation time: a parameter's shape (how its wire text splits). */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
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
