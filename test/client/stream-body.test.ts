/**
 * A request body given as a `ReadableStream` (an upload piped through, with fetch's `duplex: "half"`) is read
 * once by fetch: a retry could not send it again. So a call with one is not retried: a 503 is the 503's
 * error, not a `NetworkError` about a stream already read. A real server on 127.0.0.1.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { inlinePackage, type PagedMethod } from "./helpers/inline-package.js";
import { startServer, type TestServer } from "./helpers/server.js";

const paths = {
  "/uploads": { put: {
    operationId: "upload",
    requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
    responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
  } },
};

let server: TestServer;
let upload: PagedMethod;
const stream = () => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new TextEncoder().encode("chunk")), c.close()) });
const failure = (p: Promise<unknown>) => p.then(() => expect.unreachable("the call succeeded"), (e: unknown) => e);

beforeAll(async () => {
  server = await startServer();
  const pkg = await inlinePackage("uploads", paths);
  upload = pkg.client({ baseUrl: server.url, retry: { initialDelayMs: 1 } }).upload!;
});
afterAll(() => server.close());
beforeEach(() => void (server.requests.length = 0));

it("a 503 to a streamed body is the 503's error, sent once: the stream cannot be sent again", async () => {
  server.handle(() => ({ status: 503, headers: { "retry-after": "0", "content-type": "text/plain" }, body: "busy" }));
  const error = await failure(upload({ body: stream() }, { init: { duplex: "half" } }));
  expect(error).toMatchObject({ name: "UnexpectedStatusError", status: 503, bodyText: "busy" });
  expect(server.requests.map((r) => r.body)).toEqual(["chunk"]);
});

it("a Blob or bytes, which fetch reads anew, are sent again whole", async () => {
  server.handle((_r, i) => (i % 2 === 0 ? { status: 503, headers: { "retry-after": "0" } } : { body: {} }));
  await upload({ body: new Blob([new Uint8Array([0, 1, 255])]) });
  await upload({ body: new Uint8Array([2, 3]) });
  expect(server.requests.map((r) => [...r.bodyBytes])).toEqual([[0, 1, 255], [0, 1, 255], [2, 3], [2, 3]]);
});
