/** The `node:http` adapter: requests served straight from the node request, replies written in one `writeHead` and `end`. */
import { ENGINE, type EngineHandler } from "./engine.js";
import { concat } from "./body.js";
import { dropStream, isWebStream } from "./events.js";
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

/**
 * Sends the reply once it is decided: `then` with two closures allocates less per request than an async
 * function would (its record of locals, its own promise, what each `await` makes).
 */
export function answer(req: NodeRequest, res: NodeResponse, pending: Promise<RawReply>): void {
  pending.then(
    (reply) => deliver(res, req, reply),
    () => deliver(res, req, problem(500, "The server could not complete the request.")),
  );
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
  // node frames the body (a length counted, else chunks): a Transfer-Encoding beside that length is no response (RFC 9112 §6.2)
  delete out["transfer-encoding"];
  const { status } = response;
  if (!response.body) {
    // a HEAD's is the length the GET would send, its body left out; another's would be waited for
    if (req.method !== "HEAD") delete out["content-length"];
    return { status, headers: out };
  }
  // A body the Response holds (a string, bytes: Hono's `c.json`) is there at once: sent whole, its length counted
  // again from its bytes. One still coming (a stream: an event stream, Hono's `streamText`, a file) is passed on
  // as it comes, with the length the handler gave, never gathered: it may not end (as @hono/node-server does).
  const declared = out["content-length"];
  delete out["content-length"];
  const reader = response.body.getReader();
  const events = /^text\/event-stream/i.test(response.headers.get("content-type") ?? "");
  const chunks: Uint8Array[] = [];
  let size = 0;
  let pending: Promise<Read> | undefined;
  for (let i = 0; i < 8; i++) {
    pending ??= reader.read();
    // a failure before anything was sent is a 500; an event stream's comes out of the stream (its 200 is the
    // handler's answer, an event failing its schema ends it and goes to onError)
    const next = await readyRead(pending).catch((e: unknown) => {
      if (events) return undefined;
      void reader.cancel().catch(() => undefined);
      throw e;
    });
    if (!next) break;
    pending = undefined;
    if (next.done) return { status, headers: out, body: concat(chunks, size) };
    chunks.push(next.value);
    size += next.value.byteLength;
  }
  if (declared !== undefined) out["content-length"] = declared;
  return { status, headers: out, stream: passOn(reader, chunks, pending) };
}

/**
 * A read of a body, if it is done by the next turn of the event loop (a body held, not one still coming); else
 * undefined. One that fails by then throws (no header is sent yet: the bridge answers 500 where a 200 with a cut
 * connection went out); a later failure comes out of the stream, after the headers and what came before.
 */
async function readyRead(read: Promise<Read>): Promise<Read | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([read, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 0)))]);
  } finally {
    clearTimeout(timer);
  }
}

type Read = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;

/** The rest of a body, after the chunks already read and the read under way; the reader let go when the client leaves. */
async function* passOn(reader: ReadableStreamDefaultReader<Uint8Array>, chunks: Uint8Array[], pending: Promise<Read> | undefined): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    yield* chunks;
    for (let next = await (pending ?? reader.read()); !next.done; next = await reader.read()) yield next.value;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
