/**
 * `x-pagination` of `kind: offset` against a real server on 127.0.0.1: the next offset is the last plus the
 * page's item count; the end is an empty page, the total read, or, where the answer gives no total, a page
 * shorter than the size the input asked for. `.pages()`, `.items()`, and the TanStack infinite query's own functions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, typecheckConsumer } from "../helpers/project.js";
import { all, ok, inlinePackage, queryParam, signal, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type Recorded, type TestServer } from "./helpers/server.js";

const log = { type: "object", required: ["id"], properties: { id: { type: "string" } } };
const logs = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `l${n}` }));
const paths = {
  "/logs": { get: {
    operationId: "listLogs",
    parameters: [queryParam("offset", "integer"), queryParam("limit", "integer")],
    "x-pagination": { kind: "offset", offset: { in: "query", name: "offset" }, size: { in: "query", name: "limit" }, items: "/logs" },
    responses: ok({ type: "object", properties: { logs: { type: "array", items: log } } }),
  } },
  "/users": { post: {
    operationId: "findUsers",
    requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { skip: { type: "integer" } } } } } },
    "x-pagination": { kind: "offset", offset: { in: "body", name: "skip" }, items: "/users", total: "/total" },
    responses: ok({ type: "object", required: ["users", "total"], properties: { users: { type: "array", items: log }, total: { type: "integer" } } }),
  } },
  "/events": { get: {
    operationId: "listEvents",
    parameters: [queryParam("offset", "integer"), queryParam("limit", "integer")],
    "x-pagination": { kind: "offset", offset: { in: "query", name: "offset" }, size: { in: "query", name: "limit" }, items: "/events", total: "/total" },
    responses: ok({ type: "object", properties: { events: { type: "array", items: log }, total: { type: "integer" } } }),
  } },
};

/** `limit` (3 by default) logs from `offset`. */
function byOffset(req: Recorded) {
  const q = new URLSearchParams(req.query);
  const from = Number(q.get("offset") ?? 0);
  return { body: { logs: logs.slice(from, from + Number(q.get("limit") ?? 3)) } };
}

let pkg: InlinePackage;
let server: TestServer;
let api: ReturnType<InlinePackage["client"]>;
beforeAll(async () => {
  pkg = await inlinePackage("offsets", paths);
  server = await startServer();
  api = pkg.client({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server?.close());

const urlsSince = (before: number) => server.requests.slice(before).map((r) => r.url);

describe("kind: offset", () => {
  it("a page shorter than the size asked for ends", async () => {
    server.handle(byOffset);
    const before = server.requests.length;
    expect(await all(api.listLogs!.items({ query: { limit: 3 } }))).toEqual(logs);
    expect(urlsSince(before)).toEqual(["/logs?offset=0&limit=3", "/logs?offset=3&limit=3", "/logs?offset=6&limit=3"]);
  });

  it("without a size in the input, an empty page ends; the input's offset is where it starts", async () => {
    server.handle(byOffset);
    let before = server.requests.length;
    expect(await all(api.listLogs!.items())).toEqual(logs);
    expect(urlsSince(before)).toEqual(["/logs?offset=0", "/logs?offset=3", "/logs?offset=6", "/logs?offset=7"]);
    before = server.requests.length;
    expect(await all(api.listLogs!.pages({ query: { offset: 5 } }))).toEqual([{ logs: logs.slice(5) }, { logs: [] }]);
    expect(urlsSince(before)).toEqual(["/logs?offset=5", "/logs?offset=7"]);
  });

  it("the total read from the body ends, with the offset in the JSON body", async () => {
    server.handle((req) => {
      const skip = (JSON.parse(req.body) as { skip: number }).skip;
      return { body: { users: logs.slice(skip, skip + 3), total: logs.length } };
    });
    const before = server.requests.length;
    expect(await all(api.findUsers!.items({ body: {} }))).toEqual(logs);
    expect(server.requests.slice(before).map((r) => JSON.parse(r.body))).toEqual([{ skip: 0 }, { skip: 3 }, { skip: 6 }]);
  });

  it("a total read goes on past a page shorter than the size asked for: a server that caps the size loses no items", async () => {
    // at most 2 a page, whatever the limit asked for (as many servers cap `limit`)
    server.handle((req) => {
      const from = Number(new URLSearchParams(req.query).get("offset") ?? 0);
      return { body: { events: logs.slice(from, from + 2), total: logs.length } };
    });
    const before = server.requests.length;
    expect(await all(api.listEvents!.items({ query: { limit: 5 } }))).toEqual(logs);
    expect(urlsSince(before)).toEqual([0, 2, 4, 6].map((n) => `/events?offset=${n}&limit=5`));
  });

  it("the infinite query: pageParam is the offset, from the input's or 0", async () => {
    server.handle(byOffset);
    const options = pkg.query.listLogsInfiniteQuery!(api, { query: { limit: 3 } });
    expect(options.queryKey).toEqual(["offsets", "listLogs", { query: { limit: 3 } }, "infinite"]);
    expect(options.initialPageParam).toBe(0);
    const first = await options.queryFn({ pageParam: 0, signal });
    expect(options.getNextPageParam(first, [first], 0)).toBe(3);
    const last = await options.queryFn({ pageParam: 6, signal });
    expect(server.requests.at(-1)!.url).toBe("/logs?offset=6&limit=3");
    expect(options.getNextPageParam(last, [first, last], 6)).toBeUndefined();
    expect(pkg.query.listLogsInfiniteQuery!(api, { query: { offset: 4 } }).initialPageParam).toBe(4);
  });

  it("types: items of the pointer's array, the offset optional in the input, a numeric page param", () => {
    const r = typecheckConsumer(tempDir(), pkg.files, [
      'import { createOffsetsClient } from "./client.js";',
      'import { findUsersInfiniteQuery, listLogsInfiniteQuery } from "./query.js";',
      'const api = createOffsetsClient({ baseUrl: "http://127.0.0.1" });',
      "export async function use(): Promise<void> {",
      "  for await (const l of api.listLogs.items({ query: { limit: 3 } })) { const id: string = l.id; void id; }",
      "  for await (const p of api.findUsers.pages({ body: {} })) { const total: number = p.total; void total; }",
      "}",
      "export const first: number = listLogsInfiniteQuery(api).initialPageParam;",
      "export const f = findUsersInfiniteQuery(api, { body: {} });",
      "// @ts-expect-error an offset is a number",
      "api.listLogs.items({ query: { offset: 'x' } });",
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
