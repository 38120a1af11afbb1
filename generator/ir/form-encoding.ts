/**
 * A form body's Encoding Objects (OpenAPI 3.1 §4.8.15; `style`, `explode` and `allowReserved` apply to
 * `application/x-www-form-urlencoded`, and since 3.1.1 to `multipart/form-data` as well), typed per property,
 * and what each asks of the client and the server runtimes:
 * - `deepObject`: the field's members by bracketed names, `metadata[order_id]=6735&items[0][price]=p`, nested
 *   to any depth, lists by index (qs and Rails notation, as Stripe's servers read it).
 * - a list or an object with `style: form, explode: false` / `spaceDelimited` / `pipeDelimited`: one value, a
 *   list's items or an object's names and values in turn (`color=R,100,G,200`, as OpenAPI's style table has it)
 *   joined by `,` / ` ` / `|`.
 * Anything else keeps the form's default, our own: a list repeats its name (`tags=a&tags=b`, the same as
 * `form` + `explode: true`), an object is sent as its JSON text.
 */
import type { MediaIR } from "./types.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref, types } from "../openapi/sample-value.js";

export interface EncodingIR {
  /** The property the entry names. */
  name: string;
  style?: string;
  /** As written, else the OpenAPI default: `true` for `style: form` (or none), `false` for other styles. */
  explode: boolean;
  allowReserved: boolean;
  contentType?: string;
  /** The entry's JSON pointer (for lint findings). */
  pointer: string;
}

/** What the runtimes do with a field beyond the form's default. */
export type FieldStyle = "deepObject" | "form" | "spaceDelimited" | "pipeDelimited";

/** The separator of a delimited list's items. */
export const DELIMITERS: Readonly<Record<Exclude<FieldStyle, "deepObject">, string>> = { form: ",", spaceDelimited: " ", pipeDelimited: "|" };

/** The media type's encoding entries, in the order written; entries that are not objects are left out. */
export function formEncodings(media: MediaIR): EncodingIR[] {
  const encoding = media.encoding;
  if (!isObject(encoding)) return [];
  return Object.keys(encoding).flatMap((name) => {
    const e = encoding[name];
    if (!isObject(e)) return [];
    const style = typeof e.style === "string" ? e.style : undefined;
    return [{
      name,
      style,
      explode: typeof e.explode === "boolean" ? e.explode : style === undefined || style === "form",
      allowReserved: e.allowReserved === true,
      contentType: typeof e.contentType === "string" ? e.contentType : undefined,
      pointer: `${media.pointer}/encoding/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`,
    }];
  });
}

/** What a form property's schema may be, as the styles tell them apart. */
export interface FieldShape {
  list: boolean;
  object: boolean;
}

/** Whether the property's schema (`$ref`s followed) may be a list, and whether an object. */
export function fieldShape(document: JsonObject, prop: unknown): FieldShape {
  const p = deref(document, prop);
  if (!isObject(p)) return { list: false, object: false };
  const t = types(p);
  return { list: t.includes("array") || p.items !== undefined, object: t.includes("object") || isObject(p.properties) || isObject(p.additionalProperties) };
}

/**
 * The style the runtimes apply to a field (`undefined`: the form's default). A delimited style is one only for
 * a field that may be a list or an object: for a scalar it changes nothing.
 */
export function fieldStyle(encoding: EncodingIR | undefined, shape: FieldShape): FieldStyle | undefined {
  if (!encoding) return undefined;
  if (encoding.style === "deepObject") return "deepObject";
  if (!shape.list && !shape.object) return undefined;
  if (encoding.style === "spaceDelimited" || encoding.style === "pipeDelimited") return encoding.style;
  if ((encoding.style === undefined || encoding.style === "form") && !encoding.explode) return "form";
  return undefined;
}

/** The style of the form property `name` (schema `prop`): `fieldStyle` of its entry, for what its schema may be. */
export function styleOfProperty(document: JsonObject, encodings: readonly EncodingIR[], name: string, prop: unknown): FieldStyle | undefined {
  const encoding = encodingOf(encodings, name);
  return encoding && fieldStyle(encoding, fieldShape(document, prop));
}

/** The entry of the property `name`, if any. */
export function encodingOf(encodings: readonly EncodingIR[], name: string): EncodingIR | undefined {
  return encodings.find((e) => e.name === name);
}
