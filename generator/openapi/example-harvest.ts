/**
 * Values the spec's examples give for its component schemas: a request or response example whose schema is
 * (or holds, through properties, items and allOf) a `$ref` to `#/components/schemas/X` shows a real X at that
 * place. Specs often put their examples on operations only, so these make samples that look like the API's
 * data rather than values made from the schema alone. The first value found for a schema that may fit it (and
 * surely meets its own `not` and `if`/`then`: sample-fits.ts) wins. A sample is typed as received: a
 * request's example does not give one for a component with readOnly/writeOnly properties (it shows the
 * request twin: no `id`, a `password`).
 */
import { forEachNode } from "./walk.js";
import { isObject, type JsonObject } from "./kinds.js";
import { mayFit, meetsOwnConditions } from "./sample-fits.js";
import { deref } from "./schema-deref.js";
import { componentSchemaKey } from "./pointer.js";
import { readWriteComponents } from "./read-write.js";

/** Component schema key -> an example value of it. */
export function examplesBySchema(document: JsonObject): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const split = new Set(readWriteComponents(document));
  let sent = false;
  const visit = (schema: unknown, value: unknown, depth: number): void => {
    if (depth > 12 || value === undefined || !isObject(schema)) return;
    const key = typeof schema.$ref === "string" ? componentSchemaKey(schema.$ref) : undefined;
    if (key !== undefined && !found.has(key) && !(sent && split.has(key)) && mayFit(document, schema, value, 0) && meetsOwnConditions(document, schema, value)) found.set(key, value);
    const s = deref(document, schema);
    if (!isObject(s)) return;
    if (Array.isArray(s.allOf)) for (const part of s.allOf) visit(part, value, depth + 1);
    if (Array.isArray(value)) {
      if (value.length > 0) visit(s.items, value[0], depth + 1);
      return;
    }
    if (isObject(value) && isObject(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) if (Object.prototype.hasOwnProperty.call(value, name)) visit(sub, value[name], depth + 1);
    }
  };
  forEachNode(document, (node, kind, pointer) => {
    if (kind !== "MediaType" && kind !== "Parameter" && kind !== "Header") return;
    sent = sentByCaller(pointer);
    const examples = isObject(node.examples) ? Object.values(node.examples) : [];
    for (const ex of examples) {
      const example = deref(document, ex);
      if (isObject(example) && "value" in example) visit(node.schema, example.value, 0);
    }
  });
  return found;
}

/** Whether the example at `pointer` is a caller's: a request body's or parameter's, but not a webhook's or callback's (sent by the API). */
function sentByCaller(pointer: string): boolean {
  if (pointer.startsWith("/webhooks/") || pointer.includes("/callbacks/")) return false;
  return /\/requestBody(\/|$)|\/parameters\/|^\/components\/(requestBodies|parameters)\//.test(pointer);
}
