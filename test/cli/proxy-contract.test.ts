/**
 * What `specforge proxy` reports of an answer against the operation's documented responses (contract.ts):
 * a required header missing, a body where none is documented, a JSON body that does not parse, and the
 * media types that fit a documented one (`+json` for application/json, `text/*`, the any-type range) passing quietly.
 * A real upstream on 127.0.0.1 answers each case as named in the path.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, until, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Contract, version: "1.0.0" }
paths:
  /things/{case}:
    get:
      operationId: getThing
      parameters: [{ name: case, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: ok
          headers: { X-Rate: { required: true, schema: { type: string } } }
          content: { application/json: { schema: { type: object, required: [n], properties: { n: { type: integer } } } } }
        "202": { description: accepted, no body }
        "204": { description: gone, no body }
  /notes:
    get:
      operationId: getNote
      responses:
        "200": { description: ok, content: { "text/*": { schema: { type: string } } } }
  /blobs:
    get:
      operationId: getBlob
      responses:
        "200": { description: ok, content: { "*/*": { schema: {} } } }
`;

/** The upstream's answer to each path: [status, headers, body]. */
const ANSWERS: Record<string, [number, Record<string, string>, string]> = {
  "/things/ok": [200, { "content-type": "application/json", "x-rate": "1" }, '{"n":1}'],
  "/things/no-header": [200, { "content-type": "application/json" }, '{"n":1}'],
  "/things/not-json": [200, { "content-type": "application/json", "x-rate": "1" }, '{"n":'],
  "/things/vendor-json": [200, { "content-type": "application/vnd.thing+json", "x-rate": "1" }, '{"n":1}'],
  "/things/vendor-json-bad": [200, { "content-type": "application/vnd.thing+json", "x-rate": "1" }, '{"n":"1"}'],
  "/things/identity-bad": [200, { "content-type": "application/json", "content-encoding": "identity", "x-rate": "1" }, '{"n":"1"}'],
  "/things/x-gzip-bad": [200, { "content-type": "application/json", "content-encoding": "x-gzip", "x-rate": "1" }, '{"n":"1"}'],
  "/things/accepted": [202, {}, ""],
  "/things/deleted": [204, {}, ""],
  "/things/accepted-with-body": [202, { "content-type": "text/plain" }, "queued"],
  "/notes": [200, { "content-type": "text/markdown" }, "# hi"],
  "/blobs": [200, { "content-type": "image/png" }, "PNG"],
};

let upstream: http.Server;
let proxy: ServingCli;
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const [status, headers, body] = ANSWERS[req.url!.replace(/^\/v1/, "").split("?")[0]!] ?? [404, {}, ""];
    // x-gzip is the old name of gzip (RFC 9110 §8.4.1.3); the client reads the body decoded
    res.writeHead(status, headers).end(headers["content-encoding"] === "x-gzip" ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const spec = path.join(tempDir(), "contract.yaml");
  writeFileSync(spec, SPEC);
  proxy = await startServingCli("proxy", [spec, `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, "--port", "0"]);
});
afterAll(async () => {
  proxy?.child.kill("SIGKILL");
  await new Promise((resolve) => upstream?.close(resolve));
});

/**
 * The lines logged under the exchange of `GET <target>` (the answer passed on unchanged meanwhile): those
 * before the line of a second request, sent after it, so that a log line still on its way is not missed.
 */
async function reported(target: string): Promise<string[]> {
  const mark = proxy.lines.length;
  const answer = await fetch(`${proxy.url}${target}`);
  const [status, , body] = ANSWERS[target]!;
  expect([answer.status, await answer.text()]).toEqual([status, body]);
  await (await fetch(`${proxy.url}/things/ok?after`)).text();
  await until(() => proxy.lines.slice(mark).some((l) => l.startsWith("GET /things/ok?after ")));
  const lines = proxy.lines.slice(mark);
  return lines.slice(lines.findIndex((l) => l.startsWith(`GET ${target} `)) + 1, lines.findIndex((l) => l.startsWith("GET /things/ok?after ")));
}

describe("specforge proxy checks an answer against its documented response", () => {
  it("reports a required header the answer lacks", async () => {
    expect(await reported("/things/ok")).toEqual([]);
    expect(await reported("/things/no-header")).toEqual(["  response: status 200 lacks its required header x-rate"]);
  });

  it("reports a JSON body that does not parse", async () => {
    expect(await reported("/things/not-json")).toEqual(["  response: the body is not JSON"]);
  });

  it("takes a +json media type for a documented application/json, and checks its body by that schema", async () => {
    expect(await reported("/things/vendor-json")).toEqual([]);
    expect(await reported("/things/vendor-json-bad")).toEqual(["  response: /body/n must be integer"]);
  });

  it("checks a body sent with Content-Encoding identity or x-gzip as it reads decoded", async () => {
    expect(await reported("/things/identity-bad")).toEqual(["  response: /body/n must be integer"]);
    expect(await reported("/things/x-gzip-bad")).toEqual(["  response: /body/n must be integer"]);
  });

  it("passes a 204 on without a Content-Length (RFC 9110 §8.6)", async () => {
    const answer = await fetch(`${proxy.url}/things/deleted`);
    expect([answer.status, answer.headers.get("content-length")]).toEqual([204, null]);
  });

  it("reports a body sent with a status that documents none", async () => {
    expect(await reported("/things/accepted")).toEqual([]);
    expect(await reported("/things/accepted-with-body")).toEqual(["  response: status 202 documents no body, and one was sent"]);
  });

  it("takes any text type for a documented text/*, and any type for */*", async () => {
    expect(await reported("/notes")).toEqual([]);
    expect(await reported("/blobs")).toEqual([]);
  });
});
