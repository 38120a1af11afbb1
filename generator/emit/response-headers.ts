/**
 * A response's documented headers (OpenAPI 3.1 §4.8.17, Response Object `headers`), for the server's reply
 * types and checks and for the client's `withResponse()`, which reads each by its schema: a number, a
 * boolean, text, or a list of them split at `,` (`style: simple`, the only style a header has).
 */
import { code, join, key, literal, type Code } from "../codegen/code.js";
import type { ResponseIR } from "../ir/types.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { deref, types } from "../openapi/sample-value.js";

/** A response's documented headers, each resolved, with its name as written (`Content-Type` is the runtime's, as OpenAPI says). */
export function documentedHeaders(document: JsonObject, r: ResponseIR): [name: string, header: JsonObject][] {
  return Object.entries(r.headers).flatMap(([name, raw]): [string, JsonObject][] => {
    const header = deref(document, raw);
    return name.toLowerCase() !== "content-type" && isObject(header) ? [[name, header]] : [];
  });
}

/** What the client reads a header value as: its lower-case name, the type of each value, whether it is a list. */
export interface HeaderRead {
  name: string;
  type: "string" | "number" | "boolean";
  list: boolean;
  required: boolean;
  /** An enum of that type: the values it is typed as. */
  values?: readonly (string | number | boolean)[];
}

/** An RFC 9110 token: what a header name is; fetch's `Headers.get` throws on any other. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The client's reading of each documented header, names lower-cased (the first of two that differ only in
 * case; a name no server could send, not a token, left out). A schema that is no scalar nor a list of
 * scalars (an object, a `content` header, none) is text.
 */
export function headerReads(document: JsonObject, r: ResponseIR): HeaderRead[] {
  const seen = new Set<string>();
  return documentedHeaders(document, r).flatMap(([written, header]): HeaderRead[] => {
    const name = written.toLowerCase();
    if (seen.has(name) || !TOKEN.test(name)) return [];
    seen.add(name);
    const schema = deref(document, header.schema);
    const items = isObject(schema) && types(schema).includes("array") ? deref(document, schema.items) : undefined;
    const value = items ?? schema;
    const type = isObject(value) ? scalarType(value) : "string";
    const values = isObject(value) && Array.isArray(value.enum) && value.enum.length && value.enum.every((v) => typeof v === (type as string)) ? (value.enum as (string | number | boolean)[]) : undefined;
    return [{ name, type, list: items !== undefined, required: header.required === true, ...(values ? { values } : {}) }];
  });
}

/** `number` for `integer` and `number`, `boolean`, else text (a type array with `null` counts its other type). */
function scalarType(schema: JsonObject): HeaderRead["type"] {
  const t = types(schema).filter((x) => x !== "null");
  if (t.length !== 1) return "string";
  return t[0] === "integer" || t[0] === "number" ? "number" : t[0] === "boolean" ? "boolean" : "string";
}

const TYPES: Record<HeaderRead["type"], Code> = { string: code`string`, number: code`number`, boolean: code`boolean` };

/** `{ etag: string; "x-rate-limit"?: number; "x-tags"?: string[] }`, or `undefined` when none is documented. */
export function headersType(reads: readonly HeaderRead[]): Code | undefined {
  if (!reads.length) return undefined;
  const fields = reads.map((h) => {
    const one = h.values ? join(h.values.map((v) => literal(v)), " | ") : TYPES[h.type];
    const value = !h.list ? one : h.values && h.values.length > 1 ? code`(${one})[]` : code`${one}[]`;
    return code`${key(h.name)}${h.required ? code`` : code`?`}: ${value}`;
  });
  return code`{ ${join(fields, "; ")} }`;
}

/** The runtime table's entry of each header: `["etag"]`, `["x-rate-limit", "number"]`, `["x-tags", "string", true]`. */
export function headersEntry(reads: readonly HeaderRead[]): Code {
  const entries = reads.map((h) => (h.list ? code`[${h.name}, ${h.type}, true]` : h.type === "string" ? code`[${h.name}]` : code`[${h.name}, ${h.type}]`));
  return code`[${join(entries, ", ")}]`;
}
