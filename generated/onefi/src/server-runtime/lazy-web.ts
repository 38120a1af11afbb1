/** A `Request` read lazily from a node request, and a `Response` made real only when used as one (the node adapter's bridge for any Web handler). */
import { webBody } from "./events.js";
import { header, originForm, type NodeRequest, type NodeResponse } from "./node-request.js";
import { bodyLength } from "./reply-length.js";
import type { RawHeaders, RawReply } from "./types.js";

export const NODE: unique symbol = Symbol("specforge.server.node-request") as never;
export const NODE_RESPONSE: unique symbol = Symbol("specforge.server.node-response") as never;
export const REPLY: unique symbol = Symbol("specforge.server.reply") as never;

/**
 * What the node adapter gives a Web handler: a `Request` (by prototype) whose method, URL, headers and
 * body are read from the node request when asked, and which becomes a real `Request` the first time
 * anything else is used. Creating real `Request`s and `Response`s (streams, abort signals) costs more
 * than handling a small request; Hono's node adapter does the same.
 */
export interface NodeBackedRequest {
  [NODE]: NodeRequest;
  /** The response it is answered on: its closing early is the client going away (`request.signal`). */
  [NODE_RESPONSE]?: NodeResponse;
}

/**
 * The members of a Web class's prototype and of those it inherits from, the nearest first, `constructor`
 * aside. The global `Request` or `Response` may be a subclass: `@hono/node-server`'s `serve()` replaces both
 * with its own, whose prototypes hold little of their own. A member reached through the chain instead of
 * forwarded would run on the lazy object and fail Node's brand check (`clone()` threw, the answer was a 500).
 */
function webMembers(proto: object): Map<string, PropertyDescriptor> {
  const out = new Map<string, PropertyDescriptor>();
  for (let p: object | null = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name !== "constructor" && !out.has(name)) out.set(name, Object.getOwnPropertyDescriptor(p, name)!);
    }
  }
  return out;
}

export function materialize(self: LazyRequest): Request {
  if (!self.real) {
    const node = self[NODE];
    const init: RequestInit & { duplex?: "half" } = { method: self.method, headers: self.headers };
    if (self.method !== "GET" && self.method !== "HEAD") {
      init.body = new ReadableStream<Uint8Array>({
        start(c) {
          node.on("data", (chunk) => c.enqueue(chunk));
          node.on("end", () => c.close());
          node.on("error", (e) => c.error(e));
        },
      });
      init.duplex = "half";
    }
    self.real = new Request(self.url, init);
  }
  return self.real;
}

export class LazyRequest implements NodeBackedRequest {
  [NODE]: NodeRequest;
  [NODE_RESPONSE]?: NodeResponse;
  real: Request | undefined;
  private headersCache: Headers | undefined;
  constructor(node: NodeRequest, response?: NodeResponse) {
    this[NODE] = node;
    if (response) this[NODE_RESPONSE] = response;
  }
  get method(): string {
    return this[NODE].method ?? "GET";
  }
  get url(): string {
    return `http://${header(this[NODE], "host") ?? "localhost"}${originForm(this[NODE].url ?? "/")}`;
  }
  get headers(): Headers {
    if (this.real) return this.real.headers;
    if (!this.headersCache) {
      const h = new Headers();
      const raw = this[NODE].headers;
      for (const k in raw) {
        const v = raw[k];
        if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(k === "cookie" ? "; " : ", ") : v);
      }
      this.headersCache = h;
    }
    return this.headersCache;
  }
}
if (typeof Request === "function") {
  Object.setPrototypeOf(LazyRequest.prototype, Request.prototype);
  // Everything else of Request: on a real one, made the first time it is needed.
  for (const [name, d] of webMembers(Request.prototype)) {
    if (Object.prototype.hasOwnProperty.call(LazyRequest.prototype, name)) continue;
    Object.defineProperty(LazyRequest.prototype, name, {
      configurable: true,
      ...(typeof d.value === "function"
        ? { value(this: LazyRequest, ...args: unknown[]) { const r = materialize(this); return (r[name as keyof Request] as (...a: unknown[]) => unknown).apply(r, args); } }
        : { get(this: LazyRequest) { return materialize(this)[name as keyof Request]; } }),
    });
  }
}

/** A reply's headers for a `Response`: a list appended value by value (`getSetCookie()` then sees each cookie). */
export function webHeaders(headers: RawHeaders): Headers {
  const out = new Headers();
  for (const name of Object.keys(headers)) {
    const value = headers[name]!;
    if (typeof value === "string") out.append(name, value);
    else for (const v of value) out.append(name, v);
  }
  return out;
}

/** The reply for a request of the node adapter: a `Response` by prototype, made real only if used as one. */
export function lazyResponse(reply: RawReply, head: boolean): Response {
  const out = Object.create(LazyResponse.prototype) as Lazy;
  out[REPLY] = reply;
  if (head) out.head = true;
  return out as unknown as Response;
}

type Lazy = { [REPLY]: RawReply; head?: true; real?: Response };

export class LazyResponse {}
if (typeof Response === "function") {
  Object.setPrototypeOf(LazyResponse.prototype, Response.prototype);
  // a HEAD's length said, as the node adapter sends it: a framework that answers HEAD with the GET's headers and
  // no body (Hono: `new Response(null, res)`) keeps it (RFC 9110 §9.3.2). Only a HEAD's: a middleware that swaps
  // the body (Hono's `c.res = new Response(stream, ...)` copies the old headers) would send a stale length
  const real = (self: Lazy) => {
    if (self.real) return self.real;
    const reply = self[REPLY];
    const headers = webHeaders(reply.headers);
    if (self.head && reply.body !== undefined && !headers.has("content-length")) headers.set("content-length", String(bodyLength(reply.body)));
    return (self.real = new Response(webBody(reply), { status: reply.status, headers }));
  };
  for (const [name, d] of webMembers(Response.prototype)) {
    Object.defineProperty(LazyResponse.prototype, name, {
      configurable: true,
      ...(typeof d.value === "function"
        ? { value(this: { [REPLY]: RawReply }, ...args: unknown[]) { const r = real(this); return (r[name as keyof Response] as (...a: unknown[]) => unknown).apply(r, args); } }
        : { get(this: { [REPLY]: RawReply }) { return real(this)[name as keyof Response]; } }),
    });
  }
}
