/**
 * A reply's `Content-Length` is the runtime's to count where it holds the body (JSON, text, bytes, a Blob):
 * a handler's own, counted in characters (`body.length` of "café"), said 1 byte less than it sent, which cut
 * the body and left its last bytes on a kept-alive connection, read as the start of the next response. A
 * stream's, which the runtime cannot count, stays the handler's.
 */
import { writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "./helpers.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "Lengths", version: "1" },
  paths: {
    "/note": { get: { operationId: "getNote", responses: { "200": { description: "a note", content: { "application/json": { schema: { type: "string" } } } } } } },
    "/file": { get: { operationId: "getFile", responses: { "200": { description: "bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } } } } },
  },
};
const NOTE = "café au lait";
const handlers = {
  getNote: () => ({ status: 200, body: NOTE, headers: { "Content-Length": String(JSON.stringify(NOTE).length) } }),
  getFile: ({ request }: { request: { url: string } }) => {
    const bytes = new TextEncoder().encode(NOTE);
    if (request.url.endsWith("stream")) return { status: 200, body: new Blob([bytes]).stream(), headers: { "Content-Length": String(bytes.length) } };
    return { status: 200, body: request.url.endsWith("blob") ? new Blob([bytes]) : bytes, headers: { "Content-Length": "3" } };
  },
};

let mod: Record<string, (...a: unknown[]) => any>;
let server: Listening;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-reply-length-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "lengths" });
  mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as typeof mod;
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, {})));
}, 60_000);
afterAll(() => server.close());

/** GETs sent one after another on one kept-alive connection: what each got, or the error that ended them. */
async function onOneConnection(port: number, urls: string[]): Promise<unknown[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: unknown[] = [];
  try {
    for (const url of urls) {
      out.push(
        await new Promise((resolve) => {
          const req = request({ host: "127.0.0.1", port, path: url, agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve([res.statusCode, res.headers["content-length"], Buffer.concat(chunks).toString("utf8")]));
          });
          req.on("error", (e) => resolve(String(e)));
          req.end();
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return out;
}

it.each(["/note", "/file", "/file?blob", "/file?stream"])("node: %s is sent whole, its length in bytes, and the connection serves the next request", async (url) => {
  const body = url === "/note" ? JSON.stringify(NOTE) : NOTE;
  const whole = [200, String(Buffer.byteLength(body)), body];
  expect(await onOneConnection(server.port, [url, url])).toEqual([whole, whole]);
});

it("the Web handler: no handler's length on a body it holds, HEAD's counted in bytes", async () => {
  const handler = mod.createHandler!(handlers, {}) as (r: Request) => Promise<Response>;
  const res = await handler(new Request("http://api.test/note"));
  expect(res.headers.get("content-length")).toBeNull();
  expect(await res.json()).toBe(NOTE);
  const head = await handler(new Request("http://api.test/note", { method: "HEAD" }));
  expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(JSON.stringify(NOTE))));
});
