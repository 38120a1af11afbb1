/**
 * The client's table of how a form body's fields are sent where their Encoding Objects say so
 * (`ir/form-encoding.ts`): `[[name, style, allowReserved?], ...]`, `undefined` when every field is sent the
 * form's default way. Names are string literals.
 */
import { code, join, type Code } from "../../codegen/code.js";
import { encodingOf, formEncodings, styleOfProperty } from "../../ir/form-encoding.js";
import type { MediaIR } from "../../ir/types.js";
import { formProperties } from "../../openapi/file-parts.js";
import type { JsonObject } from "../../openapi/kinds.js";

export function formEncodingTable(document: JsonObject, media: MediaIR, multipart: boolean): Code | undefined {
  const encodings = formEncodings(media);
  if (!encodings.length) return undefined;
  const entries: Code[] = [];
  for (const [name, prop] of formProperties(document, media.schema)) {
    const encoding = encodingOf(encodings, name);
    if (!encoding) continue;
    const style = styleOfProperty(document, encodings, name, prop);
    // reserved characters stay as they are only in a urlencoded body (a multipart part is not percent-encoded)
    const reserved = encoding.allowReserved && !multipart;
    if (!style && !reserved) continue;
    entries.push(reserved ? code`[${name}, ${style ?? null}, true]` : code`[${name}, ${style!}]`);
  }
  return entries.length ? code`[${join(entries, ", ")}]` : undefined;
}
