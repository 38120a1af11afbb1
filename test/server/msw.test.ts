/**
 * Mock Service Worker (orval's and Kubb's mock story) with no generated code of its own: the generated
 * Web handler is an MSW resolver as it is. `http.all(base + "/*", ({ request }) => handler(request))` puts
 * the spec's mock (or real typed handlers) behind every `fetch` of a test, with request validation, and the
 * generated client talks to it without a port. Uses msw's Node interceptor (`msw/node`), as frontend tests do.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as okra from "../../generated/okra/src/index.js";
import { loadSpec, responseExample } from "../client/helpers/spec-examples.js";

const BASE = "https://api.okra.test/v2";
const mock = okra.createHandler(okra.createMockHandlers(), { security: okra.mockSecurity, basePath: "/v2" });
const server = setupServer(http.all(`${BASE}/*`, ({ request }) => mock(request)));

describe("MSW: the generated handler as a request handler", () => {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const spec = loadSpec("okra");
  const api = okra.createOkraClient({ baseUrl: BASE, auth: { bearerAuth: "sk_test" }, retry: false });

  it("the generated client gets the spec's example answer, with no server listening anywhere", async () => {
    const found = await api.findCustomer({ body: { key: "email", value: "ada.okafor@example.com" } });
    expect(found).toEqual(responseExample(spec, "findCustomer", "200"));
  });

  it("requests are validated as a real server would: a bad body is a 400 problem naming its pointer", async () => {
    // the client sees the status Okra does not document as UnexpectedStatusError
    const error = await api.findCustomer({ body: { key: 1 } as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(okra.UnexpectedStatusError);
    expect((error as okra.UnexpectedStatusError).status).toBe(400);
    const res = await fetch(`${BASE}/customers/find-customers-by`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: '{"key":1}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toContain("/body/key");
  });

  it("a test overrides one operation with a typed handler of its own (server.use), the rest stay mocked", async () => {
    const handlers = okra.createMockHandlers();
    const custom = okra.createHandler(
      { ...handlers, findCustomer: () => ({ status: 401, body: { status: "error", message: "token revoked" } }) },
      { security: okra.mockSecurity, basePath: "/v2" },
    );
    server.use(http.post(`${BASE}/customers/find-customers-by`, ({ request }) => custom(request)));
    const error = await api.findCustomer({ body: { key: "email", value: "nobody@example.com" } }).catch((e: unknown) => e);
    expect(api.findCustomer.isError(error) && error.status === 401 && error.body.message).toBe("token revoked");
    // an MSW handler that answers by itself still wins where it matches first
    server.use(http.post(`${BASE}/customers/list`, () => HttpResponse.json({ status: "success", message: "stub", data: { customers: [], pagination: {} } })));
    expect(((await api.listCustomers({ body: { page: 1, limit: 1 } }).catch((e: unknown) => e)) as { message?: string }).message).toBe("stub");
  });
});
