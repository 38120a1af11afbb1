/**
 * Shapes real specs have (found running APIs.guru's specs end to end), each in a minimal spec of its own:
 * the generated client calls its generated mock over 127.0.0.1 with `validateResponses` on both sides,
 * and every call is answered as documented, with nothing reported to `onError`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "./helpers.js";

type Call = (input?: unknown) => Promise<unknown>;
interface Generated {
  client: Record<string, Call>;
  errors: string[];
  warnings: string[];
  /** The parameters each handler was called with, in order. */
  inputs: unknown[];
  url: string;
}

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Generates every target of `paths` (and `components`), serves its mock and makes its client. */
async function roundTrip(paths: object, components: object = {}, openapi = "3.0.3"): Promise<Generated> {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  writeFileSync(spec, JSON.stringify({ openapi, info: { title: "round trip", version: "1" }, paths, components }));
  const result = await generate({ input: spec, packageName: "round-trip" });
  const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "index.js")).href)) as Record<string, (...a: unknown[]) => unknown>;
  const errors: string[] = [];
  const inputs: unknown[] = [];
  const mock = mod.createMockHandlers!() as Record<string, (input: { path?: unknown; query?: unknown; headers?: unknown }) => unknown>;
  const handlers = Object.fromEntries(Object.entries(mock).map(([name, h]) => [name, (input: { path?: unknown; query?: unknown; headers?: unknown }) => {
    inputs.push({ path: input.path, query: input.query, headers: input.headers });
    return h(input);
  }]));
  const handler = mod.createHandler!(handlers, { security: mod.mockSecurity, validateResponses: true, onError: (e: unknown) => errors.push(String(e)) });
  const server = await listen(mod.toNodeListener!(handler) as never);
  open.push(server);
  const client = mod.createRoundTripClient!({ baseUrl: server.url, validateResponses: mod.responseValidators, retry: false }) as Record<string, Call>;
  return { client, errors, inputs, url: server.url, warnings: result.warnings.map((w) => `${w.code}: ${w.message}`) };
}

describe("generated client against generated mock", () => {
  it("a 204 (or HEAD) response documenting content: no body on the wire, none read, one warning each", async () => {
    const thing = { content: { "application/json": { schema: { type: "object", required: ["id"], properties: { id: { type: "string" } } } } } };
    const { client, errors, warnings } = await roundTrip({
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        delete: { operationId: "deleteThing", responses: { "204": { description: "deleted", ...thing } } },
        head: { operationId: "headThing", responses: { "200": { description: "exists", ...thing } } },
        get: { operationId: "getThing", responses: { "200": { description: "the thing", ...thing } } },
      },
    });
    expect(await client.deleteThing!({ path: { id: "a" } })).toBeUndefined();
    expect(await client.headThing!({ path: { id: "a" } })).toBeUndefined();
    expect(await client.getThing!({ path: { id: "a" } })).toEqual({ id: "string" });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      "ir/null-body-content: a 204 response has no body in HTTP, but its content is documented: it is read and answered as no body",
      "ir/null-body-content: a HEAD request's response has no body in HTTP, but its content is documented: it is read and answered as no body",
    ]);
  });

  it("strings with a pattern: the mock's synthesized answer matches it", async () => {
    const amount = { type: "object", required: ["currency", "amount", "id"], properties: {
      currency: { type: "string", pattern: "^[A-Z]{3}$" },
      amount: { type: "string", pattern: "^\\d{1,13}$|^\\d{1,13}[.,]\\d{1,5}$" },
      id: { type: "string", pattern: "^se(-[a-z0-9]+)+$", minLength: 6 },
    } };
    const { client, errors } = await roundTrip({
      "/balance": { get: { operationId: "getBalance", responses: { "200": { description: "ok", content: { "application/json": { schema: amount } } } } } },
    });
    expect(await client.getBalance!()).toEqual({ currency: "AAA", amount: "0", id: "se-axx" });
    expect(errors).toEqual([]);
  });

  it("objects and arrays inside an array or object parameter travel as JSON text, parsed where the schema nests them", async () => {
    const tag = { type: "object", required: ["Key"], properties: { Key: { type: "string" }, Value: { type: "string" } } };
    const attributes = { type: "object", properties: { Zone: { type: "object", properties: { Enabled: { type: "boolean" } } }, Note: { type: "string" }, Ids: { type: "array", items: { type: "integer" } } } };
    const { client, errors, inputs } = await roundTrip({
      "/tags/{ids}": {
        post: {
          operationId: "addTags",
          parameters: [
            { name: "ids", in: "path", required: true, schema: { type: "array", items: { type: "array", items: { type: "integer" } } } },
            { name: "Tags", in: "query", required: true, schema: { type: "array", items: tag } },
            { name: "Attributes", in: "query", schema: attributes },
            { name: "Plain", in: "query", schema: { type: "object", properties: { Note: { type: "string" } } }, style: "form", explode: false },
            { name: "x-tags", in: "header", schema: { type: "array", items: tag } },
          ],
          responses: { "204": { description: "tagged" } },
        },
      },
    });
    const input = {
      path: { ids: [[1, 2], [3]] },
      query: { Tags: [{ Key: "a", Value: "{x" }, { Key: "[b]" }], Attributes: { Zone: { Enabled: true }, Note: "[not json", Ids: [1, 2] }, Plain: { Note: "{}" } },
      headers: { "x-tags": [{ Key: "h" }] },
    };
    await expect(client.addTags!(input)).resolves.toBeUndefined();
    expect(inputs).toEqual([input]);
    expect(errors).toEqual([]);
  });

  it("a concrete path without the method leaves the call to the templated path that has it", async () => {
    const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { v: { type: "integer" } } } } } } };
    const { client, errors, inputs, url } = await roundTrip({
      "/things/mine/{id}": { delete: { operationId: "deleteMine", parameters: [id], responses: { "204": { description: "gone" } } } },
      "/things/{owner}/{id}": { get: { operationId: "getThing", parameters: [{ ...id, name: "owner" }, id], responses: ok } },
    });
    expect(await client.getThing!({ path: { owner: "mine", id: "x" } })).toEqual({ v: 1 });
    await client.deleteMine!({ path: { id: "x" } });
    expect(inputs).toEqual([{ path: { owner: "mine", id: "x" } }, { path: { id: "x" } }]);
    const put = await fetch(`${url}/things/mine/x`, { method: "PUT" });
    // Allow names every method the URL is served with: the concrete path's and the templated path's
    expect([put.status, put.headers.get("allow")]).toEqual([405, "DELETE, GET, HEAD"]);
    expect((await fetch(`${url}/things/mine/x`, { method: "HEAD" })).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it("an example contradicting its schema: a 500, and onError says it is the spec's example", async () => {
    const schema = { type: "object", required: ["id"], properties: { id: { type: "string" } } };
    const { client, errors } = await roundTrip({
      "/a": { get: { operationId: "getA", responses: { "200": { description: "ok", content: { "application/json": { schema, examples: { stale: { value: { id: 7 } } } } } } } } },
      "/b": { get: { operationId: "getB", responses: { "200": { description: "ok", content: { "application/json": { schema, example: { id: 7 } } } } } } },
    });
    await expect(client.getA!()).rejects.toMatchObject({ status: 500 });
    await expect(client.getB!()).rejects.toMatchObject({ status: 500 });
    expect(errors).toEqual([
      `Error: getA replied a body that does not match status 200 (the spec's example "stale" of status 200, which contradicts the schema: correct the example): /id must be string`,
      `Error: getB replied a body that does not match status 200 (the spec's example "default" of status 200, which contradicts the schema: correct the example): /id must be string`,
    ]);
  });

  it("a map with minProperties: the mock's synthesized answer has as many entries", async () => {
    const tags = { type: "object", minProperties: 2, additionalProperties: { type: "string", pattern: "^v" } };
    const { client, errors } = await roundTrip({
      "/tags": { get: { operationId: "getTags", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", required: ["tags"], properties: { tags } } } } } } } },
    });
    expect(await client.getTags!()).toEqual({ tags: { key1: "v", key2: "v" } });
    expect(errors).toEqual([]);
  });

  it("header parameters named Accept or Content-Type are ignored, as OpenAPI says, with a warning each", async () => {
    const zip = { name: "Content-Type", in: "header", required: true, schema: { type: "string", enum: ["application/zip"] } };
    const { client, errors, inputs, warnings } = await roundTrip({
      "/packages/{id}": {
        put: {
          operationId: "putPackage",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, zip, { name: "accept", in: "header", schema: { type: "string" } }, { name: "X-Trace", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } } } },
          responses: { "204": { description: "stored" } },
        },
      },
    });
    await client.putPackage!({ path: { id: "p" }, headers: { "X-Trace": "t" }, body: { n: 1 } });
    expect(inputs).toEqual([{ path: { id: "p" }, headers: { "X-Trace": "t" } }]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      "ir/ignored-header-parameter: header parameter 'Content-Type' is ignored, as OpenAPI says: the request body's media types decide it",
      "ir/ignored-header-parameter: header parameter 'accept' is ignored, as OpenAPI says: the responses' media types decide it",
    ]);
  });

  it("a header parameter named Content-Length (Azure Monitor's metrics) is left to fetch, which frames the body, with a warning", async () => {
    const { client, errors, inputs, warnings } = await roundTrip({
      "/metrics": {
        post: {
          operationId: "createMetrics",
          parameters: [{ name: "Content-Length", in: "header", required: true, schema: { type: "integer" } }, { name: "X-Trace", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { n: { type: "integer" } } } } } },
          responses: { "204": { description: "stored" } },
        },
      },
    });
    await expect(client.createMetrics!({ headers: { "X-Trace": "t" }, body: { n: 12 } })).resolves.toBeUndefined();
    expect(inputs).toEqual([{ headers: { "X-Trace": "t" } }]);
    expect(errors).toEqual([]);
    expect(warnings).toEqual(["ir/ignored-header-parameter: header parameter 'Content-Length' is ignored: fetch writes it from the body it sends, and any other value breaks the request"]);
  });

  it("a required list whose schema allows none: the mock's example input and answer hold one item", async () => {
    const keys = { type: "array", items: { type: "string" }, minItems: 0, maxItems: 5 };
    const { client, errors } = await roundTrip({
      "/keys": { get: { operationId: "getKeys", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", required: ["keys"], properties: { keys, none: { ...keys, maxItems: 0 } } } } } } } } },
    });
    expect(await client.getKeys!()).toEqual({ keys: ["string"], none: [] });
    expect(errors).toEqual([]);
  });

  it("a required property declared only in an allOf part: the mock's answer makes it from that declaration", async () => {
    const base = { type: "object", required: ["type"], properties: { type: { type: "string", enum: ["user"] }, id: { type: "string" } } };
    const mini = { type: "object", required: ["name", "login"], allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { login: { type: "string", format: "email" }, name: { type: "string", maxLength: 3 } } }] };
    const { client, errors } = await roundTrip({
      "/me": { get: { operationId: "getMe", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Mini" } } } } } } },
    }, { schemas: { Base: base, Mini: mini } });
    expect(await client.getMe!()).toEqual({ type: "user", id: "string", login: "user@example.com", name: "str" });
    expect(errors).toEqual([]);
  });

  it("a property one allOf part requires and another declares, deep in the answer: made from the declaration", async () => {
    const paging = { type: "object", required: ["items", "total"], properties: { total: { type: "integer" } } };
    const tracks = { allOf: [{ $ref: "#/components/schemas/Paging" }, { type: "object", properties: { items: { type: "array", items: { type: "string" } } } }] };
    // deep enough that optional properties are left out (depth > 3)
    const nest = (schema: object, n: number): object => (n === 0 ? schema : { type: "object", required: ["x"], properties: { x: nest(schema, n - 1) } });
    const { client, errors } = await roundTrip({
      "/albums": { get: { operationId: "getAlbums", responses: { "200": { description: "ok", content: { "application/json": { schema: nest({ $ref: "#/components/schemas/Tracks" }, 4) } } } } } },
    }, { schemas: { Paging: paging, Tracks: tracks } });
    expect(await client.getAlbums!()).toEqual({ x: { x: { x: { x: { items: [], total: 1 } } } } });
    expect(errors).toEqual([]);
  });

  it("a request body documented for GET (Stripe's empty form): ignored with a warning, and the call is sent", async () => {
    const form = { content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { expand: { type: "array", items: { type: "string" } } } } } } };
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } } };
    const { client, errors, warnings } = await roundTrip({
      "/plans": { get: { operationId: "getPlans", requestBody: form, responses: ok }, post: { operationId: "postPlans", requestBody: form, responses: ok } },
    });
    expect(await client.getPlans!({})).toEqual({ id: "string" });
    // a body passed anyway (as the types before offered) is not sent: fetch would refuse the request
    expect(await client.getPlans!({ body: { expand: ["a"] } })).toEqual({ id: "string" });
    expect(await client.postPlans!({ body: { expand: ["a"] } })).toEqual({ id: "string" });
    expect(errors).toEqual([]);
    expect(warnings).toEqual(["ir/ignored-request-body: a GET request's body is ignored: fetch cannot send one, and OpenAPI gives it no meaning"]);
  });

  it("an operation that documents no response (OpenAPI 3.1): the mock answers 204, and a handler's 2xx is no undocumented reply", async () => {
    const { client, errors } = await roundTrip({
      "/ping": { get: { operationId: "ping", parameters: [{ name: "n", in: "query", schema: { type: "integer" } }] } },
    }, {}, "3.1.0");
    // the mock's 204 has no body (RFC 9110): undefined, as any 204's data (39d74140; the empty text before)
    expect(await client.ping!({ query: { n: 1 } })).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("a parameter whose oneOf branches all read the text (integer or string): the first that fits gives its value", async () => {
    const id = { oneOf: [{ type: "integer" }, { type: "string", format: "uuid" }] };
    const { client, errors, inputs } = await roundTrip({
      "/items/{id}": {
        delete: {
          operationId: "deleteItem",
          parameters: [{ name: "id", in: "path", required: true, schema: id }, { name: "flag", in: "query", schema: { oneOf: [{ type: "boolean" }, { type: "integer" }] } }],
          responses: { "204": { description: "gone" } },
        },
      },
    });
    await client.deleteItem!({ path: { id: 1 }, query: { flag: true } });
    await client.deleteItem!({ path: { id: "8cbb43fe-4cdf-4991-8352-c461779cec02" } });
    await expect(client.deleteItem!({ path: { id: "nope" } })).rejects.toMatchObject({ status: 400 });
    expect(inputs).toEqual([{ path: { id: 1 }, query: { flag: true } }, { path: { id: "8cbb43fe-4cdf-4991-8352-c461779cec02" }, query: {} }]);
    expect(errors).toEqual([]);
  });

  it("a oneOf with a discriminator: the tag names the branch that judges the value (overlapping branches matched several)", async () => {
    const option = (n: string, type: string) => ({ type: "object", required: ["discrim"], properties: { discrim: { type: "string" }, [n]: { type } } });
    const body = { oneOf: [{ $ref: "#/components/schemas/One" }, { $ref: "#/components/schemas/Two" }], discriminator: { propertyName: "discrim", mapping: { "Option One": "#/components/schemas/One" } } };
    const { client, errors, url } = await roundTrip({
      "/options": {
        patch: {
          operationId: "patchOption",
          requestBody: { required: true, content: { "application/json": { schema: body } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: body } } } },
        },
      },
    }, { schemas: { One: option("optionone", "number"), Two: option("optiontwo", "string") } });
    // the mock's answer names its branch by the mapping
    expect(await client.patchOption!({ body: { discrim: "Option One", optionone: 1 } })).toEqual({ discrim: "Option One", optionone: 1 });
    expect(await client.patchOption!({ body: { discrim: "Two", optiontwo: "x" } })).toEqual({ discrim: "Option One", optionone: 1 });
    const send = (value: unknown) => fetch(`${url}/options`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
    // the branch the tag names judges it, even where another branch would take it
    expect((await send({ discrim: "Option One", optionone: "not a number" })).status).toBe(400);
    // a tag naming no branch: the oneOf as JSON Schema reads it
    expect((await send({ discrim: "other", optionone: 1 })).status).toBe(400);
    expect(errors).toEqual([]);
  });

  it("a oneOf whose first branch's value fits another too: the mock answers from the first branch whose value fits it alone", async () => {
    // A refund fits Note too (Note requires nothing and is open): as the first branch's value, the answer
    // matched two branches and the mock's own response validation made it a 500.
    const refund = { type: "object", required: ["refundId"], properties: { refundId: { type: "string" } } };
    const note = { type: "object", properties: { note: { type: "string" }, at: { type: "string", format: "date-time" } } };
    const outcome = { oneOf: [{ $ref: "#/components/schemas/Refund" }, { $ref: "#/components/schemas/Note" }] };
    // Overlapping either way (a number's value 1 is an integer): no branch fits alone, the first stays.
    const amount = { oneOf: [{ type: "number" }, { type: "integer" }] };
    const { client, errors } = await roundTrip({
      "/outcome": { get: { operationId: "getOutcome", responses: { "200": { description: "ok", content: { "application/json": { schema: outcome } } } } } },
      "/amount": { get: { operationId: "getAmount", responses: { "200": { description: "ok", content: { "application/json": { schema: amount } } } } } },
    }, { schemas: { Refund: refund, Note: note } });
    expect(await client.getOutcome!()).toEqual({ note: "string", at: "2024-01-15T09:30:00Z" });
    expect(errors).toEqual([]);
    await expect(client.getAmount!()).rejects.toMatchObject({ status: 500 });
    expect(errors).toEqual([expect.stringMatching(/^Error: getAmount replied a body that does not match status 200 \(data the mock made from the schema/)]);
  });

  it("a urlencoded form's object fields travel as JSON text without an encoding (metadata, items), in bracket notation where it says deepObject (settings), and are read back", async () => {
    const form = { type: "object", properties: {
      settings: { type: "object", properties: { mode: { type: "string" } } },
      metadata: { type: "object", additionalProperties: { type: "string" } },
      items: { type: "array", items: { type: "object", properties: { n: { type: "integer" } } } },
      note: { type: "string" },
    } };
    const { client, errors } = await roundTrip({
      "/balance": {
        post: {
          operationId: "postBalance",
          requestBody: { content: { "application/x-www-form-urlencoded": { schema: form, encoding: { settings: { style: "deepObject", explode: true } } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { ok: { type: "boolean" } } } } } } },
        },
      },
    });
    await expect(client.postBalance!({ body: { settings: { mode: "auto" }, metadata: { a: "{b}" }, items: [{ n: 1 }], note: "{not json" } })).resolves.toEqual({ ok: true });
    expect(errors).toEqual([]);
  });

  it("a form body whose schema is a string (the form's encoded text) is sent and read as that text", async () => {
    const { client, errors } = await roundTrip({
      "/detect": {
        post: {
          operationId: "detect",
          requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { type: "string", pattern: "^text=" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { n: { type: "integer" } } } } } } },
        },
      },
    });
    expect(await client.detect!({ body: "text=I+like+tacos" })).toEqual({ n: 1 });
    expect(errors).toEqual([]);
  });
  it("a parameter whose untyped enum lists booleans and numbers (Nexmo's `delivered`) reads its text as those values", async () => {
    const { client, errors, inputs } = await roundTrip({
      "/sms": {
        post: {
          operationId: "smsConversion",
          parameters: [
            { name: "delivered", in: "query", required: true, schema: { enum: [true, false, 0, 1] } },
            { name: "ratio", in: "query", schema: { enum: [0.5, null] } },
            { name: "x-mode", in: "header", schema: { const: 2 } },
          ],
          responses: { "204": { description: "noted" } },
        },
      },
    }, {}, "3.1.0");
    await expect(client.smsConversion!({ query: { delivered: true, ratio: 0.5 }, headers: { "x-mode": 2 } })).resolves.toBeUndefined();
    await expect(client.smsConversion!({ query: { delivered: 1 } })).resolves.toBeUndefined();
    await expect(client.smsConversion!({ query: { delivered: "yes" } })).rejects.toMatchObject({ status: 400 });
    expect(inputs).toEqual([{ query: { delivered: true, ratio: 0.5 }, headers: { "x-mode": 2 } }, { query: { delivered: 1 }, headers: {} }]);
    expect(errors).toEqual([]);
  });
  it("an empty query value (`?level=`) reads as null wherever the schema takes null and not the empty text", async () => {
    const { client, errors, inputs, url } = await roundTrip({
      "/levels": {
        get: {
          operationId: "getLevels",
          parameters: [
            // an untyped enum is read by the types of its values (integer, null), as `type: [integer, "null"]` is
            { name: "level", in: "query", schema: { enum: [1, null] } },
            { name: "count", in: "query", schema: { type: ["integer", "null"] } },
            { name: "flag", in: "query", schema: { type: ["boolean", "null"] } },
            // a string takes the empty text: it stays ""
            { name: "note", in: "query", schema: { type: ["string", "null"] } },
          ],
          responses: { "204": { description: "noted" } },
        },
      },
    }, {}, "3.1.0");
    // the client leaves a null out, as openapi-fetch does: the empty values come from other clients (a form's empty field)
    expect((await fetch(`${url}/levels?level=&count=&flag=&note=`)).status).toBe(204);
    expect(inputs.pop()).toMatchObject({ query: { level: null, count: null, flag: null, note: "" } });
    await expect(client.getLevels!({ query: { level: 1 } })).resolves.toBeUndefined();
    expect(inputs.pop()).toMatchObject({ query: { level: 1 } });
    const refused = await fetch(`${url}/levels?level=2`);
    expect([refused.status, ((await refused.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)]).toEqual([400, ["/query/level"]]);
    expect(errors).toEqual([]);
  });
  it("an optional property whose schema is false (Codat's `properties: { additionalProperties: false }`) is left out of the mock's data", async () => {
    const connection = { type: "object", properties: { id: { type: "string" }, additionalProperties: false, gone: { $ref: "#/components/schemas/Never" } } };
    const { client, errors } = await roundTrip({
      "/connections": { post: { operationId: "createConnection", responses: { "200": { description: "ok", content: { "application/json": { schema: connection } } } } } },
    }, { schemas: { Never: false } }, "3.1.0");
    expect(await client.createConnection!()).toEqual({ id: "string" });
    expect(errors).toEqual([]);
  });
  it("a schema's example breaking its uri-reference format (Codat's `/companies/{id}/data`) gives way to made data in the mock's answer", async () => {
    const href = { type: "object", required: ["href"], properties: { href: { type: "string", format: "uri-reference" } } };
    const links = { type: "object", required: ["self"], properties: { self: href }, examples: [{ self: { href: "/companies/{id}/data" } }] };
    const { client, errors } = await roundTrip({
      "/orders": { get: { operationId: "listOrders", responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", required: ["_links"], properties: { _links: links } } } } } } } },
    }, {}, "3.1.0");
    expect(await client.listOrders!()).toEqual({ _links: { self: { href: "/example" } } });
    expect(errors).toEqual([]);
  });
});
