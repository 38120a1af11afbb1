/** Media types: how a request body of each is read, and the one a typed alias or a client call uses by default. */
import type { MediaIR, QuerystringIR, RangeReading } from "./types.js";
import { componentSchemaKey, escapeSegment } from "../openapi/pointer.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref, types } from "../openapi/sample-value.js";
import { bareMediaType } from "../openapi/media-type.js";
import { simpleText } from "../openapi/simple-style.js";

/** JSON first, then other JSON types, then a media range read as JSON (`*\/*` of an object), then forms, then the first listed. */
export function preferredMedia(content: readonly MediaIR[]): MediaIR | undefined {
  return (
    content.find((m) => /^application\/json(?![\w-])/i.test(m.mediaType)) ??
    content.find((m) => JSON_TYPE.test(m.mediaType)) ??
    content.find((m) => m.range === "json") ??
    content.find((m) => /^application\/x-www-form-urlencoded\b/i.test(m.mediaType)) ??
    content.find((m) => /^multipart\/form-data\b/i.test(m.mediaType)) ??
    content[0]
  );
}

/** The component schema key a media type's schema is exactly a `$ref` to, if any. */
export function schemaRefKey(media: MediaIR | undefined): string | undefined {
  const schema = media?.schema;
  if (typeof schema !== "object" || typeof schema.$ref !== "string") return undefined;
  if (Object.keys(schema).length !== 1) return undefined;
  return componentSchemaKey(schema.$ref);
}

export { bareMediaType };

export type BodyKind = "json" | "form" | "multipart" | "text" | "raw";

/**
 * A JSON document's media type: `application/json`, a `+json` suffix (RFC 6839), `text/json`. Not a sequence
 * or a stream of JSON texts (`application/json-seq`, RFC 7464; `x-ndjson`, `jsonl`), whose body no JSON parse
 * reads: those are bytes, as any other type.
 */
export const JSON_TYPE = /[/+]json(?![\w-])/i;

/**
 * Whether a `content` parameter travels as JSON text of its value. Any other media type (`text/plain`, which
 * OpenAPI 3.2 recommends for cookies) is its text as it is, unquoted (OpenAPI's media type registry), so such
 * a parameter is sent and read as one with a schema is.
 */
export function jsonContent(p: { contentType?: string | undefined }): boolean {
  return p.contentType !== undefined && JSON_TYPE.test(p.contentType);
}

/** A header's text (a parameter's, a response's): a `content` one's JSON for a JSON media type, else `style: simple`'s. */
export function headerText(value: unknown, h: { contentType?: string | undefined; explode?: boolean | undefined }): string {
  return jsonContent(h) ? (JSON.stringify(value) ?? "") : simpleText(value, h.explode === true);
}

export const EVENT_STREAM = /^text\/event-stream\b/i;

/** A media range (`*\/*`, `application/*`; RFC 9110 §12.5.1): it names no one type a body is sent as. */
export function isMediaRange(mediaType: string): boolean {
  return /^[^/]+\/\*$/.test(bareMediaType(mediaType));
}

/**
 * How a body under a media range is read and sent, decided by its schema (the IR's `MediaIR.range`), as
 * openapi-typescript types it and Prism's mock serves it (Spring writes `*\/*` for JSON): bytes where it has
 * no schema or a binary string's (`format: binary` or `byte`, `contentEncoding`, `contentMediaType`), text
 * where it is a string's, JSON for any other. A `text/*` range stays text (bytes for a binary string):
 * JSON is not a type it covers. `undefined` for a media type that is no range: its name decides.
 */
export function rangeReading(document: JsonObject, mediaType: string, schema: unknown): RangeReading | undefined {
  if (!isMediaRange(mediaType)) return undefined;
  const s = deref(document, schema);
  const t = isObject(s) ? types(s) : [];
  const binary = isObject(s) && (t.length === 0 || t.includes("string")) && (s.format === "binary" || s.format === "byte" || s.contentEncoding !== undefined || s.contentMediaType !== undefined);
  if (binary) return "bytes";
  if (/^text\//i.test(bareMediaType(mediaType))) return "text";
  // no schema, or one that says nothing of the value (`{}`, a description alone): whatever was sent
  if (!isObject(s) || (t.length === 0 && !SHAPES.some((k) => k in s))) return "bytes";
  // a string that may be null (3.0's `nullable`) is text too
  const nonNull = t.filter((x) => x !== "null");
  return nonNull.length === 1 && nonNull[0] === "string" ? "text" : "json";
}

/** Keywords that describe a JSON value without `type`. */
const SHAPES = ["properties", "additionalProperties", "patternProperties", "items", "prefixItems", "required", "allOf", "anyOf", "oneOf", "enum", "const"];

/**
 * The `Content-Type` a body under `media` is sent with: its media type, or for a range read as JSON or text
 * the type it is (`application/json`, `text/plain; charset=utf-8`), bytes under `*\/*` as
 * `application/octet-stream` (Spring, for one, refuses a wildcard Content-Type); bytes under `type/*` stay as
 * written: which of its types they are is the caller's to say (a per-call `Content-Type` header).
 */
export function sentMediaType(media: Pick<MediaIR, "mediaType" | "range">): string {
  if (media.range === "json") return "application/json";
  if (media.range === "text") return "text/plain; charset=utf-8";
  if (media.range === "bytes" && bareMediaType(media.mediaType) === "*/*") return "application/octet-stream";
  return media.mediaType;
}

/**
 * How a body of a media type, a request's or a response's, is sent and read: JSON, a form, multipart, text or
 * bytes. A media range (`range`, from `rangeReading`) by its schema, any other by its name. The one place
 * emitters ask.
 */
export function bodyKind(media: Pick<MediaIR, "mediaType" | "range">): BodyKind {
  if (media.range) return media.range === "bytes" ? "raw" : media.range;
  const mediaType = media.mediaType;
  if (JSON_TYPE.test(mediaType)) return "json";
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType)) return "form";
  if (/^multipart\//i.test(mediaType)) return "multipart";
  if (/^text\//i.test(mediaType)) return "text";
  return "raw";
}

/** An `in: querystring` parameter's one media type, read as a body of that type is (form fields, JSON, text). */
export function querystringMedia(qs: QuerystringIR): MediaIR {
  return { mediaType: qs.contentType, schema: qs.schema, examples: {}, encoding: qs.encoding, pointer: `${qs.pointer}/content/${escapeSegment(qs.contentType)}` };
}
