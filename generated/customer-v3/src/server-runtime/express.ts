/** The Express adapter (Express 4 and 5). */
import { ENGINE, type EngineHandler } from "./engine.js";
import { deliver } from "./node.js";
import { NodeRaw, readNodeBody, type NodeRequest, type NodeResponse } from "./node-request.js";
import { BodyError } from "./problems.js";
import type { WebHandler } from "./types.js";

/** How the Express middleware hands over what it does not answer itself. */
export interface ExpressOptions {
  /**
   * Pass an error a handler or security hook throws to `next(err)`, for the app's error middleware, instead
   * of answering a generic 500 problem and calling `onError` (the default: nothing of the error reaches the
   * client; Express's own final handler shows the stack outside production).
   */
  forwardErrors?: boolean;
}

/** The little of Express's request the middleware reads beyond node's. */
export interface ExpressRequest extends NodeRequest {
  originalUrl?: string;
  app?: { get?(setting: string): unknown };
}

/**
 * Express middleware (Express 4 and 5): `app.use(toExpressMiddleware(handler))`, or under a path with the
 * `basePath` option. Requests no operation matches go on to `next()`. A body an earlier parser
 * (`express.json()`) read is used as it is, with the same key and depth rules; one it kept as bytes or
 * text is read as ours. A trailing slash is ignored as the app's `strict routing` setting says (off by
 * default: `/customers/` is `/customers`), unless `createHandler`'s `ignoreTrailingSlash` says otherwise.
 */
export function toExpressMiddleware(handler: WebHandler, options: ExpressOptions = {}): (req: ExpressRequest, res: NodeResponse, next: (e?: unknown) => void) => void {
  const engine = (handler as EngineHandler)[ENGINE];
  if (!engine) throw new TypeError("toExpressMiddleware takes a handler made by createHandler");
  const forward = options.forwardErrors === true;
  return (req, res, next) => {
    const consumed = req.readableEnded === true || (req.body !== undefined && req.complete === true);
    // a body an earlier parser kept as bytes or text (`express.raw()` to check a webhook's signature,
    // `express.text()`) is read as the bytes it was, by the operation's media type
    const kept = consumed ? keptBytes(req.body) : undefined;
    const seen = { ...pick(req), url: req.originalUrl ?? req.url } as NodeRequest;
    // text `express.text()` decoded by its charset is UTF-8 once encoded again here: read as that
    if (kept && typeof req.body === "string") seen.headers = { ...req.headers, "content-type": inUtf8(req.headers["content-type"]) };
    const raw = new NodeRaw(seen, consumed && !kept ? { value: req.body } : undefined, res);
    if (kept) raw.body = (limit) => (kept.byteLength > limit ? Promise.reject(new BodyError(413, `The body is larger than ${limit} bytes.`)) : Promise.resolve(kept));
    else if (!consumed) raw.body = (limit) => readNodeBody(req, limit);
    raw.ignoreTrailingSlash = req.app?.get?.("strict routing") !== true;
    if (forward) raw.forwardErrors = true;
    engine.handle(raw).then(
      (reply) => {
        if (reply.unmatched) return next();
        if (reply.error) return next(asNextError(reply.error.thrown));
        deliver(res, req, reply);
      },
      (e: unknown) => next(e),
    );
  };
}

const ENCODER = new TextEncoder();

/** `next()` continues on a falsy value and skips routes on `"route"`/`"router"`: those thrown reach the error middleware as an `Error`. */
function asNextError(thrown: unknown): unknown {
  return thrown && thrown !== "route" && thrown !== "router" ? thrown : new Error(`a handler threw ${String(thrown)}`);
}

function keptBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return ENCODER.encode(body);
  return body instanceof Uint8Array ? body : undefined;
}

/** A media type with its charset said as UTF-8. */
function inUtf8(mediaType: string | string[] | undefined): string | undefined {
  return typeof mediaType === "string" ? mediaType.replace(/;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/i, "; charset=utf-8") : undefined;
}

function pick(req: NodeRequest): Partial<NodeRequest> {
  return { method: req.method, url: req.url, headers: req.headers, complete: req.complete, readableEnded: req.readableEnded };
}
