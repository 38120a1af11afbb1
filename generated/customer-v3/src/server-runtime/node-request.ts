/** The node request as the engine reads it: headers, and the body streamed within the size limit. */
import { concat } from "./body.js";
import { BodyError } from "./problems.js";
import type { RawRequest } from "./types.js";

/** The little of `node:http`'s `IncomingMessage` the adapter uses. */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  complete?: boolean;
  readableEnded?: boolean;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (e: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
  pause(): unknown;
  resume?(): unknown;
  destroy?(): unknown;
  /** Set by Express's body parsers. */
  body?: unknown;
}

/** The little of `node:http`'s `ServerResponse` the adapter uses. */
export interface NodeResponse {
  /** A list is sent as one header line per value. */
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: string | Uint8Array): unknown;
  headersSent?: boolean;
  on?(event: "finish" | "close" | "drain", listener: () => void): unknown;
  /** For streamed replies (event streams). */
  write?(chunk: string | Uint8Array): boolean;
  off?(event: "drain" | "close", listener: () => void): unknown;
  flushHeaders?(): void;
  writableEnded?: boolean;
  writableFinished?: boolean;
  destroyed?: boolean;
  destroy?(error?: Error): unknown;
  socket?: { end(): unknown } | null;
}

export function header(req: NodeRequest, name: string): string | undefined {
  // own only: node:http's headers object has Object.prototype, so a header parameter named `constructor` that
  // no request sent was read as the function, and every request to its operation a 400 (`must be string`)
  const h = Object.prototype.hasOwnProperty.call(req.headers, name) ? req.headers[name] : undefined;
  return Array.isArray(h) ? h.join(name === "cookie" ? "; " : ", ") : h;
}

/**
 * A request-target as the path and query the engine routes (origin-form, RFC 9112 §3.2.1), as a Web
 * `Request`'s URL gives them: an absolute-form target (`GET http://api.test/items`, what a client sends
 * through a proxy, which a server MUST accept: §3.2.2) as its path and query, and a fragment, which no
 * target holds but node's parser lets through, dropped. `*` (`OPTIONS *`) stays as it is.
 */
export function originForm(target: string): string {
  const hash = target.indexOf("#");
  const url = hash < 0 ? target : target.slice(0, hash);
  if (url.charCodeAt(0) === 47 || !/^[a-z][a-z\d+.-]*:\/\//i.test(url)) return url;
  const authority = url.indexOf("//") + 2;
  let end = authority;
  while (end < url.length && url[end] !== "/" && url[end] !== "?") end++;
  return url[end] === "/" ? url.slice(end) : `/${url.slice(end)}`;
}

export function readNodeBody(req: NodeRequest, limit: number): Promise<Uint8Array | undefined> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(new BodyError(413, `The body is larger than ${limit} bytes.`));
  if (declared === undefined && req.headers["transfer-encoding"] === undefined) return Promise.resolve(undefined);
  if (req.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    // a small body comes in one chunk: a list (room for 16, grown by `push`) only for a second one
    let first: Uint8Array | undefined;
    let chunks: Uint8Array[] | undefined;
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.byteLength;
      if (size > limit) {
        // Stop reading: the rest never enters memory; the reply closes the connection.
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyError(413, `The body is larger than ${limit} bytes.`));
        return;
      }
      if (!first) first = chunk;
      else (chunks ??= [first]).push(chunk);
    });
    req.on("end", () => resolve(chunks ? concat(chunks, size) : (first ?? new Uint8Array(0))));
    req.on("error", (e) => reject(new BodyError(400, `The body could not be read: ${e.message}`)));
  });
}

/** The engine's view of a node request (a class, so no closures are made per request). */
export class NodeRaw implements RawRequest {
  readonly method: string;
  readonly url: string;
  readonly parsed?: { value: unknown };
  forwardErrors?: boolean;
  ignoreTrailingSlash?: boolean;

  constructor(
    private readonly req: NodeRequest,
    parsed?: { value: unknown },
    private readonly res?: NodeResponse,
  ) {
    this.method = req.method ?? "GET";
    this.url = originForm(req.url ?? "/");
    if (parsed) this.parsed = parsed;
  }

  header(name: string): string | undefined {
    return header(this.req, name);
  }

  body(limit: number): Promise<Uint8Array | undefined> {
    return readNodeBody(this.req, limit);
  }

  signal(): AbortSignal {
    const controller = new AbortController();
    const res = this.res;
    // the response closing before it finished: the client went away (maybe before anyone asked)
    if (res?.destroyed && !res.writableFinished) controller.abort();
    else if (res?.on) res.on("close", () => void (res.writableFinished || controller.abort()));
    return controller.signal;
  }
}
