/**
 * Schema `default`s filled into requests before validation, as Fastify (ajv's `useDefaults`) does: what a
 * handler receives over 127.0.0.1 when the client leaves defaulted parameters and properties out, where
 * defaults are not filled (inside `oneOf`, readOnly properties of a client's request, writeOnly ones of the
 * API's webhook), and the handler types that say the filled properties are there.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", properties, ...extra });
const echo = { "200": { description: "what the handler received", content: { "application/json": { schema: { type: "object" } } } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "Shop", version: "1" },
  paths: {
    "/items": {
      get: {
        operationId: "listItems",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", default: 20 } },
          { name: "sort", in: "query", schema: { type: "string", enum: ["name", "date"], default: "name" } },
          { name: "q", in: "query", schema: { type: "string" } },
          { name: "X-Trace", in: "header", schema: { type: "string", default: "none" } },
          { name: "lang", in: "cookie", schema: { type: "string", default: "en" } },
        ],
        responses: echo,
      },
      post: {
        operationId: "createItem",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
        responses: echo,
      },
    },
    "/chains": {
      post: {
        operationId: "createChain",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Chain" } } } },
        responses: echo,
      },
    },
    "/forms": {
      post: {
        operationId: "submitForm",
        requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: object({ size: { type: "integer", default: 3 }, note: { type: "string" } }) } } },
        responses: echo,
      },
    },
  },
  webhooks: {
    itemCreated: {
      post: {
        operationId: "onItemCreated",
        requestBody: { required: true, content: { "application/json": { schema: object({
          seen: { type: "boolean", default: false },
          id: { type: "string", readOnly: true, default: "r-1" },
          secret: { type: "string", writeOnly: true, default: "s" },
        }) } } },
        responses: { "204": { description: "received" } },
      },
    },
  },
  components: {
    schemas: {
      Base: object({ version: { type: "integer", default: 1 } }),
      Item: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          object({
            name: { type: "string" },
            qty: { type: "integer", default: 1 },
            tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
            meta: object({ color: { type: "string", default: "red" } }),
            opts: { type: "object", default: { a: [1] } },
            settings: { type: "object", additionalProperties: { $ref: "#/components/schemas/Setting" } },
            tree: { $ref: "#/components/schemas/Node" },
            status: { $ref: "#/components/schemas/Status" },
            id: { type: "string", readOnly: true, default: "x" },
            choice: { oneOf: [object({ k: { type: "string", default: "no" } }, { required: ["k0"] }), { type: "string" }] },
            "x-proto": { type: "object", default: { polluted: true } },
            // a 3.1 `$ref` with siblings: both apply
            sib: { $ref: "#/components/schemas/Setting", properties: { level: { type: "integer", default: 2 } } },
          }, { required: ["name"] }),
        ],
      },
      Tag: object({ label: { type: "string" }, weight: { type: "number", default: 0.5 } }),
      Setting: object({ on: { type: "boolean", default: false } }),
      Node: object({ value: { type: "integer", default: 0 }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } }),
      Status: { type: "string", enum: ["active", "paused"], default: "active" },
      // its default holds itself: filled once, as written, not again inside
      Chain: object({ v: { type: "integer", default: 0 }, next: { $ref: "#/components/schemas/Chain", default: {} } }),
    },
  },
};

let files: Array<{ path: string; contents: string }>;
let server: Listening | undefined;
let receiver: Listening | undefined;
const received: unknown[] = [];
let mutated = false;

beforeAll(async () => {
  const dir = tempDir("specforge-defaults-");
  const input = path.join(dir, "openapi.json");
  // `__proto__` written as an own key of the spec, as JSON.parse reads it from a file
  writeFileSync(input, JSON.stringify(spec).replace('"x-proto"', '"__proto__"'));
  ({ files } = await generate({ input, packageName: "shop" }));
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => unknown>;
  const reply = (body: unknown) => ({ status: 200, body });
  const handler = mod.createHandler!({
    listItems: ({ query, headers, cookies }: Record<string, unknown>) => reply({ query, headers, cookies }),
    createItem: ({ body }: { body: Record<string, unknown> }) => {
      const out = reply(JSON.parse(JSON.stringify(body)));
      // a handler that changes the default it got must not change the next request's
      if (!mutated) (body.opts as { a: number[] }).a.push(2);
      mutated = true;
      return out;
    },
    submitForm: ({ body }: Record<string, unknown>) => reply(body),
    createChain: ({ body }: Record<string, unknown>) => reply(body),
  });
  server = await listen(mod.toNodeListener!(handler) as never);
  const webhooks = mod.createWebhookHandler!({ onItemCreated: ({ body }: Record<string, unknown>) => (received.push(body), { status: 204 }) });
  receiver = await listen(mod.toNodeListener!(webhooks) as never);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const post = (at: Listening, url: string, body: unknown, type = "application/json") =>
  raw(at.port, "POST", url, { "content-type": type }, typeof body === "string" ? body : JSON.stringify(body));

describe("the server fills defaults before validation", () => {
  it("query, header and cookie parameters left out get their defaults; those sent are kept (coerced)", async () => {
    const none = await raw(server!.port, "GET", "/items");
    expect(none.status).toBe(200);
    expect(json(none)).toEqual({ query: { limit: 20, sort: "name" }, headers: { "X-Trace": "none" }, cookies: { lang: "en" } });
    const sent = await raw(server!.port, "GET", "/items?limit=5&q=hat", { "x-trace": "t-1", cookie: "lang=fr" });
    expect(json(sent)).toEqual({ query: { limit: 5, sort: "name", q: "hat" }, headers: { "X-Trace": "t-1" }, cookies: { lang: "fr" } });
    // a default is no licence for a bad value: what was sent is validated
    expect((await raw(server!.port, "GET", "/items?sort=size")).status).toBe(400);
  });

  it("a JSON body gets its defaults through $ref, allOf, nested objects, items, additionalProperties and a recursive schema", async () => {
    const r = await post(server!, "/items", {
      name: "hat",
      tags: [{ label: "a" }, { label: "b", weight: 2 }],
      meta: {},
      settings: { dark: {}, sound: { on: true } },
      tree: { children: [{ children: [{ value: 7 }] }] },
      choice: { k0: "x" },
      sib: {},
    });
    expect(r.status).toBe(200);
    const body = json(r);
    // read by JSON.parse, an own property (the next test says more)
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    delete body["__proto__"];
    expect(body).toEqual({
      name: "hat",
      version: 1,
      qty: 1,
      tags: [{ label: "a", weight: 0.5 }, { label: "b", weight: 2 }],
      meta: { color: "red" },
      opts: { a: [1] },
      settings: { dark: { on: false }, sound: { on: true } },
      tree: { value: 0, children: [{ value: 0, children: [{ value: 7 }] }] },
      status: "active",
      // inside a oneOf nothing is filled (which branch holds is not known before validation)
      choice: { k0: "x" },
      sib: { on: false, level: 2 },
    });
    // readOnly: a client does not send it, so the server does not make it up
    expect(body).not.toHaveProperty("id");
    // an object default is a fresh copy per request: the first handler's push did not reach this one
    expect(json(await post(server!, "/items", { name: "cap" })).opts).toEqual({ a: [1] });
  });

  it("a `__proto__` property's default is an own property of the body, and no object's prototype changes", async () => {
    const r = await post(server!, "/items", { name: "hat" });
    expect(r.body).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a default is used as written: a recursive schema whose default holds itself is filled once", async () => {
    const r = await post(server!, "/chains", {});
    expect([r.status, json(r)]).toEqual([200, { v: 0, next: {} }]);
    expect(json(await post(server!, "/chains", { next: { next: {} } }))).toEqual({ v: 0, next: { v: 0, next: { v: 0, next: {} } } });
  });

  it("a form body's fields get their defaults", async () => {
    expect(json(await post(server!, "/forms", "note=hi", "application/x-www-form-urlencoded"))).toEqual({ note: "hi", size: 3 });
  });

  it("a webhook receiver fills what the API sends (readOnly too), never writeOnly properties", async () => {
    const r = await post(receiver!, "/itemCreated", {});
    expect(r.status).toBe(204);
    expect(received.at(-1)).toEqual({ seen: false, id: "r-1" });
  });
});

it("handler types: filled parameters and top-level body properties are there, the rest stays optional", () => {
  const out = tempDir("specforge-defaults-types-");
  const result = typecheckConsumer(out, files, [
    'import type { ShopHandlers } from "./server.js";',
    "export const handlers: Pick<ShopHandlers, \"listItems\" | \"createItem\" | \"submitForm\"> = {",
    "  listItems({ query, headers, cookies }) {",
    "    const limit: number = query.limit;",
    '    const sort: "name" | "date" = query.sort;',
    '    const trace: string = headers["X-Trace"];',
    "    const lang: string = cookies.lang;",
    "    // @ts-expect-error q has no default: it may be absent",
    "    const q: string = query.q;",
    "    return { status: 200, body: { limit, sort, trace, lang, q } };",
    "  },",
    "  createItem({ body }) {",
    "    const qty: number = body.qty;",
    "    const version: number = body.version;",
    "    // @ts-expect-error tags has no default",
    "    const tags: unknown[] = body.tags;",
    "    return { status: 200, body: { qty, version, tags } };",
    "  },",
    "  submitForm({ body }) {",
    "    const size: number = body.size;",
    "    return { status: 200, body: { size } };",
    "  },",
    "};",
  ]);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 120_000);
