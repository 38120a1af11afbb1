/**
 * Webhooks (OpenAPI 3.1 `webhooks`), the webhooks fixture: named types and validators for each webhook's
 * request and replies, and `createWebhookHandler`, the receiver, served on 127.0.0.1 with each webhook at
 * `<basePath>/<key>`: requests validated (headers coerced, 400 with pointers), the webhook's own security
 * (never the document's), handlers optional (404 without one), readOnly properties expected (the API sent
 * them), and with `types: { dates: Date }` date-times revived before the handler runs. The client target's
 * webhook sender (the API's side) sends each webhook to a subscriber's URL as it is, typed, to that receiver.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { createWebhookHandler, toNodeListener, type WebhooksWebhookHandlers } from "../fixtures/webhooks/generated/src/server.js";
import type { OnPaymentFailedRequest, OrderShippedWebhookHeaderParams, OrderShippedWebhookRequest, Shipment } from "../fixtures/webhooks/generated/src/types.js";
import { isOrderShippedWebhookRequest, validateOnRefundRequest, validateOrderShippedWebhookRequest, webhookValidators } from "../fixtures/webhooks/generated/src/validators.js";
import * as dated from "../fixtures/webhooks-dates/generated/src/server.js";
import { createWebhooksDatesWebhookSender } from "../fixtures/webhooks-dates/generated/src/client.js";
import { createWebhooksClient, createWebhooksWebhookSender, UnexpectedStatusError, type OrderShippedWebhookInput } from "../fixtures/webhooks/generated/src/client.js";
import * as hostile from "../fixtures/hostile/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

/** A listener on 127.0.0.1, closed after the file's tests. */
async function served(listener: Parameters<typeof listen>[0]): Promise<Listening> {
  const server = await listen(listener);
  open.push(server);
  return server;
}

const SHIPMENT = { id: "sh-9", orderId: "o-1", shippedAt: "2026-11-02T10:00:00Z", carrier: "ups" };
const DELIVERY = "4b5e1c0a-0f1e-4c7a-9b1d-2a3b4c5d6e7f";

/** The receiver under `/hooks` with handlers that record what they got; `signature` accepts "good" only. */
async function receiver() {
  const seen: Array<{ name: string; input: unknown }> = [];
  const handlers: Partial<WebhooksWebhookHandlers<{ signer: string }>> = {
    orderShippedWebhook: ({ body, headers, principal }) => {
      seen.push({ name: "orderShippedWebhook", input: { body, headers, principal } });
      return { status: 200, body: { received: true } };
    },
    inventoryPostWebhook: ({ body }) => {
      seen.push({ name: "inventoryPostWebhook", input: body });
      return { status: 204 };
    },
    inventoryPutWebhook: ({ body }) => {
      seen.push({ name: "inventoryPutWebhook", input: body });
      return { status: 204 };
    },
    onRefund: ({ body }) => {
      seen.push({ name: "onRefund", input: body });
      return { status: 200 };
    },
  };
  const handler = createWebhookHandler(handlers, { basePath: "/hooks", security: { signature: (value) => (value === "good" ? { signer: "shop" } : null) } });
  const server = await served(toNodeListener(handler));
  return { server, seen };
}

const shipped = (port: number, headers: Record<string, string>, body: unknown) =>
  raw(port, "POST", "/hooks/order.shipped", { "content-type": "application/json", ...headers }, JSON.stringify(body));

describe("the webhook receiver (createWebhookHandler)", () => {
  it("hands a valid webhook to its handler, typed: headers coerced, the principal from the webhook's own scheme", async () => {
    const { server, seen } = await receiver();
    const r = await shipped(server.port, { "x-signature": "good", "x-delivery-id": DELIVERY, "x-attempt": "2" }, SHIPMENT);
    expect(r.status).toBe(200);
    expect(json(r)).toEqual({ received: true });
    expect(seen).toEqual([{ name: "orderShippedWebhook", input: { body: SHIPMENT, headers: { "X-Delivery-Id": DELIVERY, "X-Attempt": 2 }, principal: { signer: "shop" } } }]);
  });

  it("answers 401 without the webhook's credential, and the handler never runs", async () => {
    const { server, seen } = await receiver();
    for (const headers of [{}, { "x-signature": "forged" }] as Array<Record<string, string>>) {
      const r = await shipped(server.port, { "x-delivery-id": DELIVERY, ...headers }, SHIPMENT);
      expect(r.status).toBe(401);
      expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
    }
    expect(seen).toEqual([]);
  });

  it("refuses what the API should not have sent: 400 with the pointer of each problem", async () => {
    const { server, seen } = await receiver();
    const bad = await shipped(server.port, { "x-signature": "good", "x-attempt": "0" }, { ...SHIPMENT, carrier: "fedex" });
    expect(bad.status).toBe(400);
    const pointers = (json(bad).errors as Array<{ pointer: string }>).map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/body/carrier", "/header/X-Attempt", "/header/X-Delivery-Id"]);
    // an unknown property where the schema says additionalProperties: false
    const extra = await shipped(server.port, { "x-signature": "good", "x-delivery-id": DELIVERY }, { ...SHIPMENT, extra: 1 });
    expect(extra.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("applies no security to a webhook that names none (the document's bearerAuth is how clients call the API)", async () => {
    const { server, seen } = await receiver();
    const post = await raw(server.port, "POST", "/hooks/inventory", { "content-type": "application/json" }, JSON.stringify({ sku: "AB-1", quantity: 3 }));
    expect(post.status).toBe(204);
    const put = await raw(server.port, "PUT", "/hooks/inventory", { "content-type": "application/json" }, JSON.stringify({ sku: "AB-2", quantity: 0 }));
    expect(put.status).toBe(204);
    expect(seen).toEqual([{ name: "inventoryPostWebhook", input: { sku: "AB-1", quantity: 3 } }, { name: "inventoryPutWebhook", input: { sku: "AB-2", quantity: 0 } }]);
    const get = await raw(server.port, "GET", "/hooks/inventory");
    expect(get.status).toBe(405);
    expect(String(get.headers.allow).split(", ").sort()).toEqual(["POST", "PUT"]);
  });

  it("serves a webhook that is a $ref'd path item, with a text body", async () => {
    const { server, seen } = await receiver();
    const r = await raw(server.port, "POST", "/hooks/refund", { "content-type": "text/plain" }, "refunded in full");
    expect(r.status).toBe(200);
    expect(seen).toEqual([{ name: "onRefund", input: "refunded in full" }]);
  });

  it("answers 404 for a webhook it has no handler for, and for a path outside its base path", async () => {
    const { server } = await receiver();
    const r = await raw(server.port, "POST", "/hooks/paymentFailed", { "content-type": "application/json" }, JSON.stringify({ orderId: "o-1", reason: "declined" }));
    expect(r.status).toBe(404);
    expect((await raw(server.port, "POST", "/order.shipped", { "x-signature": "good" })).status).toBe(404);
    expect((await raw(server.port, "POST", "/subscriptions", {})).status).toBe(404);
  });

  it("with `dates: Date`, hands the handler Dates (revived after validation)", async () => {
    let got: unknown;
    const handler = dated.createWebhookHandler(
      {
        orderShippedWebhook: ({ body }) => {
          got = body.shippedAt;
          return { status: 200, body: { received: body.shippedAt instanceof Date } };
        },
        onPaymentFailed: ({ body }) => {
          got = body.retryAt;
          return { status: 204 };
        },
      },
      { security: { signature: () => ({}) } },
    );
    const server = await served(dated.toNodeListener(handler));
    const r = await raw(server.port, "POST", "/order.shipped", { "content-type": "application/json", "x-signature": "s", "x-delivery-id": DELIVERY }, JSON.stringify(SHIPMENT));
    expect(json(r)).toEqual({ received: true });
    expect(got).toEqual(new Date("2026-11-02T10:00:00Z"));
    const failed = await raw(server.port, "POST", "/paymentFailed", { "content-type": "application/json" }, JSON.stringify({ orderId: "o-1", reason: "expired", retryAt: "2026-11-03T08:30:00Z" }));
    expect(failed.status).toBe(204);
    expect(got).toEqual(new Date("2026-11-03T08:30:00Z"));
    const invalid = await raw(server.port, "POST", "/paymentFailed", { "content-type": "application/json" }, JSON.stringify({ orderId: "o-1", reason: "expired", retryAt: "tomorrow" }));
    expect(invalid.status).toBe(400);
  });
});

describe("webhook types and validators", () => {
  it("name each webhook's parts: from its operationId, else from its key", () => {
    expectTypeOf<OrderShippedWebhookRequest>().toEqualTypeOf<Shipment>();
    expectTypeOf<OrderShippedWebhookHeaderParams>().toEqualTypeOf<{ "X-Delivery-Id": string; "X-Attempt"?: number }>();
    expectTypeOf<OnPaymentFailedRequest["reason"]>().toEqualTypeOf<"declined" | "expired" | "fraud">();
    expectTypeOf<Parameters<WebhooksWebhookHandlers["onRefund"]>[0]["body"]>().toEqualTypeOf<string>();
    expect(Object.keys(webhookValidators).sort()).toEqual(["inventoryPostWebhook", "inventoryPutWebhook", "onPaymentFailed", "onRefund", "orderShippedWebhook"]);
  });

  it("validate a webhook's request as the API sends it: readOnly properties present, writeOnly ones absent", () => {
    expect(validateOrderShippedWebhookRequest(SHIPMENT)).toEqual({ ok: true, value: SHIPMENT });
    expect(isOrderShippedWebhookRequest({ ...SHIPMENT, id: undefined })).toBe(false);
    const { id: _id, ...withoutId } = SHIPMENT;
    const missing = validateOrderShippedWebhookRequest(withoutId);
    expect(missing.ok).toBe(false);
    expect(validateOnRefundRequest("x".repeat(101)).ok).toBe(false);
  });
});

describe("hostile webhook keys", () => {
  it("are data: a key with comment closers, quotes and `${...}` is served at its percent-encoded path, `__proto__` too", async () => {
    const KEY = 'hook */ /* <!-- ` ${process.exit(1)} "; x';
    const got: unknown[] = [];
    const handler = hostile.createWebhookHandler({
      hookProcessExit1XWebhook: ({ body, headers }) => {
        got.push({ body, headers });
        return { status: 200 };
      },
      constructor_: ({ body }) => {
        got.push(body);
        return { status: 204 };
      },
    });
    const server = await served(hostile.toNodeListener(handler));
    // its required header's name is no HTTP token, so no request carries it: a 400 naming it, as data
    const r = await raw(server.port, "POST", `/${encodeURIComponent(KEY)}`, { "content-type": "application/json" }, JSON.stringify({ "*/ ${evil}": "v" }));
    expect(r.status).toBe(400);
    expect((json(r).errors as Array<{ pointer: string }>).map((e) => e.pointer)).toEqual(["/header/x-sig *~1 ${evil}"]);
    const proto = await raw(server.port, "POST", "/__proto__", { "content-type": "text/plain" }, "hi");
    expect(proto.status).toBe(204);
    expect(got).toEqual(["hi"]);
    expect(Object.prototype).not.toHaveProperty("hi");
  });
});

describe("webhook names", () => {
  it("of a key with several methods take the method in lower case, an additional one too (as operations' derived names)", async () => {
    const file = path.join(tempDir(), "spec.json");
    const ok = { "204": { description: "ok" } };
    writeFileSync(file, JSON.stringify({ openapi: "3.2.0", info: { title: "n", version: "1" }, webhooks: { stock: { post: { responses: ok }, query: { responses: ok }, additionalOperations: { PURGE: { responses: ok } } } } }));
    const { ir } = await generate({ input: file, packageName: "n", targets: ["types"] });
    expect(ir.webhooks.map((o) => o.names.method)).toEqual(["stockPostWebhook", "stockQueryWebhook", "stockPurgeWebhook"]);
  });

  it("come after every other name: a webhook sharing an operation's operationId renames none of the operation's types", async () => {
    const dir = tempDir();
    const body = { required: true, content: { "application/json": { schema: { type: "object", properties: { n: { type: "integer" } } } } } };
    const spec = (webhooks: boolean) => ({
      openapi: "3.1.0",
      info: { title: "Names", version: "1" },
      paths: { "/pets": { post: { operationId: "addPet", requestBody: body, responses: { "204": { description: "ok" } } } } },
      ...(webhooks ? { webhooks: { petAdded: { post: { operationId: "addPet", requestBody: body, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "ok" } } } } } } : {}),
    });
    const names = async (webhooks: boolean) => {
      const file = path.join(dir, `spec-${webhooks}.json`);
      writeFileSync(file, JSON.stringify(spec(webhooks)));
      return generate({ input: file, packageName: "names" });
    };
    const without = await names(false);
    const withHook = await names(true);
    expect(withHook.ir.operations.map((o) => o.names)).toEqual(without.ir.operations.map((o) => o.names));
    expect(withHook.ir.webhooks[0]!.names).toMatchObject({ method: "addPet", request: "AddPetRequest2", response: "AddPetResponse2", input: "AddPetInput2", error: "AddPetError2" });
    expect(withHook.warnings.map((w) => w.code).sort()).toEqual(["ir/webhook-path-parameter", ...Array(5).fill("names/alias-renamed")]);
    expect(withHook.warnings.find((w) => w.code === "ir/webhook-path-parameter")!.message).toBe("path parameter 'id' of webhook 'petAdded' is ignored: a webhook goes to the URL its receiver registered");
  });
});

describe("the webhook sender (the client target's)", () => {
  it("sends each webhook to the subscriber's URL as it is, typed, with the webhook's credential, to the receiver", async () => {
    const { server, seen } = await receiver();
    const sender = createWebhooksWebhookSender({ baseUrl: `${server.url}/hooks/order.shipped`, auth: { signature: "good" } });
    const input: OrderShippedWebhookInput = { headers: { "X-Delivery-Id": DELIVERY, "X-Attempt": 1 }, body: SHIPMENT as Shipment };
    expect(await sender.orderShippedWebhook(input)).toEqual({ received: true });
    expect(seen).toEqual([{ name: "orderShippedWebhook", input: { body: SHIPMENT, headers: { "X-Delivery-Id": DELIVERY, "X-Attempt": 1 }, principal: { signer: "shop" } } }]);
    // a subscriber that refuses the credential answers an undocumented 401
    const forged = createWebhooksWebhookSender({ baseUrl: `${server.url}/hooks/order.shipped`, auth: { signature: "forged" } });
    const error = await forged.orderShippedWebhook(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect((error as UnexpectedStatusError).status).toBe(401);
    const text = createWebhooksWebhookSender({ baseUrl: `${server.url}/hooks/refund` });
    await text.onRefund({ body: "all of it" });
    expect(seen.at(-1)).toEqual({ name: "onRefund", input: "all of it" });
  });

  it("keeps a subscriber's URL out of its errors but for the origin (a Slack-style URL holds its secret)", async () => {
    const { server } = await receiver();
    const sender = createWebhooksWebhookSender({ baseUrl: `${server.url}/hooks/order.shipped/T0-secret?token=s3cret`, auth: { signature: "good" } });
    const error = await sender.orderShippedWebhook({ headers: { "X-Delivery-Id": DELIVERY }, body: SHIPMENT as Shipment }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    const { request, message, stack } = error as UnexpectedStatusError;
    expect(request.url).toBe(`${server.url}/[redacted]`);
    for (const text of [message, stack ?? "", JSON.stringify(request)]) expect(text).not.toMatch(/secret|s3cret/);
    // the API's own client keeps its URLs in errors (they hold no secret)
    expect(String((await createWebhooksClient({ baseUrl: `${server.url}/api` }).subscribe({ body: { url: "https://r.test/" } }).catch((e: unknown) => e) as UnexpectedStatusError).request.url)).toBe(`${server.url}/api/subscriptions`);
  });

  it("reads a documented refusal as an ApiError the caller can narrow (410: unsubscribe)", async () => {
    const handler = createWebhookHandler({ orderShippedWebhook: () => ({ status: 410 }) }, { security: { signature: () => ({}) } });
    const server = await served(toNodeListener(handler));
    const sender = createWebhooksWebhookSender({ baseUrl: `${server.url}/order.shipped`, auth: { signature: "s" } });
    const result = await sender.orderShippedWebhook.safe({ headers: { "X-Delivery-Id": DELIVERY }, body: SHIPMENT as Shipment });
    expect(result.data).toBeUndefined();
    expect(sender.orderShippedWebhook.isError(result.error) && result.error.status).toBe(410);
  });

  it("with `dates: Date`, sends Dates as RFC 3339 text, which the receiver hands back as Dates", async () => {
    let got: unknown;
    const handler = dated.createWebhookHandler({ onPaymentFailed: ({ body }) => ((got = body.retryAt), { status: 204 }) }, { security: { signature: () => ({}) } });
    const server = await served(dated.toNodeListener(handler));
    const sender = createWebhooksDatesWebhookSender({ baseUrl: `${server.url}/paymentFailed` });
    const when = new Date("2026-12-01T09:15:00.000Z");
    await sender.onPaymentFailed({ body: { orderId: "o-2", reason: "fraud", retryAt: when } });
    expect(got).toEqual(when);
  });

  it("keeps the subscriber's URL as it is: its trailing `/`, and its own query, to which the webhook's parameters and credential are added", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: Query, version: "1" }
webhooks:
  ping:
    post:
      operationId: ping
      parameters: [{ name: since, in: query, schema: { type: string } }]
      security: [{ key: [] }]
      responses: { "204": { description: ok } }
components: { securitySchemes: { key: { type: apiKey, in: query, name: key } } }
`);
    const { files } = await generate({ input: file, packageName: "query", targets: ["client"] });
    const client = (await import(pathToFileURL(path.join(importableSources(files), "client.js")).href)) as {
      createQueryWebhookSender(options: object): { ping(input?: object): Promise<unknown> };
    };
    const urls: string[] = [];
    const server = await served((req, res) => (urls.push(req.url!), res.writeHead(204).end()));
    await client.createQueryWebhookSender({ baseUrl: `${server.url}/hook/?token=a/b`, auth: { key: "k" } }).ping({ query: { since: "1" } });
    await client.createQueryWebhookSender({ baseUrl: `${server.url}/hook/` }).ping();
    expect(urls).toEqual(["/hook/?token=a/b&since=1&key=k", "/hook/"]);
  });

  it("reads a reply documented as an event stream as one, in a package whose operations read none", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: Streamed, version: "1" }
webhooks:
  watch:
    post:
      operationId: watch
      responses: { "200": { description: progress, content: { text/event-stream: { schema: { type: string } } } } }
`);
    const { files } = await generate({ input: file, packageName: "streamed", targets: ["client"] });
    const client = (await import(pathToFileURL(path.join(importableSources(files), "client.js")).href)) as {
      createStreamedWebhookSender(options: object): { watch(): Promise<AsyncIterable<{ data: string }>> };
    };
    const server = await served((_req, res) => res.writeHead(200, { "content-type": "text/event-stream" }).end("data: one\n\ndata: two\n\n"));
    const got: string[] = [];
    for await (const event of await client.createStreamedWebhookSender({ baseUrl: server.url }).watch()) got.push(event.data);
    expect(got).toEqual(["one", "two"]);
  });

  it("with `client: { validateResponses: true }`, checks the subscriber's reply as the client checks the API's (off when the caller says so)", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: Checked, version: "1" }
webhooks:
  ping:
    post:
      operationId: ping
      responses: { "200": { description: ack, content: { application/json: { schema: { type: object, required: [ok], properties: { ok: { type: boolean } } } } } } }
`);
    const { files } = await generate({ input: file, packageName: "checked", targets: ["client"], client: { validateResponses: true } });
    const client = (await import(pathToFileURL(path.join(importableSources(files), "client.js")).href)) as {
      createCheckedWebhookSender(options: object): { ping(): Promise<unknown> };
      ResponseValidationError: new (...args: never[]) => Error;
    };
    const server = await served((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":"yes"}'));
    const error = await client.createCheckedWebhookSender({ baseUrl: server.url }).ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ResponseValidationError);
    expect(await client.createCheckedWebhookSender({ baseUrl: server.url, validateResponses: undefined }).ping()).toEqual({ ok: "yes" });
  });

  it("retries a 503 (with nonIdempotent) whose page is not the JSON its documented `default` reply says", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: Retried, version: "1" }
webhooks:
  ping:
    post:
      operationId: ping
      responses:
        "204": { description: ok }
        default: { description: refused, content: { application/json: { schema: { type: object } } } }
`);
    const { files } = await generate({ input: file, packageName: "retried", targets: ["client"] });
    const client = (await import(pathToFileURL(path.join(importableSources(files), "client.js")).href)) as {
      createRetriedWebhookSender(options: object): { ping(): Promise<unknown> };
    };
    let calls = 0;
    // a load balancer's page while the subscriber restarts, then the subscriber
    const server = await served((_req, res) => void (calls++ ? res.writeHead(204).end() : res.writeHead(503, { "content-type": "text/html" }).end("<h1>503</h1>")));
    await client.createRetriedWebhookSender({ baseUrl: server.url, retry: { nonIdempotent: true, initialDelayMs: 1 } }).ping();
    expect(calls).toBe(2);
  });
});

type Validate = (v: unknown) => { ok: boolean; errors?: Array<{ path: string }> };

/** Generates `spec` (YAML text) in memory; its validators and server modules, imported. */
async function load(spec: string) {
  const file = path.join(tempDir(), "openapi.yaml");
  writeFileSync(file, spec);
  const { files } = await generate({ input: file, packageName: "hooks" });
  const dir = importableSources(files);
  return {
    validators: (await import(pathToFileURL(path.join(dir, "validators.js")).href)) as Record<string, Validate>,
    server: (await import(pathToFileURL(path.join(dir, "server.js")).href)) as {
      createWebhookHandler(handlers: object, options?: object): (request: Request) => Promise<Response>;
      toNodeListener: typeof toNodeListener;
    },
  };
}

describe("webhook keys in URLs", () => {
  it("match the key however the sender encodes it, a `/` in a key only as one encoded segment", async () => {
    const { server } = await load(`openapi: 3.1.0
info: { title: keys, version: "1" }
webhooks:
  "order:created": { post: { operationId: onCreated, responses: { "204": { description: ok } } } }
  "multi/part": { post: { operationId: onMulti, responses: { "204": { description: ok } } } }
  "café {id}": { post: { operationId: onCafe, responses: { "204": { description: ok } } } }
  "a b": { post: { operationId: onSpace, responses: { "204": { description: ok } } } }
  "a%20b": { post: { operationId: onEscape, responses: { "204": { description: ok } } } }
`);
    const got: string[] = [];
    const handler = server.createWebhookHandler({
      onCreated: () => (got.push("created"), { status: 204 }),
      onMulti: () => (got.push("multi"), { status: 204 }),
      onCafe: () => (got.push("cafe"), { status: 204 }),
      onSpace: () => (got.push("space"), { status: 204 }),
      onEscape: () => (got.push("escape"), { status: 204 }),
    });
    const listening = await served(server.toNodeListener(handler));
    const status = async (url: string) => (await raw(listening.port, "POST", url, {})).status;
    expect(await status("/order%3Acreated")).toBe(204); // encodeURIComponent's, the URL the README says to register
    expect(await status("/order:created")).toBe(204);
    expect(await status("/order%3acreated")).toBe(204);
    expect(await status("/multi%2Fpart")).toBe(204);
    expect(await status("/multi%2fpart")).toBe(204);
    expect(await status("/multi/part")).toBe(404);
    expect(await status("/caf%C3%A9%20%7Bid%7D")).toBe(204);
    expect(await status("/caf%c3%a9%20{id}")).toBe(204);
    expect(await status("/caf%C3%A9%20x")).toBe(404); // braces in a key are text, no parameter
    // two keys that percent-encode alike only once decoded: each at its own URL
    expect(await status("/a%20b")).toBe(204);
    expect(await status("/a%2520b")).toBe(204);
    expect(got).toEqual(["created", "created", "created", "multi", "multi", "cafe", "cafe", "space", "escape"]);
  });
});

describe("a webhook key with a bare '%'", () => {
  it("is bad input naming the key, for the types target (openapi-typescript decodes it: an internal error before)", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: pct, version: "1" }
webhooks:
  "100% sure":
    post:
      requestBody: { content: { application/json: { schema: { type: object }, examples: { one: { value: { "50%": 1 } } } } } }
      responses: { "204": { description: ok } }
`);
    const failed = await generate({ input: file, packageName: "pct" }).then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(SpecforgeError);
    expect((failed as SpecforgeError).diagnostics.map((d) => [d.code, d.location?.pointer, d.location?.line])).toEqual([["types/percent-in-key", "/webhooks/100% sure", 4]]);
  });
});

describe("readOnly and writeOnly in webhooks", () => {
  it("do not require an inline writeOnly property of the request the API sends (typed without it)", async () => {
    // no component has either keyword: the webhook's own schema is the only one that does
    const { validators } = await load(`openapi: 3.1.0
info: { title: rw, version: "1" }
webhooks:
  created:
    post:
      operationId: onCreated
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [id, secret, name]
              properties: { id: { type: string, readOnly: true }, secret: { type: string, writeOnly: true }, name: { type: string } }
      responses: { "204": { description: ok } }
`);
    expect(validators.validateOnCreatedRequest!({ id: "1", name: "n" })).toMatchObject({ ok: true });
    expect(validators.validateOnCreatedRequest!({ secret: "s", name: "n" }).errors).toEqual([expect.objectContaining({ path: "/id" })]);
  });

  it("accept a reply typed as its component as received (a writeOnly property left out), with validateResponses", async () => {
    const { validators, server } = await load(`openapi: 3.1.0
info: { title: rw, version: "1" }
webhooks:
  replied:
    post:
      operationId: onReplied
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Ack" } } } }
components:
  schemas:
    Ack:
      type: object
      required: [id, token]
      properties: { id: { type: string, readOnly: true }, token: { type: string, writeOnly: true } }
`);
    expect(validators.validateOnRepliedResponse200!({ id: "a" })).toMatchObject({ ok: true });
    const errors: unknown[] = [];
    const handler = server.createWebhookHandler({ onReplied: () => ({ status: 200, body: { id: "a" } }) }, { validateResponses: true, onError: (e: unknown) => void errors.push(e) });
    const listening = await served(server.toNodeListener(handler));
    const r = await raw(listening.port, "POST", "/replied", {});
    expect(errors).toEqual([]);
    expect(r.status).toBe(200);
    expect(json(r)).toEqual({ id: "a" });
  });
});
