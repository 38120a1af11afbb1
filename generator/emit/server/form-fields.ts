/**
 * What the server runtime needs to read a form body (`application/x-www-form-urlencoded` or
 * `multipart/form-data`) by its schema: per property its type (the text of a field is coerced to it),
 * whether it is required, and an array's item type. Multipart parts that are objects or whose encoding
 * says JSON are parsed as JSON (OpenAPI 3.1 §4.8.15: an object part defaults to application/json);
 * binary ones stay files.
 */
import { code, join, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import type { MediaIR } from "../../ir/types.js";

type FieldType = "string" | "integer" | "number" | "boolean" | "json" | "binary" | "any";

function fieldType(document: JsonObject, schema: unknown, multipart: boolean, partType: string | undefined): FieldType {
  if (partType !== undefined && /json/i.test(partType)) return "json";
  const s = deref(document, schema);
  if (!isObject(s)) return "any";
  const t = types(s);
  if (t.includes("string")) return s.format === "binary" || s.contentEncoding !== undefined || s.contentMediaType !== undefined ? "binary" : "string";
  if (t.includes("integer")) return "integer";
  if (t.includes("number")) return "number";
  if (t.includes("boolean")) return "boolean";
  if (t.includes("object") || isObject(s.properties)) return multipart ? "json" : "any";
  return "any";
}

/** `[[name, type, required, itemType?], ...]` of a form media type's schema (empty when it has no properties). */
export function formFields(document: JsonObject, media: MediaIR, multipart: boolean): Code {
  const schema = deref(document, media.schema);
  if (!isObject(schema) || !isObject(schema.properties)) return code`[]`;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const fields = Object.entries(schema.properties).map(([name, prop]) => {
    const encoding = isObject(media.encoding) ? media.encoding[name] : undefined;
    const partType = isObject(encoding) && typeof encoding.contentType === "string" ? encoding.contentType : undefined;
    const p = deref(document, prop);
    if (isObject(p) && (types(p).includes("array") || p.items !== undefined)) {
      return code`[${name}, "array", ${required.has(name)}, ${fieldType(document, p.items, multipart, partType)}]`;
    }
    return code`[${name}, ${fieldType(document, prop, multipart, partType)}, ${required.has(name)}]`;
  });
  return code`[${join(fields, ", ")}]`;
}
