/**
 * Form bodies over real HTTP on 127.0.0.1, through the node adapter and the Web handler (Node's own
 * `Request`s): urlencoded fields coerced by the schema and validated, multipart fields and files
 * (`File`s), JSON parts parsed, the body limit enforced while the body streams (413), and a media type
 * the operation does not take refused (415).
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, createMockHandlers, toNodeListener, type MediaTypesHandlers } from "../fixtures/media-types/generated/src/server.js";
import type { Document } from "../fixtures/media-types/generated/src/types.js";
import { json, listen, raw, type Listening } from "./helpers.js";
import { bodies, handlers } from "./media-types-handlers.js";
const LIMIT = 4096;

/** A multipart body sent in chunks without a Content-Length (so only the streaming limit can stop it). */
function chunked(port: number, boundary: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/documents", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" || e.code === "EPIPE" ? undefined : reject(e)));
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    for (let sent = 0; sent < size; sent += 1024) req.write("x".repeat(1024));
    req.end(`\r\n--${boundary}--\r\n`);
  });
}

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Web handler", (h: ReturnType<typeof createHandler>) => toNodeListener((r: Request) => h(r))],
])("form bodies, %s", (_name, adapt) => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(adapt(createHandler(handlers, { bodyLimit: LIMIT, validateResponses: true })) as never);
  });
  afterAll(() => server.close());

  it("urlencoded: fields coerced to the schema's types, repeated names as a list", async () => {
    const res = await fetch(`${server.url}/documents`, { method: "POST", body: new URLSearchParams([["title", "Report"], ["tags", "q1"], ["tags", "q2"], ["pages", "3"], ["draft", "true"]]) });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/documents/d1");
    expect(bodies.last).toEqual({ title: "Report", tags: ["q1", "q2"], pages: 3, draft: true });
  });

  it("urlencoded: a field that is not its type, or a missing required one, is a 400 naming it", async () => {
    const res = await fetch(`${server.url}/documents`, { method: "POST", body: new URLSearchParams([["pages", "three"], ["__proto__", "x"]]) });
    expect(res.status).toBe(400);
    const pointers = (json(await asRaw(res)).errors as { pointer: string }[]).map((e) => e.pointer);
    expect(pointers).toContain("/body/pages");
    expect(pointers.some((p) => p === "/body" || p === "/body/title")).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("urlencoded: a field that is no percent-encoding, or one named __proto__, is a 400 naming it", async () => {
    const post = (body: string) => fetch(`${server.url}/documents`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    const bad = await post("title=%ZZ&tags=q1&tags=%E0%A4&pages=2");
    expect(bad.status).toBe(400);
    expect((json(await asRaw(bad)).errors as { pointer: string; detail: string }[]).sort((a, b) => a.pointer.localeCompare(b.pointer))).toEqual([
      { pointer: "/body/tags", detail: "is not validly percent-encoded" },
      { pointer: "/body/title", detail: "is not validly percent-encoded" },
    ]);
    const proto = await post("title=Report&__proto__=x");
    expect(proto.status).toBe(400);
    expect(json(await asRaw(proto)).errors).toEqual([{ pointer: "/body/__proto__", detail: "is a forbidden name" }]);
    expect((await post("title=100%25")).status).toBe(201);
    expect(bodies.last).toEqual({ title: "100%" });
  });

  it("multipart: text fields, a JSON part and a file as a File", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array([37, 80, 68, 70])], "a.pdf", { type: "application/pdf" }));
    form.append("meta", new Blob([JSON.stringify({ title: "Report", pages: 2 })], { type: "application/json" }));
    form.append("note", "hello");
    const res = await fetch(`${server.url}/documents`, { method: "POST", body: form });
    expect(res.status).toBe(201);
    const body = bodies.last as { file: File; meta: unknown; note: string };
    expect(body.file).toBeInstanceOf(Blob);
    expect(body.file.name).toBe("a.pdf");
    expect(body.file.type).toBe("application/pdf");
    expect([...new Uint8Array(await body.file.arrayBuffer())]).toEqual([37, 80, 68, 70]);
    expect(body.meta).toEqual({ title: "Report", pages: 2 });
    expect(body.note).toBe("hello");
  });

  it("multipart: a missing required file or a JSON part that is not JSON is a 400 naming it", async () => {
    const form = new FormData();
    form.append("meta", "{not json");
    const res = await fetch(`${server.url}/documents`, { method: "POST", body: form });
    expect(res.status).toBe(400);
    const pointers = (json(await asRaw(res)).errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/body/file", "/body/meta"]);
  });

  it("multipart: malformed (no boundary) is a 400", async () => {
    const res = await raw(server.port, "POST", "/documents", { "content-type": "multipart/form-data; boundary=zzz" }, "not multipart at all");
    expect(res.status).toBe(400);
  });

  it("a body over the limit is refused with 413 while it streams", async () => {
    const res = await chunked(server.port, "b0undary", LIMIT * 4);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ status: 413 });
  });

  it("a media type the operation does not take is a 415", async () => {
    const res = await raw(server.port, "POST", "/documents", { "content-type": "text/plain" }, "title=Report");
    expect(res.status).toBe(415);
    expect(json(res).errors).toEqual([{ pointer: "/header/content-type", detail: "text/plain is not accepted" }]);
  });
});

async function asRaw(res: Response) {
  return { status: res.status, headers: {}, body: await res.text() };
}

describe("required response headers, with validateResponses", () => {
  const logged: string[] = [];
  let location: string | undefined;
  let server: Listening;
  const replying: MediaTypesHandlers = {
    ...handlers,
    // The types require Location; a handler written in JavaScript (or cast) can still leave it out.
    uploadDocument: () => ({ status: 201, body: { id: "d1", title: "t" } as Document, headers: (location === undefined ? {} : { location }) as never }),
  };
  beforeAll(async () => {
    server = await listen(toNodeListener(createHandler(replying, { validateResponses: true, onError: (e) => void logged.push((e as Error).message) })));
  });
  afterAll(() => server.close());
  const upload = () => fetch(`${server.url}/documents`, { method: "POST", body: new URLSearchParams([["title", "Report"]]) });

  it("a reply without a documented required header is a 500, logged with the header's name", async () => {
    location = undefined;
    logged.length = 0;
    const res = await upload();
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/location/i);
    expect(logged).toEqual([expect.stringMatching(/uploadDocument replied status 201 without its required header location/)]);
  });

  it("the header in any case satisfies it", async () => {
    location = "/documents/d1";
    logged.length = 0;
    const res = await upload();
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/documents/d1");
    expect(logged).toEqual([]);
  });

  it("the mock sends a documented required header, so its answer passes response validation", async () => {
    logged.length = 0;
    const mock = await listen(toNodeListener(createHandler(createMockHandlers(), { validateResponses: true, onError: (e) => void logged.push((e as Error).message) })));
    try {
      const res = await fetch(`${mock.url}/documents`, { method: "POST", body: new URLSearchParams([["title", "Report"]]) });
      expect(res.status).toBe(201);
      expect(res.headers.get("location")).toBeTruthy();
      expect(logged).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
