/**
 * A binary response's body (`format: binary`, an octet-stream) as a handler gives it: bytes, an
 * `ArrayBuffer`, a `Blob` or a `ReadableStream` (streamed as the client reads, never gathered whole), or text.
 * Over 127.0.0.1 through `node:http`, and from the Web handler; the handler types take each form.
 */
import { writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";
import { listen, type Listening } from "./helpers.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "Files", version: "1" },
  paths: {
    "/files/{id}": {
      get: {
        operationId: "getFile",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "the file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } } },
      },
    },
    "/events": { get: { operationId: "getEvents", responses: { "200": { description: "events", content: { "text/event-stream": { schema: { type: "string" } } } } } } },
    "/big": { get: { operationId: "getBig", responses: { "200": { description: "a large file", content: { "application/octet-stream": {} } } } } },
  },
};

const BYTES = [0, 1, 2, 255, 128];
const CHUNK = 64 * 1024;
const CHUNKS = 2000; // 125 MiB if it were all read at once
/** The large stream's progress: chunks the server asked for, and whether it was cancelled. */
const big = { pulled: 0, cancelled: false };

function bodyOf(id: string): unknown {
  const bytes = new Uint8Array(BYTES);
  if (id === "bytes") return bytes;
  if (id === "buffer") return bytes.buffer;
  if (id === "view") return new DataView(new Uint8Array([9, ...BYTES, 9]).buffer, 1, BYTES.length);
  if (id === "blob") return new Blob([bytes.slice(0, 2), bytes.slice(2)]);
  if (id === "stream") return new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes.slice(0, 3)), c.enqueue(bytes.slice(3)), c.close()) });
  return "text";
}

/** Streams that never produce a byte ("idle", "late": given after the client left), by whether they were cancelled. */
const quiet: string[] = [];
const silent = (id: string) => new ReadableStream<Uint8Array>({ cancel: () => void quiet.push(id) });

const handlers = {
  getFile: async ({ path: p }: { path: { id: string } }) => {
    if (p.id === "late") await new Promise((r) => setTimeout(r, 200));
    return { status: 200, body: p.id === "idle" || p.id === "late" ? silent(p.id) : bodyOf(p.id) };
  },
  // an upstream's event stream, as bytes (a stream, or in one piece)
  getEvents: ({ request }: { request: { url: string } }) => ({ status: 200, body: request.url.endsWith("?whole") ? new TextEncoder().encode("data: a\n\ndata: b\n\n") : new Blob(["data: a\n\n", "data: b\n\n"]).stream() }),
  getBig: () => {
    big.pulled = 0;
    big.cancelled = false;
    return {
      status: 200,
      body: new ReadableStream<Uint8Array>({
        pull(c) {
          if (big.pulled++ === CHUNKS) c.close();
          else c.enqueue(new Uint8Array(CHUNK));
        },
        cancel() {
          big.cancelled = true;
        },
      }, { highWaterMark: 0 }),
    };
  },
};

let mod: Record<string, (...a: unknown[]) => unknown>;
let files: Awaited<ReturnType<typeof generate>>["files"];
let server: Listening;
let errors: unknown[] = [];
beforeAll(async () => {
  const input = path.join(tempDir("specforge-binary-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  files = (await generate({ input, packageName: "files" })).files;
  mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as typeof mod;
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, { validateResponses: true, onError: (e: unknown) => errors.push(e) })) as never);
}, 60_000);
afterAll(() => server?.close());

it("bytes, an ArrayBuffer, a view, a Blob and a ReadableStream are sent as their bytes; text as its UTF-8 (node:http)", async () => {
  for (const id of ["bytes", "buffer", "view", "blob", "stream"]) {
    const res = await fetch(`${server.url}/files/${id}`);
    expect(res.status, id).toBe(200);
    expect(res.headers.get("content-type"), id).toBe("application/octet-stream");
    expect([...new Uint8Array(await res.arrayBuffer())], id).toEqual(BYTES);
  }
  // a Blob's length is known: it is declared; a stream's is not: chunked
  expect((await fetch(`${server.url}/files/blob`)).headers.get("content-length")).toBe("5");
  expect((await fetch(`${server.url}/files/stream`)).headers.get("transfer-encoding")).toBe("chunked");
  expect(await (await fetch(`${server.url}/files/text`)).text()).toBe("text");
  // validateResponses checks no bytes against the schema of a string
  expect(errors).toEqual([]);
});

it("the Web handler sends the same bytes, a ReadableStream passed on as it is", async () => {
  const handler = mod.createHandler!(handlers) as (r: Request) => Promise<Response>;
  for (const id of ["bytes", "buffer", "view", "blob", "stream"]) {
    const res = await handler(new Request(`http://api.test/files/${id}`));
    expect([...new Uint8Array(await res.arrayBuffer())], id).toEqual(BYTES);
  }
  const res = await handler(new Request("http://api.test/big"));
  // nothing read yet: at most the chunk the Response's reader asked for
  await new Promise((r) => setTimeout(r, 50));
  expect(big.pulled).toBeLessThanOrEqual(2);
  await res.body!.cancel();
  expect(big.cancelled).toBe(true);
});

it("a ReadableStream is read no faster than the client reads it, and a client that leaves cancels it (node:http)", async () => {
  const res = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${server.url}/big`, resolve).on("error", reject).end());
  expect(res.statusCode).toBe(200);
  res.pause();
  await new Promise((r) => setTimeout(r, 300));
  // what the socket buffers (a few MiB at most), not the 125 MiB the stream would give
  const whilePaused = big.pulled;
  expect(whilePaused).toBeLessThan(200);
  let received = 0;
  res.on("data", (c: Buffer) => (received += c.length));
  res.resume();
  await new Promise((r) => setTimeout(r, 100));
  expect(received).toBeGreaterThan(0);
  res.destroy();
  await new Promise((r) => setTimeout(r, 200));
  expect(big.cancelled).toBe(true);
  expect(big.pulled).toBeLessThan(CHUNKS);
});

it("a client that leaves cancels a stream that sends nothing, and one given after it left (node:http)", async () => {
  for (const id of ["idle", "late"]) {
    const req = httpRequest(`${server.url}/files/${id}`);
    req.on("error", () => undefined);
    req.end();
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
  }
  await new Promise((r) => setTimeout(r, 400));
  expect(quiet.sort()).toEqual(["idle", "late"]);
});

it("a stream of bytes given for an event stream is passed on as it is, and bytes in one piece", async () => {
  for (const url of [`${server.url}/events`, `${server.url}/events?whole`]) {
    const res = await fetch(url);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(await res.text()).toBe("data: a\n\ndata: b\n\n");
  }
});

it("HEAD of a streamed reply sends the headers and cancels the stream", async () => {
  const res = await fetch(`${server.url}/big`, { method: "HEAD" });
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 50));
  expect(big.cancelled).toBe(true);
});

it("the handler types take bytes in each form for a binary response, and text", () => {
  const result = typecheckConsumer(tempDir("specforge-binary-types-"), files, [
    `import type { FilesHandlers } from "./server.js";`,
    `const forms = [new Uint8Array(1), new ArrayBuffer(1), new Blob([]), new ReadableStream<Uint8Array>(), "text"];`,
    `export const ok: FilesHandlers = {`,
    `  getFile: ({ path }) => ({ status: 200, body: forms[Number(path.id)]! }),`,
    `  getBig: () => ({ status: 200, body: new Blob(["x"]) }),`,
    `  getEvents: () => ({ status: 200, body: [{ data: "a" }] }),`,
    `};`,
    `// an upstream's event stream, as bytes`,
    `export const passed: FilesHandlers = { ...ok, getEvents: () => ({ status: 200, body: new Blob(["data: a\\n\\n"]).stream() }) };`,
    `// a fetch's body as it comes, and bytes in one piece, as the runtime sends them`,
    `export const upstream: FilesHandlers = { ...ok, getEvents: async () => ({ status: 200, body: (await fetch("http://127.0.0.1:1/events")).body! }) };`,
    `export const encoded: FilesHandlers = { ...ok, getEvents: () => ({ status: 200, body: new TextEncoder().encode("data: a\\n\\n") }) };`,
    `export const buffer: FilesHandlers = { ...ok, getEvents: () => ({ status: 200, body: new TextEncoder().encode("data: a\\n\\n").buffer }) };`,
    `// @ts-expect-error text is no event stream (it would be read as events of one character)`,
    `export const text: FilesHandlers = { ...ok, getEvents: () => ({ status: 200, body: "data: a\\n\\n" }) };`,
    `export const bad: FilesHandlers = {`,
    `  // @ts-expect-error a number is no file`,
    `  getFile: () => ({ status: 200, body: 42 }),`,
    `  getBig: () => ({ status: 200, body: "x" }),`,
    `  getEvents: () => ({ status: 200, body: [] }),`,
    `};`,
  ]);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 60_000);
