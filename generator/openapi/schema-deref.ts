/** Schema reading shared by synthesis (sample-value.ts), its fit check (sample-fits.ts) and the emitters. */
import { isObject, type JsonObject } from "./kinds.js";
import { pointerFromFragment, resolvePointer } from "./pointer.js";
import { testBounded } from "./bounded-regex.js";

/** Follows local `$ref`s (the bundled document has no others); `undefined` for a dangling one. */
export function deref(document: JsonObject, schema: unknown, seen = 0): JsonObject | boolean | undefined {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref !== "string" || !schema.$ref.startsWith("#") || seen > 32) return schema;
  const pointer = pointerFromFragment(schema.$ref.slice(1));
  const target = pointer === undefined ? undefined : resolvePointer(document, pointer);
  return target?.found ? deref(document, target.value, seen + 1) : undefined;
}

export function types(s: JsonObject): string[] {
  return typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === "string") : [];
}

/** The schema of property `name` as the first of `schemas` (or an allOf inside one) that declares it. */
export function declaredProperty(document: JsonObject, schemas: unknown[], name: string, seen = 0): unknown {
  if (seen > 8) return undefined;
  for (const schema of schemas) {
    const s = deref(document, schema);
    if (!isObject(s)) continue;
    if (isObject(s.properties) && Object.hasOwn(s.properties, name)) return s.properties[name];
    const inner = Array.isArray(s.allOf) ? declaredProperty(document, s.allOf, name, seen + 1) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The schema a property `name` that `s` does not declare meets: the first pattern's of `patternProperties` it matches, else `additionalProperties`. */
export function undeclaredProperty(s: JsonObject, name: string): unknown {
  if (isObject(s.patternProperties)) {
    for (const [pattern, schema] of Object.entries(s.patternProperties)) {
      try {
        if (testBounded(new RegExp(pattern, "u"), name)) return schema;
      } catch {
        // a pattern that does not compile names no property
      }
    }
  }
  return isObject(s.additionalProperties) ? s.additionalProperties : undefined;
}
