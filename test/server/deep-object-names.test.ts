/**
 * `deepObject` query parameters whose member names hold brackets, `%`, `+` or spaces: the client escapes a
 * name's own characters (`%5B`, `%5D`, `%25`, also with `allowReserved`, which is for values) and writes the
 * notation's brackets literally; the server splits a key at its literal brackets before it decodes the names,
 * so `filter[a%5D%5Bb]` is the member `a][b`, not `a` holding `b`. A key with no literal bracket (qs and
 * URLSearchParams escape them all) is split once decoded, and a name's own brackets that pair up may come
 * literally (`filter[a[b]]` is the member `a[b]`). Client and raw requests over 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const echo = { "200": { description: "the query as read", content: { "application/json": { schema: { type: "object" } } } } };
const search = (operationId: string, extra: object = {}) => ({
  get: {
    operationId,
    parameters: [
      { name: "filter", in: "query", style: "deepObject", explode: true, schema: { type: "object", additionalProperties: true }, ...extra },
      { name: "filter[x]", in: "query", schema: { type: "string" } },
    ],
    responses: echo,
  },
});
const spec = {
  openapi: "3.1.0",
  info: { title: "Deep names", version: "1" },
  paths: { "/plain": search("plain"), "/reserved": search("reserved", { allowReserved: true }) },
};

let server: Listening;
let client: Record<string, (input: unknown) => Promise<unknown>>;
let sent: string[] = [];
beforeAll(async () => {
  const input = path.join(tempDir("specforge-deep-names-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "deep-names" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const answer = ({ query, request }: { query: unknown; request: { url: string } }) => {
    sent.push(request.url);
    return { status: 200, body: query ?? {} };
  };
  server = await listen(mod.toNodeListener!(mod.createHandler!({ plain: answer, reserved: answer }, {})));
  client = mod.createDeepNamesClient!({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server?.close());

const names: [string, Record<string, unknown>][] = [
  ["brackets that pair", { "a[b]": "1" }],
  ["a lone ]", { "a]": "1", "]": "2" }],
  ["a lone [", { "a[": "1", "[": "2" }],
  ["brackets that read as the notation", { "a][b": "1" }],
  ["percent signs", { "50%": "1", "%41": "2", "%": "3" }],
  ["spaces, + and other text", { "a b": "1", "x+y": "2", "é&=#": "3" }],
  ["an empty name", { "": "1" }],
  ["nested, each level's own", { "a[b]": { "c]": "1", "[d": { "%25": "2" } } }],
];

describe("the client's deepObject names read back as sent", () => {
  it.each(names)("%s", async (_, filter) => {
    for (const op of ["plain", "reserved"]) expect(await client[op]!({ query: { filter } }), op).toEqual({ filter });
  });

  it("a name's own brackets are escaped, the notation's literal, allowReserved or not", async () => {
    sent = [];
    await client.plain!({ query: { filter: { "a][b": "1" } } });
    await client.reserved!({ query: { filter: { "a][b": "[1]" } } });
    expect(sent).toEqual(["/plain?filter[a%5D%5Bb]=1", "/reserved?filter[a%5D%5Bb]=[1]"]);
  });
});

describe("keys written by hand or by other clients", () => {
  it.each([
    ["filter[a][b]=1", { a: { b: "1" } }],
    ["filter%5Ba%5D%5Bb%5D=1", { a: { b: "1" } }],
    ["filter[a%5Bb%5D]=1", { "a[b]": "1" }],
    ["filter[a%5D%5Bb]=1", { "a][b": "1" }],
    ["filter[a[b]]=1", { "a[b]": "1" }],
    ["filter%5Ba%5Bb%5D%5D=1", { "a[b]": "1" }],
    // a [ that no ] closes is the name's own: the name ends at the first ]
    ["filter[[a]=1&filter[b[][c]=2", { "[a": "1", "b[": { c: "2" } }],
    ["filter%5B%5Ba%5D=1", { "[a": "1" }],
    ["filter[50%25]=1&filter[a+b]=2", { "50%": "1", "a b": "2" }],
    ["filter[t]=1&filter[t]=2", { t: ["1", "2"] }],
  ])("%s", async (query, filter) => {
    const res = await raw(server.port, "GET", `/plain?${query}`);
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ filter });
  });

  it("another parameter's name is its own, not a member", async () => {
    expect(json(await raw(server.port, "GET", "/plain?filter%5Bx%5D=1&filter[y]=2"))).toEqual({ "filter[x]": "1", filter: { y: "2" } });
  });

  it.each(["filter[a=1", "filter[a]]=1", "filter[a]b=1", "filter[a%ZZ]=1"])("%s is a 400 naming the parameter", async (query) => {
    const res = await raw(server.port, "GET", `/plain?${query}`);
    expect(res.status).toBe(400);
    expect((json(res).errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(["/query/filter"]);
  });
});
