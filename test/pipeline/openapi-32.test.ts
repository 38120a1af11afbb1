/**
 * OpenAPI 3.2 documents (the openapi-32 fixture): read as 3.1 where 3.2 has a 3.1 form, QUERY, additional
 * and querystring operations kept (test/server/http-methods-32.test.ts runs them); and, on 127.0.0.1, the generated client reading the generated server's
 * event stream described by `itemSchema`, and the mock answering with a `dataValue` example of a reusable
 * media type.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatDiagnostic, SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { ROOT, tempDir } from "../helpers/project.js";
import { createOpenapi32Client, type ServerSentEvent } from "../fixtures/openapi-32/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener } from "../fixtures/openapi-32/generated/src/server.js";
import type { Price, Tick } from "../fixtures/openapi-32/generated/src/types.js";
import { listen, type Listening } from "../server/helpers.js";

const FIXTURE = path.join(ROOT, "test/fixtures/openapi-32/openapi.yaml");
const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

describe("OpenAPI 3.2 read as 3.1", () => {
  it("keeps what 3.1 can say, and generates the QUERY, additional and querystring operations 3.1 has no field for", async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const { ir, warnings } = await generate({ input: FIXTURE, targets: ["types"] });
      expect(ir.operations.map((o) => `${o.httpMethod} ${o.path}`)).toEqual(["GET /ticks", "GET /notices", "GET /prices/{symbol}", "GET /prices", "QUERY /prices", "PURGE /prices"]);
      expect(warnings.map(formatDiagnostic)).toEqual([]);
      const doc = ir.document as Record<string, any>;
      // what only 3.2 can say stays, so the document says 3.2
      expect(doc.openapi).toBe("3.2.0");
      expect(Object.keys(doc.paths)).toEqual(["/ticks", "/notices", "/prices/{symbol}", "/prices"]);
      expect(Object.keys(doc.paths["/prices"])).toEqual(["query", "get", "additionalOperations"]);
      expect(doc.components.mediaTypes).toBeUndefined();
      expect(doc.paths["/prices/{symbol}"].get.responses["200"].content["application/json"]).toEqual({
        schema: { $ref: "#/components/schemas/Price" },
        examples: { acme: { summary: "ACME's price", value: { symbol: "ACME", amount: "12.50" } } },
      });
      expect(doc.paths["/ticks"].get.responses["200"].content["text/event-stream"]).toEqual({ schema: { $ref: "#/components/schemas/Tick" } });
      expect(doc.paths["/notices"].get.responses["200"].content["text/event-stream"]).toEqual({ schema: { anyOf: [{ type: "string" }, { type: "string", maxLength: 140 }] } });
      expect(doc.tags).toEqual([{ name: "prices" }, { name: "ticks" }]);
      expect(doc.servers).toEqual([{ url: "https://api.example.test" }]);
      expect(Object.keys(doc.components.securitySchemes.device.flows)).toEqual(["clientCredentials"]);
      expect(doc.$self).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });

  it("the client reads the server's itemSchema event stream as typed events, JSON data and text data", async () => {
    const s = await listen(toNodeListener(createHandler({
      streamTicks: () => ({ status: 200, body: [{ data: { seq: 1, at: "2026-01-02T03:04:05Z" }, id: "t1" }, { data: { seq: 2 }, event: "tick" }] }),
      streamNotices: () => ({ status: 200, body: [{ data: "market open", event: "notice" }] }),
      getPrice: () => ({ status: 404 }),
      searchPrices: () => ({ status: 200 }),
      queryPrices: () => ({ status: 200 }),
      purgePrices: () => ({ status: 204 }),
    }, { security: { device: (token) => (token === "t" ? { user: "u" } : null) } })));
    open.push(s);
    const client = createOpenapi32Client({ baseUrl: s.url, auth: { device: "t" }, retry: false });
    const ticks: ServerSentEvent<Tick>[] = [];
    for await (const e of await client.streamTicks()) ticks.push(e);
    expectTypeOf(ticks[0]!.data).toEqualTypeOf<Tick>();
    expect(ticks).toEqual([
      { event: "message", data: { seq: 1, at: "2026-01-02T03:04:05Z" }, id: "t1" },
      { event: "tick", data: { seq: 2 }, id: "t1" },
    ]);
    const notices: string[] = [];
    for await (const e of await client.streamNotices()) notices.push(e.data);
    expect(notices).toEqual(["market open"]);
  });

  it("the mock answers with the dataValue example of the reusable media type", async () => {
    const s = await listen(toNodeListener(createHandler(createMockHandlers(), { security: mockSecurity, validateResponses: true })));
    open.push(s);
    const price = await createOpenapi32Client({ baseUrl: s.url, auth: { device: "any" }, retry: false }).getPrice({ path: { symbol: "ACME" } });
    expectTypeOf(price).toEqualTypeOf<Price>();
    expect(price).toEqual({ symbol: "ACME", amount: "12.50" });
  });
});

describe("OpenAPI 3.2 operations 3.2 forbids or fetch cannot send", () => {
  const spec = (pathItem: Record<string, unknown>) => {
    const dir = tempDir("specforge-32-");
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify({ openapi: "3.2.0", info: { title: "T", version: "1" }, paths: { "/things": pathItem } }, null, 2));
    return file;
  };
  const ok = { responses: { "200": { description: "ok" } } };
  const problems = async (file: string) => {
    const e = await generate({ input: file, targets: ["types"] }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(SpecforgeError);
    return (e as SpecforgeError).diagnostics.map((d) => `${d.code} ${d.location?.pointer}`);
  };

  it("an additional operation named as a fixed method, or by no HTTP token, is an error at its pointer", async () => {
    expect(await problems(spec({ get: { operationId: "a", ...ok }, additionalOperations: { GET: { operationId: "b", ...ok }, query: { operationId: "c", ...ok }, "NO SUCH": { operationId: "d", ...ok } } }))).toEqual([
      "check/additional-fixed-method /paths/~1things/additionalOperations/GET",
      "check/additional-fixed-method /paths/~1things/additionalOperations/query",
      "check/method-not-token /paths/~1things/additionalOperations/NO SUCH",
    ]);
  });

  it("the same holds for a webhook's path item (its operations are generated as a path's are)", async () => {
    const dir = tempDir("specforge-32-");
    const file = path.join(dir, "openapi.json");
    const webhook = { additionalOperations: { POST: { operationId: "b", ...ok } }, post: { operationId: "a", responses: { "2xx0": { description: "bad" } } } };
    writeFileSync(file, JSON.stringify({ openapi: "3.2.0", info: { title: "T", version: "1" }, webhooks: { "pet.created": webhook } }, null, 2));
    expect(await problems(file)).toEqual([
      "check/additional-fixed-method /webhooks/pet.created/additionalOperations/POST",
      "check/response-status /webhooks/pet.created/post/responses/2xx0",
    ]);
  });

  it("an in: querystring parameter beside in: query ones, twice, or without content is an error at its pointer", async () => {
    const qs = (name: string) => ({ name, in: "querystring", content: { "application/json": { schema: { type: "object" } } } });
    expect(await problems(spec({ get: { operationId: "a", parameters: [qs("q"), { name: "limit", in: "query", schema: { type: "integer" } }], ...ok } }))).toEqual([
      "check/querystring-with-query /paths/~1things/get/parameters/1",
    ]);
    expect(await problems(spec({ parameters: [qs("q")], post: { operationId: "a", parameters: [qs("r")], ...ok } }))).toEqual([
      "check/querystring-twice /paths/~1things/post/parameters/0",
    ]);
    expect(await problems(spec({ get: { operationId: "a", parameters: [{ name: "q", in: "querystring", schema: { type: "object" } }], ...ok } }))).toEqual([
      "check/querystring-content /paths/~1things/get/parameters/0",
    ]);
  });

  it("a parameter whose name is a mapping is an error at its pointer, an in: querystring one too (it was an internal error: String() of { toString: 1 })", async () => {
    const odd = { name: { toString: 1 }, content: { "application/json": { schema: { type: "object" } } } };
    expect(await problems(spec({ get: { operationId: "a", parameters: [{ ...odd, in: "querystring" }], ...ok } }))).toEqual([
      "check/parameter-field /paths/~1things/get/parameters/0/name",
    ]);
    expect(await problems(spec({ get: { operationId: "a", parameters: [{ name: "q", in: "querystring", schema: {} }, { ...odd, in: "query" }], ...ok } }))).toEqual([
      "check/querystring-content /paths/~1things/get/parameters/0",
      "check/querystring-with-query /paths/~1things/get/parameters/1",
      "check/parameter-field /paths/~1things/get/parameters/1/name",
    ]);
  });

  it("an additional CONNECT is left out with a warning (fetch refuses to send it); the rest is generated", async () => {
    const { ir, warnings } = await generate({ input: spec({ additionalOperations: { CONNECT: { operationId: "tunnel", ...ok }, PURGE: { operationId: "purge", ...ok } } }), targets: ["types"] });
    expect(ir.operations.map((o) => `${o.httpMethod} ${o.pointer}`)).toEqual(["PURGE /paths/~1things/additionalOperations/PURGE"]);
    expect(warnings.map((w) => `${w.code} ${w.location?.pointer}`)).toEqual(["normalize/unsupported-32 /paths/~1things/additionalOperations/CONNECT"]);
  });
});

describe("an additional method Node's HTTP server does not read", () => {
  it("is generated, with a warning at its pointer that node:http (and so Express, Fastify, the mock) answers it 400", async () => {
    const dir = tempDir("specforge-32-");
    const file = path.join(dir, "openapi.json");
    const ok = { responses: { "204": { description: "ok" } } };
    writeFileSync(file, JSON.stringify({ openapi: "3.2.0", info: { title: "T", version: "1" }, paths: { "/x": { additionalOperations: { FROB: { operationId: "frob", ...ok }, Purge: { operationId: "purge", ...ok }, LINK: { operationId: "link", ...ok } } } } }));
    const { ir, warnings } = await generate({ input: file, targets: ["types"] });
    expect(ir.operations.map((o) => o.httpMethod)).toEqual(["FROB", "Purge", "LINK"]);
    expect(warnings.map((w) => `${w.code} ${w.location?.pointer} (${w.help})`)).toEqual([
      "ir/method-unknown-to-node /paths/~1x/additionalOperations/FROB (use a method Node reads (LINK, PURGE, SEARCH, ...), or serve the Web handler on a runtime that takes any method)",
      "ir/method-unknown-to-node /paths/~1x/additionalOperations/Purge (write the method as Node reads it: 'PURGE')",
    ]);
  });
});
