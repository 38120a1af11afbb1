/**
 * Lumyri end to end: the bearer token and the `x-app-id` API-key header required together on every
 * operation, query parameters with spaces and reserved characters, DELETE with a JSON body, PUT with
 * `labels: null`, paging on the query's `page` until `last_page`, and the typed 400.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createLumyriClient, type CreateCustomerError, type LumyriClient } from "../../generated/lumyri/src/client.js";
import type { Customer, CustomerDetail, CustomerPageResponse, CustomerResponse, DeleteCustomersResponse, ErrorResponse } from "../../generated/lumyri/src/types.js";
import { exchange, startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, operationIds, requestExample, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("lumyri");
let server: TestServer;
let api: LumyriClient;
const APP = "14e43e28-7e6d-461e-b1c9-7c54736f4331";
const AUTH = { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", "x-app-id": APP, accept: "application/json" };
const ID = "346dd239-cbe4-44fe-b9ee-be88fd2fa853";

beforeAll(async () => {
  server = await startServer();
  api = createLumyriClient({ baseUrl: server.url, auth: { bearerAuth: "eyJhbGciOiJIUzI1NiJ9.e30.sig", appId: APP } });
});
afterAll(() => server.close());

const create = requestExample(spec, "createCustomer") as Parameters<LumyriClient["createCustomer"]>[0]["body"];
const update = requestExample(spec, "updateCustomer") as Parameters<LumyriClient["updateCustomer"]>[0]["body"];
const cases: Record<string, { call: () => Promise<unknown>; method: string; url: string; body?: unknown }> = {
  listCustomers: {
    call: () => api.listCustomers({ query: { limit: 1, page: 1, search: "Xuan Thuy & co/2", sort_by: "name", order_by: "desc" } }),
    method: "GET",
    url: "/users/customers?limit=1&page=1&search=Xuan%20Thuy%20%26%20co%2F2&sort_by=name&order_by=desc",
  },
  createCustomer: { call: () => api.createCustomer({ body: create }), method: "POST", url: "/users/customers", body: create },
  deleteCustomers: { call: () => api.deleteCustomers({ body: { customer_ids: ["fbea0f23-e783-44e8-9cdc-9c4f69430f88"] } }), method: "DELETE", url: "/users/customers", body: { customer_ids: ["fbea0f23-e783-44e8-9cdc-9c4f69430f88"] } },
  getCustomer: { call: () => api.getCustomer({ path: { customerId: ID } }), method: "GET", url: `/users/customers/${ID}` },
  updateCustomer: { call: () => api.updateCustomer({ path: { customerId: "dfe225ef-2a38-481b-83bd-c93b72cb2542" }, body: update }), method: "PUT", url: "/users/customers/dfe225ef-2a38-481b-83bd-c93b72cb2542", body: update },
};

describe("lumyri client, every operation on the wire", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(cases).sort()).toEqual(operationIds(spec));
  });

  it.each(Object.entries(cases))("%s sends the documented request and returns the example", async (id, c) => {
    const example = responseExample(spec, id, "200");
    const { result, sent } = await exchange(server, example, c.call);
    const headers: Record<string, string> = c.body ? { ...AUTH, "content-type": "application/json" } : AUTH;
    expect(wire(sent)).toEqual({ method: c.method, url: c.url, headers, body: c.body ?? "" });
    expect(result).toEqual(example);
  });

  it("sends labels: null as null", () => {
    expect(JSON.parse(server.requests.find((r) => r.method === "PUT")!.body).labels).toBeNull();
  });

  it("types each result", () => {
    expectTypeOf(api.listCustomers).returns.resolves.toEqualTypeOf<CustomerPageResponse>();
    expectTypeOf(api.createCustomer).returns.resolves.toEqualTypeOf<CustomerResponse>();
    expectTypeOf(api.deleteCustomers).returns.resolves.toEqualTypeOf<DeleteCustomersResponse>();
    expectTypeOf(api.getCustomer).returns.resolves.toEqualTypeOf<CustomerDetail>();
    expectTypeOf(api.listCustomers.items).returns.toEqualTypeOf<AsyncIterableIterator<Customer>>();
  });

  it("the documented 400 narrows to its body", async () => {
    server.handle(() => ({ status: 400, body: { error: "email is not valid", data: null } }));
    const error = await api.createCustomer({ body: { ...create, email: "nope" } }).catch((e: unknown) => e);
    if (!api.createCustomer.isError(error)) throw error;
    expectTypeOf(error).toEqualTypeOf<CreateCustomerError>();
    expect(error.status).toBe(400);
    if (error.status === 400) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    expect(error.body).toEqual({ error: "email is not valid", data: null });
    expect(error.request.headers).toMatchObject({ authorization: "[redacted]", "x-app-id": "[redacted]" });
  });

  it("with only the bearer token given, sends what it has of the required pair", async () => {
    const partial = createLumyriClient({ baseUrl: server.url, auth: { bearerAuth: "t" } });
    server.handle(() => ({ body: responseExample(spec, "getCustomer", "200") }));
    await partial.getCustomer({ path: { customerId: ID } });
    expect(server.requests.at(-1)!.headers.authorization).toBe("Bearer t");
    expect(server.requests.at(-1)!.headers["x-app-id"]).toBeUndefined();
  });
});

describe("lumyri paging (page in the query, last_page as total)", () => {
  it("pages() fetches pages 1 to last_page with the caller's filters", async () => {
    const customer = (responseExample(spec, "createCustomer", "200") as { data: Customer }).data;
    server.handle((r) => {
      const page = Number(new URLSearchParams(r.query).get("page"));
      return { body: { error: null, data: { total: 3, per_page: 1, current_page: page, last_page: 3, data: [{ ...customer, id: `id-${page}` }] } } };
    });
    const start = server.requests.length;
    const pages: string[] = [];
    for await (const p of api.listCustomers.pages({ query: { limit: 1, search: "a" } })) pages.push(p.data.data[0]!.id);
    expect(pages).toEqual(["id-1", "id-2", "id-3"]);
    expect(server.requests.slice(start).map((r) => r.url)).toEqual([1, 2, 3].map((n) => `/users/customers?limit=1&page=${n}&search=a`));
  });
});
