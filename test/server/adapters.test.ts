/**
 * The adapters, each with the real thing: the Web handler called with `Request`s, `node:http` both
 * directly and through the `Request`/`Response` bridge any Web handler gets, Express 5 (raw and after
 * `express.json()`, under a mount path, unmatched paths passed on to `next`) and Fastify 5 (a plugin
 * under a prefix).
 */
import express from "express";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, fastifyPlugin, toExpressMiddleware, toNodeListener } from "../../generated/okra/src/server.js";
import { bearerAuth, handlers, HEADERS } from "./okra-handlers.js";
import { listen, type Listening } from "./helpers.js";

const options = (basePath?: string) => ({ security: { bearerAuth }, ...(basePath ? { basePath } : {}) });
const FIND = { key: "email", value: "ada@example.com" };

/** The same four checks against any base URL. */
async function conformance(base: string): Promise<void> {
  const ok = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: JSON.stringify(FIND) });
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { message: string }).message).toBe("ada looked up ada@example.com");
  const invalid = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: JSON.stringify({ key: 1 }) });
  expect(invalid.status).toBe(400);
  expect(invalid.headers.get("content-type")).toBe("application/problem+json");
  const broken = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: "{" });
  expect(broken.status).toBe(400);
  const anonymous = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(FIND) });
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
  const flagged = await fetch(`${base}/customers/flag`, { method: "POST", headers: HEADERS, body: JSON.stringify({ bank: "5d6fe57a4099cc4b210bbeb3", customer: "5fe1e563798ba608e8f59756" }) });
  expect(flagged.status).toBe(200);
  expect(await flagged.text()).toBe("");
}

describe("Web handler", () => {
  it("takes a Request and returns a Response", async () => {
    const handler = createHandler(handlers, options());
    const res = await handler(new Request("http://api.test/customers/find-customers-by", { method: "POST", headers: HEADERS, body: JSON.stringify(FIND) }));
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(200);
    const big = await handler(new Request("http://api.test/customers/find-customers-by", { method: "POST", headers: HEADERS, body: JSON.stringify({ ...FIND, value: "x".repeat(2 * 1024 * 1024) }) }));
    expect(big.status).toBe(413);
    // a body without a Content-Length (a stream) is read up to bodyLimit, and refused one byte past it
    const body = (size: number) => JSON.stringify({ ...FIND, value: "x".repeat(size - JSON.stringify({ ...FIND, value: "" }).length) });
    const limited = createHandler(handlers, { ...options(), bodyLimit: 64 });
    const read = (size: number) => limited(new Request("http://api.test/customers/find-customers-by", { method: "POST", headers: HEADERS, body: body(size) }));
    expect([(await read(64)).status, (await read(65)).status]).toEqual([200, 413]);
    const wrong = await handler(new Request("http://api.test/customers/flag", { method: "GET", headers: HEADERS }));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });
});

describe("node:http", () => {
  const servers: Listening[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it("serves a createHandler handler directly", async () => {
    const s = await listen(toNodeListener(createHandler(handlers, options())));
    servers.push(s);
    await conformance(s.url);
  });

  it("bridges any other Web handler through Request and Response", async () => {
    const inner = createHandler(handlers, options());
    const s = await listen(toNodeListener((request) => inner(request)));
    servers.push(s);
    await conformance(s.url);
  });
});

describe("node:http with a foreign Web handler", () => {
  it("gives it a Request that reads from the node request, real when used as one, and sends its Response", async () => {
    const s = await listen(
      toNodeListener(async (request) => {
        const copy = request.clone(); // anything beyond method, url, headers and the body makes a real Request
        const body = (await request.json()) as unknown;
        return Response.json(
          { body, again: await copy.text(), method: request.method, path: new URL(request.url).pathname, header: request.headers.get("x-test"), isRequest: request instanceof Request },
          { status: 201, headers: { "x-reply": "yes" } },
        );
      }),
    );
    try {
      const res = await fetch(`${s.url}/any/where?q=1`, { method: "POST", headers: { "x-test": "t", "content-type": "application/json" }, body: '{"a":1}' });
      expect(res.status).toBe(201);
      expect(res.headers.get("x-reply")).toBe("yes");
      expect(await res.json()).toEqual({ body: { a: 1 }, again: '{"a":1}', method: "POST", path: "/any/where", header: "t", isRequest: true });
    } finally {
      await s.close();
    }
  });
});

describe("Express 5", () => {
  let server: Listening;
  beforeAll(async () => {
    const app = express();
    app.use("/raw", toExpressMiddleware(createHandler(handlers, options("/raw"))));
    app.use("/parsed", express.json(), toExpressMiddleware(createHandler(handlers, options("/parsed"))));
    // kept as bytes (to check a webhook's signature) or as text: read as the body it was
    app.use("/bytes", express.raw({ type: "*/*" }), toExpressMiddleware(createHandler(handlers, options("/bytes"))));
    app.use("/text", express.text({ type: "*/*" }), toExpressMiddleware(createHandler(handlers, options("/text"))));
    app.use((_req, res) => void res.status(404).send("express 404"));
    server = await listen(app);
  });
  afterAll(() => server.close());

  it("as middleware reading the body itself", () => conformance(`${server.url}/raw`));
  it("after express.json(), with the body it parsed", () => conformance(`${server.url}/parsed`));
  it("after express.raw(), reading the bytes it kept", () => conformance(`${server.url}/bytes`));
  it("after express.text(), reading the text it kept", () => conformance(`${server.url}/text`));

  it("holds a body an earlier parser kept to the size limit", async () => {
    const app = express();
    app.use(express.raw({ type: "*/*", limit: "1mb" }), toExpressMiddleware(createHandler(handlers, { ...options(), bodyLimit: 16 })));
    const small = await listen(app);
    try {
      const res = await fetch(`${small.url}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: JSON.stringify(FIND) });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it("passes paths it has no operation for to next()", async () => {
    const res = await fetch(`${server.url}/raw/elsewhere`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("express 404");
  });

  it("keeps the prototype rules for a body express.json() parsed", async () => {
    const res = await fetch(`${server.url}/parsed/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: '{"key":"email","value":"a","__proto__":{"x":1}}' });
    expect(res.status).toBe(400);
  });
});

describe("Fastify 5", () => {
  const app = Fastify();
  let base: string;
  beforeAll(async () => {
    await app.register(fastifyPlugin(createHandler(handlers, options("/v2"))), { prefix: "/v2" });
    app.get("/health", async () => ({ ok: true }));
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => app.close());

  it("as a plugin under a prefix", () => conformance(`${base}/v2`));

  it("leaves the rest of the app alone, and owns its prefix", async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true });
    const res = await fetch(`${base}/v2/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("Fastify 5 beside other plugins", () => {
  const app = Fastify();
  let base: string;
  beforeAll(async () => {
    // as @fastify/cors does: a header on every reply, and a route of its own for OPTIONS on every path
    app.addHook("onRequest", async (_request, reply) => void reply.header("access-control-allow-origin", "*"));
    app.options("*", async (_request, reply) => reply.code(204).send());
    await app.register(fastifyPlugin(createHandler(handlers, options())));
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => app.close());

  it("starts without a prefix, sends the headers Fastify's hooks set, and leaves OPTIONS to the route that has it", async () => {
    await conformance(base);
    const res = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: JSON.stringify(FIND) });
    expect([res.status, res.headers.get("access-control-allow-origin")]).toEqual([200, "*"]);
    const anonymous = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect([anonymous.status, anonymous.headers.get("access-control-allow-origin")]).toEqual([401, "*"]);
    const preflight = await fetch(`${base}/customers/find-customers-by`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
  });
});

describe("Fastify 5 under a prefix whose root the app routes", () => {
  it("starts, leaving the app's GET /v3 to it", async () => {
    const app = Fastify();
    app.get("/v3", async () => ({ app: true }));
    await app.register(fastifyPlugin(createHandler(handlers, options("/v3"))), { prefix: "/v3" });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      expect(await (await fetch(`${base}/v3`)).json()).toEqual({ app: true });
      await conformance(`${base}/v3`);
    } finally {
      await app.close();
    }
  });
});
