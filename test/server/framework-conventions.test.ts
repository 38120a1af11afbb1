/**
 * What Express and Fastify users expect of the adapters, against the real frameworks on 127.0.0.1:
 * a handler's (or security hook's) thrown error reaches the app's error handling when the adapter is told
 * to forward it (Express error middleware, Fastify's `setErrorHandler`), and by default is a generic 500
 * that leaks nothing; a trailing slash is ignored as the framework in front says (Express: non-strict
 * routing by default; Fastify: `ignoreTrailingSlash`), or as `createHandler`'s `ignoreTrailingSlash` says.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express, { type ErrorRequestHandler } from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createHandler, fastifyPlugin, toExpressMiddleware, toNodeListener, type OkraHandlers } from "../../generated/okra/src/server.js";
import { bearerAuth, handlers, HEADERS } from "./okra-handlers.js";
import { listen, type Listening } from "./helpers.js";

const FIND = JSON.stringify({ key: "email", value: "ada@example.com" });
const PATH = "/customers/find-customers-by";
const SECRET = "db password is hunter2";

const throwing: OkraHandlers<string> = {
  ...handlers,
  findCustomer: () => {
    throw new Error(SECRET);
  },
};
const find = (base: string, path = PATH, headers: Record<string, string> = HEADERS) => fetch(`${base}${path}`, { method: "POST", headers, body: FIND });

const open: (Listening | FastifyInstance)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function expressApp(setup: (app: express.Express) => void): Promise<string> {
  const app = express();
  setup(app);
  app.use((_req, res) => void res.status(404).send("express 404"));
  const s = await listen(app);
  open.push(s);
  return s.url;
}

async function fastifyApp(app: FastifyInstance, setup: (app: FastifyInstance) => PromiseLike<unknown>): Promise<string> {
  open.push(app);
  await setup(app);
  return app.listen({ port: 0, host: "127.0.0.1" });
}

describe("Express: a handler's thrown error", () => {
  it("goes to the app's error middleware with forwardErrors, onError not called", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    const errors: ErrorRequestHandler = (err, _req, res, _next) => {
      seen.push(err);
      res.status(503).json({ handledBy: "express", message: (err as Error).message });
    };
    const base = await expressApp((app) => {
      app.use(toExpressMiddleware(createHandler(throwing, { security: { bearerAuth }, onError: (e) => reported.push(e) }), { forwardErrors: true }));
      app.use(errors);
    });
    const res = await find(base);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ handledBy: "express", message: SECRET });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Error);
    expect(reported).toEqual([]);
  });

  it("thrown by a security hook goes there too; bad input and 401 are still answered by the handler", async () => {
    const seen: unknown[] = [];
    const hook = (t: string) => {
      if (t === "boom") throw new Error("token store down");
      return bearerAuth(t);
    };
    const base = await expressApp((app) => {
      app.use(toExpressMiddleware(createHandler(handlers, { security: { bearerAuth: hook } }), { forwardErrors: true }));
      app.use(((err, _req, res, _next) => void (seen.push(err), res.status(502).send("express error"))) as ErrorRequestHandler);
    });
    expect((await find(base, PATH, { ...HEADERS, authorization: "Bearer boom" })).status).toBe(502);
    expect((seen[0] as Error).message).toBe("token store down");
    expect((await find(base, PATH, { ...HEADERS, authorization: "Bearer bad" })).status).toBe(401);
    expect((await fetch(`${base}${PATH}`, { method: "POST", headers: HEADERS, body: "{" })).status).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it("by default is a generic 500 problem, given to onError, never to the client or the error middleware", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    const base = await expressApp((app) => {
      app.use(toExpressMiddleware(createHandler(throwing, { security: { bearerAuth }, onError: (e) => reported.push(e) })));
      app.use(((err, _req, res, _next) => void (seen.push(err), res.status(503).send("express error"))) as ErrorRequestHandler);
    });
    const res = await find(base);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.text()).not.toContain("hunter2");
    expect(reported).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});

describe("Fastify: a handler's thrown error", () => {
  it("goes to setErrorHandler with forwardErrors, onError not called", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    const base = await fastifyApp(Fastify(), async (app) => {
      app.setErrorHandler((err, _request, reply) => {
        seen.push(err);
        return reply.code(503).send({ handledBy: "fastify", message: (err as Error).message });
      });
      await app.register(fastifyPlugin(createHandler(throwing, { security: { bearerAuth }, basePath: "/v2", onError: (e) => reported.push(e) }), { forwardErrors: true }), { prefix: "/v2" });
    });
    const res = await find(base, `/v2${PATH}`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ handledBy: "fastify", message: SECRET });
    expect(seen).toHaveLength(1);
    expect(reported).toEqual([]);
    // what the handler answers itself is sent as before
    const bad = await fetch(`${base}/v2${PATH}`, { method: "POST", headers: HEADERS, body: "{" });
    expect([bad.status, bad.headers.get("content-type")]).toEqual([400, "application/problem+json"]);
    expect((await find(base, `/v2${PATH}`, { "content-type": "application/json" })).status).toBe(401);
  });

  it("by default is a generic 500 problem, given to onError, never to the client or setErrorHandler", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    const base = await fastifyApp(Fastify(), async (app) => {
      app.setErrorHandler((err, _request, reply) => void (seen.push(err), reply.code(503).send("fastify error")));
      await app.register(fastifyPlugin(createHandler(throwing, { security: { bearerAuth }, onError: (e) => reported.push(e) })));
    });
    const res = await find(base);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("hunter2");
    expect(reported).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});

describe("Hono: a handler's thrown error", () => {
  /** A Hono app with an `onError`, served by @hono/node-server, and by `toNodeListener(app.fetch)`. */
  async function honoApps(forwardErrors: boolean | undefined, reported: unknown[], seen: unknown[]): Promise<string[]> {
    const handler = createHandler(throwing, { security: { bearerAuth }, onError: (e) => reported.push(e), ...(forwardErrors === undefined ? {} : { forwardErrors }) });
    const app = new Hono();
    app.all("*", (c) => handler(c.req.raw));
    app.onError((err, c) => (seen.push(err), c.json({ handledBy: "hono", message: err.message }, 503)));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) } as Listening);
    const bridged = await listen(toNodeListener(async (request) => app.fetch(request)));
    open.push(bridged);
    return [`http://127.0.0.1:${(server.address() as AddressInfo).port}`, bridged.url];
  }

  it("goes to app.onError with createHandler's forwardErrors, onError not called (@hono/node-server and toNodeListener)", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    for (const base of await honoApps(true, reported, seen)) {
      const res = await find(base);
      expect([res.status, await res.json()]).toEqual([503, { handledBy: "hono", message: SECRET }]);
      expect((await fetch(`${base}${PATH}`, { method: "POST", headers: HEADERS, body: "{" })).status).toBe(400);
    }
    expect(seen).toHaveLength(2);
    expect(reported).toEqual([]);
  });

  it("by default is a generic 500 problem, given to onError, never to app.onError", async () => {
    const reported: unknown[] = [];
    const seen: unknown[] = [];
    for (const base of await honoApps(undefined, reported, seen)) {
      const res = await find(base);
      expect([res.status, res.headers.get("content-type")]).toEqual([500, "application/problem+json"]);
      expect(await res.text()).not.toContain("hunter2");
    }
    expect(reported).toHaveLength(2);
    expect(seen).toEqual([]);
  });
});

describe("an onResponse hook that throws (a log sink down)", () => {
  // The reply goes out as decided and the hook's error goes to onError: before, the Fastify plugin left the
  // engine's rejection unhandled (the process died) and the node adapter answered a 500 for a request served.
  const logged = () => {
    const reported: { error: unknown; kind: string }[] = [];
    const handler = createHandler(handlers, {
      security: { bearerAuth },
      onResponse: () => {
        throw new Error("log sink down");
      },
      onError: (error, ctx) => void reported.push({ error, kind: ctx.kind }),
    });
    return { handler, reported };
  };

  it("Fastify: the reply is sent and onError hears of the hook", async () => {
    const { handler, reported } = logged();
    const base = await fastifyApp(Fastify(), (app) => app.register(fastifyPlugin(handler)));
    const res = await find(base);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data?: unknown }).data).toBeDefined();
    expect(reported.map((r) => [r.kind, (r.error as Error).message])).toEqual([["on-response", "log sink down"]]);
  });

  it("node adapter and Web handler: the same, for routed and unrouted requests", async () => {
    const { handler, reported } = logged();
    const s = await listen(toNodeListener(handler));
    open.push(s);
    expect((await find(s.url)).status).toBe(200);
    expect((await fetch(`${s.url}/nowhere`)).status).toBe(404);
    const web = await handler(new Request(`http://127.0.0.1${PATH}`, { method: "POST", headers: HEADERS, body: FIND }));
    expect(web.status).toBe(200);
    expect(reported.map((r) => r.kind)).toEqual(["on-response", "on-response", "on-response"]);
  });
});

describe("basePath", () => {
  it("is whole segments: /api serves /api/..., not /apix/...", async () => {
    const s = await listen(toNodeListener(createHandler(handlers, { security: { bearerAuth }, basePath: "/api" })));
    open.push(s);
    expect((await find(s.url, `/api${PATH}`)).status).toBe(200);
    expect((await find(s.url, `/apix${PATH}`)).status).toBe(404);
  });
});

describe("a trailing slash", () => {
  it("Express: ignored as Express's non-strict routing ignores it, kept apart under strict routing", async () => {
    const lenient = await expressApp((app) => app.use("/api", toExpressMiddleware(createHandler(handlers, { security: { bearerAuth }, basePath: "/api" }))));
    expect((await find(lenient, `/api${PATH}/`)).status).toBe(200);
    expect((await find(lenient, `/api${PATH}`)).status).toBe(200);
    // one slash, not any number of them
    expect((await find(lenient, `/api${PATH}//`)).status).toBe(404);
    const strict = await expressApp((app) => {
      app.set("strict routing", true);
      app.use(toExpressMiddleware(createHandler(handlers, { security: { bearerAuth } })));
    });
    const res = await find(strict, `${PATH}/`);
    expect([res.status, await res.text()]).toEqual([404, "express 404"]);
  });

  it("Express: createHandler's ignoreTrailingSlash: false keeps the path as the spec writes it", async () => {
    const base = await expressApp((app) => app.use(toExpressMiddleware(createHandler(handlers, { security: { bearerAuth }, ignoreTrailingSlash: false }))));
    expect((await find(base, `${PATH}/`)).status).toBe(404);
  });

  it("Fastify: as the app's ignoreTrailingSlash says (off by default: 404)", async () => {
    const plain = await fastifyApp(Fastify(), (app) => app.register(fastifyPlugin(createHandler(handlers, { security: { bearerAuth } }))));
    expect((await find(plain, `${PATH}/`)).status).toBe(404);
    const top = await fastifyApp(Fastify({ ignoreTrailingSlash: true }), (app) => app.register(fastifyPlugin(createHandler(handlers, { security: { bearerAuth } }))));
    expect((await find(top, `${PATH}/`)).status).toBe(200);
    const router = await fastifyApp(Fastify({ routerOptions: { ignoreTrailingSlash: true } }), (app) =>
      app.register(fastifyPlugin(createHandler(handlers, { security: { bearerAuth }, basePath: "/v2" })), { prefix: "/v2" }),
    );
    expect((await find(router, `/v2${PATH}/`)).status).toBe(200);
  });

  it("node:http and the Web handler: 404 by default, served with ignoreTrailingSlash: true; a 405 is one as well", async () => {
    const strict = await listen(toNodeListener(createHandler(handlers, { security: { bearerAuth } })));
    open.push(strict);
    expect((await find(strict.url, `${PATH}/`)).status).toBe(404);
    const lenient = await listen(toNodeListener(createHandler(handlers, { security: { bearerAuth }, ignoreTrailingSlash: true })));
    open.push(lenient);
    expect((await find(lenient.url, `${PATH}/`)).status).toBe(200);
    const wrong = await fetch(`${lenient.url}${PATH}/`, { method: "GET", headers: HEADERS });
    expect([wrong.status, wrong.headers.get("allow")]).toEqual([405, "POST"]);
    const web = createHandler(handlers, { security: { bearerAuth }, ignoreTrailingSlash: true });
    expect((await web(new Request(`http://api.test${PATH}/`, { method: "POST", headers: HEADERS, body: FIND }))).status).toBe(200);
  });
});
