/**
 * `specforge proxy <spec> <upstream>` (Prism's `proxy`): a contract check between a client and a real
 * server. Each request is checked by the spec's generated server (route, security present, parameters,
 * body), forwarded as received to the upstream, and its answer checked against the operation's documented
 * responses (status, media type, required headers, body). Violations are logged under the request's line;
 * the exchange itself is passed on unchanged, unless `--errors`: then an invalid request gets the problem
 * the generated server would answer, and an invalid answer a 502 problem naming what is wrong.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable, pipeline } from "node:stream";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { parseCommandLine, usage } from "./args.js";
import { printable } from "../diagnostics/printable.js";
import { loadSpecServer, portOf, serveUntilStopped } from "./spec-server.js";
import { problemLines, responseViolations } from "./proxy-contract.js";

const HELP = `Usage:
  specforge proxy <spec> <upstream-url> [--port 4010] [--host 127.0.0.1] [--errors]

Forwards every request to <upstream-url> (its path appended) and checks both sides against <spec>: the
request as the generated server validates it, the answer against the operation's documented responses.
Each exchange is logged in one line, each violation on a line of its own below it.

Options:
  --errors   answer a request that breaks the spec with the generated server's problem (400, 401, 404,
             ...) instead of forwarding it, and an answer that breaks it with a 502 problem
`;

/** Bodies are read whole to be checked; larger requests and answers are refused. */
const BODY_LIMIT = 64 * 1024 * 1024;
const ID_HEADER = "x-specforge-proxy-exchange";
const CHECK_ORIGIN = "http://specforge-proxy.invalid";
/**
 * Hop-by-hop headers (RFC 9110 §7.6.1), and what fetch sets itself. An `Expect: 100-continue` was this hop's:
 * the proxy has read the body before it forwards (RFC 9110 §10.1.1), and fetch refuses to send one.
 */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect", ID_HEADER]);

interface Exchange {
  operation?: string;
}

export async function runProxy(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("proxy", {
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      errors: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 2) throw usage(`expected a spec and an upstream URL, got ${positionals.length} argument(s)`, "run 'specforge proxy <spec> <upstream-url>'");
  const upstream = upstreamOf(positionals[1]!);
  const port = portOf(values.port!);
  const { mod, validators, result, dispose } = await loadSpecServer(positionals[0]!);
  try {
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
    const check = mod.createHandler(handlers, { security: mod.mockSecurity, onError: () => {} });
    let next = 0;
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
        // fetch (and so the proxy) cannot send these: say so rather than fail
        if (UNFORWARDABLE.has(req.method ?? "")) {
          req.resume();
          return send(res, 501, { "content-type": "application/problem+json" }, problemBody(501, `specforge proxy does not forward ${req.method} requests.`), lines, started, req, "");
        }
        const body = await readBody(req);
        const headers = forwardable(req.headers);
        const target = pathOf(req.url);
        const asChecked = forChecking(headers, bodyOf(req.method, body));
        // the path checked is the path forwarded: `new URL("//x/y", origin)` would read x as a host, and a
        // Host header may hold anything, so the check's URL is the target under a fixed origin
        const checked = await check(new Request(`${CHECK_ORIGIN}${target}`, { method: req.method, headers: { ...asChecked.headers, [ID_HEADER]: id }, body: asChecked.body }));
        exchanges.delete(id);
        if (exchange.operation === undefined) {
          const problem = await checked.text();
          lines.push(...problemLines("request", problem));
          if (values.errors) return send(res, checked.status, Object.fromEntries(checked.headers), Buffer.from(problem), lines, started, req, "");
        }
        let answer: Response;
        try {
          answer = await fetch(upstream + target, { method: req.method, headers, body: bodyOf(req.method, body), redirect: "manual", signal: gone.signal });
        } catch (e) {
          if (gone.signal.aborted) throw e;
          const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
          return send(res, 502, { "content-type": "application/problem+json" }, problemBody(502, `The upstream ${upstream} could not be reached (${cause}).`), lines, started, req, exchange.operation ?? "");
        }
        // No body came (HEAD, 304): fetch decoded nothing, and the upstream's Content-Length and -Encoding still tell the GET's
        const bodiless = req.method === "HEAD" || answer.status === 304;
        const answerHeaders: Record<string, string | string[]> = forwardable(Object.fromEntries(answer.headers), !bodiless);
        const length = answer.headers.get("content-length");
        if (bodiless && length !== null) answerHeaders["content-length"] = length;
        // each Set-Cookie on its own (fromEntries kept the last one only)
        if (answer.headers.getSetCookie().length > 1) answerHeaders["set-cookie"] = answer.headers.getSetCookie();
        if (/^text\/event-stream/i.test(answer.headers.get("content-type") ?? "") && answer.body) {
          // an event stream does not end: passed on as it comes, not checked
          res.writeHead(answer.status, answerHeaders);
          log(req, answer.status, exchange.operation, started, [...lines, "  note: event stream passed on unchecked"]);
          // pipeline, not pipe: an upstream that breaks off mid-stream must end this answer, not the process
          pipeline(Readable.fromWeb(answer.body as never), res, () => {});
          return;
        }
        let bytes: Buffer | undefined;
        try {
          bytes = bodiless ? Buffer.alloc(0) : await readAnswer(answer);
        } catch (e) {
          if (gone.signal.aborted) throw e;
          return send(res, 502, { "content-type": "application/problem+json" }, problemBody(502, `The upstream's answer broke off (${(e as Error).message}).`), lines, started, req, exchange.operation ?? "");
        }
        if (bytes === undefined) {
          return send(res, 502, { "content-type": "application/problem+json" }, problemBody(502, "The upstream's answer is over the proxy's 64 MiB limit."), lines, started, req, exchange.operation ?? "");
        }
        if (exchange.operation !== undefined) {
          const found = responseViolations(mod, validators, exchange.operation, answer.status, answer.headers, req.method === "HEAD" ? undefined : bytes);
          lines.push(...found.map((v) => `  response: ${v}`));
          if (found.length && values.errors) {
            return send(res, 502, { "content-type": "application/problem+json" }, problemBody(502, `The upstream's answer does not match the spec: ${found.join("; ")}`), lines, started, req, exchange.operation);
          }
        }
        send(res, answer.status, answerHeaders, bytes, lines, started, req, exchange.operation ?? "");
      } catch (e) {
        exchanges.delete(id);
        if (gone.signal.aborted) return log(req, undefined, exchange.operation, started, [...lines, "  note: the client went away; the upstream call was cancelled"]);
        const tooLarge = e instanceof BodyTooLarge;
        // the client gets a generic problem; the operator's log says what broke
        if (!tooLarge) lines.push(`  note: the proxy failed: ${printable(e instanceof Error ? e.message : String(e))}`);
        send(res, tooLarge ? 413 : 500, { "content-type": "application/problem+json" }, problemBody(tooLarge ? 413 : 500, tooLarge ? "The request body is over the proxy's 64 MiB limit." : "The proxy failed."), lines, started, req, exchange.operation ?? "");
      }
    };
    await serveUntilStopped((req, res) => void listener(req, res), port, values.host!, (where) =>
      `specforge proxy: ${printable(result.ir.title)} ${printable(result.ir.version)} (${result.ir.operations.length} operations) listening on ${where}, forwarding to ${upstream}${values.errors ? " (--errors)" : ""}`);
    process.stdout.write("specforge proxy: stopped\n");
    return 0;
  } finally {
    dispose();
  }
}

function upstreamOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`'${text}' is not a URL`, "give the upstream server as http(s)://host[:port][/base]");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usage(`'${text}' is not an http(s) URL`, "give the upstream server as http(s)://host[:port][/base]");
  return url.href.replace(/\/+$/, "");
}

class BodyTooLarge extends Error {}

/** Methods the Fetch standard forbids: fetch refuses to send them. */
const UNFORWARDABLE = new Set(["CONNECT", "TRACE", "TRACK"]);

const DECODERS: Record<string, (data: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * The request as the generated server checks it: a body sent compressed (`Content-Encoding: gzip`, deflate,
 * br) is checked decoded, as the upstream will read it; it is still forwarded as it came. A body that does not
 * decode is checked as it is (and found wrong there).
 */
function forChecking(headers: Record<string, string>, body: Buffer | undefined): { headers: Record<string, string>; body: Buffer | undefined } {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === "content-encoding");
  const decode = key === undefined ? undefined : DECODERS[headers[key]!.trim().toLowerCase()];
  if (!body || !decode) return { headers, body };
  try {
    const { [key!]: _encoding, ...rest } = headers;
    return { headers: rest, body: decode(body, { maxOutputLength: BODY_LIMIT }) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new BodyTooLarge();
    return { headers, body };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Refused unbuffered when its length is declared: the body is read and dropped (Node's request timeout
    // bounds a slow sender) so that the client, still sending, gets the 413 rather than a reset.
    if (Number(req.headers["content-length"] ?? 0) > BODY_LIMIT) {
      req.resume();
      return reject(new BodyTooLarge());
    }
    // A body of undeclared length (chunked) past the limit: what came is let go and the rest read and
    // dropped the same way, so the client gets its 413 rather than a reset.
    let chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      over = true;
      chunks = [];
      reject(new BodyTooLarge());
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The upstream's answer body, or undefined when it is over the limit (read no further, not buffered). */
async function readAnswer(answer: Response): Promise<Buffer | undefined> {
  if (!answer.body) return Buffer.alloc(0);
  const reader = answer.body.getReader();
  if (Number(answer.headers.get("content-length") ?? 0) > BODY_LIMIT) {
    await reader.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * The path and query a request names. An absolute-form target (`GET http://host/x`, RFC 9112 §3.2.2) gives
 * its path: appended as written to the upstream URL, its text would run into the upstream's host or port.
 */
function pathOf(url = "/"): string {
  if (url.startsWith("/")) return url;
  const parsed = new URL(url); // not a URL (`OPTIONS *`): the proxy's 500, nothing forwarded
  return parsed.pathname + parsed.search;
}

function bodyOf(method: string | undefined, body: Buffer): Buffer | undefined {
  return method === "GET" || method === "HEAD" || body.length === 0 ? undefined : body;
}

/** `decoded`: an answer fetch has decoded, so its Content-Encoding no longer holds (a request's body is passed as sent, encoding and all). */
function forwardable(headers: Record<string, string | string[] | undefined>, decoded = false): Record<string, string> {
  // the headers a Connection header names are hop-by-hop too (RFC 9110 §7.6.1)
  const named = new Set(String(headers.connection ?? "").toLowerCase().split(",").map((n) => n.trim()));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || NOT_FORWARDED.has(lower) || named.has(lower) || (decoded && lower === "content-encoding")) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function problemBody(status: number, detail: string): Buffer {
  const title = status === 502 ? "Bad Gateway" : status === 413 ? "Content Too Large" : "Internal Server Error";
  return Buffer.from(JSON.stringify({ type: "about:blank", title, status, detail }));
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer, lines: string[], started: number, req: IncomingMessage, operation: string): void {
  if (!res.headersSent) {
    // none on a 204 (RFC 9110 §8.6); a HEAD or 304 answer passed on has the upstream's, if any
    const bodiless = req.method === "HEAD" || status === 204 || status === 304;
    res.writeHead(status, bodiless ? headers : { ...headers, "content-length": String(body.length) });
    res.end(bodiless ? undefined : body);
  }
  log(req, status, operation, started, lines);
}

/** One line per exchange (`-` for the status when the client left before it), its violations below. */
function log(req: IncomingMessage, status: number | undefined, operation: string | undefined, started: number, lines: string[]): void {
  const head = `${printable(req.method ?? "")} ${printable(req.url ?? "")} ${status ?? "-"}${operation ? ` ${printable(operation)}` : ""} ${Date.now() - started} ms`;
  process.stdout.write(`${[head, ...lines.map(printable)].join("\n")}\n`);
}
