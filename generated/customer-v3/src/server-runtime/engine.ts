/** The engine: one request in, one reply out, whatever the transport (Web `Request`, `node:http`, Express, Fastify). */
import { bareMediaType, parseBody, readQuerystring, withoutPairs, type BodyResult } from "./body.js";
import { explainSiteIssues, putFilesBack, setFilesAside, type SiteFailures } from "./form.js";
import { BodyError, problem, ProblemReply } from "./problems.js";
import { RequestContext } from "./context.js";
import { cookieText, decodable, hasOwn, NONE, readPath, readQuery, fromText, setOwn, splitMixed, unnest } from "./params.js";
import { toReply, type OnError } from "./reply.js";
import { requestViolations, violationsLine, type Violation } from "./violations.js";
import { isParam, Router, type Route, type RouteMedia } from "./router.js";
import { authenticate, challenge, refusal, schemeName, type Granted, type SecurityHooks } from "./security.js";
import { isThenable } from "./thenable.js";
import { withDefaults } from "./defaults.js";
import type { AnyHandler, OperationValidators, Param, ProblemDetails, RawReply, RawRequest, ServerOptions, ServerSpec, Validate, WebHandler } from "./types.js";

export class Engine {
  private readonly router = new Router();
  private readonly bodyLimit: number;
  private readonly maxDepth: number;
  private readonly base: string;
  private readonly onError: OnError;

  constructor(
    private readonly spec: ServerSpec,
    handlers: Record<string, AnyHandler>,
    validators: { readonly [operation: string]: OperationValidators | undefined } | undefined,
    private readonly security: SecurityHooks,
    private readonly options: ServerOptions,
  ) {
    this.bodyLimit = options.bodyLimit ?? 1024 * 1024;
    this.maxDepth = options.maxDepth ?? 64;
    this.base = (options.basePath ?? "").replace(/\/+$/, "");
    this.onError = options.onError ?? ((e, ctx) => console.error(`specforge server: ${ctx.kind} error in ${ctx.operation}:`, e));
    for (const name of Object.keys(spec.operations)) {
      const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
      if (typeof handler !== "function") throw new TypeError(`createHandler: no handler for operation '${name}'`);
      const op = spec.operations[name]!;
      const v = withPartDefaults(spec, op, validators?.[name]);
      const bodyDefaults = new Map(op.defaults?.bodies ?? []);
      // Each media type's body is validated by its own schema's validator (the first, preferred one's is `body`
      // where `bodies` has none: a text body's); text where its schema takes a string, bytes never.
      const media = (op.body?.media ?? []).map(([m, kind, fields, files], i): RouteMedia => {
        const checked = kind === "text" ? op.body!.texts?.includes(m) === true : kind !== "raw";
        const own = v?.bodies && Object.prototype.hasOwnProperty.call(v.bodies, m) ? v.bodies[m] : i === 0 ? v?.body : undefined;
        const validate = checked ? own : undefined;
        return [bareMediaType(m), kind, fields, withDefaults(spec.defaults ?? [], bodyDefaults.get(m), validate), files];
      });
      this.router.add({ name, op, handler: handler.bind(handlers), validators: v, challenge: challenge(spec.schemes, op), media, kinds: new Map() });
    }
  }

  /** A request's reply; it never rejects. Routing is synchronous; only a routed request goes on to `serve`. */
  handle(req: RawRequest): Promise<RawReply> {
    const started = this.options.onResponse ? Date.now() : 0;
    let reply: RawReply;
    try {
      const q = req.url.indexOf("?");
      let pathname = q < 0 ? req.url : req.url.slice(0, q);
      if (this.base) pathname = pathname === this.base || pathname.startsWith(this.base + "/") ? pathname.slice(this.base.length) || "/" : "";
      let match = pathname ? this.router.match(pathname, req.method) : undefined;
      let route = match && routeOf(match.routes, req.method);
      // `/customers/` as `/customers` where the path as sent has no operation for the method
      if (!route && pathname.length > 1 && pathname.endsWith("/") && (this.options.ignoreTrailingSlash ?? req.ignoreTrailingSlash === true)) {
        const trimmed = pathname.slice(0, -1);
        const other = this.router.match(trimmed, req.method);
        if (other && (!match || routeOf(other.routes, req.method))) {
          pathname = trimmed;
          match = other;
          route = routeOf(other.routes, req.method);
        }
      }
      if (route && match) {
        // undefined without a `?`: a bare `?` is an empty query string, which an `in: querystring` form reads as an empty form
        const replied = this.serve(route, match.segs, q < 0 ? undefined : req.url.slice(q + 1), req);
        const name = route.name;
        return this.options.onResponse ? this.finishLater(req, replied, name, started) : replied;
      }
      if (!match) reply = { ...problem(404, "No operation has this path."), unmatched: true };
      else {
        const allow = this.router.allowed(pathname).join(", ");
        reply = problem(405, `This path accepts ${allow}.`, undefined, { allow });
      }
    } catch (e) {
      reply = this.failed(e, undefined, req);
    }
    return Promise.resolve(this.finish(req, reply, undefined, started));
  }

  private failed(e: unknown, operation: string | undefined, req: RawRequest): RawReply {
    if (e instanceof BodyError) return problem(e.status, e.message);
    return this.thrown(e, operation ?? "(router)", req);
  }

  /** A 500 for what a handler or hook threw: reported to `onError`, or handed back for the framework's error handling. */
  private thrown(e: unknown, operation: string, req: RawRequest): RawReply {
    const reply = problem(500, "The server could not complete the request.");
    if (req.forwardErrors) return { ...reply, error: { thrown: e } };
    this.onError(e, { operation, kind: "handler" });
    return reply;
  }

  /**
   * `finish` once the reply is decided. Apart from `handle`, whose locals a closure there would capture: V8 then
   * allocates them a context on every request, `onResponse` given or not.
   */
  private finishLater(req: RawRequest, replied: Promise<RawReply>, operation: string, started: number): Promise<RawReply> {
    return replied.then((r) => this.finish(req, r, operation, started));
  }

  /** Reports the reply to `onResponse`; a logging hook that throws is reported to `onError`, and the reply still goes out (handle never rejects). */
  private finish(req: RawRequest, reply: RawReply, operation: string | undefined, started: number): RawReply {
    try {
      this.options.onResponse?.({ method: req.method, url: req.url, status: reply.status, operation, ms: Date.now() - started });
    } catch (e) {
      this.onError(e, { operation: operation ?? "(router)", kind: "on-response" });
    }
    return reply;
  }

  /**
   * One routed request: security first (without credentials, or with forbidden ones, nothing else is looked at),
   * then parameters and body, then the handler. Never rejects. Its work is done in functions it calls: an async
   * function keeps every local it has across each `await`, and that record, made per request, was the largest
   * thing the engine allocated.
   */
  private async serve(route: Route, segs: string[], search: string | undefined, req: RawRequest): Promise<RawReply> {
    try {
      const { op } = route;
      const ctx = new RequestContext(req, search ?? "");
      const issues: Issues = [];
      let granted: Granted | undefined;
      if (op.security && op.security.length) {
        let outcome = authenticate(this.spec.schemes, this.security, route, ctx);
        if (isThenable(outcome)) outcome = await outcome;
        if (!outcome || "forbidden" in outcome) return this.refused(route, req, ctx, refusal(this.spec.schemes, route, outcome));
        granted = outcome;
      }
      const input: Record<string, unknown> = { request: ctx, principal: granted?.principal, principals: granted ? granted.principals : {} };
      // an API key the client sends in the query is its own pair, not part of a parameter's value
      const apiKeys = op.query || op.querystring ? queryApiKeys(op, this.spec.schemes) : NONE;
      readParameters(route, segs, req, ctx, apiKeys, input, issues);
      if (op.querystring) {
        const read = await readQuerystring(op.querystring, apiKeys.length && search !== undefined ? withoutPairs(search, apiKeys) : search, this.maxDepth, issues);
        if (read.present) input.querystring = check(route.validators?.querystring, read.value, "/querystring", issues, read.read);
      }
      if (op.body) {
        const bytes = req.parsed ? undefined : await req.body(this.bodyLimit);
        let body: BodyResult | Promise<BodyResult> = parseBody(req, route, op.body, bytes, this.maxDepth);
        if (isThenable(body)) body = await body;
        if ("reply" in body) return body.reply;
        takeBody(op.body, body, input, issues);
      }
      // answered anyway (a mock showing its answers to any request, as Prism's `--validate-request=false`):
      // the handler gets the values as read, not as their types promise
      let violations: Violation[] | undefined;
      if (issues.length) {
        if (this.options.invalidRequests !== "pass") return this.refused(route, req, ctx, problem(400, "The request is not valid: see errors.", issues), issues);
        violations = this.passed(route, issues);
      }

      let out: Awaited<ReturnType<AnyHandler>>;
      try {
        const returned = route.handler(input);
        out = isThenable(returned) ? await returned : returned;
      } catch (e) {
        if (e instanceof ProblemReply) return problem(e.status, e.message);
        return this.thrown(e, route.name, req);
      }
      return toReply(route, out, this.options, this.onError, violations);
    } catch (e) {
      return this.failed(e, route.name, req);
    }
  }

  /** A request with issues answered anyway (`invalidRequests: "pass"`): reported to `onError`, its violations for `sl-violations`. */
  private passed(route: Route, issues: Issues): Violation[] {
    this.onError(new Error(`${route.name} answers a request that is not valid: ${violationsLine(issues.map((e) => [e.pointer, e.detail]))}`), { operation: route.name, kind: "request-validation" });
    return requestViolations(issues);
  }

  /**
   * A refusal as the operation documents it where `options.refusals` gives a reply (see `ServerOptions`), its
   * issues (or, refused for its credentials, the problem's detail) in `sl-violations`; else the problem.
   */
  private async refused(route: Route, req: RawRequest, request: RequestContext, reply: RawReply, issues?: NonNullable<ProblemDetails["errors"]>): Promise<RawReply> {
    const documented = this.options.refusals;
    if (!documented) return reply;
    let out: Awaited<ReturnType<typeof documented>>;
    try {
      const answered = documented(reply.status, { operation: route.name, request });
      out = isThenable(answered) ? await answered : answered;
    } catch (e) {
      // one it cannot answer (a ProblemReply: no example in the accepted media type) keeps the problem
      if (e instanceof ProblemReply) return reply;
      return this.thrown(e, route.name, req);
    }
    if (!out) return reply;
    const why = issues ?? [{ pointer: "", detail: (JSON.parse(reply.body as string) as ProblemDetails).detail ?? "", keyword: "security" }];
    const sent = toReply(route, out, this.options, this.onError, requestViolations(why));
    // RFC 9110 §11.6.1: a 401 carries its challenge
    const challenge = reply.headers["www-authenticate"];
    if (challenge !== undefined && sent.status === reply.status && sent.headers["www-authenticate"] === undefined) sent.headers["www-authenticate"] = challenge;
    return sent;
  }
}

/** The names of the API keys an operation's security takes from the query. */
function queryApiKeys(op: ServerSpec["operations"][string], schemes: ServerSpec["schemes"]): string[] {
  return (op.security ?? []).flat().map(schemeName).flatMap((s) => (schemes[s]?.[0] === "query" ? [schemes[s]![1]!] : []));
}

/** The path, query, header and cookie parameters, read by their styles and checked, into `input`; what is wrong with them into `issues`. */
function readParameters(route: Route, segs: string[], req: RawRequest, ctx: RequestContext, apiKeys: readonly string[], input: Record<string, unknown>, issues: Issues): void {
  const { op } = route;
  const v = route.validators;
  if (route.captures.length) {
    const values: Record<string, unknown> = {};
    const from = issues.length;
    for (const c of route.captures) {
      const raw = segs[c.index]!;
      if (isParam(c.segment)) readPath(c.segment, raw, values, issues);
      else splitMixed(c.segment as readonly (string | Param)[], raw, values, issues);
    }
    // a value that could not be read (`%FF`) is reported once, not again as missing
    input.path = check(v?.path, values, "/path", issues, issues.length > from ? issues.slice(from) : undefined);
  }
  if (op.query) input.query = check(v?.query, queryValues(op.query, ctx, apiKeys, issues), "/query", issues);
  if (op.headers) {
    const values: Record<string, unknown> = {};
    for (const p of op.headers) {
      const h = req.header(p[1]);
      if (h !== undefined) setOwn(values, p[0], fromText(p, h, ",", issues, "/header/"));
    }
    input.headers = check(v?.header, values, "/header", issues);
  }
  if (op.cookies) {
    const values: Record<string, unknown> = {};
    // as sent: a list is split before its items are decoded (an item's own `,` is `%2C`)
    const pairs = ctx.cookiePairs();
    for (const p of op.cookies) {
      // an exploded list (3.0's default for cookies) is its name repeated, as the client sends it (`tags=a;
      // tags=b`), each split at literal commas too (`tags=a,b`, as others write it)
      if (p[2] === "formExplode" && p[3] === "array") {
        const mine = pairs.filter(([n]) => n === p[1]);
        if (mine.length) setOwn(values, p[0], unnest(p, mine.flatMap(([, c]) => (c === "" ? [] : c.split(",").map(cookieText))), issues, "/cookie/"));
        continue;
      }
      // an exploded object's members are cookies of their own names (`role=admin; firstName=Alex`): only
      // those its schema declares, the first of each, so the browser's other cookies (a session's) stay out.
      // A name is compared decoded: the client escapes what a cookie name cannot hold (`first%20name`, `a%3Db`)
      if (p[5]) {
        const obj: Record<string, unknown> = {};
        for (const [sent, c] of pairs) {
          const n = cookieText(sent);
          if (p[5].includes(n) && !hasOwn(obj, n)) setOwn(obj, n, cookieText(c));
        }
        if (Object.keys(obj).length) setOwn(values, p[0], unnest(p, obj, issues, "/cookie/"));
        continue;
      }
      const c = pairs.find(([n]) => n === p[1])?.[1];
      // one that is no percent-encoding (`100%`, from a client that does not encode) is taken as it is
      if (c !== undefined) setOwn(values, p[0], fromText(p, c, ",", issues, "/cookie/", decodable(c)));
    }
    input.cookies = check(v?.cookie, values, "/cookie", issues);
  }
}

/** The query parameters as read; apart from `readParameters`, so the closures here do not make its locals a context per request. */
function queryValues(query: NonNullable<ServerSpec["operations"][string]["query"]>, ctx: RequestContext, apiKeys: readonly string[], issues: Issues): Record<string, unknown> {
  return readQuery(query, ctx.query(), () => ctx.query(true), () => ctx.querySent(), apiKeys, issues);
}

/** A body read (present or not) into `input`, checked by its media type's validator; what is wrong with it into `issues`. */
function takeBody(spec: NonNullable<ServerSpec["operations"][string]["body"]>, body: Exclude<BodyResult, { reply: RawReply }>, input: Record<string, unknown>, issues: Issues): void {
  if (body.present) {
    if (body.issues) issues.push(...body.issues);
    if (!body.validate) input.body = body.value;
    else if (body.kind === "multipart") input.body = validateForm(body.validate, body.value, issues, body.issues, body.failures);
    else input.body = check(body.validate, body.value, "/body", issues, body.issues);
  } else if (spec.required) {
    issues.push({ pointer: "/body", detail: "is required" });
  }
}

type Issues = NonNullable<ProblemDetails["errors"]>;

/** The route answering `method` (HEAD by its GET). */
function routeOf(routes: Map<string, Route>, method: string): Route | undefined {
  return routes.get(method) ?? (method === "HEAD" ? routes.get("GET") : undefined);
}

/** An operation's parameter validators, each filling its part's defaults first (bodies' are per media type, in the route's media). */
function withPartDefaults(spec: ServerSpec, op: ServerSpec["operations"][string], v: OperationValidators | undefined): OperationValidators | undefined {
  const d = op.defaults;
  if (!v || !d || !spec.defaults) return v;
  const nodes = spec.defaults;
  return { ...v, query: withDefaults(nodes, d.query, v.query), header: withDefaults(nodes, d.header, v.header), cookie: withDefaults(nodes, d.cookie, v.cookie), querystring: withDefaults(nodes, d.querystring, v.querystring) };
}

/** `skip`: pointers already reported (a form field that is not its type, a JSON part that is not JSON): the validator's issue there would say less. */
function check(validate: Validate | undefined, value: unknown, at: string, issues: NonNullable<ProblemDetails["errors"]>, skip?: ProblemDetails["errors"]): unknown {
  if (!validate) return value;
  const result = validate(value);
  if (result.ok) return result.value;
  // a Set: a form of 100,000 bad fields has as many issues of each kind, and comparing lists was quadratic
  const reported = skip?.length ? new Set(skip.map((s) => s.pointer)) : undefined;
  for (const e of result.errors) {
    const pointer = at + e.path;
    if (!reported?.has(pointer)) issues.push({ pointer, detail: e.message, keyword: e.keyword });
  }
  return value;
}

/**
 * A multipart body validated: its files are set aside (their schema takes any value there, a `FileSite`'s
 * refuses the rules the file failed) and put back in the value the validator returns, which may be a copy
 * (`unknownProperties: strip`) that would not keep them as the `File`s they are.
 */
function validateForm(validate: Validate, value: unknown, issues: NonNullable<ProblemDetails["errors"]>, skip: ProblemDetails["errors"], failures?: SiteFailures): unknown {
  const files = setFilesAside(value, failures);
  const from = issues.length;
  const checked = check(validate, value, "/body", issues, skip);
  if (files && failures?.size) explainSiteIssues(issues, from, files, failures);
  if (files) putFilesBack(checked, files);
  return checked;
}

export const ENGINE: unique symbol = Symbol.for("specforge.server.engine") as never;
export type EngineHandler = WebHandler & { [ENGINE]?: Engine };
