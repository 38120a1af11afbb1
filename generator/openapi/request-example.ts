/**
 * A spec's example of a request as a caller sends it: without the properties its schema marks readOnly
 * (OpenAPI 3.1 §4.8.24). Specs often show the whole resource, `id` included, as a request body's example;
 * the generated README's call made from it must compile against the request twin (`AccountWritable`).
 */
import { isObject, type JsonObject } from "./kinds.js";
import { setOwn } from "./own.js";
import { componentSchemas, isMarked } from "./read-write.js";
import { deref } from "./schema-deref.js";

/** Deeper than this the value is kept as it is (a value that deep is no README call's). */
const MAX_DEPTH = 32;

export function withoutReadOnly(document: JsonObject, value: unknown, schema: unknown): unknown {
  return strip(document, componentSchemas(document), value, schema, 0);
}

function strip(document: JsonObject, components: JsonObject, value: unknown, schema: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || schema === undefined) return value;
  const parts = partsOf(document, schema);
  if (Array.isArray(value)) {
    const items = parts.find((s) => s.items !== undefined)?.items;
    return items === undefined ? value : value.map((v) => strip(document, components, v, items, depth + 1));
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const name of Object.keys(value)) {
    const declared = parts.find((s) => isObject(s.properties) && Object.hasOwn(s.properties, name))?.properties as JsonObject | undefined;
    const property = declared?.[name] ?? parts.find((s) => isObject(s.additionalProperties))?.additionalProperties;
    if (declared !== undefined && isMarked(property, "readOnly", components)) continue;
    setOwn(out, name, strip(document, components, value[name], property, depth + 1));
  }
  return out;
}

/** `schema` and the schemas it is made of (through `$ref`, allOf, anyOf, oneOf), each once, in order. */
function partsOf(document: JsonObject, schema: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (node: unknown): void => {
    const s = deref(document, node);
    if (!isObject(s) || out.includes(s) || out.length > 64) return;
    out.push(s);
    for (const list of [s.allOf, s.anyOf, s.oneOf]) if (Array.isArray(list)) list.forEach(walk);
  };
  walk(schema);
  return out;
}
