/**
 * An `in: querystring` value's round trip from the generated client to the generated server with the
 * characters a query string treats specially (`&`, `=`, `%`, `+`, `#`, `?`, spaces, unicode): a form's
 * fields, a JSON value and a text value each arrive as they were sent. An empty form or text is read as
 * empty, told apart from no query string at all.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const open: Listening[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

const NASTY = ["a&b=c", "100%", "1+1 2", "#frag?x", "é ☃ 😀", "%2B%26", "=", "&", ""];

async function serve() {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const echo = (operationId: string, mediaType: string, schema: object) => ({
    operationId,
    parameters: [{ name: "q", in: "querystring", required: true, content: { [mediaType]: { schema } } }],
    responses: { "200": { description: "ok", content: { "application/json": {} } } },
  });
  const form = { type: "object", properties: { s: { type: "string" }, list: { type: "array", items: { type: "string" } } } };
  writeFileSync(spec, JSON.stringify({
    openapi: "3.2.0",
    info: { title: "qs", version: "1" },
    paths: {
      "/form": { get: echo("byForm", "application/x-www-form-urlencoded", form) },
      "/json": { get: echo("byJson", "application/json", { type: "object", additionalProperties: { type: "string" } }) },
      "/text": { get: echo("byText", "text/plain", { type: "string" }) },
    },
  }));
  const result = await generate({ input: spec, packageName: "qs-roundtrip" });
  const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const answer = ({ querystring }: { querystring: unknown }) => ({ status: 200, body: querystring });
  const s = await listen(mod.toNodeListener!(mod.createHandler!({ byForm: answer, byJson: answer, byText: answer }, {})) as never);
  open.push(s);
  return mod.createQsRoundtripClient!({ baseUrl: s.url, retry: false });
}

describe("in: querystring round trip with special characters", () => {
  it("form fields", async () => {
    const client = await serve();
    for (const s of NASTY.filter(Boolean)) {
      expect(await client.byForm({ querystring: { s, list: [s, "x"] } })).toEqual({ s, list: [s, "x"] });
    }
  });
  it("JSON keys and values", async () => {
    const client = await serve();
    const value = Object.fromEntries(NASTY.map((s, i) => [`${s}${i}`, s]));
    expect(await client.byJson({ querystring: value })).toEqual(value);
  });
  it("text", async () => {
    const client = await serve();
    for (const s of NASTY.filter(Boolean)) expect(await client.byText({ querystring: s })).toBe(s);
  });
});

/** Optional querystrings (a form with no required field, text), the form's operation optionally keyed by an API key in the query string. */
async function serveOptional() {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const echo = (operationId: string, mediaType: string, schema: object, security?: object[]) => ({
    operationId,
    ...(security ? { security } : {}),
    parameters: [{ name: "q", in: "querystring", content: { [mediaType]: { schema } } }],
    responses: { "200": { description: "ok", content: { "application/json": {} } } },
  });
  writeFileSync(spec, JSON.stringify({
    openapi: "3.2.0",
    info: { title: "qs", version: "1" },
    components: { securitySchemes: { key: { type: "apiKey", in: "query", name: "api_key" } } },
    paths: {
      "/form": { get: echo("byForm", "application/x-www-form-urlencoded", { type: "object", properties: { s: { type: "string" } } }, [{ key: [] }, {}]) },
      "/text": { get: echo("byText", "text/plain", { type: "string" }) },
      "/json": { get: echo("byJson", "application/json", { type: "object" }) },
    },
  }));
  const result = await generate({ input: spec, packageName: "qs-optional" });
  const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const answer = ({ querystring }: { querystring: unknown }) => ({ status: 200, body: { present: querystring !== undefined, value: querystring ?? null } });
  const handler = mod.createHandler!({ byForm: answer, byJson: answer, byText: answer }, { security: { key: (k: string) => k } });
  const s = await listen(mod.toNodeListener!(handler) as never);
  open.push(s);
  const client = (options?: object) => mod.createQsOptionalClient!({ baseUrl: s.url, retry: false, ...options });
  return { client, port: s.port, handler: handler as (r: Request) => Promise<Response> };
}

describe("an empty querystring is present; none at all is absent", () => {
  it("the server reads a bare `?` as an empty form or empty text, and no `?` as absent (node and Web requests)", async () => {
    const { port, handler } = await serveOptional();
    const absent = { present: false, value: null };
    expect(json(await raw(port, "GET", "/form?"))).toEqual({ present: true, value: {} });
    expect(json(await raw(port, "GET", "/form"))).toEqual(absent);
    expect(json(await raw(port, "GET", "/text?"))).toEqual({ present: true, value: "" });
    expect(json(await raw(port, "GET", "/text"))).toEqual(absent);
    // empty JSON text is no JSON value
    expect(json(await raw(port, "GET", "/json?"))).toEqual(absent);
    expect(await (await handler(new Request("http://x/form?"))).json()).toEqual({ present: true, value: {} });
    expect(await (await handler(new Request("http://x/form"))).json()).toEqual(absent);
    // an API key pair beside the value is not the value: alone it leaves none, after `&` an empty one
    expect(json(await raw(port, "GET", "/form?api_key=k"))).toEqual(absent);
    expect(json(await raw(port, "GET", "/form?&api_key=k"))).toEqual({ present: true, value: {} });
  });
  it("the client sends an empty form as `?&` (beside an API key too), empty text as a bare `?`, and nothing for none", async () => {
    const { client } = await serveOptional();
    expect(await client().byForm({ querystring: {} })).toEqual({ present: true, value: {} });
    expect(await client().byForm({})).toEqual({ present: false, value: null });
    expect(await client({ auth: { key: "k" } }).byForm({ querystring: {} })).toEqual({ present: true, value: {} });
    expect(await client({ auth: { key: "k" } }).byForm({ querystring: { s: "a" } })).toEqual({ present: true, value: { s: "a" } });
    expect(await client({ auth: { key: "k" } }).byForm()).toEqual({ present: false, value: null });
    // Node's fetch (undici) drops a bare `?` from the wire, so empty text is checked in the URL the client builds
    const urls: string[] = [];
    const { client: hooked } = await serveOptional();
    const seen = hooked({ hooks: [{ onRequest: (req: { url: string }) => void urls.push(req.url) }] });
    await seen.byText({ querystring: "" });
    await seen.byText();
    expect(urls.map((u) => u.slice(u.indexOf("/text")))).toEqual(["/text?", "/text"]);
  });
});
