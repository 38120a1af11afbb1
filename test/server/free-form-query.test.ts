/**
 * A free-form object query parameter, `style: form, explode: true` (OpenAPI's default for the query), whose
 * members are the query's other pairs (`R=100&G=200`): the generated client sends a list or object member as
 * JSON text (OpenAPI's styles serialize scalars only), and the server reads it back as what was sent; a key
 * repeated by a hand-written URL (`tags=a&tags=b`, `tags[]=a&tags[]=b`) keeps every value, as a top-level
 * parameter repeated does. Client to server over 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const echo = { "200": { description: "the query as read", content: { "application/json": { schema: { type: "object" } } } } };
const search = (operationId: string, filter: object) => ({
  get: {
    operationId,
    parameters: [
      { name: "page", in: "query", schema: { type: "integer" } },
      { name: "filter", in: "query", style: "form", explode: true, schema: filter },
    ],
    responses: echo,
  },
});
const spec = {
  openapi: "3.1.0",
  info: { title: "Free form", version: "1" },
  paths: {
    "/any": search("searchAny", { type: "object", additionalProperties: true }),
    "/untyped": search("searchUntyped", { type: "object" }),
    "/named": search("searchNamed", { type: "object", properties: { q: { type: "string" } }, additionalProperties: {} }),
    "/lists": search("searchLists", { type: "object", additionalProperties: { type: "array", items: { type: "string" } } }),
    "/content": { get: { operationId: "searchContent", parameters: [{ name: "where", in: "query", content: { "application/json": { schema: { type: "object" } } } }], responses: echo } },
  },
};

let server: Listening;
let client: Record<string, (input: unknown) => Promise<unknown>>;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-free-form-query-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "free-form" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const answer = ({ query }: { query: unknown }) => ({ status: 200, body: query ?? {} });
  const handlers = { searchAny: answer, searchUntyped: answer, searchNamed: answer, searchLists: answer, searchContent: answer };
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, {})));
  client = mod.createFreeFormClient!({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server.close());

describe("client to server", () => {
  it("a free-form object's list and object members arrive as sent, its scalars as text", async () => {
    const filter = { tags: ["a", "b,c", "d&e"], where: { price: { lt: 10 } }, q: "x y", one: ["solo"] };
    for (const op of ["searchAny", "searchUntyped"]) expect(await client[op]!({ query: { page: 2, filter } })).toEqual({ page: 2, filter });
  });

  it("beside a declared string property, which stays text even when it reads as JSON", async () => {
    const filter = { q: '["not","a","list"]', tags: ["a", "b"] };
    expect(await client.searchNamed!({ query: { filter } })).toEqual({ filter });
  });

  it("members declared as lists", async () => {
    const filter = { tags: ["a", "b"], one: ["solo"] };
    expect(await client.searchLists!({ query: { filter } })).toEqual({ filter });
  });
});

describe("a repeated key inside the object", () => {
  it("keeps every value, by its name as sent", async () => {
    expect(json(await raw(server.port, "GET", "/any?tags=a&tags=b&page=1&q=x"))).toEqual({ page: 1, filter: { tags: ["a", "b"], q: "x" } });
    expect(json(await raw(server.port, "GET", "/any?tags%5B%5D=a&tags%5B%5D=b"))).toEqual({ filter: { "tags[]": ["a", "b"] } });
    expect(json(await raw(server.port, "GET", "/lists?tags=a&tags=b"))).toEqual({ filter: { tags: ["a", "b"] } });
  });
});

describe("a member no form body may have either", () => {
  it("a value (or name) that is no percent-encoding, or the name __proto__, is a 400 at the member", async () => {
    const errors = async (url: string) => {
      const res = await raw(server.port, "GET", url);
      expect(res.status).toBe(400);
      return json(res).errors;
    };
    expect(await errors("/any?a=%ZZ&b=1")).toEqual([{ pointer: "/query/filter/a", detail: "is not validly percent-encoded" }]);
    expect(await errors("/any?a=%E0%A4")).toEqual([{ pointer: "/query/filter/a", detail: "is not validly percent-encoded" }]);
    expect(await errors("/any?%ZZ=1")).toEqual([{ pointer: "/query/filter/%ZZ", detail: "is not validly percent-encoded" }]);
    expect(await errors("/any?__proto__=x")).toEqual([{ pointer: "/query/filter/__proto__", detail: "is a forbidden name" }]);
    expect(json(await raw(server.port, "GET", "/any?a=100%25"))).toEqual({ filter: { a: "100%" } });
  });
});

describe("JSON text in a parameter is held to the body's rules (README: `__proto__` and `constructor.prototype` 400)", () => {
  const refused = async (url: string) => {
    const res = await raw(server.port, "GET", url);
    expect([res.status, res.body]).toEqual([400, expect.anything()]);
    return (json(res) as { errors: { pointer: string; detail: string }[] }).errors;
  };
  const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));

  it("a free-form member: 400 at the member, never handed to the handler", async () => {
    expect(await refused(`/any?a=${encodeURIComponent('{"__proto__":{"admin":true}}')}`)).toContainEqual({ pointer: "/query/filter/a", detail: "has a forbidden key '__proto__'" });
    expect(await refused(`/any?constructor=${q({ prototype: { x: 1 } })}`)).toContainEqual({ pointer: "/query/filter/constructor", detail: "has a forbidden key 'constructor'" });
    expect(await refused(`/any?tags=a&tags=${encodeURIComponent('[{"__proto__":{}}]')}`)).toContainEqual({ pointer: "/query/filter/tags/1", detail: "has a forbidden key '__proto__'" });
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(await refused(`/any?d=${q(deep)}`)).toContainEqual({ pointer: "/query/filter/d", detail: "is nested deeper than 64 levels" });
  });

  it("a content (JSON) parameter alike", async () => {
    expect(await refused(`/content?where=${encodeURIComponent('{"x":{"__proto__":{"admin":true}}}')}`)).toContainEqual({ pointer: "/query/where", detail: "has a forbidden key '__proto__'" });
    expect(json(await raw(server.port, "GET", `/content?where=${q({ x: { y: 1 } })}`))).toEqual({ where: { x: { y: 1 } } });
  });
});
