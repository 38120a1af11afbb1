/**
 * Statuses that end at their headers (RFC 9110 §15.3.5, §15.3.6, §15.4.5: 204, 205, 304; RFC 9112 §6.3),
 * answered under a documented range with content (`2XX`, `default`), which the handler types allow with a
 * body, as does the mock asked `Prefer: code=204`: no body is sent, nor a `Content-Length` or
 * `Content-Type` for it (§8.6: a server MUST NOT send a Content-Length in a 204). The node adapter announced
 * bytes it never sent; the Web handler's `Response` constructor refuses a body with these statuses, so it
 * rejected (a 500 behind Hono, a failed `fetch` under MSW).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, raw, type Listening } from "./helpers.js";

const json = (example: unknown) => ({ content: { "application/json": { schema: { type: "object" }, example } } });
const spec = {
  openapi: "3.1.0",
  info: { title: "No content", version: "1" },
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
      delete: { operationId: "deleteThing", responses: { "2XX": { description: "gone", ...json({ deleted: true }) } } },
      get: { operationId: "getThing", responses: { "200": { description: "it", ...json({ id: 1 }) }, default: { description: "other", ...json({ id: 1 }) } } },
      put: { operationId: "resetThing", responses: { "2XX": { description: "reset", ...json({ reset: true }) } } },
    },
  },
};

type Mod = Record<string, (...a: unknown[]) => any>;
let mod: Mod;
const handlers = {
  // a length and type of the handler's own for the body it gives are dropped with the body
  deleteThing: () => ({ status: 204, body: { deleted: true }, headers: { "X-Trace": "t1", "Content-Type": "application/json", "Content-Length": "7" } }),
  getThing: () => ({ status: 304, body: { id: 1 } }),
  resetThing: () => ({ status: 205, body: { reset: true } }),
};
let server: Listening;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-no-content-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "no-content" });
  mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Mod;
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, { validateResponses: true })));
}, 60_000);
afterAll(() => server.close());

const requests: [string, string, number][] = [
  ["DELETE", "/things/1", 204],
  ["GET", "/things/1", 304],
  ["PUT", "/things/1", 205],
];

describe("node adapter", () => {
  it.each(requests)("%s %s: %i with no body, Content-Length or Content-Type", async (method, url, status) => {
    const res = await raw(server.port, method, url);
    expect(res.status).toBe(status);
    expect(res.headers["content-length"]).toBeUndefined();
    expect(res.headers["content-type"]).toBeUndefined();
    expect(res.body).toBe("");
  });

  it("keeps the handler's own headers", async () => {
    expect((await raw(server.port, "DELETE", "/things/1")).headers["x-trace"]).toBe("t1");
  });
});

describe("Web handler", () => {
  it.each(requests)("%s %s: %i, a Response without a body", async (method, url, status) => {
    for (const h of [mod.createHandler!(handlers, { validateResponses: true }), mod.createHandler!(mod.createMockHandlers!(), { validateResponses: true })]) {
      const res = (await h(new Request(`http://api.test${url}`, { method, headers: { prefer: `code=${status}` } }))) as Response;
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBeNull();
      expect(res.headers.get("content-length")).toBeNull();
      expect(await res.text()).toBe("");
    }
  });
});
