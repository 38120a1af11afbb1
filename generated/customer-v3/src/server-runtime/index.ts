/** The server runtime's public face: what each API's `server.ts` uses and re-exports. */
export type * from "./types.js";
export type { MockMedia, MockResponses } from "./mock.js";
export type { NodeRequest, NodeResponse } from "./node-request.js";
export type { FastifyLike, FastifyPluginOptions } from "./fastify.js";
export type { ExpressOptions, ExpressRequest } from "./express.js";
export { problem } from "./problems.js";
export { createWebHandler, handledOnly } from "./web.js";
export { toNodeListener } from "./node.js";
export { toExpressMiddleware } from "./express.js";
export { fastifyPlugin } from "./fastify.js";
export { acceptAny, mockHandlers } from "./mock.js";
export { forbidden } from "./security.js";
