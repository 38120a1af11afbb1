/** The engine: one request in, one reply out, whatever the transport (Web `Request`, `node:http`, Express, Fastify). */
import { readBody } from "./body.js";
import { BodyError, problem } from "./problems.js";
import { parseCookies, parseQuery, readPath, readQuery, fromText, setOwn, splitMixed } from "./params.js";
import { toReply, type OnError } from "./reply.js";
import { isParam, Router } from "./router.js";
import { authenticate, challenge, type SecurityHooks } from "./security.js";
import type { AnyHandler, OperationValidators, Param, ProblemDetails, RawReply, RawRequest, RequestInfo, ServerOptions, ServerSpec, Validate, WebHandler } from "./types.js";

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
      this.router.add(name, spec.operations[name]!, handler.bind(handlers), validators?.[name]);
    }
  }

  async handle(req: RawRequest): Promise<RawReply> {
    const started = this.options.onResponse ? Date.now() : 0;
    let operation: string | undefined;
    let reply: RawReply;
    try {
      const r = await this.dispatch(req, (name) => (operation = name));
      reply = r;
    } catch (e) {
      if (e instanceof BodyError) reply = problem(e.status, e.message);
      else {
        this.onError(e, { operation: operation ?? "(router)", kind: "handler" });
        reply = problem(500, "The server could not complete the request.");
      }
    }
    this.options.onResponse?.({ method: req.method, url: req.url, status: reply.status, operation, ms: Date.now() - started });
    return reply;
  }

  private async dispatch(req: RawRequest, named: (name: string) => void): Promise<RawReply> {
    const q = req.url.indexOf("?");
    let pathname = q < 0 ? req.url : req.url.slice(0, q);
    const search = q < 0 ? "" : req.url.slice(q + 1);
    if (this.base) {
      if (pathname !== this.base && !pathname.startsWith(this.base + "/")) return { ...problem(404, "No operation has this path."), unmatched: true };
      pathname = pathname.slice(this.base.length) || "/";
    }
    const match = this.router.match(pathname);
    if (!match) return { ...problem(404, "No operation has this path."), unmatched: true };
    const route = match.routes.get(req.method) ?? (req.method === "HEAD" ? match.routes.get("GET") : undefined);
    if (!route) {
      const allow = [...match.routes.keys()].join(", ");
      return problem(405, `This path accepts ${allow}.`, undefined, { allow });
    }
    const segs = match.segs;
    named(route.name);
    const { op } = route;
    const info: RequestInfo = { method: req.method, url: req.url, header: (n) => req.header(n.toLowerCase()) };
    const issues: NonNullable<ProblemDetails["errors"]> = [];
    const input: Record<string, unknown> = { request: info };

    // Security first: without credentials nothing else about the request is looked at.
    let cookies: Map<string, string> | undefined;
    const cookieJar = () => (cookies ??= parseCookies(req.header("cookie")));
    let query: Map<string, string[]> | undefined;
    const queryPairs = () => (query ??= parseQuery(search));
    if (op.security && op.security.length) {
      const granted = await authenticate(this.spec.schemes, this.security, route, info, queryPairs, cookieJar);
      if (!granted) return problem(401, "Valid credentials are required.", undefined, { "www-authenticate": challenge(this.spec.schemes, op) });
      input.principal = granted.principal;
      input.principals = granted.principals;
    } else {
      input.principal = undefined;
      input.principals = {};
    }

    const v = route.validators;
    if (route.captures.length) {
      const values: Record<string, unknown> = {};
      for (const c of route.captures) {
        const raw = segs[c.index]!;
        if (isParam(c.segment)) readPath(c.segment, raw, values, issues);
        else splitMixed(c.segment as readonly (string | Param)[], raw, values, issues);
      }
      input.path = this.check(v?.path, values, "/path", issues);
    }
    if (op.query) input.query = this.check(v?.query, readQuery(op.query, queryPairs(), issues), "/query", issues);
    if (op.headers) {
      const values: Record<string, unknown> = {};
      for (const p of op.headers) {
        const h = req.header(p[1]);
        if (h !== undefined) setOwn(values, p[0], fromText(p, h, ",", issues, "/header/"));
      }
      input.headers = this.check(v?.header, values, "/header", issues);
    }
    if (op.cookies) {
      const values: Record<string, unknown> = {};
      const jar = cookieJar();
      for (const p of op.cookies) {
        const c = jar.get(p[1]);
        if (c !== undefined) setOwn(values, p[0], fromText(p, c, ",", issues, "/cookie/"));
      }
      input.cookies = this.check(v?.cookie, values, "/cookie", issues);
    }
    if (op.body) {
      const body = await readBody(req, op.body, this.bodyLimit, this.maxDepth);
      if ("reply" in body) return body.reply;
      if (body.present) {
        input.body = body.kind === "json" || body.kind === "form" ? this.check(v?.body, body.value, "/body", issues) : body.value;
      } else if (op.body.required) {
        issues.push({ pointer: "/body", detail: "is required" });
      }
    }
    if (issues.length) return problem(400, "The request is not valid: see errors.", issues);

    let out: Awaited<ReturnType<AnyHandler>>;
    try {
      out = await route.handler(input);
    } catch (e) {
      this.onError(e, { operation: route.name, kind: "handler" });
      return problem(500, "The server could not complete the request.");
    }
    return toReply(route, out, this.options, this.onError);
  }

  private check(validate: Validate | undefined, value: unknown, at: string, issues: NonNullable<ProblemDetails["errors"]>): unknown {
    if (!validate) return value;
    const result = validate(value);
    if (result.ok) return result.value;
    for (const e of result.errors) issues.push({ pointer: at + e.path, detail: e.message, keyword: e.keyword });
    return value;
  }
}

export const ENGINE: unique symbol = Symbol.for("specforge.server.engine") as never;
export type EngineHandler = WebHandler & { [ENGINE]?: Engine };
