/**
 * OpenAPI 3.2 read as 3.1 (the dialect is the same, JSON Schema 2020-12; 3.2 adds document structure).
 * What has a 3.1 form takes it, so openapi-typescript, the IR and every emitter read one version:
 * - `components.mediaTypes` and the `$ref`s to them in `content` are inlined;
 * - a `text/event-stream` `itemSchema` (each event: `event`, `data`, `id`, `retry`) becomes the media
 *   type's `schema`, the schema of each event's `data` (how the client and server read event streams):
 *   `data`'s `contentSchema` (JSON data) or `data` itself (text), a union where events are alternatives;
 * - an Example's `dataValue` is its `value`; `style: cookie` is `form` (its serialization for one value);
 * - a response without `description` gets an empty one.
 * QUERY (`query`), `additionalOperations` and `in: querystring` parameters have no 3.1 form and stay as
 * written (the IR, the emitters, lint and diff read them; the document then says `openapi: 3.2.0`), but for
 * an additional CONNECT or TRACK, which fetch refuses to send. What else has none is left out, each with
 * a warning naming its place: `itemSchema` of other media types (the body stays untyped text or bytes);
 * `itemEncoding` and `prefixEncoding` go unsaid (the parts of a multipart body are read by `encoding` alone),
 * but a malformed one stays for the check stage to refuse (openapi/typed-shapes.ts). Annotations 3.1 lacks are dropped (`$self`, tag `summary`/`parent`/`kind`,
 * server `name`, response `summary`, `serializedValue`, discriminator `defaultMapping`, `xml.nodeType`,
 * security scheme `deprecated`/`oauth2MetadataUrl`, the device authorization flow).
 */
import { childrenOf, hasOperations, isObject, type JsonObject, type Kind } from "../openapi/kinds.js";
import { escapeSegment, segmentsOf } from "../openapi/pointer.js";
import { deref as followRefs } from "../openapi/sample-value.js";
import { hasShapes } from "../openapi/typed-shapes.js";

/** What normalizing found worth a warning, at its pointer in the bundled document. */
export interface NormalizeWarning {
  pointer: string;
  code: "normalize/unsupported-32" | "normalize/null-beside-composition" | "normalize/self-union";
  message: string;
  help: string;
}

const EVENT_STREAM = /^text\/event-stream\b/i;
const MEDIA_TYPE_REF = "#/components/mediaTypes/";

export function downlevel32(document: JsonObject): NormalizeWarning[] {
  const warnings: NormalizeWarning[] = [];
  const warn = (pointer: string, message: string, help: string) => warnings.push({ pointer, code: "normalize/unsupported-32", message, help });
  inlineMediaTypes(document);
  delete document.$self;
  if (Array.isArray(document.tags)) for (const t of document.tags) if (isObject(t)) for (const k of ["summary", "parent", "kind"]) delete t[k];
  stripServers(document.servers);

  const seen = new WeakSet<object>();
  const emptied = new WeakSet<object>();
  const visit = (node: JsonObject, kind: Kind, pointer: string): void => {
    if (seen.has(node)) return;
    seen.add(node);
    switch (kind) {
      case "PathItem":
        if (pathItem(node, pointer, warn)) emptied.add(node);
        stripServers(node.servers);
        break;
      case "Operation":
        stripServers(node.servers);
        break;
      case "MediaType":
        mediaType(document, node, pointer, warn);
        break;
      case "Response":
        delete node.summary;
        if (typeof node.description !== "string") node.description = "";
        break;
      case "Example":
        if (!("value" in node) && "dataValue" in node) node.value = node.dataValue;
        delete node.dataValue;
        delete node.serializedValue;
        break;
      case "Parameter":
      case "Header":
        if (node.style === "cookie") node.style = "form";
        break;
      case "SecurityScheme":
        delete node.deprecated;
        delete node.oauth2MetadataUrl;
        if (isObject(node.flows)) delete node.flows.deviceAuthorization;
        break;
      case "Schema":
        if (isObject(node.discriminator)) delete node.discriminator.defaultMapping;
        if (isObject(node.xml)) delete node.xml.nodeType;
        break;
    }
    for (const child of childrenOf(node, kind)) {
      if (isObject(child.value)) visit(child.value, child.kind, pointer + child.segments.map((s) => `/${escapeSegment(s)}`).join(""));
    }
  };
  visit(document, "Root", "");
  dropEmptied(document, emptied);
  // What stays of 3.2 (QUERY, additional methods, `in: querystring`) keeps the document's version honest.
  document.openapi = kept32(document) ? "3.2.0" : "3.1.0";
  return warnings;
}

function stripServers(servers: unknown): void {
  if (Array.isArray(servers)) for (const s of servers) if (isObject(s)) delete s.name;
}

type Warn = (pointer: string, message: string, help: string) => void;

/**
 * Additional operations fetch refuses to send (Fetch standard, "forbidden method": the client could never
 * call them) are left out. The rest stay, QUERY and `in: querystring` included: the check stage reports the
 * additional methods 3.2 forbids (a fixed method's name, a name that is no HTTP token).
 */
const FORBIDDEN_BY_FETCH = new Set(["CONNECT", "TRACK"]); // TRACE is a fixed field: `trace`

/** Whether that left the path item without operations. */
function pathItem(item: JsonObject, pointer: string, warn: Warn): boolean {
  const extra = item.additionalOperations;
  if (!isObject(extra)) return false;
  let left = false;
  for (const method of Object.keys(extra)) {
    if (!isObject(extra[method]) || !FORBIDDEN_BY_FETCH.has(method.toUpperCase())) continue;
    left = true;
    warn(`${pointer}/additionalOperations/${escapeSegment(method)}`, `the ${method} operation is left out: fetch refuses to send a ${method.toUpperCase()} request, so no client could call it`, "describe the operation with another method, or generate without it");
    delete extra[method];
  }
  if (Object.keys(extra).length === 0) delete item.additionalOperations;
  return left && !hasOperations(item);
}

/** Whether the document still says something only 3.2 can: a QUERY or additional operation, an `in: querystring` parameter (paths, webhooks, components or callbacks). */
function kept32(document: JsonObject): boolean {
  let found = false;
  const seen = new WeakSet<object>();
  const visit = (node: JsonObject, kind: Kind): void => {
    if (found || seen.has(node)) return;
    seen.add(node);
    if (kind === "PathItem" && (isObject(node.query) || isObject(node.additionalOperations))) found = true;
    if (kind === "Parameter" && node.in === "querystring") found = true;
    for (const child of childrenOf(node, kind)) if (isObject(child.value)) visit(child.value, child.kind);
  };
  visit(document, "Root");
  return found;
}

/** Path items whose every operation was left out go too. */
function dropEmptied(document: JsonObject, emptied: WeakSet<object>): void {
  for (const section of ["paths", "webhooks"]) {
    const items = document[section];
    if (isObject(items)) for (const [key, item] of Object.entries(items)) if (isObject(item) && emptied.has(item)) delete items[key];
  }
}

function mediaType(document: JsonObject, media: JsonObject, pointer: string, warn: Warn): void {
  const name = segmentsOf(pointer).at(-1) ?? "";
  if (isObject(media.itemSchema)) {
    if (EVENT_STREAM.test(name) && media.schema === undefined) {
      const data = eventData(document, media.itemSchema);
      if (data) media.schema = data;
      else warn(`${pointer}/itemSchema`, "this itemSchema does not say what each event's `data` holds: the events' data is read as text", "give the item schema a `data` property (with `contentSchema` for JSON data)");
    } else if (!EVENT_STREAM.test(name)) {
      warn(`${pointer}/itemSchema`, `itemSchema of ${name} is not read yet: the body is not typed item by item`, "describe the whole body with `schema`, or leave it untyped");
    }
  }
  // a malformed one stays, for the check stage to refuse as it refuses a malformed `encoding`
  for (const key of ["itemSchema", "itemEncoding", "prefixEncoding"]) if (hasShapes({ [key]: media[key] }, "MediaType")) delete media[key];
}

/** The schema of each event's `data`, from an item schema of events; undefined when it does not say. */
function eventData(document: JsonObject, item: JsonObject, depth = 0): JsonObject | undefined {
  if (depth > 8) return undefined;
  const event = deref(document, item);
  const branches = [event.oneOf, event.anyOf].find(Array.isArray);
  if (branches && !isObject(event.properties)) {
    const each = branches.map((b) => (isObject(b) ? eventData(document, b, depth + 1) : undefined));
    if (each.some((d) => d === undefined)) return undefined;
    return { anyOf: each as JsonObject[] };
  }
  const data = isObject(event.properties) && isObject(event.properties.data) ? event.properties.data : undefined;
  if (!data) return undefined;
  const resolved = deref(document, data);
  if (isObject(resolved.contentSchema)) return resolved.contentSchema;
  const { contentMediaType: _media, ...text } = resolved;
  return text;
}

/** A local `$ref`'s target (sample-value's `deref`), or the object itself where it resolves to no object. */
function deref(document: JsonObject, node: JsonObject): JsonObject {
  const target = followRefs(document, node);
  return isObject(target) ? target : node;
}

/** Each `content` entry that is a `$ref` to `components.mediaTypes` becomes a copy of its target; then the section goes. */
function inlineMediaTypes(document: JsonObject): void {
  const seen = new WeakSet<object>();
  const visit = (node: JsonObject, kind: Kind): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isObject(node.content)) {
      for (const [name, entry] of Object.entries(node.content)) {
        if (isObject(entry) && typeof entry.$ref === "string" && entry.$ref.startsWith(MEDIA_TYPE_REF)) node.content[name] = { ...deref(document, entry) };
      }
    }
    for (const child of childrenOf(node, kind)) if (isObject(child.value)) visit(child.value, child.kind);
  };
  visit(document, "Root");
  if (isObject(document.components)) delete document.components.mediaTypes;
}
