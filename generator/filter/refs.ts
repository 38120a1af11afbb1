/** Local references inside a part of a normalized document: what the filter follows to find what is used. */
import { isObject } from "../openapi/kinds.js";

/**
 * Every `#/...` `$ref` in `value`, each `discriminator.mapping` target (a ref, or a bare schema name
 * meaning `#/components/schemas/<name>`): a schema only a mapping names is used all the same; and a link's
 * local `operationRef` (`#/components/pathItems/Other/get`). A loop with its own stack, as deep documents
 * must not overflow the call stack.
 */
export function componentRefsOf(value: unknown): string[] {
  const out: string[] = [];
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item); // not push(...node): a huge array overflows the arguments
      continue;
    }
    if (!isObject(node)) continue;
    for (const [k, v] of Object.entries(node)) {
      if ((k === "$ref" || k === "$dynamicRef" || k === "operationRef") && typeof v === "string") {
        if (v.startsWith("#/")) out.push(v);
        continue;
      }
      if (k === "discriminator" && isObject(v) && isObject(v.mapping)) {
        for (const target of Object.values(v.mapping)) {
          if (typeof target === "string") out.push(target.startsWith("#/") ? target : `#/components/schemas/${target}`);
        }
      }
      stack.push(v);
    }
  }
  return out;
}
