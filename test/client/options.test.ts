/**
 * Client options against a real server: a per-call base URL, default and per-call headers (case-insensitive, per-call wins),
 * hooks for tracing and logging, `withResponse`, a custom fetch, and response validation with a
 * validator object of the validators target's shape (hand-written here until that target exists).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createLumyriClient, ResponseValidationError, type ApiRequest } from "../../generated/lumyri/src/client.js";
import type { CustomerDetail } from "../../generated/lumyri/src/types.js";
import { responseValidators as generatedResponseValidators } from "../../generated/lumyri/src/validators.js";
import { startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, responseExample } from "./helpers/spec-examples.js";
import { clientHeaders } from "./helpers/wire.js";

const spec = loadSpec("lumyri");
const detail = responseExample(spec, "getCustomer", "200") as CustomerDetail;
const ID = detail.id;
let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ body: detail, headers: { "x-request-id": "req-7" } }));
});
afterAll(() => server.close());

describe("headers", () => {
  it("default headers, then parameters and credentials, then per-call headers win; names are case-insensitive", async () => {
    const api = createLumyriClient({ baseUrl: server.url, headers: { "X-Client": "sdk/1", Accept: "text/plain" }, auth: { bearerAuth: "t", appId: "a" } });
    await api.getCustomer({ path: { customerId: ID } }, { headers: { "X-CLIENT": "sdk/2", "X-App-Id": "override" } });
    expect(clientHeaders(server.requests.at(-1)!.headers)).toEqual({ "x-client": "sdk/2", accept: "application/json", authorization: "Bearer t", "x-app-id": "override" });
  });
});

describe("base URL", () => {
  it("a call's baseUrl (a tenant's server) overrides the client's for that call only, trailing slash or not", async () => {
    const tenant = await startServer(() => ({ body: detail }));
    try {
      const api = createLumyriClient({ baseUrl: `${server.url}/`, auth: { bearerAuth: "t", appId: "a" }, retry: false });
      const before = { main: server.requests.length, tenant: tenant.requests.length };
      await api.getCustomer({ path: { customerId: ID } }, { baseUrl: `${tenant.url}/eu//` });
      expect(tenant.requests.map((r) => r.url).slice(before.tenant)).toEqual([`/eu/users/customers/${ID}`]);
      await api.getCustomer({ path: { customerId: ID } });
      expect(server.requests.map((r) => r.url).slice(before.main)).toEqual([`/users/customers/${ID}`]);
      expect(tenant.requests.length).toBe(before.tenant + 1);
    } finally {
      await tenant.close();
    }
  });
});

describe("hooks, withResponse and a custom fetch", () => {
  it("onRequest can add a trace header; onResponse sees the status; both see each attempt", async () => {
    const seen: string[] = [];
    const api = createLumyriClient({
      baseUrl: server.url,
      retry: { initialDelayMs: 1 },
      hooks: [
        {
          onRequest: (r: ApiRequest) => {
            r.headers.traceparent = `00-trace-${r.attempt}`;
            seen.push(`${r.operation} ${r.method} attempt ${r.attempt}`);
          },
          onResponse: async (res: Response) => void seen.push(`status ${res.status}`),
        },
      ],
    });
    server.handle((_r, i) => (i % 2 === 0 ? { status: 503, headers: { "retry-after": "0" } } : { body: detail }));
    server.requests.length = 0;
    await api.getCustomer({ path: { customerId: ID } });
    expect(seen).toEqual(["getCustomer GET attempt 1", "status 503", "getCustomer GET attempt 2", "status 200"]);
    expect(server.requests.map((r) => r.headers.traceparent)).toEqual(["00-trace-1", "00-trace-2"]);
    server.handle(() => ({ body: detail, headers: { "x-request-id": "req-7" } }));
  });

  it("onResponse may return a Response in place of the one received: a 401 answered by a fresh token and the request sent again", async () => {
    let token = "expired";
    const api = createLumyriClient({
      baseUrl: server.url,
      auth: { bearerAuth: () => token, appId: "a" },
      hooks: [
        {
          onResponse: async (res: Response, req: ApiRequest) => {
            if (res.status !== 401) return;
            token = "fresh";
            return fetch(req.url, { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } } as RequestInit);
          },
        },
      ],
    });
    server.handle((r) => (r.headers.authorization === "Bearer fresh" ? { body: detail } : { status: 401, body: { message: "expired" } }));
    server.requests.length = 0;
    try {
      const { data, response } = await api.getCustomer.withResponse({ path: { customerId: ID } });
      expect([data, response.status]).toEqual([detail, 200]);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer expired", "Bearer fresh"]);
      // the next call asks the provider again: the fresh token, one request
      await api.getCustomer({ path: { customerId: ID } });
      expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer expired", "Bearer fresh", "Bearer fresh"]);
      // what replaces it is read as any answer: an error status throws
      const failing = createLumyriClient({ baseUrl: server.url, retry: false, auth: { bearerAuth: "fresh", appId: "a" }, hooks: [{ onResponse: () => new Response("{}", { status: 404 }) }] });
      await expect(failing.getCustomer({ path: { customerId: ID } })).rejects.toMatchObject({ status: 404 });
      // a hook returning what is no Response (a logger's push, from untyped code) changes nothing
      const seen: number[] = [];
      const logging = createLumyriClient({ baseUrl: server.url, retry: false, auth: { bearerAuth: "fresh", appId: "a" }, hooks: [{ onResponse: ((res: Response) => seen.push(res.status)) as never }] });
      expect(await logging.getCustomer({ path: { customerId: ID } })).toEqual(detail);
      expect(seen).toEqual([200]);
    } finally {
      server.handle(() => ({ body: detail, headers: { "x-request-id": "req-7" } }));
    }
  });

  it("a call's init passes more of fetch's options (cache, keepalive, credentials, Next.js's next); its type keeps method, headers, body and signal off", async () => {
    const calls: RequestInit[] = [];
    const api = createLumyriClient({ fetch: async (_url, init) => (calls.push(init), new Response(JSON.stringify(detail))), auth: { bearerAuth: "t", appId: "a" }, credentials: "same-origin" });
    // Next.js adds `next` to RequestInit's type; passed as a value here, as from code typed so
    const init = { cache: "no-store", keepalive: true, next: { revalidate: 60 } } as const;
    await api.getCustomer({ path: { customerId: ID } }, { init });
    expect(calls[0]).toMatchObject({ method: "GET", cache: "no-store", keepalive: true, next: { revalidate: 60 }, headers: { authorization: "Bearer t" } });
    // the call's own fields are not init's to set: typed off in a literal, and at run time from a value typed RequestInit
    // @ts-expect-error method
    void (() => api.getCustomer({ path: { customerId: ID } }, { init: { method: "DELETE" } }));
    const nextInit = { method: "DELETE", headers: { "x-trace": "1" }, body: "x", signal: AbortSignal.abort(), cache: "reload" } as RequestInit;
    await api.getCustomer({ path: { customerId: ID } }, { init: nextInit });
    expect(calls[1]).toMatchObject({ method: "GET", body: undefined, cache: "reload", headers: { authorization: "Bearer t", "x-app-id": "a" } });
    expect(calls[1]!.signal).toBeUndefined();
    await api.getCustomer({ path: { customerId: ID } });
    expect(calls[2]).not.toHaveProperty("cache");
    expect(calls[2]!.credentials).toBe("same-origin");
    // a call's credentials win over the client's
    await api.getCustomer({ path: { customerId: ID } }, { init: { credentials: "include" } });
    expect(calls[3]!.credentials).toBe("include");
  });

  it("withResponse returns the data and the Response", async () => {
    const api = createLumyriClient({ baseUrl: server.url });
    const { data, response } = await api.getCustomer.withResponse({ path: { customerId: ID } });
    expectTypeOf(data).toEqualTypeOf<CustomerDetail>();
    expect(data).toEqual(detail);
    expect([response.status, response.headers.get("x-request-id"), response.bodyUsed]).toEqual([200, "req-7", true]);
  });

  it("a custom fetch gets the URL and a plain init with plain-object headers", async () => {
    const calls: Array<[string, RequestInit]> = [];
    const api = createLumyriClient({ fetch: async (url, init) => (calls.push([url, init]), new Response(JSON.stringify(detail))), auth: { bearerAuth: "t", appId: "a" } });
    await api.getCustomer({ path: { customerId: ID } });
    expect(calls[0]![0]).toBe(`https://api-v1-stg.lumyri.com/users/customers/${ID}`);
    expect(calls[0]![1]).toMatchObject({ method: "GET", headers: { accept: "application/json", authorization: "Bearer t", "x-app-id": "a" } });
    expect(Object.getPrototypeOf(calls[0]![1].headers)).toBe(Object.prototype);
  });

  it("a custom fetch is called unbound, as a browser's window.fetch requires (it throws 'Illegal invocation' on another `this`)", async () => {
    function windowFetch(this: unknown, url: string, init: RequestInit): Promise<Response> {
      if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return fetch(url, init);
    }
    const api = createLumyriClient({ baseUrl: server.url, fetch: windowFetch, retry: false });
    expect(await api.getCustomer({ path: { customerId: ID } })).toEqual(detail);
  });
});

describe("response validation (off by default)", () => {
  // The validators target's own `responseValidators`, wrapped only to count calls.
  let calls = 0;
  const responseValidators = {
    ...generatedResponseValidators,
    getCustomer: {
      ...generatedResponseValidators.getCustomer,
      "200": (value: unknown) => {
        calls++;
        return generatedResponseValidators.getCustomer["200"](value);
      },
    },
  };
  const issue = expect.objectContaining({ path: "/lables/0/color", keyword: "type", message: "must be string" });

  it("a body that matches passes; one that does not throws ResponseValidationError with the JSON pointer", async () => {
    const api = createLumyriClient({ baseUrl: server.url, validateResponses: responseValidators });
    expect(await api.getCustomer({ path: { customerId: ID } })).toEqual(detail);
    expect(calls).toBe(1);
    const bad = { ...detail, lables: [{ ...detail.lables![0]!, color: 7 }] };
    server.handle(() => ({ body: bad }));
    const error = await api.getCustomer({ path: { customerId: ID } }).catch((e: unknown) => e);
    server.handle(() => ({ body: detail }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 200, body: bad, issues: [issue] });
    expect((error as Error).message).toContain("/lables/0/color must be string");
    expect((error as { issues: Array<{ schemaPath: string }> }).issues[0]!.schemaPath).toBe("#/components/schemas/Label/properties/color/type");
  });

  it("is not run unless asked for", async () => {
    const before = calls;
    await createLumyriClient({ baseUrl: server.url }).getCustomer({ path: { customerId: ID } });
    expect(calls).toBe(before);
  });
});
