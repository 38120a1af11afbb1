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
  const handlers = { searchAny: answer, searchUntyped: answer, searchNamed: answer, searchLists: answer };
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
