/**
 * A 2xx of an operation that documents none, read by its Content-Type: GitHub's downloads (tarball, zipball,
 * logs, artifacts) document only their 302, fetch follows it, and the archive that comes back was read as
 * text, corrupting it. A real server on 127.0.0.1 redirects to each kind of body.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

const GZIP = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x80, 0x00]);
const BODIES: Record<string, [type: string | undefined, body: Buffer]> = {
  archive: ["application/x-gzip", GZIP],
  json: ["application/json; charset=utf-8", Buffer.from('{"ok":true}')],
  log: ["text/plain", Buffer.from("line 1\nline 2\n")],
  feed: ["application/atom+xml", Buffer.from("<feed/>")],
  lines: ["application/x-ndjson", Buffer.from('{"a":1}\n{"a":2}\n')],
  config: ["application/yaml", Buffer.from("a: 1\n")],
  untyped: [undefined, Buffer.from("plain words")],
};

let server: http.Server;
let download: (input: object) => Promise<unknown>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const name = req.url!.split("/").pop()!;
    if (req.url!.startsWith("/downloads/")) return void res.writeHead(302, { location: `/files/${name}` }).end();
    const [type, body] = BODIES[name]!;
    res.writeHead(200, type ? { "content-type": type } : {}).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const spec = {
    openapi: "3.1.0",
    info: { title: "Downloads", version: "1" },
    paths: {
      "/downloads/{name}": {
        get: {
          operationId: "download",
          parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }],
          responses: { "302": { description: "to the file", headers: { Location: { schema: { type: "string" } } } } },
        },
      },
    },
  };
  const file = path.join(tempDir(), "downloads.json");
  writeFileSync(file, JSON.stringify(spec));
  const result = await generate({ input: file, packageName: "downloads", targets: ["client"] });
  const mod = (await import(pathToFileURL(path.join(importableSources(result.files), "client.js")).href)) as { createDownloadsClient(o: object): { download: typeof download } };
  download = mod.createDownloadsClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retry: false }).download;
});

afterAll(() => server.close());

it("a followed redirect to bytes is a Blob with every byte as sent", async () => {
  const archive = await download({ path: { name: "archive" } });
  expect(archive).toBeInstanceOf(Blob);
  expect(Buffer.from(await (archive as Blob).arrayBuffer())).toEqual(GZIP);
});

it("JSON is parsed; text, XML, YAML, JSON lines and an untyped body are strings", async () => {
  expect(await download({ path: { name: "json" } })).toEqual({ ok: true });
  expect(await download({ path: { name: "log" } })).toBe("line 1\nline 2\n");
  expect(await download({ path: { name: "feed" } })).toBe("<feed/>");
  expect(await download({ path: { name: "untyped" } })).toBe("plain words");
  expect(await download({ path: { name: "lines" } })).toBe('{"a":1}\n{"a":2}\n');
  expect(await download({ path: { name: "config" } })).toBe("a: 1\n");
});
