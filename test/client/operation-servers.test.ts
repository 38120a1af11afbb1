/**
 * An operation's own `servers` (or its path item's) replace the document's for it, as GitHub sends a
 * release asset upload to uploads.github.com: the generated client calls each operation at its server,
 * the client's `baseUrl` and a call's `baseUrl` override them as they override the document's. Three real
 * servers on 127.0.0.1 say which one was asked.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

type Call = (input?: object, options?: object) => Promise<unknown>;
type Factory = (options?: object) => Record<"listReleases" | "uploadAsset" | "getFile" | "deleteFile" | "getStatus" | "getMirror", Call>;

const servers: http.Server[] = [];
const ports: number[] = [];
let create: Factory;
let runtime: string;
let client: string;

/** A server answering `{ server, url }`, so a test sees where a call went. */
async function recorder(name: string): Promise<number> {
  const server = http.createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ server: name, url: req.url })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  for (const name of ["api", "uploads", "files"]) ports.push(await recorder(name));
  const answer = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
  const spec = {
    openapi: "3.1.0",
    info: { title: "Releases", version: "1" },
    // variables named like Object.prototype's members: the default unless given (not `function Object() ...`)
    servers: [{ url: `http://127.0.0.1:${ports[0]}/{constructor}`, variables: { constructor: { default: "api" } } }],
    paths: {
      "/releases": { get: { operationId: "listReleases", responses: answer } },
      "/releases/{id}/assets": {
        post: {
          operationId: "uploadAsset",
          // its variable's default fills the URL unless the client's serverVariables name it
          servers: [{ url: "http://127.0.0.1:{port}/{valueOf}", variables: { port: { default: String(ports[1]) }, valueOf: { default: "uploads" } } }, { url: "https://unused.example" }],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          responses: answer,
        },
      },
      "/files/{id}": {
        servers: [{ url: `http://127.0.0.1:${ports[2]}` }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "getFile", responses: answer },
        // an empty list is none: the path item's server
        delete: { operationId: "deleteFile", servers: [], responses: answer },
      },
      // relative: resolved against the document's server (outside a browser a relative URL names no host)
      "/status": { get: { operationId: "getStatus", servers: [{ url: "/health" }], responses: answer } },
      "/mirror": { get: { operationId: "getMirror", servers: [{ url: "mirrors/{region}", variables: { region: { default: "eu" } } }], responses: answer } },
    },
  };
  const file = path.join(tempDir(), "releases.json");
  writeFileSync(file, JSON.stringify(spec));
  const result = await generate({ input: file, packageName: "releases", targets: ["client"] });
  runtime = result.files.find((f) => f.path === "src/client-runtime.ts")!.contents;
  client = result.files.find((f) => f.path === "src/client.ts")!.contents;
  const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "client.js")).href)) as { createReleasesClient: Factory };
  create = mod.createReleasesClient;
});

afterAll(() => servers.forEach((s) => s.close()));

describe("an operation's own servers", () => {
  it("call each operation at its own server, its path item's, or the document's", async () => {
    const api = create({ retry: false });
    expect(await api.listReleases()).toEqual({ server: "api", url: "/api/releases" });
    expect(await api.uploadAsset({ path: { id: 7 }, body: new Blob(["zip"]) })).toEqual({ server: "uploads", url: "/uploads/releases/7/assets" });
    expect(await api.getFile({ path: { id: "a b" } })).toEqual({ server: "files", url: "/files/a%20b" });
    expect(await api.deleteFile({ path: { id: "x" } })).toEqual({ server: "files", url: "/files/x" });
    expect(await api.getStatus()).toEqual({ server: "api", url: "/health/status" });
    expect(await api.getMirror()).toEqual({ server: "api", url: "/mirrors/eu/mirror" });
  });

  it("take the client's serverVariables before their own defaults (a production token never goes to the default host)", async () => {
    const api = create({ retry: false, serverVariables: { port: String(ports[2]), region: "us" } });
    expect(await api.uploadAsset({ path: { id: 7 }, body: new Blob(["zip"]) })).toEqual({ server: "files", url: "/uploads/releases/7/assets" });
    expect(await api.listReleases()).toEqual({ server: "api", url: "/api/releases" });
    expect(await api.getMirror()).toEqual({ server: "api", url: "/mirrors/us/mirror" });
    // typed: the options name the operations' servers' variables too
    expect(client).toMatch(/serverVariables\?: \{[^}]*port\?: string \| undefined;[^}]*region\?: string \| undefined;/s);
  });

  it("give way to the client's baseUrl (a mock, a test server) and to a call's", async () => {
    const mock = create({ retry: false, baseUrl: `http://127.0.0.1:${ports[0]}/mock` });
    expect(await mock.uploadAsset({ path: { id: 7 }, body: new Blob(["zip"]) })).toEqual({ server: "api", url: "/mock/releases/7/assets" });
    expect(await mock.getFile({ path: { id: "x" } })).toEqual({ server: "api", url: "/mock/files/x" });
    const api = create({ retry: false });
    expect(await api.uploadAsset({ path: { id: 7 }, body: new Blob(["zip"]) }, { baseUrl: `http://127.0.0.1:${ports[2]}/enterprise/uploads` })).toEqual({ server: "files", url: "/enterprise/uploads/releases/7/assets" });
  });

  it("are chosen by runtime code only packages with such operations carry", async () => {
    expect(runtime).toContain("op.server");
    const plain = path.join(tempDir(), "plain.json");
    writeFileSync(plain, JSON.stringify({ openapi: "3.1.0", info: { title: "Plain", version: "1" }, servers: [{ url: "https://api.example.com" }], paths: { "/a": { get: { operationId: "getA", responses: { "204": { description: "none" } } } } } }));
    const { files } = await generate({ input: plain, packageName: "plain", targets: ["client"] });
    expect(files.find((f) => f.path === "src/client-runtime.ts")!.contents).not.toContain("op.server");
  });
});
