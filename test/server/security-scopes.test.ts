/**
 * Scopes (OAuth 2, OpenID Connect; roles for other schemes, as OpenAPI 3.1 allows): each hook gets the
 * scopes its requirement lists, and may refuse a valid credential that lacks them with `forbidden()`. When
 * no alternative passes and some credential was forbidden: 403, with `WWW-Authenticate: Bearer
 * error="insufficient_scope", scope="..."` (RFC 6750 §3.1) for a token, the same through node:http, Express
 * and Fastify. The mock accepts any credential present.
 */
import express from "express";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createHandler, createMockHandlers, fastifyPlugin, forbidden, mockSecurity, serverSpec, toExpressMiddleware, toNodeListener,
  type Forbidden, type SecurityContext, type SecurityServerOptions,
} from "../fixtures/security/generated/src/server.js";
import { refusal } from "../fixtures/security/generated/src/server-runtime/security.js";
import type { Route } from "../fixtures/security/generated/src/server-runtime/router.js";
import { forbidden as okraForbidden } from "../../generated/okra/src/server.js";
import { listen, raw, type Listening } from "./helpers.js";

type Principal = { scheme: string; granted: string[] };
const seen: string[] = [];
/** A hook whose credential is the scopes it grants, comma-separated (`nope`: not a valid credential). */
function grant(scheme: string) {
  return (credential: unknown, ctx: SecurityContext): Principal | Forbidden | null => {
    seen.push(`${scheme}:${ctx.scopes.join(" ")}`);
    if (credential === "nope") return null;
    const granted = String(credential).split(",");
    const missing = ctx.scopes.filter((s) => !granted.includes(s));
    return missing.length ? forbidden(`${scheme} lacks ${missing.join(" ")}`) : { scheme, granted };
  };
}
const security: SecurityServerOptions<Principal>["security"] = {
  bearer: grant("bearer"), basic: grant("basic"), digest: grant("digest"), queryKey: grant("queryKey"), headerKey: grant("headerKey"),
  cookieKey: grant("cookieKey"), oauth: grant("oauth"),
  // asynchronous, as a hook asking a token service is
  oidc: async (token, ctx) => grant("oidc")(token, ctx), mtls: grant("mtls"),
};
const handler = () => createHandler(createMockHandlers(), { security, basePath: "" });

const CHALLENGE = 'Bearer, ApiKey in=header, name="x-api-key"';
const INSUFFICIENT = 'Bearer error="insufficient_scope", scope="pets:write pets:read"';
/** GET /scoped (`oauth: [pets:write, pets:read]`, or `oidc: [admin]`, or `headerKey: [operator]`): headers, status, WWW-Authenticate, hooks called. */
const CASES: [string, Record<string, string>, number, string | null, string[]][] = [
  ["a token with the first alternative's scopes", { authorization: "Bearer pets:read,pets:write" }, 200, null, ["oauth:pets:write pets:read"]],
  ["a token with the second's", { authorization: "Bearer admin" }, 200, null, ["oauth:pets:write pets:read", "oidc:admin"]],
  ["a token neither accepts and a key with the role", { authorization: "Bearer pets:read", "x-api-key": "operator" }, 200, null, ["oauth:pets:write pets:read", "oidc:admin", "headerKey:operator"]],
  ["a token neither accepts", { authorization: "Bearer pets:read" }, 403, INSUFFICIENT, ["oauth:pets:write pets:read", "oidc:admin"]],
  ["a key without the role", { "x-api-key": "guest" }, 403, null, ["headerKey:operator"]],
  ["an invalid token and a key without the role", { authorization: "Bearer nope", "x-api-key": "guest" }, 403, null, ["oauth:pets:write pets:read", "oidc:admin", "headerKey:operator"]],
  ["a token and a key, each without its scopes: the first refusal answers", { authorization: "Bearer pets:read", "x-api-key": "guest" }, 403, INSUFFICIENT, ["oauth:pets:write pets:read", "oidc:admin", "headerKey:operator"]],
  ["an invalid token", { authorization: "Bearer nope" }, 401, CHALLENGE, ["oauth:pets:write pets:read", "oidc:admin"]],
  ["no credentials", {}, 401, CHALLENGE, []],
];

let server: Listening;
beforeAll(async () => {
  server = await listen(toNodeListener(handler()));
});
afterAll(() => server.close());

describe("security scopes", () => {
  it.each(CASES)("%s: each hook gets its requirement's scopes; the status and challenge", async (_label, headers, status, authenticate, hooks) => {
    seen.length = 0;
    const res = await raw(server.port, "GET", "/scoped", headers);
    expect([res.status, res.headers["www-authenticate"] ?? null]).toEqual([status, authenticate]);
    expect(seen).toEqual(hooks);
  });

  it("a requirement without scopes gives the hook none", async () => {
    seen.length = 0;
    expect((await raw(server.port, "GET", "/default", { authorization: "Bearer x" })).status).toBe(200);
    expect(seen).toEqual(["bearer:"]);
  });

  it("403 is an RFC 9457 problem with the detail the hook gave, or one of its own", async () => {
    const res = await raw(server.port, "GET", "/scoped", { authorization: "Bearer pets:read" });
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(res.body)).toEqual({ type: "about:blank", title: "Forbidden", status: 403, detail: "oauth lacks pets:write" });
    const own = await listen(toNodeListener(createHandler(createMockHandlers(), { security: { ...security, oauth: () => forbidden() }, basePath: "" })));
    try {
      const plain = await raw(own.port, "GET", "/oauth", { authorization: "Bearer t" });
      expect([plain.status, plain.headers["www-authenticate"]]).toEqual([403, 'Bearer error="insufficient_scope", scope="read"']);
      expect(JSON.parse(plain.body)).toEqual({ type: "about:blank", title: "Forbidden", status: 403, detail: "The credentials do not grant the scopes this operation requires." });
    } finally {
      await own.close();
    }
  });

  it("forbidden() of another generated package is forbidden here too; scopes that are no scope-token are cleaned out of the header", async () => {
    const own = await listen(toNodeListener(createHandler(createMockHandlers(), { security: { ...security, oauth: () => okraForbidden("no") }, basePath: "" })));
    try {
      expect((await raw(own.port, "GET", "/oauth", { authorization: "Bearer t" })).status).toBe(403);
    } finally {
      await own.close();
    }
    // a scope is a space-delimited list of scope-tokens: "a b" is two; what is no scope-token is left out, not altered
    const denied = { forbidden: forbidden(), scheme: "oauth", scopes: ['pets"write', "a b", "x\r\ny", "\\", "é", "pets:read"] };
    expect(refusal(serverSpec.schemes, {} as Route, denied).headers["www-authenticate"]).toBe('Bearer error="insufficient_scope", scope="a b pets:read"');
  });

  it("a requirement missing one of its credentials is passed over before its hooks run: 401 whatever the order of its schemes", async () => {
    const called: string[] = [];
    const own = await listen(
      toNodeListener(
        createHandler(createMockHandlers(), {
          security: { ...security, bearer: (t: string) => (called.push(`bearer ${t}`), forbidden()), headerKey: (k: string) => (called.push(`key ${k}`), forbidden()) },
          basePath: "",
        }),
      ),
    );
    try {
      // /both needs a bearer token and a header API key together
      expect((await raw(own.port, "GET", "/both", { authorization: "Bearer t" })).status).toBe(401);
      expect((await raw(own.port, "GET", "/both", { "x-api-key": "k" })).status).toBe(401);
      expect(called).toEqual([]);
      expect((await raw(own.port, "GET", "/both", { authorization: "Bearer t", "x-api-key": "k" })).status).toBe(403);
      expect(called).toEqual(["bearer t"]);
    } finally {
      await own.close();
    }
  });

  it("the mock accepts any credential present, whatever its scopes", async () => {
    const mock = await listen(toNodeListener(createHandler(createMockHandlers(), { security: mockSecurity, basePath: "" })));
    try {
      expect((await raw(mock.port, "GET", "/scoped", { authorization: "Bearer none" })).status).toBe(200);
      expect((await raw(mock.port, "GET", "/scoped", { "x-api-key": "guest" })).status).toBe(200);
      expect((await raw(mock.port, "GET", "/scoped")).status).toBe(401);
    } finally {
      await mock.close();
    }
  });

  it("types: the context's scopes are read-only strings; a hook's principal type leaves forbidden() out", () => {
    expectTypeOf<SecurityContext["scopes"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf(forbidden).returns.toEqualTypeOf<Forbidden>();
    const principalOf = <P>(hooks: SecurityServerOptions<P>["security"]) => hooks as unknown as P;
    const hooks = { ...security, oauth: (token: string, ctx: SecurityContext) => (ctx.scopes.length ? forbidden() : { scheme: "oauth", granted: [token] }) };
    expectTypeOf(principalOf(hooks)).toEqualTypeOf<Principal>();
    // another generated package's forbidden() is the same type: left out of the principal too
    const mixed = { ...security, oauth: (token: string) => (token === "x" ? okraForbidden() : { scheme: "oauth", granted: [token] }) };
    expectTypeOf(principalOf(mixed)).toEqualTypeOf<Principal>();
    // @ts-expect-error the scopes are the requirement's, not the hook's to change
    const write = (ctx: SecurityContext) => ctx.scopes.push("admin");
    expect(write).toBeTypeOf("function");
  });
});

describe("security scopes through the adapters", () => {
  /** Status, challenge and media type of each case against a base URL. */
  async function answers(port: number, base: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const [, headers] of CASES) {
      const res = await raw(port, "GET", `${base}/scoped`, headers);
      out.push([res.status, res.headers["www-authenticate"] ?? null, res.status === 200 ? "json" : res.headers["content-type"]]);
    }
    return out;
  }
  const expected = CASES.map(([, , status, authenticate]) => [status, authenticate, status === 200 ? "json" : "application/problem+json"]);

  it("Express gives the same statuses", async () => {
    const app = express();
    app.use("/api", toExpressMiddleware(createHandler(createMockHandlers(), { security, basePath: "/api" })));
    const s = await listen(app);
    try {
      expect(await answers(s.port, "/api")).toEqual(expected);
    } finally {
      await s.close();
    }
  });

  it("Fastify gives the same statuses", async () => {
    const app = Fastify();
    await app.register(fastifyPlugin(createHandler(createMockHandlers(), { security, basePath: "/api" })), { prefix: "/api" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const port = (app.server.address() as { port: number }).port;
      expect(await answers(port, "/api")).toEqual(expected);
    } finally {
      await app.close();
    }
  });
});
