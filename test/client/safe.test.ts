/**
 * `method.safe()`, openapi-fetch's and hey-api's `{ data, error }` style, against a real server on
 * 127.0.0.1: a success gives `data`, every error the call would have thrown comes back as `error` (typed,
 * narrowed by `isError`), and only what is no answer of the API (a bug in a hook) still rejects.
 */
import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  ApiError,
  ClientError,
  createBankingserviceClient,
  NetworkError,
  ResponseParseError,
  UnexpectedStatusError,
  type BankingserviceClient,
  type GetCustomerError,
} from "../../generated/bankingservice/src/client.js";
import type { GetCustomerResponse } from "../../generated/bankingservice/src/types.js";
import { startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
let api: BankingserviceClient;
const CUSTOMER = { id: "c1", company: "", first_name: "", last_name: "", email: "a@b.c", phone: "", address: {}, created: "2024-01-01T00:00:00Z" };
const input = { path: { profileId: "p", customerId: "c1" } };

beforeAll(async () => {
  server = await startServer();
  api = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: "t" }, retry: false });
});
afterAll(() => server.close());

describe("safe(): { data, error, response }", () => {
  it("a 2xx: data is the typed body, error undefined, the response kept", async () => {
    server.handle(() => ({ body: CUSTOMER, headers: { "x-trace": "abc" } }));
    const result = await api.getCustomer.safe(input);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(CUSTOMER);
    expect(result.response?.headers.get("x-trace")).toBe("abc");
    if (result.error === undefined) expectTypeOf(result.data).toEqualTypeOf<GetCustomerResponse>();
  });

  it("a documented error: error is the ApiError the call would throw, narrowed by isError to its typed body", async () => {
    server.handle(() => ({ status: 404, body: { error: "not_found", message: "no such customer" } }));
    const result = await api.getCustomer.safe(input);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(ApiError);
    expect(result.response?.status).toBe(404);
    if (!api.getCustomer.isError(result.error)) return expect.unreachable("a documented status");
    expectTypeOf(result.error).toEqualTypeOf<GetCustomerError>();
    expect(result.error.status).toBe(404);
    if (result.error.status === 404) expect(result.error.body).toEqual({ error: "not_found", message: "no such customer" });
    // the call itself throws the same error
    await expect(api.getCustomer(input)).rejects.toBeInstanceOf(ApiError);
  });

  it("an undocumented status, a body that is not JSON, a refused connection: each its ClientError in error", async () => {
    server.handle(() => ({ status: 418, body: "teapot" }));
    const teapot = await api.getCustomer.safe(input);
    expect(teapot.error).toBeInstanceOf(UnexpectedStatusError);
    expect(teapot.response?.status).toBe(418);

    server.handle(() => ({ status: 200, headers: { "content-type": "application/json" }, body: "<html>" }));
    expect((await api.getCustomer.safe(input)).error).toBeInstanceOf(ResponseParseError);

    const closed = await startServer();
    const url = closed.url;
    await closed.close();
    const offline = createBankingserviceClient({ baseUrl: url, auth: { oauth2: "t" }, retry: false });
    const down = await offline.getCustomer.safe(input);
    expect(down).toMatchObject({ data: undefined, response: undefined });
    expect(down.error).toBeInstanceOf(NetworkError);
    expectTypeOf(down.error).toEqualTypeOf<GetCustomerError | ClientError | undefined>();
  });

  it("a hook's own bug is no answer of the API: safe() rejects with it, as the call does", async () => {
    const broken = createBankingserviceClient({
      baseUrl: server.url,
      auth: { oauth2: "t" },
      retry: false,
      hooks: [{ onRequest: () => { throw new TypeError("hook bug"); } }],
    });
    server.handle(() => ({ body: CUSTOMER }));
    await expect(broken.getCustomer.safe(input)).rejects.toThrow("hook bug");
  });

  it("an onResponse hook's bug rejects the call and safe() as it is: no NetworkError, no retry", async () => {
    const bug = new TypeError("bug in my onResponse");
    const broken = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: "t" }, retry: { initialDelayMs: 1 }, hooks: [{ onResponse: () => { throw bug; } }] });
    server.handle(() => ({ body: CUSTOMER }));
    const before = server.requests.length;
    await expect(broken.getCustomer(input)).rejects.toBe(bug);
    await expect(broken.getCustomer.safe(input)).rejects.toBe(bug);
    expect(server.requests.length - before).toBe(2);
  });

  it("a hook's bug ends the call's timeout (its timer and its listener on the caller's signal go together)", async () => {
    const signal = new AbortController().signal;
    for (const hooks of [[{ onRequest: () => { throw new TypeError("hook bug"); } }], [{ onResponse: () => { throw new TypeError("hook bug"); } }]]) {
      const broken = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: "t" }, timeoutMs: 60_000, hooks });
      await expect(broken.getCustomer(input, { signal })).rejects.toThrow("hook bug");
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});
