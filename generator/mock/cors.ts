/**
 * CORS for `specforge mock`, on by default as in Prism: a browser app on another origin (a dev server on
 * :3000 calling the mock on :4010) gets its preflights answered and may read every answer, cookies
 * included. For the mock only: a real server's CORS policy is its owner's decision (its framework's CORS
 * middleware in front of the generated handler).
 */
import type { IncomingMessage, ServerResponse } from "node:http";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Response headers a script reads without their being listed (Fetch standard, CORS-safelisted). */
const SAFELISTED = new Set(["cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"]);

/** `listener` answering cross-origin callers: `onPreflight` hears of each preflight answered here. */
export function withCors(listener: Listener, onPreflight: (req: IncomingMessage) => void): Listener {
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin === undefined) return listener(req, res);
    // the caller's origin, not `*`: a browser sending cookies accepts only its own
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-allow-credentials", "true");
    res.setHeader("vary", "Origin");
    const method = req.headers["access-control-request-method"];
    if (req.method === "OPTIONS" && method !== undefined) {
      res.writeHead(204, {
        "access-control-allow-methods": method,
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
        "access-control-max-age": "600",
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      });
      res.end();
      onPreflight(req);
      return;
    }
    // An answer's headers are exposed by name, known only as they are written (with cookies, `*` exposes none).
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      const at = rest.findIndex((r) => r !== null && typeof r === "object" && !Array.isArray(r));
      if (at >= 0) rest[at] = ownHeaders(res, rest[at] as Record<string, unknown>);
      const names = new Set([...res.getHeaderNames(), ...Object.keys(at >= 0 ? (rest[at] as object) : {}).map((k) => k.toLowerCase())]);
      const exposed = [...names].filter((n) => !SAFELISTED.has(n) && !n.startsWith("access-control-") && n !== "vary");
      if (exposed.length) res.setHeader("access-control-expose-headers", exposed.join(", "));
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as typeof res.writeHead;
    listener(req, res);
  };
}

/**
 * The answer's headers, those `writeHead` would put over ours left out: its own CORS headers (a spec
 * documenting `Access-Control-Allow-Origin: *`, which a browser sending cookies refuses) give way to
 * ours, and its `Vary` (`Accept`) joins ours, so that a cache still keeps one origin's answer from another.
 */
function ownHeaders(res: ServerResponse, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (lower === "vary") res.setHeader("vary", withOrigin(Array.isArray(value) ? value.join(", ") : String(value)));
    else if (!lower.startsWith("access-control-")) out[name] = value;
  }
  return out;
}

/** A `Vary` value that names Origin (`*` varies by everything already). */
function withOrigin(vary: string): string {
  const names = vary.split(",").map((n) => n.trim().toLowerCase());
  return names.includes("origin") || names.includes("*") ? vary : `Origin, ${vary}`;
}
