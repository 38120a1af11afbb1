/**
 * Setup of the shared worker (test/vitest.config.ts): the Web globals as Node made them are put back after
 * each file. @hono/node-server's `serve()` replaces `Request` and `Response` with subclasses of its own and
 * leaves them; a later file's modules then load against Hono's classes or Node's depending on file order.
 */
import { afterAll } from "vitest";

const KEY = Symbol.for("specforge.test.node-web-globals");
const store = globalThis as unknown as Record<symbol, { Request: typeof Request; Response: typeof Response } | undefined>;
// the first file of the worker sees Node's own (this module runs again for each file; the store stays)
const node = (store[KEY] ??= { Request: globalThis.Request, Response: globalThis.Response });

afterAll(() => {
  globalThis.Request = node.Request;
  globalThis.Response = node.Response;
});
