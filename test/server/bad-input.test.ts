/**
 * The server's answers to bad input, each an RFC 9457 problem naming what is wrong by JSON pointer:
 * routing (404, 405 + Allow), bodies (400 invalid JSON, 415, 413 without reading the rest, nesting),
 * parameters and bodies validated and coerced, a throwing handler (generic 500, logged), prototype keys,
 * percent-decoding once with `../` kept as data, and response validation in development.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, toNodeListener, type LumyriHandlers } from "../../generated/lumyri/src/server.js";
import { createHandler as createOnefiHandler } from "../../generated/onefi/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const AUTH = { authorization: "Bearer t0k3n", "x-app-id": "14e43e28-7e6d-461e-b1c9-7c54736f4331" };
const JSON_HEADERS = { ...AUTH, "content-type": "application/json" };
const CUSTOMER = { first_name: "Ada", last_name: "Okafor", email: "ada@example.com", phone: "+2348012345678" };

const seen: Record<string, unknown>[] = [];
const errors: unknown[] = [];
let mode: "ok" | "throw" | "undocumented" | "wrong-body" | "bad-header" = "ok";

const ok = { error: null, data: { message: "OK" } };
const handlers: LumyriHandlers<string> = {
  listCustomers: (input) => {
    seen.push(input as never);
    return { status: 200, body: { error: null, data: { total: 0, per_page: 10, current_page: 1, last_page: 1, data: [] } } };
  },
  createCustomer: (input) => {
    seen.push(input as never);
    if (mode === "throw") throw new Error("secret database password in a stack trace");
    if (mode === "undocumented") return { status: 418 as 200, body: ok as never };
    if (mode === "wrong-body") return { status: 200, body: { unexpected: true } as never };
    const data = { id: "346dd239-cbe4-44fe-b9ee-be88fd2fa853", ...CUSTOMER, address: [], avatar: "", labels: null, company_id: "231080c5-b622-4a25-aef8-c7e426927bb0", app_id: AUTH["x-app-id"] };
    const headers: Record<string, string> = mode === "bad-header" ? { "x-injected": "a\r\nset-cookie: evil=1" } : {};
    return { status: 200, body: { error: null, data }, headers };
  },
  deleteCustomers: () => ({ status: 200, body: ok }),
  getCustomer: (input) => {
    seen.push(input as never);
    return { status: 401, body: { error: "no", data: null } };
  },
  updateCustomer: () => ({ status: 401, body: { error: "no", data: null } }),
};

let server: Listening;
beforeAll(async () => {
  const handler = createHandler(handlers, {
    security: { bearerAuth: (token) => (token === "t0k3n" ? "ada" : null), appId: (id) => id },
    bodyLimit: 64 * 1024,
    maxDepth: 16,
    validateResponses: true,
    onError: (e) => errors.push(e),
  });
  server = await listen(toNodeListener(handler));
});
afterAll(() => server.close());

const problemOf = (r: { headers: Record<string, unknown>; body: string }) => {
  expect(r.headers["content-type"]).toBe("application/problem+json");
  return json(r as never);
};

describe("routing", () => {
  it("unknown path: 404 problem", async () => {
    const r = await raw(server.port, "GET", "/nope", AUTH);
    expect(r.status).toBe(404);
    expect(problemOf(r)).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
  });

  it("known path, wrong method: 405 with Allow", async () => {
    const r = await raw(server.port, "PATCH", "/users/customers", AUTH);
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("GET, POST, DELETE, HEAD");
    expect(problemOf(r).status).toBe(405);
  });
});

describe("security", () => {
  it("no credentials: 401 with WWW-Authenticate, and the handler never runs", async () => {
    seen.length = 0;
    const r = await raw(server.port, "GET", "/users/customers");
    expect(r.status).toBe(401);
    expect(r.headers["www-authenticate"]).toBe('Bearer, ApiKey in=header, name="x-app-id"');
    expect(problemOf(r).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("a token the hook refuses, or one of two required schemes missing: 401", async () => {
    expect((await raw(server.port, "GET", "/users/customers", { ...AUTH, authorization: "Bearer wrong" })).status).toBe(401);
    expect((await raw(server.port, "GET", "/users/customers", { authorization: AUTH.authorization })).status).toBe(401);
    expect((await raw(server.port, "GET", "/users/customers", { ...AUTH, authorization: "Basic dDBrM24=" })).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("valid credentials: the handler gets the principals", async () => {
    seen.length = 0;
    const r = await raw(server.port, "GET", "/users/customers", AUTH);
    expect(r.status).toBe(200);
    expect(seen[0]).toMatchObject({ principal: "ada", principals: { bearerAuth: "ada", appId: AUTH["x-app-id"] } });
  });
});

describe("bodies", () => {
  it("invalid JSON: 400", async () => {
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, '{"first_name": ');
    expect(r.status).toBe(400);
    expect(problemOf(r).detail).toMatch(/not valid JSON/);
  });

  it("wrong or missing Content-Type: 415", async () => {
    const wrong = await raw(server.port, "POST", "/users/customers", { ...AUTH, "content-type": "text/plain" }, JSON.stringify(CUSTOMER));
    expect(wrong.status).toBe(415);
    expect(problemOf(wrong).errors).toEqual([{ pointer: "/header/content-type", detail: "text/plain is not accepted" }]);
    const missing = await raw(server.port, "POST", "/users/customers", AUTH, JSON.stringify(CUSTOMER));
    expect(missing.status).toBe(415);
    // a required body left out with its Content-Type too: told which type to send it in
    const none = await raw(server.port, "POST", "/users/customers", AUTH);
    expect([none.status, problemOf(none).detail]).toEqual([415, "Send a body with Content-Type application/json."]);
  });

  it("a body over the limit: 413, refused by its Content-Length before it is read", async () => {
    seen.length = 0;
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, `{"first_name":"${"x".repeat(70 * 1024)}"}`);
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe("close");
    expect(problemOf(r).status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("a body of exactly the limit is read, with its Content-Length or chunked", async () => {
    const { request } = await import("node:http");
    const frame = JSON.stringify({ ...CUSTOMER, first_name: "" });
    const body = JSON.stringify({ ...CUSTOMER, first_name: "x".repeat(64 * 1024 - frame.length) });
    expect(Buffer.byteLength(body)).toBe(64 * 1024);
    const sized = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, body);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, method: "POST", path: "/users/customers", headers: { ...JSON_HEADERS, "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.write(body.slice(0, 1000));
      req.end(body.slice(1000));
    });
    expect([sized.status, chunked]).toEqual([200, 200]);
  });

  it("a chunked body over the limit: 413 once the limit is passed, the rest left unread", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, method: "POST", path: "/users/customers", headers: { ...JSON_HEADERS, "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      const chunk = "x".repeat(16 * 1024);
      let sent = 0;
      // Far more than the limit: a server reading it all into memory would hold 64 MiB.
      const pump = () => {
        while (sent < 4096) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.on("response", () => (sent = 1e9));
      pump();
    });
    expect(status).toBe(413);
  });

  it("nesting deeper than the limit: 400, never a stack overflow", async () => {
    const deep = "[".repeat(30_000) + "]".repeat(30_000);
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, `{"first_name":${deep}}`);
    expect(r.status).toBe(400);
    expect(problemOf(r).detail).toMatch(/nested deeper than 16/);
  });

  it("__proto__ and constructor.prototype keys are refused, even spelled with escapes", async () => {
    seen.length = 0;
    for (const body of ['{"__proto__": {"polluted": true}}', '{"\\u005f_proto__": {"polluted": true}}', '{"a": {"constructor": {"prototype": {"polluted": true}}}}']) {
      const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, body);
      expect(r.status).toBe(400);
      expect(problemOf(r).detail).toMatch(/forbidden key/);
    }
    expect(seen).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a body that fails its schema: 400 listing every issue by pointer", async () => {
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, JSON.stringify({ first_name: 7, email: "not-an-email" }));
    expect(r.status).toBe(400);
    const pointers = (problemOf(r).errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(expect.arrayContaining(["/body/first_name", "/body/email"]));
    expect(pointers.length).toBeGreaterThanOrEqual(2);
  });
});

describe("parameters", () => {
  it("query strings are coerced to the schema's types", async () => {
    seen.length = 0;
    const r = await raw(server.port, "GET", "/users/customers?limit=5&page=2&search=ada%20o&ignored=1", AUTH);
    expect(r.status).toBe(200);
    // sort_by and order_by were left out: the server fills in their defaults
    expect(seen[0]!.query).toEqual({ limit: 5, page: 2, search: "ada o", sort_by: "name", order_by: "asc" });
  });

  it("invalid parameters: 400 with every issue", async () => {
    const r = await raw(server.port, "GET", "/users/customers?limit=lots&page=0", AUTH);
    expect(r.status).toBe(400);
    const pointers = (problemOf(r).errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/query/limit", "/query/page"]);
  });

  it("percent-encoded path values are decoded once, and ../ stays data", async () => {
    const got: unknown[] = [];
    const onefi = createOnefiHandler(
      { getUserStatus: (input) => (got.push(input.path), { status: 401 }) },
      { security: { bearerAuth: () => "p" } },
    );
    const s = await listen(toNodeListener(onefi));
    try {
      const r = await raw(s.port, "GET", "/users/..%2F..%2Fetc%252Fpasswd/status?channelCode=web", AUTH);
      expect(r.status).toBe(401);
      expect(got).toEqual([{ customerId: "../../etc%2Fpasswd" }]);
      // A literal `..` segment is not resolved either: it is the value, not a step up.
      expect((await raw(s.port, "GET", "/users/../status?channelCode=web", AUTH)).status).toBe(401);
      expect(got[1]).toEqual({ customerId: ".." });
    } finally {
      await s.close();
    }
  });

  it("an undecodable path value: 400 naming the parameter", async () => {
    const r = await raw(server.port, "GET", "/users/customers/%E0%A4%A", AUTH);
    expect(r.status).toBe(400);
    // once: not also as a missing required parameter
    expect((problemOf(r).errors as { pointer: string; detail: string }[]).map((e) => `${e.pointer} ${e.detail}`)).toEqual(["/path/customerId is not validly percent-encoded"]);
  });
});

describe("handler failures", () => {
  it("a handler that throws: 500 with a generic problem, logged through onError", async () => {
    mode = "throw";
    errors.length = 0;
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, JSON.stringify(CUSTOMER));
    mode = "ok";
    expect(r.status).toBe(500);
    expect(r.body).not.toMatch(/secret|stack|at /);
    expect(problemOf(r)).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500, detail: "The server could not complete the request." });
    expect(String(errors[0])).toMatch(/secret database password/);
  });

  it("response validation on: an undocumented status or a wrong body is a 500, logged, never sent", async () => {
    for (const m of ["undocumented", "wrong-body"] as const) {
      mode = m;
      errors.length = 0;
      const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, JSON.stringify(CUSTOMER));
      expect(r.status).toBe(500);
      expect(r.body).not.toMatch(/unexpected/);
      expect(String(errors[0])).toMatch(m === "undocumented" ? /status 418, which is not documented/ : /does not match status 200/);
    }
    mode = "ok";
  });

  it("a reply header with a line break is refused: a 500, nothing injected, the handler's fault told to onError", async () => {
    mode = "bad-header";
    errors.length = 0;
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, JSON.stringify(CUSTOMER));
    mode = "ok";
    expect(r.status).toBe(500);
    expect(r.headers["set-cookie"]).toBeUndefined();
    // refused before the transport (which would throw on it), so whoever serves the handler is told
    expect(errors.map((e) => (e as Error).message)).toEqual([expect.stringMatching(/^createCustomer replied header "x-injected", which HTTP cannot carry/)]);
  });

  it("a valid request reaches its handler with the typed, validated body", async () => {
    seen.length = 0;
    const r = await raw(server.port, "POST", "/users/customers", JSON_HEADERS, JSON.stringify(CUSTOMER));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.body).toEqual(CUSTOMER);
  });
});
