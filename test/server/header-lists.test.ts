/**
 * Header parameters written as HTTP lists (RFC 9110 §5.6.1: `a, b`, the space being no part of an item), or
 * sent as the same header twice, which node joins with `, `: a `simple` list's items and an object's names
 * and values, exploded or not, are read without that space.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const pair = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "Header lists", version: "1" },
  paths: {
    "/echo": {
      get: {
        operationId: "echo",
        parameters: [
          { name: "X-Tags", in: "header", schema: { type: "array", items: { type: "string" } } },
          { name: "X-Pair", in: "header", schema: pair },
          { name: "X-Pairs", in: "header", explode: true, schema: pair },
        ],
        responses: { "200": { description: "the headers as read", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

let server: Listening;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-header-lists-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "header-lists" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  server = await listen(mod.toNodeListener!(mod.createHandler!({ echo: ({ headers }: { headers: unknown }) => ({ status: 200, body: headers }) }, {})));
}, 60_000);
afterAll(() => server.close());

it("a list's items and an object's names and values, with a space after each comma", async () => {
  const res = await raw(server.port, "GET", "/echo", { "x-tags": "a, b", "x-pair": "a, 1, b, 2", "x-pairs": "a=1, b=2" });
  expect(json(res)).toEqual({ "X-Tags": ["a", "b"], "X-Pair": { a: "1", b: "2" }, "X-Pairs": { a: "1", b: "2" } });
});

it("an object whose names and values do not pair up is refused, not read as a guess", async () => {
  const res = await raw(server.port, "GET", "/echo", { "x-pair": "a, 1, b" });
  expect(res.status).toBe(400);
  expect((json(res) as { errors: unknown[] }).errors).toContainEqual({ pointer: "/header/X-Pair", detail: expect.stringContaining("odd number of items") });
});

it("a header sent twice, as node joins it", async () => {
  const res = await raw(server.port, "GET", "/echo", { "x-tags": ["a", "b"], "x-pair": ["a,1", "b,2"], "x-pairs": ["a=1", "b=2"] } as never);
  expect(json(res)).toEqual({ "X-Tags": ["a", "b"], "X-Pair": { a: "1", b: "2" }, "X-Pairs": { a: "1", b: "2" } });
});

it("without spaces, as the generated client sends them", async () => {
  const res = await raw(server.port, "GET", "/echo", { "x-tags": "a,b", "x-pair": "a,1,b,2", "x-pairs": "a=1,b=2" });
  expect(json(res)).toEqual({ "X-Tags": ["a", "b"], "X-Pair": { a: "1", b: "2" }, "X-Pairs": { a: "1", b: "2" } });
});
