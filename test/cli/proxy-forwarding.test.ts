/**
 * `specforge proxy` on the wire: what reaches the upstream (target, headers, body) and what reaches the
 * client, byte for byte, with real servers on 127.0.0.1 and raw sockets where a client library would
 * rewrite the request itself. RFC 9110 §7.6 and §7.7 say what a proxy may change.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exited, startServingCli, until, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Echo, version: "1.0.0" }
paths:
  /echo:
    post:
      operationId: echo
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string } } } } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object } } } }
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string } } } } } }
  /files/{name}:
    get:
      operationId: getFile
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses:
        "200": { description: ok, content: { application/octet-stream: { schema: { type: string, format: binary } } } }
  /watch:
    get:
      operationId: watch
      responses:
        "200": { description: a change a line, as long as the client stays, content: { application/x-ndjson: { schema: { type: object } } } }
`;

/** The file the upstream serves: over the proxy's 64 MiB limit for bodies it reads whole. */
const FILE_SIZE = 65 * 1024 * 1024;

/** Pets the upstream answers gzipped: pet 1 as documented, pet 2 without its name. */
const PETS: Record<string, Buffer> = { "/api/v1/pets/1": gzipSync('{"name":"Rex"}'), "/api/v1/pets/2": gzipSync('{"id":2}') };

interface Seen {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

/** The upstream: answers every request with what it received (`seen` keeps each). */
async function echoUpstream(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const got = { method: req.method!, url: req.url!, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString("latin1") };
      seen.push(got);
      const pet = PETS[req.url!];
      if (pet) return void res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": pet.length, etag: '"p"' }).end(pet);
      if (req.url === "/api/v1/files/big") {
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": FILE_SIZE });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        let sent = 0;
        const write = (): void => {
          while (sent < FILE_SIZE) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", write);
          }
          res.end();
        };
        return write();
      }
      // no answer: says when the proxy gives up the call
      if (req.url === "/api/v1/pets/3") return void res.on("close", () => seen.push({ ...got, method: "CLOSED" }));
      // an answer that stops halfway
      if (req.url === "/api/v1/pets/4") return void res.writeHead(200, { "content-type": "application/json" }).write('{"name":');
      // not HTTP: two lengths that disagree
      if (req.url === "/api/v1/pets/5") return void res.socket!.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
      // a watch stream: one line now, then nothing until the client leaves
      if (req.url === "/api/v1/watch") return void res.writeHead(200, { "content-type": "application/x-ndjson" }).write('{"change":1}\n');
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(got));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Sends `text` as it is on a socket of its own and resolves with the whole answer once the proxy closes it. */
function raw(url: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const socket = net.connect(Number(new URL(url).port), "127.0.0.1", () => socket.write(text));
    socket.setEncoding("latin1").on("data", (d: string) => (got += d));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

/** The answer's header section, its lines lowercased and without Date, and its body. */
function parts(answer: string): { head: string[]; body: string } {
  const at = answer.indexOf("\r\n\r\n");
  return { head: answer.slice(0, at).split("\r\n").map((l) => l.toLowerCase()).filter((l) => !l.startsWith("date:")), body: answer.slice(at + 4) };
}
/** The log lines of the first exchange logged from line `mark` on (its line, the notes under it). */
async function loggedSince(mark: number): Promise<string[]> {
  const isExchange = (l: string) => /^[A-Z]+ \//.test(l);
  await until(() => proxy.lines.slice(mark).some(isExchange));
  const lines = proxy.lines.slice(mark);
  const at = lines.findIndex(isExchange);
  const next = lines.slice(at + 1).findIndex(isExchange);
  return lines.slice(at, next < 0 ? undefined : at + 1 + next);
}

const statusLines = (answer: string) => answer.split("\r\n").filter((l) => l.startsWith("HTTP/1.1 "));
const headerNames = (s: Seen) => s.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());

let up: Awaited<ReturnType<typeof echoUpstream>>;
let proxy: ServingCli;
beforeAll(async () => {
  up = await echoUpstream();
  const spec = path.join(tempDir(), "echo.yaml");
  writeFileSync(spec, SPEC);
  proxy = await startServingCli("proxy", [spec, `${up.url}/api/v1`, "--port", "0"]);
});
afterAll(async () => {
  proxy?.child.kill("SIGKILL");
  await up?.close();
});

describe("specforge proxy forwards", () => {
  it("a request sent with Expect: 100-continue (curl's way with large bodies): its body, without the expectation it has met", async () => {
    const body = '{"name":"Rex"}';
    const answer = await raw(proxy.url, `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${body}`);
    expect(statusLines(answer)).toEqual(["HTTP/1.1 100 Continue", "HTTP/1.1 200 OK"]);
    expect(up.seen.at(-1)).toMatchObject({ method: "POST", url: "/api/v1/echo", body });
    // the proxy read the body before forwarding: the expectation was this hop's (RFC 9110 §10.1.1)
    expect(headerNames(up.seen.at(-1)!)).not.toContain("expect");
  });

  it("the request target as received after the upstream's base path: dot segments and quotes not rewritten (RFC 9110 §7.7)", async () => {
    const target = "/echo/../../admin?q=a+b&q=c%20d;x='y'&z=\"<>\"&%zz";
    const answer = await raw(proxy.url, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(statusLines(answer)).toEqual(["HTTP/1.1 200 OK"]);
    // was /api/admin?q=a+b&q=c%20d;x=%27y%27&z=%22%3C%3E%22&%zz: out of the base path, requoted
    expect(up.seen.at(-1)!.url).toBe(`/api/v1${target}`);
    // a fragment is no part of a request target (RFC 9112 §3.2): left out, as the check leaves it out
    await raw(proxy.url, "GET /echo?q=1#x&q=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(up.seen.at(-1)!.url).toBe("/api/v1/echo?q=1");
  });

  it("the client's headers as sent (repeated ones apart, credentials untouched), nothing of its own added but the upstream's Host", async () => {
    await raw(proxy.url, "GET /echo HTTP/1.1\r\nHost: proxy.example\r\nAuthorization: Bearer t0k3n\r\nCookie: a=1\r\nCookie: b=2\r\nX-Forwarded-For: 10.0.0.1\r\nConnection: close\r\n\r\n");
    const got = up.seen.at(-1)!.rawHeaders;
    const pairs = got.flatMap((v, i) => (i % 2 ? [] : [`${v.toLowerCase()}: ${got[i + 1]}`]));
    // fetch added accept, accept-language, sec-fetch-mode, user-agent and accept-encoding of its own
    expect(pairs.filter((p) => !p.startsWith("connection:"))).toEqual(["authorization: Bearer t0k3n", "cookie: a=1", "cookie: b=2", "x-forwarded-for: 10.0.0.1", `host: ${new URL(up.url).host}`]);
  });

  it("a request body over a server's usual 1 MiB as checked by the spec, which sets no such limit", async () => {
    const body = JSON.stringify({ name: "Rex", notes: "n".repeat(2 * 1024 * 1024) });
    const mark = proxy.lines.length;
    const answer = await fetch(`${proxy.url}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(answer.status).toBe(200);
    expect(up.seen.at(-1)!.body.length).toBe(body.length);
    // was "POST /echo 200" (no operation) with "  request: 413 The body is larger than 1048576 bytes."
    expect(await loggedSince(mark)).toEqual([expect.stringMatching(/^POST \/echo 200 echo \d+ ms$/)]);
  });

  it("no proxy credentials: a client using it as its HTTP proxy keeps its Proxy-Authorization from the API (RFC 9110 §11.7)", async () => {
    await raw(proxy.url, `GET http://api.example/echo HTTP/1.1\r\nHost: api.example\r\nProxy-Authorization: Basic dXNlcjpzM2NyM3Q=\r\nAuthorization: Bearer t0k3n\r\nConnection: close\r\n\r\n`);
    expect(up.seen.at(-1)!.url).toBe("/api/v1/echo");
    expect(headerNames(up.seen.at(-1)!)).toEqual(["authorization", "host", "connection"]);
  });

  it("a POST without a body as one of length 0, not as chunks (a server without chunked requests answers 411)", async () => {
    await raw(proxy.url, "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const got = up.seen.at(-1)!;
    // was Transfer-Encoding: chunked, its one chunk empty (node:http's default for a POST it is given no length)
    expect([got.method, got.body, headerNames(got)]).toEqual(["POST", "", ["host", "content-length", "connection"]]);
    expect(got.rawHeaders[3]).toBe("0");
  });

  it("a GET's body (a search API's way) with the request", async () => {
    const answer = await raw(proxy.url, 'GET /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{"q":"a"}');
    expect(statusLines(answer)).toEqual(["HTTP/1.1 200 OK"]);
    expect(up.seen.at(-1)).toMatchObject({ method: "GET", body: '{"q":"a"}' });
  });

  it("a compressed answer as it came (Content-Encoding, Content-Length and ETag of the bytes sent, as HEAD tells), checked decoded", async () => {
    const get = parts(await raw(proxy.url, "GET /pets/1 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"));
    expect(gunzipSync(Buffer.from(get.body, "latin1")).toString()).toBe('{"name":"Rex"}');
    const want = ["content-encoding: gzip", `content-length: ${PETS["/api/v1/pets/1"]!.length}`, 'etag: "p"'];
    expect(get.head).toEqual(expect.arrayContaining(want));
    const head = parts(await raw(proxy.url, "HEAD /pets/1 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"));
    expect(head.head).toEqual(get.head);
    const mark = proxy.lines.length;
    await raw(proxy.url, "GET /pets/2 HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n");
    expect(await loggedSince(mark)).toEqual([expect.stringMatching(/^GET \/pets\/2 200 getPet /), "  response: /body/name is required"]);
  });

  it("an answer whose body is not checked (a file, a stream of lines) as it comes, of any size, not held back", async () => {
    const file = await fetch(`${proxy.url}/files/big`);
    expect(file.status).toBe(200);
    let size = 0;
    for await (const chunk of file.body!) size += chunk.length;
    // was a 502: "The upstream's answer is over the proxy's 64 MiB limit."
    expect(size).toBe(FILE_SIZE);
    // was held until the upstream ended it: never
    const watch = await fetch(`${proxy.url}/watch`, { signal: AbortSignal.timeout(5000) });
    const reader = watch.body!.getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('{"change":1}\n');
    await reader.cancel();
  });

  it("an answer that is not HTTP as a 502 saying so (the upstream was reached)", async () => {
    const answer = parts(await raw(proxy.url, "GET /pets/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(answer.head[0]).toBe("http/1.1 502 bad gateway");
    // was "The upstream http://127.0.0.1:…/api/v1 could not be reached (HPE_UNEXPECTED_CONTENT_LENGTH)."
    expect(JSON.parse(answer.body)).toEqual({ type: "about:blank", title: "Bad Gateway", status: 502, detail: "The upstream's answer is not valid HTTP (HPE_UNEXPECTED_CONTENT_LENGTH)." });
  });

  it("--errors: a CORS preflight the spec documents no OPTIONS for to the upstream, whose CORS policy it is, unchecked", async () => {
    const spec = path.join(tempDir(), "echo.yaml");
    writeFileSync(spec, SPEC);
    const strict = await startServingCli("proxy", [spec, `${up.url}/api/v1`, "--port", "0", "--errors"]);
    try {
      const mark = strict.lines.length;
      const answer = await raw(strict.url, "OPTIONS /echo HTTP/1.1\r\nHost: x\r\nOrigin: http://app.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
      // was a 405 problem ("This path accepts POST."): a browser then sends no request at all
      expect(statusLines(answer)).toEqual(["HTTP/1.1 200 OK"]);
      expect(up.seen.at(-1)).toMatchObject({ method: "OPTIONS", url: "/api/v1/echo" });
      await until(() => strict.lines.length > mark);
      expect(strict.lines.slice(mark)).toEqual([expect.stringMatching(/^OPTIONS \/echo 200 \d+ ms$/), "  note: CORS preflight, not an operation of the spec: forwarded unchecked"]);
    } finally {
      strict.child.kill("SIGKILL");
    }
  });

  it("SIGTERM with a call in flight: the upstream call is cancelled, the log says the proxy stopped, exit 0", async () => {
    const spec = path.join(tempDir(), "echo.yaml");
    writeFileSync(spec, SPEC);
    const own = await startServingCli("proxy", [spec, `${up.url}/api/v1`, "--port", "0"]);
    const before = up.seen.filter((s) => s.method === "CLOSED").length;
    const call = fetch(`${own.url}/pets/3`).then((r) => r.status, () => "no answer");
    await until(() => up.seen.at(-1)?.url === "/api/v1/pets/3");
    const gone = exited(own.child);
    own.child.kill("SIGTERM");
    expect([await gone, await call]).toEqual([0, "no answer"]);
    await until(() => up.seen.filter((s) => s.method === "CLOSED").length > before);
    expect(up.seen.filter((s) => s.method === "CLOSED").length).toBe(before + 1);
    // was "the client went away", which it had not
    expect(own.lines.filter((l) => !l.startsWith("specforge proxy: "))).toEqual([expect.stringMatching(/^GET \/pets\/3 - getPet \d+ ms$/), "  note: the proxy stopped; the upstream call was cancelled"]);
  });

  it("--timeout: an upstream silent that long is a 504 (no answer; a checked body stalled), a quiet stream is not cut", async () => {
    const spec = path.join(tempDir(), "echo.yaml");
    writeFileSync(spec, SPEC);
    const slow = await startServingCli("proxy", [spec, `${up.url}/api/v1`, "--port", "0", "--timeout", "0.5"]);
    try {
      const started = Date.now();
      const silent = await fetch(`${slow.url}/pets/3`);
      // was no answer at all: node:http waits forever
      expect([silent.status, silent.headers.get("content-type"), ((await silent.json()) as { detail: string }).detail]).toEqual([504, "application/problem+json", "The upstream did not answer within 0.5 s."]);
      const stalled = await fetch(`${slow.url}/pets/4`);
      expect([stalled.status, ((await stalled.json()) as { detail: string }).detail]).toEqual([504, "The upstream did not answer within 0.5 s."]);
      expect(Date.now() - started).toBeLessThan(4000);
      for (let i = 0; i < 100 && !up.seen.some((s) => s.method === "CLOSED"); i++) await new Promise((r) => setTimeout(r, 20));
      expect(up.seen.some((s) => s.method === "CLOSED" && s.url === "/api/v1/pets/3")).toBe(true);
      // a stream quiet for longer is the client's to leave
      const watch = await fetch(`${slow.url}/watch`);
      const reader = watch.body!.getReader();
      await reader.read();
      const next = await Promise.race([reader.read().then(() => "cut"), new Promise((r) => setTimeout(() => r("open"), 1200))]);
      expect(next).toBe("open");
      await reader.cancel();
    } finally {
      slow.child.kill("SIGKILL");
    }
  });
});
