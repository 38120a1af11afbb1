/**
 * The request-target as each node adapter receives it: an absolute-form target (`GET http://host/path`, as
 * a client sends one through a proxy; RFC 9112 §3.2.2: a server MUST accept it) is served as its path and
 * query, and a fragment node's parser lets through is no part of the query, as a Web `Request`'s URL reads
 * them (the Web handler behind @hono/node-server did so already).
 */
import type { AddressInfo } from "node:net";
import express from "express";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, createMockHandlers, fastifyPlugin, mockSecurity, toExpressMiddleware, toNodeListener, type ParametersHandlers } from "../fixtures/parameters/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const mock = createMockHandlers();
const handlers: ParametersHandlers = {
  ...mock,
  searchQueryStyles: ({ query }) => ({ status: 200, body: { query } }),
  getFile: ({ path }) => ({ status: 200, body: { path } }),
};
const handler = () => createHandler(handlers, { security: mockSecurity });

const ports: Record<string, number> = {};
const servers: Listening[] = [];
let fastify: FastifyInstance;
beforeAll(async () => {
  for (const [name, listener] of [
    ["node", toNodeListener(handler())],
    ["bridge", toNodeListener((request) => handler()(request))],
    ["express", express().use(toExpressMiddleware(handler()))],
  ] as const) {
    const s = await listen(listener as Parameters<typeof listen>[0]);
    servers.push(s);
    ports[name] = s.port;
  }
  fastify = Fastify();
  await fastify.register(fastifyPlugin(handler()));
  await fastify.listen({ port: 0, host: "127.0.0.1" });
  ports.fastify = (fastify.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await fastify.close();
});

describe.each(["node", "bridge", "express", "fastify"])("%s", (name) => {
  it("serves an absolute-form target as its path and query", async () => {
    const res = await raw(ports[name]!, "GET", "http://api.example.test/search?tags=a&tags=b");
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ query: { tags: ["a", "b"], page: 1 } });
    const bare = await raw(ports[name]!, "GET", "HTTP://api.example.test:8080?tags=a");
    expect(bare.status).toBe(404); // the root: no operation there
    const file = await raw(ports[name]!, "GET", "https://api.example.test/files/report.pdf");
    expect(json(file)).toEqual({ path: { name: "report", ext: "pdf" } });
  });

  it("drops a fragment from the query and the path", async () => {
    const res = await raw(ports[name]!, "GET", "/search?tags=a#frag");
    expect(json(res)).toEqual({ query: { tags: ["a"], page: 1 } });
    const file = await raw(ports[name]!, "GET", "/files/report.pdf#top");
    expect(json(file)).toEqual({ path: { name: "report", ext: "pdf" } });
  });
});
