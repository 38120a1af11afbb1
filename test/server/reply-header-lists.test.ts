/**
 * A reply header given as a list is sent as one header line per value (several `Set-Cookie`s cannot share
 * a line), by every adapter: `node:http`, the Web handler (`getSetCookie()` sees each), a foreign Web handler
 * bridged through `node:http`, Express and Fastify. Over 127.0.0.1; the handler types take the list too.
 */
import express from "express";
import Fastify from "fastify";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";
import { listen, raw, type Listening } from "./helpers.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "Cookies", version: "1" },
  paths: {
    "/login": {
      post: {
        operationId: "login",
        responses: { "204": { description: "signed in", headers: { "Set-Cookie": { schema: { type: "string" } }, "X-Count": { schema: { type: "integer" } } } } },
      },
    },
    "/any": { get: { operationId: "anyHeaders", responses: { "204": { description: "no documented header" } } } },
  },
};

const COOKIES = ["a=1; Path=/", "b=2; Path=/; HttpOnly"];
type Mod = Record<string, (...a: unknown[]) => unknown>;
let mod: Mod;
let files: Awaited<ReturnType<typeof generate>>["files"];
const handlers = {
  login: () => ({ status: 204, headers: { "Set-Cookie": COOKIES, "X-Count": 2 } }),
  anyHeaders: () => ({ status: 204, headers: { "x-tags": ["one", "two"], vary: "accept" } }),
};

beforeAll(async () => {
  const input = path.join(tempDir("specforge-cookies-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  files = (await generate({ input, packageName: "cookies" })).files;
  mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Mod;
}, 60_000);

/** The `set-cookie` lines node:http received, each a header line of its own. */
async function cookiesAt(port: number, prefix = ""): Promise<unknown> {
  const reply = await raw(port, "POST", `${prefix}/login`);
  expect(reply.status).toBe(204);
  expect(reply.headers["x-count"]).toBe("2");
  return reply.headers["set-cookie"];
}

describe("one header line per value", () => {
  const servers: Listening[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  const serve = async (listener: unknown) => {
    const s = await listen(listener as never);
    servers.push(s);
    return s;
  };
  const handler = () => mod.createHandler!(handlers) as (r: Request) => Promise<Response>;

  it("node:http", async () => {
    const s = await serve(mod.toNodeListener!(handler()));
    expect(await cookiesAt(s.port)).toEqual(COOKIES);
    const other = await raw(s.port, "GET", "/any");
    // node:http joins repeated lines of other fields on reading, as RFC 9110 §5.3 allows
    expect(other.headers["x-tags"]).toBe("one, two");
  });

  it("the Web handler: getSetCookie() sees each cookie", async () => {
    const res = await handler()(new Request("http://api.test/login", { method: "POST" }));
    expect(res.headers.getSetCookie()).toEqual(COOKIES);
    // a Web handler bridged through node:http (Hono's, or this one answering a real Request) keeps them apart too
    const inner = handler();
    const s = await serve(mod.toNodeListener!((r: Request) => inner(new Request(r.url, { method: r.method }))));
    expect(await cookiesAt(s.port)).toEqual(COOKIES);
  });

  it("Express", async () => {
    const app = express();
    app.use(mod.toExpressMiddleware!(handler()) as express.RequestHandler);
    const s = await serve(app);
    expect(await cookiesAt(s.port)).toEqual(COOKIES);
  });

  it("Fastify", async () => {
    const app = Fastify();
    await app.register(mod.fastifyPlugin!(mod.createHandler!(handlers, { basePath: "/f" })) as never, { prefix: "/f" });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      expect(await cookiesAt(Number(new URL(base).port), "/f")).toEqual(COOKIES);
    } finally {
      await app.close();
    }
  });
});

describe("a header HTTP cannot carry (a control character, a character past U+00FF, a name that is no token)", () => {
  const bad = [{ "x-name": "a\r\nSet-Cookie: admin=1" }, { "x-name": "\u2713" }, { "x name": "a" }, { "x-tags": ["ok", "b\nc"] }, { "x-name": "a\x7fb" }, { "x-name": "a\x01b" }];
  it.each(bad)("a 500 problem, the handler's fault told to onError, from node:http and the Web handler alike (%j)", async (headers) => {
    const errors: [string, string][] = [];
    const make = () => mod.createHandler!({ ...handlers, anyHeaders: () => ({ status: 204, headers }) }, { onError: (e: Error, ctx: { kind: string }) => errors.push([ctx.kind, e.message]) }) as (r: Request) => Promise<Response>;
    const res = await make()(new Request("http://api.test/any"));
    expect([res.status, res.headers.get("content-type")]).toEqual([500, "application/problem+json"]);
    const s = await listen(mod.toNodeListener!(make()) as never);
    try {
      const reply = await raw(s.port, "GET", "/any");
      expect([reply.status, reply.headers["set-cookie"]]).toEqual([500, undefined]);
    } finally {
      await s.close();
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]![0]).toBe("response-validation");
    expect(errors[0]![1]).toMatch(/^anyHeaders replied header "x[- ](name|tags)", which HTTP cannot carry: a name is a token, a value has no control character \(a line break, DEL\) and no character past U\+00FF$/);
  });
});

it("the handler types take a list of values for a documented header and any other", () => {
  const result = typecheckConsumer(tempDir("specforge-cookies-types-"), files, [
    `import type { CookiesHandlers } from "./server.js";`,
    `export const ok: CookiesHandlers = {`,
    `  login: () => ({ status: 204, headers: { "Set-Cookie": ["a=1", "b=2"], "X-Count": [1, 2] } }),`,
    `  anyHeaders: () => ({ status: 204, headers: { "x-tags": ["one", "two"] } }),`,
    `};`,
    `export const bad: CookiesHandlers = {`,
    `  // @ts-expect-error a header value is text, a number or a boolean, or a list of them`,
    `  login: () => ({ status: 204, headers: { "Set-Cookie": [{ a: 1 }] } }),`,
    `  anyHeaders: () => ({ status: 204 }),`,
    `};`,
  ]);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 60_000);
