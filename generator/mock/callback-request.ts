/**
 * What `specforge mock` sends as one callback, as Prism's mock does: the body is the first example of the
 * callback's preferred media type, else a value made from its schema (one the generated validator accepts,
 * where one of a few tries is); each required header, query and cookie parameter its example, else a value
 * from its schema, written as its style says;
 * and a credential (`mock`) for the callback's own security, where its scheme puts it. Where it goes (the
 * runtime expression expanded) is callbacks.ts's.
 */
import type { ApiIR, MediaIR, OperationIR, ParameterIR } from "../ir/types.js";
import { preferredMedia, bodyKind, headerText, jsonContent } from "../ir/media.js";
import { isObject } from "../openapi/kinds.js";
import { pointerFromFragment, resolvePointer } from "../openapi/pointer.js";
import { randomValue, type Random } from "../openapi/random-value.js";
import { synthesizeRequest } from "../openapi/sample-value.js";
import { validRandomValue } from "./dynamic.js";
import { scalarText } from "../openapi/simple-style.js";

type Validate = (value: unknown) => { ok: boolean };

/** A callback's validators in the generated `webhookValidators` (its receiver's). */
export interface CallbackValidators {
  body?: Validate;
  bodies?: Record<string, Validate | undefined>;
}

export interface CallbackRequest {
  method: string;
  headers: Record<string, string>;
  /** Pairs the URL gets: required query parameters, and an `apiKey` scheme's `in: query`. */
  query: [string, string][];
  body?: string | URLSearchParams | FormData;
}

/** The credential sent for every scheme: the receiver is someone's development server, not a secret's keeper. */
export const MOCK_CREDENTIAL = "mock";

/**
 * The request for callback `op`. `random`: made-up bodies first (`--dynamic`), else the schema's static
 * sample first; either way the first the validator accepts, else the static sample.
 */
export function callbackRequest(ir: ApiIR, op: OperationIR, validators: CallbackValidators | undefined, random?: Random): CallbackRequest {
  const out: CallbackRequest = { method: op.httpMethod, headers: {}, query: [] };
  for (const p of op.parameters.header) {
    if (p.required) out.headers[p.name] = headerText(parameterValue(ir, p), p);
  }
  for (const p of op.parameters.query) {
    if (p.required) out.query.push(...queryPairs(parameterValue(ir, p), p));
  }
  const cookies = op.parameters.cookie.filter((p) => p.required).map((p) => `${p.name}=${cookieText(parameterValue(ir, p), p)}`);
  credentials(ir, op, out, cookies);
  const media = op.requestBody && !/^(GET|HEAD)$/.test(op.httpMethod) ? preferredMedia(op.requestBody.content) : undefined;
  if (media) {
    const validate = validators?.bodies?.[media.mediaType] ?? validators?.body;
    encode(media, bodyValue(ir, media, validate, random), out);
  }
  return out;
}

function bodyValue(ir: ApiIR, media: MediaIR, validate: Validate | undefined, random: Random | undefined): unknown {
  const examples = Object.values(media.examples);
  if (examples.length) return examples[0];
  const schema = media.schema ?? true;
  const fixed = synthesizeRequest(ir.document, schema);
  if (!validate) return random ? randomValue(ir.document, schema, random, "readOnly") ?? fixed : fixed;
  if (!random && validate(fixed).ok) return fixed;
  return validRandomValue(ir.document, schema, random ?? Math.random, validate, "readOnly") ?? fixed;
}

/** A header parameter's value: its first example (a content-style one's: its media type's), else one made from its schema. */
function parameterValue(ir: ApiIR, p: ParameterIR): unknown {
  const node = resolvePointer(ir.document, p.pointer).value;
  const content = isObject(node) && isObject(node.content) ? Object.values(node.content)[0] : undefined;
  for (const holder of [node, content]) {
    if (!isObject(holder) || !isObject(holder.examples)) continue;
    for (const entry of Object.values(holder.examples)) {
      const example = isObject(entry) && typeof entry.$ref === "string" ? refTarget(ir, entry.$ref) : entry;
      if (isObject(example) && "value" in example) return example.value;
    }
  }
  return synthesizeRequest(ir.document, p.schema ?? true);
}

function refTarget(ir: ApiIR, ref: string): unknown {
  const pointer = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
  return pointer === undefined ? undefined : resolvePointer(ir.document, pointer).value;
}

/**
 * A query parameter's pairs as its style writes them (`form`, the default: a list one pair per item when
 * exploded, else joined by commas; `spaceDelimited`/`pipeDelimited` by their separators; an object's members
 * as pairs when exploded, else names and values in turn; `deepObject` as `name[member]`); a content-style one its JSON.
 */
function queryPairs(value: unknown, p: ParameterIR): [string, string][] {
  if (jsonContent(p)) return [[p.name, JSON.stringify(value) ?? ""]];
  const separator = p.style === "spaceDelimited" ? " " : p.style === "pipeDelimited" ? "|" : ",";
  if (Array.isArray(value)) return p.explode ? value.map((v) => [p.name, scalarText(v)]) : [[p.name, value.map(scalarText).join(separator)]];
  if (isObject(value)) {
    const members = Object.entries(value);
    if (p.style === "deepObject") return members.map(([k, v]) => [`${p.name}[${k}]`, scalarText(v)]);
    return p.explode ? members.map(([k, v]) => [k, scalarText(v)]) : [[p.name, members.flatMap(([k, v]) => [k, scalarText(v)]).join(separator)]];
  }
  return [[p.name, scalarText(value)]];
}

/**
 * A cookie parameter's text as the generated client writes it (`form` style: lists and objects joined by
 * commas), what RFC 6265 does not allow in a cookie value percent-encoded.
 */
function cookieText(value: unknown, p: ParameterIR): string {
  const octets = (text: string) => text.replace(/[^\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/gu, encodeURIComponent);
  if (jsonContent(p)) return octets(JSON.stringify(value) ?? "");
  if (Array.isArray(value)) return value.map((v) => octets(scalarText(v))).join(",");
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => [octets(k), octets(scalarText(v))]).join(",");
  return octets(scalarText(value));
}

/** The first of the callback's own security requirements, each scheme's credential where it says; `cookies`: the parameters' cookies, sent with the scheme's. */
function credentials(ir: ApiIR, op: OperationIR, out: CallbackRequest, cookies: string[]): void {
  for (const name of Object.keys(op.security[0] ?? {})) {
    const scheme = ir.securitySchemes[name];
    if (!isObject(scheme)) continue;
    if (scheme.type === "apiKey" && typeof scheme.name === "string") {
      if (scheme.in === "header") out.headers[scheme.name] = MOCK_CREDENTIAL;
      else if (scheme.in === "query") out.query.push([scheme.name, MOCK_CREDENTIAL]);
      else if (scheme.in === "cookie") cookies.push(`${scheme.name}=${MOCK_CREDENTIAL}`);
    } else if (scheme.type === "http") {
      const kind = String(scheme.scheme ?? "bearer");
      out.headers.authorization = /^basic$/i.test(kind) ? `Basic ${btoa(`${MOCK_CREDENTIAL}:${MOCK_CREDENTIAL}`)}` : `${/^bearer$/i.test(kind) ? "Bearer" : kind} ${MOCK_CREDENTIAL}`;
    } else if (scheme.type === "oauth2" || scheme.type === "openIdConnect") {
      out.headers.authorization = `Bearer ${MOCK_CREDENTIAL}`;
    }
  }
  if (cookies.length) out.headers.cookie = cookies.join("; ");
}

/** The body as its media type carries it: JSON, a form, multipart fields, else text as it is (anything else as JSON). */
function encode(media: MediaIR, value: unknown, out: CallbackRequest): void {
  if (value === undefined) return;
  let mediaType = media.mediaType;
  const wildcard = mediaType.includes("*");
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType) && isObject(value)) {
    out.body = new URLSearchParams(fields(value));
  } else if (/^multipart\/form-data\b/i.test(mediaType) && isObject(value)) {
    // fetch writes the content type with its boundary
    const form = new FormData();
    for (const [k, v] of fields(value)) form.append(k, v);
    out.body = form;
    return;
  } else if (typeof value === "string" && bodyKind(media) !== "json") {
    out.body = value;
    if (wildcard) mediaType = "text/plain";
  } else {
    out.body = JSON.stringify(value);
    if (wildcard) mediaType = "application/json";
  }
  out.headers["content-type"] = mediaType;
}

/** An object's properties as form fields: a list one field per item, anything not text as JSON. */
function fields(value: Record<string, unknown>): [string, string][] {
  return Object.entries(value).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item): [string, string] => [k, typeof item === "string" ? item : scalarText(item)]));
}
