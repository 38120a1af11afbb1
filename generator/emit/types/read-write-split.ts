/**
 * readOnly/writeOnly in the document openapi-typescript reads (see generator/openapi/read-write.ts): each
 * component that reads differently per direction becomes its response shape (writeOnly properties left
 * out) and gains a request twin (readOnly ones left out, its `$ref`s to such components pointing at their
 * twins); request bodies and parameters refer to the twins; inline schemas lose what their direction does
 * not carry. As in @hey-api/openapi-ts: a client is not asked to send `id`, a handler is not asked to return
 * `password`. The validators keep accepting such properties (the spec says SHOULD NOT be sent) and only
 * relax `required`; the types say what each side sends.
 */
import { childrenOf, isObject, type JsonObject, type Kind } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { componentSchemaKey, escapeSegment } from "../../openapi/pointer.js";
import { componentSchemas, eachSchemaNode, isMarked, readWriteComponents, referencedComponents, type Mark } from "../../openapi/read-write.js";

/** Component key -> key of its request twin (`Account` -> `AccountWritable`, numbered past taken keys). */
export function writableKeys(document: JsonObject): Map<string, string> {
  const taken = new Set(Object.keys(componentSchemas(document)));
  const out = new Map<string, string>();
  for (const key of readWriteComponents(document)) {
    let twin = `${key}Writable`;
    for (let n = 2; taken.has(twin); n++) twin = `${key}Writable${n}`;
    taken.add(twin);
    out.set(key, twin);
  }
  return out;
}

const ref = (key: string) => `#/components/schemas/${escapeSegment(key)}`;

interface Context {
  /** The components as written (their flags decide what is marked). */
  components: JsonObject;
  twins: Map<string, string>;
  /** Per split component, the names of properties marked readOnly in it or anything it reaches. */
  readOnlyNames: Map<string, Set<string>>;
  /** Per component, the split components whose own tree has an allOf member referring to it. */
  allOfChildren: Map<string, string[]>;
}

/** Rewrites `document` (openapi-typescript's own copy) in place. */
export function splitReadWrite(document: JsonObject, twins: Map<string, string>): void {
  const components = componentSchemas(document);
  const ctx: Context = { components, twins, readOnlyNames: readOnlyNames(components, twins), allOfChildren: allOfChildren(components, twins) };
  const rebuilt: JsonObject = {};
  const emptied = new Set<string>();
  for (const key of Object.keys(components)) {
    const twin = twins.get(key);
    if (!twin) {
      setOwn(rebuilt, key, components[key]);
      continue;
    }
    const received = strip(structuredClone(components[key]), "writeOnly", ctx);
    const sent = strip(structuredClone(components[key]), "readOnly", ctx, key);
    if (leftEmpty(received)) emptied.add(key);
    if (leftEmpty(sent)) emptied.add(twin);
    setOwn(rebuilt, key, received);
    setOwn(rebuilt, twin, sent);
  }
  if (twins.size) (document.components as JsonObject).schemas = rebuilt;
  visitMessages(document, "Root", undefined, ctx);
  if (emptied.size) eachSchemaIn(document, "Root", (node) => dropMembers(node, emptied));
}

/**
 * Whether a component's side lost every property and says nothing else (Asana's AsanaResource, whose
 * `gid` and `resource_type` are both readOnly, as sent): openapi-typescript types it a bare `Record` (with
 * its default options `Record<string, never>`, refusing every value as an allOf member beside the properties
 * a body does have); left out, the allOf says only what constrains.
 */
function leftEmpty(schema: unknown): boolean {
  if (!isObject(schema) || !isObject(schema.properties) || Object.keys(schema.properties).length) return false;
  return Object.keys(schema).every((k) => k.startsWith("x-") || SAYS_NOTHING_ELSE.has(k));
}

const SAYS_NOTHING_ELSE = new Set(["type", "properties", "required", "description", "title", "examples", "example", "deprecated", "externalDocs", "xml", "default", "$comment"]);

/** Leaves out of `node`'s allOf the `$ref`s to the components `leftEmpty` found. */
function dropMembers(node: JsonObject, emptied: Set<string>): void {
  if (!Array.isArray(node.allOf)) return;
  const kept = node.allOf.filter((m) => !(isObject(m) && typeof m.$ref === "string" && emptied.has(componentSchemaKey(m.$ref) ?? "")));
  if (kept.length === node.allOf.length) return;
  if (kept.length) node.allOf = kept;
  else delete node.allOf;
}

/** Calls `fn` on every schema object of the document (or part of it) `node` of `kind`. */
function eachSchemaIn(node: unknown, kind: Kind, fn: (schema: JsonObject) => void): void {
  if (!isObject(node)) return;
  if (kind === "Schema") return eachSchemaNode(node, fn);
  if (typeof node.$ref === "string") return;
  for (const child of childrenOf(node, kind)) eachSchemaIn(child.value, child.kind, fn);
}

/**
 * Walks parameters, request bodies and responses (paths, components, webhooks, callbacks): a schema under a
 * parameter or request body drops readOnly properties and refers to twins; under a response, writeOnly.
 * A webhook's or callback's request is sent by the API, with the resource as it has it (GitHub's alert
 * webhooks carry the readOnly `number` and `url`): it drops writeOnly properties, and its reply is left as is.
 */
function visitMessages(node: unknown, kind: Kind, drop: Mark | undefined, ctx: Context, fromApi = false): void {
  if (!isObject(node) || typeof node.$ref === "string") return;
  for (const child of childrenOf(node, kind)) {
    if (child.kind === "Schema") {
      if (drop && child.segments.length === 1 && needsStrip(child.value, drop, ctx)) node[child.segments[0]!] = strip(structuredClone(child.value), drop, ctx);
      continue;
    }
    const sentByApi = fromApi || child.kind === "Callback" || (kind === "Root" && child.segments[0] === "webhooks");
    const next =
      child.kind === "Parameter" || child.kind === "RequestBody" ? (sentByApi ? "writeOnly" : "readOnly") : child.kind === "Response" ? (sentByApi ? undefined : "writeOnly") : drop;
    visitMessages(child.value, child.kind, next, ctx, sentByApi);
  }
}

function needsStrip(schema: unknown, drop: Mark, ctx: Context): boolean {
  let found = false;
  eachSchemaNode(schema, (node) => {
    if (found) return;
    const key = typeof node.$ref === "string" ? componentSchemaKey(node.$ref) : undefined;
    if (drop === "readOnly" && key !== undefined && ctx.twins.has(key)) found = true;
    else if (isObject(node.properties)) found = Object.values(node.properties).some((p) => isMarked(p, drop, ctx.components));
  });
  return found;
}

/**
 * `schema` (a copy) without the properties marked `drop`. For a request (`drop` readOnly) its refs point at
 * twins, a `required` no longer names what the twins left out, and a discriminator maps its values to the
 * twins (openapi-typescript would otherwise infer `"AccountWritable"` from the twin's key). `self`: the
 * component this is the twin of.
 */
function strip(schema: unknown, drop: Mark, ctx: Context, self?: string): unknown {
  const request = drop === "readOnly";
  const leftOut = new Set<string>();
  if (request) for (const key of [...referencedComponents(schema), ...(self ? [self] : [])]) for (const name of ctx.readOnlyNames.get(key) ?? []) leftOut.add(name);
  const emptied = new Set<JsonObject>();
  eachSchemaNode(schema, (node) => {
    const key = typeof node.$ref === "string" ? componentSchemaKey(node.$ref) : undefined;
    const props = isObject(node.properties) ? node.properties : undefined;
    const dropped = props ? Object.keys(props).filter((name) => isMarked(props[name], drop, ctx.components)) : [];
    if (request && isObject(node.discriminator)) node.discriminator = twinMapping(node, node === schema ? self : undefined, ctx);
    if (request && key !== undefined && ctx.twins.has(key)) node.$ref = ref(ctx.twins.get(key)!);
    if (props && dropped.length) {
      const kept: JsonObject = {};
      for (const name of Object.keys(props)) if (!dropped.includes(name)) setOwn(kept, name, props[name]);
      node.properties = kept;
      if (dropped.length === Object.keys(props).length) emptied.add(node);
    }
    if (Array.isArray(node.required)) {
      // an allOf member's `required: [id]` about a property its sibling's twin no longer has
      const gone = (name: unknown) => dropped.includes(name as string) || (request && leftOut.has(name as string) && !(isObject(node.properties) && Object.hasOwn(node.properties, name as string)));
      if (node.required.some(gone)) node.required = node.required.filter((name) => !gone(name));
    }
  });
  if (emptied.size) eachSchemaNode(schema, (node) => Array.isArray(node.allOf) && node.allOf.forEach((m) => emptied.has(m as JsonObject) && unconstrain(m as JsonObject)));
  return schema;
}

/**
 * An allOf member left without properties: openapi-typescript types `{type: object}` with none as a bare
 * `Record` (with its default options `Record<string, never>`, refusing every value beside its siblings).
 * Without them it constrains nothing, as the member said nothing else.
 */
function unconstrain(member: JsonObject): void {
  if (member.additionalProperties !== undefined || member.patternProperties !== undefined) return;
  delete member.properties;
  if (member.type === "object") delete member.type;
}

/** A request twin's discriminator: every value that led to a split component leads to its twin. */
function twinMapping(node: JsonObject, self: string | undefined, ctx: Context): JsonObject {
  const discriminator = node.discriminator as JsonObject;
  const mapping: JsonObject = {};
  const mapped = new Set<string>();
  if (isObject(discriminator.mapping)) {
    for (const [value, target] of Object.entries(discriminator.mapping)) {
      if (typeof target !== "string") continue;
      const key = target.startsWith("#") ? componentSchemaKey(target) : Object.hasOwn(ctx.components, target) ? target : undefined;
      const twin = key === undefined ? undefined : ctx.twins.get(key);
      if (key !== undefined) mapped.add(key);
      setOwn(mapping, value, twin === undefined ? target : target.startsWith("#") ? ref(twin) : twin);
    }
  }
  // Values openapi-typescript infers: the last segment of a oneOf member's `$ref`, the key of an allOf child.
  for (const member of Array.isArray(node.oneOf) ? node.oneOf : []) {
    const target = isObject(member) && typeof member.$ref === "string" ? member.$ref : undefined;
    const key = target === undefined ? undefined : componentSchemaKey(target);
    if (key !== undefined && !mapped.has(key) && ctx.twins.has(key)) setOwn(mapping, target!.split("/").pop()!, ref(ctx.twins.get(key)!));
  }
  for (const child of self ? descendants(self, ctx.allOfChildren) : []) {
    // one with the discriminator of its own types its tag itself (inherited-tags.ts: a Dog that Puppy extends)
    const own = ctx.components[child];
    if (isObject(own) && isObject(own.discriminator) && own.discriminator.propertyName === discriminator.propertyName) continue;
    if (!mapped.has(child) && !Object.hasOwn(mapping, child)) setOwn(mapping, child, ref(ctx.twins.get(child)!));
  }
  return { ...discriminator, mapping };
}

/** Per split component, the readOnly property names in its own tree and in every component it reaches. */
function readOnlyNames(components: JsonObject, twins: Map<string, string>): Map<string, Set<string>> {
  const own = new Map<string, Set<string>>();
  const refs = new Map<string, Set<string>>();
  for (const key of twins.keys()) {
    const names = new Set<string>();
    eachSchemaNode(components[key], (node) => {
      if (isObject(node.properties)) for (const [name, p] of Object.entries(node.properties)) if (isMarked(p, "readOnly", components)) names.add(name);
    });
    own.set(key, names);
    refs.set(key, referencedComponents(components[key]));
  }
  const out = new Map<string, Set<string>>();
  for (const key of twins.keys()) {
    const names = new Set<string>();
    const seen = new Set([key]);
    const queue = [key];
    while (queue.length) {
      const k = queue.pop()!;
      for (const name of own.get(k) ?? []) names.add(name);
      for (const next of refs.get(k) ?? []) if (twins.has(next) && !seen.has(next)) (seen.add(next), queue.push(next));
    }
    out.set(key, names);
  }
  return out;
}

/** The allOf children of `parent`, theirs in turn, and so on: each takes the discriminator it inherits (Dog: allOf [Pet], Pet: allOf [NewPet]). */
function descendants(parent: string, children: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (let i = -1; i < out.length; i++) {
    for (const child of children.get(i < 0 ? parent : out[i]!) ?? []) if (child !== parent && !out.includes(child)) out.push(child);
  }
  return out;
}

function allOfChildren(components: JsonObject, twins: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const child of twins.keys()) {
    eachSchemaNode(components[child], (node) => {
      for (const member of Array.isArray(node.allOf) ? node.allOf : []) {
        const parent = isObject(member) && typeof member.$ref === "string" ? componentSchemaKey(member.$ref) : undefined;
        if (parent === undefined) continue;
        const list = out.get(parent) ?? [];
        if (!list.includes(child)) list.push(child);
        out.set(parent, list);
      }
    });
  }
  return out;
}
