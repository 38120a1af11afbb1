/**
 * Parameters named like Object.prototype's members (`constructor`, `toString`): a value is the caller's own
 * or none, so one left out is not read from the prototype and sent as a function's text. A real server on
 * 127.0.0.1 records what came.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ok, inlinePackage, queryParam, type InlinePackage } from "./helpers/inline-package.js";
import { startServer, type TestServer } from "./helpers/server.js";

const paths = {
  "/search": { get: {
    operationId: "search",
    parameters: [queryParam("constructor"), queryParam("toString"), { name: "valueOf", in: "header", schema: { type: "string" } }, { name: "hasOwnProperty", in: "cookie", schema: { type: "string" } }],
    responses: ok({ type: "object" }),
  } },
};

let pkg: InlinePackage;
let server: TestServer;
beforeAll(async () => {
  pkg = await inlinePackage("ownnames", paths);
  server = await startServer();
}, 60_000);
afterAll(() => server?.close());

it("left out, they are not sent; given, they are", async () => {
  const api = pkg.client({ baseUrl: server.url, retry: false });
  await api.search!({ query: {}, headers: {}, cookies: {} });
  const none = server.requests.at(-1)!;
  expect([none.url, none.headers.valueof, none.headers.cookie]).toEqual(["/search", undefined, undefined]);
  await api.search!({ query: { constructor: "a", toString: "b" }, headers: { valueOf: "c" }, cookies: { hasOwnProperty: "d" } });
  const given = server.requests.at(-1)!;
  expect([given.url, given.headers.valueof, given.headers.cookie]).toEqual(["/search?constructor=a&toString=b", "c", "hasOwnProperty=d"]);
});
