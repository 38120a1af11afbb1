/**
 * `method.raw()` against a real server on 127.0.0.1: a 2xx answer comes back as its `Response` once the
 * headers are in, its body unread, so a large download is read as a stream at the caller's pace (the
 * server's later chunks are sent after the call resolved); errors throw as from the call; the timeout
 * bounds the wait for the headers only, the caller's signal the whole read.
 */
import { getEventListeners } from "node:events";
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ApiError, createMediaTypesClient, type MediaTypesClient } from "../fixtures/media-types/generated/src/client.js";
import { importableSources, tempDir } from "../helpers/project.js";

const CHUNK = 64 * 1024;
let server: http.Server;
let api: MediaTypesClient;
/** Lets the streaming answer send its last chunk. */
let release: () => void = () => {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/documents/big") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write(Buffer.alloc(CHUNK, 1));
      // the rest only once the test says so: the call must have resolved before
      release = () => res.end(Buffer.alloc(CHUNK, 2));
      return;
    }
    if (req.url === "/documents/small") {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(16, 3));
      return;
    }
    if (req.url === "/pings") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"pong":true}');
      return;
    }
    if (req.url === "/documents/missing") {
      res.writeHead(404, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Not found", status: 404 }));
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = createMediaTypesClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retry: false });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("raw(): the Response of a 2xx, body unread", () => {
  it("resolves with the headers while the server still holds back the body, then streams it", async () => {
    const response = await api.getDocumentContent.raw({ path: { documentId: "big" } }, { timeoutMs: 500 });
    expectTypeOf(response).toEqualTypeOf<Response>();
    expect(response.status).toBe(200);
    expect(response.bodyUsed).toBe(false);
    const reader = response.body!.getReader();
    let first = 0;
    while (first < CHUNK) first += (await reader.read()).value!.byteLength;
    expect(first).toBe(CHUNK);
    // past the call's timeoutMs: reading the body is not bounded by it
    await new Promise((r) => setTimeout(r, 700));
    release();
    let rest = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value.byteLength;
    expect(rest).toBe(CHUNK);
  });

  it("a documented error throws as from the call, its body parsed", async () => {
    const error = await api.getDocumentContent.raw({ path: { documentId: "missing" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body: { title: "Not found", status: 404 } });
  });

  it("the caller's signal still cuts the read short", async () => {
    const controller = new AbortController();
    const response = await api.getDocumentContent.raw({ path: { documentId: "big" } }, { signal: controller.signal, timeoutMs: 5000 });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort(new Error("enough"));
    await expect((async () => {
      for (let c = await reader.read(); !c.done; c = await reader.read());
    })()).rejects.toThrow();
  });
});

describe("one long-lived signal passed to every call (an app-wide AbortSignal), with timeoutMs", () => {
  // what the engine frees is freed now: a listener that outlives what it serves would stay
  const collect = async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it("the calls leave no abort listener on it", async () => {
    const app = new AbortController();
    for (let i = 0; i < 20; i++) await api.getDocumentContent({ path: { documentId: "small" } }, { signal: app.signal, timeoutMs: 5000 });
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
  });

  it("raw(): a Response's listener goes once its body is garbage (until then the signal cuts its reading short)", async () => {
    const app = new AbortController();
    // in a function of its own: once it returns, nothing of this test holds a Response
    const download = async () => (await (await api.getDocumentContent.raw({ path: { documentId: "small" } }, { signal: app.signal, timeoutMs: 5000 })).arrayBuffer()).byteLength;
    for (let i = 0; i < 20; i++) expect(await download()).toBe(16);
    await collect();
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
  });

  it("raw(): a body read on without its Response (piped to a file) is still cut short by the signal", async () => {
    const app = new AbortController();
    const open = async () => (await api.getDocumentContent.raw({ path: { documentId: "big" } }, { signal: app.signal, timeoutMs: 5000 })).body!.getReader();
    const reader = await open();
    await reader.read();
    await collect();
    app.abort(new Error("shutting down"));
    await expect((async () => {
      for (let c = await reader.read(); !c.done; c = await reader.read());
    })()).rejects.toThrow();
  });
});

describe("raw() of an operation that documents no 2xx (only `default`, or no responses)", () => {
  it("a 2xx, which the call reads by its content type, is the Response too, its body unread", async () => {
    const dir = tempDir();
    const spec = path.join(dir, "openapi.json");
    const fallback = { default: { description: "anything", content: { "application/json": { schema: { type: "object" } } } } };
    writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "pings", version: "1" }, paths: { "/pings": { get: { operationId: "ping", responses: fallback } } } }));
    const result = await generate({ input: spec, packageName: "pings", targets: ["client"] });
    const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "client.js")).href)) as {
      createPingsClient(o: object): { ping: ((input?: object) => Promise<unknown>) & { raw(input?: object): Promise<unknown> } };
    };
    const client = mod.createPingsClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retry: false });
    expect(await client.ping()).toEqual({ pong: true });
    const response = await client.ping.raw();
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).bodyUsed).toBe(false);
    expect(await (response as Response).json()).toEqual({ pong: true });
  });
});
