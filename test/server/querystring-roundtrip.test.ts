/**
 * An `in: querystring` value's round trip from the generated client to the generated server with the
 * characters a query string treats specially (`&`, `=`, `%`, `+`, `#`, `?`, spaces, unicode): a form's
 * fields, a JSON value and a text value each arrive as they were sent.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "./helpers.js";

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
