/**
 * OpenAPI's readOnly and writeOnly (3.1 §4.8.24, JSON Schema 2020-12 validation §9.4): a property marked
 * readOnly is sent in responses only, one marked writeOnly in requests only. A component schema holding such
 * a property, itself or through a schema it refers to, reads differently in a request than in a response:
 * the types target gives it two types (`Account` as received, `AccountWritable` as sent), as
 * @hey-api/openapi-ts does, and the names stage names the second one.
 */
import { forEachSubschema, isObject, type JsonObject } from "./kinds.js";
import { componentSchemaKey } from "./pointer.js";

export type Mark = "readOnly" | "writeOnly";

/** The component schemas of `document`, or an empty map. */
export function componentSchemas(document: JsonObject): JsonObject {
  return isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
}

/**
 * Whether a property's schema carries `mark`: on itself, or on the component it is a `$ref` to (followed
 * through `$ref` chains: 3.1 lets `readOnly` sit on a referenced `Id` schema).
 */
export function isMarked(property: unknown, mark: Mark, components: JsonObject): boolean {
  const seen = new Set<string>();
  let schema = property;
  while (isObject(schema)) {
    if (schema[mark] === true) return true;
    const key = typeof schema.$ref === "string" ? componentSchemaKey(schema.$ref) : undefined;
    if (key === undefined || seen.has(key) || !Object.hasOwn(components, key)) return false;
    seen.add(key);
    schema = components[key];
  }
  return false;
}

/** Calls `fn` on every schema object in `schema`'s own tree (not through `$ref`s). */
export function eachSchemaNode(schema: unknown, fn: (node: JsonObject) => void): void {
  const stack: unknown[] = [schema];
  const seen = new Set<object>();
  while (stack.length) {
    const node = stack.pop();
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    fn(node);
    forEachSubschema(node, (child) => stack.push(child));
  }
}

/** The component keys `schema`'s own tree refers to. */
export function referencedComponents(schema: unknown): Set<string> {
  const out = new Set<string>();
  eachSchemaNode(schema, (node) => {
    const key = typeof node.$ref === "string" ? componentSchemaKey(node.$ref) : undefined;
    if (key !== undefined) out.add(key);
  });
  return out;
}

// Asked by the names stage and again by the types target, about the same (never changed) document.
const computed = new WeakMap<JsonObject, string[]>();

/**
 * The component schemas that read differently in a request than in a response, in document order: those
 * with a readOnly or writeOnly property in their own tree or in any component they reach by `$ref`, and
 * the discriminator parent (`Vehicle`) an allOf child of which (`Car: allOf [Vehicle, ...]`) is among them:
 * openapi-typescript takes the child's tag from the parent's mapping, else from the child's own key, so
 * only the parent's twin can map "Car" to `CarWritable`.
 */
export function readWriteComponents(document: JsonObject): string[] {
  const known = computed.get(document);
  if (known) return known;
  const components = componentSchemas(document);
  const keys = Object.keys(components);
  const split = new Set<string>();
  // Whoever refers to a split component is split too: one walk per component finds its marked properties
  // and its references, then the marks travel backwards along the references.
  const referrers = new Map<string, string[]>();
  const markedRefs = new Map<string, boolean>();
  const keyOfRef = new Map<string, string | undefined>();
  const discriminatorParents = new Map<string, string[]>();
  for (const k of keys) {
    const own = components[k];
    for (const member of isObject(own) && Array.isArray(own.allOf) ? own.allOf : []) {
      const parent = isObject(member) && typeof member.$ref === "string" ? componentSchemaKey(member.$ref) : undefined;
      if (parent !== undefined && isObject(components[parent]) && Object.hasOwn(components, parent) && isObject((components[parent] as JsonObject).discriminator)) {
        discriminatorParents.set(k, [...(discriminatorParents.get(k) ?? []), parent]);
      }
    }
    eachSchemaNode(components[k], (node) => {
      if (typeof node.$ref === "string") {
        let target = keyOfRef.get(node.$ref);
        if (target === undefined && !keyOfRef.has(node.$ref)) keyOfRef.set(node.$ref, (target = componentSchemaKey(node.$ref)));
        if (target !== undefined) {
          const list = referrers.get(target);
          if (!list) referrers.set(target, [k]);
          else if (list[list.length - 1] !== k) list.push(k);
        }
      }
      if (isObject(node.properties) && !split.has(k)) {
        for (const prop of Object.values(node.properties)) {
          if (!isObject(prop)) continue;
          if (prop.readOnly === true || prop.writeOnly === true) split.add(k);
          else if (typeof prop.$ref === "string") {
            // a referenced schema's own flag, once per ref string
            let marked = markedRefs.get(prop.$ref);
            if (marked === undefined) markedRefs.set(prop.$ref, (marked = isMarked(prop, "readOnly", components) || isMarked(prop, "writeOnly", components)));
            if (marked) split.add(k);
          }
        }
      }
    });
  }
  const queue = [...split];
  while (queue.length) {
    const next = queue.pop()!;
    for (const k of [...(referrers.get(next) ?? []), ...(discriminatorParents.get(next) ?? [])]) {
      if (!split.has(k)) (split.add(k), queue.push(k));
    }
  }
  const out = split.size ? keys.filter((k) => split.has(k)) : [];
  computed.set(document, out);
  return out;
}
