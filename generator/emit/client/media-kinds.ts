/**
 * How the client sends and reads each media type, decided at generation time so the runtime only
 * switches on a word: JSON is (de)serialized, forms are encoded, text is a string, a `text/event-stream`
 * is read event by event as it arrives, anything else is bytes (a `Blob` in, a `Blob` out).
 */
import type { ApiIR, MediaIR, ResponseIR } from "../../ir/types.js";
import { EVENT_STREAM, preferredMedia } from "../../ir/media.js";
import type { JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";

import { bodyKind, type BodyKind } from "../../ir/media.js";
import { isObject } from "../../openapi/kinds.js";
export { bodyKind, type BodyKind };
export type ResponseKind = "json" | "text" | "blob" | "none" | "events";
/** How the client reads an event's `data`: JSON, or (a string schema, or none) as text. */
export type EventsKind = "events" | "jsonEvents";

const TEXT_TYPE = /^text\/|[/+]xml\b|^application\/x-www-form-urlencoded\b/i;

/** The media type the client reads for a response (`undefined` when it documents no body). */
export function responseMedia(response: ResponseIR): MediaIR | undefined {
  return preferredMedia(response.content);
}

export function responseKind(response: ResponseIR): ResponseKind {
  return mediaKind(responseMedia(response));
}

/** How a response body of one media type is read (the client) and sent (the server); `undefined`: no body. */
export function mediaKind(media: MediaIR | undefined): ResponseKind {
  if (!media) return "none";
  // a media range by its schema (ir/media.ts), any other type by its name
  const kind = bodyKind(media);
  if (kind === "json") return "json";
  if (EVENT_STREAM.test(media.mediaType)) return "events";
  return kind === "text" || (!media.range && TEXT_TYPE.test(media.mediaType)) ? "text" : "blob";
}

/**
 * The schema of a `text/event-stream` response describes each event's `data` (the usual reading of a 3.1
 * document; 3.2's `itemSchema` is not read): text when it is a string (or there is none), else JSON.
 */
export function eventsKind(document: JsonObject, response: ResponseIR): EventsKind {
  return mediaEventsKind(document, responseMedia(response));
}

function mediaEventsKind(document: JsonObject, media: MediaIR | undefined): EventsKind {
  const schema = deref(document, media?.schema);
  if (typeof schema !== "object") return "events";
  const t = types(schema);
  return t.length === 1 && t[0] === "string" ? "events" : "jsonEvents";
}

/** The type alias of an event stream's data holds only with a schema (a string enum stays its union); else it is text. */
export function typedEvents(response: ResponseIR): boolean {
  const schema = responseMedia(response)?.schema;
  return typeof schema === "object" && schema !== null;
}

/** Whether the client (or its webhook sender) reads an event stream: the runtime's event reader is left out of packages that do not. */
export function readsEvents(ir: ApiIR): boolean {
  return [...ir.operations, ...ir.webhooks].some((op) => op.responses.some((r) => isSuccess(r.status) && responseKind(r) === "events"));
}

/**
 * Whether the client (or its webhook sender) sends a urlencoded or multipart body, or an `in: querystring`
 * parameter: the runtime's form encoders are left out of packages that do not.
 */
export function sendsForms(ir: ApiIR): boolean {
  return [...ir.operations, ...ir.webhooks].some(
    (op) => op.querystring !== undefined || (op.requestBody?.content ?? []).some((m) => { const k = requestBodyKind(ir.document, m); return k === "form" || k === "multipart"; }),
  );
}

/** The word the operation tables of the client and the server hold for a response. */
export function runtimeResponseKind(document: JsonObject, response: ResponseIR): ResponseKind | EventsKind {
  return runtimeMediaKind(document, responseMedia(response));
}

/** The same word for one of a response's media types (the server sends each the handler may choose). */
export function runtimeMediaKind(document: JsonObject, media: MediaIR | undefined): ResponseKind | EventsKind {
  const kind = mediaKind(media);
  return kind === "events" ? mediaEventsKind(document, media) : kind;
}

/** A response's media types, the one the client reads (and a server sends by default) first. */
export function responseMediaTypes(response: ResponseIR): MediaIR[] {
  return requestMedia(response.content);
}

/**
 * How a request body travels (the client's and the server's tables): by its media type, except a form
 * whose schema is a string, the form's text already encoded (`text=I+like+tacos`): sent and read as text.
 */
export function requestBodyKind(document: JsonObject, media: MediaIR): BodyKind {
  const kind = bodyKind(media);
  const schema = kind === "form" ? deref(document, media.schema) : undefined;
  return isObject(schema) && types(schema).length === 1 && types(schema)[0] === "string" ? "text" : kind;
}

/** How an `in: querystring` value is written: form fields, JSON text, or text as it is. */
export function querystringKind(document: JsonObject, media: MediaIR): "json" | "form" | "text" {
  const kind = requestBodyKind(document, media);
  return kind === "json" || kind === "form" ? kind : "text";
}

/** A request body's media types, the one a call uses by default first. */
export function requestMedia(content: readonly MediaIR[]): MediaIR[] {
  const first = preferredMedia(content);
  return first ? [first, ...content.filter((m) => m !== first)] : [];
}

export function isSuccess(status: string): boolean {
  return /^2/.test(status);
}
