/**
 * Which components a component validator (`validateAccount`, `isAccount`) checks as received. The types
 * target types a component holding a writeOnly property as received (`Account` without its writeOnly
 * `password`: read-write-split.ts, as @hey-api/openapi-ts does) and its request twin apart
 * (`AccountWritable`); `isAccount(value): value is Account` must then not require `password`, which the
 * type leaves out. So such a component's validator is its response shape (writeOnly properties not
 * required, OpenAPI 3.1 §4.8.24), the one a response that is exactly the component uses too. With
 * `types: { readWrite: off }` the type is the component as written, and so is its validator.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { componentSchemas, eachSchemaNode, isMarked, referencedComponents } from "../../openapi/read-write.js";

/**
 * The component keys that read differently as received: a writeOnly property (its own flag or a `$ref`'d
 * component's) in their own tree, or a `$ref` to such a component.
 */
export function receivedComponents(document: JsonObject): Set<string> {
  const components = componentSchemas(document);
  const out = new Set<string>();
  const referrers = new Map<string, string[]>();
  for (const key of Object.keys(components)) {
    for (const target of referencedComponents(components[key])) {
      const list = referrers.get(target);
      if (list) list.push(key);
      else referrers.set(target, [key]);
    }
    eachSchemaNode(components[key], (node) => {
      if (isObject(node.properties) && Object.values(node.properties).some((p) => isMarked(p, "writeOnly", components))) out.add(key);
    });
  }
  const queue = [...out];
  while (queue.length) {
    for (const key of referrers.get(queue.pop()!) ?? []) if (!out.has(key)) (out.add(key), queue.push(key));
  }
  return out;
}
