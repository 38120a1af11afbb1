/** What the client itself put on the wire, without what fetch and the connection add to every request. */
import type { IncomingHttpHeaders } from "node:http";
import type { Recorded } from "./server.js";

const TRANSPORT = new Set(["host", "connection", "content-length", "transfer-encoding", "user-agent", "accept-encoding", "accept-language", "sec-fetch-mode"]);

export function clientHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!TRANSPORT.has(k) && v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/** The request as a plain object to compare whole: method, path and query, the client's headers, the body. */
export function wire(r: Recorded): { method: string; url: string; headers: Record<string, string>; body: unknown } {
  const json = /json/.test(String(r.headers["content-type"]));
  return { method: r.method, url: r.url, headers: clientHeaders(r.headers), body: json && r.body ? JSON.parse(r.body) : r.body };
}

/** Collects unhandled rejections while a test runs; `check()` fails the test if any arrived. */
export function watchUnhandled(): { check(): Promise<void>; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", listener);
  return {
    async check() {
      await new Promise((r) => setTimeout(r, 20));
      if (seen.length) throw new Error(`unhandled rejection(s): ${seen.map(String).join("; ")}`);
    },
    stop() {
      process.off("unhandledRejection", listener);
    },
  };
}
