/**
 * What a multipart file part must be, from its schema and its encoding, for the server to check (the body
 * validator takes any value for a file: see `relaxFiles`):
 * - `minLength` / `maxLength` count the file's bytes: for raw binary content the length is its number of
 *   octets (OAS 3.1.1 §4.4.2 "Working With Binary Data"); encoded content (`contentEncoding: base64`) is
 *   ASCII text, so its bytes are its characters.
 * - the media types its part may have: the Encoding Object's `contentType` (a comma-separated list of media
 *   types and ranges like `image/*`, OAS 3.1 §4.8.15), else the schema's `contentMediaType` (which the
 *   encoding overrides where they differ). `application/octet-stream` and `*\/*` name any bytes ("any binary
 *   media type, including application/octet-stream, is sufficient to indicate binary content"), so a list
 *   holding either allows every type and none is checked.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { deref } from "./sample-value.js";
import { bareMediaType } from "./media-type.js";

export interface FileRule {
  minBytes?: number;
  maxBytes?: number;
  /** Lower-cased media types without parameters, ranges (`image/*`) kept. */
  types?: string[];
}

const ANY_TYPE = new Set(["*/*", "application/octet-stream"]);

/** The media types of a `contentType` list or a `contentMediaType`, compared as the runtime compares them; `undefined`: any. */
export function allowedTypes(text: string): string[] | undefined {
  const list = text.split(",").map(bareMediaType).filter((t) => t !== "");
  if (list.length === 0 || list.some((t) => ANY_TYPE.has(t))) return undefined;
  return [...new Set(list)];
}

const byteCount = (n: unknown): number | undefined => (typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined);

/** The rule of one file (a file property, or the items of a list of files); `undefined` when the spec sets none. */
export function fileRule(document: JsonObject, schema: unknown, encodingType: string | undefined): FileRule | undefined {
  const s = deref(document, schema);
  if (!isObject(s)) return undefined;
  const rule: FileRule = {};
  const min = byteCount(s.minLength);
  const max = byteCount(s.maxLength);
  if (min !== undefined && min > 0) rule.minBytes = min;
  if (max !== undefined) rule.maxBytes = max;
  const typeText = encodingType ?? (typeof s.contentMediaType === "string" ? s.contentMediaType : undefined);
  const types = typeText === undefined ? undefined : allowedTypes(typeText);
  if (types) rule.types = types;
  return Object.keys(rule).length ? rule : undefined;
}
