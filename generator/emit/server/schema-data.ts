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
 * value, by `additionalProperties`) may, else the properties that may; `undefined` when none does. A
 * free-form object (`additionalProperties: true` or untyped, or left out where no property is declared) may
 * hold them in any member but those it declares as scalars: `{ except }` names those, which stay text even
 * when they read as JSON.
 */
export function nestedOf(document: JsonObject, schema: unknown): true | string[] | { except: string[] } | undefined {
  const s = deref(document, schema);
  if (!isObject(s)) return undefined;
  const deep = (sub: unknown) => sub !== undefined && shapeOf(document, sub) !== "scalar";
  const shape = shapeOf(document, s);
  if (shape === "array") return deep(s.items) || (Array.isArray(s.prefixItems) && s.prefixItems.some(deep)) ? true : undefined;
  if (shape !== "object") return undefined;
  const props = isObject(s.properties) ? s.properties : {};
  const names = Object.keys(props).filter((k) => deep(own(props, k)));
  // a free-form object: `additionalProperties` said to take anything, or left out of one that declares no property
  const freeForm = s.additionalProperties === undefined ? Object.keys(props).length === 0 : anyValue(document, s.additionalProperties);
  if ((isObject(s.additionalProperties) && deep(s.additionalProperties)) || freeForm) {
    const scalars = Object.keys(props).filter((k) => !deep(own(props, k)));
    return scalars.length ? { except: scalars } : true;
  }
  return names.length ? names : undefined;
}

/** A schema any JSON value meets (`true`, or one without type, composition or values of its own): a free-form member. */
function anyValue(document: JsonObject, schema: unknown): boolean {
  if (schema === true) return true;
  const s = deref(document, schema);
  if (!isObject(s) || types(s).length) return false;
  return !["allOf", "oneOf", "anyOf", "not", "enum", "const", "items", "prefixItems", "properties", "additionalProperties", "$ref"].some((k) => k in s);
}
