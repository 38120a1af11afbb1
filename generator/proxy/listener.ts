/**
 * What `specforge proxy` does with each exchange (cli/proxy.ts starts it): the request checked by the
 * spec's generated server (route, security present, parameters, body), forwarded as received to the
 * upstream (upstream.ts), and its answer checked against the operation's documented responses (status,
 * media type, required headers, body: contract.ts). Violations are logged under the request's line; the
 * exchange itself is passed on unchanged, unless `errors`: then an invalid request gets the problem the
 * generated server would answer, and an invalid answer a 502 problem naming what is wrong.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import { printable } from "../diagnostics/printable.js";
import type { ServerModule, ValidatorsModule } from "../spec-server.js";
import { checksBody, problemLines, responseViolations } from "./contract.js";
import { UpstreamTimeout, callUpstream, endToEnd, rawHeader } from "./upstream.js";
import { BODY_LIMIT, BodyTooLarge, answerBody, decoded, readAnswer, readBody } from "./bodies.js";

const ID_HEADER = "x-specforge-proxy-exchange";
const CHECK_ORIGIN = "http://specforge-proxy.invalid";
/** A request's headers the proxy sets itself (the upstream's Host, the length of the body it read). */
const REPLACED = new Set(["host", "content-length", ID_HEADER]);
const PROBLEM = ["content-type", "application/problem+json"];

interface Exchange {
  operation?: string;
}

/** What the command line sets (cli/proxy.ts). */
export interface ProxyOptions {
  /** The upstream's URL without a trailing slash: each request's path and query are appended to it. */
  upstream: string;
  /** `--errors`: a request or an answer that breaks the spec is refused, not passed on. */
  errors: boolean;
  /** `--timeout`: seconds the upstream may be silent. */
  timeout: number;
}

/**
 * The listener that checks and forwards each exchange; `stop()` is called as the proxy stops, before the
 * calls under way are cut off, so that their log says why.
 */
export function proxyListener(mod: ServerModule, validators: ValidatorsModule, { upstream, errors, timeout }: ProxyOptions): { listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>; stop: () => void } {
  const upstreamUrl = new URL(upstream);
  const exchanges = new Map<string, Exchange>();
  // Every operation's handler only notes that the request reached it, that is, passed every check.
  const handlers: Record<string, () => { status: number }> = {};
  for (const name of Object.keys(mod.serverSpec.operations)) {
    handlers[name] = function (this: unknown, ...args: unknown[]) {
      const input = args[0] as { request: { header(name: string): string | undefined } };
      const exchange = exchanges.get(input.request.header(ID_HEADER) ?? "");
      if (exchange) exchange.operation = name;
      return { status: 204 };
    };
  }
  // the proxy's own limit, not a server's 1 MiB: the spec sets none, so a larger body breaks no rule of it
  const check = mod.createHandler(handlers, { security: mod.mockSecurity, onError: () => {}, bodyLimit: BODY_LIMIT });
  let next = 0;
  // a call cut off because the proxy stops, not because its client left
  let stopping = false;
  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const id = String(++next);
    const exchange: Exchange = {};
    exchanges.set(id, exchange);
    const lines: string[] = [];
    // a client that leaves before its answer is complete cancels the upstream call
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    try {
      // not API calls (a tunnel; an echo of the credentials sent): say so rather than forward them
      if (UNFORWARDABLE.has(req.method ?? "")) {
        req.resume();
        return send(res, 501, PROBLEM, problemBody(501, `specforge proxy does not forward ${req.method} requests.`), lines, started, req, "");
      }
      const body = await readBody(req);
      const target = pathOf(req.url);
      const asChecked = forChecking(req, bodyOf(req.method, body));
      // the path checked is the path forwarded: `new URL("//x/y", origin)` would read x as a host, and a
      // Host header may hold anything, so the check's URL is the target under a fixed origin
      const checked = await check(new Request(`${CHECK_ORIGIN}${target}`, { method: req.method, headers: { ...asChecked.headers, [ID_HEADER]: id }, body: asChecked.body }));
      exchanges.delete(id);
      // A browser's CORS preflight that no operation takes (no OPTIONS in the spec) is no API call: the
      // upstream's CORS policy answers it. Refused, the browser would send no request at all.
      if (exchange.operation === undefined && req.method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined) {
        lines.push("  note: CORS preflight, not an operation of the spec: forwarded unchecked");
      } else if (exchange.operation === undefined) {
        const problem = await checked.text();
        lines.push(...problemLines("request", problem, checked.status));
        if (errors) return send(res, checked.status, [...checked.headers].flat(), Buffer.from(problem), lines, started, req, "");
      }
      let answer: IncomingMessage;
      try {
        // a body as it came (a GET's too), when the request has one (a length or chunks)
        const sent = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined ? body : undefined;
        answer = await callUpstream(upstreamUrl, req.method!, target, endToEnd(req.rawHeaders, REPLACED), sent, gone.signal, timeout * 1000);
      } catch (e) {
        if (gone.signal.aborted || e instanceof UpstreamTimeout) throw e;
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        // llhttp's codes (HPE_...): the upstream answered, in something else than HTTP
        const detail = code.startsWith("HPE_") ? `The upstream's answer is not valid HTTP (${code}).` : `The upstream ${upstream} could not be reached (${code}).`;
        return send(res, 502, PROBLEM, problemBody(502, detail), lines, started, req, exchange.operation ?? "");
      }
      const status = answer.statusCode!;
      // passed on as they came: the body is the upstream's bytes, so its Content-Length and -Encoding hold
      const answerHeaders = endToEnd(answer.rawHeaders);
      const checkedHeaders = headersOf(answer.rawHeaders);
      const events = /^text\/event-stream/i.test(answer.headers["content-type"] ?? "");
      const operation = exchange.operation;
      // A body not checked (an event stream, which does not end; a file; a stream of lines) is passed on as
      // it comes, of any size; one checked is read whole first.
      const streamed = events || operation === undefined || !checksBody(mod, operation, status, checkedHeaders);
      let bytes: Buffer | undefined;
      if (!streamed) {
        try {
          bytes = await readAnswer(answer);
        } catch (e) {
          if (gone.signal.aborted || e instanceof UpstreamTimeout) throw e;
          return send(res, 502, PROBLEM, problemBody(502, `The upstream's answer broke off (${(e as Error).message}).`), lines, started, req, operation ?? "");
        }
        if (bytes === undefined) return send(res, 502, PROBLEM, problemBody(502, "The upstream's answer is over the proxy's 64 MiB limit."), lines, started, req, operation ?? "");
      }
      if (operation !== undefined) {
        // no body came to a HEAD (or a 304): its headers tell the GET's, whose body is not checked
        const plain = bytes === undefined || req.method === "HEAD" || status === 304 ? undefined : answerBody(answer.rawHeaders, bytes, lines);
        const found = responseViolations(mod, validators, operation, status, checkedHeaders, plain);
        lines.push(...found.map((v) => `  response: ${v}`));
        if (found.length && errors) {
          answer.destroy();
          return send(res, 502, PROBLEM, problemBody(502, `The upstream's answer does not match the spec: ${found.join("; ")}`), lines, started, req, operation);
        }
      }
      if (bytes === undefined) {
        answer.setTimeout(0);
        res.writeHead(status, answerHeaders);
        log(req, status, operation, started, events ? [...lines, "  note: event stream passed on unchecked"] : lines);
        // pipeline, not pipe: an upstream that breaks off mid-stream must end this answer, not the process
        pipeline(answer, res, () => {});
        return;
      }
      send(res, status, answerHeaders, bytes, lines, started, req, operation ?? "");
    } catch (e) {
      exchanges.delete(id);
      if (gone.signal.aborted) return log(req, undefined, exchange.operation, started, [...lines, `  note: ${stopping ? "the proxy stopped" : "the client went away"}; the upstream call was cancelled`]);
      if (e instanceof UpstreamTimeout) return send(res, 504, PROBLEM, problemBody(504, `The upstream did not answer within ${timeout} s.`), lines, started, req, exchange.operation ?? "");
      const tooLarge = e instanceof BodyTooLarge;
      // the client gets a generic problem; the operator's log says what broke
      if (!tooLarge) lines.push(`  note: the proxy failed: ${printable(e instanceof Error ? e.message : String(e))}`);
      send(res, tooLarge ? 413 : 500, PROBLEM, problemBody(tooLarge ? 413 : 500, tooLarge ? "The request body is over the proxy's 64 MiB limit." : "The proxy failed."), lines, started, req, exchange.operation ?? "");
    }
  };
  return {
    listener,
    stop: () => {
      stopping = true;
    },
  };
}

/** CONNECT asks for a tunnel, TRACE (TRACK) echoes the request, credentials and all: neither is an API call. */
const UNFORWARDABLE = new Set(["CONNECT", "TRACE", "TRACK"]);

/**
 * The request as the generated server checks it: its headers as Node joined them, but those not forwarded; a
 * body sent compressed (`Content-Encoding: gzip`, deflate, br) decoded, as the upstream will read it (it is
 * still forwarded as it came). A body that does not decode is checked as it is (and found wrong there).
 */
function forChecking(req: IncomingMessage, body: Buffer | undefined): { headers: Record<string, string>; body: Buffer | undefined } {
  const forwarded = new Set(endToEnd(req.rawHeaders, REPLACED).filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && forwarded.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  const plain = body && decoded(headers["content-encoding"], body);
  if (!plain || plain === body) return { headers, body };
  const { "content-encoding": _encoding, ...rest } = headers;
  return { headers: rest, body: plain };
}

/** An answer's headers as the contract check reads them. */
function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * The path and query a request names. An absolute-form target (`GET http://host/x`, RFC 9112 §3.2.2) gives
 * its path: appended as written to the upstream URL, its text would run into the upstream's host or port.
 * A fragment (`#x`, which Node's parser lets through) is no part of it: the check's URL drops it too.
 */
function pathOf(url = "/"): string {
  if (url.startsWith("/")) return url.split("#", 1)[0]!;
  const parsed = new URL(url); // not a URL (`OPTIONS *`): the proxy's 500, nothing forwarded
  return parsed.pathname + parsed.search;
}

function bodyOf(method: string | undefined, body: Buffer): Buffer | undefined {
  return method === "GET" || method === "HEAD" || body.length === 0 ? undefined : body;
}

function problemBody(status: number, detail: string): Buffer {
  // RFC 9110's name for 413 (Node's is the older "Payload Too Large")
  const title = status === 413 ? "Content Too Large" : STATUS_CODES[status];
  return Buffer.from(JSON.stringify({ type: "about:blank", title, status, detail }));
}

/** `headers`: name, value, name, value, ... (an answer passed on: the upstream's). */
function send(res: ServerResponse, status: number, headers: string[], body: Buffer, lines: string[], started: number, req: IncomingMessage, operation: string): void {
  if (!res.headersSent) {
    // none on a 204 (RFC 9110 §8.6); a HEAD or 304 answer passed on has the upstream's, if any
    const bodiless = req.method === "HEAD" || status === 204 || status === 304;
    // an answer passed on has its bytes and so the upstream's Content-Length, where it gave one
    res.writeHead(status, bodiless || rawHeader(headers, "content-length") !== undefined ? headers : [...headers, "content-length", String(body.length)]);
    res.end(bodiless ? undefined : body);
  }
  log(req, status, operation, started, lines);
}

/** One line per exchange (`-` for the status when the client left before it), its violations below. */
function log(req: IncomingMessage, status: number | undefined, operation: string | undefined, started: number, lines: string[]): void {
  const head = `${printable(req.method ?? "")} ${printable(req.url ?? "")} ${status ?? "-"}${operation ? ` ${printable(operation)}` : ""} ${Date.now() - started} ms`;
  process.stdout.write(`${[head, ...lines.map(printable)].join("\n")}\n`);
}
