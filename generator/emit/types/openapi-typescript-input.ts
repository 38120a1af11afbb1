/**
 * The document openapi-typescript reads: always a copy, because it writes into what it is given (for a
 * discriminator it adds `enum` and `required` to each mapped schema), and the IR is shared with the other
 * targets: the validators compiled after it required GitHub's `public-user.user_view_type` to be "public".
 *
 * openapi-typescript resolves every `$ref` as a pointer into the document and throws on anything else.
 * JSON Schema 2020-12 also has `#anchor` refs, `#` and relative URIs resolved against a schema's own `$id`,
 * and `$dynamicRef`: valid in OpenAPI 3.1, and validated exactly by the validators target. For the types,
 * such a ref becomes `unknown` (the ref is dropped from the copy).
 *
 * It also reads the `enum` of a `type: object` schema as a list of schemas (a `oneOf`) and throws on a
 * value that is not an object: values no object can equal (`type: object, enum: [PKW, VAN]`, which nothing
 * validates) are dropped from the copy, so such a schema is typed as its object.
 */
import { childrenOf, isObject, type JsonObject, type Kind } from "../../openapi/kinds.js";

export function typesInput(document: JsonObject): JsonObject {
  const copy = structuredClone(document);
  if (hasForeignRefs(copy)) dropForeignRefs(copy, "Root", false);
  visit(copy, "Root", false, (node) => {
    if (node.type === "object" && Array.isArray(node.enum) && !node.enum.every(isObject)) {
      const objects = node.enum.filter(isObject);
      if (objects.length) node.enum = objects;
      else delete node.enum;
    }
    return true;
  });
  return copy;
}

function isForeign(node: JsonObject, scoped: boolean): boolean {
  return typeof node.$dynamicRef === "string" || (typeof node.$ref === "string" && (scoped || !node.$ref.startsWith("#/")));
}

function hasForeignRefs(document: JsonObject): boolean {
  let found = false;
  visit(document, "Root", false, (node, scoped) => {
    if (isForeign(node, scoped)) found = true;
    return !found;
  });
  return found;
}

function dropForeignRefs(document: JsonObject, kind: Kind, scoped: boolean): void {
  visit(document, kind, scoped, (node, inResource) => {
    if (isForeign(node, inResource)) {
      delete node.$ref;
      delete node.$dynamicRef;
    }
    return true;
  });
}

function visit(value: unknown, kind: Kind, scoped: boolean, fn: (node: JsonObject, scoped: boolean) => boolean, seen = new Set<object>()): boolean {
  if (!isObject(value) || seen.has(value)) return true;
  seen.add(value);
  const inResource = scoped || (kind === "Schema" && typeof value.$id === "string");
  if (kind === "Schema" && !fn(value, inResource)) return false;
  for (const child of childrenOf(value, kind)) if (!visit(child.value, child.kind, inResource, fn, seen)) return false;
  return true;
}
