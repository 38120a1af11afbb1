/** Replies: the documented response a status falls under, response validation, serialization. */
import { eventStream } from "./events.js";
import { mockOrigins, type MockOrigin } from "./mock.js";
import { hasOwn, NONE } from "./params.js";
import { problem } from "./problems.js";
import type { Route } from "./router.js";
import { documentedMedia, sendAs } from "./negotiate.js";
import { responseViolations, violationsHeader, violationsLine, type Violation } from "./violations.js";
import type { AnyHandler, HeaderValue, OperationSpec, RawHeaders, RawReply, ResponseMedia, ServerOptions, ValidationIssue } from "./types.js";

export type OnError = NonNullable<ServerOptions["onError"]>;

/**
 * A handler's reply as sent: checked (when `validateResponses`), its headers lower-cased, its body serialized
 * as the media type its `Content-Type` names among the status's documented ones (by default the preferred one).
 * A mock's example that contradicts its schema goes out as it is with `invalidExamples: "send"`, its
 * violations in an `sl-violations` header (violations.ts), after those of a request answered anyway (`invalidRequests: "pass"`).
 */
export function toReply(route: Route, out: Awaited<ReturnType<AnyHandler>>, options: ServerOptions, onError: OnError, violations: readonly Violation[] = NONE): RawReply {
  if (!out || typeof out.status !== "number") {
    onError(new TypeError(`handler ${route.name} returned no { status }`), { operation: route.name, kind: "response-validation" });
    return problem(500, "The server could not complete the request.");
  }
  const key = statusKey(route.op.responses, out.status);
  const how = key === undefined ? undefined : route.op.responses[key];
  const headers: RawHeaders = {};
  if (out.headers) {
    for (const k of Object.keys(out.headers)) {
      const name = k.toLowerCase();
      // the transport frames the body (a length it counts, else chunks): a handler's Transfer-Encoding (an upstream
      // response's, passed on) beside that Content-Length is a message no client reads (RFC 9112 §6.2; fetch fails).
      // Skipped, not deleted after: `delete` turns the object into a slow dictionary on V8
      if (name !== "transfer-encoding") headers[name] = headerText(out.headers[k]!);
    }
  }
  // refused here, told to onError, for every adapter alike: node:http would throw on writing it, a `Response` on making it
  const unsendable = out.headers ? unsendableHeader(headers) : undefined;
  if (unsendable !== undefined) {
    onError(new TypeError(`${route.name} replied header ${JSON.stringify(unsendable)}, which HTTP cannot carry: a name is a token, a value has no control character (a line break, DEL) and no character past U+00FF`), { operation: route.name, kind: "response-validation" });
    return problem(500, "The server could not complete the request.");
  }
  const set = headers["content-type"];
  const contentType = typeof set === "string" ? set : set?.[0];
  const media = how && sentMedia(how, contentType);
  if (options.validateResponses) {
    const invalid = invalidReply(route, key, how, media, contentType, out);
    const example = invalid?.origin?.example;
    if (invalid && example !== undefined && invalid.issues && options.invalidExamples === "send") {
      onError(new Error(`${route.name} sent ${exampleWords(invalid.origin!)} as it is, though it contradicts the schema: ${violationsLine(invalid.issues.map((e) => [e.path, e.message]))}`), { operation: route.name, kind: "response-validation" });
      violations = [...violations, ...responseViolations(invalid.issues)];
    } else if (invalid) {
      onError(new Error(`${route.name} replied ${invalid.text}`), { operation: route.name, kind: "response-validation" });
      return problem(500, "The server could not complete the request.");
    }
  }
  if (violations.length) headers["sl-violations"] = violationsHeader(violations);
  // 204, 205 and 304 end at their headers (RFC 9112 §6.3): a body a range (`2XX`, `default`) lets the handler give is not
  // sent, nor, on a 204 or 205, a length or type the handler set for it (RFC 9110 §8.6: a 204 MUST NOT have a Content-Length;
  // a 304's are those a 200 would have, RFC 9110 §15.4.5)
  if (out.status === 204 || out.status === 205) {
    delete headers["content-length"];
    delete headers["content-type"];
  }
  if (out.body === undefined || how?.[1] === "none" || out.status === 204 || out.status === 205 || out.status === 304) return { status: out.status, headers };
  // a media type the status does not document: JSON by its name, else sent as it is
  const kind = media?.[1] ?? (contentType === undefined || /[/+]json(?![\w-])/i.test(contentType) ? "json" : "blob");
  // a media range (`*/*`) is no type to send: the one the body is sent as (a handler's `*/*` too)
  const sent = headers["content-type"];
  if (sent === undefined || (typeof sent === "string" && sent.includes("*"))) headers["content-type"] = sendAs(media?.[0] ?? how?.[0] ?? "application/json", kind);
  // a body the runtime holds is counted by the adapter, in bytes: a handler's count (`body.length` of "café") would cut it
  // and leave its last bytes on a kept-alive connection, read as the next response; a stream's stays the handler's
  if (kind === "json") {
    delete headers["content-length"];
    return { status: out.status, headers, body: JSON.stringify(out.body) };
  }
  // an event stream's events are written as they come; a stream of bytes given for one (an upstream's) is passed on
  if ((kind === "events" || kind === "jsonEvents") && !isBytes(out.body)) {
    headers["cache-control"] ??= "no-cache";
    const check = options.validateResponses && media?.[2] ? route.validators?.responses[key!] : undefined;
    return { status: out.status, headers, stream: eventStream(out.body, kind === "jsonEvents", check, eventFailures(route, onError)) };
  }
  return { status: out.status, headers, ...bytesOf(out.body, headers) };
}

/**
 * The header of these a transport refuses, if any. Helpers like this one and `eventFailures` keep closures out
 * of `toReply`: locals a closure captures get a context allocated on every call, the closure made or not.
 */
function unsendableHeader(headers: RawHeaders): string | undefined {
  return Object.keys(headers).find((k) => !FIELD_NAME.test(k) || (typeof headers[k] === "string" ? [headers[k] as string] : (headers[k] as string[])).some((v) => !FIELD_VALUE.test(v)));
}

/** Where an event stream's failures go: a handler's as they are, an event failing its schema as a response-validation error. */
function eventFailures(route: Route, onError: OnError): (e: unknown, why: "handler" | "response-validation") => void {
  return (e, why) => onError(why === "handler" ? e : new Error(`${route.name} sent ${(e as Error).message}`), { operation: route.name, kind: why });
}

/** A field name (RFC 9110 §5.1: a token) and a field value as node:http and the Fetch standard's `Headers` both take it (§5.5). */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A status's documented media type a reply is sent as: the one its `Content-Type` names, else the preferred one; `undefined` for one it does not document. */
function sentMedia(how: OperationSpec["responses"][string], contentType: string | undefined): ResponseMedia | undefined {
  const preferred: ResponseMedia = [how[0], how[1], true];
  if (contentType === undefined) return preferred;
  return documentedMedia(contentType, [preferred, ...(how[3] ?? [])]);
}

/**
 * A text or binary body: text and bytes as they are, a `Blob`'s bytes and a `ReadableStream` streamed as they
 * come (a Blob's length known beforehand, a stream's the handler's to say); anything else as its text.
 */
function bytesOf(body: unknown, headers: RawHeaders): Pick<RawReply, "body" | "stream"> {
  if (typeof ReadableStream === "function" && body instanceof ReadableStream) return { stream: body as ReadableStream<Uint8Array> };
  if (typeof Blob === "function" && body instanceof Blob) {
    headers["content-length"] = String(body.size);
    return { stream: body.stream() };
  }
  delete headers["content-length"];
  if (body instanceof Uint8Array || typeof body === "string") return { body };
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  return { body: String(body) };
}

/** Bytes in any of the forms a binary reply takes: no schema of JSON values describes them. */
function isBytes(body: unknown): boolean {
  return body instanceof ArrayBuffer || ArrayBuffer.isView(body) || (typeof Blob === "function" && body instanceof Blob) || (typeof ReadableStream === "function" && body instanceof ReadableStream);
}

/** A handler's header value as sent: a list stays a list (one header line per value). */
function headerText(value: HeaderValue | readonly HeaderValue[]): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

/** What makes a reply invalid, in words; a body failing its schema also with its issues and where the mock took it from. */
type Invalid = { text: string; issues?: readonly ValidationIssue[]; origin?: MockOrigin };

function invalidReply(
  route: Route,
  key: string | undefined,
  how: OperationSpec["responses"][string] | undefined,
  media: ResponseMedia | undefined,
  contentType: string | undefined,
  out: { status: number; body?: unknown; headers?: object },
): Invalid | undefined {
  if (key === undefined || !how) {
    // as the client reads it: a 2xx of an operation that documents none (OpenAPI 3.1 lets `responses` be absent)
    if (out.status >= 200 && out.status <= 299 && !Object.keys(route.op.responses).some((k) => k[0] === "2")) return undefined;
    return { text: `status ${out.status}, which is not documented` };
  }
  const missing = how[2]?.filter((name) => !hasHeader(out.headers, name));
  if (missing?.length) return { text: `status ${out.status} without its required header${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` };
  if (how[1] === "none") return out.body === undefined ? undefined : { text: `a body with status ${out.status}, which documents none` };
  if (!media) return { text: `Content-Type ${contentType} with status ${key}, which documents ${[how[0], ...(how[3] ?? []).map((m) => m[0])].join(", ")}` };
  // each event's data is checked as it is sent; bytes match no schema of JSON values
  if (media[1] === "events" || media[1] === "jsonEvents" || isBytes(out.body)) return undefined;
  // the status's validator, or JSON of another schema's own; text of another schema has none
  const others = media[2] ? undefined : route.validators?.responseBodies?.[key];
  const validate = media[2] ? route.validators?.responses[key] : others && hasOwn(others, media[0]) ? others[media[0]] : undefined;
  if (!validate) return undefined;
  const result = validate(out.body);
  if (result.ok) return undefined;
  const origin = mockOrigins.get(out);
  const from = origin && (origin.example === undefined ? "data the mock made from the schema, with the examples and defaults it holds" : `${exampleWords(origin)}, which contradicts the schema: correct the example`);
  return { text: `a body that does not match status ${key}${media[2] ? "" : ` (${media[0]})`}${from ? ` (${from})` : ""}: ${result.errors.map((e) => `${e.path || "(root)"} ${e.message}`).join("; ")}`, issues: result.errors, origin };
}

/** A mock answer's example in words: `the spec's example "placeholders" of status 200` (no name for an unnamed one). */
function exampleWords(origin: MockOrigin): string {
  return `the spec's example${origin.example ? ` "${origin.example}"` : ""} of status ${origin.status}`;
}

/** Whether a reply's headers hold `name` (lower-case), in any case. */
function hasHeader(headers: object | undefined, name: string): boolean {
  return headers !== undefined && Object.keys(headers).some((k) => k.toLowerCase() === name);
}

export function statusKey(responses: OperationSpec["responses"], status: number): string | undefined {
  const exact = String(status);
  if (responses[exact]) return exact;
  const range = `${exact[0]}XX`;
  if (responses[range]) return range;
  return responses.default ? "default" : undefined;
}
