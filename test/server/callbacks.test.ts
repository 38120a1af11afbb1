/**
 * Callbacks (an operation's `callbacks`), the callbacks fixture: requests the API sends to a URL its
 * request names. Each is typed in `schema.ts`'s `callbacks` (openapi-typescript types none), named and
 * validated as a webhook is, received by `createWebhookHandler` at `<basePath>/<name>` (or
 * `/<operationId>/<name>` when another callback holds the name), sent by the webhook sender, and
 * `callbackUrl` expands its URL's runtime expression from the request (a handler's input) and the reply.
 */
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { callbackExpressions, callbackUrl, createHandler, createWebhookHandler, toNodeListener, webhookSpec, type CallbackReply, type CallbackSource, type CallbacksWebhookHandlers } from "../fixtures/callbacks/generated/src/server.js";
import type { callbacks, CreateRefundOnEventCallbackRequest, ModelEvent, Payment, PaymentStatusChangedRequest, PostJobsDonePostCallbackRequest, SubscribeOnEventCallbackHeaderParams, SubscribeOnEventCallbackRequest, SubscribeOnEventCallbackResponse410 } from "../fixtures/callbacks/generated/src/types.js";
import { validateSubscribeOnEventCallbackRequest, webhookValidators } from "../fixtures/callbacks/generated/src/validators.js";
import { createCallbacksWebhookSender, UnexpectedStatusError } from "../fixtures/callbacks/generated/src/client.js";
import { expandCallbackUrl } from "../fixtures/callbacks/generated/src/server-runtime/callback-url.js";
import * as hostile from "../fixtures/hostile/generated/src/server.js";
import * as dated from "../fixtures/callbacks-dates/generated/src/server.js";
import { createCallbacksDatesWebhookSender } from "../fixtures/callbacks-dates/generated/src/client.js";
import { json, listen, raw, type Listening } from "./helpers.js";
import { fileWriter, tempDir, typecheckConsumer } from "../helpers/project.js";

const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

async function served(listener: Parameters<typeof listen>[0]): Promise<Listening> {
  const server = await listen(listener);
  open.push(server);
  return server;
}

const EVENT_ID = "4b5e1c0a-0f1e-4c7a-9b1d-2a3b4c5d6e7f";
const EVENT = { id: "ev-1", kind: "created", at: "2026-01-02T03:04:05Z" };

/** The receiver under `/hooks`, recording what each handler got; `signature` accepts "good" only. */
async function receiver() {
  const seen: Array<{ name: string; input: unknown }> = [];
  const record = (name: string, input: unknown) => seen.push({ name, input });
  const handlers: Partial<CallbacksWebhookHandlers<{ signer: string }>> = {
    subscribeOnEventCallback: ({ body, headers, principal }) => {
      record("subscribeOnEventCallback", { body, headers, principal });
      return body.kind === "settled" ? { status: 410, body: { reason: "unsubscribed" } } : { status: 200 };
    },
    paymentStatusChanged: ({ body }) => (record("paymentStatusChanged", body), { status: 204 }),
    createRefundOnEventCallback: ({ body }) => (record("createRefundOnEventCallback", body), { status: 200 }),
    postJobsDonePostCallback: ({ body }) => (record("postJobsDonePostCallback", body), { status: 204 }),
    postJobsDonePutCallback: ({ body }) => (record("postJobsDonePutCallback", body), { status: 204 }),
  };
  const handler = createWebhookHandler(handlers, { basePath: "/hooks", security: { signature: (value) => (value === "good" ? { signer: "pay" } : null) } });
  return { server: await served(toNodeListener(handler)), seen };
}

describe("callbacks' types and validators", () => {
  it("types each callback's parts, as the API sends them (a readOnly property present, a writeOnly one absent)", () => {
    expectTypeOf<SubscribeOnEventCallbackRequest>().toEqualTypeOf<ModelEvent>();
    expectTypeOf<SubscribeOnEventCallbackRequest>().toHaveProperty("id");
    expectTypeOf<SubscribeOnEventCallbackRequest>().not.toHaveProperty("secret");
    expectTypeOf<SubscribeOnEventCallbackHeaderParams>().toEqualTypeOf<{ "X-Event-Id": string }>();
    expectTypeOf<SubscribeOnEventCallbackResponse410>().toEqualTypeOf<{ reason: string }>();
    expectTypeOf<PaymentStatusChangedRequest>().toEqualTypeOf<Payment>();
    expectTypeOf<CreateRefundOnEventCallbackRequest>().toEqualTypeOf<{ refundId: string }>();
    expectTypeOf<PostJobsDonePostCallbackRequest>().toEqualTypeOf<string>();
    // `callbacks` mirrors the spec: path, method, callback name, URL expression, then the path item
    expectTypeOf<callbacks["/payments"]["post"]["status"]["{$request.body#/notifyUrl}"]["post"]["requestBody"]>().toEqualTypeOf<{ content: { "application/json": Payment } }>();
  });

  it("validates a callback's request as the API sends it: readOnly properties expected, writeOnly ones not", () => {
    expect(validateSubscribeOnEventCallbackRequest(EVENT)).toEqual({ ok: true, value: EVENT });
    const { id: _id, ...withoutId } = EVENT;
    const missing = validateSubscribeOnEventCallbackRequest(withoutId);
    expect(missing.ok).toBe(false);
    expect(webhookValidators.subscribeOnEventCallback.header({ "X-Event-Id": "nope" }).ok).toBe(false);
  });

  it("makes one callback of a path item several operations share, and drops a callback's path parameter with a warning", async () => {
    expect(Object.keys(webhookSpec.operations)).toEqual(["subscribeOnEventCallback", "paymentStatusChanged", "createRefundOnEventCallback", "postJobsDonePutCallback", "postJobsDonePostCallback"]);
    const result = await generate({ input: "test/fixtures/callbacks/openapi.yaml", targets: ["types"], packageName: "cb" });
    const shared = result.ir.webhooks.find((op) => op.names.method === "paymentStatusChanged")!;
    expect(shared.callback!.owners.map((o) => o.operationId)).toEqual(["createPayment", "createRefund"]);
    expect(result.warnings.map((w) => `${w.code} ${w.message}`)).toContain(
      "ir/webhook-path-parameter path parameter 'eventKind' of callback 'onEvent' is ignored: a callback goes to the URL its expression gives",
    );
  });
});

describe("the callback receiver (createWebhookHandler)", () => {
  it("serves each callback at /<name>, or /<operationId>/<name> when an earlier one holds the name", async () => {
    const { server, seen } = await receiver();
    const headers = { "content-type": "application/json" };
    expect((await raw(server.port, "POST", "/hooks/status", headers, JSON.stringify({ id: "p-1", state: "settled", settledAt: null }))).status).toBe(204);
    expect((await raw(server.port, "POST", "/hooks/createRefund/onEvent", headers, JSON.stringify({ refundId: "r-1" }))).status).toBe(200);
    expect((await raw(server.port, "PUT", "/hooks/done", headers, JSON.stringify({ rows: 3 }))).status).toBe(204);
    expect((await raw(server.port, "POST", "/hooks/done", { "content-type": "text/plain" }, "exported")).status).toBe(204);
    expect(seen).toEqual([
      { name: "paymentStatusChanged", input: { id: "p-1", state: "settled", settledAt: null } },
      { name: "createRefundOnEventCallback", input: { refundId: "r-1" } },
      { name: "postJobsDonePutCallback", input: { rows: 3 } },
      { name: "postJobsDonePostCallback", input: "exported" },
    ]);
  });

  it("checks the callback's own security (never the document's bearer), headers coerced and validated", async () => {
    const { server, seen } = await receiver();
    const send = (headers: Record<string, string>, body: unknown) =>
      raw(server.port, "POST", "/hooks/onEvent", { "content-type": "application/json", ...headers }, JSON.stringify(body));
    expect((await send({ "x-event-id": EVENT_ID }, EVENT)).status).toBe(401);
    expect((await send({ "x-event-id": EVENT_ID, authorization: "Bearer t" }, EVENT)).status).toBe(401);
    const bad = await send({ "x-signature": "good" }, { ...EVENT, kind: "deleted" });
    expect(bad.status).toBe(400);
    expect((json(bad).errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual(["/body/kind", "/header/X-Event-Id"]);
    expect(seen).toEqual([]);
    const ok = await send({ "x-signature": "good", "x-event-id": EVENT_ID }, EVENT);
    expect(ok.status).toBe(200);
    expect(seen).toEqual([{ name: "subscribeOnEventCallback", input: { body: EVENT, headers: { "X-Event-Id": EVENT_ID }, principal: { signer: "pay" } } }]);
  });
});

describe("callbackUrl", () => {
  const request = { method: "POST", url: "/payments", header: (name: string) => (name.toLowerCase() === "x-trace" ? "t-1" : undefined) };

  it("gives $url as the whole URL: the request's path and query under its Host, https where a proxy says so", () => {
    const at = (headers: Record<string, string>) => ({ request: { method: "POST", url: "/subscribe?x=1", header: (n: string) => headers[n.toLowerCase()] } });
    expect(expandCallbackUrl("{$url}/cb?m={$method}", at({ host: "api.example.org" }))).toBe("http://api.example.org/subscribe?x=1/cb?m=POST");
    expect(expandCallbackUrl("{$url}", at({ host: "api.example.org", "x-forwarded-proto": "https, http" }))).toBe("https://api.example.org/subscribe?x=1");
    expect(() => expandCallbackUrl("{$url}", at({}))).toThrow("$url has no value");
  });

  it("reads the URL from the request's body, keeps a value that opens the URL as it is and appends the rest", () => {
    expect(callbackExpressions.createRefundOnEventCallback).toBe("{$request.body#/notifyUrl}/refunds");
    const input = { body: { amount: 5, notifyUrl: "https://r.example/hook?x=1&y=2" }, request };
    expect(callbackUrl("paymentStatusChanged", input)).toBe("https://r.example/hook?x=1&y=2");
    expect(callbackUrl("createRefundOnEventCallback", input)).toBe("https://r.example/hook?x=1&y=2/refunds");
  });

  it("exports the types of what it takes, for a caller's own signatures", () => {
    expectTypeOf(callbackUrl).parameter(1).toEqualTypeOf<CallbackSource>();
    expectTypeOf(callbackUrl).parameter(2).toEqualTypeOf<CallbackReply | undefined>();
    const source: CallbackSource = { body: { notifyUrl: "https://r.example/n" }, request };
    expect(callbackUrl("paymentStatusChanged", source)).toBe("https://r.example/n");
  });

  it("reads the reply for $response parts, percent-encoding a value inside the URL", () => {
    expect(callbackUrl("postJobsDonePostCallback", { request }, { status: 202, body: { id: "a b&c" } })).toBe("https://notify.example.test/jobs?id=a%20b%26c");
  });

  it("keeps hostile spec text as data: an expression with `*/`, `${`, backticks and U+2028 is a string", () => {
    expect(hostile.callbackExpressions.getUserByIdCbProcessExit1XCallback).toBe("{$request.query.名前}/hook */ ${evil} `x` \u2028");
    expect(hostile.callbackUrl("getUserByIdCbProcessExit1XCallback", { query: { 名前: "https://r.example" } })).toBe("https://r.example/hook */ ${evil} `x` \u2028");
  });

  it("throws, naming the expression, when a value is missing (no URL with `undefined` in it)", () => {
    expect(() => callbackUrl("postJobsDonePostCallback", { request })).toThrow("$response.body#/id has no value");
    expect(() => callbackUrl("subscribeOnEventCallback", { body: {}, request })).toThrow("callback URL '{$request.body#/callbackUrl}'");
  });
});

describe("the API's side: a handler sends a callback to the URL its request named", () => {
  it("subscribe's handler answers, then sends onEvent with the sender to the receiver, typed both ways", async () => {
    const { server: hooks, seen } = await receiver();
    const sent: Array<Promise<unknown>> = [];
    const api = createHandler(
      {
        subscribe: (input) => {
          const subscriber = createCallbacksWebhookSender({ baseUrl: callbackUrl("subscribeOnEventCallback", input), auth: { signature: "good" } });
          sent.push(subscriber.subscribeOnEventCallback.safe({ headers: { "X-Event-Id": EVENT_ID }, body: { ...EVENT, kind: input.body.events[0]! } }));
          return { status: 201, body: { id: "sub-1" } };
        },
        createPayment: () => ({ status: 202, body: { id: "p-1", state: "pending" } }),
        createRefund: () => ({ status: 202, body: { id: "p-1", state: "pending" } }),
        postJobs: () => ({ status: 202, body: { id: "j-1" } }),
      },
      { security: { bearerAuth: () => ({}), signature: () => ({}) } },
    );
    const apiServer = await served(toNodeListener(api));
    const subscribe = (events: string[]) =>
      raw(apiServer.port, "POST", "/subscriptions", { "content-type": "application/json", authorization: "Bearer t" }, JSON.stringify({ callbackUrl: `http://127.0.0.1:${hooks.port}/hooks/onEvent`, events }));
    expect((await subscribe(["created"])).status).toBe(201);
    expect(await sent[0]).toEqual({ data: undefined, error: undefined, status: 200, headers: {}, response: expect.any(Response) });
    expect(seen).toEqual([{ name: "subscribeOnEventCallback", input: { body: EVENT, headers: { "X-Event-Id": EVENT_ID }, principal: { signer: "pay" } } }]);
    // a documented 410 comes back as the sender's typed error
    expect((await subscribe(["settled"])).status).toBe(201);
    const { error } = (await sent[1]) as { error?: { status: number; body: unknown } };
    expect(error?.status).toBe(410);
    expect(error?.body).toEqual({ reason: "unsubscribed" });
    expect(error).not.toBeInstanceOf(UnexpectedStatusError);
  });

  it("with `types: { dates: Date }` sends Dates as RFC 3339 text and revives them in the receiver", async () => {
    let at: unknown;
    const handler = dated.createWebhookHandler({ subscribeOnEventCallback: ({ body }) => ((at = body.at), { status: 200 }) }, { security: { signature: () => ({}) } });
    const server = await served(dated.toNodeListener(handler));
    const sender = createCallbacksDatesWebhookSender({ baseUrl: `http://127.0.0.1:${server.port}/onEvent`, auth: { signature: "k" } });
    await sender.subscribeOnEventCallback({ headers: { "X-Event-Id": EVENT_ID }, body: { id: "ev-2", kind: "created", at: new Date("2026-03-04T05:06:07Z") } });
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).toISOString()).toBe("2026-03-04T05:06:07.000Z");
  });
});

describe("callbacks of OpenAPI 3.0 and 3.2 documents", () => {
  const write = fileWriter(tempDir());

  it("types a 3.0 callback after normalizing it (nullable), and its URL reads the request's query", async () => {
    const spec = write("cb30.yaml", [
      "openapi: 3.0.3",
      "info: { title: cb30, version: '1' }",
      "paths:",
      "  /streams:",
      "    post:",
      "      operationId: subscribeStream",
      "      parameters: [{ name: callbackUrl, in: query, required: true, schema: { type: string } }]",
      "      responses: { '201': { description: ok } }",
      "      callbacks:",
      "        onData:",
      "          '{$request.query.callbackUrl}/data':",
      "            post:",
      "              requestBody: { content: { application/json: { schema: { type: object, properties: { userData: { type: string, nullable: true } } } } } }",
      "              responses: { '202': { description: ok } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "cb30" });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.path])).toEqual([["subscribeStreamOnDataCallback", "/onData"]]);
    const r = typecheckConsumer(tempDir(), result.files, [
      'import type { SubscribeStreamOnDataCallbackRequest } from "./types.js";',
      'import { callbackUrl } from "./server.js";',
      "const body: SubscribeStreamOnDataCallbackRequest = { userData: null };",
      'export const url: string = callbackUrl("subscribeStreamOnDataCallback", { query: { callbackUrl: "https://r.example" } });',
      "// @ts-expect-error a number is no userData",
      "export const bad: SubscribeStreamOnDataCallbackRequest = { userData: 1 };",
      "export { body };",
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  // server.ts exports the types callbackUrl takes: a schema of the same name is renamed, as for its other exports
  // (both reached index.ts's `export *`: TS2308 before)
  it("renames schemas named CallbackSource and CallbackReply", async () => {
    const spec = write("cbnames.yaml", [
      "openapi: 3.1.0",
      "info: { title: cbnames, version: '1' }",
      "paths:",
      "  /subscribe:",
      "    post:",
      "      operationId: subscribe",
      "      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/CallbackSource' } } } }",
      "      responses: { '201': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/CallbackReply' } } } } }",
      "      callbacks:",
      "        onEvent:",
      "          '{$request.body#/url}':",
      "            post: { responses: { '200': { description: ok } } }",
      "components:",
      "  schemas:",
      "    CallbackSource: { type: object, required: [url], properties: { url: { type: string } } }",
      "    CallbackReply: { type: object, properties: { id: { type: string } } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "cbnames" });
    const r = typecheckConsumer(tempDir(), result.files, [
      'import { callbackUrl, type CallbackSource } from "./index.js";',
      'export const source: CallbackSource = { body: { url: "https://r.example" } };',
      'export const url: string = callbackUrl("subscribeOnEventCallback", source);',
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("types and names a 3.2 QUERY and an additional operation inside a callback", async () => {
    const spec = write("cb32.yaml", [
      "openapi: 3.2.0",
      "info: { title: cb32, version: '1' }",
      "paths:",
      "  /watch:",
      "    post:",
      "      operationId: watch",
      "      responses: { '201': { description: ok } }",
      "      callbacks:",
      "        probe:",
      "          '{$request.header.X-Callback}':",
      "            query:",
      "              requestBody: { content: { application/json: { schema: { type: object, properties: { q: { type: string } } } } } }",
      "              responses: { '200': { description: ok, content: { application/json: { schema: { type: object, properties: { hits: { type: integer } } } } } } }",
      "            additionalOperations:",
      "              PURGE:",
      "                responses: { '204': { description: gone } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "cb32" });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.httpMethod, op.path])).toEqual([
      ["watchProbeQueryCallback", "QUERY", "/probe"],
      ["watchProbePurgeCallback", "PURGE", "/probe"],
    ]);
    const r = typecheckConsumer(tempDir(), result.files, [
      'import type { WatchProbeQueryCallbackRequest, WatchProbeQueryCallbackResponse200, callbacks } from "./types.js";',
      'export const q: WatchProbeQueryCallbackRequest = { q: "x" };',
      "export const hits: WatchProbeQueryCallbackResponse200 = { hits: 1 };",
      'export type Purge = callbacks["/watch"]["post"]["probe"]["{$request.header.X-Callback}"]["additionalOperations"]["PURGE"];',
      '// @ts-expect-error hits is a number',
      'export const bad: WatchProbeQueryCallbackResponse200 = { hits: "1" };',
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("a path item two callbacks share under their own URL expressions", () => {
  it("is two callbacks, each URL read from its own expression", async () => {
    const spec = fileWriter(tempDir())("two.yaml", [
      "openapi: 3.1.0",
      "info: { title: two, version: '1' }",
      "paths:",
      "  /a:",
      "    post:",
      "      operationId: a",
      "      responses: { '200': { description: ok } }",
      "      callbacks: { onA: { '{$request.body#/a}': { $ref: '#/components/pathItems/Event' } } }",
      "  /b:",
      "    post:",
      "      operationId: b",
      "      responses: { '200': { description: ok } }",
      "      callbacks: { onB: { '{$request.body#/b}': { $ref: '#/components/pathItems/Event' } } }",
      "components:",
      "  pathItems:",
      "    Event:",
      "      post:",
      "        requestBody: { content: { application/json: { schema: { type: object } } } }",
      "        responses: { '204': { description: ok } }",
    ].join("\n"));
    const result = await generate({ input: spec, targets: ["types"] });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.callback!.expression, op.callback!.owners.map((o) => o.operationId)])).toEqual([
      ["aOnACallback", "{$request.body#/a}", ["a"]],
      ["bOnBCallback", "{$request.body#/b}", ["b"]],
    ]);
  });
});

describe("a callback's bad input", () => {
  it("is an error at its place, as a path's would be (checked once for a shared components.callbacks entry)", async () => {
    const spec = fileWriter(tempDir())("bad.yaml", [
      "openapi: 3.1.0",
      "info: { title: bad, version: '1' }",
      "paths:",
      "  /a:",
      "    post:",
      "      responses: { '200': { description: ok } }",
      "      callbacks: { onX: { $ref: '#/components/callbacks/X' } }",
      "  /b:",
      "    post:",
      "      responses: { '200': { description: ok } }",
      "      callbacks: { onX: { $ref: '#/components/callbacks/X' } }",
      "components:",
      "  callbacks:",
      "    X:",
      "      '{$request.body#/u}':",
      "        post:",
      "          operationId: 5",
      "          responses: { abc: { description: ok } }",
    ].join("\n"));
    const error = await generate({ input: spec, targets: ["types"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecforgeError);
    expect((error as SpecforgeError).diagnostics.map((d) => `${d.location?.pointer} ${d.code}`)).toEqual([
      "/components/callbacks/X/{$request.body#~1u}/post/operationId check/operation-field",
      "/components/callbacks/X/{$request.body#~1u}/post/responses/abc check/response-status",
    ]);
  });
});

describe("a path item with an operationId that several callbacks $ref", () => {
  it("is a callback each, its operationId naming the first (no collision): each has its route and callbackUrl", async () => {
    const spec = fileWriter(tempDir())("shared-item.yaml", [
      "openapi: 3.1.0",
      "info: { title: shared, version: '1' }",
      "paths:",
      "  /a:",
      "    post:",
      "      operationId: opA",
      "      responses: { '202': { description: ok } }",
      "      callbacks: { onEvent: { '{$request.body#/aUrl}': { $ref: '#/components/pathItems/Ev' } } }",
      "  /b:",
      "    post:",
      "      operationId: opB",
      "      parameters: [{ name: url, in: query, schema: { type: string } }]",
      "      responses: { '202': { description: ok } }",
      "      callbacks: { onDone: { '{$request.query.url}': { $ref: '#/components/pathItems/Ev' } } }",
      "  /c:",
      "    post:",
      "      operationId: opC",
      "      responses: { '202': { description: ok } }",
      "      callbacks: { onEvent: { '{$request.body#/aUrl}': { $ref: '#/components/pathItems/Ev' } } }",
      "components:",
      "  pathItems:",
      "    Ev:",
      "      post:",
      "        operationId: eventSent",
      "        requestBody: { content: { application/json: { schema: { type: object, properties: { x: { type: string } } } } } }",
      "        responses: { '200': { description: ok } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "shared" });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.path, op.callback!.expression, op.callback!.owners.map((o) => o.operationId)])).toEqual([
      ["eventSent", "/onEvent", "{$request.body#/aUrl}", ["opA"]],
      ["opBOnDoneCallback", "/onDone", "{$request.query.url}", ["opB"]],
      ["opCOnEventCallback", "/opC/onEvent", "{$request.body#/aUrl}", ["opC"]],
    ]);
    const r = typecheckConsumer(tempDir(), result.files, [
      'import type { OpBOnDoneCallbackRequest } from "./types.js";',
      'import { callbackExpressions, callbackUrl } from "./server.js";',
      'export const body: OpBOnDoneCallbackRequest = { x: "1" };',
      'export const url: string = callbackUrl("opBOnDoneCallback", { query: { url: "https://r.example" } });',
      'export const expression: "{$request.query.url}" = callbackExpressions.opBOnDoneCallback;',
    ]);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("a callback whose name is taken, of an operation without operationId", () => {
  it("is served at /<the operation's method name>/<name>, not at its derived id's words", async () => {
    const spec = fileWriter(tempDir())("derived.yaml", [
      "openapi: 3.1.0",
      "info: { title: derived, version: '1' }",
      "paths:",
      "  /streams/{id}:",
      "    post:",
      "      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "      responses: { '201': { description: ok } }",
      "      callbacks: { onData: { '{$request.query.callbackUrl}': { post: { responses: { '202': { description: ok } } } } } }",
      "webhooks:",
      "  onData:",
      "    post: { responses: { '200': { description: ok } } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "derived", targets: ["server"] });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.path])).toEqual([
      ["onDataWebhook", "/onData"],
      ["postStreamsByIdOnDataCallback", "/postStreamsById/onData"],
    ]);
  });
});

describe("expandCallbackUrl and the runtime expression grammar", () => {
  it("throws on text the grammar has no place for, never reading it as the whole body", () => {
    const body = { url: "https://r.example/x", "a/b": "slash", "m~n": "tilde" };
    expect(expandCallbackUrl("{$request.body#/a~1b}/{$request.body#/m~0n}", { body })).toBe("slash/tilde");
    expect(expandCallbackUrl("{$request.body#/url}", { body })).toBe("https://r.example/x");
    // a reply header given as a list is its lines' combined value
    expect(expandCallbackUrl("https://h.example/{$response.header.X-Tags}", { body }, { status: 200, headers: { "x-tags": ["a", "b"] } })).toBe("https://h.example/a%2C%20b");
    for (const expression of ["$request.body.url", "$request.body/url", "$request.header", "$request.header#/x", "$request.bogus.x", "$response.body.id", "$request.body#url", "$request.body#/~2"]) {
      expect(() => expandCallbackUrl(`{${expression}}`, { body, request: { method: "POST", url: "/", header: () => "h" } }, { body })).toThrow(`${expression} is no runtime expression`);
    }
  });
});

describe("callbacks of a webhook or of a callback", () => {
  it("are not generated, with a warning at each (never silently dropped)", async () => {
    const spec = fileWriter(tempDir())("nested.yaml", [
      "openapi: 3.1.0",
      "info: { title: nested, version: '1' }",
      "paths:",
      "  /a:",
      "    post:",
      "      operationId: opA",
      "      responses: { '202': { description: ok } }",
      "      callbacks:",
      "        outer:",
      "          '{$request.body#/u}':",
      "            post:",
      "              responses: { '200': { description: ok } }",
      "              callbacks: { inner: { '{$request.body#/v}': { post: { responses: { '200': { description: ok } } } } } }",
      "webhooks:",
      "  hook:",
      "    post:",
      "      responses: { '200': { description: ok } }",
      "      callbacks: { fromHook: { '{$request.body#/w}': { post: { responses: { '200': { description: ok } } } } } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "nested", targets: ["types"] });
    expect(result.ir.webhooks.map((op) => op.names.method)).toEqual(["hookWebhook", "opAOuterCallback"]);
    expect(result.warnings.filter((w) => w.code === "ir/sent-callbacks").map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/webhooks/hook/post/callbacks", "callbacks of webhook 'hook' are not generated: the API would receive them (only an operation's callbacks under paths are)"],
      ["/paths/~1a/post/callbacks/outer/{$request.body#~1u}/post/callbacks", "callbacks of callback 'outer' are not generated: the API would receive them (only an operation's callbacks under paths are)"],
    ]);
  });
});

describe("`types: { alphabetize: true }`", () => {
  it("sorts `callbacks` as openapi-typescript sorts `paths`: paths, methods, names and URLs", async () => {
    const result = await generate({ input: "test/fixtures/callbacks/openapi.yaml", packageName: "cb", targets: ["types"], types: { alphabetize: true } });
    const schema = result.files.find((f) => f.path === "src/schema.ts")!.contents;
    const start = schema.indexOf("export interface callbacks");
    const block = schema.slice(start, schema.indexOf("\n}\n", start));
    const keys = (indent: number) => [...block.matchAll(new RegExp(`^ {${indent}}("[^"]+"|\\w+): \\{`, "gm"))].map((m) => m[1]);
    expect(keys(4)).toEqual(['"/jobs"', '"/payments"', '"/refunds"', '"/subscriptions"']);
    const refunds = block.slice(block.indexOf('"/refunds"'), block.indexOf('"/subscriptions"'));
    expect([...refunds.matchAll(/^ {12}(\w+): \{/gm)].map((m) => m[1])).toEqual(["onEvent", "status"]);
  });
});

describe("a path item that is both a webhook and a callback", () => {
  it("generates both (the webhook keeps its operationId, the callback is named from its operation), not an operationId collision", async () => {
    const spec = fileWriter(tempDir())("webhook-and-callback.yaml", [
      "openapi: 3.1.0",
      "info: { title: both, version: '1' }",
      "paths:",
      "  /a:",
      "    post:",
      "      operationId: opA",
      "      responses: { '202': { description: ok } }",
      "      callbacks: { onEvent: { '{$request.body#/u}': { $ref: '#/components/pathItems/Ev' } } }",
      "webhooks:",
      "  event: { $ref: '#/components/pathItems/Ev' }",
      "components:",
      "  pathItems:",
      "    Ev:",
      "      post:",
      "        operationId: eventSent",
      "        responses: { '200': { description: ok } }",
    ].join("\n"));
    const result = await generate({ input: spec, packageName: "both", targets: ["server"] });
    expect(result.ir.webhooks.map((op) => [op.names.method, op.path])).toEqual([["eventSent", "/event"], ["opAOnEventCallback", "/onEvent"]]);
  });
});
