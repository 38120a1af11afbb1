/**
 * The shape of an OpenAPI 3.x document as a tree of typed objects: which child of which object is a
 * schema, a parameter, a response... Every stage that walks a document (bundle, normalize, later lint and
 * validators) asks this one module, so a `$ref` or a `nullable` inside an example, a default, an enum or an
 * `x-` extension is never mistaken for structure: those are data (OpenAPI 3.1 §4.8, JSON Schema 2020-12 §10).
 */
export type Kind =
  | "Root"
  | "PathItem"
  | "Operation"
  | "Parameter"
  | "Header"
  | "RequestBody"
  | "Response"
  | "MediaType"
  | "Encoding"
  | "Schema"
  | "Example"
  | "Link"
  | "Callback"
  | "SecurityScheme";

export interface Child {
  /** Path segments from the parent to the child (one or two: `["responses", "200"]`). */
  segments: string[];
  value: unknown;
  kind: Kind;
}

export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The path item's fixed operation fields: OpenAPI 3.1's eight and 3.2's `query` (HTTP QUERY). */
export const FIXED_METHODS = [...HTTP_METHODS, "query"] as const;

/**
 * One Operation Object of a path item (OpenAPI 3.2 §4.9: the fixed fields and `additionalOperations`).
 * `method` is its key (`get`, `query`, or an additional operation's name as written, `LINK`); `httpMethod`
 * what is sent (the fixed fields upper-cased, an additional key as it is: 3.2 says it has the method's
 * capitalization); `segments` lead from the path item to it.
 */
export interface PathItemOperation {
  method: string;
  httpMethod: string;
  segments: string[];
  operation: JsonObject;
}

/** Every operation of a path item that is an object, fixed fields first, then `additionalOperations` in order. */
export function operationsOfItem(item: JsonObject): PathItemOperation[] {
  const out: PathItemOperation[] = [];
  for (const method of FIXED_METHODS) {
    const operation = item[method];
    if (isObject(operation)) out.push({ method, httpMethod: method.toUpperCase(), segments: [method], operation });
  }
  const extra = item.additionalOperations;
  if (isObject(extra)) {
    for (const [method, operation] of Object.entries(extra)) {
      if (isObject(operation)) out.push({ method, httpMethod: method, segments: ["additionalOperations", method], operation });
    }
  }
  return out;
}

/** Whether a path item has any operation left. */
export function hasOperations(item: JsonObject): boolean {
  return operationsOfItem(item).length > 0;
}

/** The components section that holds objects of a kind (for hoisting external `$ref` targets). */
export const COMPONENT_SECTION: Partial<Record<Kind, string>> = {
  Schema: "schemas",
  Parameter: "parameters",
  Header: "headers",
  RequestBody: "requestBodies",
  Response: "responses",
  Example: "examples",
  Link: "links",
  Callback: "callbacks",
  SecurityScheme: "securitySchemes",
  MediaType: "mediaTypes",
};

export const COMPONENT_KINDS: Record<string, Kind> = {
  schemas: "Schema",
  parameters: "Parameter",
  headers: "Header",
  requestBodies: "RequestBody",
  responses: "Response",
  examples: "Example",
  links: "Link",
  callbacks: "Callback",
  securitySchemes: "SecurityScheme",
  pathItems: "PathItem",
  mediaTypes: "MediaType", // 3.2
};

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SCHEMA_ONE = [
  "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems",
  "contains", "propertyNames", "not", "if", "then", "else", "contentSchema",
];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];

/**
 * Calls `fn` on each object subschema of the schema `node` (what `childrenOf(node, "Schema")` lists, less
 * boolean schemas), without building the list: for walks over every schema of a large spec.
 */
export function forEachSubschema(node: JsonObject, fn: (schema: JsonObject) => void): void {
  // by the node's own keys (a handful) rather than asking for each of the 21 keywords
  for (const k of Object.keys(node)) {
    const shape = SUBSCHEMA_SHAPE.get(k);
    if (shape === undefined) continue;
    const v = node[k];
    if (shape === "one") {
      if (isObject(v)) fn(v);
    } else if (shape === "list") {
      if (Array.isArray(v)) for (const s of v) if (isObject(s)) fn(s);
    } else if (isObject(v)) for (const name of Object.keys(v)) if (isObject(v[name])) fn(v[name]);
  }
}

/** How a schema keyword holds subschemas: a map of them, one, or a list; undefined for other keywords. */
export function subschemaShape(keyword: string): "map" | "one" | "list" | undefined {
  return SUBSCHEMA_SHAPE.get(keyword);
}

const SUBSCHEMA_SHAPE = new Map<string, "map" | "one" | "list">([
  ...SCHEMA_MAPS.map((k) => [k, "map"] as const),
  ...SCHEMA_ONE.map((k) => [k, "one"] as const),
  ...SCHEMA_LISTS.map((k) => [k, "list"] as const),
]);
const SUBSCHEMA_RANK = new Map([...SUBSCHEMA_SHAPE.keys()].map((k, i) => [k, i]));

/** Schema keywords that annotate and never constrain: the validators leave them out of what they compile. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "description", "title", "examples", "example", "deprecated", "externalDocs", "xml", "discriminator",
  "readOnly", "writeOnly", "default", "$comment", "contentMediaType", "contentEncoding", "contentSchema",
  "nullable",
]);

/** Schema keywords whose values are data (instances), never schemas nor keys a walker should read as names. */
export const DATA_KEYWORDS: ReadonlySet<string> = new Set(["enum", "const", "default", "example", "examples"]);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{not: {}}`, the schema normalize writes for `false` (no value is valid): readers that know `false` read it back as that. */
export function isFalseSchema(schema: unknown): boolean {
  return isObject(schema) && Object.keys(schema).length === 1 && isObject(schema.not) && Object.keys(schema.not).length === 0;
}

function mapOf(out: Child[], node: JsonObject, key: string, kind: Kind, skipExtensions = false): void {
  const map = node[key];
  if (!isObject(map)) return;
  for (const name of Object.keys(map)) {
    if (skipExtensions && name.startsWith("x-")) continue;
    out.push({ segments: [key, name], value: map[name], kind });
  }
}

function listOf(out: Child[], node: JsonObject, key: string, kind: Kind): void {
  const list = node[key];
  if (!Array.isArray(list)) return;
  list.forEach((value, i) => out.push({ segments: [key, String(i)], value, kind }));
}

function one(out: Child[], node: JsonObject, key: string, kind: Kind): void {
  // A schema may be a boolean (JSON Schema 2020-12 §4.3.2); other objects may not.
  const value = node[key];
  if (isObject(value) || (kind === "Schema" && typeof value === "boolean")) out.push({ segments: [key], value, kind });
}

/** The typed children of `node`, which is an object of `kind` that is not itself a `$ref`. */
export function childrenOf(node: JsonObject, kind: Kind): Child[] {
  const out: Child[] = [];
  switch (kind) {
    case "Root": {
      mapOf(out, node, "paths", "PathItem", true);
      mapOf(out, node, "webhooks", "PathItem", true);
      const components = node.components;
      if (isObject(components)) {
        for (const section of Object.keys(components)) {
          // own keys only: a section named `constructor` is no kind (it named Object's constructor)
          const k = Object.prototype.hasOwnProperty.call(COMPONENT_KINDS, section) ? COMPONENT_KINDS[section] : undefined;
          const map = components[section];
          if (!k || !isObject(map)) continue;
          for (const name of Object.keys(map)) {
            out.push({ segments: ["components", section, name], value: map[name], kind: k });
          }
        }
      }
      break;
    }
    case "PathItem":
      listOf(out, node, "parameters", "Parameter");
      // 3.2: `query` (the QUERY method) among them, then methods of any other name.
      for (const m of FIXED_METHODS) one(out, node, m, "Operation");
      mapOf(out, node, "additionalOperations", "Operation");
      break;
    case "Operation":
      listOf(out, node, "parameters", "Parameter");
      one(out, node, "requestBody", "RequestBody");
      mapOf(out, node, "responses", "Response", true);
      mapOf(out, node, "callbacks", "Callback", true);
      break;
    case "Parameter":
    case "Header":
      one(out, node, "schema", "Schema");
      mapOf(out, node, "content", "MediaType");
      mapOf(out, node, "examples", "Example");
      break;
    case "RequestBody":
      mapOf(out, node, "content", "MediaType");
      break;
    case "Response":
      mapOf(out, node, "headers", "Header");
      mapOf(out, node, "content", "MediaType");
      mapOf(out, node, "links", "Link");
      break;
    case "MediaType":
      one(out, node, "schema", "Schema");
      one(out, node, "itemSchema", "Schema"); // 3.2: each item of a sequential media type
      mapOf(out, node, "examples", "Example");
      mapOf(out, node, "encoding", "Encoding");
      listOf(out, node, "prefixEncoding", "Encoding"); // 3.2
      one(out, node, "itemEncoding", "Encoding"); // 3.2
      break;
    case "Encoding":
      mapOf(out, node, "headers", "Header");
      mapOf(out, node, "encoding", "Encoding"); // 3.2: nested multipart
      listOf(out, node, "prefixEncoding", "Encoding");
      one(out, node, "itemEncoding", "Encoding");
      break;
    case "Callback":
      for (const expr of Object.keys(node)) {
        if (!expr.startsWith("x-")) out.push({ segments: [expr], value: node[expr], kind: "PathItem" });
      }
      break;
    case "Schema": {
      // by the node's own keys (a handful) rather than asking for each of the 21 keywords, in the keywords'
      // order (maps, ones, lists): what a walk meets first is part of its result (the first union's tags)
      const present: string[] = [];
      for (const k of Object.keys(node)) if (SUBSCHEMA_SHAPE.has(k)) present.push(k);
      if (present.length > 1) present.sort((a, b) => SUBSCHEMA_RANK.get(a)! - SUBSCHEMA_RANK.get(b)!);
      for (const k of present) {
        const shape = SUBSCHEMA_SHAPE.get(k);
        if (shape === "map") mapOf(out, node, k, "Schema");
        else if (shape === "one") one(out, node, k, "Schema");
        else listOf(out, node, k, "Schema");
      }
      break;
    }
    case "Example":
    case "Link":
    case "SecurityScheme":
      break;
  }
  return out;
}

/**
 * What a pointer of the document names: a typed object (its kind), `"container"` for the maps and lists
 * that hold them and the document itself (`/components/schemas`, `/paths`, ``), or `undefined` for data
 * inside a typed object (an example's value, a schema's `required`) and for places the tree does not type.
 */
export function kindAt(document: JsonObject, segments: readonly string[]): Kind | "container" | undefined {
  let node: unknown = document;
  let kind: Kind = "Root";
  let i = 0;
  // a component (`/components/schemas/Pet`, what nearly every $ref names) without listing the root's
  // children: bundle asks this for each of a spec's refs, and GitHub's root has thousands (2 s instead of 0.1)
  const [first, section, name] = segments;
  const sections = isObject(document.components) ? document.components : undefined;
  const map = first === "components" && section !== undefined && sections && Object.hasOwn(COMPONENT_KINDS, section) ? sections[section] : undefined;
  if (name !== undefined && isObject(map) && Object.hasOwn(map, name) && isObject(map[name])) {
    node = map[name];
    kind = COMPONENT_KINDS[section!]!;
    i = 3;
  }
  while (i < segments.length) {
    if (!isObject(node)) return undefined;
    const rest = segments.slice(i);
    let partial = false;
    let next: Child | undefined;
    for (const child of childrenOf(node, kind)) {
      const n = child.segments.length;
      if (n <= rest.length && child.segments.every((s, j) => s === rest[j])) {
        next = child;
        break;
      }
      if (n > rest.length && rest.every((s, j) => s === child.segments[j])) partial = true;
    }
    if (!next) return partial ? "container" : undefined;
    node = next.value;
    kind = next.kind;
    i += next.segments.length;
  }
  return i === 0 ? "container" : kind;
}

/** A kind in words, for messages: `request body`, `path item`. */
export function kindName(kind: Kind): string {
  return kind.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
