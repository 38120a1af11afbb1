/** Replies: the documented response a status falls under, response validation, serialization. */
import { eventStream } from "./events.js";
import { mockOrigins } from "./mock.js";
import { problem } from "./problems.js";
import type { Route } from "./router.js";
import type { AnyHandler, HeaderValue, OperationSpec, RawHeaders, RawReply, ServerOptions } from "./types.js";

export type OnError = NonNullable<ServerOptions["onError"]>;

/** A handler's reply as sent: checked (when `validateResponses`), its headers lower-cased, its body serialized by the documented kind. */
export function toReply(route: Route, out: Awaited<ReturnType<AnyHandler>>, options: ServerOptions, onError: OnError): RawReply {
  if (!out || typeof out.status !== "number") {
    onError(new TypeError(`handler ${route.name} returned no { status }`), { operation: route.name, kind: "response-validation" });
    return problem(500, "The server could not complete the request.");
  }
  const key = statusKey(route.op.responses, out.status);
  const how = key === undefined ? undefined : route.op.responses[key];
  if (options.validateResponses) {
    const problemText = invalidReply(route, key, how, out);
    if (problemText) {
      onError(new Error(`${route.name} replied ${problemText}`), { operation: route.name, kind: "response-validation" });
      return problem(500, "The server could not complete the request.");
    }
  }
  const headers: RawHeaders = {};
  if (out.headers) for (const k of Object.keys(out.headers)) headers[k.toLowerCase()] = headerText(out.headers[k]!);
  if (out.body === undefined || how?.[1] === "none") return { status: out.status, headers };
  const kind = how?.[1] ?? "json";
  headers["content-type"] ??= how?.[0] ?? "application/json";
  if (kind === "json") return { status: out.status, headers, body: JSON.stringify(out.body) };
  if (kind === "events" || kind === "jsonEvents") {
    headers["cache-control"] ??= "no-cache";
    const check = options.validateResponses ? route.validators?.responses[key!] : undefined;
    const failed = (e: unknown, why: "handler" | "response-validation") => onError(why === "handler" ? e : new Error(`${route.name} sent ${(e as Error).message}`), { operation: route.name, kind: why });
    return { status: out.status, headers, stream: eventStream(out.body, kind === "jsonEvents", check, failed) };
  }
  if (out.body instanceof Uint8Array || typeof out.body === "string") return { status: out.status, headers, body: out.body };
  if (out.body instanceof ArrayBuffer) return { status: out.status, headers, body: new Uint8Array(out.body) };
  return { status: out.status, headers, body: String(out.body) };
}

/** A handler's header value as sent: a list stays a list (one header line per value). */
function headerText(value: HeaderValue | readonly HeaderValue[]): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

function invalidReply(route: Route, key: string | undefined, how: OperationSpec["responses"][string] | undefined, out: { status: number; body?: unknown; headers?: object }): string | undefined {
  if (key === undefined || !how) {
    // as the client reads it: a 2xx of an operation that documents none (OpenAPI 3.1 lets `responses` be absent)
    if (out.status >= 200 && out.status <= 299 && !Object.keys(route.op.responses).some((k) => k[0] === "2")) return undefined;
    return `status ${out.status}, which is not documented`;
  }
  const missing = how[2]?.filter((name) => !hasHeader(out.headers, name));
  if (missing?.length) return `status ${out.status} without its required header${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
  if (how[1] === "none") return out.body === undefined ? undefined : `a body with status ${out.status}, which documents none`;
  // each event's data is checked as it is sent
  if (how[1] === "events" || how[1] === "jsonEvents") return undefined;
  const validate = route.validators?.responses[key];
  if (!validate) return undefined;
  const result = validate(out.body);
  if (result.ok) return undefined;
  const origin = mockOrigins.get(out);
  return `a body that does not match status ${key}${origin ? ` (${origin})` : ""}: ${result.errors.map((e) => `${e.path || "(root)"} ${e.message}`).join("; ")}`;
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
