/**
 * `specforge proxy` on the wire: what reaches the upstream (target, headers, body) and what reaches the
 * client, byte for byte, with real servers on 127.0.0.1 and raw sockets where a client library would
 * rewrite the request itself. RFC 9110 §7.6 and §7.7 say what a proxy may change.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, type ServingCli } from "../helpers/serving-cli.js";
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
`;

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
});
