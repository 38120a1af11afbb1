/**
 * `x-pagination` of `kind: link`, and operations paged by a documented `Link` header without it (GitHub),
 * against a real server on 127.0.0.1: `rel="next"` among several links, quoted or not, with several types,
 * relative URLs resolved against the request's; the next URL asked for as it is through the same send path
 * (auth, retries); a next page on another origin refused before anything is sent there.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryClient } from "@tanstack/query-core";
import { generate } from "../../generator/pipeline.js";
import { ROOT, tempDir, typecheckConsumer } from "../helpers/project.js";
import { all, ok, inlinePackage, queryParam, signal, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type Recorded, type TestServer } from "./helpers/server.js";

const repo = { type: "object", required: ["id", "name"], properties: { id: { type: "integer" }, name: { type: "string" } } };
const repos = [1, 2, 3, 4, 5].map((id) => ({ id, name: `r${id}` }));
const linkHeader = { Link: { description: "next, last", schema: { type: "string" } } };
const paths = {
  // paged because its 200 documents a Link header (any case) and an array body, as GitHub's lists
  "/orgs/{org}/repos": { get: {
    operationId: "reposListForOrg",
    security: [{ token: [] }],
    parameters: [{ name: "org", in: "path", required: true, schema: { type: "string" } }, queryParam("per_page", "integer"), queryParam("page", "integer")],
    responses: { "200": { description: "ok", headers: { link: linkHeader.Link }, content: { "application/json": { schema: { $ref: "#/components/schemas/Repos" } } } } },
  } },
  "/search": { get: {
    operationId: "search",
    security: [{ key: [] }],
    parameters: [queryParam("q")],
    "x-pagination": { kind: "link", items: "/items" },
    responses: ok({ type: "object", required: ["items"], properties: { items: { type: "array", items: repo } } }),
  } },
  // a Link header without an array body is not paged
  "/orgs/{org}": { get: {
    operationId: "orgsGet",
    parameters: [{ name: "org", in: "path", required: true, schema: { type: "string" } }],
    responses: ok({ type: "object" }, linkHeader),
  } },
};
const components = {
  schemas: { Repos: { type: "array", items: repo } },
  securitySchemes: { token: { type: "http", scheme: "bearer" }, key: { type: "apiKey", in: "query", name: "key" } },
};

/** Two repos a page (`?page=N`), the Link header written by `link(page, req)`. */
function paging(link: (page: number, req: Recorded) => string | undefined) {
  return (req: Recorded) => {
    const page = Number(new URLSearchParams(req.query).get("page") ?? 1);
    const header = link(page, req);
    const headers: Record<string, string> = header ? { link: header } : {};
    return { body: repos.slice((page - 1) * 2, page * 2), headers };
  };
}

let pkg: InlinePackage;
let server: TestServer;
let api: ReturnType<InlinePackage["client"]>;
beforeAll(async () => {
  pkg = await inlinePackage("links", paths, { components });
  server = await startServer();
  api = pkg.client({ baseUrl: server.url, retry: false, auth: { token: "t0ken", key: "k3y" } });
}, 60_000);
afterAll(() => server?.close());

const since = (before: number) => server.requests.slice(before);

describe("kind: link", () => {
  it("follows rel=next among several links, quoted or not, several types in one, absolute and relative", async () => {
    server.handle(paging((page) => [
      `<${server.url}/orgs/acme/repos?per_page=2&page=2>; rel="next", <${server.url}/orgs/acme/repos?per_page=2&page=3>; rel="last"`,
      '</orgs/acme/repos?page=1>; rel=first, <?per_page=2&page=3>; title="the, next"; REL="prefetch Next"',
      `<${server.url}/orgs/acme/repos?page=2>; rel="prev first"`,
    ][page - 1]));
    const before = server.requests.length;
    expect(await all(api.reposListForOrg!.items({ path: { org: "acme" }, query: { per_page: 2 } }))).toEqual(repos);
    const sent = since(before);
    expect(sent.map((r) => r.url)).toEqual(["/orgs/acme/repos?per_page=2", "/orgs/acme/repos?per_page=2&page=2", "/orgs/acme/repos?per_page=2&page=3"]);
    // same method and credentials on every page
    expect(sent.map((r) => [r.method, r.headers.authorization])).toEqual(Array(3).fill(["GET", "Bearer t0ken"]));
  });

  it("a next page on another origin is refused before anything goes there", async () => {
    // localhost is this server too: a request there would be seen, with the token
    const foreign = server.url.replace("127.0.0.1", "localhost");
    server.handle(paging(() => `<${foreign}/orgs/acme/repos?page=2>; rel="next"`));
    const before = server.requests.length;
    const pages = api.reposListForOrg!.pages({ path: { org: "acme" } });
    expect((await pages.next()).value).toEqual(repos.slice(0, 2));
    await expect(pages.next()).rejects.toThrow(/reposListForOrg: the next page is on http:\/\/localhost:\d+, not on http:\/\/127\.0\.0\.1:\d+ \(baseUrl\): not followed/);
    expect(since(before)).toHaveLength(1);
  });

  it("a browser page's relative baseUrl, with a Response that has no url (one a fetch wrapper rebuilt, a stub's): relative links resolve against the page", async () => {
    // as in a browser: `location`, and a fetch that resolves a relative URL against it
    const page = `${server.url}/app/`;
    const g = globalThis as { location?: { href: string } };
    g.location = { href: page };
    try {
      const rebuilt = async (url: string, init: RequestInit) => {
        const res = await fetch(new URL(url, page), init);
        return new Response(res.body, res);
      };
      const browser = pkg.client({ baseUrl: "/api", fetch: rebuilt, retry: false, auth: { token: "t0ken" } });
      server.handle(paging((p) => (p < 3 ? `</api/orgs/acme/repos?page=${p + 1}>; rel="next"` : undefined)));
      const before = server.requests.length;
      // `new URL(link, "/api")` threw "Invalid URL" on the first page
      expect(await all(browser.reposListForOrg!.items({ path: { org: "acme" } }))).toEqual(repos);
      expect(since(before).map((r) => r.url)).toEqual(["/api/orgs/acme/repos", "/api/orgs/acme/repos?page=2", "/api/orgs/acme/repos?page=3"]);
    } finally {
      delete g.location;
    }
  });

  it("ends on a page that links to itself, on an empty page, and without a Link header", async () => {
    server.handle(paging(() => `</orgs/acme/repos?page=2>; rel="next"`));
    let before = server.requests.length;
    expect(await all(api.reposListForOrg!.pages({ path: { org: "acme" } }))).toHaveLength(2);
    expect(since(before).map((r) => r.url)).toEqual(["/orgs/acme/repos", "/orgs/acme/repos?page=2"]);
    // .page() asked for that page: no next page (a caller looping on `next` would ask for it forever)
    const self = `${server.url}/orgs/acme/repos?page=2`;
    expect(await (api.reposListForOrg as unknown as { page: (i: unknown, o: unknown) => Promise<unknown> }).page({ path: { org: "acme" } }, { next: self })).toEqual({ data: repos.slice(2, 4), next: null });
    server.handle((req) => ({ body: req.query ? [] : repos.slice(0, 1), headers: { link: `</orgs/acme/repos?page=${req.query ? 9 : 2}>; rel="next"` } }));
    before = server.requests.length;
    expect(await all(api.reposListForOrg!.items({ path: { org: "acme" } }))).toEqual(repos.slice(0, 1));
    expect(since(before)).toHaveLength(2);
    server.handle(() => ({ body: repos }));
    expect(await all(api.reposListForOrg!.items({ path: { org: "acme" } }))).toEqual(repos);
  });

  it("ends where the links go round (2, 3, 2...): a next page asked for before is not asked for again, also in the infinite query", async () => {
    server.handle(paging((page) => `</orgs/acme/repos?page=${page === 3 ? 2 : page + 1}>; rel="next"`));
    const before = server.requests.length;
    const pages: unknown[] = [];
    for await (const p of api.reposListForOrg!.pages({ path: { org: "acme" } })) if (pages.push(p) >= 10) break;
    expect(pages).toHaveLength(3);
    expect(since(before).map((r) => r.url)).toEqual(["/orgs/acme/repos", "/orgs/acme/repos?page=2", "/orgs/acme/repos?page=3"]);
    const options = pkg.query.reposListForOrgInfiniteQuery!(api, { path: { org: "acme" } });
    const data = await new QueryClient().fetchInfiniteQuery({ ...(options as object), pages: 10 } as never);
    expect((data as { pageParams: unknown[] }).pageParams).toEqual([null, `${server.url}/orgs/acme/repos?page=2`, `${server.url}/orgs/acme/repos?page=3`]);
  });

  it("the next URL goes through the same send path: a 503 on page 2 is retried", async () => {
    const retrying = pkg.client({ baseUrl: server.url, retry: { initialDelayMs: 1, maxDelayMs: 1 }, auth: { token: "t0ken" } });
    let failed = false;
    server.handle((req) => {
      if (req.query === "page=2" && !failed) {
        failed = true;
        return { status: 503, body: "busy" };
      }
      return paging((page) => (page === 1 ? `</orgs/acme/repos?page=2>; rel="next"` : undefined))(req);
    });
    const before = server.requests.length;
    expect(await all(retrying.reposListForOrg!.items({ path: { org: "acme" } }))).toEqual(repos.slice(0, 4));
    expect(since(before).map((r) => r.url)).toEqual(["/orgs/acme/repos", "/orgs/acme/repos?page=2", "/orgs/acme/repos?page=2"]);
  });

  it("an items pointer, and an API key in the query sent once on every page", async () => {
    server.handle((req) => {
      const q = new URLSearchParams(req.query);
      const page = Number(q.get("page") ?? 1);
      const next = page === 1 ? `</search?q=x&page=2&key=${q.get("key")}>; rel="next"` : page === 2 ? `</search?q=x&page=3>; rel="next"` : undefined;
      const headers: Record<string, string> = next ? { link: next } : {};
      return { body: { items: repos.slice((page - 1) * 2, page * 2) }, headers };
    });
    const before = server.requests.length;
    expect(await all(api.search!.items({ query: { q: "x" } }))).toEqual(repos);
    expect(since(before).map((r) => r.url)).toEqual(["/search?q=x&key=k3y", "/search?q=x&page=2&key=k3y", "/search?q=x&page=3&key=k3y"]);
  });

  it(".page() and the infinite query: each page { data, next }, pageParam the next URL (null: the input's page)", async () => {
    server.handle(paging((page) => (page < 3 ? `</orgs/acme/repos?page=${page + 1}>; rel="next"` : undefined)));
    const first = await (api.reposListForOrg as unknown as { page: (i: unknown) => Promise<unknown> }).page({ path: { org: "acme" } });
    expect(first).toEqual({ data: repos.slice(0, 2), next: `${server.url}/orgs/acme/repos?page=2` });
    const options = pkg.query.reposListForOrgInfiniteQuery!(api, { path: { org: "acme" } });
    expect(options.queryKey).toEqual(["links", "reposListForOrg", { path: { org: "acme" } }, "infinite"]);
    expect(options.initialPageParam).toBeNull();
    const one = await options.queryFn({ pageParam: null, signal });
    expect(one).toEqual(first);
    const next = options.getNextPageParam(one, [one], null);
    expect(next).toBe(`${server.url}/orgs/acme/repos?page=2`);
    const last = await options.queryFn({ pageParam: `${server.url}/orgs/acme/repos?page=3`, signal });
    expect(server.requests.at(-1)!.url).toBe("/orgs/acme/repos?page=3");
    expect(last).toEqual({ data: repos.slice(4), next: null });
    expect(options.getNextPageParam(last, [one, last], next)).toBeUndefined();
  });

  it("types: the body's items, .page() and the infinite query's pages; a Link header without an array body pages nothing", () => {
    const r = typecheckConsumer(tempDir(), pkg.files, [
      'import { createLinksClient } from "./client.js";',
      'import { reposListForOrgInfiniteQuery } from "./query.js";',
      'const api = createLinksClient({ baseUrl: "http://127.0.0.1" });',
      "export async function use(org: string): Promise<void> {",
      "  for await (const repo of api.reposListForOrg.items({ path: { org } })) { const name: string = repo.name; void name; }",
      "  for await (const hit of api.search.items({ query: { q: 'x' } })) { const id: number = hit.id; void id; }",
      "  const page = await api.reposListForOrg.page({ path: { org } }, { next: null });",
      "  const next: string | null = page.next; void next;",
      "  const id: number | undefined = page.data[0]?.id; void id;",
      "  // @ts-expect-error not paged: its body is no array",
      "  api.orgsGet.pages({ path: { org } });",
      "}",
      "const o = reposListForOrgInfiniteQuery(api, { path: { org: 'acme' } });",
      "export const start: string | null = o.initialPageParam;",
      "export const after: string | null | undefined = o.getNextPageParam({ data: [], next: null }, [], null);",
      "// @ts-expect-error the path is required",
      "reposListForOrgInfiniteQuery(api, {});",
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("a package with every kind", () => {
  it("type-checks, each kind's runtime code beside the others' (and beside event streams, whose send takes a resume)", async () => {
    const field = (name: string) => ({ in: "query", name });
    const list = ok({ type: "object", properties: { data: { type: "array", items: repo }, next: { type: "string" }, pages: { type: "integer" } } });
    const mixed = await inlinePackage("mixed", {
      ...paths,
      "/numbered": { get: { operationId: "numbered", parameters: [queryParam("page", "integer")], "x-pagination": { kind: "page", page: field("page"), items: "/data", totalPages: "/pages" }, responses: list } },
      "/cursored": { get: { operationId: "cursored", parameters: [queryParam("after")], "x-pagination": { kind: "cursor", cursor: field("after"), items: "/data", nextCursor: "/next" }, responses: list } },
      "/offset": { get: { operationId: "offset", parameters: [queryParam("skip", "integer")], "x-pagination": { kind: "offset", offset: field("skip"), items: "/data" }, responses: list } },
      "/ticks": { get: { operationId: "ticks", responses: { "200": { description: "ok", content: { "text/event-stream": { schema: { type: "string" } } } } } } },
    }, { components });
    const runtime = mixed.files.find((f) => f.path === "src/client-runtime.ts")!.contents;
    for (const text of ["function nextPage(", "function nextCursor(", "function nextOffset(", "function linkPage(", "export function linkInfiniteQuery", "resume?: Resume"]) expect(runtime).toContain(text);
    const r = typecheckConsumer(tempDir(), mixed.files, [
      'import { createMixedClient } from "./client.js";',
      'import { cursoredInfiniteQuery, numberedInfiniteQuery, offsetInfiniteQuery, reposListForOrgInfiniteQuery } from "./query.js";',
      'const api = createMixedClient({ baseUrl: "http://127.0.0.1" });',
      "export const pages: number[] = [numberedInfiniteQuery(api).initialPageParam, offsetInfiniteQuery(api).initialPageParam];",
      "export const cursor: string | number | null = cursoredInfiniteQuery(api).initialPageParam;",
      "export const link: string | null = reposListForOrgInfiniteQuery(api, { path: { org: 'a' } }).initialPageParam;",
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("GitHub's REST description", () => {
  it("its lists page by their Link header: for await (const repo of gh.reposListForOrg.items({ path: { org } }))", async () => {
    const { files, ir } = await generate({ input: path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json"), packageName: "github", targets: ["types", "client"] });
    const listForOrg = ir.operations.find((op) => op.operationId === "repos/list-for-org")!;
    expect(listForOrg.pagination).toEqual({ kind: "link", items: [] });
    expect(ir.operations.filter((op) => op.pagination?.kind === "link").length).toBeGreaterThan(100);
    expect(files.find((f) => f.path === "src/client.ts")!.contents).toContain("reposListForOrg: runtime.LinkPagedOperationMethod<");
  }, 120_000);
});
