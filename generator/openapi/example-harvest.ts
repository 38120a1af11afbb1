/**
 * Values the spec's examples give for its component schemas: a request or response example whose schema is
 * (or holds, through properties, items and allOf) a `$ref` to `#/components/schemas/X` shows a real X at that
 * place. Specs often put their examples on operations only, so these make samples that look like the API's
 * data rather than values made from the schema alone. The first value found for a schema that may fit it (and
 * surely meets its own `not` and `if`/`then`: sample-fits.ts) wins. A sample is typed as received: a
 * request's example does not give one for a component with readOnly/writeOnly properties (it shows the
 * request twin: no `id`, a `password`). It must also be a value of the schema's type (`ofItsType`).
 */
import { forEachNode } from "./walk.js";
import { isObject, type JsonObject } from "./kinds.js";
import { mayFit, meetsOwnConditions } from "./sample-fits.js";
import { deref } from "./schema-deref.js";
import { componentSchemaKey } from "./pointer.js";
import { readWriteComponents } from "./read-write.js";
import { inheritances, tagsAtOrBelow, type Inheritance } from "./inherited-discriminators.js";

/** Component schema key -> an example value of it. */
export function examplesBySchema(document: JsonObject): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const split = new Set(readWriteComponents(document));
  const hierarchies = inheritances(document);
  let sent = false;
  const visit = (schema: unknown, value: unknown, depth: number): void => {
    if (depth > 12 || value === undefined || !isObject(schema)) return;
    const key = typeof schema.$ref === "string" ? componentSchemaKey(schema.$ref) : undefined;
    if (key !== undefined && !found.has(key) && !(sent && split.has(key)) && mayFit(document, schema, value, 0) && meetsOwnConditions(document, schema, value) && ofItsType(document, schema, value, 0) && tagNames(hierarchies, key, value)) found.set(key, value);
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

/**
 * Whether `value` is one the generated type takes where the validator takes more: a schema with `properties`
 * but no `type` is typed as an object (an array passes its validator: Azure's operation lists show one), and an
 * object whose properties are all optional is a weak type to TypeScript, which refuses an object naming none
 * of them (Azure's examples of an error where a result is described). Its properties and items in turn.
 */
/**
 * Whether `value` is tagged as one of `key`'s kind, where the component extends an inherited discriminator's
 * base: its validator (`isThing`) takes only the tags naming it or a component below it, and an operation's
 * example may show a sibling at a place written `Thing` (Bing's WebSearch: an `Organization`).
 */
function tagNames(hierarchies: Inheritance[], key: string, value: unknown): boolean {
  const h = isObject(value) ? hierarchies.find((i) => i.members.has(key)) : undefined;
  return !h || tagsAtOrBelow(h, key).includes((value as JsonObject)[h.propertyName] as string);
}

/** Keywords beside `properties` that make an object's type no weak type (or one TypeScript checks otherwise). */
const STRONG = ["required", "additionalProperties", "patternProperties", "allOf", "anyOf", "oneOf"];

function ofItsType(document: JsonObject, schema: unknown, value: unknown, depth: number): boolean {
  const s = deref(document, schema);
  if (!isObject(s) || depth > 12) return true;
  const props = isObject(s.properties) ? s.properties : undefined;
  if (props && s.type === undefined && !isObject(value)) return false;
  if (Array.isArray(value)) return value.every((item) => ofItsType(document, s.items, item, depth + 1));
  if (!isObject(value) || !props) return true;
  const weak = Object.keys(props).length > 0 && !STRONG.some((k) => s[k] !== undefined);
  const keys = Object.keys(value);
  if (weak && keys.length && !keys.some((k) => Object.hasOwn(props, k))) return false;
  return keys.every((k) => !Object.hasOwn(props, k) || ofItsType(document, props[k], value[k], depth + 1));
}

/** Whether the example at `pointer` is a caller's: a request body's or parameter's, but not a webhook's or callback's (sent by the API). */
function sentByCaller(pointer: string): boolean {
  if (pointer.startsWith("/webhooks/") || pointer.includes("/callbacks/")) return false;
  return /\/requestBody(\/|$)|\/parameters\/|^\/components\/(requestBodies|parameters)\//.test(pointer);
}
