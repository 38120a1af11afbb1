/**
 * Every kind of security scheme (the security fixture): the client's credentials reach the server's hooks
 * in the form each scheme sends them, alternatives and combinations are honoured, and an operation
 * without its credentials gets 401 with a challenge for each scheme it accepts.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { createSecurityClient } from "../fixtures/security/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, serverSpec } from "../fixtures/security/generated/src/server.js";
import { challenge } from "../fixtures/security/generated/src/server-runtime/security.js";
import { listen, raw, type Listening } from "./helpers.js";

const seen: string[] = [];
let server: Listening;
beforeAll(async () => {
  const record = (name: string) => (credential: unknown) => {
    seen.push(`${name}:${JSON.stringify(credential)}`);
    return credential === "refused" ? null : { name };
  };
  const security = Object.fromEntries(Object.keys(mockSecurity).map((k) => [k, record(k)])) as unknown as typeof mockSecurity;
  server = await listen(toNodeListener(createHandler(createMockHandlers(), { security, basePath: "" })));
});
afterAll(() => server.close());

const credentials = {
  bearer: "jwt", basic: { username: "ada", password: "p:w" }, digest: "d1", queryKey: "q k&1", headerKey: "h1",
  cookieKey: "c1", oauth: "o1", oidc: "i1",
};

describe("a scheme named like a member of Object.prototype (toString, constructor)", () => {
  it("without a hook of its own it admits nobody: Object.prototype's function is no hook", async () => {
    const scheme = (name: string) => ({ type: "apiKey", in: "header", name });
    const spec: Record<string, unknown> = {
      openapi: "3.1.0",
      info: { title: "Prototype schemes", version: "1" },
      paths: { "/secret": { get: { operationId: "secret", security: [{ toString: [] }, { constructor: [] }], responses: { "200": { description: "ok" } } } } },
      components: { securitySchemes: { toString: scheme("x-key"), constructor: scheme("x-other") } },
    };
    const input = path.join(tempDir("specforge-prototype-schemes-"), "openapi.json");
    writeFileSync(input, JSON.stringify(spec));
    const { files } = await generate({ input, packageName: "prototype-schemes", targets: ["types", "validators", "server"] });
    const mod = (await import(pathToFileURL(path.join(importableSources(files), "server.js")).href)) as Record<string, (...a: unknown[]) => any>;
    const own = await listen(mod.toNodeListener!(mod.createHandler!({ secret: () => ({ status: 200 }) }, { security: {} })));
    try {
      expect((await raw(own.port, "GET", "/secret", { "x-key": "anything", "x-other": "anything" })).status).toBe(401);
    } finally {
      await own.close();
    }
  });
});

describe("security schemes", () => {
  it("each operation's hooks get the credential as its scheme carries it", async () => {
    const api = createSecurityClient({ baseUrl: server.url, auth: credentials, retry: false }) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    const expected: Record<string, string[]> = {
      useDefault: ['bearer:"jwt"'],
      useBasic: ['basic:{"username":"ada","password":"p:w"}'],
      useQueryKey: ['queryKey:"q k&1"'],
      useEither: ['headerKey:"h1"'],
      useBoth: ['bearer:"jwt"', 'headerKey:"h1"'],
      usePublic: [],
      useOptional: ['cookieKey:"c1"'],
      useOauth: ['oauth:"o1"'],
      useOidc: ['oidc:"i1"'],
      useDigest: ['digest:"d1"'],
      useMutualTls: ['mtls:"mutualTLS"'],
    };
    for (const [id, hooks] of Object.entries(expected)) {
      seen.length = 0;
      await api[id]!({});
      expect([id, seen]).toEqual([id, hooks]);
    }
  });

  it("an API key in the query is no member of an exploded form object parameter", async () => {
    const api = createSecurityClient({ baseUrl: server.url, auth: credentials, retry: false });
    seen.length = 0;
    await expect(api.useQueryKeyFilter({ query: { filter: { color: "red" } } })).resolves.toBeDefined();
    expect(seen).toEqual(['queryKey:"q k&1"']);
    // the object is closed: a pair no parameter or key names is still refused
    const res = await fetch(`${server.url}/query-key/filter?color=red&size=2&api%20key=k`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(["/query/filter/size"]);
    // the key sent twice is no credential (an exploded member `api key=...` ahead of the real one would
    // otherwise choose it): 401, and the hook never sees either
    seen.length = 0;
    const twice = await fetch(`${server.url}/query-key/filter?color=red&api%20key=evil&api%20key=${encodeURIComponent("q k&1")}`);
    expect(twice.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("an API key cookie sent twice: the first is the credential (RFC 6265 §5.4: the most specific path first)", async () => {
    seen.length = 0;
    expect((await raw(server.port, "GET", "/optional", { cookie: "token=first; token=second" })).status).toBe(200);
    expect(seen).toEqual(['cookieKey:"first"']);
  });

  it("without credentials: 401 with a challenge per accepted scheme; an optional alternative `{}` passes", async () => {
    const api = createSecurityClient({ baseUrl: server.url, retry: false }) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    const error = (await api.useEither!({}).catch((e: unknown) => e)) as { status: number; response: Response };
    expect(error.status).toBe(401);
    expect(error.response.headers.get("www-authenticate")).toBe('ApiKey in=header, name="x-api-key", Basic realm="api"');
    await expect(api.useOptional!({})).resolves.toBeDefined();
    await expect(api.usePublic!({})).resolves.toBeDefined();
  });

  it("an operation secured by mutual TLS alone: 403 without a challenge (no header could carry it), never a 401 asking for a Bearer token", async () => {
    // the hook reads what the TLS-terminating proxy in front says of the client's certificate
    const mtls = (type: string, ctx: { request: { header(name: string): string | undefined } }) => (ctx.request.header("x-client-verify") === "SUCCESS" ? { type } : null);
    const own = await listen(toNodeListener(createHandler(createMockHandlers(), { security: { ...mockSecurity, mtls } as typeof mockSecurity, basePath: "" })));
    try {
      const path = `/${(serverSpec.operations.useMutualTls!.path as string[]).join("/")}`;
      const refused = await raw(own.port, "GET", path, { authorization: "Bearer jwt" });
      expect([refused.status, refused.headers["www-authenticate"]]).toEqual([403, undefined]);
      expect(JSON.parse(refused.body)).toMatchObject({ status: 403, detail: expect.stringContaining("mutualTLS") });
      expect((await raw(own.port, "GET", path, { "x-client-verify": "SUCCESS" })).status).toBe(200);
    } finally {
      await own.close();
    }
    // beside a scheme the request carries, that one's challenge: a 401
    expect(challenge(serverSpec.schemes, { ...serverSpec.operations.useMutualTls!, security: [["mtls"], ["bearer"]] })).toBe("Bearer");
  });

  it("says each challenge once: OAuth 2, OpenID Connect and bearer schemes all ask for a Bearer token", () => {
    const op = { ...serverSpec.operations.useOauth!, security: [["oauth"], ["oidc"], ["bearer", "basic"], ["digest"]] };
    expect(challenge(serverSpec.schemes, op)).toBe('Bearer, Basic realm="api", digest');
    // an HTTP scheme named by no token (RFC 9110 §11.1) is left out, not altered into `ngo` nor emptied into `, Basic ...`
    const schemes = { ...serverSpec.schemes, nego: ["http", "négo"], odd: ["http", "ü"] } as typeof serverSpec.schemes;
    expect(challenge(schemes, { ...op, security: [["nego"], ["odd"], ["basic"]] })).toBe('Basic realm="api"');
  });

  it("a credential the hook refuses, or malformed Basic credentials: 401", async () => {
    const path = (serverSpec.operations.useQueryKey!.path as string[]).join("/");
    expect((await raw(server.port, "GET", `/${path}?api%20key=refused`)).status).toBe(401);
    expect((await raw(server.port, "GET", `/${path}?api%20key=fine`)).status).toBe(200);
    const basic = (serverSpec.operations.useBasic!.path as string[]).join("/");
    expect((await raw(server.port, "GET", `/${basic}`, { authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` })).status).toBe(401);
    expect((await raw(server.port, "GET", `/${basic}`, { authorization: "Basic !!notbase64" })).status).toBe(401);
  });
});
