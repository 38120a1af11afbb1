/**
 * Security: each scheme's credential read from the request, the hooks run per alternative (each given the
 * scopes its requirement lists), the 401 challenge and the 403 a hook's `forbidden()` leads to.
 */
import { NONE, setOwn, UTF8 } from "./params.js";
import type { RequestContext } from "./context.js";
import { problem } from "./problems.js";
import { isThenable } from "./thenable.js";
import type { Route } from "./router.js";
import type { OperationSpec, RawReply, Requirement, Scheme, SecurityHook, ServerSpec } from "./types.js";

export type SecurityHooks = { readonly [scheme: string]: SecurityHook<never, unknown> | undefined };

/**
 * Marks `forbidden()`'s answer. A string, not a symbol: every generated package's `Forbidden` is then one type
 * (a hook returning another package's `forbidden()` still infers its principal without it) and one value.
 */
export const FORBIDDEN = "specforge:forbidden";
/** A hook's answer for a valid credential that may not do this (it lacks the scopes): 403 unless another alternative passes. */
export interface Forbidden {
  readonly [FORBIDDEN]: true;
  /** The 403 problem's `detail`. */
  readonly detail?: string;
}

/** What a security hook returns for a valid credential that lacks what the operation requires (`ctx.scopes`). */
export function forbidden(detail?: string): Forbidden {
  return Object.freeze(detail === undefined ? { [FORBIDDEN]: true as const } : { [FORBIDDEN]: true as const, detail });
}

function isForbidden(answer: unknown): answer is Forbidden {
  return typeof answer === "object" && answer !== null && (answer as Partial<Forbidden>)[FORBIDDEN] === true;
}

export interface Granted {
  principal: unknown;
  principals: Record<string, unknown>;
}

/** The first credential a hook forbade: its scheme and the scopes its requirement lists. */
export interface Denied {
  forbidden: Forbidden;
  scheme: string;
  scopes: readonly string[];
}

type Outcome = Granted | Denied | undefined;

/**
 * The principals of the first security alternative the request satisfies; else the first credential a hook
 * forbade (403), else undefined (401). Synchronous while the hooks are: a promise only where a hook returns one.
 */
export function authenticate(schemes: ServerSpec["schemes"], hooks: SecurityHooks, route: Route, ctx: RequestContext): Outcome | Promise<Outcome> {
  return alternative(schemes, hooks, route, ctx, 0, undefined);
}

function alternative(schemes: ServerSpec["schemes"], hooks: SecurityHooks, route: Route, ctx: RequestContext, a: number, denied: Denied | undefined): Outcome | Promise<Outcome> {
  const alternatives = route.op.security!;
  if (a === alternatives.length) return denied;
  // every credential of the alternative is read before any of its hooks runs: one missing (or a scheme without
  // a hook) passes it over, so 401 or 403 does not hang on the order of its schemes, nor is a token looked up in vain
  const required = alternatives[a]!;
  // sized once: a list grown by `push` from empty takes room for 16 (GC work on every request)
  const credentials: unknown[] = new Array(required.length);
  for (let i = 0; i < required.length; i++) {
    const scheme = schemeName(required[i]!);
    const how = schemes[scheme];
    const credential = how && Object.prototype.hasOwnProperty.call(hooks, scheme) && hooks[scheme] ? credentialOf(how, ctx) : undefined;
    if (credential === undefined) return alternative(schemes, hooks, route, ctx, a + 1, denied);
    credentials[i] = credential;
  }
  return step(hooks, route, ctx, a, 0, credentials, {}, denied, schemes);
}

function step(hooks: SecurityHooks, route: Route, ctx: RequestContext, a: number, from: number, credentials: unknown[], principals: Record<string, unknown>, denied: Denied | undefined, schemes: ServerSpec["schemes"]): Outcome | Promise<Outcome> {
  const required = route.op.security![a]!;
  for (let i = from; i < required.length; i++) {
    const entry = required[i]!;
    const scheme = schemeName(entry);
    // a copy per call: what one hook does to its list is no other request's business
    const scopes = typeof entry === "string" ? NONE : entry.slice(1);
    const answer = hooks[scheme]!(credentials[i] as never, { operation: route.name, scheme, scopes, request: ctx });
    if (isThenable(answer)) return stepLater(answer, hooks, route, ctx, a, i, credentials, principals, denied, schemes, scheme, scopes);
    if (!admit(answer, scheme, principals)) return alternative(schemes, hooks, route, ctx, a + 1, denied ?? deniedBy(answer, scheme, scopes));
  }
  return { principal: required.length ? principals[schemeName(required[0]!)] : undefined, principals };
}

/**
 * `step` once a hook's promise settles. Apart from `step`, whose locals a closure there would capture: V8 then
 * allocates them a context on every call, the hooks' promises or not.
 */
function stepLater(answer: PromiseLike<unknown>, hooks: SecurityHooks, route: Route, ctx: RequestContext, a: number, i: number, credentials: unknown[], principals: Record<string, unknown>, denied: Denied | undefined, schemes: ServerSpec["schemes"], scheme: string, scopes: readonly string[]): Promise<Outcome> {
  return Promise.resolve(answer).then((p: unknown) =>
    admit(p, scheme, principals) ? step(hooks, route, ctx, a, i + 1, credentials, principals, denied, schemes) : alternative(schemes, hooks, route, ctx, a + 1, denied ?? deniedBy(p, scheme, scopes)),
  );
}

/** Whether a hook's answer is a principal (kept under its scheme), not a refusal: `null`, `undefined` or `forbidden()`. */
function admit(answer: unknown, scheme: string, principals: Record<string, unknown>): boolean {
  if (answer === null || answer === undefined || isForbidden(answer)) return false;
  setOwn(principals, scheme, answer);
  return true;
}

function deniedBy(answer: unknown, scheme: string, scopes: readonly string[]): Denied | undefined {
  return isForbidden(answer) ? { forbidden: answer, scheme, scopes } : undefined;
}

export function schemeName(entry: Requirement): string {
  return typeof entry === "string" ? entry : entry[0];
}

/**
 * The reply to a request no alternative admits: 401 with the route's challenge; 403 where a hook forbade a
 * credential, a token's with `Bearer error="insufficient_scope"` and the scopes its requirement lists (RFC 6750 §3.1).
 * An operation whose schemes no request carries (`mutualTLS` alone) has no challenge, which a 401 must send
 * (RFC 9110 §15.5.2): it is a 403, as the connection's credentials do not admit the request.
 */
export function refusal(schemes: ServerSpec["schemes"], route: Route, denied: Denied | undefined): RawReply {
  if (!denied && route.challenge === "") return problem(403, `The connection's credentials do not admit this request (it takes ${carriedOutside(schemes, route.op)}, which no request header carries).`);
  if (!denied) return problem(401, "Valid credentials are required.", undefined, { "www-authenticate": route.challenge });
  const detail = denied.forbidden.detail ?? "The credentials do not grant the scopes this operation requires.";
  if (schemes[denied.scheme]?.[0] !== "bearer") return problem(403, detail);
  // scope is a space-delimited list of scope-tokens, %x21 / %x23-5B / %x5D-7E (RFC 6749 §3.3): a spec's
  // "a b" is two, and what is no scope-token is left out (never altered into a scope that does not exist)
  const scope = denied.scopes.flatMap((s) => s.split(" ")).filter((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s));
  return problem(403, detail, undefined, { "www-authenticate": `Bearer error="insufficient_scope"${scope.length ? `, scope="${scope.join(" ")}"` : ""}` });
}

/**
 * `WWW-Authenticate` (RFC 9110 11.6.1): one challenge per scheme the operation accepts, each said once
 * (OAuth 2 and OpenID Connect schemes are both answered with a Bearer token). Empty where the request carries
 * none of them (`mutualTLS`): a `Bearer` there would ask for a token the operation does not take.
 */
export function challenge(schemes: ServerSpec["schemes"], op: OperationSpec): string {
  const out = new Set<string>();
  for (const alternative of op.security ?? []) {
    for (const entry of alternative) {
      const how = schemes[schemeName(entry)];
      if (!how) continue;
      if (how[0] === "bearer") out.add("Bearer");
      else if (how[0] === "basic") out.add('Basic realm="api"');
      // a scheme name that is no token (`négo`, RFC 9110 §11.1) is left out, not altered into another
      // scheme (`ngo`) nor emptied into `, Basic ...`: no request can name it in Authorization either
      else if (how[0] === "http") {
        if (isToken(how[1]!)) out.add(how[1]!);
      } else if (how[0] !== "other") out.add(`ApiKey in=${how[0]}, name=${quoted(how[1]!)}`);
    }
  }
  return [...out].join(", ");
}

/** The schemes of an operation without a challenge (`mutualTLS`, an HTTP scheme named by no token), for a 403's detail. */
function carriedOutside(schemes: ServerSpec["schemes"], op: OperationSpec): string {
  const named = (op.security ?? []).flat().map((entry) => schemes[schemeName(entry)]).flatMap((how) => (how?.[0] === "other" ? [how[1]!] : how?.[0] === "http" ? [`HTTP ${how[1]}`] : []));
  return [...new Set(named)].join(" or ") || "no scheme this server knows";
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

function isToken(s: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s);
}

export function quoted(s: string): string {
  return `"${s.replace(/[\u0000-\u001f\u007f"\\]/g, "")}"`;
}
