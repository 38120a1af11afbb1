/** Media types: how a request body of each is read, and the one a typed alias or a client call uses by default. */
import type { MediaIR, QuerystringIR } from "./types.js";
import { componentSchemaKey, escapeSegment } from "../openapi/pointer.js";

/** JSON first, then other JSON types, then forms, then the first listed. */
export function preferredMedia(content: readonly MediaIR[]): MediaIR | undefined {
  return (
    content.find((m) => /^application\/json\b/i.test(m.mediaType)) ??
    content.find((m) => /[/+]json\b/i.test(m.mediaType)) ??
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

export { bareMediaType } from "../openapi/media-type.js";

export type BodyKind = "json" | "form" | "multipart" | "text" | "raw";

export const JSON_TYPE = /^application\/json\b|[/+]json\b/i;

export const EVENT_STREAM = /^text\/event-stream\b/i;

/** How a request body of `mediaType` is sent and read: JSON, a form, multipart, text or bytes. */
export function requestKind(mediaType: string): BodyKind {
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
