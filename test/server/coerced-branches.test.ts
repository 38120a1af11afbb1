/**
 * Query parameters read as text and coerced by the parameter validators, over 127.0.0.1: a `oneOf`/`anyOf`
 * branch the text does not fit leaves it as sent for the next (a zip code "0123" is no integer 123), and the
 * text `Infinity` is no number.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "Places", version: "1" },
  paths: {
    "/places": {
      get: {
        operationId: "findPlaces",
        parameters: [
          { name: "zip", in: "query", schema: { oneOf: [{ type: "integer", maximum: 99 }, { type: "string", pattern: "^0" }] } },
          { name: "code", in: "query", schema: { anyOf: [{ type: "integer", minimum: 10 }, { type: "string" }] } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
        ],
        responses: { "200": { description: "what the handler received", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

let server: Listening | undefined;

beforeAll(async () => {
  const input = path.join(tempDir("specforge-coerced-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "places", targets: ["server"] });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "server.js")).href)) as Record<string, (...a: unknown[]) => unknown>;
  const handler = mod.createHandler!({ findPlaces: ({ query }: Record<string, unknown>) => ({ status: 200, body: query }) });
  server = await listen(mod.toNodeListener!(handler) as never);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

it("a branch the text does not fit leaves it as sent; the first it fits gives the value", async () => {
  const sent = await raw(server!.port, "GET", "/places?zip=0123&code=05&limit=3");
  expect([sent.status, json(sent)]).toEqual([200, { zip: "0123", code: "05", limit: 3 }]);
  const numbers = await raw(server!.port, "GET", "/places?zip=42&code=12");
  expect([numbers.status, json(numbers)]).toEqual([200, { zip: 42, code: 12 }]);
});

it("Infinity is no number: a 400 naming the parameter", async () => {
  const reply = await raw(server!.port, "GET", "/places?limit=Infinity");
  expect(reply.status).toBe(400);
  expect(reply.body).toContain("/query/limit");
});
