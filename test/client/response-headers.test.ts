/**
 * `withResponse()` and `safe()` against a real server on 127.0.0.1 (fixture `response-headers/`): the result
 * is a union by `status`, one member per documented 2xx (a `2XX` range as the statuses it stands for), whose
 * `data` is that status's body and whose `headers` are that response's documented headers by lower-case name,
 * read by their schema. The type tests below are checked by `tsc -p test/tsconfig.json`: a narrowing the
 * spec does not allow does not compile.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createResponseHeadersClient, type ResponseHeadersClient } from "../fixtures/response-headers/generated/src/client.js";
import type { Created, DeleteWidgetResponse202, Widget } from "../fixtures/response-headers/generated/src/types.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let api: ResponseHeadersClient;
const WIDGET = { id: "w1", name: "left" };
const put = { path: { id: "w1" }, body: { name: "left" } };

beforeAll(async () => {
  server = await startServer();
  api = createResponseHeadersClient({ baseUrl: server.url, retry: false });
});
afterAll(() => server.close());

describe("withResponse(): a member per documented 2xx status", () => {
  it("a 200: its body, its documented headers read by their schema (number, boolean), names lower-cased", async () => {
    server.handle(() => ({ status: 200, body: WIDGET, headers: { ETag: '"v2"', "X-RateLimit-Remaining": "41", "X-Cached": "true", "X-Other": "not documented" } }));
    const r = await api.putWidget.withResponse(put);
    expect(r.status).toBe(200);
    expect(r.data).toEqual(WIDGET);
    expect(r.headers).toEqual({ etag: '"v2"', "x-ratelimit-remaining": 41, "x-cached": true });
    // every header stays on the Response, its body read
    expect([r.response.headers.get("x-other"), r.response.bodyUsed]).toEqual(["not documented", true]);
    // an empty number header is no number: NaN, not 0
    server.handle(() => ({ status: 200, body: WIDGET, headers: { etag: "e", "x-ratelimit-remaining": "" } }));
    const empty = await api.putWidget.withResponse(put);
    if (empty.status !== 200) return expect.unreachable("a 200");
    expect(empty.headers["x-ratelimit-remaining"]).toBeNaN();
  });

  it("Set-Cookie is read cookie by cookie: the comma of an Expires date does not split one", async () => {
    const cookies = ["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/", "b=2; HttpOnly"];
    server.handle(() => ({ status: 201, body: { id: "w1", created: true }, headers: { etag: "e", location: "/w", "set-cookie": cookies as unknown as string } }));
    const r = await api.putWidget.withResponse(put);
    if (r.status !== 201) return expect.unreachable("a 201");
    expect(r.headers["set-cookie"]).toEqual(cookies);
  });

  it("a 201 of the same call: its own body and headers; lists split at commas (style: simple), a header left out absent", async () => {
    server.handle(() => ({ status: 201, body: { id: "w1", created: true }, headers: { etag: '"v1"', location: "/widgets/w1", "x-tags": "red, blue,green", "x-shard-ids": "3,5", "x-ratio": "0.25" } }));
    const r = await api.putWidget.withResponse(put);
    expect(r.status).toBe(201);
    if (r.status !== 201) return expect.unreachable("a 201");
    expect(r.data).toEqual({ id: "w1", created: true });
    expect(r.headers).toEqual({ etag: '"v1"', location: "/widgets/w1", "x-tags": ["red", "blue", "green"], "x-shard-ids": [3, 5], "x-ratio": 0.25 });

    server.handle(() => ({ status: 201, body: { id: "w1", created: true }, headers: { etag: '"v1"', location: "/w", "x-tags": "", "x-ratio": "lots" } }));
    const odd = await api.putWidget.withResponse(put);
    if (odd.status !== 201) return expect.unreachable("a 201");
    // an empty list is no item; a number that is none is NaN (the call does not fail over a header)
    expect(odd.headers["x-tags"]).toEqual([]);
    expect(odd.headers["x-ratio"]).toBeNaN();
    expect("x-shard-ids" in odd.headers).toBe(false);
  });

  it("a boolean header is true only as `true`; one sent twice is one list (fetch joins them with `, `)", async () => {
    server.handle(() => ({ status: 200, body: WIDGET, headers: { etag: "e", "x-cached": "false" } }));
    expect((await api.putWidget.withResponse(put)).headers).toEqual({ etag: "e", "x-cached": false });
    server.handle(() => ({ status: 201, body: { id: "w1", created: true }, headers: { etag: "e", location: "/w", "x-shard-ids": ["1", "2"] as unknown as string } }));
    const r = await api.putWidget.withResponse(put);
    expect(r.status === 201 && r.headers["x-shard-ids"]).toEqual([1, 2]);
  });

  it("a 204 without a body: data undefined, as the call returns; a 202 beside it with its JSON body", async () => {
    server.handle(() => ({ status: 204, headers: { "x-request-id": "req-9" } }));
    const gone = await api.deleteWidget.withResponse({ path: { id: "w1" } });
    expect(gone).toMatchObject({ status: 204, data: undefined, headers: { "x-request-id": "req-9" } });
    server.handle(() => ({ status: 204 }));
    expect(await api.deleteWidget({ path: { id: "w1" } })).toBeUndefined();

    server.handle(() => ({ status: 202, body: { jobId: "j1" }, headers: { "x-job-state": "queued" } }));
    const queued = await api.deleteWidget.withResponse({ path: { id: "w1" } });
    expect([queued.status, queued.data, queued.headers]).toEqual([202, { jobId: "j1" }, { "x-job-state": "queued" }]);
  });

  it("a header named `__proto__` is an own property of `headers`, its prototype untouched; a name that is no token is not looked up", async () => {
    server.handle(() => ({ status: 202, body: { jobId: "j1" }, headers: Object.fromEntries([["__proto__", "a, b"]]) as Record<string, string> }));
    const r = await api.deleteWidget.withResponse({ path: { id: "w1" } });
    expect(Object.getOwnPropertyDescriptor(r.headers, "__proto__")?.value).toEqual(["a", "b"]);
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
    // `X-Not A Token` is documented too: fetch's Headers.get would throw on its name, the call does not
    expect(Object.keys(r.headers)).toEqual(["__proto__"]);
  });

  it("a 2XX range beside a 200: a 206 falls under the range, its text body and its header; the 200 has no documented header", async () => {
    server.handle(() => ({ status: 206, body: "12 widgets", headers: { "content-type": "text/plain", "x-total-count": "12" } }));
    const part = await api.listWidgets.withResponse();
    expect([part.status, part.data, part.headers]).toEqual([206, "12 widgets", { "x-total-count": 12 }]);
    server.handle(() => ({ status: 200, body: [WIDGET], headers: { "x-total-count": "1" } }));
    const all = await api.listWidgets.withResponse();
    expect([all.status, all.data, all.headers]).toEqual([200, [WIDGET], {}]);
  });

  it("an operation documenting no 2xx (only `default`): any 2xx, its headers an empty object", async () => {
    server.handle(() => ({ status: 203, body: { up: true } }));
    expect(await api.getStatus.withResponse()).toMatchObject({ status: 203, data: { up: true }, headers: {} });
  });

  it("`const { data, response } = await withResponse()` reads as before", async () => {
    server.handle(() => ({ status: 200, body: "pong", headers: { "content-type": "text/plain" } }));
    const { data, response } = await api.ping.withResponse();
    expect([data, response.status]).toEqual(["pong", 200]);
  });
});

describe("safe(): the same members, with error undefined; an error has no status nor headers of its own", () => {
  it("a 201 narrows by status; a documented error keeps its status on `error`", async () => {
    server.handle(() => ({ status: 201, body: { id: "w1", created: true }, headers: { etag: "e", location: "/w" } }));
    const ok = await api.putWidget.safe(put);
    expect(ok).toMatchObject({ status: 201, error: undefined, data: { id: "w1", created: true }, headers: { etag: "e", location: "/w" } });

    server.handle(() => ({ status: 400, body: { title: "bad" }, headers: { "x-error-code": "E1" } }));
    const bad = await api.putWidget.safe(put);
    expect([bad.status, bad.headers, bad.data]).toEqual([undefined, undefined, undefined]);
    expect(api.putWidget.isError(bad.error) && bad.error.status).toBe(400);
  });
});

/** Never run: `tsc -p test/tsconfig.json` checks what each narrowing gives, and that a wrong one does not compile. */
async function types(): Promise<void> {
  const r = await api.putWidget.withResponse(put);
  expectTypeOf(r.status).toEqualTypeOf<200 | 201>();
  if (r.status === 201) {
    expectTypeOf(r.data).toEqualTypeOf<Created>();
    expectTypeOf(r.headers.location).toEqualTypeOf<string>();
    expectTypeOf(r.headers.etag).toEqualTypeOf<string>();
    expectTypeOf(r.headers["x-tags"]).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(r.headers["x-shard-ids"]).toEqualTypeOf<number[] | undefined>();
    // @ts-expect-error a 200's header is not a 201's
    void r.headers["x-cached"];
  } else {
    expectTypeOf(r.data).toEqualTypeOf<Widget>();
    expectTypeOf(r.headers["x-ratelimit-remaining"]).toEqualTypeOf<number | undefined>();
    expectTypeOf(r.headers["x-cached"]).toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error the 200's body is a Widget: no `created`
    void r.data.created;
    // @ts-expect-error header names are lower-case
    void r.headers.ETag;
  }
  // @ts-expect-error 202 is no status this operation documents as a success
  if (r.status === 202) void r;

  const d = await api.deleteWidget.withResponse({ path: { id: "w1" } });
  if (d.status === 204) {
    expectTypeOf(d.data).toEqualTypeOf<undefined>();
    expectTypeOf(d.headers["x-request-id"]).toEqualTypeOf<string>();
  } else {
    expectTypeOf(d.data).toEqualTypeOf<DeleteWidgetResponse202>();
    expectTypeOf(d.headers["x-job-state"]).toEqualTypeOf<"queued" | "running" | undefined>();
  }

  const l = await api.listWidgets.withResponse();
  if (l.status === 200) {
    expectTypeOf(l.data).toEqualTypeOf<Widget[]>();
    // @ts-expect-error the 200 documents no header
    void l.headers["x-total-count"];
  } else {
    expectTypeOf(l.data).toEqualTypeOf<string>();
    expectTypeOf(l.headers["x-total-count"]).toEqualTypeOf<number | undefined>();
    // @ts-expect-error 200 is its own member, not the range's
    if (l.status === 200) void l;
  }

  const s = await api.putWidget.safe(put);
  if (s.status === 201) {
    expectTypeOf(s.data).toEqualTypeOf<Created>();
    expectTypeOf(s.error).toEqualTypeOf<undefined>();
  }
  if (s.error) expectTypeOf(s.status).toEqualTypeOf<undefined>();

  // what callers wrote before still compiles
  const { data, response } = await api.ping.withResponse();
  expectTypeOf(data).toEqualTypeOf<string>();
  expectTypeOf(response).toEqualTypeOf<Response>();
  const p = await api.ping.withResponse();
  expectTypeOf(p.status).toEqualTypeOf<200>();
  expectTypeOf(p.headers).toEqualTypeOf<{}>();
}
void types;
