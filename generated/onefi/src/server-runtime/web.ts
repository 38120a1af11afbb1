/** The Web-standard handler (`(request: Request) => Promise<Response>`) for Hono, Bun, Deno and edge runtimes. */
import { concat } from "./body.js";
import { Engine, ENGINE, type EngineHandler } from "./engine.js";
import { lazyResponse, NODE, NODE_RESPONSE, webHeaders, type NodeBackedRequest } from "./lazy-web.js";
import { NodeRaw, originForm } from "./node-request.js";
import { BodyError } from "./problems.js";
import { dropStream, webBody } from "./events.js";
import { bodyLength } from "./reply-length.js";
import type { AnyHandler, OperationValidators, SecurityHook, ServerOptions, ServerSpec, WebHandler } from "./types.js";

/** Builds the Web-standard handler (used by each API's `createHandler`). */
export function createWebHandler(
  spec: ServerSpec,
  handlers: object,
  validators: { readonly [operation: string]: OperationValidators | undefined } | undefined,
  security: object | undefined,
  options: ServerOptions,
): WebHandler {
  const engine = new Engine(spec, handlers as Record<string, AnyHandler>, validators, (security ?? {}) as Record<string, SecurityHook<never, unknown>>, options);
  const forwardErrors = options.forwardErrors === true;
  const handler: EngineHandler = async (request) => {
    // A request our node adapter made (see `NodeBackedRequest`): served from the node request itself,
    // answered with a response the adapter reads without a stream in between.
    const backed = request as Partial<NodeBackedRequest>;
    const node = backed[NODE];
    if (node) {
      const raw = new NodeRaw(node, undefined, backed[NODE_RESPONSE]);
      if (forwardErrors) raw.forwardErrors = true;
      const reply = await engine.handle(raw);
      if (reply.error) throw reply.error.thrown;
      return lazyResponse(reply, node.method === "HEAD");
    }
    const reply = await engine.handle({
      method: request.method,
      url: originForm(request.url),
      header: (name) => headerOf(request, name),
      body: (limit) => readWebBody(request, limit),
      signal: () => request.signal,
      forwardErrors,
    });
    // what a handler threw, for the caller's error handling (Hono's `app.onError`)
    if (reply.error) throw reply.error.thrown;
    if (request.method === "HEAD") {
      dropStream(reply);
      // the length GET would send (RFC 9110 §9.3.2), as the node adapters send it: a `Response` without a body has none
      if (reply.body !== undefined) reply.headers["content-length"] ??= String(bodyLength(reply.body));
    }
    return new Response(request.method === "HEAD" ? null : webBody(reply), { status: reply.status, headers: webHeaders(reply.headers) });
  };
  handler[ENGINE] = engine;
  return handler;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A header of a `Request`. A Content-Type sent twice alike, which `Headers` joins (`application/json,
 * application/json`; a proxy adding the client's own again), is the one it is, as node:http keeps the first
 * (and with it Express and Fastify); two that differ stay as sent, a 415.
 */
function headerOf(request: Request, name: string): string | undefined {
  // a spec's header parameter named by no HTTP token (`x-${id}`) is one no request carries: `Headers.get` threw
  // a TypeError for it, and every request to its operation was a 500
  if (!TOKEN.test(name)) return undefined;
  const value = request.headers.get(name);
  if (value === null) return undefined;
  if (name !== "content-type" || !value.includes(",")) return value;
  const [first, ...rest] = value.split(",").map((v) => v.trim());
  return rest.every((v) => v === first) ? first : value;
}

/** The spec without the operations `handlers` has no function for (the webhook receiver serves only those it was given). */
export function handledOnly(spec: ServerSpec, handlers: object): ServerSpec {
  const operations: Record<string, ServerSpec["operations"][string]> = Object.create(null);
  for (const name of Object.keys(spec.operations)) {
    if (Object.prototype.hasOwnProperty.call(handlers, name) && typeof (handlers as Record<string, unknown>)[name] === "function") operations[name] = spec.operations[name]!;
  }
  return { ...spec, operations };
}

export async function readWebBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const declared = request.headers.get("content-length");
  const length = declared === null ? NaN : Number(declared);
  if (length > limit) throw new BodyError(413, `The body is larger than ${limit} bytes.`);
  if (!request.body) return undefined;
  // a body that stops short (the client went away mid-upload) is the request's fault, as the node adapter's
  // reader says, not a handler's error for onError
  try {
    return await readWithin(request, request.body, length, limit);
  } catch (e) {
    throw e instanceof BodyError ? e : new BodyError(400, `The body could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readWithin(request: Request, body: ReadableStream<Uint8Array>, length: number, limit: number): Promise<Uint8Array> {
  // A declared length within the limit: the runtime reads exactly that much, in one go.
  if (length >= 0) return new Uint8Array(await request.arrayBuffer());
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel();
      throw new BodyError(413, `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}
