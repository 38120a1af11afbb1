/**
 * `x-pagination` of `kind: cursor` against a real server on 127.0.0.1: Stripe's shape (the last item's `id` is
 * the next `starting_after`, `has_more` false ends), a next cursor in the body (null, absent or "" ends), a
 * cursor in a JSON body, and servers that would make a client loop (the same cursor again, an empty page).
 * `.pages()`, `.items()`, and the TanStack infinite query's own functions and a real QueryClient.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/query-core";
import { tempDir, typecheckConsumer } from "../helpers/project.js";
import { all, ok, inlinePackage, queryParam, signal, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type Recorded, type TestServer } from "./helpers/server.js";

const event = { type: "object", required: ["id"], properties: { id: { type: "string" }, n: { type: "integer" } } };
const events = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `e${n}`, n }));
const paths = {
  "/events": { get: {
    operationId: "listEvents",
    parameters: [queryParam("starting_after"), queryParam("limit", "integer")],
    "x-pagination": { kind: "cursor", cursor: { in: "query", name: "starting_after" }, items: "/data", itemCursor: "/id", hasNextPage: "/has_more" },
    responses: ok({ type: "object", required: ["data", "has_more"], properties: { data: { type: "array", items: event }, has_more: { type: "boolean" } } }),
  } },
  "/feed": { get: {
    operationId: "listFeed",
    parameters: [queryParam("cursor")],
    "x-pagination": { kind: "cursor", cursor: { in: "query", name: "cursor" }, items: "/items", nextCursor: "/next" },
    responses: ok({ type: "object", properties: { items: { type: "array", items: event }, next: { type: ["string", "null"] } } }),
  } },
  "/search": { post: {
    operationId: "search",
    requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["q"], properties: { q: { type: "string" }, cursor: { type: "integer" } } } } } },
    "x-pagination": { kind: "cursor", cursor: { in: "body", name: "cursor" }, items: "/results", nextCursor: "/meta/next" },
    responses: ok({ type: "object", properties: { results: { type: "array", items: event }, meta: { type: "object", properties: { next: { type: "integer" } } } } }),
  } },
};

/** Stripe's list: `limit` (3 by default) events after `starting_after`. */
function stripe(req: Recorded) {
  const q = new URLSearchParams(req.query);
  const after = q.get("starting_after");
  const from = after ? events.findIndex((e) => e.id === after) + 1 : 0;
  const data = events.slice(from, from + Number(q.get("limit") ?? 3));
  return { body: { data, has_more: from + data.length < events.length } };
}

let pkg: InlinePackage;
let server: TestServer;
let api: ReturnType<InlinePackage["client"]>;
beforeAll(async () => {
  pkg = await inlinePackage("cursors", paths);
  server = await startServer();
  api = pkg.client({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server?.close());

/** At most `n` values of an iterator (a client that loops would never end `all`). */
async function first<T>(iterator: AsyncIterableIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const v of iterator) if (out.push(v) >= n) break;
  return out;
}

describe("kind: cursor", () => {
  it("Stripe's auto-pagination: the last item's id is the next starting_after, until has_more is false", async () => {
    server.handle(stripe);
    const before = server.requests.length;
    expect(await all(api.listEvents!.items({ query: { limit: 3 } }))).toEqual(events);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/events?limit=3", "/events?starting_after=e3&limit=3", "/events?starting_after=e6&limit=3"]);
    // from the input's cursor
    expect(await all(api.listEvents!.items({ query: { starting_after: "e4" } }))).toEqual(events.slice(4));
    // has_more false ends though the page is full
    const pages = await all(api.listEvents!.pages({ query: { limit: 7 } }));
    expect(pages).toEqual([{ data: events, has_more: false }]);
  });

  it("a next cursor in the body: null, absent and an empty string end", async () => {
    for (const end of [{ next: null }, {}, { next: "" }]) {
      server.handle((req) => (new URLSearchParams(req.query).get("cursor") === "b" ? { body: { items: events.slice(2, 3), ...end } } : { body: { items: events.slice(0, 2), next: "b" } }));
      const before = server.requests.length;
      expect(await all(api.listFeed!.items())).toEqual(events.slice(0, 3));
      expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/feed", "/feed?cursor=b"]);
    }
  });

  it("a server that gives the same cursor again, or an empty page with a cursor, ends the iteration", async () => {
    server.handle(() => ({ body: { items: events.slice(0, 1), next: "same" } }));
    let before = server.requests.length;
    expect(await all(api.listFeed!.pages())).toHaveLength(2);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/feed", "/feed?cursor=same"]);
    // TanStack before v5 gives no page params: the cursor it asked with, again, is no next page
    expect(pkg.query.listFeedInfiniteQuery!(api).getNextPageParam({ items: events.slice(0, 1), next: "same" }, [], "same")).toBeUndefined();
    server.handle((req) => ({ body: { items: req.query ? [] : events.slice(0, 1), next: req.query ? "more" : "c1" } }));
    before = server.requests.length;
    expect(await all(api.listFeed!.items())).toEqual(events.slice(0, 1));
    expect(server.requests.length - before).toBe(2);
  });

  it("a server whose cursors go round (a, b, a...) ends the iteration when one comes again, also in the infinite query", async () => {
    const after: Record<string, string> = { "": "a", a: "b", b: "a" };
    server.handle((req) => ({ body: { items: events.slice(0, 1), next: after[new URLSearchParams(req.query).get("cursor") ?? ""] } }));
    const before = server.requests.length;
    expect(await first(api.listFeed!.pages(), 10)).toHaveLength(3);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/feed", "/feed?cursor=a", "/feed?cursor=b"]);
    // TanStack asks for the page after b knowing the params it has used: a again is no next page
    const options = pkg.query.listFeedInfiniteQuery!(api);
    expect(options.getNextPageParam({ items: events.slice(0, 1), next: "a" }, [], "b", [null, "a", "b"])).toBeUndefined();
    const data = await new QueryClient().fetchInfiniteQuery({ ...(options as object), pages: 10 } as never);
    expect((data as { pageParams: unknown[] }).pageParams).toEqual([null, "a", "b"]);
  });

  it("a numeric cursor in the JSON body, the body's other fields kept", async () => {
    server.handle((req) => {
      const body = JSON.parse(req.body) as { q: string; cursor?: number };
      return { body: body.cursor === 10 ? { results: events.slice(2, 3), meta: {} } : { results: events.slice(0, 2), meta: { next: 10 } } };
    });
    const before = server.requests.length;
    expect(await all(api.search!.items({ body: { q: "x" } }))).toEqual(events.slice(0, 3));
    expect(server.requests.slice(before).map((r) => JSON.parse(r.body))).toEqual([{ q: "x" }, { q: "x", cursor: 10 }]);
  });

  it("the infinite query: pageParam is the cursor, null (no cursor sent) before the first", async () => {
    server.handle(stripe);
    const options = pkg.query.listEventsInfiniteQuery!(api, { query: { limit: 3 } });
    expect(options.queryKey).toEqual(["cursors", "listEvents", { query: { limit: 3 } }, "infinite"]);
    expect(options.initialPageParam).toBeNull();
    const first = await options.queryFn({ pageParam: null, signal });
    expect(server.requests.at(-1)!.url).toBe("/events?limit=3");
    expect(options.getNextPageParam(first, [first], null)).toBe("e3");
    const last = await options.queryFn({ pageParam: "e6", signal });
    expect(server.requests.at(-1)!.url).toBe("/events?starting_after=e6&limit=3");
    expect(options.getNextPageParam(last, [first, last], "e6")).toBeUndefined();
    expect(pkg.query.listEventsInfiniteQuery!(api, { query: { starting_after: "e2" } }).initialPageParam).toBe("e2");

    const data = await new QueryClient().fetchInfiniteQuery({ ...(options as object), pages: 5 } as never);
    expect((data as { pages: unknown[]; pageParams: unknown[] }).pageParams).toEqual([null, "e3", "e6"]);
  });

  it("types: items of the pointer's array, the cursor optional in the input, cursors as page params", () => {
    const r = typecheckConsumer(tempDir(), pkg.files, [
      'import { createCursorsClient } from "./client.js";',
      'import { listEventsInfiniteQuery, searchInfiniteQuery } from "./query.js";',
      'const api = createCursorsClient({ baseUrl: "http://127.0.0.1" });',
      "export async function use(): Promise<void> {",
      "  for await (const e of api.listEvents.items({ query: { limit: 3 } })) { const id: string = e.id; void id; }",
      "  for await (const p of api.listEvents.pages()) { const more: boolean = p.has_more; void more; }",
      "  for await (const r of api.search.items({ body: { q: 'x' } })) { const id: string = r.id; void id; }",
      "}",
      "const o = listEventsInfiniteQuery(api, { query: { limit: 3 } });",
      "export const first: string | number | null = o.initialPageParam;",
      "export const next: string | number | null | undefined = o.getNextPageParam({ data: [], has_more: false }, [], null);",
      "export const s = searchInfiniteQuery(api, { body: { q: 'x' } });",
      "// @ts-expect-error a cursor page param is not always a number",
      "export const n: number = o.initialPageParam;",
      "// @ts-expect-error the cursor is a string here",
      "listEventsInfiniteQuery(api, { query: { starting_after: true } });",
      "// @ts-expect-error the body's required field stays required",
      "api.search.items({ body: {} });",
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
