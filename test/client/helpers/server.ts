/**
 * A real HTTP server on 127.0.0.1 for the client tests: it records every request as it arrived on the
 * wire (method, raw path and query, headers, body bytes) and answers with what the test scripts, including
 * faults (a delay, a reset connection, a body cut short).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  path: string;
  query: string;
  /** Lower-case names, as Node parses them. */
  headers: http.IncomingHttpHeaders;
  body: string;
  bodyBytes: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (with its content type); a string as is. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the connection instead of answering ("reset"), or after the headers and part of the body ("cut"). */
  fault?: "reset" | "cut";
}

export type Handler = (req: Recorded, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  /** Sets how the next requests are answered. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = () => ({ status: 200, body: {} })): Promise<TestServer> {
  let current = handler;
  const requests: Recorded[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const raw = req.url ?? "";
      const q = raw.indexOf("?");
      const bodyBytes = Buffer.concat(chunks);
      const recorded: Recorded = {
        method: req.method ?? "",
        url: raw,
        path: q < 0 ? raw : raw.slice(0, q),
        query: q < 0 ? "" : raw.slice(q + 1),
        headers: req.headers,
        body: bodyBytes.toString("utf8"),
        bodyBytes,
      };
      requests.push(recorded);
      const reply = await current(recorded, requests.length - 1);
      const send = () => {
        if (reply.fault === "reset") {
          req.socket.destroy();
          return;
        }
        const json = reply.body !== undefined && typeof reply.body !== "string";
        const text = reply.body === undefined ? "" : json ? JSON.stringify(reply.body) : (reply.body as string);
        const headers = { ...(json ? { "content-type": "application/json" } : {}), ...reply.headers };
        if (reply.fault === "cut") {
          res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(Buffer.byteLength(text) + 100) });
          res.write(text.slice(0, Math.max(1, text.length >> 1)), () => req.socket.destroy());
          return;
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(text);
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(h) {
      current = h;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers the next call with the operation's documented example of `status`, makes it, and returns what went each way. */
export async function exchange<T>(server: TestServer, example: unknown, call: () => Promise<T>, status = 200): Promise<{ result: T; sent: Recorded }> {
  server.handle(() => ({ status, body: example ?? "" }));
  const result = await call();
  return { result, sent: server.requests.at(-1)! };
}
