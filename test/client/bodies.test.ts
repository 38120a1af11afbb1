/**
 * Request and response bodies on the wire (the media-types fixture): one operation taking JSON (the
 * default), a form or multipart with a file part; text, JSON, problem+json, `default` and 204 answers.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createMediaTypesClient, type MediaTypesClient, type UploadDocumentError } from "../fixtures/media-types/generated/src/client.js";
import type { Document, Problem } from "../fixtures/media-types/generated/src/types.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let api: MediaTypesClient;
const created = { id: "doc-1", title: "Report", tags: ["q1", "finance"], size: 1024 };

beforeAll(async () => {
  server = await startServer(() => ({ status: 201, body: created }));
  api = createMediaTypesClient({ baseUrl: server.url, retry: false });
});
afterAll(() => server.close());

describe("request bodies", () => {
  it("JSON by default", async () => {
    const doc = await api.uploadDocument({ body: { title: "Report", tags: ["q1", "finance"] } });
    expectTypeOf(doc).toEqualTypeOf<Document>();
    expect(doc).toEqual(created);
    const r = server.requests.at(-1)!;
    expect([r.method, r.url, r.headers["content-type"], r.headers.accept, r.body]).toEqual(["POST", "/documents", "application/json", "application/json, application/problem+json", '{"title":"Report","tags":["q1","finance"]}']);
  });

  it("application/x-www-form-urlencoded: arrays repeat their key", async () => {
    await api.uploadDocument({ contentType: "application/x-www-form-urlencoded", body: { title: "Q1 & Q2 = 50%", tags: ["a b", "c"] } });
    const r = server.requests.at(-1)!;
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(r.body).toBe("title=Q1+%26+Q2+%3D+50%25&tags=a+b&tags=c");
  });

  it("multipart/form-data: a Blob is a file part, objects are JSON, the boundary is fetch's", async () => {
    const pdf = new Blob(["%PDF-1.7 fake"], { type: "application/pdf" });
    await api.uploadDocument({ contentType: "multipart/form-data", body: { file: pdf, meta: { title: "Report" }, note: "first draft" } });
    const r = server.requests.at(-1)!;
    expect(r.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await new Response(r.bodyBytes, { headers: { "content-type": r.headers["content-type"]! } }).formData();
    const file = parts.get("file") as File;
    expect([file.type, await file.text()]).toEqual(["application/pdf", "%PDF-1.7 fake"]);
    expect([parts.get("meta"), parts.get("note")]).toEqual(['{"title":"Report"}', "first draft"]);
  });

  it("a FormData or URLSearchParams the caller built is sent as it is (untyped callers, code from openapi-fetch): before, their own keys, none, made an empty body", async () => {
    const form = new FormData();
    form.append("file", new Blob(["x"], { type: "text/plain" }), "x.txt");
    form.append("note", "built by hand");
    await api.uploadDocument({ contentType: "multipart/form-data", body: form as never });
    const r = server.requests.at(-1)!;
    expect(r.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await new Response(r.bodyBytes, { headers: { "content-type": r.headers["content-type"]! } }).formData();
    expect([(parts.get("file") as File).name, parts.get("note")]).toEqual(["x.txt", "built by hand"]);
    await api.uploadDocument({ contentType: "application/x-www-form-urlencoded", body: new URLSearchParams([["title", "a&b"], ["tags", "x"]]) as never });
    expect([server.requests.at(-1)!.headers["content-type"], server.requests.at(-1)!.body]).toEqual(["application/x-www-form-urlencoded", "title=a%26b&tags=x"]);
  });

  it("a client-wide Content-Type (JSON) does not replace a form's type, nor multipart's boundary", async () => {
    const json = createMediaTypesClient({ baseUrl: server.url, retry: false, headers: { "Content-Type": "application/json" } });
    await json.uploadDocument({ contentType: "application/x-www-form-urlencoded", body: { title: "T" } });
    expect([server.requests.at(-1)!.headers["content-type"], server.requests.at(-1)!.body]).toEqual(["application/x-www-form-urlencoded", "title=T"]);
    await json.uploadDocument({ contentType: "multipart/form-data", body: { file: new Blob(["x"]), note: "n" } }, { headers: { "content-type": "multipart/form-data" } });
    const r = server.requests.at(-1)!;
    expect(r.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await new Response(r.bodyBytes, { headers: { "content-type": r.headers["content-type"]! } }).formData();
    expect(parts.get("note")).toBe("n");
  });

  it("the documented 400 (application/problem+json) is typed", async () => {
    server.handle(() => ({ status: 400, headers: { "content-type": "application/problem+json" }, body: JSON.stringify({ title: "Invalid input", status: 400 }) }));
    const error = await api.uploadDocument({ body: { title: "" } }).catch((e: unknown) => e);
    if (!api.uploadDocument.isError(error)) throw error;
    expectTypeOf(error).toEqualTypeOf<UploadDocumentError>();
    if (error.status === 400) {
      expectTypeOf(error.body).toEqualTypeOf<Problem>();
      expect(error.body).toEqual({ title: "Invalid input", status: 400 });
    } else throw error;
  });
});

describe("response bodies", () => {
  it("text/plain is a string", async () => {
    server.handle(() => ({ headers: { "content-type": "text/plain" }, body: "Hello, world" }));
    const text = await api.getDocumentContent({ path: { documentId: "doc-1" } });
    expectTypeOf(text).toEqualTypeOf<string>();
    expect(text).toBe("Hello, world");
    expect(server.requests.at(-1)!.headers.accept).toBe("text/plain, application/problem+json, application/json");
  });

  it("204 is undefined; any other status goes to `default`, typed with the statuses it stands for", async () => {
    server.handle(() => ({ status: 204 }));
    expect(await api.deleteDocument({ path: { documentId: "doc-1" } })).toBeUndefined();
    server.handle(() => ({ status: 409, body: { code: "conflict", message: "locked" } }));
    const error = await api.deleteDocument({ path: { documentId: "doc-1" } }).catch((e: unknown) => e);
    if (!api.deleteDocument.isError(error)) throw error;
    expectTypeOf(error.status).toExtend<number>();
    expectTypeOf<409>().toExtend<typeof error.status>();
    expectTypeOf<204>().not.toExtend<typeof error.status>();
    expect([error.status, error.body]).toEqual([409, { code: "conflict", message: "locked" }]);
  });
});
