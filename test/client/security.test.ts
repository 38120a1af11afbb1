/**
 * Credentials on the wire for every kind of scheme (the security fixture), against a real server:
 * each operation sends what its effective security asks for, the first alternative whose credentials
 * are all given wins, `security: []` sends nothing, `[{...}, {}]` works without credentials, and no
 * error lets a credential out.
 */
import { getEventListeners } from "node:events";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createSecurityClient, type SecurityClient, UnexpectedStatusError } from "../fixtures/security/generated/src/client.js";
import { startServer, type TestServer } from "./helpers/server.js";
import { watchUnhandled } from "./helpers/wire.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ body: { ok: true } }));
});
afterAll(() => server.close());

const ALL = {
  bearer: "jwt",
  basic: { username: "aladdin", password: "open sésame" },
  digest: 'username="u", response="r"',
  queryKey: "k&1",
  headerKey: "hk",
  cookieKey: "ck",
  oauth: async () => "oauth-token",
  oidc: () => "oidc-token",
};
const basic = `Basic ${Buffer.from("aladdin:open sésame", "utf8").toString("base64")}`;

function sentBy(auth: NonNullable<Parameters<typeof createSecurityClient>[0]>["auth"]) {
  const client = createSecurityClient({ baseUrl: server.url, auth });
  return async (call: (c: SecurityClient) => Promise<unknown>) => {
    await call(client);
    const r = server.requests.at(-1)!;
    return { url: r.url, authorization: r.headers.authorization, key: r.headers["x-api-key"], cookie: r.headers.cookie };
  };
}

describe("credentials per scheme", () => {
  const table: Array<[string, (c: SecurityClient) => Promise<unknown>, object]> = [
    ["the document's bearer", (c) => c.useDefault(), { url: "/default", authorization: "Bearer jwt" }],
    ["basic, UTF-8 before base64", (c) => c.useBasic(), { url: "/basic", authorization: basic }],
    ["an API key in the query, after the parameters", (c) => c.useQueryKey({ query: { q: "x" } }), { url: "/query-key?q=x&api%20key=k%261" }],
    ["the first alternative whose credentials are given", (c) => c.useEither(), { url: "/either", key: "hk" }],
    ["both schemes of a combined requirement", (c) => c.useBoth(), { url: "/both", authorization: "Bearer jwt", key: "hk" }],
    ["nothing where security is []", (c) => c.usePublic(), { url: "/public" }],
    ["the optional cookie when it is given", (c) => c.useOptional(), { url: "/optional", cookie: "token=ck" }],
    ["the optional bearer when it is given, `{}` listed first", (c) => c.useOptionalFirst(), { url: "/optional-first", authorization: "Bearer jwt" }],
    ["OAuth2 from an async provider, as bearer", (c) => c.useOauth(), { url: "/oauth", authorization: "Bearer oauth-token" }],
    ["OpenID Connect as bearer", (c) => c.useOidc(), { url: "/oidc", authorization: "Bearer oidc-token" }],
    ["another HTTP scheme, with its name", (c) => c.useDigest(), { url: "/digest", authorization: 'Digest username="u", response="r"' }],
    ["nothing for mutual TLS", (c) => c.useMutualTls(), { url: "/mtls" }],
  ];
  it.each(table)("%s", async (_n, call, want) => {
    expect(await sentBy(ALL)(call)).toEqual({ authorization: undefined, key: undefined, cookie: undefined, ...want });
  });

  it("an API key the operation also declares as a parameter is sent once: the call's value, else the credential", async () => {
    const given = { query: { "api key": "mine" }, headers: { "x-api-key": "mine-h" }, cookies: { token: "mine-c" } };
    expect(await sentBy(ALL)((c) => c.useDeclaredKey(given))).toEqual({ url: "/declared-key?api%20key=mine", authorization: undefined, key: "mine-h", cookie: "token=mine-c" });
    expect(await sentBy(ALL)((c) => c.useDeclaredKey())).toEqual({ url: "/declared-key?api%20key=k%261", authorization: undefined, key: "hk", cookie: "token=ck" });
  });

  it("an alternative is skipped when one of its credentials is missing", async () => {
    expect(await sentBy({ basic: ALL.basic })((c) => c.useEither())).toMatchObject({ authorization: basic, key: undefined });
  });

  it("an operation with `{}` among its alternatives works without credentials", async () => {
    expect(await sentBy(undefined)((c) => c.useOptional())).toEqual({ url: "/optional", authorization: undefined, key: undefined, cookie: undefined });
    expect(await sentBy(undefined)((c) => c.useOptionalFirst())).toEqual({ url: "/optional-first", authorization: undefined, key: undefined, cookie: undefined });
  });

  it("a provider without a token (null, undefined) sends no credential, not `Bearer null`", async () => {
    for (const none of [() => null, async () => undefined]) {
      expect(await sentBy({ bearer: none, queryKey: none, headerKey: none })((c) => c.useDefault())).toMatchObject({ url: "/default", authorization: undefined });
      expect(await sentBy({ queryKey: none })((c) => c.useQueryKey({ query: { q: "x" } }))).toMatchObject({ url: "/query-key?q=x" });
    }
  });

  it("per-call headers: undefined changes nothing (it was sent as 'undefined'), null leaves a client-wide header out", async () => {
    const client = createSecurityClient({ baseUrl: server.url, headers: { "X-Tenant": "t1", "X-Trace": "on" } });
    await client.usePublic(undefined, { headers: { "x-tenant": undefined, "X-Trace": null, "x-new": undefined } });
    const h = server.requests.at(-1)!.headers;
    expect([h["x-tenant"], h["x-trace"], h["x-new"]]).toEqual(["t1", undefined, undefined]);
  });

  it("timeoutMs counts the wait for a token: one that comes too late ends the call with TimeoutError, nothing sent", async () => {
    const before = server.requests.length;
    const slow = createSecurityClient({ baseUrl: server.url, timeoutMs: 100, auth: { bearer: () => new Promise((r) => setTimeout(() => r("late"), 400)) } });
    await expect(slow.useDefault()).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 100 });
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ["the caller's signal aborts", { timeoutMs: undefined }, true, "RequestAbortedError"],
    ["the caller's signal aborts, with timeoutMs", { timeoutMs: 60_000 }, true, "RequestAbortedError"],
    ["timeoutMs elapses", { timeoutMs: 100 }, false, "TimeoutError"],
  ])("a slow token provider is not waited for when %s: the call ends at once, nothing sent, the provider's late answer ignored", async (_when, options, abort, error) => {
    const before = server.requests.length;
    const unhandled = watchUnhandled();
    let answered = false;
    const slow = () => new Promise<string>((_, reject) => setTimeout(() => ((answered = true), reject(new Error("refresh failed late"))), 1500));
    const client = createSecurityClient({ baseUrl: server.url, retry: false, ...options, auth: { bearer: slow } });
    const controller = new AbortController();
    const call = client.useDefault(undefined, { signal: controller.signal });
    if (abort) setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(call).rejects.toMatchObject({ name: error });
    expect(answered).toBe(false);
    expect(server.requests.length).toBe(before);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1600));
    await unhandled.check();
    unhandled.stop();
  });

  it("a signal aborted before the call: a token provider that never answers is not waited for, nothing sent", async () => {
    const before = server.requests.length;
    const client = createSecurityClient({ baseUrl: server.url, retry: false, auth: { bearer: () => new Promise<string>(() => undefined) } });
    const call = client.useDefault(undefined, { signal: AbortSignal.abort(new Error("user left")) });
    const waiting = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1000));
    expect(await Promise.race([call.catch((e: Error) => e.name), waiting])).toBe("RequestAbortedError");
    expect(server.requests.length).toBe(before);
  });

  it("an aborted call sends nothing, even through a fetch that ignores the signal", async () => {
    let calls = 0;
    const fetch = async () => (calls++, new Response('{"ok":true}', { headers: { "content-type": "application/json" } }));
    const client = createSecurityClient({ baseUrl: server.url, retry: false, fetch, auth: { bearer: "jwt" } });
    await expect(client.useDefault(undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "RequestAbortedError" });
    expect(calls).toBe(0);
  });

  it("a provider's own error rejects the call as it is, and ends its timeout and its listener on the caller's signal", async () => {
    const signal = new AbortController().signal;
    const broken = createSecurityClient({ baseUrl: server.url, timeoutMs: 60_000, auth: { bearer: async () => { throw new Error("refresh failed"); } } });
    await expect(broken.useDefault(undefined, { signal })).rejects.toThrow("refresh failed");
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("a token provider is called for each request", async () => {
    let n = 0;
    const send = sentBy({ bearer: () => `t${++n}` });
    expect((await send((c) => c.useDefault())).authorization).toBe("Bearer t1");
    expect((await send((c) => c.useDefault())).authorization).toBe("Bearer t2");
  });

  it("errors redact every credential: headers, cookies and query keys", async () => {
    server.handle(() => ({ status: 418 }));
    const client = createSecurityClient({ baseUrl: server.url, auth: ALL, retry: false });
    const errors = await Promise.all([client.useQueryKey({ query: { q: "x" } }), client.useBoth(), client.useOptional()].map((p) => p.catch((e: unknown) => e)));
    server.handle(() => ({ body: { ok: true } }));
    for (const e of errors) expect(e).toBeInstanceOf(UnexpectedStatusError);
    const [query, both, cookie] = errors as UnexpectedStatusError[];
    expect(query!.request.url).toBe(`${server.url}/query-key?q=x&api%20key=[redacted]`);
    expect(query!.message).not.toContain("k%261");
    expect(both!.request.headers).toMatchObject({ authorization: "[redacted]", "x-api-key": "[redacted]" });
    expect(cookie!.request.headers.cookie).toBe("[redacted]");
    expect(JSON.stringify(errors.map((e) => ({ ...(e as object) })))).not.toMatch(/jwt|hk|ck|k%261/);
  });

  it("credentials are typed per scheme", () => {
    expectTypeOf<NonNullable<Parameters<typeof createSecurityClient>[0]>["auth"]>().toEqualTypeOf<
      | {
          bearer?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          basic?: { username: string; password: string } | (() => { username: string; password: string } | Promise<{ username: string; password: string }>);
          digest?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          queryKey?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          headerKey?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          cookieKey?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          oauth?: string | (() => string | null | undefined | Promise<string | null | undefined>);
          oidc?: string | (() => string | null | undefined | Promise<string | null | undefined>);
        }
      | undefined
    >();
  });
});

describe("server URL", () => {
  function urlOf(options: NonNullable<Parameters<typeof createSecurityClient>[0]>): Promise<string> {
    let url = "";
    const client = createSecurityClient({ ...options, fetch: async (u) => ((url = u), new Response('{"ok":true}')) });
    return client.usePublic().then(() => url);
  }
  it.each([
    ["the first server with its variables' defaults", {}, "https://eu.api.example.test/v1/public"],
    ["variables given", { serverVariables: { region: "us" as const, version: "v2" } }, "https://us.api.example.test/v2/public"],
    ["a base URL, its trailing slashes dropped", { baseUrl: "http://localhost:8080/api//", serverVariables: { region: "us" as const } }, "http://localhost:8080/api/public"],
    // `serverVariables: { region: process.env.REGION }` where it is unset: undefined is no value, as a header's is
    ["a variable given as undefined keeps its default", { serverVariables: { region: undefined, version: "v2" } }, "https://eu.api.example.test/v2/public"],
  ])("%s", async (_n, options, want) => {
    expect(await urlOf(options)).toBe(want);
  });
});

describe("binary responses", () => {
  it("an octet-stream body is a Blob", async () => {
    server.handle(() => ({ headers: { "content-type": "application/octet-stream" }, body: "\u0000\u0001bytes" }));
    const client = createSecurityClient({ baseUrl: server.url });
    const blob = await client.download();
    expectTypeOf(blob).toEqualTypeOf<Blob>();
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0, 1]));
    server.handle(() => ({ body: { ok: true } }));
  });
});
