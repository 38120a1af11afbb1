/**
 * The document openapi-typescript reads: always a copy, because it writes into what it is given (for a
 * discriminator it adds `enum` and `required` to each mapped schema), and the IR is shared with the other
 * targets: the validators compiled after it required GitHub's `public-user.user_view_type` to be "public".
 *
 * openapi-typescript resolves every `$ref` as a pointer into the document and throws on anything else.
 * JSON Schema 2020-12 also has `#`, `#anchor` and relative URIs resolved against a schema's own `$id`
 * (an anchor ref outside one is a pointer since the bundle), and `$dynamicRef`: valid in OpenAPI 3.1, and
 * validated exactly by the validators target. For the types, such a ref becomes `unknown` (the ref is
 * dropped from the copy).
 *
 * It also reads the `enum` of a `type: object` schema as a list of schemas (a `oneOf`) and throws on a
 * value that is not an object: values no object can equal (`type: object, enum: [PKW, VAN]`, which nothing
 * validates) are dropped from the copy, so such a schema is typed as its object; in a type list, the
 * `object` that no value is goes.
 *
 * A `$ref` into another operation (`#/paths/~1keys/get/parameters/0`, as APIs.guru's bundles share
 * parameters) it types as an indexed access through that operation, `["query"]` included, which is
 * optional: strict TypeScript rejects it. Such refs are inlined in the copy.
 *
 * `patternProperties` without `additionalProperties` gets `additionalProperties: true`: the other names are open.
 *
 * An allOf member saying only `type: object` loses it (`saysOnlyObject`); a `false` subschema, which
 * normalize wrote `{not: {}}`, is `false` again (`admitsNothing`); a webhook that is a `$ref` to a
 * path item becomes a copy of it (`inlineWebhookPathItems`); callbacks are typed as webhooks (callbacks.ts);
 * a discriminator's tag is typed as the schema it selects declares it (declared-tags.ts), and a schema
 * extending an inherited discriminator's base with others extending it as any of theirs (inherited-tags.ts),
 * and declared once where the schema declares it too (inherited-tag-property.ts).
 *
 * readOnly/writeOnly split components into a response shape and a request twin (read-write-split.ts).
 */
import { childrenOf, isFalseSchema, isObject, operationsOfItem, type JsonObject, type Kind } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";
import { splitReadWrite } from "./read-write-split.js";
import { liftCallbacks, type LiftedCallback } from "./callbacks.js";
import { mapDeclaredTags } from "./declared-tags.js";
import { pinTwinTags, widenInheritedTags } from "./inherited-tags.js";
import { inheritances } from "../../openapi/inherited-discriminators.js";
import { separateInheritedTags } from "./inherited-tag-property.js";

/**
 * `twins`: see read-write-split.ts; undefined leaves readOnly/writeOnly to openapi-typescript (one type for both).
 * `callbacks` receives the callbacks lifted into `webhooks` (callbacks.ts).
 */
export function typesInput(document: JsonObject, twins?: Map<string, string>, callbacks: LiftedCallback[] = []): JsonObject {
  const copy = structuredClone(document);
  if (hasForeignRefs(copy)) dropForeignRefs(copy, "Root", false);
  const discriminated: JsonObject[] = [];
  const withDefs: JsonObject[] = [];
  const withAllOf: JsonObject[] = [];
  let refsIntoDefs = false;
  visit(copy, "Root", false, (node) => {
    if (isObject(node.$defs)) withDefs.push(node);
    if (typeof node.$ref === "string" && node.$ref.includes("/$defs/")) refsIntoDefs = true;
    if (node.type === "object" && Array.isArray(node.enum) && !node.enum.every(isObject)) {
      const objects = node.enum.filter(isObject);
      if (objects.length) node.enum = objects;
      else delete node.enum;
    }
    // A type list beside properties is typed as one schema per type, each with the whole enum: the object
    // one threw on a value that is no object. With no object among the values, `object` admits nothing and
    // goes; with some, the enum goes (the types are wider than the validators, never wrong). Without
    // properties, the enum alone is typed (a union of its values).
    const shaped = node.properties !== undefined || node.additionalProperties !== undefined;
    if (shaped && Array.isArray(node.type) && node.type.includes("object") && Array.isArray(node.enum) && !node.enum.every(isObject)) {
      if (node.enum.some(isObject)) delete node.enum;
      else node.type = node.type.filter((t) => t !== "object");
    }
    if (isObject(node.discriminator) && isObject(node.discriminator.mapping)) node.discriminator.mapping = refMapping(node.discriminator.mapping, copy);
    if (isObject(node.discriminator) && typeof node.discriminator.propertyName === "string") discriminated.push(node);
    if (Array.isArray(node.allOf)) withAllOf.push(node);
    if (Array.isArray(node.allOf)) for (const member of node.allOf) if (isObject(member) && saysOnlyObject(member)) delete member.type;
    // openapi-typescript reads `false` as additionalProperties, items or a property, but not as a list member or
    // a `$ref`'s target (`"$ref" in false` throws; $defs stay objects): an anyOf/oneOf branch admitting nothing is left out instead
    if (admitsNothing(node.additionalProperties)) node.additionalProperties = false;
    // patternProperties say nothing of the names they do not match: without additionalProperties (or
    // unevaluatedProperties) those take any value, where openapi-typescript's index signature held the
    // patterns' types alone and refused `{ x_: 3 }` beside `X_: string`
    if (isObject(node.patternProperties) && node.additionalProperties === undefined && node.unevaluatedProperties === undefined) node.additionalProperties = true;
    if (admitsNothing(node.items)) node.items = false;
    if (isObject(node.properties)) for (const [name, p] of Object.entries(node.properties)) if (admitsNothing(p)) setOwn(node.properties, name, false);
    for (const k of ["anyOf", "oneOf"] as const) {
      const list = node[k];
      if (Array.isArray(list) && list.some(admitsNothing) && !list.every(admitsNothing)) node[k] = list.filter((b) => !admitsNothing(b));
    }
    return true;
  });
  mapDeclaredTags(copy, discriminated);
  widenInheritedTags(copy);
  separateInheritedTags(copy, withAllOf);
  // openapi-typescript types a schema's `$defs` as a required property of its objects (`Item` needed a
  // `$defs` key), there so that refs into it can index it; bundle made those refs point at components
  if (!refsIntoDefs) for (const node of withDefs) delete node.$defs;
  inlineOperationRefs(copy);
  inlineWebhookPathItems(copy);
  callbacks.push(...liftCallbacks(copy));
  if (twins) {
    const hierarchies = inheritances(copy);
    splitReadWrite(copy, twins);
    pinTwinTags(copy, twins, hierarchies);
  }
  return copy;
}

/**
 * `{not: {}}`, what normalize makes of a boolean `false` subschema (so the other emitters meet objects only).
 * openapi-typescript reads it as `unknown`: as `additionalProperties` it added `[key: string]: unknown`, so a
 * closed object was typed open; a forbidden property (`x: false`) was `x?: unknown`, a `oneOf` branch that
 * admits nothing made the union `unknown`. `false` is what it reads as nothing (`never`, or closed).
 */
const admitsNothing = isFalseSchema;

/** Keywords from which openapi-typescript builds an object's type: without any, `type: object` alone is a bare `Record`. */
const OBJECT_SHAPE = ["properties", "additionalProperties", "patternProperties", "unevaluatedProperties", "propertyNames", "allOf", "anyOf", "oneOf", "enum", "const", "$ref", "discriminator"];

/**
 * An allOf member that says only `type: object` (with a description, or `required` names another member
 * declares: Asana's `workspace: allOf [WorkspaceCompact, {type: object, description}]`, 37 times). openapi-typescript
 * types it a bare `Record` (with its default options `Record<string, never>`, and `WorkspaceCompact & Record<string,
 * never>` admitted no object with a property); JSON Schema reads it as any object, which the other members
 * already require. Its `type` goes, so the intersection says only what constrains.
 */
function saysOnlyObject(member: JsonObject): boolean {
  return member.type === "object" && !OBJECT_SHAPE.some((k) => k in member);
}

/**
 * A discriminator mapping's bare schema names (`circle: Circle`, OpenAPI 3.1 §4.8.25.3) as `$ref`s:
 * openapi-typescript resolves only `#/...` values, and typed Circle's tag as its key ("Circle").
 */
function refMapping(mapping: JsonObject, document: JsonObject): JsonObject {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const out: JsonObject = {};
  for (const [value, target] of Object.entries(mapping)) {
    const bare = typeof target === "string" && !target.includes("/") && !target.includes("#") && Object.hasOwn(schemas, target);
    setOwn(out, value, bare ? `#/components/schemas/${escapeSegment(target)}` : target);
  }
  return out;
}

/**
 * A webhook that is a `$ref` to a path item (`newPet: {$ref: '#/components/pathItems/NewPet'}`) is typed by
 * openapi-typescript with every method `never`, where it types the same ref under `paths` as
 * `components["pathItems"]["NewPet"]`. Such a webhook becomes a copy of its path item (chains followed).
 */
function inlineWebhookPathItems(document: JsonObject): void {
  const webhooks = document.webhooks;
  if (!isObject(webhooks)) return;
  for (const name of Object.keys(webhooks)) {
    let item = webhooks[name];
    for (let hops = 0; hops < 8 && isObject(item) && typeof item.$ref === "string"; hops++) {
      const pointer = item.$ref.startsWith("#/components/pathItems/") ? pointerFromFragment(item.$ref.slice(1)) : undefined;
      const target = pointer === undefined ? undefined : resolvePointer(document, pointer).value;
      if (!isObject(target)) break;
      const { $ref: _ref, ...siblings } = item;
      item = { ...structuredClone(target), ...siblings };
    }
    // the path item's own copy already puts its operationIds in `operations`: a second entry would not compile
    if (isObject(item) && item !== webhooks[name]) for (const { operation } of operationsOfItem(item)) delete operation.operationId;
    setOwn(webhooks, name, item);
  }
}

/** Replaces every `$ref` into `paths` or `webhooks` by a copy of what it points at (a ref met again inside its own copy stays). */
function inlineOperationRefs(document: JsonObject): void {
  const open = new Set<string>();
  const inline = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(inline);
    if (!isObject(value)) return;
    const ref = value.$ref;
    const pointer = typeof ref === "string" && /^#\/(paths|webhooks)\//.test(ref) ? pointerFromFragment(ref.slice(1)) : undefined;
    const target = pointer === undefined || open.has(pointer) ? undefined : resolvePointer(document, pointer).value;
    if (isObject(target)) {
      delete value.$ref;
      for (const [k, v] of Object.entries(structuredClone(target))) if (!(k in value)) setOwn(value, k, v);
      open.add(pointer!);
      inline(value);
      open.delete(pointer!);
      return;
    }
    for (const v of Object.values(value)) inline(v);
  };
  inline(document);
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
