/**
 * Which documented response a status falls under, and which errors a retry may mend, against a real server
 * on 127.0.0.1: a 2xx the operation does not document is never its `default` (that is for errors), and a
 * body its validator refused is not retried, whatever its status.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ok, inlinePackage, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type TestServer } from "./helpers/server.js";

const problem = { type: "object", properties: { title: { type: "string" } } };
const paths = {
  "/things": { get: {
    operationId: "listThings",
    responses: { ...ok({ type: "array" }), default: { description: "an error", content: { "application/json": { schema: problem } } } },
  } },
  "/health": { get: {
    operationId: "health",
    responses: { ...ok({ type: "object" }), "503": { description: "down", content: { "application/json": { schema: problem } } } },
  } },
};

let pkg: InlinePackage;
let server: TestServer;
beforeAll(async () => {
  pkg = await inlinePackage("statuskeys", paths);
  server = await startServer();
}, 60_000);
afterAll(() => server?.close());

it("a 2xx the operation does not document is an UnexpectedStatusError, not read as its default", async () => {
  server.handle(() => ({ status: 202, body: { title: "accepted" } }));
  const api = pkg.client({ baseUrl: server.url, retry: false });
  await expect(api.listThings!()).rejects.toMatchObject({ name: "UnexpectedStatusError", status: 202, bodyText: '{"title":"accepted"}' });
  server.handle(() => ({ status: 418, body: { title: "teapot" } }));
  await expect(api.listThings!()).rejects.toMatchObject({ name: "ApiError", status: 418, body: { title: "teapot" } });
});

it("a 503 whose body its validator refuses: ResponseValidationError, not retried", async () => {
  server.handle(() => ({ status: 503, body: { title: 7 } }));
  const refuse = () => ({ ok: false, errors: [{ path: "/title", keyword: "type", schemaPath: "#/properties/title/type", message: "must be string" }] });
  const api = pkg.client({ baseUrl: server.url, retry: { initialDelayMs: 1 }, validateResponses: { health: { "503": refuse } } });
  const before = server.requests.length;
  await expect(api.health!()).rejects.toMatchObject({ name: "ResponseValidationError", status: 503 });
  expect(server.requests.length - before).toBe(1);
});
