/** Request bodies: read within the size limit, matched to the accepted media types, parsed with depth and key limits. */
import { formValue, multipartFields, type FieldValue, type SiteFailures } from "./form.js";
import { flattenDeep } from "./deep-form.js";
import { BodyError, codingRefused, problem } from "./problems.js";
import { jsonLimitBroken } from "./json-limits.js";
import { decode, parseQuery, UTF8 } from "./params.js";
import type { Route, RouteMedia } from "./router.js";
import type { BodyKind, FormField, OperationSpec, ProblemDetails, RawReply, RawRequest, Validate } from "./types.js";

/** A present body has its value, the validator of its media type (none for text and bytes) and the problems found reading it. */
export type BodyResult =
  | { reply: RawReply }
  | { present: false }
  | { present: true; kind: BodyKind; value: unknown; validate: Validate | undefined; issues?: NonNullable<ProblemDetails["errors"]>; failures?: SiteFailures };

/** The request body (its bytes read by the caller, or parsed by an outer framework) by its media type: absent, parsed, or the problem to answer. */
export function parseBody(req: RawRequest, route: Route, spec: NonNullable<OperationSpec["body"]>, bytes: Uint8Array | undefined, maxDepth: number): BodyResult | Promise<BodyResult> {
  const header = req.header("content-type");
  const parsed = req.parsed;
  if (!parsed) {
    if (!bytes || bytes.length === 0) {
      if (!spec.required && header === undefined) return { present: false };
      if (header === undefined) return { reply: problem(415, `Send a body with Content-Type ${spec.media.map((m) => m[0]).join(" or ")}.`) };
    }
  } else if (parsed.value === undefined && header === undefined) return { present: false };
  const media = mediaFor(route, header ?? "");
  if (media === null) {
    const mediaType = bareMediaType(header ?? "");
    return { reply: problem(415, `Content-Type must be ${spec.media.map((m) => m[0]).join(" or ")}.`, [{ pointer: "/header/content-type", detail: `${mediaType || "(none)"} is not accepted` }]) };
  }
  const kind = media[1];
  const validate = media[3];
  if (parsed) {
    // a form an outer framework parsed (Express `urlencoded()`, multer's text fields) is coerced as our own
    if ((kind === "form" || kind === "multipart") && parsed.value !== null && typeof parsed.value === "object") return form(fieldsOf(parsed.value as Record<string, unknown>, media[2]), media, maxDepth);
    return { present: true, kind, value: kind === "json" ? clean(parsed.value, maxDepth) : parsed.value, validate };
  }
  const data = bytes ?? new Uint8Array(0);
  if (kind === "raw") return { present: true, kind, value: data, validate };
  // an empty body too: no coding makes zero bytes (gzip of nothing is 20), so the client is told what it may
  // send rather than its body read as empty text or form, as body-parser does with `inflate: false`
  const refused = codingRefused(req.header("content-encoding"));
  if (refused) return { reply: refused };
  if (kind === "multipart") return multipartForm(data, header!, media, maxDepth);
  if (kind === "text") {
    // text in the charset its Content-Type names (`text/plain; charset=iso-8859-1`), as Express's text() reads it
    const charset = charsetOf(header!);
    const decoder = charset === undefined || /^utf-?8$/i.test(charset) ? UTF8 : textDecoder(charset);
    if (!decoder) return { reply: problem(415, `The charset ${charset} is not supported: send UTF-8.`, [{ pointer: "/header/content-type", detail: `charset ${charset} is not supported` }]) };
    try {
      return { present: true, kind, value: decoder.decode(data), validate };
    } catch {
      return { reply: problem(400, `The body is not valid ${charset ?? "UTF-8"}.`, [{ pointer: "/body", detail: `is not valid ${charset ?? "UTF-8"}` }]) };
    }
  }
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch {
    return { reply: problem(400, "The body is not valid UTF-8.", [{ pointer: "/body", detail: "is not valid UTF-8" }]) };
  }
  if (kind === "form") return form(parseQuery(text), media, maxDepth);
  return { present: true, kind, value: parseJson(text, maxDepth), validate };
}

/**
 * An `in: querystring` value (OpenAPI 3.2): the whole query string read as its media type (a form's fields
 * by their types, as a form body's; JSON or text percent-decoded); problems reading it are reported at
 * `/querystring` and returned apart, so the validator does not say them again. `search` is undefined when
 * the URL has no `?`: then the value is absent, while a bare `?` is an empty form (`{}`) or empty text, as
 * the client sends them. Empty JSON text is no JSON value, so it reads as absent.
 */
export async function readQuerystring(spec: NonNullable<OperationSpec["querystring"]>, search: string | undefined, maxDepth: number, issues: NonNullable<ProblemDetails["errors"]>): Promise<{ present: boolean; value?: unknown; read?: ProblemDetails["errors"] }> {
  if (search === undefined || (search === "" && spec.media[1] === "json")) {
    if (spec.required) issues.push({ pointer: "/querystring", detail: "is required" });
    return { present: false };
  }
  const kind = spec.media[1];
  if (kind === "form") {
    const read: NonNullable<ProblemDetails["errors"]> = [];
    const value = await formValue(parseQuery(search), spec.media[2] ?? [], maxDepth, read);
    for (const issue of read) issue.pointer = `/querystring${issue.pointer.slice("/body".length)}`;
    issues.push(...read);
    return { present: true, value, read };
  }
  let text: string;
  try {
    text = decodeURIComponent(search);
  } catch {
    issues.push({ pointer: "/querystring", detail: "is not valid percent-encoded UTF-8" });
    return { present: false };
  }
  if (kind !== "json") return { present: true, value: text };
  try {
    const value: unknown = JSON.parse(text);
    checkKeys(value, maxDepth);
    return { present: true, value };
  } catch (e) {
    issues.push({ pointer: "/querystring", detail: e instanceof BodyError ? e.message : "is not valid JSON" });
    return { present: false };
  }
}

/**
 * A query string without the `name=value` pairs of these names (API keys sent beside an `in: querystring`
 * value); undefined when it held only those pairs (no value was sent). The client sends an empty value
 * beside a key as `?&api_key=...`: the empty pair left is the empty value.
 */
export function withoutPairs(search: string, names: readonly string[]): string | undefined {
  const kept = search.split("&").filter((pair) => {
    const eq = pair.indexOf("=");
    try {
      return !names.includes(decode(eq < 0 ? pair : pair.slice(0, eq), true));
    } catch {
      return true;
    }
  });
  return kept.length === 0 ? undefined : kept.join("&");
}

/** A multipart body's form; apart from `parseBody`, so the closure here does not make its locals a context per request. */
async function multipartForm(data: Uint8Array, contentType: string, media: RouteMedia, maxDepth: number): Promise<BodyResult> {
  return form(await multipartFields(data, contentType), media, maxDepth);
}

/** A form body's value and the problems of reading its fields by their types. */
async function form(fields: Map<string, FieldValue[]>, media: RouteMedia, maxDepth: number): Promise<BodyResult> {
  const issues: NonNullable<ProblemDetails["errors"]> = [];
  const failures: SiteFailures = new Map();
  const value = await formValue(fields, media[2] ?? [], maxDepth, issues, media[4], failures);
  return { present: true, kind: media[1], value, validate: media[3], issues, failures };
}

/**
 * A body an outer framework parsed into an object (Express `urlencoded()`), as form fields; a `deepObject`
 * field it built from bracketed names (`extended: true`) as those names again, to be read as ours are.
 */
function fieldsOf(value: Record<string, unknown>, fields: readonly FormField[] | undefined): Map<string, FieldValue[]> {
  const out = new Map<string, FieldValue[]>();
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (v !== null && typeof v === "object" && !(v instanceof Blob) && fields?.some((f) => f[0] === k && f[1] === "deepObject")) flattenDeep(k, v, out);
    else out.set(k, (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "string" || x instanceof Blob ? x : JSON.stringify(x))));
  }
  return out;
}

/** The `charset` parameter of a media type, unquoted; undefined without one. */
function charsetOf(mediaType: string): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(mediaType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** A strict decoder for a charset the platform knows (WHATWG Encoding labels), else undefined. */
function textDecoder(charset: string): { decode(data: Uint8Array): string } | undefined {
  try {
    return new TextDecoder(charset, { fatal: true });
  } catch {
    return undefined;
  }
}

/** A media type as compared: lower case, parameters dropped (`application/json; charset=utf-8` is `application/json`). */
export function bareMediaType(mediaType: string): string {
  return mediaType.split(";")[0]!.trim().toLowerCase();
}

/** The accepted media type a `Content-Type` matches (`null`: none), remembered per route for the few values clients send. */
function mediaFor(route: Route, header: string): RouteMedia | null {
  let media = route.kinds.get(header);
  if (media === undefined) {
    const mediaType = bareMediaType(header);
    media = mediaType ? matchMedia(route.media, mediaType) ?? null : null;
    if (route.kinds.size < 16) route.kinds.set(header, media);
  }
  return media;
}

/** The accepted media type a bare `Content-Type` is: the same one, else the narrowest range covering it (`image/*` before `*\/*`). */
function matchMedia(media: Route["media"], mediaType: string): RouteMedia | undefined {
  return media.find((m) => m[0] === mediaType) ?? media.find((m) => m[0] !== "*/*" && mediaTypeMatches(m[0], mediaType)) ?? media.find((m) => m[0] === "*/*");
}

/** Whether a media type (bare, lower case) is `want` or in its range (`image/*`, `*\/*`): what a range covers. */
export function mediaTypeMatches(want: string, mediaType: string): boolean {
  return want === mediaType || want === "*/*" || (want.endsWith("/*") && mediaType.startsWith(want.slice(0, -1)));
}

/** JSON with limits (json-limits.ts). V8's parser does not recurse, so it cannot overflow the stack. */
export function parseJson(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BodyError(400, `The body is not valid JSON: ${e instanceof Error ? e.message.slice(0, 200) : "parse error"}.`);
  }
  checkKeys(value, maxDepth);
  return value;
}

/** A body an outer framework parsed: the same depth and key rules. */
export function clean(value: unknown, maxDepth: number): unknown {
  checkKeys(value, maxDepth);
  return value;
}

export function checkKeys(value: unknown, maxDepth: number): void {
  const broken = jsonLimitBroken(value, maxDepth);
  if (broken) throw new BodyError(400, `The JSON body ${broken}.`);
}

export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
