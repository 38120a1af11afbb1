/**
 * What the server runtime needs to read a form body (`application/x-www-form-urlencoded` or
 * `multipart/form-data`) by its schema: per property its type (the text of a field is coerced to it)
 * and an array's item type (the body validator checks the rest, `required` included). Object fields (as the
 * client sends them without an encoding that says otherwise: `form-encoding.ts`) and multipart parts whose encoding says JSON are parsed as JSON (OpenAPI 3.1 §4.8.15: an object part defaults to application/json);
 * binary ones stay files (a text part sent for one becomes a `File` too), with the limits the server checks
 * on each file (`file-rules.ts`) as a fourth entry. Files whose rule holds only where the body validator
 * finds their schema applies (`oneOf`/`anyOf` branches, `additionalProperties`: `FileSite`) are listed apart.
 */
import { code, join, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import { fileKeys, formProperties, isFileSchema, relaxFiles } from "../../openapi/file-parts.js";
import { fileRule } from "../../openapi/file-rules.js";
import { stringList } from "../client/operations-table.js";
import type { MediaIR } from "../../ir/types.js";
import { DELIMITERS, encodingOf, fieldShape, fieldStyle, formEncodings } from "../../ir/form-encoding.js";
import { deepShape } from "./deep-shapes.js";

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
  // the client sends an object field of either form as JSON text (a urlencoded one was left text: a 400 "must be object")
  if (t.includes("object") || isObject(s.properties)) return "json";
  return "any";
}

/** A file's rule as data: `{ minBytes?, maxBytes?, types? }` (numbers, and strings as literals). */
function ruleData(document: JsonObject, schema: unknown, partType: string | undefined): Code | undefined {
  const rule = fileRule(document, schema, partType);
  if (!rule) return undefined;
  const entries: Code[] = [];
  if (rule.minBytes !== undefined) entries.push(code`minBytes: ${rule.minBytes}`);
  if (rule.maxBytes !== undefined) entries.push(code`maxBytes: ${rule.maxBytes}`);
  if (rule.types) entries.push(code`types: ${stringList(rule.types)}`);
  return code`{ ${join(entries, ", ")} }`;
}

/**
 * `[[name, type, itemType?, fileRule?, separator?], ...]` of a form media type's schema (its properties as
 * `formProperties` finds them); a `deepObject` field (its encoding's `style`) is `[name, "deepObject", shape]`,
 * a delimited list has the separator of its items, a delimited object is `[name, "object", shape, separator]`.
 */
export function formFields(document: JsonObject, media: MediaIR, multipart: boolean): Code {
  const encodings = formEncodings(media);
  const fields = [...formProperties(document, media.schema)].map(([name, prop]) => {
    const partType = partTypeOf(media, name);
    const p = deref(document, prop);
    const shape = fieldShape(document, prop);
    const list = shape.list;
    const style = fieldStyle(encodingOf(encodings, name), shape);
    if (style === "deepObject") {
      // a file stays a file (a part's name is its own)
      if (!(multipart && isFileSchema(document, prop))) return code`[${name}, "deepObject", ${deepShape(document, prop)}]`;
    }
    // an object in one value, names and values in turn (`color=R,100,G,200`); a list first where it may be either
    if (style && style !== "deepObject" && !list) return code`[${name}, "object", ${deepShape(document, prop)}, ${DELIMITERS[style]}]`;
    const file = list && isObject(p) ? p.items : prop;
    const type = fieldType(document, file, multipart, partType);
    const rule = type === "binary" ? ruleData(document, file, partType) : undefined;
    if (list && style && style !== "deepObject") return code`[${name}, "array", ${type}, ${rule ?? code`undefined`}, ${DELIMITERS[style]}]`;
    if (list) return rule ? code`[${name}, "array", ${type}, ${rule}]` : code`[${name}, "array", ${type}]`;
    return rule ? code`[${name}, ${type}, undefined, ${rule}]` : code`[${name}, ${type}]`;
  });
  return code`[${join(fields, ", ")}]`;
}

/** The encoding's `contentType` of a part. */
function partTypeOf(media: MediaIR, name: string): string | undefined {
  const encoding = isObject(media.encoding) ? media.encoding[name] : undefined;
  return isObject(encoding) && typeof encoding.contentType === "string" ? encoding.contentType : undefined;
}

/**
 * `{ sites: [[name, list, fileRule?], ...], texts?, textOthers? }` of a multipart schema's `FileSite`s, in the
 * order (their ids) of the validator's markers; `undefined` when it has none. A site of `additionalProperties`
 * (name `null`) may hold for any part (its marker counts only where the validator applies it); `texts` and
 * `textOthers` say which parts some schema declares as text (`fileKeys`): those stay text when sent as text.
 */
export function fileSites(document: JsonObject, media: MediaIR): Code | undefined {
  const { sites } = relaxFiles(document, media.schema);
  if (!sites.length) return undefined;
  const entries = sites.map((site) => {
    const rule = ruleData(document, site.file, site.name === null ? undefined : partTypeOf(media, site.name));
    return rule ? code`[${site.name}, ${site.list}, ${rule}]` : code`[${site.name}, ${site.list}]`;
  });
  const keys = fileKeys(document, media.schema);
  // only a part that may be a file matters: one a site names, or any with an `additionalProperties` site
  // (a field the body's own schema names is read by its type)
  const fields = formProperties(document, media.schema);
  const texts = keys.texts.filter((n) => !fields.has(n) && sites.some((s) => s.name === n || s.name === null));
  const textOthers = keys.textOthers && sites.some((s) => s.name === null);
  const out = [code`sites: [${join(entries, ", ")}]`];
  if (texts.length) out.push(code`texts: ${stringList(texts)}`);
  if (textOthers) out.push(code`textOthers: true`);
  return code`{ ${join(out, ", ")} }`;
}
