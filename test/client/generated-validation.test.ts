/**
 * A client generated with `client: { validateResponses: true }` (fixture validated-client, only the
 * client target asked for) checks responses by default, against a real server on 127.0.0.1.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createValidatedClientClient, ResponseValidationError } from "../fixtures/validated-client/generated/src/client.js";
import { ROOT } from "../helpers/project.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ body: { id: "t1", count: 2 } }));
});
afterAll(() => server.close());

describe("client generated with validateResponses", () => {
  it("brought the validators target along", () => {
    expect(existsSync(path.join(ROOT, "test/fixtures/validated-client/generated/src/validators.js"))).toBe(true);
  });

  it("accepts a documented body and rejects another by default, with the JSON pointer", async () => {
    const api = createValidatedClientClient({ baseUrl: server.url });
    expect(await api.getThing({ path: { id: "t1" } })).toEqual({ id: "t1", count: 2 });
    server.handle(() => ({ body: { id: "t1", count: -1 } }));
    const error = await api.getThing({ path: { id: "t1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 200, issues: [expect.objectContaining({ path: "/count", keyword: "minimum" })] });
  });

  it("a caller can turn it off", async () => {
    server.handle(() => ({ body: { id: "t1", count: -1 } }));
    const api = createValidatedClientClient({ baseUrl: server.url, validateResponses: undefined });
    expect(await api.getThing({ path: { id: "t1" } })).toEqual({ id: "t1", count: -1 });
  });
});
