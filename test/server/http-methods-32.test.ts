/**
 * OpenAPI 3.2's operations without a 3.1 field, end to end (the http-methods-32 fixture): a QUERY search
 * with a JSON body, additional methods (LINK, PURGE), and `in: querystring` operations (a form, JSON). The
 * generated client talks to the generated server (createHandler) on 127.0.0.1 with valid and invalid input,
 * the mock answers each, and the types hold the body of the QUERY operation to its schema.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Fastify from "fastify";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { createHttpMethods32Client, UnexpectedStatusError } from "../fixtures/http-methods-32/generated/src/client.js";
import { createHandler, createMockHandlers, fastifyPlugin, mockSecurity, toNodeListener, type HttpMethods32Handlers } from "../fixtures/http-methods-32/generated/src/server.js";
import type { ListProductsQueryString, ProductPage, ProductQuery, Selector, paths } from "../fixtures/http-methods-32/generated/src/types.js";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, raw, type Listening } from "./helpers.js";

const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

const LAMP = { sku: "AB-1", name: "Lamp", price: 12.5 };
/** The API key findReports may be called with (sent in the query string, beside its querystring value). */
const security = { key: (key: string) => (key === "k&1" ? { user: "ada" } : null) };

/** What each handler received, by operation. */
function recorder() {
  const seen: Record<string, unknown[]> = {};
  const note = (name: string, value: unknown) => (seen[name] ??= []).push(value);
  const handlers: HttpMethods32Handlers = {
    searchProducts: ({ body, request }) => {
      note("searchProducts", { method: request.method, body });
      return { status: 200, body: { items: body.text === "lamp" ? [LAMP] : [], total: body.text === "lamp" ? 1 : 0 } };
    },
    getProduct: ({ path }) => (path.sku === LAMP.sku ? { status: 200, body: LAMP } : { status: 404 }),
    linkProduct: ({ path, body, request }) => {
      note("linkProduct", { method: request.method, sku: path.sku, related: body.related });
      return { status: 204 };
    },
    purgeProduct: ({ path, request }) => {
      note("purgeProduct", { method: request.method, sku: path.sku });
      return { status: 202, body: { purged: true } };
    },
    listProducts: ({ querystring, request }) => {
      note("listProducts", { url: request.url, querystring });
      return { status: 200, body: { items: querystring.category === "lamps" ? [LAMP] : [], total: 0 } };
    },
    findReports: ({ querystring, request, principal }) => {
      note("findReports", { url: request.url, querystring, ...(principal ? { principal } : {}) });
      return { status: 200, body: querystring?.kinds ?? ["all"] };
    },
    mSearchReports: ({ querystring, request }) => {
      note("mSearchReports", { method: request.method, querystring });
      return { status: 200, body: querystring.kinds.length };
    },
    getStock: () => ({ status: 200, body: 7 }),
    countStock: ({ body, request }) => {
      note("countStock", { method: request.method, body });
      return { status: 200, body: body.length };
    },
  };
  return { handlers, seen };
}

async function served() {
  const { handlers, seen } = recorder();
  const s = await listen(toNodeListener(createHandler(handlers, { security, validateResponses: true })));
  open.push(s);
  return { s, seen, client: createHttpMethods32Client({ baseUrl: s.url, retry: false }) };
}

/** The 400 problem's error pointers and details, from a call that must fail with it. */
async function problem(call: Promise<unknown>): Promise<Array<{ pointer: string; detail: string }>> {
  const e = await call.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(UnexpectedStatusError);
  expect((e as UnexpectedStatusError).status).toBe(400);
  const body = JSON.parse((e as UnexpectedStatusError).bodyText) as { errors: Array<{ pointer: string; detail: string }> };
  return body.errors.map(({ pointer, detail }) => ({ pointer, detail }));
}

describe("QUERY operations", () => {
  it("the client sends QUERY with the JSON body; the server routes, validates and answers it", async () => {
    const { client, seen } = await served();
    const page = await client.searchProducts({ body: { text: "lamp", maxPrice: 20 } });
    expectTypeOf(page).toEqualTypeOf<ProductPage>();
    expect(page).toEqual({ items: [LAMP], total: 1 });
    expect(seen.searchProducts).toEqual([{ method: "QUERY", body: { text: "lamp", maxPrice: 20 } }]);
  });

  it("an invalid body is a 400 with the pointers of what is wrong, before the handler runs", async () => {
    const { client, seen } = await served();
    const errors = await problem(client.searchProducts({ body: { text: "", limit: 99, colour: "red" } as unknown as ProductQuery }));
    expect(errors.map((e) => e.pointer).sort()).toEqual(["/body/colour", "/body/limit", "/body/text"]);
    expect(seen.searchProducts).toBeUndefined();
  });

  it("the body is required, and another method on the path is a 405 that lists QUERY", async () => {
    const { s } = await served();
    const none = await raw(s.port, "QUERY", "/products/search");
    expect(none.status).toBe(415);
    const post = await raw(s.port, "POST", "/products/search", { "content-type": "application/json" }, "{}");
    expect(post.status).toBe(405);
    // `/products/{sku}` matches the path too (a template does not look at the pattern of `sku`)
    expect(post.headers.allow).toBe("QUERY, GET, LINK, PURGE, HEAD");
  });

  it("paths types the operation under `query`, and a wrong body does not compile", async () => {
    expectTypeOf<NonNullable<paths["/products/search"]["query"]["requestBody"]>["content"]["application/json"]>().toEqualTypeOf<ProductQuery>();
    const { client } = await served();
    // @ts-expect-error `text` is a string
    await expect(problem(client.searchProducts({ body: { text: 1 } }))).resolves.toEqual([{ pointer: "/body/text", detail: "must be string" }]);
    const notCalled = () => [
      // @ts-expect-error `maxPrice` is a number
      client.searchProducts({ body: { text: "lamp", maxPrice: "cheap" } }),
      // @ts-expect-error the body is required
      client.searchProducts({}),
      // @ts-expect-error a QUERY operation's input is its body, not query parameters
      client.searchProducts({ query: { text: "lamp" } }),
    ];
    expect(typeof notCalled).toBe("function");
  });
});

describe("a $ref'd path item's QUERY and an additional method without operationId", () => {
  it("QUERY /stock (components.pathItems) sends its text body; M-SEARCH takes a required JSON querystring", async () => {
    const { client, seen } = await served();
    expect(await client.countStock({ body: "lamp" })).toBe(4);
    expect(await client.getStock()).toBe(7);
    expect(await client.mSearchReports({ querystring: { kinds: ["sales", "stock"] } })).toBe(2);
    expect(seen.countStock).toEqual([{ method: "QUERY", body: "lamp" }]);
    expect(seen.mSearchReports).toEqual([{ method: "M-SEARCH", querystring: { kinds: ["sales", "stock"] } }]);
    expect((await problem(client.mSearchReports({ querystring: { kinds: ["sold"] } as unknown as Selector }))).map((e) => e.pointer)).toEqual(["/querystring/kinds/0"]);
    expectTypeOf<paths["/stock"]["query"]["requestBody"]["content"]["text/plain"]>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<paths["/reports"]["additionalOperations"]["M-SEARCH"]["parameters"]["querystring"]>>().toEqualTypeOf<Selector>();
  });
});

describe("additional operations", () => {
  it("LINK and PURGE go out under their own methods and reach their handlers", async () => {
    const { client, seen } = await served();
    await expect(client.linkProduct({ path: { sku: "AB-1" }, body: { related: ["CD-2"] } })).resolves.toBeUndefined();
    expect(await client.purgeProduct({ path: { sku: "AB-1" } })).toEqual({ purged: true });
    expect(seen.linkProduct).toEqual([{ method: "LINK", sku: "AB-1", related: ["CD-2"] }]);
    expect(seen.purgeProduct).toEqual([{ method: "PURGE", sku: "AB-1" }]);
    expectTypeOf<paths["/products/{sku}"]["additionalOperations"]["PURGE"]["responses"][202]["content"]["application/json"]>().toEqualTypeOf<{ purged: boolean }>();
  });

  it("invalid input is a 400 with pointers into the path and the body", async () => {
    const { client, seen } = await served();
    const errors = await problem(client.linkProduct({ path: { sku: "lamp" }, body: { related: [] } }));
    expect(errors.map((e) => e.pointer).sort()).toEqual(["/body/related", "/path/sku"]);
    expect(seen.linkProduct).toBeUndefined();
  });

  it("the path answers 405 for a method it has no operation for, listing the additional ones", async () => {
    const { s } = await served();
    const r = await raw(s.port, "UNLINK", "/products/AB-1");
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("GET, LINK, PURGE, HEAD");
  });

  it("a failed PURGE is not retried: an additional method is not assumed idempotent (a QUERY is retried)", async () => {
    let calls = 0;
    const s = await listen((req, res) => {
      calls++;
      req.resume();
      res.writeHead(503).end();
    });
    open.push(s);
    const client = createHttpMethods32Client({ baseUrl: s.url, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 } });
    await expect(client.purgeProduct({ path: { sku: "AB-1" } })).rejects.toThrow(UnexpectedStatusError);
    expect(calls).toBe(1);
    await expect(client.searchProducts({ body: { text: "lamp" } })).rejects.toThrow(UnexpectedStatusError);
    expect(calls).toBe(4);
  });
});

describe("in: querystring operations", () => {
  it("a form query string: the client writes the object as the whole query string, the server reads it back by type", async () => {
    const { client, seen } = await served();
    const filter: ListProductsQueryString = { category: "tables & desks", maxPrice: 99.5, tags: ["oak", "new"] };
    await client.listProducts({ querystring: filter });
    expect(seen.listProducts).toEqual([{ url: "/products?category=tables+%26+desks&maxPrice=99.5&tags=oak&tags=new", querystring: filter }]);
  });

  it("an invalid form query string is a 400 at /querystring/...", async () => {
    const { client, s, seen } = await served();
    const wrong = await problem(client.listProducts({ querystring: { category: "sofas", maxPrice: -1 } as unknown as ListProductsQueryString }));
    expect(wrong.map((e) => e.pointer).sort()).toEqual(["/querystring/category", "/querystring/maxPrice"]);
    const text = await raw(s.port, "GET", "/products?category=lamps&maxPrice=cheap&colour=red");
    expect(text.status).toBe(400);
    expect((JSON.parse(text.body) as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer).sort()).toEqual(["/querystring/colour", "/querystring/maxPrice"]);
    const missing = await raw(s.port, "GET", "/products");
    expect(JSON.parse(missing.body)).toMatchObject({ status: 400, errors: [{ pointer: "/querystring", detail: "is required" }] });
    expect(seen.listProducts).toBeUndefined();
  });

  it("a JSON query string: sent percent-encoded, parsed and validated; optional, so none is fine", async () => {
    const { client, s, seen } = await served();
    expect(await client.findReports({ querystring: { kinds: ["sales"], limit: 5 } })).toEqual(["sales"]);
    expect(await client.findReports()).toEqual(["all"]);
    expect(seen.findReports).toEqual([
      { url: `/reports?${encodeURIComponent('{"kinds":["sales"],"limit":5}')}`, querystring: { kinds: ["sales"], limit: 5 } },
      { url: "/reports", querystring: undefined },
    ]);
    const errors = await problem(client.findReports({ querystring: { kinds: [], limit: 0 } }));
    expect(errors.map((e) => e.pointer).sort()).toEqual(["/querystring/kinds", "/querystring/limit"]);
    const broken = await raw(s.port, "GET", "/reports?%7Bkinds");
    expect(JSON.parse(broken.body)).toMatchObject({ status: 400, errors: [{ pointer: "/querystring", detail: "is not valid JSON" }] });
  });

  it("an API key sent in the query string travels beside the JSON value, and is not read as part of it", async () => {
    const { s, seen } = await served();
    const client = createHttpMethods32Client({ baseUrl: s.url, retry: false, auth: { key: "k&1" } });
    expect(await client.findReports({ querystring: { kinds: ["stock"] } })).toEqual(["stock"]);
    expect(seen.findReports).toEqual([{ url: `/reports?${encodeURIComponent('{"kinds":["stock"]}')}&api_key=k%261`, querystring: { kinds: ["stock"] }, principal: { user: "ada" } }]);
  });

  it("the types: the query string's value is the handler's and the client's `querystring`", () => {
    expectTypeOf<ListProductsQueryString["category"]>().toEqualTypeOf<"lamps" | "chairs" | "tables & desks">();
    expectTypeOf<ListProductsQueryString["tags"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<NonNullable<paths["/products"]["get"]["parameters"]["querystring"]>>().toEqualTypeOf<ListProductsQueryString>();
  });
});

describe("Fastify 5", () => {
  it("routes QUERY as it knows it, and PURGE once the app adds the method", async () => {
    const app = Fastify();
    app.addHttpMethod("PURGE", { hasBody: true });
    await app.register(fastifyPlugin(createHandler(recorder().handlers, { security })));
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const client = createHttpMethods32Client({ baseUrl: base, retry: false });
      expect(await client.searchProducts({ body: { text: "lamp" } })).toEqual({ items: [LAMP], total: 1 });
      expect(await client.purgeProduct({ path: { sku: "AB-1" } })).toEqual({ purged: true });
      expect((await problem(client.searchProducts({ body: { text: "" } }))).map((e) => e.pointer)).toEqual(["/body/text"]);
    } finally {
      await app.close();
    }
  });
});

describe("the mock", () => {
  it("answers QUERY, LINK, PURGE and querystring operations, and validates their input", async () => {
    const s = await listen(toNodeListener(createHandler(createMockHandlers(), { security: mockSecurity, validateResponses: true })));
    open.push(s);
    const client = createHttpMethods32Client({ baseUrl: s.url, retry: false });
    expect(await client.searchProducts({ body: { text: "lamp" } })).toEqual({ items: [LAMP], total: 1 });
    await expect(client.linkProduct({ path: { sku: "AB-1" }, body: { related: ["CD-2"] } })).resolves.toBeUndefined();
    expect(await client.purgeProduct({ path: { sku: "AB-1" } })).toEqual({ purged: expect.any(Boolean) });
    expect(await client.listProducts({ querystring: { category: "lamps" } })).toMatchObject({ items: expect.any(Array) });
    expect(await client.findReports({ querystring: { kinds: ["stock"] } })).toEqual(expect.any(Array));
    expect(await client.countStock({ body: "lamp" })).toEqual(expect.any(Number));
    expect(await client.mSearchReports({ querystring: { kinds: ["stock"] } })).toEqual(expect.any(Number));
    expect((await problem(client.searchProducts({ body: { text: "" } }))).map((e) => e.pointer)).toEqual(["/body/text"]);
    expect((await problem(client.listProducts({ querystring: { maxPrice: 5 } as ListProductsQueryString }))).map((e) => e.pointer)).toEqual(["/querystring/category"]);
    // an empty form is sent (`?&`) and read as one: its required field is missing; no form at all is the value missing
    expect(await problem(client.listProducts({ querystring: {} as ListProductsQueryString }))).toEqual([{ pointer: "/querystring/category", detail: "is required" }]);
    expect(await problem(client.listProducts({} as never))).toEqual([{ pointer: "/querystring", detail: "is required" }]);
  });
});

describe("with types: { dates: Date }", () => {
  it("a querystring's date-times (JSON and form) go out as ISO text and reach the handler as Dates", async () => {
    const dir = tempDir();
    const spec = path.join(dir, "openapi.json");
    const since = { type: "object", required: ["since"], properties: { since: { type: "string", format: "date-time" } } };
    const op = (operationId: string, mediaType: string) => ({
      operationId,
      parameters: [{ name: "q", in: "querystring", required: true, content: { [mediaType]: { schema: since } } }],
      responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "string" } } } } },
    });
    writeFileSync(spec, JSON.stringify({ openapi: "3.2.0", info: { title: "dates", version: "1" }, paths: { "/json": { get: op("byJson", "application/json") }, "/form": { query: op("byForm", "application/x-www-form-urlencoded") } } }));
    const result = await generate({ input: spec, packageName: "dates-32", types: { dates: "Date" } });
    const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
    const seen: unknown[] = [];
    const answer = ({ querystring }: { querystring: { since: unknown } }) => {
      seen.push(querystring.since);
      return { status: 200, body: querystring.since instanceof Date ? querystring.since.toISOString() : "not a Date" };
    };
    const s = await listen(mod.toNodeListener!(mod.createHandler!({ byJson: answer, byForm: answer }, {})) as never);
    open.push(s);
    const client = mod.createDates32Client!({ baseUrl: s.url, retry: false });
    const at = new Date("2026-01-02T03:04:05.000Z");
    expect(await client.byJson({ querystring: { since: at } })).toBe("2026-01-02T03:04:05.000Z");
    expect(await client.byForm({ querystring: { since: at } })).toBe("2026-01-02T03:04:05.000Z");
    expect(seen).toEqual([at, at]);
  });
});
