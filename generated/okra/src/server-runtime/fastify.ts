/** The Fastify adapter (Fastify 4 and 5). */
import { toNodeListener } from "./node.js";
import type { NodeRequest, NodeResponse } from "./node-request.js";
import type { WebHandler } from "./types.js";

/** The little of Fastify (v4, v5) the plugin uses. */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, fn: (req: unknown, payload: unknown, done: (err: Error | null, body?: unknown) => void) => void): void;
  /** Fastify 5: every method it routes. */
  readonly supportedMethods?: readonly string[];
  route(options: { method: string[]; url: string; handler: (request: { raw: NodeRequest }, reply: { hijack(): void; raw: NodeResponse }) => void }): unknown;
}

/**
 * A Fastify plugin: `fastify.register(fastifyPlugin(handler), { prefix: "/v2" })` with `basePath: "/v2"`.
 * It owns every path under its prefix; Fastify leaves the body unread and this runtime reads it with
 * its own limits (Fastify's `bodyLimit` does not apply).
 */
export function fastifyPlugin(handler: WebHandler): (fastify: FastifyLike, opts: unknown, done: () => void) => void {
  const listener = toNodeListener(handler);
  const plugin = (fastify: FastifyLike, _opts: unknown, done: () => void) => {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", (_req, _payload, next) => next(null));
    const route = (url: string) =>
      fastify.route({
        // Fastify 5 lists what it routes (QUERY among them; a method such as PURGE once `fastify.addHttpMethod` added it)
        method: fastify.supportedMethods ? [...fastify.supportedMethods] : ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        url,
        handler: (request, reply) => {
          reply.hijack();
          listener(request.raw, reply.raw);
        },
      });
    route("/");
    route("/*");
    done();
  };
  return plugin;
}
