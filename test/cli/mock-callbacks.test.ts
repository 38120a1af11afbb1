/**
 * `specforge mock` calls back, as Prism's mock: after a 2xx answer to an operation that declares callbacks,
 * each goes to the URL its expression gives, with its example body, its required header parameters and a
 * credential for its own security, received here by the fixture's generated receiver (which validates all
 * of it) or a plain node:http server; the answer never waits for it; failures are one stderr line;
 * `--no-callbacks` sends none.
 */
import type { IncomingHttpHeaders } from "node:http";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { exited, startServingCli, type ServingCli } from "../helpers/serving-cli.js";
import { ROOT, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "../server/helpers.js";
import { callbackUrl, createHandler, createMockHandlers, createWebhookHandler, mockSecurity, toNodeListener } from "../fixtures/callbacks/generated/src/server.js";
import { webhookValidators } from "../fixtures/callbacks/generated/src/validators.js";
import { generate } from "../../generator/pipeline.js";
import { MockCallbacks } from "../../generator/mock/callbacks.js";

const FIXTURE = "test/fixtures/callbacks/openapi.yaml";
const EVENT = { id: "ev-1", kind: "created", at: "2026-01-02T03:04:05Z", secret: "s3cret" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const open: Array<{ close(): unknown }> = [];
afterAll(async () => {
  for (const o of open) await o.close();
});

/** The mock, its stderr collected too. */
async function mock(args: string[]): Promise<ServingCli & { errors: string[] }> {
  const cli = await startServingCli("mock", ["--port", "0", ...args]);
  const errors: string[] = [];
  cli.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => errors.push(...chunk.split("\n").filter(Boolean)));
  open.push({ close: () => cli.child.kill("SIGKILL") });
  return { ...cli, errors };
}

async function served(listener: Parameters<typeof listen>[0]): Promise<Listening> {
  const server = await listen(listener);
  open.push(server);
  return server;
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain receiver: each request recorded, answered `status` with `headers` (or never, with `hang`). */
async function receiver(status = 204, hang = false, headers: Record<string, string> = {}): Promise<Listening & { got: Received[] }> {
  const got: Received[] = [];
  const server = await served((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => {
      got.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (!hang) res.writeHead(status, headers).end();
    });
  });
  return { ...server, got };
}

/** Waits until `ready()` holds (or 5 s pass: the assertion after it then fails, saying what is missing). */
async function until(ready: () => boolean): Promise<void> {
  for (let t = Date.now(); !ready() && Date.now() - t < 5000; ) await new Promise((r) => setTimeout(r, 20));
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const subscribe = (mockUrl: string, callbackUrl: string, headers: Record<string, string> = { authorization: "Bearer t" }) =>
  fetch(`${mockUrl}/subscriptions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ callbackUrl, events: ["created"] }) });

describe("specforge mock: callbacks", () => {
  it("sends a callback to the URL the request names, with its example body, required header and credential, after answering", async () => {
    const seen: Array<{ body: unknown; headers: unknown; credential: string }> = [];
    let credential = "";
    const handler = createWebhookHandler(
      { subscribeOnEventCallback: ({ body, headers }) => (seen.push({ body, headers, credential }), { status: 200 }) },
      { basePath: "/hooks", security: { signature: (value) => ((credential = value), { signer: value }) } },
    );
    const hooks = await served(toNodeListener(handler));
    const { url, lines } = await mock([FIXTURE]);
    const answer = await subscribe(url, `${hooks.url}/hooks/onEvent`);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: "sub-1" });
    await until(() => lines.some((l) => l.startsWith("callback ")));
    // the generated receiver validated it all: the body, the uuid header, the credential its scheme names
    expect(seen).toEqual([{ body: EVENT, headers: { "X-Event-Id": expect.stringMatching(UUID) }, credential: "mock" }]);
    expect(lines.filter((l) => l.startsWith("POST ") || l.startsWith("callback "))).toEqual([
      expect.stringMatching(/^POST \/subscriptions 201 subscribe \d+ ms$/),
      expect.stringMatching(new RegExp(`^callback subscribeOnEventCallback POST ${hooks.url}/hooks/onEvent 200 \\d+ ms$`)),
    ]);
  });

  it("reads $response.body, $request.query and $statusCode; places query, cookie and basic credentials; synthesizes a valid body; a missing value or a non-http URL is a stderr line", async () => {
    const hooks = await receiver(202);
    const dir = tempDir();
    const spec = path.join(dir, "jobs.yaml");
    writeFileSync(spec, jobsSpec(hooks.url));
    // --errors: the example contradicting its schema is refused (a 500), not sent as it is
    const { url, lines, errors } = await mock([spec, "--errors"]);
    const started = await fetch(`${url}/jobs?tenant=acme%2Fwest`, { method: "POST" });
    expect(started.status).toBe(202);
    await until(() => hooks.got.length === 1);
    expect(hooks.got).toHaveLength(1);
    const [got] = hooks.got;
    expect(got!.method).toBe("PUT");
    // the reply's id, the query's value percent-encoded inside the URL, the status; the API key beside them
    expect(got!.url).toBe("/jobs/job-7/done?tenant=acme%2Fwest&status=202&key=mock");
    expect(got!.headers.authorization).toBe(`Basic ${btoa("mock:mock")}`);
    expect(got!.headers.cookie).toBe("session=mock");
    expect(got!.headers["x-run"]).toBe("run-42");
    expect(got!.headers["x-optional"]).toBeUndefined();
    expect(got!.headers["content-type"]).toBe("application/json");
    // no example: made from the schema, readOnly left out, writeOnly made, valid
    const body = JSON.parse(got!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["rows", "token"]);
    expect(body.rows).toEqual(expect.any(Number));
    expect(body.rows as number).toBeGreaterThanOrEqual(3);
    await until(() => lines.some((l) => l.startsWith("callback ")));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^callback startJobDoneCallback PUT ${hooks.url}/jobs/job-7/done\\?tenant=acme%2Fwest&status=202&key=mock 202 \\d+ ms$`)));

    // answers that are not 2xx: the handler's 409, and its 202 the reply's validation made a 500 (--errors)
    expect((await fetch(`${url}/jobs?tenant=a`, { method: "POST", headers: { prefer: "code=409" } })).status).toBe(409);
    expect((await fetch(`${url}/jobs?tenant=a`, { method: "POST", headers: { prefer: "example=bad" } })).status).toBe(500);
    // $request.query.tenant has no value: not sent, one line saying which expression
    expect((await fetch(`${url}/jobs`, { method: "POST" })).status).toBe(202);
    // a URL the request gives that is not http(s)
    expect((await fetch(`${url}/ping?to=${encodeURIComponent("file:///etc/passwd")}`, { method: "POST" })).status).toBe(204);
    await until(() => errors.filter((e) => e.startsWith("callback ")).length === 2);
    expect(errors.filter((e) => e.startsWith("callback "))).toEqual([
      expect.stringMatching(/^callback startJobDoneCallback not sent: .*\$request\.query\.tenant has no value/),
      "callback pingPongCallback not sent: 'file:///etc/passwd' is not an http(s) URL",
    ]);
    await pause(200);
    expect(hooks.got).toHaveLength(1);
  });

  it("--no-callbacks sends none; nor does a 401", async () => {
    const hooks = await receiver();
    const off = await mock([FIXTURE, "--no-callbacks"]);
    expect((await subscribe(off.url, `${hooks.url}/a`)).status).toBe(201);
    const on = await mock([FIXTURE]);
    expect((await subscribe(on.url, `${hooks.url}/b`, {})).status).toBe(401);
    expect((await subscribe(on.url, `${hooks.url}/c`)).status).toBe(201);
    // the 2xx one after them arrives: had the others sent theirs, they would be here by now
    await until(() => hooks.got.length > 0);
    await pause(200);
    expect(hooks.got.map((g) => g.url)).toEqual(["/c"]);
    expect(off.lines.filter((l) => l.startsWith("callback "))).toEqual([]);
  });

  it("an unreachable URL leaves the answer 2xx and is one stderr line", async () => {
    const closed = await listen(() => {});
    await closed.close();
    const { url, lines, errors } = await mock([FIXTURE]);
    const answer = await subscribe(url, `${closed.url}/hooks`);
    expect(answer.status).toBe(201);
    await until(() => errors.some((e) => e.startsWith("callback ")));
    expect(errors.filter((e) => e.startsWith("callback "))).toEqual([
      expect.stringMatching(new RegExp(`^callback subscribeOnEventCallback POST ${closed.url}/hooks failed: .*ECONNREFUSED`)),
    ]);
    expect(lines.filter((l) => l.startsWith("callback "))).toEqual([]);
  });

  it("does not follow a redirect: the URL is the request's, untrusted", async () => {
    const hooks = await receiver(307, false, { location: "/elsewhere" });
    const { url, lines } = await mock([FIXTURE]);
    expect((await subscribe(url, `${hooks.url}/hooks`)).status).toBe(201);
    await until(() => lines.some((l) => l.startsWith("callback ")));
    await pause(200);
    expect(hooks.got.map((g) => g.url)).toEqual(["/hooks"]);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^callback subscribeOnEventCallback POST ${hooks.url}/hooks 307 \\d+ ms$`)));
  });

  it("answers before a slow callback ends, and SIGTERM cancels it: a clean stop", async () => {
    const hooks = await receiver(200, true);
    const { child, url, lines, errors } = await mock([FIXTURE]);
    const answer = await subscribe(url, `${hooks.url}/slow`);
    expect(answer.status).toBe(201);
    await until(() => hooks.got.length === 1);
    // the receiver holds the callback; the mock stops at once, not after the 5 s timeout
    const gone = exited(child);
    const stopping = Date.now();
    child.kill("SIGTERM");
    expect(await gone).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(3000);
    expect(lines.at(-1)).toBe("specforge mock: stopped");
    await until(() => errors.some((e) => e.startsWith("callback ")));
    expect(errors).toContainEqual(`callback subscribeOnEventCallback POST ${hooks.url}/slow failed: cancelled, the mock stopped`);
  });
});

describe("MockCallbacks in process", () => {
  it("a callback with no answer in time is one line; stop() cancels those under way and waits for them", async () => {
    const hooks = await receiver(200, true);
    const { ir } = await generate({ input: path.join(ROOT, FIXTURE), targets: ["server"], packageName: "callbacks" });
    const logged: string[] = [];
    const warned: string[] = [];
    const callbacks = new MockCallbacks(ir, { callbackUrl: callbackUrl as never, webhookValidators }, { timeout: 300, log: (l) => logged.push(l), warn: (l) => warned.push(l) });
    const mockServer = await served(callbacks.listener(toNodeListener(createHandler(callbacks.handlers(createMockHandlers()), { security: mockSecurity }))));
    const payment = (to: string) =>
      fetch(`${mockServer.url}/payments`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify({ amount: 5, notifyUrl: to }) });
    expect((await payment(`${hooks.url}/late`)).status).toBe(202);
    await until(() => warned.length === 1);
    expect(warned).toEqual([`callback paymentStatusChanged POST ${hooks.url}/late failed: no answer in 0.3 s`]);
    expect(JSON.parse(hooks.got[0]!.body)).toEqual({ id: "pay-1", state: "settled", settledAt: "2026-01-02T03:04:05Z" });

    expect((await payment(`${hooks.url}/held`)).status).toBe(202);
    await until(() => hooks.got.length === 2);
    await callbacks.stop();
    expect(warned.at(-1)).toBe(`callback paymentStatusChanged POST ${hooks.url}/held failed: cancelled, the mock stopped`);
    // stopped: an answer after it calls nothing back
    expect((await payment(`${hooks.url}/after`)).status).toBe(202);
    await pause(200);
    expect(hooks.got.map((g) => g.url)).toEqual(["/late", "/held"]);
    expect(logged).toEqual([]);
  });

  it("a callback's timeout fires while the heap is collected (no AbortSignal.timeout that only AbortSignal.any holds)", async () => {
    // Node 20's AbortSignal.timeout inside AbortSignal.any can be collected before it fires (nodejs/node#57736):
    // under a busy test worker's collections this callback never timed out
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const hooks = await receiver(200, true);
    const { ir } = await generate({ input: path.join(ROOT, FIXTURE), targets: ["server"], packageName: "callbacks" });
    const warned: string[] = [];
    const callbacks = new MockCallbacks(ir, { callbackUrl: callbackUrl as never, webhookValidators }, { timeout: 300, log: () => {}, warn: (l) => warned.push(l) });
    const mockServer = await served(callbacks.listener(toNodeListener(createHandler(callbacks.handlers(createMockHandlers()), { security: mockSecurity }))));
    const collecting = setInterval(gc, 20);
    try {
      const res = await fetch(`${mockServer.url}/payments`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify({ amount: 5, notifyUrl: `${hooks.url}/late` }) });
      expect(res.status).toBe(202);
      await until(() => warned.length === 1);
    } finally {
      clearInterval(collecting);
      await callbacks.stop();
    }
    expect(warned).toEqual([`callback paymentStatusChanged POST ${hooks.url}/late failed: no answer in 0.3 s`]);
  });
});

/** A small spec whose callback URL reads the reply, the query and the status, to a receiver at `base`. */
function jobsSpec(base: string): string {
  return `openapi: 3.1.0
info: { title: Jobs, version: 1.0.0 }
paths:
  /jobs:
    post:
      operationId: startJob
      parameters:
        - { name: tenant, in: query, schema: { type: string } }
      responses:
        '202':
          description: Started.
          content:
            application/json:
              schema: { type: object, required: [id], properties: { id: { type: string } } }
              examples:
                good: { value: { id: job-7 } }
                bad: { value: { id: 5 } }
        '409':
          description: Busy.
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
              example: { id: job-7 }
      callbacks:
        done:
          '${base}/jobs/{$response.body#/id}/done?tenant={$request.query.tenant}&status={$statusCode}':
            put:
              security:
                - { key: [], session: [], basic: [] }
              parameters:
                - { name: X-Run, in: header, required: true, schema: { type: string }, example: run-42 }
                - { name: X-Optional, in: header, schema: { type: string } }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [rows, token, id]
                      properties:
                        id: { type: string, readOnly: true }
                        rows: { type: integer, minimum: 3 }
                        token: { type: string, writeOnly: true }
              responses:
                '202': { description: Noted. }
  /ping:
    post:
      operationId: ping
      parameters:
        - { name: to, in: query, required: true, schema: { type: string } }
      responses:
        '204': { description: Pinged. }
      callbacks:
        pong:
          '{$request.query.to}':
            post:
              responses:
                '200': { description: Ok. }
components:
  securitySchemes:
    key: { type: apiKey, in: query, name: key }
    session: { type: apiKey, in: cookie, name: session }
    basic: { type: http, scheme: basic }
`;
}
