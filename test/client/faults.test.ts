/**
 * Faults on the wire, against a real server on 127.0.0.1: each gives its documented error class (with
 * the request and, when there was one, the response), retries happen only where they should, and no
 * rejection is left unhandled. No timing is asserted; delays are kept short or are what the test reads.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  createBankingserviceClient,
  NetworkError,
  RequestAbortedError,
  ResponseParseError,
  TimeoutError,
  UnexpectedStatusError,
  type BankingserviceClient,
} from "../../generated/bankingservice/src/client.js";
// Each package carries its own runtime, so its own error classes: `instanceof` takes the package's.
import { createOkraClient, NetworkError as OkraNetworkError, type OkraClient } from "../../generated/okra/src/client.js";
import { startServer, type TestServer } from "./helpers/server.js";
import { watchUnhandled } from "./helpers/wire.js";

let server: TestServer;
let get: BankingserviceClient;
let post: OkraClient;
let retries: Array<{ attempt: number; delayMs: number; error: string }>;
let unhandled: ReturnType<typeof watchUnhandled>;

const CUSTOMER = { id: "c1", company: "", first_name: "", last_name: "", email: "a@b.c", phone: "", address: {}, created: "2024-01-01T00:00:00Z" };
const fetchCustomer = (o?: Parameters<BankingserviceClient["getCustomer"]>[1]) => get.getCustomer({ path: { profileId: "p", customerId: "c1" } }, o);
const listPage = () => post.listCustomers({ body: { page: 1, limit: 1 } });
const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the call succeeded"), (e: unknown) => e);

beforeAll(async () => {
  server = await startServer();
  const hooks = [{ onRetry: (i: { attempt: number; delayMs: number; error: Error }) => void retries.push({ attempt: i.attempt, delayMs: i.delayMs, error: i.error.name }) }];
  get = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: "secret-token" }, retry: { initialDelayMs: 1, maxDelayMs: 2000 }, hooks });
  post = createOkraClient({ baseUrl: server.url, auth: { bearerAuth: "sk" }, retry: { initialDelayMs: 1 }, hooks });
});
afterAll(() => server.close());
beforeEach(() => {
  retries = [];
  server.requests.length = 0;
  unhandled = watchUnhandled();
});
afterEach(async () => {
  await unhandled.check();
  unhandled.stop();
});

describe("timeouts and aborts", () => {
  it("a slow server: TimeoutError after timeoutMs, not retried", async () => {
    server.handle(() => ({ delayMs: 30_000, body: CUSTOMER }));
    const error = await failure(fetchCustomer({ timeoutMs: 400 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 400, operation: "getCustomer", response: undefined });
    expect((error as TimeoutError).request).toMatchObject({ method: "GET", url: `${server.url}/v1/profiles/p/customers/c1`, headers: { authorization: "[redacted]" } });
    expect(server.requests.length).toBe(1);
    expect(retries).toEqual([]);
  });

  it("timeoutMs: 0 on a call lifts the client's timeout", async () => {
    const strict = createBankingserviceClient({ baseUrl: server.url, timeoutMs: 20, retry: false });
    server.handle(() => ({ delayMs: 80, body: CUSTOMER }));
    expect(await failure(strict.getCustomer({ path: { profileId: "p", customerId: "c1" } }))).toBeInstanceOf(TimeoutError);
    expect(await strict.getCustomer({ path: { profileId: "p", customerId: "c1" } }, { timeoutMs: 0 })).toEqual(CUSTOMER);
  });

  it("a timeoutMs past setTimeout's range (Infinity, 2 ** 31 ms) is no timeout, not one that fires at once", async () => {
    server.handle(() => ({ delayMs: 50, body: CUSTOMER }));
    expect(await fetchCustomer({ timeoutMs: Infinity })).toEqual(CUSTOMER);
    expect(await fetchCustomer({ timeoutMs: 2 ** 31 })).toEqual(CUSTOMER);
  });

  it("a timeout while waiting to retry: TimeoutError, no second request", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": "1" } }));
    const error = await failure(fetchCustomer({ timeoutMs: 150 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests.length).toBe(1);
    expect(retries).toEqual([{ attempt: 1, delayMs: 1000, error: "UnexpectedStatusError" }]);
  });

  it("abort mid-retry: RequestAbortedError at once, no second request", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": "1" } }));
    const controller = new AbortController();
    const call = failure(fetchCustomer({ signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 100));
    expect(retries.length).toBe(1);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(server.requests.length).toBe(1);
  });

  it("abort during the request, and a signal aborted before the call", async () => {
    server.handle(() => ({ delayMs: 30_000, body: CUSTOMER }));
    const controller = new AbortController();
    const call = failure(fetchCustomer({ signal: controller.signal, timeoutMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(new Error("user left"));
    const error = await call;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as Error).cause).toEqual(new Error("user left"));
    expect(await failure(fetchCustomer({ signal: AbortSignal.abort() }))).toBeInstanceOf(RequestAbortedError);
    expect(server.requests.length).toBe(1);
  });
});

describe("network failures", () => {
  it("a reset connection: NetworkError after every attempt of an idempotent call", async () => {
    server.handle(() => ({ fault: "reset" }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeInstanceOf(Error);
    expect(server.requests.length).toBe(3);
    expect(retries.map((r) => [r.attempt, r.error])).toEqual([[1, "NetworkError"], [2, "NetworkError"]]);
  });

  it("a reset connection on POST is not retried", async () => {
    server.handle(() => ({ fault: "reset" }));
    const error = await failure(listPage());
    expect(error).toBeInstanceOf(OkraNetworkError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(server.requests.length).toBe(1);
  });

  it("a body cut short: NetworkError", async () => {
    server.handle(() => ({ fault: "cut", body: CUSTOMER }));
    expect(await failure(fetchCustomer({ retry: false }))).toBeInstanceOf(NetworkError);
  });

  it("nobody listening: NetworkError", async () => {
    const closed = await startServer();
    await closed.close();
    const client = createBankingserviceClient({ baseUrl: closed.url, retry: false });
    expect(await failure(client.getCustomer({ path: { profileId: "p", customerId: "c" } }))).toBeInstanceOf(NetworkError);
  });
});

describe("the caller's own mistakes: a TypeError before anything is sent, not a NetworkError retried", () => {
  it.each([
    ["a line break inside a header value", { "x-trace": "a\r\nX-Evil: 1" }],
    ["a header value past U+00FF", { "x-trace": "日本" }],
    // no field-vchar (RFC 9110), and Node's fetch refuses it: it was a NetworkError, retried
    ["DEL (U+007F) in a header value", { "x-trace": "a\x7fb" }],
    // around a value fetch trims HTTP's whitespace only: JavaScript's trim() took these too, and fetch refused them
    ["a vertical tab ending a header value", { "x-trace": "abc\v" }],
    ["a byte order mark starting a header value", { "x-trace": "\ufeffabc" }],
    ["U+2028 ending a header value", { "x-trace": "abc\u2028" }],
  ])("%s", async (_name, headers) => {
    server.handle(() => ({ body: CUSTOMER }));
    const error = await failure(fetchCustomer({ headers }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("getCustomer: header x-trace: a control character or past U+00FF");
    expect([server.requests.length, retries]).toEqual([0, []]);
  });

  it("a value with HTTP whitespace around it (a token read from a file, its newline kept) is sent, trimmed as fetch trims it", async () => {
    server.handle(() => ({ body: CUSTOMER }));
    await fetchCustomer({ headers: { "x-trace": " t1\r\n" } });
    expect(server.requests.at(-1)!.headers["x-trace"]).toBe("t1");
  });

  it.each([
    ["a space", "x trace"],
    ["a colon", "x-trace:"],
    ["a letter past ASCII", "x-tracé"],
    ["nothing", ""],
  ])("a header name with %s", async (_name, header) => {
    server.handle(() => ({ body: CUSTOMER }));
    const error = await failure(fetchCustomer({ headers: { [header]: "1" } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(`getCustomer: header ${JSON.stringify(header)}: not a valid name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    expect([server.requests.length, retries]).toEqual([0, []]);
  });

  it("a baseUrl without a scheme (localhost:3000/api)", async () => {
    const client = createBankingserviceClient({ baseUrl: "localhost:3000/api", hooks: [{ onRetry: () => void retries.push({ attempt: 0, delayMs: 0, error: "" }) }] });
    const error = await failure(client.getCustomer({ path: { profileId: "p", customerId: "c" } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("getCustomer: baseUrl without https://");
    expect(retries).toEqual([]);
  });

  it("a baseUrl of paths relative to the page (\"\", \"/api\": browsers, a spec without servers) is no mistake", async () => {
    const urls: string[] = [];
    for (const baseUrl of ["", "/api/"]) {
      const client = createBankingserviceClient({ baseUrl, retry: false, fetch: async (url) => (urls.push(url), Response.json(CUSTOMER)) });
      await client.getCustomer({ path: { profileId: "p", customerId: "c1" } });
    }
    expect(urls).toEqual(["/v1/profiles/p/customers/c1", "/api/v1/profiles/p/customers/c1"]);
  });

  it("what fetch accepts still goes: a token read with its line end (fetch trims it), a tab inside, Latin-1, a number from JavaScript", async () => {
    server.handle(() => ({ body: CUSTOMER }));
    const client = createBankingserviceClient({ baseUrl: server.url, auth: { oauth2: "secret-token\n" }, retry: false, headers: { "X-Version": 2 as unknown as string } });
    await client.getCustomer({ path: { profileId: "p", customerId: "c1" } }, { headers: { "x-trace": "a\tb é" } });
    expect(server.requests.at(-1)!.headers).toMatchObject({ authorization: "Bearer secret-token", "x-trace": "a\tb é", "x-version": "2" });
  });
});

describe("statuses that are retried", () => {
  it("503 with Retry-After: 0, then 200: retried at once, succeeds", async () => {
    server.handle((_r, i) => (i === 0 ? { status: 503, headers: { "retry-after": "0" } } : { body: CUSTOMER }));
    expect(await fetchCustomer()).toEqual(CUSTOMER);
    expect(retries).toEqual([{ attempt: 1, delayMs: 0, error: "UnexpectedStatusError" }]);
    expect(server.requests.length).toBe(2);
  });

  it("503 with Retry-After: 1 waits the second it asks for", async () => {
    server.handle((_r, i) => (i === 0 ? { status: 503, headers: { "retry-after": "1" } } : { body: CUSTOMER }));
    expect(await fetchCustomer()).toEqual(CUSTOMER);
    expect(retries).toEqual([{ attempt: 1, delayMs: 1000, error: "UnexpectedStatusError" }]);
  });

  it("503 with a Retry-After longer than maxDelayMs: no retry, UnexpectedStatusError with the body", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": "120", "content-type": "text/plain" }, body: "down for maintenance" }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status: 503, bodyText: "down for maintenance" });
    expect((error as UnexpectedStatusError).response.headers.get("retry-after")).toBe("120");
    expect(server.requests.length).toBe(1);
  });

  it("a Retry-After past maxDelayMs ends the retries, though maxElapsedMs would leave time for it", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": "1" } }));
    const error = await failure(fetchCustomer({ retry: { maxDelayMs: 500 } }));
    expect(error).toMatchObject({ name: "UnexpectedStatusError", status: 503 });
    expect(server.requests.length).toBe(1);
    expect(retries).toEqual([]);
  });

  it("a Retry-After date past maxDelayMs ends the retries too (RFC 9110 §10.2.3: an HTTP-date or seconds)", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": new Date(Date.now() + 3_600_000).toUTCString() } }));
    expect(await failure(fetchCustomer())).toMatchObject({ name: "UnexpectedStatusError", status: 503 });
    expect(server.requests.length).toBe(1);
  });

  it("408 (Request Timeout) is retried", async () => {
    server.handle((_r, i) => (i === 0 ? { status: 408, body: "" } : { body: CUSTOMER }));
    expect(await fetchCustomer()).toEqual(CUSTOMER);
    expect(retries).toMatchObject([{ attempt: 1, error: "UnexpectedStatusError" }]);
    expect(server.requests.length).toBe(2);
  });

  it("the wait doubles from initialDelayMs with each retry, up to maxDelayMs, jittered to between half and all of it", async () => {
    server.handle(() => ({ status: 500, body: { title: "boom" } }));
    await failure(fetchCustomer({ retry: { initialDelayMs: 10, maxDelayMs: 1000 } }));
    const doubled = retries.map((r) => r.delayMs);
    retries = [];
    await failure(fetchCustomer({ retry: { initialDelayMs: 10, maxDelayMs: 10 } }));
    const capped = retries.map((r) => r.delayMs);
    // steps of 10 then 20 ms, and 10 then 10 capped: each wait in [step / 2, step)
    const within = (delays: number[], steps: number[]) => delays.length === steps.length && delays.every((d, i) => d >= steps[i]! / 2 && d < steps[i]!);
    expect({ doubled, ok: within(doubled, [10, 20]) }).toEqual({ doubled, ok: true });
    expect({ capped, ok: within(capped, [10, 10]) }).toEqual({ capped, ok: true });
  });

  it("429 on GET is retried; on POST it is not, unless the caller opts in", async () => {
    server.handle((_r, i) => (i % 2 === 0 ? { status: 429, headers: { "retry-after": "0" } } : { body: CUSTOMER }));
    expect(await fetchCustomer()).toEqual(CUSTOMER);
    server.requests.length = 0;
    const error = await failure(listPage());
    expect(error).toMatchObject({ name: "UnexpectedStatusError", status: 429 });
    expect(server.requests.length).toBe(1);
    const okBody = { status: "success", message: "", data: { customers: [], pagination: {} } };
    server.handle((_r, i) => (i % 2 === 0 ? { status: 429, headers: { "retry-after": "0" } } : { body: okBody }));
    server.requests.length = 0;
    expect(await post.listCustomers({ body: { page: 1, limit: 1 } }, { retry: { nonIdempotent: true } })).toEqual(okBody);
    expect(server.requests.length).toBe(2);
  });

  it("attempts are bounded: 500 every time gives the last error after maxAttempts", async () => {
    server.handle(() => ({ status: 500, body: { title: "boom" } }));
    const error = await failure(fetchCustomer({ retry: { maxAttempts: 4 } }));
    expect(error).toMatchObject({ name: "UnexpectedStatusError", status: 500 });
    expect(server.requests.length).toBe(4);
  });

  it("a policy field given as undefined keeps its default: maxAttempts: undefined is 3 attempts, not unbounded", async () => {
    server.handle(() => ({ status: 500, body: { title: "boom" } }));
    const error = await failure(fetchCustomer({ retry: { maxAttempts: undefined, initialDelayMs: 1, maxElapsedMs: 2000 } }));
    expect(error).toMatchObject({ name: "UnexpectedStatusError", status: 500 });
    expect(server.requests.length).toBe(3);
    const client = createBankingserviceClient({ baseUrl: server.url, retry: { maxAttempts: undefined, initialDelayMs: 1, maxElapsedMs: 2000 } });
    server.requests.length = 0;
    await failure(client.getCustomer({ path: { profileId: "p", customerId: "c1" } }));
    expect(server.requests.length).toBe(3);
  });

  it("total time is bounded: no retry starts after maxElapsedMs", async () => {
    server.handle(() => ({ status: 503, headers: { "retry-after": "1" } }));
    expect(await failure(fetchCustomer({ retry: { maxElapsedMs: 500 } }))).toBeInstanceOf(UnexpectedStatusError);
    expect(server.requests.length).toBe(1);
  });
});

describe("bodies that are not what was documented", () => {
  it("invalid JSON in a 200: ResponseParseError with the text, not retried", async () => {
    server.handle(() => ({ headers: { "content-type": "application/json" }, body: '{"id": "c1",' }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, bodyText: '{"id": "c1",' });
    expect((error as ResponseParseError).cause).toBeInstanceOf(SyntaxError);
    expect(server.requests.length).toBe(1);
  });

  it("an HTML error page on an undocumented 502: retried, then UnexpectedStatusError with the page", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    server.handle(() => ({ status: 502, headers: { "content-type": "text/html" }, body: page }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect(error).toMatchObject({ status: 502, bodyText: page });
    expect(server.requests.length).toBe(3);
  });

  it("an HTML page on a documented JSON status (401): ResponseParseError", async () => {
    server.handle(() => ({ status: 401, headers: { "content-type": "text/html" }, body: "<html>Login</html>" }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 401, bodyText: "<html>Login</html>" });
    expect((error as ResponseParseError).response.status).toBe(401);
  });
});

describe("an ApiError's message says what the server said (RFC 9457 problem details, or an error's message)", () => {
  const problem = { "content-type": "application/problem+json" };
  it.each([
    ["a problem's title and detail", problem, { type: "about:blank", title: "Not Found", status: 404, detail: "customer c1 does not exist" }, "status 404: Not Found: customer c1 does not exist"],
    ["a problem's title alone", problem, { title: "Not Found", status: 404 }, "status 404: Not Found"],
    ["a JSON error's message", {}, { message: "no such customer" }, "status 404: no such customer"],
    ["detail before message", {}, { title: "Gone", detail: "deleted", message: "other" }, "status 404: Gone: deleted"],
    ["members that are not text", {}, { title: 404, detail: { why: "x" } }, "status 404"],
    ["a message beside a detail that is not text", {}, { detail: { why: "x" }, message: "customer c1 is gone" }, "status 404: customer c1 is gone"],
    ["on one line, cut short", {}, { message: `line one\n\tline two ${"x".repeat(400)}` }, `status 404: ${`line one line two ${"x".repeat(400)}`.slice(0, 300)}`],
    ["an empty title", problem, { title: "", detail: "customer c1 does not exist" }, "status 404: customer c1 does not exist"],
    ["a JSON string", {}, "not found", "status 404"],
    ["null", {}, null, "status 404"],
  ])("%s", async (_what, headers, body, said) => {
    server.handle(() => ({ status: 404, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }));
    const error = await failure(fetchCustomer());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, body });
    expect((error as Error).message).toBe(`getCustomer (GET ${server.url}/v1/profiles/p/customers/c1): ${said}`);
  });
});
