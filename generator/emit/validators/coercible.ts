/**
 * Parameter validators coerce the wire text to the schema's types in place (ajv `coerceTypes`), so for
 * these validators alone a schema is rewritten where coercion would miss what it means:
 * - branch by branch, a `oneOf` never holds: `"1"` for `oneOf: [integer, string]` (Directus' item ids) is
 *   made 1 by the first branch and "1" again by the second, matches both, and every numeric id was a 400.
 *   Text does not say which branch it meant, so each `oneOf` is read as an `anyOf`: the first branch the
 *   text fits gives the value.
 * - ajv coerces only to a `type` the schema names: an untyped `enum` or `const` of booleans, numbers or
 *   null (Nexmo's `delivered: { enum: [true, false, 0, 1] }`) refused every text, `"true"` included, so it
 *   is given the types of its values.
 * Copy on write: a schema needing neither is returned as is.
 */
import { childrenOf, isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { TAGGED } from "./discriminator.js";

export function coercible<T>(schema: T): T {
  return rewrite(schema, new Map()) as T;
}

function rewrite(schema: unknown, done: Map<object, unknown>): unknown {
  if (!isObject(schema)) return schema;
  if (done.has(schema)) return done.get(schema);
  done.set(schema, schema); // a cycle stays as it is
  let out: JsonObject = schema;
  const write = (segments: string[], value: unknown) => {
    if (out === schema) out = { ...schema };
    if (segments.length === 1) {
      out[segments[0]!] = value;
      return;
    }
    const [key, name] = segments as [string, string];
    const holder = out[key];
    const copy: unknown = holder === (schema as JsonObject)[key] ? (Array.isArray(holder) ? [...holder] : { ...(holder as JsonObject) }) : holder;
    if (Array.isArray(copy)) copy[Number(name)] = value;
    else setOwn(copy as JsonObject, name, value); // a property may be named __proto__
    out[key] = copy;
  };
  for (const child of childrenOf(schema, "Schema")) {
    const value = rewrite(child.value, done);
    if (value !== child.value) write(child.segments, value);
  }
  if (Array.isArray(out.oneOf)) {
    if (out === schema) out = { ...schema };
    const { oneOf, [TAGGED]: tagged, ...rest } = out;
    // a discriminator's tags choose among the same branches, now an anyOf's
    const tags = isObject(tagged) && tagged.of === "oneOf" ? { [TAGGED]: { ...tagged, of: "anyOf" } } : tagged === undefined ? {} : { [TAGGED]: tagged };
    // an anyOf beside it must hold too: both are kept, as an allOf (the tags go with the branches they choose)
    out = Array.isArray(rest.anyOf)
      ? { ...rest, ...(isObject(tagged) && tagged.of === "anyOf" ? tags : {}), allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), { anyOf: oneOf, ...(isObject(tagged) && tagged.of === "oneOf" ? tags : {}) }] }
      : { ...rest, ...tags, anyOf: oneOf };
  }
  const valueTypes = out.type === undefined ? typesOfValues(Array.isArray(out.enum) ? out.enum : "const" in out ? [out.const] : []) : undefined;
  if (valueTypes) out = { ...out, type: valueTypes };
  done.set(schema, out);
  return out;
}

/** The JSON types of listed values when none is a string nor a structure (ajv tries them in this order); else undefined. */
function typesOfValues(values: unknown[]): string[] | undefined {
  if (!values.length || values.some((v) => v !== null && typeof v !== "boolean" && typeof v !== "number")) return undefined;
  const numbers = values.filter((v) => typeof v === "number");
  return [
    ...(values.some((v) => typeof v === "boolean") ? ["boolean"] : []),
    ...(numbers.length ? [numbers.every(Number.isInteger) ? "integer" : "number"] : []),
    ...(values.includes(null) ? ["null"] : []),
  ];
}
