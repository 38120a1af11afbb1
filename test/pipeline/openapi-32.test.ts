/**
 * OpenAPI 3.2 documents (the openapi-32 fixture): read as 3.1 where 3.2 has a 3.1 form, the rest left out
 * with a warning at its place; and, on 127.0.0.1, the generated client reading the generated server's
 * event stream described by `itemSchema`, and the mock answering with a `dataValue` example of a reusable
 * media type.
 */
import path from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { ROOT } from "../helpers/project.js";
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
  it("keeps what 3.1 can say and warns, at its line, for each operation it leaves out", async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const { ir, warnings } = await generate({ input: FIXTURE, targets: ["types"] });
      expect(ir.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual(["GET /ticks", "GET /notices", "GET /prices/{symbol}"]);
      expect(warnings.map(formatDiagnostic).map((l) => l.replace(/ \(describe the operation.*$/, ""))).toEqual([
        "test/fixtures/openapi-32/openapi.yaml:69:5 (#/paths/~1prices/query) warning normalize/unsupported-32: a QUERY operation is left out: specforge does not generate it yet (OpenAPI 3.2)",
        "test/fixtures/openapi-32/openapi.yaml:88:7 (#/paths/~1prices/additionalOperations/PURGE) warning normalize/unsupported-32: the PURGE operation is left out: specforge does not generate it yet (OpenAPI 3.2)",
        "test/fixtures/openapi-32/openapi.yaml:77:5 (#/paths/~1prices/get) warning normalize/unsupported-32: GET with an `in: querystring` parameter is left out: specforge does not generate it yet (OpenAPI 3.2)",
      ]);
      const doc = ir.document as Record<string, any>;
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(["/ticks", "/notices", "/prices/{symbol}"]);
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
