/**
 * Text request bodies are validated where their schema takes a string (`maxLength`, `pattern`), as JSON
 * bodies are, each media type by its own schema whichever is preferred: a 400 problem with the pointer;
 * bytes are handed over as they came. Over 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const echo = { "200": { description: "what the handler got", content: { "application/json": { schema: { type: "object" } } } } };
const body = (content: Record<string, unknown>) => ({ requestBody: { required: true, content }, responses: echo });
const spec = {
  openapi: "3.1.0",
  info: { title: "Texts", version: "1" },
  paths: {
    "/note": { post: { operationId: "postNote", ...body({ "text/plain": { schema: { type: "string", maxLength: 5, pattern: "^[a-z]+$" } } }) } },
    "/count": { post: { operationId: "postCount", ...body({ "text/plain": { schema: { type: "integer" } } }) } },
    "/xml": { post: { operationId: "postXml", ...body({ "text/xml": { schema: { allOf: [{ type: "object", properties: { id: { type: "string" } } }] } } }) } },
    "/either": { post: { operationId: "postEither", ...body({ "application/json": { schema: { type: "object" } }, "text/plain": { schema: { type: "string", maxLength: 4 } } }) } },
    "/texts": {
      post: {
        operationId: "postTexts",
        ...body({
          "application/json": { schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } },
          "text/plain": { schema: { type: "string", maxLength: 3 } },
          "text/csv": { schema: { type: "string", pattern: "^[a-z,]+$" } },
          "text/markdown": { schema: { type: "string", maxLength: 3 } },
          "text/html": { schema: { type: "integer" } },
        }),
      },
    },
    // `*/*` listed first: a media type under a narrower range is still read by the narrower one's schema
    "/ranges": { post: { operationId: "postRanges", ...body({ "*/*": { schema: { type: "string", maxLength: 10 } }, "text/*": { schema: { type: "string", maxLength: 3 } } }) } },
    "/blob": { post: { operationId: "postBlob", ...body({ "application/octet-stream": { schema: { type: "string", maxLength: 2 } } }) } },
  },
};

let server: Listening | undefined;
let behindExpress: Listening | undefined;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-text-bodies-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "texts" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => unknown>;
  const got = ({ body: b }: { body: unknown }) => ({ status: 200, body: { got: b instanceof Uint8Array ? `${b.length} bytes` : b } });
  const handlers = { postNote: got, postCount: got, postBlob: got, postXml: got, postEither: got, postTexts: got, postRanges: got };
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers)) as never);
  // behind express.text(), which decodes by the charset before the handler reads it
  const app = express();
  app.use(express.text({ type: "*/*" }), mod.toExpressMiddleware!(mod.createHandler!(handlers)) as never);
  behindExpress = await listen(app);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await behindExpress?.close();
});

const post = (url: string, type: string, text: string) => raw(server!.port, "POST", url, { "content-type": type }, text);

it("a text body its string schema refuses is a 400 with the pointer and every issue; one it takes reaches the handler", async () => {
  expect(json(await post("/note", "text/plain", "abc"))).toEqual({ got: "abc" });
  const bad = await post("/note", "text/plain; charset=utf-8", "ABCDEFGH");
  expect(bad.status).toBe(400);
  const errors = (json(bad).errors as { pointer: string; keyword: string }[]).map((e) => `${e.pointer} ${e.keyword}`).sort();
  expect(errors).toEqual(["/body maxLength", "/body pattern"]);
});

it("a text body whose schema is not a string's, and bytes, are handed over as they came", async () => {
  // `type: integer` for text/plain cannot be checked against the text: it is the handler's to read
  expect(json(await post("/count", "text/plain", "42"))).toEqual({ got: "42" });
  expect(json(await post("/blob", "application/octet-stream", "abcdef"))).toEqual({ got: "6 bytes" });
  // an untyped schema says what the text means (an XML document's fields), not what the text is
  expect(json(await post("/xml", "text/xml", "<a id='1'/>"))).toEqual({ got: "<a id='1'/>" });
});

it("a text media type beside a preferred one of another type is validated by its own schema, each alike", async () => {
  expect(json(await post("/either", "text/plain", "ok"))).toEqual({ got: "ok" });
  const long = await post("/either", "text/plain", "long text");
  expect([long.status, (json(long).errors as { pointer: string; keyword: string }[]).map((e) => `${e.pointer} ${e.keyword}`)]).toEqual([400, ["/body maxLength"]]);
  const issues = async (type: string, text: string) => {
    const res = await post("/texts", type, text);
    return res.status === 200 ? json(res) : (json(res).errors as { pointer: string; keyword: string }[]).map((e) => `${e.pointer} ${e.keyword}`);
  };
  expect(await issues("application/json", '{"n":1}')).toEqual({ got: { n: 1 } });
  expect(await issues("application/json", "{}")).toEqual(["/body/n required"]);
  expect(await issues("text/plain", "abc")).toEqual({ got: "abc" });
  expect(await issues("text/plain", "abcd")).toEqual(["/body maxLength"]);
  expect(await issues("text/csv", "a,b,c,d")).toEqual({ got: "a,b,c,d" });
  expect(await issues("text/csv", "A;B")).toEqual(["/body pattern"]);
  // one schema for two media types: one validator, the same rules
  expect(await issues("text/markdown", "abcd")).toEqual(["/body maxLength"]);
  // `type: integer` for text/html is the handler's to read from the text
  expect(await issues("text/html", "<p>")).toEqual({ got: "<p>" });
});

it("a media type matching two ranges is read by the narrower one's schema, whichever the spec lists first", async () => {
  const issues = async (type: string, text: string) => {
    const res = await post("/ranges", type, text);
    return res.status === 200 ? json(res) : (json(res).errors as { pointer: string; keyword: string }[]).map((e) => `${e.pointer} ${e.keyword}`);
  };
  expect(await issues("text/plain", "abc")).toEqual({ got: "abc" });
  expect(await issues("text/plain", "abcdef")).toEqual(["/body maxLength"]);
  // only `*/*` covers application/xml: its own limit of 10
  expect(await issues("application/xml", "abcdef")).toEqual({ got: "abcdef" });
  expect(await issues("application/xml", "abcdefghijk")).toEqual(["/body maxLength"]);
});

it("a text body is read in the charset its Content-Type names; one the platform does not know is a 415", async () => {
  const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1: 0xe9 alone is no UTF-8
  const sent = (type: string) => raw(server!.port, "POST", "/either", { "content-type": type }, latin1);
  expect(json(await sent("text/plain; charset=iso-8859-1"))).toEqual({ got: "café" });
  expect(json(await sent('text/plain; charset="ISO-8859-1"'))).toEqual({ got: "café" });
  expect((await sent("text/plain")).status).toBe(400);
  // the text express.text() decoded is read once, not decoded again as ISO-8859-1
  expect(json(await raw(behindExpress!.port, "POST", "/either", { "content-type": "text/plain; charset=iso-8859-1" }, latin1))).toEqual({ got: "café" });
  const unknown = await sent("text/plain; charset=x-klingon");
  expect(unknown.status).toBe(415);
  expect(json(unknown).errors).toEqual([{ pointer: "/header/content-type", detail: "charset x-klingon is not supported" }]);
});

it("an empty text body in a content coding is a 415 as a full one is, not read as the empty text", async () => {
  // the empty text is valid here (maxLength 4): without the coding it reaches the handler
  expect(json(await post("/either", "text/plain", ""))).toEqual({ got: "" });
  const coded = await raw(server!.port, "POST", "/either", { "content-type": "text/plain", "content-encoding": "gzip" }, "");
  expect([coded.status, json(coded).errors]).toEqual([415, [{ pointer: "/header/content-encoding", detail: "gzip is not accepted" }]]);
});
