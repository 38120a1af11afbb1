/** Security: each scheme's credential read from the request, the hooks run per alternative, and the 401 challenge. */
import { setOwn, UTF8 } from "./params.js";
import type { RequestContext } from "./context.js";
import { isThenable } from "./thenable.js";
import type { Route } from "./router.js";
import type { OperationSpec, Scheme, SecurityHook, ServerSpec } from "./types.js";

export type SecurityHooks = { readonly [scheme: string]: SecurityHook<never, unknown> | undefined };

export interface Granted {
  principal: unknown;
  principals: Record<string, unknown>;
}

/**
 * The principals of the first security alternative the request satisfies, or undefined (401). Synchronous
 * while the hooks are: a promise only where a hook returns one.
 */
export function authenticate(schemes: ServerSpec["schemes"], hooks: SecurityHooks, route: Route, ctx: RequestContext): Granted | undefined | Promise<Granted | undefined> {
  return alternative(schemes, hooks, route, ctx, 0);
}

function alternative(schemes: ServerSpec["schemes"], hooks: SecurityHooks, route: Route, ctx: RequestContext, a: number): Granted | undefined | Promise<Granted | undefined> {
  const alternatives = route.op.security!;
  return a === alternatives.length ? undefined : step(schemes, hooks, route, ctx, a, 0, {});
}

function step(schemes: ServerSpec["schemes"], hooks: SecurityHooks, route: Route, ctx: RequestContext, a: number, from: number, principals: Record<string, unknown>): Granted | undefined | Promise<Granted | undefined> {
  const schemesOf = route.op.security![a]!;
  for (let i = from; i < schemesOf.length; i++) {
    const scheme = schemesOf[i]!;
    const how = schemes[scheme];
    const hook = Object.prototype.hasOwnProperty.call(hooks, scheme) ? hooks[scheme] : undefined;
    const credential = how && credentialOf(how, ctx);
    if (!hook || credential === undefined) return alternative(schemes, hooks, route, ctx, a + 1);
    const principal = hook(credential as never, { operation: route.name, scheme, request: ctx });
    if (isThenable(principal)) {
      return Promise.resolve(principal).then((p: unknown) => {
        if (p === null || p === undefined) return alternative(schemes, hooks, route, ctx, a + 1);
        setOwn(principals, scheme, p);
        return step(schemes, hooks, route, ctx, a, i + 1, principals);
      });
    }
    if (principal === null || principal === undefined) return alternative(schemes, hooks, route, ctx, a + 1);
    setOwn(principals, scheme, principal);
  }
  return { principal: schemesOf.length ? principals[schemesOf[0]!] : undefined, principals };
}

/**
 * `WWW-Authenticate` (RFC 9110 11.6.1): one challenge per scheme the operation accepts, each said once
 * (OAuth 2 and OpenID Connect schemes are both answered with a Bearer token).
 */
export function challenge(schemes: ServerSpec["schemes"], op: OperationSpec): string {
  const out = new Set<string>();
  for (const alternative of op.security ?? []) {
    for (const scheme of alternative) {
      const how = schemes[scheme];
      if (!how) continue;
      if (how[0] === "bearer") out.add("Bearer");
      else if (how[0] === "basic") out.add('Basic realm="api"');
      else if (how[0] === "http") out.add(token(how[1]!));
      else if (how[0] !== "other") out.add(`ApiKey in=${how[0]}, name=${quoted(how[1]!)}`);
    }
  }
  return [...out].join(", ") || "Bearer";
}

export function credentialOf(how: Scheme, ctx: RequestContext): unknown {
  switch (how[0]) {
    case "bearer":
    case "basic":
    case "http": {
      const h = ctx.header("authorization");
      if (!h) return undefined;
      const sp = h.indexOf(" ");
      const want = how[0] === "http" ? how[1]! : how[0];
      if (sp < 0 || h.slice(0, sp).toLowerCase() !== want.toLowerCase()) return undefined;
      const value = h.slice(sp + 1).trim();
      if (!value) return undefined;
      if (how[0] !== "basic") return value;
      let text: string;
      try {
        text = UTF8.decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
      } catch {
        return undefined;
      }
      const colon = text.indexOf(":");
      return colon < 0 ? undefined : { username: text.slice(0, colon), password: text.slice(colon + 1) };
    }
    case "header": {
      const v = ctx.header(how[1]!);
      return v ? v : undefined;
    }
    case "query": {
      // sent twice, the key is no credential: which one counts would be the request's choice (an exploded
      // object's member `api_key=...` ahead of the real one)
      const all = ctx.query().get(how[1]!);
      return all?.length === 1 && all[0] ? all[0] : undefined;
    }
    case "cookie": {
      const v = ctx.cookies().get(how[1]!);
      return v ? v : undefined;
    }
    default:
      // Proved outside the request (mutual TLS): the hook gets the scheme's type and looks at the request.
      return how[1];
  }
}

export function token(s: string): string {
  return s.replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g, "");
}

export function quoted(s: string): string {
  return `"${s.replace(/[\u0000-\u001f\u007f"\\]/g, "")}"`;
}
