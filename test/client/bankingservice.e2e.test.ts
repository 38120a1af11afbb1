/**
 * bankingservice.ai end to end: every operation against a real server on 127.0.0.1 (path parameters,
 * paging query parameters, JSON bodies on POST and PUT, DELETE), the OAuth2 token from an async
 * provider, a path value holding `/`, `?` and `#` kept inside its segment, the typed 404, and zero-based
 * paging that ends at `pages`.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createBankingserviceClient, type BankingserviceClient, type GetCustomerError } from "../../generated/bankingservice/src/client.js";
import type { Customer, CustomerPage, Problem } from "../../generated/bankingservice/src/types.js";
import { exchange, startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, operationIds, requestExample, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("bankingservice");
let server: TestServer;
let api: BankingserviceClient;
let tokens = 0;

beforeAll(async () => {
  server = await startServer();
  api = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: async () => `token-${++tokens}` } });
});
afterAll(() => server.close());

const input = requestExample(spec, "createCustomer") as Record<string, unknown>;
const cases: Record<string, { call: (c: BankingserviceClient) => Promise<unknown>; method: string; url: string; body?: unknown }> = {
  listCustomers: { call: (c) => c.listCustomers({ path: { profileId: "prof-1" }, query: { page: 0, size: 20 } }), method: "GET", url: "/v1/profiles/prof-1/customers?page=0&size=20" },
  createCustomer: { call: (c) => c.createCustomer({ path: { profileId: "prof-1" }, body: input }), method: "POST", url: "/v1/profiles/prof-1/customers", body: input },
  getCustomer: { call: (c) => c.getCustomer({ path: { profileId: "prof-1", customerId: "6f1c2b7e" } }), method: "GET", url: "/v1/profiles/prof-1/customers/6f1c2b7e" },
  updateCustomer: { call: (c) => c.updateCustomer({ path: { profileId: "prof-1", customerId: "6f1c2b7e" }, body: input }), method: "PUT", url: "/v1/profiles/prof-1/customers/6f1c2b7e", body: input },
  deleteCustomer: { call: (c) => c.deleteCustomer({ path: { profileId: "prof-1", customerId: "6f1c2b7e" } }), method: "DELETE", url: "/v1/profiles/prof-1/customers/6f1c2b7e" },
};

describe("bankingservice client, every operation on the wire", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(cases).sort()).toEqual(operationIds(spec));
  });

  it.each(Object.entries(cases))("%s sends the documented request and returns the example", async (id, c) => {
    const example = responseExample(spec, id, "200");
    const before = tokens;
    const { result, sent } = await exchange(server, example, () => c.call(api));
    const headers: Record<string, string> = { authorization: `Bearer token-${before + 1}`, accept: "application/json" };
    if (c.body) headers["content-type"] = "application/json";
    expect(wire(sent)).toEqual({ method: c.method, url: c.url, headers, body: c.body ?? "" });
    expect(result).toEqual(example);
  });

  it("types each result", () => {
    expectTypeOf(api.listCustomers).returns.resolves.toEqualTypeOf<CustomerPage>();
    expectTypeOf(api.getCustomer).returns.resolves.toEqualTypeOf<Customer>();
    expectTypeOf(api.listCustomers.items).returns.toEqualTypeOf<AsyncIterableIterator<Customer>>();
  });

  it("a path value with '/', '?', '#', '%' and spaces stays inside its segment", async () => {
    server.handle(() => ({ body: responseExample(spec, "getCustomer", "200") }));
    await api.getCustomer({ path: { profileId: "a/b?c=d#e", customerId: "50% off/..\u00e9" } });
    expect(server.requests.at(-1)!.url).toBe("/v1/profiles/a%2Fb%3Fc%3Dd%23e/customers/50%25%20off%2F..%C3%A9");
  });

  it("a path value that is empty or a dot segment is refused before anything is sent", async () => {
    const before = server.requests.length;
    for (const customerId of ["", ".", ".."]) {
      await expect(api.getCustomer({ path: { profileId: "p", customerId } })).rejects.toThrow(/path parameter 'customerId' cannot be/);
    }
    expect(server.requests.length).toBe(before);
  });

  it("the documented 404 is an ApiError whose status narrows the body", async () => {
    server.handle(() => ({ status: 404, body: { title: "Not found", status: 404 } }));
    const error = await api.getCustomer({ path: { profileId: "p", customerId: "nope" } }).catch((e: unknown) => e);
    if (!api.getCustomer.isError(error)) throw error;
    expectTypeOf(error).toEqualTypeOf<GetCustomerError>();
    if (error.status === 404) {
      expectTypeOf(error.body).toEqualTypeOf<Problem>();
      expect(error.body).toEqual({ title: "Not found", status: 404 });
    } else throw error;
  });
});

describe("bankingservice paging (zero-based page in the query, total from `pages`)", () => {
  const customer = (responseExample(spec, "getCustomer", "200") as Customer);
  it("items() asks for pages 0, 1 and 2 of 3 and yields their customers", async () => {
    server.handle((r) => {
      const page = Number(new URLSearchParams(r.query).get("page"));
      return { body: { page, pages: 3, size: 2, count: 6, data: [{ ...customer, id: `c${2 * page}` }, { ...customer, id: `c${2 * page + 1}` }] } };
    });
    const start = server.requests.length;
    const ids: string[] = [];
    for await (const c of api.listCustomers.items({ path: { profileId: "prof-1" }, query: { size: 2 } })) ids.push(c.id);
    expect(ids).toEqual(["c0", "c1", "c2", "c3", "c4", "c5"]);
    expect(server.requests.slice(start).map((r) => r.url)).toEqual([
      "/v1/profiles/prof-1/customers?page=0&size=2",
      "/v1/profiles/prof-1/customers?page=1&size=2",
      "/v1/profiles/prof-1/customers?page=2&size=2",
    ]);
  });
});
