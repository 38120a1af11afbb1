/**
 * HTTP edge cases real clients and proxies send, over raw sockets, through each adapter (node:http, the Web
 * handler behind @hono/node-server, Express 5, Fastify 5) on 127.0.0.1.
 */
import { request as httpRequest } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { serve, type ServerType } from "@hono/node-server";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, fastifyPlugin, toExpressMiddleware, toNodeListener } from "../../generated/okra/src/server.js";
import * as parameters from "../fixtures/parameters/generated/src/server.js";
import * as ranges from "../fixtures/media-ranges/generated/src/server.js";
import { listen, raw, type Listening } from "./helpers.js";
import { bearerAuth, handlers } from "./okra-handlers.js";

const FIND = "/customers/find-customers-by";
/** A handler passing on an upstream's framing header (a proxy copying `fetch`'s response headers does). */
const mine: typeof handlers = {
  ...handlers,
  listCustomers: () => ({ status: 401, body: { status: "error", message: "no" }, headers: { "Transfer-Encoding": "chunked" } as never }),
};

/** What each adapter's handler reported: onResponse's statuses and onError's errors. */
interface Seen {
  statuses: number[];
  errors: string[];
}

const seen: Record<string, Seen> = {};
const ports: Record<string, number> = {};
const servers: Listening[] = [];
let fastify: FastifyInstance;
let hono: ServerType;

function handler(name: string) {
  const log: Seen = (seen[name] = { statuses: [], errors: [] });
  return createHandler(mine, {
    security: { bearerAuth },
    onResponse: (r) => void log.statuses.push(r.status),
    onError: (e, ctx) => void log.errors.push(`${ctx.kind}: ${(e as Error).message}`),
  });
}

beforeAll(async () => {
  for (const [name, listener] of [
    ["node", toNodeListener(handler("node"))],
    ["express", express().use(toExpressMiddleware(handler("express")))],
    // express.json() inflates what it parses, as body-parser does
    ["expressJson", express().use(express.json()).use(toExpressMiddleware(handler("expressJson")))],
  ] as const) {
    const s = await listen(listener as Parameters<typeof listen>[0]);
    servers.push(s);
    ports[name] = s.port;
  }
  fastify = Fastify();
  await fastify.register(fastifyPlugin(handler("fastify")));
  await fastify.listen({ port: 0, host: "127.0.0.1" });
  ports.fastify = (fastify.server.address() as AddressInfo).port;
  const web = handler("hono");
  const app = new Hono();
  app.all("*", (c) => web(c.req.raw));
  await new Promise<void>((resolve) => {
    hono = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  ports.hono = (hono.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await fastify.close();
  await new Promise<void>((resolve) => hono.close(() => resolve()));
});

/** Writes `head`, waits, then half-closes the socket: a client that went away in the middle of its body. */
function leaveMidBody(port: number, head: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      setTimeout(() => socket.end(), 50);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => resolve());
    socket.resume();
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe.each(["node", "express", "fastify", "hono"])("%s", (name) => {
  it("a client that leaves in the middle of its body is a 400 read failure, not a handler's error", async () => {
    const log = seen[name]!;
    log.statuses.length = 0;
    log.errors.length = 0;
    const head = `POST ${FIND} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nContent-Type: application/json\r\n`;
    await leaveMidBody(ports[name]!, `${head}Content-Length: 40\r\n\r\n{"key":`);
    await leaveMidBody(ports[name]!, `${head}Transfer-Encoding: chunked\r\n\r\n7\r\n{"key":\r\n`);
    await until(() => log.statuses.length === 2);
    expect(log.statuses).toEqual([400, 400]);
    expect(log.errors).toEqual([]);
  });
});

describe.each(["node", "express", "fastify", "hono"])("%s", (name) => {
  it("frames the reply itself: a handler's Transfer-Encoding is not sent beside the Content-Length it counts", async () => {
    const res = await fetch(`http://127.0.0.1:${ports[name]}/customers/list`, {
      method: "POST",
      headers: { authorization: "Bearer good", "content-type": "application/json" },
      body: JSON.stringify({ page: 1, limit: 1 }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("transfer-encoding")).toBeNull();
    expect(await res.json()).toEqual({ status: "error", message: "no" });
  });
});

describe.each(["node", "express", "fastify", "hono"])("%s", (name) => {
  it("refuses a body in a content coding it does not decode: 415 with Accept-Encoding, never the bytes read as JSON", async () => {
    const send = (encoding: string, body: Uint8Array | string) =>
      fetch(`http://127.0.0.1:${ports[name]}${FIND}`, { method: "POST", headers: { authorization: "Bearer good", "content-type": "application/json", "content-encoding": encoding }, body });
    const gzip = await send("gzip", gzipSync(JSON.stringify({ key: "email", value: "ada@example.com" })));
    expect(gzip.status).toBe(415);
    expect(gzip.headers.get("accept-encoding")).toBe("identity");
    expect(await gzip.json()).toMatchObject({ status: 415, errors: [{ pointer: "/header/content-encoding", detail: "gzip is not accepted" }] });
    // a br body whose bytes happen to be JSON text is no JSON body either
    expect((await send("br", JSON.stringify({ key: "email", value: "ada@example.com" }))).status).toBe(415);
    // an empty body too (no coding makes zero bytes), as body-parser with inflate: false answers: not a 400 "not valid JSON"
    const empty = await send("gzip", "");
    expect(empty.status).toBe(415);
    expect(empty.headers.get("accept-encoding")).toBe("identity");
    const identity = await send("Identity", JSON.stringify({ key: "email", value: "ada@example.com" }));
    expect(identity.status).toBe(200);
  });
});

// bytes a handler takes as they are (an upload a spec says is gzip) are no body the runtime parses: every
// such request was a 415 (review 7), where Fastify passes the bytes on
it("passes a compressed body of bytes (application/octet-stream) to the handler as sent", async () => {
  const uploaded: Uint8Array[] = [];
  const api = ranges.createHandler({ ...ranges.createMockHandlers(), upload: ({ body }) => (uploaded.push(body), { status: 204 }) }, { security: ranges.mockSecurity });
  const gz = gzipSync("bytes");
  const headers = { "content-type": "application/octet-stream", "content-encoding": "gzip" };
  const server = await listen(toNodeListener(api));
  try {
    const res = await fetch(`${server.url}/upload`, { method: "PUT", headers, body: gz });
    expect(res.status).toBe(204);
    expect(Buffer.from(uploaded.pop()!)).toEqual(gz);
  } finally {
    await server.close();
  }
  // the Web handler given a Request of its own (Hono, Bun, Deno) reads it the same way
  expect((await api(new Request("http://127.0.0.1/upload", { method: "PUT", headers, body: gz }))).status).toBe(204);
  expect(Buffer.from(uploaded.pop()!)).toEqual(gz);
});

it("Express: a body express.json() inflated is read as it left it", async () => {
  const res = await fetch(`http://127.0.0.1:${ports.expressJson}${FIND}`, {
    method: "POST",
    headers: { authorization: "Bearer good", "content-type": "application/json", "content-encoding": "gzip" },
    body: gzipSync(JSON.stringify({ key: "email", value: "ada@example.com" })),
  });
  expect(res.status).toBe(200);
});

describe("a Hono app served by toNodeListener (the bridge for a foreign Web handler)", () => {
  it("answers HEAD with the Content-Length GET sends, for an operation", async () => {
    const api = parameters.createHandler({ ...parameters.createMockHandlers(), getFile: ({ path }) => ({ status: 200, body: { path } }) }, { security: parameters.mockSecurity });
    const app = new Hono();
    app.all("*", (c) => api(c.req.raw));
    const server = await listen(toNodeListener(async (request) => app.fetch(request)));
    try {
      const get = await raw(server.port, "GET", "/files/report.pdf");
      expect(get.headers["content-length"]).toBe(String(Buffer.byteLength(get.body)));
      const head = await raw(server.port, "HEAD", "/files/report.pdf");
      expect([head.status, head.headers["content-length"], head.body]).toEqual([200, get.headers["content-length"], ""]);
    } finally {
      await server.close();
    }
  });

  // Hono's `c.res = new Response(stream, ...)` copies the old response's headers: a length our reply declared
  // for its own body was kept for the stream, and the client waited for bytes that never came (review 7)
  it("a middleware swapping our reply for a stream sends the stream, not our reply's length", async () => {
    const api = createHandler(handlers, { security: { bearerAuth } });
    const app = new Hono();
    app.use("*", async (c, next) => {
      await next();
      if (c.res.status !== 401) return;
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (sent++ < 2) controller.enqueue(new TextEncoder().encode("x".repeat(10)));
          else controller.close();
        },
      });
      c.res = new Response(body, { status: 401, headers: { "content-type": "text/plain" } });
    });
    app.all("*", (c) => api(c.req.raw));
    const server = await listen(toNodeListener(async (request) => app.fetch(request)));
    try {
      const answer = await fetch(`${server.url}${FIND}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(5000) });
      expect([answer.status, await answer.text()]).toEqual([401, "x".repeat(20)]);
    } finally {
      await server.close();
    }
  });
});

describe("a foreign Web handler's streamed Response on toNodeListener", () => {
  // the first read's failure was swallowed: headers went out as a 200 and the connection was cut (review 7)
  it("answers 500 when the body fails before anything of it was sent", async () => {
    const failing = () => new Response(new ReadableStream({ start: (controller) => controller.error(new Error("boom")) }), { headers: { "content-type": "application/json" } });
    const server = await listen(toNodeListener(async () => failing()));
    try {
      const answer = await fetch(`${server.url}/anything`, { signal: AbortSignal.timeout(5000) });
      expect([answer.status, (await answer.json()) as unknown]).toEqual([500, expect.objectContaining({ status: 500 })]);
    } finally {
      await server.close();
    }
  });

  it("is passed on as it comes (a stream that is not done yet is never gathered); a body it holds goes with its length", async () => {
    let more!: () => void;
    const app = new Hono();
    app.get("/stream", () => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"n":1}\n'));
          // the rest only once the client has the first line, as a token stream would go on
          more = () => {
            c.enqueue(new TextEncoder().encode('{"n":2}\n'));
            c.close();
          };
        },
      });
      return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
    });
    app.get("/json", (c) => c.json({ ok: true }));
    // a length with no body would be waited for: only a HEAD's is the GET's
    app.get("/bodiless", () => new Response(null, { headers: { "content-length": "5" } }));
    // Hono's streamText sets this header; a stream that is done at once is sent whole, with its length
    app.get("/framed", (c) => c.body("done", 200, { "Transfer-Encoding": "chunked" }));
    const server = await listen(toNodeListener(async (request) => app.fetch(request)));
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        const got: string[] = [];
        const timer = setTimeout(() => reject(new Error("the first line never came: the body was gathered")), 3000);
        httpRequest({ host: "127.0.0.1", port: server.port, path: "/stream" }, (res) => {
          res.on("data", (d: Buffer) => {
            got.push(String(d));
            if (got.length === 1) more();
          });
          res.on("end", () => {
            clearTimeout(timer);
            resolve(got);
          });
        }).end();
      });
      expect(lines.join("")).toBe('{"n":1}\n{"n":2}\n');
      const json = await raw(server.port, "GET", "/json");
      expect([json.body, json.headers["content-length"], json.headers["transfer-encoding"]]).toEqual(['{"ok":true}', "11", undefined]);
      const bodiless = await raw(server.port, "GET", "/bodiless");
      expect([bodiless.status, bodiless.headers["content-length"]]).toEqual([200, undefined]);
      const framed = await fetch(`http://127.0.0.1:${server.port}/framed`);
      expect(await framed.text()).toBe("done");
    } finally {
      await server.close();
    }
  });
});

describe("a Content-Type Fastify cannot parse (empty, `json`)", () => {
  it("Fastify plugin: answered as every adapter answers it, not refused by Fastify before the route", async () => {
    const app = Fastify();
    await app.register(parameters.fastifyPlugin(parameters.createHandler({ ...parameters.createMockHandlers(), deleteResource: () => ({ status: 204 }) }, { security: parameters.mockSecurity })));
    await app.register(fastifyPlugin(createHandler(handlers, { security: { bearerAuth }, basePath: "/okra" })), { prefix: "/okra" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const port = (app.server.address() as AddressInfo).port;
    try {
      // an operation without a body never reads it (some clients send an empty Content-Type on every request)
      const empty = await raw(port, "DELETE", "/resources/1", { "content-type": "" });
      expect([empty.status, empty.body]).toEqual([204, ""]);
      const junk = await raw(port, "DELETE", "/resources/1", { "content-type": "json", "content-length": "2" }, "{}");
      expect([junk.status, junk.body]).toEqual([204, ""]);
      // one with a body refuses it with the RFC 9457 problem the other adapters send
      const refused = await raw(port, "POST", `/okra${FIND}`, { authorization: "Bearer good", "content-type": "json" }, "{}");
      expect([refused.status, refused.headers["content-type"]]).toEqual([415, "application/problem+json"]);
      expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ pointer: "/header/content-type", detail: "json is not accepted" }] });
    } finally {
      await app.close();
    }
  });
});

describe.each(["node", "express", "fastify", "hono"])("%s", (name) => {
  it("reads a Content-Type sent twice alike as the one it is, as node:http keeps the first", async () => {
    const body = JSON.stringify({ key: "email", value: "ada@example.com" });
    const head = `POST ${FIND} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nContent-Type: application/json\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const reply = await new Promise<string>((resolve) => {
      let got = "";
      const socket = connect(ports[name]!, "127.0.0.1", () => socket.end(head + body));
      socket.on("data", (d) => (got += String(d)));
      socket.on("close", () => resolve(got));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
  });
});
