/**
 * `specforge proxy` (Prism's proxy): a real process between a client and a real upstream on 127.0.0.1.
 * Exchanges pass unchanged with each spec violation logged under the request's line; `--errors` answers
 * an invalid request with the generated server's problem and an invalid answer with a 502.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, exited } from "../helpers/serving-cli.js";
import { printable } from "../../generator/diagnostics/printable.js";
import { runCli, tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Pets, version: "1.0.0" }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: x-api-key }
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: integer }
        name: { type: string, minLength: 1 }
security: [{ key: [] }]
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [name], properties: { name: { type: string, minLength: 1 } } }
      responses:
        "201":
          description: created
          headers: { Location: { required: true, schema: { type: string } } }
          content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } }
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
        "404": { description: missing }
`;

/** One operation whose 200 documents three media types, each of its own schema. */
const REPORT_SPEC = `openapi: 3.1.0
info: { title: Reports, version: "1.0.0" }
paths:
  /report:
    get:
      operationId: getReport
      parameters: [{ name: as, in: query, schema: { type: string } }]
      responses:
        "200":
          description: ok
          content:
            application/json: { schema: { type: object, required: [rows], properties: { rows: { type: integer } } } }
            text/csv: { schema: { type: string } }
            application/vnd.list+json: { schema: { type: array } }
`;
const REPORT_ANSWERS: Record<string, [type: string, body: string]> = {
  json: ["application/json", '{"rows":1}'],
  csv: ["text/csv; charset=utf-8", "a,b"],
  list: ["application/vnd.list+json", "[1]"],
  badList: ["application/vnd.list+json", '{"rows":1}'],
  html: ["text/html", "<p>"],
};

interface Upstream {
  url: string;
  seen: Array<{ method: string; url: string; body: string; key: string | undefined; encoding?: string; hop?: string }>;
  close(): Promise<void>;
}

/** The real server: pet 1 is well-formed, pet 2 is not (its id a string), POST answers as documented. */
async function upstream(): Promise<Upstream> {
  const seen: Upstream["seen"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, body, key: req.headers["x-api-key"] as string | undefined, encoding: req.headers["content-encoding"], hop: req.headers["x-hop"] as string | undefined });
      if (req.method === "POST" && req.url === "/v1/pets") return void res.writeHead(201, { "content-type": "application/json", location: "/v1/pets/3" }).end(JSON.stringify({ id: 3, ...JSON.parse(body || "{}") }));
      if (req.url === "/v1/pets/1") return void res.writeHead(200, { "content-type": "application/json", "x-upstream": "yes", "content-length": "21" }).end('{"id":1,"name":"Rex"}');
      if (req.url === "/v1/pets/2") return void res.writeHead(200, { "content-type": "application/json" }).end('{"id":"2"}');
      if (req.url === "/v1/events") {
        // an event stream that breaks off: one event, then the connection is gone
        res.writeHead(200, { "content-type": "text/event-stream" }).write("data: 1\n\n");
        return void setTimeout(() => res.socket?.destroy(), 50);
      }
      if (req.url === "/v1/pets/65") {
        // a pet of 65 MiB, over the proxy's 64 MiB limit for the answers it checks
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const write = (): void => {
          while (sent < 65) {
            sent++;
            if (!res.write(chunk)) return void res.once("drain", write);
          }
          res.end();
        };
        return write();
      }
      if (req.url === "/v1/empty") return void res.writeHead(204).end();
      // never answers; says when the proxy gives up the call
      if (req.url === "/v1/pets/7") return void res.on("close", () => seen.push({ method: "CLOSED", url: req.url!, body: "", key: undefined }));
      if (req.url === "/v1/cookies") return void res.writeHead(200, { "set-cookie": ["a=1; Path=/", "b=2; Path=/"] }).end();
      // a report in the media type `?as=` names (REPORT_SPEC documents JSON, CSV and a list as vnd JSON)
      if (req.url!.startsWith("/v1/report?as=")) {
        const [type, body] = REPORT_ANSWERS[req.url!.slice("/v1/report?as=".length)]!;
        return void res.writeHead(200, { "content-type": type }).end(body);
      }
      if (req.url === "/v1/pets/9") return void res.writeHead(500, { "content-type": "text/plain" }).end("boom");
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const start = (args: string[]) => startServingCli("proxy", args);

/** The log lines of each exchange (its line and the violations under it), once `count` exchanges are in. */
async function exchanges(lines: string[], count: number): Promise<string[][]> {
  for (let i = 0; i < 100 && lines.filter((l) => /^[A-Z]+ \//.test(l)).length < count; i++) await new Promise((r) => setTimeout(r, 20));
  const out: string[][] = [];
  for (const l of lines) {
    if (/^[A-Z]+ \//.test(l)) out.push([l]);
    else if (l.startsWith("  ") && out.length) out.at(-1)!.push(l);
  }
  return out;
}

let up: Upstream;
let spec: string;
beforeAll(async () => {
  up = await upstream();
  spec = path.join(tempDir(), "pets.yaml");
  writeFileSync(spec, SPEC);
});
afterAll(() => up?.close());

describe("specforge proxy", () => {
  it("passes exchanges on unchanged and logs every violation of the spec under its request", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      expect(lines[0]).toMatch(/^specforge proxy: Pets 1\.0\.0 \(2 operations\) listening on http:\/\/127\.0\.0\.1:\d+, forwarding to http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const key = { "x-api-key": "k" };
      const good = await fetch(`${url}/pets/1`, { headers: key });
      expect([good.status, good.headers.get("x-upstream"), await good.text()]).toEqual([200, "yes", '{"id":1,"name":"Rex"}']);
      const badAnswer = await fetch(`${url}/pets/2`, { headers: key });
      expect([badAnswer.status, await badAnswer.text()]).toEqual([200, '{"id":"2"}']);
      const created = await fetch(`${url}/pets`, { method: "POST", headers: { ...key, "content-type": "application/json" }, body: '{"name":"Tom"}' });
      expect([created.status, created.headers.get("location")]).toEqual([201, "/v1/pets/3"]);
      // Invalid requests are forwarded too (the upstream decides), their violations logged.
      const badRequest = await fetch(`${url}/pets`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":""}' });
      expect(badRequest.status).toBe(201);
      const undocumented = await fetch(`${url}/pets/9`, { headers: key });
      expect([undocumented.status, await undocumented.text()]).toEqual([500, "boom"]);
      const unknown = await fetch(`${url}/owners`, { headers: key });
      expect(unknown.status).toBe(404);
      // the check's answer to a HEAD has no body to read a reason from: its status says it
      expect((await fetch(`${url}/owners`, { method: "HEAD", headers: key })).status).toBe(404);
      expect(up.seen.map((s) => `${s.method} ${s.url} ${s.body} ${s.key ?? "-"}`)).toEqual([
        "GET /v1/pets/1  k",
        "GET /v1/pets/2  k",
        'POST /v1/pets {"name":"Tom"} k',
        'POST /v1/pets {"name":""} -',
        "GET /v1/pets/9  k",
        "GET /v1/owners  k",
        "HEAD /v1/owners  k",
      ]);
      const logged = await exchanges(lines, 7);
      expect(logged).toEqual([
        [expect.stringMatching(/^GET \/pets\/1 200 getPet \d+ ms$/)],
        [expect.stringMatching(/^GET \/pets\/2 200 getPet \d+ ms$/), "  response: /body/name is required", "  response: /body/id must be integer"],
        [expect.stringMatching(/^POST \/pets 201 createPet \d+ ms$/)],
        [expect.stringMatching(/^POST \/pets 201 \d+ ms$/), "  request: 401 Valid credentials are required."],
        [expect.stringMatching(/^GET \/pets\/9 500 getPet \d+ ms$/), "  response: status 500 is not documented (documented: 200, 404)"],
        [expect.stringMatching(/^GET \/owners 404 \d+ ms$/), "  request: 404 No operation has this path."],
        [expect.stringMatching(/^HEAD \/owners 404 \d+ ms$/), "  request: 404 Not Found"],
      ]);
      const gone = exited(child);
      child.kill("SIGINT");
      expect(await gone).toBe(0);
      expect(lines.at(-1)).toBe("specforge proxy: stopped");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("checks an answer against the documented media type it is in, among the status's several", async () => {
    const reports = path.join(tempDir(), "reports.yaml");
    writeFileSync(reports, REPORT_SPEC);
    const { child, url, lines } = await start([reports, `${up.url}/v1`, "--port", "0"]);
    try {
      for (const as of Object.keys(REPORT_ANSWERS)) expect((await fetch(`${url}/report?as=${as}`)).status).toBe(200);
      const logged = await exchanges(lines, 5);
      expect(logged.map((l) => l.slice(1))).toEqual([
        [],
        [],
        [],
        ["  response: /body must be array"],
        ["  response: content type 'text/html' is not the documented 'application/json', 'text/csv', 'application/vnd.list+json'"],
      ]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--errors: an invalid request gets the generated server's problem (not forwarded), an invalid answer a 502", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1/`, "--port", "0", "--errors"]);
    try {
      const before = up.seen.length;
      const badRequest = await fetch(`${url}/pets`, { method: "POST", headers: { "x-api-key": "k", "content-type": "application/json" }, body: '{"name":""}' });
      expect(badRequest.status).toBe(400);
      expect(((await badRequest.json()) as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer)).toEqual(["/body/name"]);
      expect(up.seen.length).toBe(before);
      const badAnswer = await fetch(`${url}/pets/2`, { headers: { "x-api-key": "k" } });
      expect(badAnswer.status).toBe(502);
      expect(((await badAnswer.json()) as { detail: string }).detail).toBe("The upstream's answer does not match the spec: /body/name is required; /body/id must be integer");
      const good = await fetch(`${url}/pets/1`, { headers: { "x-api-key": "k" } });
      expect(good.status).toBe(200);
      // HEAD is answered by GET's operation without its body: no body to find fault with
      const head = await fetch(`${url}/pets/1`, { method: "HEAD", headers: { "x-api-key": "k" } });
      expect([head.status, head.headers.get("content-length")]).toEqual([200, "21"]);
      const logged = await exchanges(lines, 4);
      expect(logged[3]).toEqual([expect.stringMatching(/^HEAD \/pets\/1 200 getPet \d+ ms$/)]);
      expect(logged[0]).toEqual([expect.stringMatching(/^POST \/pets 400 \d+ ms$/), "  request: /body/name must have at least 1 character"]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("survives an upstream event stream that breaks off: that answer ends, the next is served", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const events = await fetch(`${url}/events`);
      expect(events.status).toBe(200);
      expect(await events.text().catch(() => "broken off")).toMatch(/^(data: 1\n\n|broken off)$/);
      await new Promise((r) => setTimeout(r, 200));
      expect(child.exitCode).toBeNull();
      const good = await fetch(`${url}/pets/1`, { headers: { "x-api-key": "k" } });
      expect(good.status).toBe(200);
      expect((await exchanges(lines, 2)).map((e) => e[0])).toEqual([expect.stringMatching(/^GET \/events 200 /), expect.stringMatching(/^GET \/pets\/1 200 getPet /)]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("refuses an upstream answer it checks over 64 MiB with a 502 instead of buffering it, a request over it with a 413", async () => {
    const { child, url } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const huge = await fetch(`${url}/pets/65`, { headers: { "x-api-key": "k" } });
      expect(huge.status).toBe(502);
      expect(((await huge.json()) as { detail: string }).detail).toBe("The upstream's answer is over the proxy's 64 MiB limit.");
      // a request declaring more is refused unread, the client told so (not reset)
      const before = up.seen.length;
      const big = await fetch(`${url}/pets`, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.alloc(65 * 1024 * 1024, 0x20) });
      expect(big.status).toBe(413);
      // RFC 9110's name for 413, not Node's older "Payload Too Large"
      expect(await big.json()).toMatchObject({ status: 413, title: "Content Too Large", detail: "The request body is over the proxy's 64 MiB limit." });
      // and one of undeclared length (chunked), once it passes the limit
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 65) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          else controller.close();
        },
      });
      const chunked = await fetch(`${url}/pets`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(up.seen.length).toBe(before);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("forwards a compressed request body with its Content-Encoding, checked decoded, and every Set-Cookie of an answer", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const body = gzipSync('{"name":"Tom"}');
      const created = await fetch(`${url}/pets`, { method: "POST", headers: { "x-api-key": "k", "content-type": "application/json", "content-encoding": "gzip" }, body });
      expect(created.status).toBe(201);
      expect(up.seen.at(-1)).toMatchObject({ method: "POST", url: "/v1/pets", encoding: "gzip", body: '{"name":"Tom"}' });
      // checked as the upstream reads it: no violation (it was "/body is not valid UTF-8")
      expect((await exchanges(lines, 1))[0]).toEqual([expect.stringMatching(/^POST \/pets 201 createPet \d+ ms$/)]);
      // and every Set-Cookie of an answer, each on its own
      expect((await fetch(`${url}/cookies`)).headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
      // and a 204 passed on carries no Content-Length (RFC 9110 §8.6)
      const empty = await fetch(`${url}/empty`);
      expect([empty.status, empty.headers.get("content-length")]).toEqual([204, null]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("a client that leaves cancels the upstream call, and the exchange is logged without a status", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const left = new AbortController();
      const call = fetch(`${url}/pets/7`, { headers: { "x-api-key": "k" }, signal: left.signal }).catch((e: unknown) => e);
      for (let i = 0; i < 100 && !up.seen.some((s) => s.url === "/v1/pets/7"); i++) await new Promise((r) => setTimeout(r, 20));
      left.abort();
      await call;
      for (let i = 0; i < 100 && !up.seen.some((s) => s.method === "CLOSED"); i++) await new Promise((r) => setTimeout(r, 20));
      expect(up.seen.filter((s) => s.url === "/v1/pets/7").map((s) => s.method)).toEqual(["GET", "CLOSED"]);
      expect(await exchanges(lines, 1)).toEqual([[expect.stringMatching(/^GET \/pets\/7 - getPet \d+ ms$/), "  note: the client went away; the upstream call was cancelled"]]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("forwards an absolute-form request target by its path, to the upstream only, without the headers Connection names", async () => {
    const { child, url } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const { port } = new URL(url);
      const head = await new Promise<string>((resolve, reject) => {
        let got = "";
        const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("GET http://elsewhere.example/pets/1 HTTP/1.1\r\nHost: elsewhere.example\r\nx-api-key: k\r\nx-hop: 1\r\nConnection: close, x-hop\r\n\r\n"));
        socket.on("data", (d) => (got += d));
        socket.on("close", () => resolve(got.split("\r\n")[0]!));
        socket.on("error", reject);
      });
      expect(head).toBe("HTTP/1.1 200 OK");
      expect(up.seen.at(-1)).toMatchObject({ method: "GET", url: "/v1/pets/1" });
      // a header the Connection header names is hop-by-hop: not forwarded
      expect(up.seen.at(-1)!.hop).toBeUndefined();
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("answers TRACE and CONNECT with a 501 saying the proxy does not forward them (a tunnel, an echo of the credentials), nothing sent upstream", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const { port } = new URL(url);
      const before = up.seen.length;
      const head = await new Promise<string>((resolve, reject) => {
        let got = "";
        const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("TRACE /pets/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        socket.on("data", (d) => (got += d));
        socket.on("close", () => resolve(got));
        socket.on("error", reject);
      });
      expect(head.split("\r\n")[0]).toBe("HTTP/1.1 501 Not Implemented");
      expect(JSON.parse(head.slice(head.indexOf("\r\n\r\n") + 4))).toEqual({ type: "about:blank", title: "Not Implemented", status: 501, detail: "specforge proxy does not forward TRACE requests." });
      expect(up.seen.length).toBe(before);
      expect((await exchanges(lines, 1))[0]![0]).toMatch(/^TRACE \/pets\/1 501 \d+ ms$/);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("checks the path it forwards: '//evil/pets/1' is no getPet (a URL parser would read evil as a host), whatever the Host header", async () => {
    const { child, url, lines } = await start([spec, `${up.url}/v1`, "--port", "0"]);
    try {
      const r = await fetch(`${url}//evil/pets/1`, { headers: { "x-api-key": "k" } });
      expect(r.status).toBe(404);
      expect(up.seen.at(-1)).toMatchObject({ url: "/v1//evil/pets/1" });
      expect((await exchanges(lines, 1))[0]).toEqual([expect.stringMatching(/^GET \/\/evil\/pets\/1 404 \d+ ms$/), "  request: 404 No operation has this path."]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("log text shows control characters and bidirectional overrides escaped", () => {
    expect(printable("GET /a\u202eb\u2066c\u001b[31m")).toBe("GET /a\\u202eb\\u2066c\\u001b[31m");
  });

  it("bad input: a missing upstream, a malformed one, one with a query or credentials, or a --timeout of no seconds exits 2", () => {
    const one = runCli(["proxy", "specs/okra.yaml"]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("error cli/usage: expected a spec and an upstream URL, got 1 argument(s)");
    const bad = runCli(["proxy", "specs/okra.yaml", "ftp://x"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("error cli/usage: 'ftp://x' is not an http(s) URL");
    // what each request could not carry to the upstream (its own query and credentials are forwarded)
    for (const extra of ["http://x/v1?key=1", "http://user:pw@x/v1", "http://x/v1#top"]) {
      const more = runCli(["proxy", "specs/okra.yaml", extra]);
      expect([more.status, more.stderr]).toEqual([2, expect.stringContaining(`error cli/usage: '${extra}' has a query, a fragment or credentials`)]);
    }
    const timeout = runCli(["proxy", "specs/okra.yaml", "http://x", "--timeout", "0"]);
    expect(timeout.status).toBe(2);
    expect(timeout.stderr).toContain("error cli/usage: --timeout 0 is not a number of seconds");
  });
});
