/**
 * The Web-standard handler inside a real Hono app, served by @hono/node-server on 127.0.0.1: Hono's own
 * routes answer first, every other request goes to `createHandler(...)` as the raw `Request`.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../../generated/okra/src/server.js";
import { bearerAuth, handlers, HEADERS } from "./okra-handlers.js";

const FIND = JSON.stringify({ key: "email", value: "ada@example.com" });

describe("Hono", () => {
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    const handler = createHandler(handlers, { security: { bearerAuth } });
    const app = new Hono();
    app.get("/health", (c) => c.text("ok"));
    app.all("*", (c) => handler(c.req.raw));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("Hono's own route answers; an operation gets its validated body and principal", async () => {
    expect(await (await fetch(`${base}/health`)).text()).toBe("ok");
    const res = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: FIND });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { message: string }).message).toBe("ada looked up ada@example.com");
  });

  it("no credentials: 401 with WWW-Authenticate, the handler never runs", async () => {
    const res = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: { "content-type": "application/json" }, body: FIND });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("an invalid body: 400 problem with the pointer; an unknown path: 404", async () => {
    const bad = await fetch(`${base}/customers/find-customers-by`, { method: "POST", headers: HEADERS, body: JSON.stringify({ key: 1 }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toContain("/body/key");
    const missing = await fetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
  });

  it("HEAD: GET's status and headers, its Content-Length too, and no body (RFC 9110 9.3.2)", async () => {
    const get = await fetch(`${base}/nowhere`);
    const head = await fetch(`${base}/nowhere`, { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(get.headers.get("content-length")).toBe(String((await get.text()).length));
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    expect(await head.text()).toBe("");
  });
});
