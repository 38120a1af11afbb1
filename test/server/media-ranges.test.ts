/**
 * Media ranges (`*\/*`, `application/*`) read by their schemas, as Spring's generated specs use them for JSON
 * (the media-ranges fixture): an object is JSON, a string text, a binary string or no schema bytes. The
 * generated client against the generated mock and a typed server over 127.0.0.1, `specforge mock` itself,
 * and the handler types.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createMediaRangesClient } from "../fixtures/media-ranges/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type MediaRangesHandlers } from "../fixtures/media-ranges/generated/src/server.js";
import type { Info } from "../fixtures/media-ranges/generated/src/types.js";
import { exited, startServingCli } from "../helpers/serving-cli.js";
import { listen, raw, type Listening } from "./helpers.js";

type Input<K extends keyof MediaRangesHandlers> = Parameters<MediaRangesHandlers[K]>[0];
type Reply<K extends keyof MediaRangesHandlers> = Awaited<ReturnType<MediaRangesHandlers[K]>>;

const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

describe("the handler types follow the schema under a media range", () => {
  it("types JSON bodies and replies by their schema, text as a string, bytes as bytes", () => {
    expectTypeOf<Input<"putInfo">["body"]>().toEqualTypeOf<Info>();
    expectTypeOf<Extract<Reply<"getInfo">, { status: 200 }>["body"]>().toEqualTypeOf<Info>();
    expectTypeOf<Extract<Reply<"putInfo">, { status: 200 }>["body"]>().toEqualTypeOf<Info>();
    expectTypeOf<Input<"postNote">["body"]>().toEqualTypeOf<string>();
    expectTypeOf<Extract<Reply<"getGreeting">, { status: 200 }>["body"]>().toEqualTypeOf<string>();
    const client = createMediaRangesClient({ baseUrl: "http://127.0.0.1:1" });
    expectTypeOf<Awaited<ReturnType<typeof client.getInfo>>>().toEqualTypeOf<Info>();
    expectTypeOf<Awaited<ReturnType<typeof client.getGreeting>>>().toEqualTypeOf<string>();
    expectTypeOf<Awaited<ReturnType<typeof client.download>>>().toEqualTypeOf<Blob>();
  });
});

describe("the generated client against the generated mock", () => {
  let server: Listening;
  const errors: unknown[] = [];
  beforeAll(async () => {
    const handler = createHandler(createMockHandlers(), { security: mockSecurity, validateResponses: true, onError: (e) => void errors.push(e) });
    server = await listen(toNodeListener(handler));
    open.push(server);
  });

  it("gets the object of a */* response, sent as application/json", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    const { data, response } = await client.getInfo.withResponse({});
    expect(data).toEqual({ name: "ranges", count: 2 });
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(errors).toEqual([]);
  });

  it("gets the string of a */* response as text, sent as text/plain", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    const { data, response } = await client.getGreeting.withResponse({});
    expect(data).toBe("hello");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("sends a */* body as JSON with application/json, and reads an application/* answer as JSON", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    const sent: string[] = [];
    const watched = createMediaRangesClient({ baseUrl: server.url, retry: false, hooks: [{ onRequest: (req) => void sent.push(String(req.headers["content-type"])) }] });
    await expect(watched.putInfo({ body: { name: "x" } })).resolves.toEqual({ name: "string", count: 1 });
    expect(sent).toEqual(["application/json"]);
    await expect(client.postNote({ body: "hi" })).resolves.toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("keeps a binary string under */* bytes", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    const blob = await client.download({});
    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe("string");
  });

  it("negotiates a */* response of JSON as application/json", async () => {
    const json = await raw(server.port, "GET", "/info", { accept: "application/json" });
    expect([json.status, json.headers["content-type"], JSON.parse(json.body)]).toEqual([200, "application/json", { name: "ranges", count: 2 }]);
    const any = await raw(server.port, "GET", "/info", { accept: "text/html;q=0.5, */*;q=0.1" });
    expect([any.status, any.headers["content-type"]]).toEqual([200, "application/json"]);
    const html = await raw(server.port, "GET", "/info", { accept: "text/html" });
    expect(html.status).toBe(406);
    const text = await raw(server.port, "GET", "/greeting", { accept: "text/plain" });
    expect([text.status, text.headers["content-type"], text.body]).toEqual([200, "text/plain; charset=utf-8", "hello"]);
  });
});

describe("a typed server under media ranges", () => {
  let server: Listening;
  const seen: unknown[] = [];
  const uploaded: Uint8Array[] = [];
  beforeAll(async () => {
    const handlers: MediaRangesHandlers = {
      getInfo: () => ({ status: 200, body: { name: "typed" } }),
      // a handler naming the range itself: sent as the type its body is
      putInfo: ({ body }) => ({ status: 200, body: { ...body, count: 1 }, headers: { "content-type": "application/*" } }),
      getGreeting: () => ({ status: 200, body: "hi" }),
      postNote: ({ body }) => {
        seen.push(body);
        return { status: 204 };
      },
      upload: ({ body }) => {
        uploaded.push(body);
        return { status: 204 };
      },
      download: () => ({ status: 200, body: new Uint8Array([1, 2]) }),
    };
    server = await listen(toNodeListener(createHandler(handlers, { validateResponses: true })));
    open.push(server);
  });

  it("sends bytes under */* as application/octet-stream (a range is no type to send), taken by the server", async () => {
    const sent: string[] = [];
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false, hooks: [{ onRequest: (req) => void sent.push(String(req.headers["content-type"])) }] });
    await expect(client.upload({ body: new Uint8Array([7, 8, 9]) })).resolves.toBeUndefined();
    expect(sent).toEqual(["application/octet-stream"]);
    expect(uploaded.map((b) => [...b])).toEqual([[7, 8, 9]]);
  });

  it("round-trips a */* body of an object as JSON", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    const { data, response } = await client.putInfo.withResponse({ body: { name: "ada" } });
    expect(data).toEqual({ name: "ada", count: 1 });
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("accepts any Content-Type the range matches, read as JSON, and refuses what is not", async () => {
    const vendor = await raw(server.port, "PUT", "/info", { "content-type": "application/vnd.acme+json" }, JSON.stringify({ name: "v" }));
    expect([vendor.status, JSON.parse(vendor.body)]).toEqual([200, { name: "v", count: 1 }]);
    const bad = await raw(server.port, "PUT", "/info", { "content-type": "text/plain" }, "not json");
    expect(bad.status).toBe(400);
    const invalid = await raw(server.port, "PUT", "/info", { "content-type": "application/json" }, JSON.stringify({ count: 1 }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain("name");
  });

  it("reads a */* body of a string as text, checked by its schema", async () => {
    const client = createMediaRangesClient({ baseUrl: server.url, retry: false });
    await client.postNote({ body: "note" });
    expect(seen).toEqual(["note"]);
    const long = await raw(server.port, "POST", "/note", { "content-type": "text/markdown" }, "x".repeat(21));
    expect(long.status).toBe(400);
  });
});

describe("specforge mock", () => {
  it("answers GET /info of a */* object with its JSON and application/json", async () => {
    const { child, url } = await startServingCli("mock", ["test/fixtures/media-ranges/openapi.yaml", "--port", "0"]);
    try {
      const res = await fetch(`${url}/info`);
      expect([res.status, res.headers.get("content-type"), await res.json()]).toEqual([200, "application/json", { name: "ranges", count: 2 }]);
    } finally {
      const gone = exited(child);
      child.kill("SIGTERM");
      await gone;
    }
  });
});
