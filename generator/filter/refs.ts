/** Local references inside a part of a normalized document: what the filter follows to find what is used. */
import { isObject } from "../openapi/kinds.js";

/**
 * Every `#/...` `$ref` in `value`, and each `discriminator.mapping` target (a ref, or a bare schema name
 * meaning `#/components/schemas/<name>`): a schema only a mapping names is used all the same.
 */
export function componentRefsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) componentRefsOf(v, out);
    return out;
  }
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if ((k === "$ref" || k === "$dynamicRef") && typeof v === "string") {
      if (v.startsWith("#/")) out.push(v);
    } else if (k === "discriminator" && isObject(v) && isObject(v.mapping)) {
      for (const target of Object.values(v.mapping)) {
        if (typeof target === "string") out.push(target.startsWith("#/") ? target : `#/components/schemas/${target}`);
      }
      componentRefsOf(v, out);
    } else componentRefsOf(v, out);
  }
  return out;
}
