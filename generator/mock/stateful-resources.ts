/**
 * The resources `specforge mock --stateful` keeps, read from the spec's paths as json-server and Mockoon's
 * CRUD routes lay them out: a collection path (`/pets`, `/users/{userId}/pets`) and its item path, the
 * collection's path and one templated segment (`/pets/{petId}`). The entity is the item's 2xx JSON answer
 * (else the create's, the replace's or the list's items), or the one property of it holding the entity
 * (`{ data: Pet }`), its properties those it declares, its allOf members' and those all its oneOf/anyOf
 * branches declare; its key is the property named as the item's parameter, else `id` for a parameter named
 * as the collection's noun (`/customers/{customer}`), else `<member>` for a parameter `<noun>_<member>`
 * (GitHub's `issue_number`, `team_slug`), else (where the parameter's name ends in `id`) `id`, else an
 * `…Id` or `…_id` property naming the same thing; a key any scalar but a boolean. Without a key nothing
 * tells the entities apart: not stateful.
 */
import type { ApiIR, OperationIR } from "../ir/types.js";
import { bodyKind, preferredMedia } from "../ir/media.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { canonical } from "../openapi/canonical.js";
import { deref, types } from "../openapi/schema-deref.js";
import { synthesize } from "../openapi/sample-value.js";
import { isNumeric, isUuidKey, numericKey, textKey } from "./stateful-keys.js";

/** What an operation does to its resource. */
export type Role = "list" | "create" | "read" | "replace" | "merge" | "remove";

export interface Resource {
  /** The item path (`/users/{userId}/pets/{petId}`): the resource's name in messages. */
  item: string;
  /** Its last segment's parameter (`petId`). */
  param: string;
  /** The collection path's parameters (`userId`): their values are the scope an entity lives in. */
  scope: string[];
  /** The entity's schema. */
  entity: unknown;
  /** Its key property, and that property's schema. */
  key: string;
  keySchema: unknown;
  /** The operations on it, by handler name. */
  roles: Map<string, Role>;
}

/** A path whose last segment is one parameter, without the stateful reason it is not. */
export interface Unkeyed {
  item: string;
  why: string;
}

const ITEM_ROLES = new Map<string, Role>([["get", "read"], ["put", "replace"], ["patch", "merge"], ["delete", "remove"]]);

/** The spec's stateful resources, and the item paths that looked like one but are not. */
export function statefulResources(ir: ApiIR): { resources: Resource[]; unkeyed: Unkeyed[] } {
  const byPath = new Map<string, Map<string, OperationIR>>();
  for (const op of ir.operations) {
    if (op.webhook !== undefined || op.callback !== undefined) continue;
    const methods = byPath.get(op.path) ?? new Map<string, OperationIR>();
    methods.set(op.method, op);
    byPath.set(op.path, methods);
  }
  const resources: Resource[] = [];
  const unkeyed: Unkeyed[] = [];
  const cache = new WeakMap<object, string>();
  for (const [item, itemOps] of byPath) {
    const last = /^(.+)\/\{([^{}]+)\}$/.exec(item);
    if (!last) continue;
    const collection = last[1]!;
    const param = last[2]!;
    const collectionOps = byPath.get(collection) ?? new Map<string, OperationIR>();
    const create = collectionOps.get("post");
    // nothing creates an entity: there would never be state
    if (!create && !itemOps.has("put")) continue;
    const candidates = [itemOps.get("get"), create, itemOps.get("put")].map((op) => op && successSchema(op));
    const listed = collectionOps.get("get");
    const listSchema = listed && successSchema(listed);
    candidates.push(listSchema === undefined ? undefined : listItems(ir.document, listSchema));
    let found: { entity: unknown; key: string } | undefined;
    for (const schema of candidates) if (schema !== undefined && (found = entityIn(ir.document, schema, param, collection))) break;
    if (!found) {
      unkeyed.push({ item, why: `no property ${param}${/id$/i.test(param) ? ", id or one ending in Id that names it" : ""} in its entity` });
      continue;
    }
    const keySchema = propertySchema(ir.document, found.entity, found.key);
    // a key a URL segment can name: any scalar but a boolean, typed or not (`{ format: uuid }`, a oneOf of string and integer)
    const keyTypes = ((k) => (isObject(k) ? types(k) : []))(deref(ir.document, keySchema));
    if (!isScalar(ir.document, keySchema) || (keyTypes.length && keyTypes.every((t) => t === "boolean" || t === "null"))) {
      unkeyed.push({ item, why: `its key ${found.key} is an object, array or boolean` });
      continue;
    }
    const sample = synthesize(ir.document, found.entity);
    const made = isNumeric(deref(ir.document, keySchema)) ? numericKey(ir.document, keySchema, 1) : textKey(ir.document, keySchema, 1, [isObject(sample) ? sample[found.key] : undefined]);
    if (create && !isUuidKey(ir.document, keySchema) && made === undefined) {
      unkeyed.push({ item, why: `no key the mock can make fits the schema of its key ${found.key}` });
      continue;
    }
    const roles = new Map<string, Role>();
    // a POST that answers no entity nor sends one (`POST /issues/1/labels` adding a list) creates none
    const creates = create !== undefined && createsEntity(ir.document, create, found.entity, cache);
    if (!creates && !itemOps.has("put")) continue;
    for (const [method, op] of itemOps) if (ITEM_ROLES.has(method)) roles.set(op.names.method, ITEM_ROLES.get(method)!);
    if (create && creates) roles.set(create.names.method, "create");
    // a collection GET answering no list of the entities (the item of another resource, `/gists/{id}`) lists none
    if (listed && listSchema !== undefined && entityPlace(ir.document, listSchema, found.entity, true, cache) !== undefined) roles.set(listed.names.method, "list");
    const scope = [...collection.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
    resources.push({ item, param, scope, entity: found.entity, key: found.key, keySchema, roles });
  }
  return { resources, unkeyed };
}

/**
 * Whether a POST creates the entity: its 2xx JSON answer holds one (not a list of them), or its JSON body
 * is one; one answering no JSON (a 201 with a `Location`) where its body is no JSON array.
 */
function createsEntity(document: JsonObject, op: OperationIR, entity: unknown, cache: WeakMap<object, string>): boolean {
  const answer = successSchema(op);
  if (answer !== undefined && entityPlace(document, answer, entity, false, cache) !== undefined) return true;
  const media = op.requestBody && preferredMedia(op.requestBody.content);
  const body = media && bodyKind(media) === "json" ? deref(document, media.schema) : undefined;
  if (body !== undefined && sameSchema(document, body, entity, cache)) return true;
  return answer === undefined && !(isObject(body) && (types(body).includes("array") || body.items !== undefined));
}

/** The schema of an operation's first 2xx answer (the one the mock sends) when it is JSON. */
function successSchema(op: OperationIR): unknown {
  const response = op.responses.find((r) => /^2/.test(r.status));
  const media = response && preferredMedia(response.content);
  return media && bodyKind(media) === "json" ? media.schema : undefined;
}

/** `schema`, or its one property holding an object with a key: the entity and its key. */
function entityIn(document: JsonObject, schema: unknown, param: string, collection: string): { entity: unknown; key: string } | undefined {
  const key = keyOf(document, schema, param, collection);
  if (key !== undefined) return { entity: schema, key };
  const wrapped = propertyNames(document, schema).flatMap((p) => {
    const inner = propertySchema(document, schema, p);
    const k = keyOf(document, inner, param, collection);
    return k === undefined ? [] : [{ entity: inner, key: k }];
  });
  return wrapped.length === 1 ? wrapped[0] : undefined;
}

/** The key property of an entity schema (see the module comment). */
function keyOf(document: JsonObject, schema: unknown, param: string, collection: string): string | undefined {
  const names = propertyNames(document, schema);
  if (names.includes(param)) return param;
  const bare = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  const segment = bare(collection.split("/").at(-1)!);
  const nouns = [segment.replace(/ies$/, "y"), segment.replace(/es$/, ""), segment.replace(/s$/, "")];
  // `/customers/{customer}` (Stripe): the customer's id
  if (nouns.includes(bare(param)) && names.includes("id")) return "id";
  // `<noun>_<member>` (GitHub's issue_number, team_slug, secret_name, commit_sha): the member
  const member = /^[a-z0-9]+_([a-z]+)$/.exec(param)?.[1];
  if (member && member !== "id" && names.includes(member)) return member;
  // a parameter that names no id (`/events/{at}`) looks the entity up by another member: not by its id
  if (!/id$/i.test(param)) return undefined;
  if (names.includes("id")) return "id";
  // `/pets/{pet_id}` and `petId`, or `/pets/{id}` and `petId` (the collection's last segment, singular)
  return names.find((n) => /(Id|_id|ID)$/.test(n) && (bare(n) === bare(param) || nouns.some((noun) => bare(n) === `${noun}id`)));
}

/** The properties an object schema declares, its allOf members' too, and those every oneOf (anyOf) branch declares. */
export function propertyNames(document: JsonObject, schema: unknown, depth = 0): string[] {
  const s = deref(document, schema);
  if (!isObject(s) || depth > 8) return [];
  const own = isObject(s.properties) ? Object.keys(s.properties) : [];
  const inherited = Array.isArray(s.allOf) ? s.allOf.flatMap((m) => propertyNames(document, m, depth + 1)) : [];
  const shared = ["oneOf", "anyOf"].flatMap((k) => {
    const branches = Array.isArray(s[k]) ? (s[k] as unknown[]).map((b) => propertyNames(document, b, depth + 1)) : [];
    return branches.length ? branches[0]!.filter((n) => branches.every((b) => b.includes(n))) : [];
  });
  return [...new Set([...own, ...inherited, ...shared])];
}

/** The properties an object schema requires, its allOf members' too. */
export function requiredNames(document: JsonObject, schema: unknown, depth = 0): string[] {
  const s = deref(document, schema);
  if (!isObject(s) || depth > 8) return [];
  const own = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [];
  const inherited = Array.isArray(s.allOf) ? s.allOf.flatMap((m) => requiredNames(document, m, depth + 1)) : [];
  return [...new Set([...own, ...inherited])];
}

/** The schema of property `name` where `schema` (or an allOf member, else the first oneOf/anyOf branch) declares it. */
export function propertySchema(document: JsonObject, schema: unknown, name: string, depth = 0): unknown {
  const s = deref(document, schema);
  if (!isObject(s) || depth > 8) return undefined;
  if (isObject(s.properties) && Object.hasOwn(s.properties, name)) return s.properties[name];
  for (const m of ["allOf", "oneOf", "anyOf"].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []))) {
    const found = propertySchema(document, m, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The items schema of a list answer: an array's, or that of its one array property of objects. */
function listItems(document: JsonObject, schema: unknown): unknown {
  const s = deref(document, schema);
  if (!isObject(s)) return undefined;
  if (types(s).includes("array") || s.items !== undefined) return s.items;
  const arrays = propertyNames(document, s).map((p) => deref(document, propertySchema(document, s, p))).filter((p) => isObject(p) && isObject(deref(document, p.items)));
  return arrays.length === 1 ? (arrays[0] as JsonObject).items : undefined;
}

/** Whether a schema holds only scalars: no object or array, in any of its branches. */
export function isScalar(document: JsonObject, schema: unknown, depth = 0): boolean {
  const s = deref(document, schema);
  if (!isObject(s)) return s !== false;
  if (depth > 8 || types(s).some((t) => t === "object" || t === "array") || s.properties !== undefined || s.items !== undefined) return false;
  return ["allOf", "anyOf", "oneOf"].every((k) => !Array.isArray(s[k]) || (s[k] as unknown[]).every((b) => isScalar(document, b, depth + 1)));
}

/** Whether two schemas are the same: the same node (one `$ref`'s target) or equal JSON. */
export function sameSchema(document: JsonObject, a: unknown, b: unknown, cache: WeakMap<object, string>): boolean {
  const x = deref(document, a);
  const y = deref(document, b);
  return x !== undefined && (x === y || canonical(x, cache) === canonical(y, cache));
}

/**
 * Where the entity is in an answer of `schema`: `[]` the answer itself, `[name]` its property holding it
 * (the entity's schema, or an `allOf` holding it with more: GitHub's issuesUpdate answers `allOf: [Issue,
 * {...}]`, see `extendsEntity`); `list`: where the list of entities is. Undefined where the answer holds none.
 */
export function entityPlace(document: JsonObject, schema: unknown, entity: unknown, list: boolean, cache: WeakMap<object, string>): string[] | undefined {
  const holds = (s: unknown) => {
    if (!list) return sameSchema(document, s, entity, cache) || extendsEntity(document, s, entity, cache);
    const d = deref(document, s);
    return isObject(d) && d.items !== undefined && sameSchema(document, d.items, entity, cache);
  };
  if (holds(schema)) return [];
  const names = propertyNames(document, schema).filter((p) => holds(propertySchema(document, schema, p)));
  return names.length === 1 ? names : undefined;
}

/** Whether `schema` is an `allOf` one of whose members is the entity's schema: the entity with more members. */
export function extendsEntity(document: JsonObject, schema: unknown, entity: unknown, cache: WeakMap<object, string>): boolean {
  const s = deref(document, schema);
  return isObject(s) && Array.isArray(s.allOf) && s.allOf.some((m) => sameSchema(document, m, entity, cache));
}
