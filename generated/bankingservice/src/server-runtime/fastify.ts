/** The Fastify adapter (Fastify 4 and 5). */
import { ENGINE, type EngineHandler } from "./engine.js";
import { answer, deliver, toNodeListener } from "./node.js";
import { NodeRaw, type NodeRequest, type NodeResponse } from "./node-request.js";
import type { WebHandler } from "./types.js";

/** The little of Fastify (v4, v5) the plugin uses. */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, fn: (req: unknown, payload: unknown, done: (err: Error | null, body?: unknown) => void) => void): void;
  /** Fastify 5: every method it routes. */
  readonly supportedMethods?: readonly string[];
  /** The plugin's prefix (Fastify 4 and 5). */
  readonly prefix?: string;
  /** Fastify 4.7+: whether a route is taken (by `@fastify/cors`'s `OPTIONS *`, say). */
  hasRoute?(options: { method: string; url: string }): boolean;
  /** The options the app was made with: its trailing-slash rule (Fastify 4 and 5 at the top, 5's `routerOptions` too). */
  readonly initialConfig?: { readonly ignoreTrailingSlash?: boolean; readonly routerOptions?: { readonly ignoreTrailingSlash?: boolean } };
  route(options: { method: string[]; url: string; handler: (request: { raw: NodeRequest }, reply: FastifyReplyLike) => void | Promise<void> }): unknown;
  addHook?(name: "onRequest", hook: (request: { raw: NodeRequest & { [UNPARSABLE]?: string } }, reply: unknown, next: () => void) => void): unknown;
}

/** Where the plugin keeps a `Content-Type` out of Fastify's sight, for the engine (below). */
const UNPARSABLE: unique symbol = Symbol("specforge.fastify.content-type") as never;
/** A media type as Fastify can parse one, `type/subtype` and any parameters: another refused by Fastify itself. */
const MEDIA_TYPE = /^\s*[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+\s*(;|$)/i;

/** How the plugin hands over what it does not answer itself. */
export interface FastifyPluginOptions {
  /**
   * Throw an error a handler or security hook throws from the route, for the app's `setErrorHandler`,
   * instead of answering a generic 500 problem and calling `onError` (the default: nothing of the error
   * reaches the client; Fastify's default error handler sends its `message`).
   */
  forwardErrors?: boolean;
}

/** The little of Fastify's reply the plugin uses. */
export interface FastifyReplyLike {
  hijack(): void;
  raw: NodeResponse & { setHeader?(name: string, value: string | number | readonly string[]): unknown };
  getHeaders?(): Record<string, string | number | readonly string[] | undefined>;
}

/**
 * A Fastify plugin: `fastify.register(fastifyPlugin(handler), { prefix: "/v2" })` with `basePath: "/v2"`.
 * It owns every path under its prefix, but for a method another plugin registered there first
 * (`@fastify/cors` answers `OPTIONS *`: register it before this one); Fastify leaves the body unread and
 * this runtime reads it with its own limits (Fastify's `bodyLimit` does not apply). Headers Fastify's
 * hooks and plugins set on the reply (`@fastify/cors`'s, an `onRequest` hook's) are sent with ours. A
 * trailing slash is ignored as the app's `ignoreTrailingSlash` says, unless `createHandler`'s says otherwise.
 */
export function fastifyPlugin(handler: WebHandler, options: FastifyPluginOptions = {}): (fastify: FastifyLike, opts: unknown, done: () => void) => void {
  const engine = (handler as EngineHandler)[ENGINE];
  if (options.forwardErrors && !engine) throw new TypeError("fastifyPlugin: forwardErrors takes a handler made by createHandler");
  const listener = toNodeListener(handler);
  const plugin = (fastify: FastifyLike, _opts: unknown, done: () => void) => {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", (_req, _payload, next) => next(null));
    // Fastify answers a Content-Type it cannot parse (empty, `json`) with its own 415 before any route, even one
    // taking no body (a DELETE); it is kept out of its sight and given back to the engine, which answers it as
    // the other adapters do (a problem for an operation with a body, nothing for one without)
    fastify.addHook?.("onRequest", (request, _reply, next) => {
      const headers = request.raw.headers;
      const type = headers["content-type"];
      if (typeof type === "string" && !MEDIA_TYPE.test(type)) {
        request.raw[UNPARSABLE] = type;
        delete headers["content-type"];
      }
      next();
    });
    const config = fastify.initialConfig;
    const ignoreTrailingSlash = config?.ignoreTrailingSlash === true || config?.routerOptions?.ignoreTrailingSlash === true;
    // Fastify 5 lists what it routes (QUERY among them; a method such as PURGE once `fastify.addHttpMethod` added it)
    const methods = fastify.supportedMethods ? [...fastify.supportedMethods] : ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    const route = (url: string) => {
      // the router is the app's: a route taken at the prefix's path would make Fastify refuse to start
      const prefix = fastify.prefix ?? "";
      // under a prefix, "/" is registered as both "/v2" and "/v2/"
      const taken = (method: string) => fastify.hasRoute?.({ method, url: prefix + url }) || (url === "/" && prefix !== "" && fastify.hasRoute?.({ method, url: prefix }));
      const free = methods.filter((method) => !taken(method));
      if (free.length > 0) fastify.route({ method: free, url, handler: (request, reply) => serve(request.raw, reply) });
    };
    /** The reply becomes ours to send, with the headers Fastify's hooks and plugins set on it. */
    const takeOver = (reply: FastifyReplyLike) => {
      const headers = reply.getHeaders?.();
      if (headers && reply.raw.setHeader) for (const name of Object.keys(headers)) if (headers[name] !== undefined) reply.raw.setHeader(name, headers[name]!);
      reply.hijack();
    };
    const serve = (req: NodeRequest & { [UNPARSABLE]?: string }, reply: FastifyReplyLike): void | Promise<void> => {
      if (req[UNPARSABLE] !== undefined) req.headers["content-type"] = req[UNPARSABLE];
      if (!engine) {
        takeOver(reply);
        return listener(req, reply.raw);
      }
      const raw = new NodeRaw(req, undefined, reply.raw);
      raw.ignoreTrailingSlash = ignoreTrailingSlash;
      if (!options.forwardErrors) {
        takeOver(reply);
        return void answer(req, reply.raw, engine.handle(raw));
      }
      raw.forwardErrors = true;
      // the reply is taken over only once it is ours to send: a thrown error rejects first, for Fastify's error handler
      return engine.handle(raw).then((r) => {
        if (r.error) throw r.error.thrown;
        takeOver(reply);
        deliver(reply.raw, req, r);
      });
    };
    route("/");
    route("/*");
    done();
  };
  return plugin;
}
