/** The `node:http` adapter: requests served straight from the node request, replies written in one `writeHead` and `end`. */
import { ENGINE, type EngineHandler } from "./engine.js";
import { chunksOf, dropStream, isWebStream } from "./events.js";
import { LazyRequest, REPLY } from "./lazy-web.js";
import { NodeRaw, type NodeRequest, type NodeResponse } from "./node-request.js";
import { problem } from "./problems.js";
import { bodyLength } from "./reply-length.js";
import type { RawHeaders, RawReply, WebHandler } from "./types.js";

/** Sends a reply; one the transport refuses (a handler's header with a line break) becomes a 500. */
export function deliver(res: NodeResponse, req: NodeRequest, reply: RawReply): void {
  try {
    send(res, req, reply);
  } catch {
    // the reply's stream will not be sent: let its source go
    dropStream(reply);
    if (!res.headersSent) send(res, req, problem(500, "The server could not complete the request."));
  }
}

export function send(res: NodeResponse, req: NodeRequest, reply: RawReply): void {
  // A body we stopped reading cannot leave the connection reusable. Other unread bodies (a 401 before the
  // body was looked at) are drained by node:http itself, which keeps the connection alive.
  if (reply.status === 413) reply.headers.connection = "close";
  if (reply.body !== undefined) reply.headers["content-length"] ??= String(bodyLength(reply.body));
  res.writeHead(reply.status, reply.headers);
  // HEAD gets the headers only: its events would be thrown away as they came, for as long as the stream lasts
  if (reply.stream && res.write && req.method !== "HEAD") void pump(res, reply.stream);
  else {
    dropStream(reply);
    res.end(reply.body);
  }
}

/** Once the response takes more, or the client has gone; no listener is left behind. */
function writable(res: NodeResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off!("drain", done);
      res.off!("close", done);
      resolve();
    };
    res.on!("drain", done);
    res.on!("close", done);
  });
}

/**
 * A streamed reply: headers at once, then each chunk as it comes, the next asked for only once the socket
 * takes more (a handler's `ReadableStream` is read no faster than the client reads). A client that leaves,
 * before the first chunk too, ends the source: a Web stream is cancelled at once, even while a read waits
 * on an idle source; an iterator is returned. A source that fails cuts the connection, so the client sees a
 * broken stream rather than a finished one (the failure was reported where it happened).
 */
async function pump(res: NodeResponse, stream: NonNullable<RawReply["stream"]>): Promise<void> {
  const reader = isWebStream(stream) ? stream.getReader() : undefined;
  const it = reader ? undefined : (stream as AsyncIterable<string | Uint8Array>)[Symbol.asyncIterator]();
  const cancel = () => void reader?.cancel().catch(() => undefined);
  let closed = false;
  const gone = () => res.destroyed === true || (res.writableEnded !== true && closed);
  res.on?.("close", () => {
    closed = true;
    if (res.writableEnded !== true) cancel();
  });
  res.flushHeaders?.();
  try {
    while (!gone()) {
      const next = reader ? await reader.read() : await it!.next();
      if (next.done) return void res.end();
      if (gone()) break;
      if (!res.write!(next.value)) await writable(res);
    }
    cancel();
    await it?.return?.();
  } catch {
    cancel();
    // the connection ends without the stream's last chunk, after the events already written
    if (res.socket) res.socket.end();
    else res.destroy?.();
  }
}

/**
 * A `node:http` listener: `createServer(toNodeListener(createHandler(...)))`. A handler made by
 * `createHandler` is served directly from the node request, with no `Request`/`Response` in between;
 * any other Web handler (Hono's `app.fetch`, ...) is bridged through them.
 */
export function toNodeListener(handler: WebHandler): (req: NodeRequest, res: NodeResponse) => void {
  const engine = (handler as EngineHandler)[ENGINE];
  if (engine) return (req, res) => void answer(req, res, engine.handle(new NodeRaw(req, undefined, res)));
  return (req, res) => void answer(req, res, bridge(handler, req, res));
}

/** Sends the reply once it is decided (an async function: no closures per request). */
export async function answer(req: NodeRequest, res: NodeResponse, pending: Promise<RawReply>): Promise<void> {
  let reply: RawReply;
  try {
    reply = await pending;
  } catch {
    reply = problem(500, "The server could not complete the request.");
  }
  deliver(res, req, reply);
}

export async function bridge(handler: WebHandler, req: NodeRequest, res?: NodeResponse): Promise<RawReply> {
  const response = await handler(new LazyRequest(req, res) as unknown as Request);
  const lazy = (response as unknown as { [REPLY]?: RawReply; real?: Response })[REPLY];
  if (lazy && !(response as unknown as { real?: Response }).real) return lazy;
  const out: RawHeaders = {};
  response.headers.forEach((v, k) => (out[k] = v));
  // `forEach` joins every `Set-Cookie` into one value, which a browser reads as one cookie
  const cookies = response.headers.getSetCookie?.();
  if (cookies && cookies.length > 1) out["set-cookie"] = cookies;
  // counted again from the bytes sent; a HEAD's is the length the GET would send, its body left out
  if (req.method !== "HEAD") delete out["content-length"];
  // an event stream does not end: it is passed on as it comes
  if (response.body && /^text\/event-stream/i.test(response.headers.get("content-type") ?? "")) return { status: response.status, headers: out, stream: chunksOf(response.body) };
  return { status: response.status, headers: out, body: response.body ? new Uint8Array(await response.arrayBuffer()) : undefined };
}
