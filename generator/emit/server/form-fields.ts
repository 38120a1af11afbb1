/**
 * What the server runtime needs to read a form body (`application/x-www-form-urlencoded` or
 * `multipart/form-data`) by its schema: per property its type (the text of a field is coerced to it)
 * and an array's item type (the body validator checks the rest, `required` included). Multipart parts that are objects or whose encoding
 * says JSON are parsed as JSON (OpenAPI 3.1 §4.8.15: an object part defaults to application/json);
 * binary ones stay files (a text part sent for one becomes a `File` too).
 */
import { code, join, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import { formProperties, isFileSchema } from "../../openapi/file-parts.js";
import type { MediaIR } from "../../ir/types.js";

type FieldType = "string" | "integer" | "number" | "boolean" | "json" | "binary" | "any";

function fieldType(document: JsonObject, schema: unknown, multipart: boolean, partType: string | undefined): FieldType {
  if (partType !== undefined && /json/i.test(partType)) return "json";
  if (multipart && isFileSchema(document, schema)) return "binary";
  const s = deref(document, schema);
  if (!isObject(s)) return "any";
  const t = types(s);
  if (t.includes("string")) return "string";
  if (t.includes("integer")) return "integer";
  if (t.includes("number")) return "number";
  if (t.includes("boolean")) return "boolean";
  if (t.includes("object") || isObject(s.properties)) return multipart ? "json" : "any";
  return "any";
}

/** `[[name, type, itemType?], ...]` of a form media type's schema (its properties as `formProperties` finds them). */
export function formFields(document: JsonObject, media: MediaIR, multipart: boolean): Code {
  const fields = [...formProperties(document, media.schema)].map(([name, prop]) => {
    const encoding = isObject(media.encoding) ? media.encoding[name] : undefined;
    const partType = isObject(encoding) && typeof encoding.contentType === "string" ? encoding.contentType : undefined;
    const p = deref(document, prop);
    if (isObject(p) && (types(p).includes("array") || p.items !== undefined)) {
      return code`[${name}, "array", ${fieldType(document, p.items, multipart, partType)}]`;
    }
    return code`[${name}, ${fieldType(document, prop, multipart, partType)}]`;
  });
  return code`[${join(fields, ", ")}]`;
}
