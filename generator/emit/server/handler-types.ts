/**
 * The typed face of each handler: what it receives (the operation's validated parts, the body a union of
 * what each of its media types gives) and what it may return, a union of the documented
 * `{ status, body, headers }` triples, so a status with the wrong body, or without a header its response
 * requires, does not compile. As the runtime picks the response a status falls under (an exact code, then
 * its range, then `default`), a range (`4XX`) takes the statuses of the range no exact code documents, and
 * `default` every status from 100 to 599 that neither an exact code nor a range documents.
 */
import { code, ident, index, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, MediaIR, OperationIR, ResponseIR } from "../../ir/types.js";
import { sentByApi, sentLabel } from "../../ir/sent.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import { mediaKind, requestBodyKind, requestMedia, responseMediaTypes } from "../client/media-kinds.js";
import { operationType } from "../types/aliases.js";
import { eventDataType } from "../client/body-types.js";
import { fileKeys } from "../../openapi/file-parts.js";
import { own } from "../../openapi/own.js";
import { statusType, type StatusSpelling } from "../status-types.js";
import { documentedHeaders } from "../response-headers.js";
import type { RequestDefaults } from "./request-defaults.js";

/**
 * The body a handler gets for one media type: JSON and forms as their type (a multipart one with `File`s
 * where the schema says binary), text as a string, anything else as its bytes.
 */
function bodyType(document: JsonObject, op: OperationIR, media: MediaIR): Code {
  const kind = requestBodyKind(document, media);
  if (kind === "text") return code`string`;
  if (kind === "raw") return code`Uint8Array`;
  const name = own(op.names.requestBodies, media.mediaType) ?? op.names.request;
  const type = name ? code`types.${ident(name)}` : code`unknown`;
  if (kind !== "multipart") return type;
  const files = fileKeys(document, media.schema);
  if (!files.names.length && !files.others) return type;
  const union = (names: string[]) => (names.length ? join(names.map((f) => literal(f)), " | ") : code`never`);
  // the names that may stay text: files somewhere, text elsewhere (sites only, `texts` of fileKeys)
  const texts = files.texts.filter((n) => files.names.includes(n));
  const args = [type, union(files.names)];
  if (files.others || texts.length || files.textOthers) args.push(code`${files.others}`);
  if (texts.length || (files.others && files.textOthers)) args.push(union(texts));
  if (files.others && files.textOthers) args.push(code`true`);
  return code`runtime.WithFiles<${join(args, ", ")}>`;
}

/** One body type per media type, the preferred first, each type once; JSON and forms with the properties the server fills from `default`s there. */
function bodyUnion(document: JsonObject, op: OperationIR, defaults: RequestDefaults): Code {
  const seen = new Set<string>();
  const typeOf = (m: MediaIR) => {
    const kind = requestBodyKind(document, m);
    return kind === "json" || kind === "form" ? withFilled(bodyType(document, op, m), defaults.filled(op, m.mediaType)) : bodyType(document, op, m);
  };
  const members = requestMedia(op.requestBody!.content).map(typeOf).filter((c) => !seen.has(c.text) && Boolean(seen.add(c.text)));
  return join(members, " | ");
}

/** `type` with the properties the server fills from their `default`s always there. */
function withFilled(type: Code, filled: string[]): Code {
  return filled.length ? code`runtime.WithDefaults<${type}, ${join(filled.map((f) => literal(f)), " | ")}>` : type;
}

export function inputParts(document: JsonObject, op: OperationIR, defaults: RequestDefaults): Code {
  const n = op.names;
  const parts: Code[] = [];
  const add = (field: string, typeName: string | undefined, part: string) => {
    if (typeName) parts.push(code`${key(field)}: ${withFilled(code`types.${ident(typeName)}`, defaults.filled(op, part))}`);
  };
  add("path", n.pathParams, "path");
  add("query", n.queryParams, "query");
  add("headers", n.headerParams, "header");
  add("cookies", n.cookieParams, "cookie");
  if (n.querystring) parts.push(code`querystring${op.querystring?.required ? code`` : code`?`}: types.${ident(n.querystring)}`);
  if (op.requestBody && op.requestBody.content.length) {
    const type = bodyUnion(document, op, defaults);
    parts.push(op.requestBody.required ? code`body: ${type}` : code`body?: ${type}`);
  }
  return parts.length ? code`{ ${join(parts, "; ")} }` : code`{}`;
}

/** A reply's `default` stands for any status from 100 to 599 no other response documents. */
const REPLY_STATUS: StatusSpelling = { range: (digit) => code`runtime.StatusIn<${digit}>`, all: code`runtime.ReplyStatus` };

/** A header value as a handler may give it (the runtime sends `String(value)`): an enum's values, or by type; or a list of them. */
function headerValue(document: JsonObject, header: JsonObject): Code {
  const schema = deref(document, header.schema);
  if (!isObject(schema)) return code`string`;
  if (Array.isArray(schema.enum) && schema.enum.length && schema.enum.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
    return join(schema.enum.map((v) => literal(v)), " | ");
  }
  const t = types(schema);
  if (t.includes("integer") || t.includes("number")) return code`string | number`;
  if (t.includes("boolean")) return code`string | boolean`;
  return code`string`;
}

/** A response's required headers, names lower-cased (the runtime's check and the mock's values). */
export function requiredHeaders(document: JsonObject, r: ResponseIR): [name: string, header: JsonObject][] {
  return documentedHeaders(document, r).flatMap(([name, header]): [string, JsonObject][] => (header.required === true ? [[name.toLowerCase(), header]] : []));
}

/** The reply's `headers`: the documented ones (required ones required) and any other header as text. */
function headersField(document: JsonObject, r: ResponseIR): Code {
  const documented = documentedHeaders(document, r);
  if (!documented.length) return code`headers?: runtime.ReplyHeaders`;
  // a list is one header line per value (several `Set-Cookie`s)
  const fields = documented.map(([name, header]) => {
    const value = headerValue(document, header);
    const list = value.text.includes("|") ? code`readonly (${value})[]` : code`readonly ${value}[]`;
    return code`${key(name)}${header.required === true ? code`` : code`?`}: ${value} | ${list}`;
  });
  const required = documented.some(([, header]) => header.required === true);
  return code`headers${required ? code`` : code`?`}: { ${join(fields, "; ")} } & runtime.ReplyHeaders`;
}

/**
 * The body a handler may reply with for one of a response's media types, as the client reads it (the kinds
 * of media-kinds.ts): the status's type for the preferred one (and another of the same schema), bytes in any
 * form for a binary one (`runtime.BinaryBody`), text as a string, JSON of another schema as its own type.
 */
function replyBodyType(op: OperationIR, r: ResponseIR, media: MediaIR, preferred: MediaIR): Code | undefined {
  const typeName = op.names.byStatus[r.status];
  const kind = mediaKind(media);
  const same = media === preferred || sameSchema(media, preferred);
  if (kind === "events") return code`runtime.ServerEvents<${same ? eventDataType(op, r) : code`unknown`}>`;
  if (kind === "blob") return code`runtime.BinaryBody`;
  if (same) return typeName ? code`types.${ident(typeName)}` : undefined;
  if (kind === "text") return code`string`;
  const other = own(own(op.names.responseBodies, r.status), media.mediaType);
  return other ? code`types.${ident(other)}` : code`types.${operationType(op)}["responses"]${index(r.status)}["content"]${index(media.mediaType)}`;
}

/** Whether two media types of a response have one schema (`application/json` and `application/xml` of one `$ref`). */
export function sameSchema(a: MediaIR, b: MediaIR): boolean {
  return a.schema !== undefined && JSON.stringify(a.schema) === JSON.stringify(b.schema) && mediaKind(a) === mediaKind(b);
}

function pair(ir: ApiIR, op: OperationIR, r: ResponseIR): Code {
  const media = responseMediaTypes(r);
  const seen = new Set<string>();
  const types = media.flatMap((m) => replyBodyType(op, r, m, media[0]!) ?? []).filter((c) => !seen.has(c.text) && Boolean(seen.add(c.text)));
  const body = types.length ? code`body: ${join(types, " | ")}` : code`body?: undefined`;
  return code`{ status: ${statusType(r.status, op.responses.map((o) => o.status), REPLY_STATUS)}; ${body}; ${headersField(ir.document, r)} }`;
}

export function replyType(ir: ApiIR, op: OperationIR): Code {
  if (!op.responses.length) return code`{ status: number; body?: unknown; headers?: runtime.ReplyHeaders }`;
  return join(op.responses.map((r) => pair(ir, op, r)), " | ");
}

export function handlerDoc(op: OperationIR): string {
  const title = op.summary ?? op.operationId;
  if (sentByApi(op)) return `${title}\n\n${sentLabel(op).replace(/^./, (c) => c.toUpperCase())}: \`${op.httpMethod} ${op.path}\` under the receiver's base path.`;
  return `${title}\n\n\`${op.httpMethod} ${op.path}\``;
}
