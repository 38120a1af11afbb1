/** The Express adapter (Express 4 and 5). */
import { ENGINE, type EngineHandler } from "./engine.js";
import { deliver } from "./node.js";
import { NodeRaw, readNodeBody, type NodeRequest, type NodeResponse } from "./node-request.js";
import type { WebHandler } from "./types.js";

/**
 * Express middleware (Express 4 and 5): `app.use(toExpressMiddleware(handler))`, or under a path with the
 * `basePath` option. Requests no operation matches go on to `next()`. A body an earlier parser
 * (`express.json()`) read is used as it is, with the same key and depth rules.
 */
export function toExpressMiddleware(handler: WebHandler): (req: NodeRequest & { originalUrl?: string }, res: NodeResponse, next: (e?: unknown) => void) => void {
  const engine = (handler as EngineHandler)[ENGINE];
  if (!engine) throw new TypeError("toExpressMiddleware takes a handler made by createHandler");
  return (req, res, next) => {
    const consumed = req.readableEnded === true || (req.body !== undefined && req.complete === true);
    const raw = new NodeRaw({ ...pick(req), url: req.originalUrl ?? req.url } as NodeRequest, consumed ? { value: req.body } : undefined, res);
    if (!consumed) raw.body = (limit) => readNodeBody(req, limit);
    engine.handle(raw).then(
      (reply) => {
        if (reply.unmatched) return next();
        deliver(res, req, reply);
      },
      (e: unknown) => next(e),
    );
  };
}

function pick(req: NodeRequest): Partial<NodeRequest> {
  return { method: req.method, url: req.url, headers: req.headers, complete: req.complete, readableEnded: req.readableEnded };
}
