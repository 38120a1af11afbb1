/**
 * A sequence or stream of JSON texts (`application/json-seq`, RFC 7464; `application/x-ndjson`) is no JSON
 * document: no JSON parse reads its body, so the client hands it over as bytes (a `Blob`), whatever schema
 * its records have. A `+json` type (RFC 6839), `application/json-patch+json` among them, is JSON. A real
 * server on 127.0.0.1.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { inlinePackage, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type TestServer } from "./helpers/server.js";

const record = { type: "object", properties: { id: { type: "string" } } };
const answer = (mediaType: string) => ({ "200": { description: "ok", content: { [mediaType]: { schema: record } } } });
const paths = {
  "/seq": { get: { operationId: "sequence", responses: answer("application/json-seq") } },
  "/lines": { get: { operationId: "lines", responses: answer("application/x-ndjson") } },
  "/patch": { get: { operationId: "patch", responses: answer("application/json-patch+json") } },
  "/vendor": { get: { operationId: "vendor", responses: answer("application/vnd.api+json") } },
};
const SEQUENCE = '\u001e{"id":"a"}\n\u001e{"id":"b"}\n';

let server: TestServer;
let pkg: InlinePackage;
beforeAll(async () => {
  server = await startServer();
  pkg = await inlinePackage("sequences", paths);
}, 60_000);
afterAll(() => server?.close());

it("a json-seq answer is its bytes, as an ndjson one is: a JSON parse would refuse the record separators", async () => {
  const api = pkg.client({ baseUrl: server.url });
  server.handle((req) => ({ headers: { "content-type": req.url === "/seq" ? "application/json-seq" : "application/x-ndjson" }, body: SEQUENCE }));
  for (const call of [api.sequence!, api.lines!]) {
    const got = await call();
    expect(got).toBeInstanceOf(Blob);
    expect(await (got as Blob).text()).toBe(SEQUENCE);
  }
  // typed as such: the client's method returns a Blob
  expect(pkg.files.find((f) => f.path.endsWith("/client.ts"))?.contents).toMatch(/sequence: runtime\.OperationMethod<SequenceInput, Blob,/);
});

it("a +json type is JSON, json-patch+json too", async () => {
  const api = pkg.client({ baseUrl: server.url });
  server.handle((req) => ({ headers: { "content-type": req.url === "/patch" ? "application/json-patch+json" : "application/vnd.api+json" }, body: '{"id":"c"}' }));
  expect(await api.patch!()).toEqual({ id: "c" });
  expect(await api.vendor!()).toEqual({ id: "c" });
});
