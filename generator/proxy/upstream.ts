/**
 * The proxy's call to its upstream (`specforge proxy`), with node:http rather than fetch. fetch is a user
 * agent's API: it parses the target as a URL (dot segments removed, so `/v1/../admin` left the upstream's
 * base path; `'"<>` percent-encoded), adds headers of its own (Accept, Accept-Language, Sec-Fetch-Mode,
 * User-Agent, Accept-Encoding), sends no GET body and decodes compressed answers. A proxy passes the target
 * and the content on as received (RFC 9110 §7.7) and drops only the hop-by-hop headers (§7.6.1).
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1), the request's and the answer's alike. An `Expect: 100-continue` was
 * this hop's: the proxy has read the body before it forwards (RFC 9110 §10.1.1). Proxy-Authorization and
 * Proxy-Authenticate are between a client and the proxy that asks for credentials (§11.7); this one asks for
 * none, so a client's proxy credentials (HTTP_PROXY=http://user:pass@...) never reach the API.
 */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "expect", "proxy-authorization", "proxy-authenticate"]);

/**
 * `raw` (name, value, name, value, ... as Node's `rawHeaders`) without the hop-by-hop headers, those its
 * Connection header names, and `also`: repeated headers stay apart, in their order.
 */
export function endToEnd(raw: readonly string[], also: ReadonlySet<string> = new Set()): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === "connection") for (const n of raw[i + 1]!.split(",")) named.add(n.trim().toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !named.has(lower) && !also.has(lower)) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

/** The first value of header `name` in `raw`. */
export function rawHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === name) return raw[i + 1];
  return undefined;
}

/**
 * Methods node:http sends without framing when given no body; any other (POST, PUT, PATCH, ...) it would send
 * as chunks, one empty. A request that had no body goes as one of length 0 then (as fetch and browsers send
 * a POST without one; RFC 9110 §8.6): some servers refuse chunked requests (411 Length Required).
 */
const UNFRAMED = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/** The upstream was silent for the proxy's `--timeout`: connecting, before its answer, or within a body read. */
export class UpstreamTimeout extends Error {}

/**
 * Sends the request to `upstream` (its base path, then `target` as received) with `headers` (end-to-end ones,
 * as `endToEnd` gives) and the upstream's Host; `body` undefined: the request had none. Resolves with the
 * answer once its header section is in, its body not read (nor decoded). An upstream silent for `timeout`
 * ms fails the call, or the answer's body, with UpstreamTimeout; `answer.setTimeout(0)` lifts it for a body
 * passed on as it comes (a stream may be quiet for long: its client decides).
 */
export function callUpstream(upstream: URL, method: string, target: string, headers: string[], body: Buffer | undefined, signal: AbortSignal, timeout: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const request = (upstream.protocol === "https:" ? https : http).request(
      {
        protocol: upstream.protocol,
        // `[::1]` as a URL's hostname, `::1` as a host to connect to
        host: upstream.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: upstream.port,
        method,
        path: upstream.pathname.replace(/\/+$/, "") + target,
        headers: [...headers, "host", upstream.host, ...(body ? ["content-length", String(body.length)] : UNFRAMED.has(method) ? [] : ["content-length", "0"])],
        signal,
        // set before the socket connects (`request.setTimeout` would wait for the connection)
        timeout,
      },
      (got) => resolve((answer = got)),
    );
    request.on("timeout", () => (answer ?? request).destroy(new UpstreamTimeout()));
    request.on("error", reject);
    request.end(body);
  });
}
