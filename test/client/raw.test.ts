/**
 * `method.raw()` against a real server on 127.0.0.1: a 2xx answer comes back as its `Response` once the
 * headers are in, its body unread, so a large download is read as a stream at the caller's pace (the
 * server's later chunks are sent after the call resolved); errors throw as from the call; the timeout
 * bounds the wait for the headers only, the caller's signal the whole read.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, createMediaTypesClient, type MediaTypesClient } from "../fixtures/media-types/generated/src/client.js";

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
