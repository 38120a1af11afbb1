/**
 * How the client sends and reads each media type, decided at generation time so the runtime only
 * switches on a word: JSON is (de)serialized, forms are encoded, text is a string, anything else is
 * bytes (a `Blob` in, a `Blob` out).
 */
import type { MediaIR, ResponseIR } from "../../ir/types.js";
import { JSON_TYPE, preferredMedia } from "../../ir/media.js";

export { requestKind, type BodyKind } from "../../ir/media.js";
export type ResponseKind = "json" | "text" | "blob" | "none";

const TEXT_TYPE = /^text\/|[/+]xml\b|^application\/x-www-form-urlencoded\b/i;

/** The media type the client reads for a response (`undefined` when it documents no body). */
export function responseMedia(response: ResponseIR): MediaIR | undefined {
  return preferredMedia(response.content);
}

export function responseKind(response: ResponseIR): ResponseKind {
  const media = responseMedia(response);
  if (!media) return "none";
  if (JSON_TYPE.test(media.mediaType)) return "json";
  return TEXT_TYPE.test(media.mediaType) ? "text" : "blob";
}

/** A request body's media types, the one a call uses by default first. */
export function requestMedia(content: readonly MediaIR[]): MediaIR[] {
  const first = preferredMedia(content);
  return first ? [first, ...content.filter((m) => m !== first)] : [];
}

export function isSuccess(status: string): boolean {
  return /^2/.test(status);
}
