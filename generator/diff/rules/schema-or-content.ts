/**
 * A parameter's or header's schema: its `schema`, or (OpenAPI 3.x §4.8.12.2: `content` "MUST only contain
 * one entry") the schema of its `content`'s one media type. Both forms describe the same value, so a
 * `schema` on one side is compared with a `content` schema on the other.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { bareMediaType } from "../../ir/media.js";
import { child } from "../context.js";

export interface ValueSchema {
  schema: unknown;
  pointer: string;
  /** The media type as written, when the value is described by `content`. */
  media?: string;
}

export function valueSchema(value: JsonObject, pointer: string): ValueSchema | undefined {
  if (value.schema !== undefined) return { schema: value.schema, pointer: child(pointer, "schema") };
  if (!isObject(value.content)) return undefined;
  const media = Object.keys(value.content)[0];
  const entry = media === undefined ? undefined : value.content[media];
  if (!isObject(entry) || entry.schema === undefined) return undefined;
  return { schema: entry.schema, pointer: child(pointer, "content", media!, "schema"), media };
}

/** How the value is written on the wire: `schema` (its style), or a media type (lowercase, no parameters). */
export function encodingOf(v: ValueSchema): string {
  return v.media === undefined ? "schema" : bareMediaType(v.media);
}
