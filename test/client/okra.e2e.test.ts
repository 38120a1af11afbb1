/**
 * Okra end to end: every operation through the generated client against a real server on 127.0.0.1,
 * the exact request on the wire (method, path, headers, bearer token, JSON body) and the typed result;
 * paging through `x-pagination` with the page number in the body; the documented 401 as a typed error.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, createOkraClient, type ListCustomersError, type OkraClient } from "../../generated/okra/src/client.js";
import type { Customer, CustomerListResponse, CustomerResponse, ErrorResponse, RemoveCustomerResponse } from "../../generated/okra/src/types.js";
import { exchange, startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, operationIds, requestExample, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("okra");
let server: TestServer;
let okra: OkraClient;

beforeAll(async () => {
  server = await startServer();
  okra = createOkraClient({ baseUrl: `${server.url}/v2/`, auth: { bearerAuth: "sk_live_123" } });
});
afterAll(() => server.close());

const HEADERS = { authorization: "Bearer sk_live_123", accept: "application/json", "content-type": "application/json" };

const cases: Record<string, { call: (c: OkraClient) => Promise<unknown>; url: string }> = {
  listCustomers: { call: (c) => c.listCustomers({ body: requestExample(spec, "listCustomers") as { page: number; limit: number } }), url: "/v2/customers/list" },
  findCustomer: { call: (c) => c.findCustomer({ body: { key: "email", value: "ada.okafor@example.com" } }), url: "/v2/customers/find-customers-by" },
  flagCustomer: { call: (c) => c.flagCustomer({ body: { bank: "5d6fe57a4099cc4b210bbeb3", customer: "5fe1e563798ba608e8f59756" } }), url: "/v2/customers/flag" },
  unflagCustomer: { call: (c) => c.unflagCustomer({ body: { bank: "5d6fe57a4099cc4b210bbeb3", customer: "5fe1e563798ba608e8f59756", unflag: true } }), url: "/v2/customers/unflag" },
  removeCustomer: { call: (c) => c.removeCustomer({ body: { customer: "14cd500fd471c22c762ee7d6" } }), url: "/v2/customers/remove" },
};

describe("okra client, every operation on the wire", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(cases).sort()).toEqual(operationIds(spec));
  });

  it.each(Object.entries(cases))("%s sends the documented request and returns the example", async (id, c) => {
    const example = responseExample(spec, id, "200");
    const { result, sent } = await exchange(server, example, () => c.call(okra));
    expect(wire(sent)).toEqual({ method: "POST", url: c.url, headers: HEADERS, body: requestExample(spec, id) });
    expect(result).toEqual(example);
  });

  it("types each result as the documented 200 body", () => {
    expectTypeOf(okra.listCustomers).returns.resolves.toEqualTypeOf<CustomerListResponse>();
    expectTypeOf(okra.findCustomer).returns.resolves.toEqualTypeOf<CustomerResponse>();
    expectTypeOf(okra.flagCustomer).returns.resolves.toEqualTypeOf<undefined>();
    expectTypeOf(okra.removeCustomer).returns.resolves.toEqualTypeOf<RemoveCustomerResponse>();
    expectTypeOf(okra.listCustomers.items).returns.toEqualTypeOf<AsyncIterableIterator<Customer>>();
  });

  it("a documented 401 throws ApiError with the typed body", async () => {
    server.handle(() => ({ status: 401, body: { status: "error", message: "Invalid or expired token" } }));
    const error = await okra.listCustomers({ body: { page: 1, limit: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(okra.listCustomers.isError(error)).toBe(true);
    expect(okra.findCustomer.isError(error)).toBe(false);
    if (!okra.listCustomers.isError(error)) throw error;
    expectTypeOf(error).toEqualTypeOf<ListCustomersError>();
    expect(error.status).toBe(401);
    expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    expect(error.body).toEqual({ status: "error", message: "Invalid or expired token" });
    expect(error.response.status).toBe(401);
    expect(error.request).toMatchObject({ operation: "listCustomers", method: "POST", url: `${server.url}/v2/customers/list` });
    expect(error.request.headers.authorization).toBe("[redacted]");
  });
});

describe("okra paging (page number in the body)", () => {
  const customer = (responseExample(spec, "listCustomers", "200") as { data: { customers: Customer[] } }).data.customers[0]!;
  const page = (n: number, last: number) => ({
    status: "success",
    message: "ok",
    data: {
      customers: [{ ...customer, _id: `${n}`.padStart(24, "0") }],
      pagination: { totalDocs: last, limit: 1, hasPrevPage: n > 1, hasNextPage: n < last, page: n, totalPages: last, pagingCounter: n, ...(n < last ? { nextPage: n + 1 } : { nextPage: null }) },
    },
  });

  it("items() walks from the first page to the last, sending each page number", async () => {
    server.handle((r) => ({ body: page((JSON.parse(r.body) as { page: number }).page, 3) }));
    const start = server.requests.length;
    const ids: string[] = [];
    for await (const c of okra.listCustomers.items({ body: { limit: 1 } })) ids.push(c._id);
    expect(ids).toEqual(["000000000000000000000001", "000000000000000000000002", "000000000000000000000003"]);
    expect(server.requests.slice(start).map((r) => JSON.parse(r.body))).toEqual([{ limit: 1, page: 1 }, { limit: 1, page: 2 }, { limit: 1, page: 3 }]);
  });

  it("pages() starts at the input's page and stops when hasNextPage is false", async () => {
    server.handle((r) => ({ body: page((JSON.parse(r.body) as { page: number }).page, 5) }));
    const seen: number[] = [];
    for await (const p of okra.listCustomers.pages({ body: { page: 4, limit: 1 } })) seen.push(p.data.pagination.page);
    expect(seen).toEqual([4, 5]);
  });

  it("stops on an empty page and on a server that does not move forward", async () => {
    server.handle(() => ({ body: { ...page(1, 9), data: { ...page(1, 9).data, customers: [] } } }));
    let count = 0;
    for await (const _ of okra.listCustomers.pages({ body: { limit: 1 } })) count++;
    expect(count).toBe(1);
    // Always "page 1, next is 2": page 2 is asked for once, then the repeated "next is 2" ends it.
    server.handle(() => ({ body: page(1, 9) }));
    const start = server.requests.length;
    count = 0;
    for await (const _ of okra.listCustomers.items({ body: { limit: 1 } })) count++;
    expect(count).toBe(2);
    expect(server.requests.length - start).toBe(2);
  });
});
