/**
 * File parts of a `multipart/form-data` body: a property that is a string of binary content (OAS 3.0
 * `format: binary`; 3.1 §4.8.14.3 `contentMediaType` / `contentEncoding`) arrives as a file, not text. The
 * body validator of a multipart media type is compiled from the schema with each such property (or the
 * items of such a list) accepting any value: a file part is checked for presence (`required`) only, and
 * every other field by its schema.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { setOwn } from "./own.js";
import { deref, types } from "./sample-value.js";

/** A string schema whose value is binary content: in multipart, a file. */
export function isFileSchema(document: JsonObject, schema: unknown): boolean {
  const s = deref(document, schema);
  if (!isObject(s)) return false;
  const t = types(s);
  return (t.length === 0 || t.includes("string")) && (s.format === "binary" || s.contentEncoding !== undefined || s.contentMediaType !== undefined);
}

/** Whether a property holds files: one file, or a list of them. */
function holdsFiles(document: JsonObject, property: unknown): "one" | "list" | undefined {
  if (isFileSchema(document, property)) return "one";
  const p = deref(document, property);
  return isObject(p) && isFileSchema(document, p.items) ? "list" : undefined;
}

/** The names of a form schema's file properties (its own and those of its `allOf` members). */
export function fileProperties(document: JsonObject, schema: unknown, depth = 0): string[] {
  const s = deref(document, schema);
  if (!isObject(s) || depth > 8) return [];
  const own = isObject(s.properties) ? Object.keys(s.properties).filter((name) => holdsFiles(document, (s.properties as JsonObject)[name])) : [];
  const members = Array.isArray(s.allOf) ? s.allOf.flatMap((m) => fileProperties(document, m, depth + 1)) : [];
  return [...new Set([...own, ...members])];
}

/**
 * `schema` with its file properties (and `allOf` members') accepting any value: a copy, `$ref`s
 * resolved only where a file property is found below them; the schema itself when it has none.
 */
export function relaxFiles(document: JsonObject, schema: unknown, depth = 0): unknown {
  if (!fileProperties(document, schema).length || depth > 8) return schema;
  const s = deref(document, schema) as JsonObject;
  const out: JsonObject = { ...s };
  if (isObject(s.properties)) {
    const properties: JsonObject = {};
    for (const name of Object.keys(s.properties)) {
      const p = s.properties[name];
      const files = holdsFiles(document, p);
      const relaxed = files === "one" ? true : files === "list" ? { ...(deref(document, p) as JsonObject), items: true } : p;
      setOwn(properties, name, relaxed);
    }
    out.properties = properties;
  }
  if (Array.isArray(s.allOf)) out.allOf = s.allOf.map((m) => relaxFiles(document, m, depth + 1));
  return out;
}
