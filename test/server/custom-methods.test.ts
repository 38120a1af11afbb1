/**
 * Google AIP-136 custom methods: `/jobs/{id}:cancel` beside `/jobs/{id}`, a parameter followed by a literal
 * suffix in one segment. The server routes `POST /jobs/42:cancel` to the cancel operation (`id` "42") and
 * `GET /jobs/42` to the other; the client builds both URLs, a `:` of the value percent-encoded. The check
 * stage takes such a spec, and the mock answers both. Client and raw requests to a server on 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, runCli, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const echo = { "200": { description: "what the server read", content: { "application/json": { schema: { type: "object" } } } } };
const id = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
const spec = {
  openapi: "3.1.0",
  info: { title: "Jobs", version: "1" },
  paths: {
    "/jobs/{id}": { get: { operationId: "getJob", parameters: id, responses: echo }, post: { operationId: "updateJob", parameters: id, responses: echo } },
    "/jobs/{id}:cancel": { post: { operationId: "cancelJob", parameters: id, responses: echo } },
    "/jobs/{id}:archive": { post: { operationId: "archiveJob", parameters: id, responses: echo } },
    "/jobs:batchGet": { get: { operationId: "batchGetJobs", responses: echo } },
  },
};

let input: string;
let server: Listening;
let client: Record<string, (input?: unknown) => Promise<unknown>>;
beforeAll(async () => {
  input = path.join(tempDir("specforge-custom-methods-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "jobs" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const named = (op: string) => ({ path }: { path?: unknown }) => ({ status: 200, body: { op, path: path ?? {} } });
  const handlers = Object.fromEntries(["getJob", "updateJob", "cancelJob", "archiveJob", "batchGetJobs"].map((op) => [op, named(op)]));
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, {})));
  client = mod.createJobsClient!({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server?.close());

describe("the server routes a custom method by its suffix", () => {
  it.each([
    ["POST", "/jobs/42:cancel", { op: "cancelJob", path: { id: "42" } }],
    ["POST", "/jobs/42%3Acancel", { op: "cancelJob", path: { id: "42" } }],
    ["POST", "/jobs/42:archive", { op: "archiveJob", path: { id: "42" } }],
    ["GET", "/jobs/42", { op: "getJob", path: { id: "42" } }],
    ["POST", "/jobs/42", { op: "updateJob", path: { id: "42" } }],
    // a `:` of the value is sent encoded, so the last literal `:cancel` is the suffix
    ["POST", "/jobs/a%3Ab:cancel", { op: "cancelJob", path: { id: "a:b" } }],
    ["GET", "/jobs:batchGet", { op: "batchGetJobs", path: {} }],
  ])("%s %s", async (method, url, want) => {
    const res = await raw(server.port, method, url);
    expect(res.status).toBe(200);
    expect(json(res)).toEqual(want);
  });

  it("a method only the custom path lacks falls back to the templated one, as its client sends it", async () => {
    expect(json(await raw(server.port, "GET", "/jobs/42:cancel"))).toEqual({ op: "getJob", path: { id: "42:cancel" } });
  });

  it("an empty id is no custom method: the segment is the other path's id", async () => {
    expect(json(await raw(server.port, "POST", "/jobs/:cancel"))).toEqual({ op: "updateJob", path: { id: ":cancel" } });
  });
});

describe("the client builds the URL", () => {
  it.each([
    ["cancelJob", "42", { op: "cancelJob", path: { id: "42" } }],
    ["cancelJob", "a:b/c", { op: "cancelJob", path: { id: "a:b/c" } }],
    ["archiveJob", "x:cancel", { op: "archiveJob", path: { id: "x:cancel" } }],
    ["getJob", "42:cancel", { op: "getJob", path: { id: "42:cancel" } }],
    ["updateJob", "7", { op: "updateJob", path: { id: "7" } }],
  ])("%s(%j)", async (op, value, want) => {
    expect(await client[op]!({ path: { id: value } })).toEqual(want);
  });

  it("and a literal-only custom method", async () => {
    expect(await client.batchGetJobs!()).toEqual({ op: "batchGetJobs", path: {} });
  });
});

describe("lint", () => {
  it("finds no path problem (the paths neither are identical nor can match the same URL)", () => {
    const r = runCli(["lint", input]);
    expect(r.stdout).not.toMatch(/path-params|paths-identical|paths-ambiguous/);
    expect(r.status).toBe(0);
  });
});
