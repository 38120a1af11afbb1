/**
 * A client generated with `client: { validateRequests: true }` (fixture validated-requests) checks each
 * call's parameters and body with the validators target before sending, as hey-api's SDK with a validator
 * does: a bad input rejects with every issue and nothing reaches the server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createValidatedRequestsClient, createValidatedRequestsWebhookSender, RequestValidationError } from "../fixtures/validated-requests/generated/src/client.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ status: 201, body: { id: "i1", name: "hat" } }));
});
afterAll(() => server.close());

const issuesOf = (e: unknown) => (e as RequestValidationError).issues.map((i) => `${i.path} ${i.keyword}`).sort();

describe("client generated with validateRequests", () => {
  it("refuses a bad call with every issue of its path, query, headers and body; nothing is sent", async () => {
    const api = createValidatedRequestsClient({ baseUrl: server.url });
    const before = server.requests.length;
    const listed = await api.listItems({ path: { org: "Acme" }, query: { limit: 0 }, headers: { "X-Tenant": "much-too-long" } }).catch((e: unknown) => e);
    expect(listed).toBeInstanceOf(RequestValidationError);
    expect(issuesOf(listed)).toEqual(["/header/X-Tenant maxLength", "/path/org pattern", "/query/limit minimum"]);
    expect((listed as Error).message).toMatch(/^listItems \(GET .*\): the input does not match the spec: /);
    const created = await api.createItem({ path: { org: "acme" }, body: { name: "", email: "not an email" } }).catch((e: unknown) => e);
    expect(issuesOf(created)).toEqual(["/body/email format", "/body/name minLength"]);
    // a JavaScript caller leaving out a required parameter
    const missing = await api.listItems({ path: { org: "acme" } } as never).catch((e: unknown) => e);
    expect(issuesOf(missing)).toEqual(["/query/limit required"]);
    expect(server.requests.length).toBe(before);
    // .safe() gives it as its error
    const safe = await api.createItem.safe({ path: { org: "acme" }, body: { name: "" } });
    expect(safe.error).toBeInstanceOf(RequestValidationError);
    expect(server.requests.length).toBe(before);
  });

  it("sends an operation without parameters or body (nothing to check)", async () => {
    const api = createValidatedRequestsClient({ baseUrl: server.url });
    server.handle(() => ({ status: 204 }));
    expect(await api.getHealth()).toBeUndefined();
    expect(server.requests.at(-1)).toMatchObject({ method: "GET", path: "/health" });
    server.handle(() => ({ status: 201, body: { id: "i1", name: "hat" } }));
  });

  it("sends a good call", async () => {
    const api = createValidatedRequestsClient({ baseUrl: server.url });
    expect(await api.createItem({ path: { org: "acme" }, body: { name: "hat", email: "ada@example.com" } })).toEqual({ id: "i1", name: "hat" });
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", path: "/orgs/acme/items" });
  });

  it("a caller can turn it off: the server gets what was given", async () => {
    const api = createValidatedRequestsClient({ baseUrl: server.url, validateRequests: undefined });
    const before = server.requests.length;
    await api.createItem({ path: { org: "acme" }, body: { name: "" } });
    expect(server.requests.length).toBe(before + 1);
  });

  it("the webhook sender checks the payload it sends", async () => {
    const sender = createValidatedRequestsWebhookSender({ baseUrl: `${server.url}/hooks` });
    server.handle(() => ({ status: 204 }));
    const before = server.requests.length;
    const error = await sender.onItemCreated({ body: { id: "i1" } as never }).catch((e: unknown) => e);
    expect(issuesOf(error)).toEqual(["/body/name required"]);
    expect(server.requests.length).toBe(before);
    await sender.onItemCreated({ body: { id: "i1", name: "hat" } });
    expect(server.requests.length).toBe(before + 1);
  });
});
