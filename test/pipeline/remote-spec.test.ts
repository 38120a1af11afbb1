/**
 * A spec named by its http(s) URL (as openapi-typescript, hey-api and orval take one): fetched with the
 * documents its refs reach inside its own site folder, generating what the same files on disk generate.
 * Refs elsewhere (another folder, another host, a redirect off the site) are errors, and no request is
 * made for them; failures exit 2 naming the URL and leave a previous package as it was. Real servers on
 * 127.0.0.1.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { fetchText } from "../../generator/load/fetch-text.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { lintFile } from "../../generator/lint/run.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { CLI, ROOT, importableSources, listFiles, snapshot, tempDir } from "../helpers/project.js";

const MULTI = path.join(ROOT, "test/fixtures/multi-file");

interface Site {
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  /** The Authorization header of each request, in order. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

/** A server answering `routes[path]` (text, or a function of the response), else 404. */
async function site(routes: Record<string, string | ((res: http.ServerResponse) => void)>): Promise<Site> {
  const requests: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    authorizations.push(req.headers.authorization);
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (typeof route === "function") return route(res);
    if (route === undefined) {
      res.writeHead(404).end("not here");
      return;
    }
    res.end(route);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The multi-file fixture served under /api/ as its files are on disk. */
function multiFileRoutes(): Record<string, string> {
  const routes: Record<string, string> = {};
  for (const rel of listFiles(MULTI).filter((f) => !f.startsWith("generated/"))) routes[`/api/${rel}`] = readFileSync(path.join(MULTI, rel), "utf8");
  return routes;
}

function runCliAsync(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function diagnosticsOf(run: Promise<unknown>): Promise<string[]> {
  const e = await run.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(SpecforgeError);
  return (e as SpecforgeError).diagnostics.map((d) => `${d.code} ${d.location?.file ?? ""} ${d.message}`);
}

let api: Site;
let other: Site;
beforeAll(async () => {
  other = await site({ "/x.yaml": "type: string\n" });
  const routes = multiFileRoutes();
  const spec = routes["/api/openapi.yaml"]!;
  Object.assign(routes, {
    "/moved.yaml": (res: http.ServerResponse) => res.writeHead(301, { location: "/api/openapi.yaml" }).end(),
    "/secret.yaml": "type: string\n",
    // The same spec, one schema ref pointed elsewhere each time.
    "/api/up.yaml": spec.replace(/\.\/schemas\/Pet\.yaml/, "../secret.yaml"),
    "/api/host.yaml": spec.replace(/\.\/schemas\/Pet\.yaml/, `${other.url}/x.yaml`),
    "/api/hop.yaml": spec.replace(/\.\/schemas\/Pet\.yaml/, "./schemas/hop.yaml"),
    "/api/schemas/hop.yaml": (res: http.ServerResponse) => res.writeHead(302, { location: `${other.url}/x.yaml` }).end(),
    "/api/absolute.yaml": "",
    "/api/badurl.yaml": spec.replace(/\.\/schemas\/Pet\.yaml/, "http://[::1/Pet.yaml"),
    "/api/badhop.yaml": spec.replace(/\.\/schemas\/Pet\.yaml/, "./schemas/badhop.yaml"),
    "/api/schemas/badhop.yaml": (res: http.ServerResponse) => res.writeHead(302, { location: "http://[::1" }).end(),
    "/api/latin1.yaml": (res: http.ServerResponse) => res.end(Buffer.from("openapi: 3.1.0\ninfo: { title: Caf\u00e9, version: '1' }\npaths: {}\n", "latin1")),
    "/api/huge.yaml": (res: http.ServerResponse) => res.writeHead(200, { "content-length": String(200 * 1024 * 1024) }).end(),
    "/api/endless.yaml": (res: http.ServerResponse) => {
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const write = () => {
        while (res.write(chunk));
        res.once("drain", write);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      write();
    },
  });
  api = await site(routes);
  // Absolute refs into its own folder are followed for a fetched spec.
  routes["/api/absolute.yaml"] = spec.replace(/\.\/schemas\/Pet\.yaml/, `${api.url}/api/schemas/Pet.yaml`);
});
afterAll(async () => {
  await api?.close();
  await other?.close();
});

describe("a spec read from its URL", () => {
  it("generates what the same files on disk generate, fetching each document once", async () => {
    const before = api.requests.length;
    const remote = await generate({ input: `${api.url}/api/openapi.yaml` });
    const local = await generate({ input: path.join(MULTI, "openapi.yaml") });
    expect(remote.files.map((f) => [f.path, f.contents])).toEqual(local.files.map((f) => [f.path, f.contents]));
    const fetched = api.requests.slice(before);
    expect(fetched.sort()).toEqual(["/api/openapi.yaml", "/api/paths/pet.yaml", "/api/paths/pets.yaml", "/api/schemas/Owner.json", "/api/schemas/Pet.yaml", "/api/schemas/common.yaml"]);
    expect(remote.inputs).toContain(`${api.url}/api/schemas/Pet.yaml`);
  });

  it("follows a redirect of the URL given, and absolute refs into the spec's own folder", async () => {
    const local = await generate({ input: path.join(MULTI, "openapi.yaml") });
    for (const input of [`${api.url}/moved.yaml`, `${api.url}/api/absolute.yaml`]) {
      const remote = await generate({ input });
      expect(remote.files.find((f) => f.path === "src/types.ts")!.contents, input).toBe(local.files.find((f) => f.path === "src/types.ts")!.contents);
    }
  });

  it("never fetches a ref outside the spec's folder: another folder, another host, or a redirect off the site", async () => {
    const before = api.requests.length;
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/up.yaml` }))).toEqual([
      expect.stringMatching(new RegExp(`^ref/outside-root ${api.url}/api/up.yaml \\$ref '\\.\\./secret\\.yaml' leaves the spec's site folder`)),
    ]);
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/host.yaml` }))).toEqual([expect.stringMatching(/^ref\/outside-root .* leaves the spec's site folder/)]);
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/hop.yaml` }))).toEqual([
      expect.stringMatching(new RegExp(`^ref/missing-file ${api.url}/api/hop.yaml \\$ref '\\./schemas/hop\\.yaml': cannot fetch spec: redirected to ${other.url}/x.yaml, where specforge may not follow`)),
    ]);
    // A redirect to no URL at all is the ref's error too, not a crash.
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/badhop.yaml` }))).toEqual([
      `ref/missing-file ${api.url}/api/badhop.yaml $ref './schemas/badhop.yaml': cannot fetch spec: redirected to 'http://[::1', which is not a URL`,
    ]);
    expect(api.requests.slice(before)).not.toContain("/secret.yaml");
    expect(other.requests).toEqual([]);
  });

  it("a ref that is no URL at all: exit 2 at the ref in the fetched document, nothing written", async () => {
    const dir = tempDir();
    const r = await runCliAsync(["generate", `${api.url}/api/badurl.yaml`, "--out", "out"], dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", `${api.url}/api/badurl.yaml:16:7 (#/components/schemas/Pet/$ref) error ref/malformed: $ref 'http://[::1/Pet.yaml' is not a valid URL (write a relative path or a well-formed URL)\n`]);
    expect(() => snapshot(path.join(dir, "out"))).toThrow(/ENOENT/);
  });

  it("fetches a ref outside the folder when refRoots lists a URL folder holding it", async () => {
    const result = await generate({ input: `${api.url}/api/up.yaml`, refRoots: [`${api.url}/`] });
    expect(result.inputs).toContain(`${api.url}/secret.yaml`);
    expect(api.requests).toContain("/secret.yaml");
    // the site's root written without its `/`, or with a query, is the same folder
    for (const root of [api.url, `${api.url}/?v=2`]) {
      expect((await generate({ input: `${api.url}/api/up.yaml`, refRoots: [root] })).inputs, root).toContain(`${api.url}/secret.yaml`);
    }
  });

  it("one deadline bounds all of a spec's documents together: a slow site is cut off by it, not by each document's 60 s", async () => {
    const slow = await site({ "/slow.yaml": () => undefined }); // never answers
    try {
      const started = Date.now();
      const e = await fetchText(`${slow.url}/slow.yaml`, { display: "slow", deadline: AbortSignal.timeout(300) }).catch((err: unknown) => err);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((e as SpecforgeError).diagnostics.map((d) => d.message)).toEqual(["cannot fetch spec: the spec's documents took over 5 minutes together"]);
    } finally {
      slow.close();
    }
  });

  it("reports an unreachable or oversized document, or one that is no UTF-8 text, with its URL", async () => {
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/nope.yaml` }))).toEqual([`load/unreadable ${api.url}/api/nope.yaml cannot fetch spec: HTTP 404 Not Found`]);
    const closed = await site({});
    await closed.close();
    expect(await diagnosticsOf(generate({ input: `${closed.url}/openapi.yaml` }))).toEqual([`load/unreadable ${closed.url}/openapi.yaml cannot fetch spec: connection refused (ECONNREFUSED)`]);
    const withPassword = await diagnosticsOf(generate({ input: api.url.replace("//", "//user:s3cret@") + "/api/openapi.yaml" }));
    expect(withPassword).toEqual([
      `load/unreadable ${api.url}/api/openapi.yaml cannot fetch spec: ${api.url}/api/openapi.yaml is written with a user name or password (not shown), which specforge does not send`,
    ]);
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/huge.yaml` }))).toEqual([expect.stringMatching(/cannot fetch spec: the document is 209715200 bytes, over the 100 MiB limit$/)]);
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/endless.yaml` }))).toEqual([expect.stringMatching(/cannot fetch spec: the document is over the 100 MiB limit$/)]);
    // as a file's: read as U+FFFD, the title changed without a word
    expect(await diagnosticsOf(generate({ input: `${api.url}/api/latin1.yaml` }))).toEqual([`load/not-utf8 ${api.url}/api/latin1.yaml the file is not UTF-8 text: byte 0xE9 is not UTF-8 here (a file saved as Latin-1 or Windows-1252, or a character cut short)`]);
  });

  it("bounds the documents of one spec together: refs to four 30 MiB documents are over the 100 MiB limit", async () => {
    const big = `${" ".repeat(30 * 1024 * 1024)}{"type":"string"}`;
    const schemas = [0, 1, 2, 3].map((i) => `    S${i}: {$ref: "./big/${i}.json"}`).join("\n");
    const routes: Record<string, string> = { "/spec/openapi.yaml": `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n${schemas}\n` };
    for (const i of [0, 1, 2, 3]) routes[`/spec/big/${i}.json`] = big;
    const bigSite = await site(routes);
    try {
      const found = await diagnosticsOf(generate({ input: `${bigSite.url}/spec/openapi.yaml`, targets: ["types"] }));
      expect(found).toContainEqual(expect.stringMatching(/cannot fetch spec: the spec's documents are over the 100 MiB limit together$/));
    } finally {
      await bigSite.close();
    }
  });

  it("keeps a spec read from a file from fetching: its URL refs stay errors", async () => {
    const dir = tempDir();
    const spec = path.join(dir, "openapi.yaml");
    writeFileSync(spec, `openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: "${other.url}/x.yaml"}\n`);
    expect(await diagnosticsOf(generate({ input: spec }))).toEqual([expect.stringMatching(/^ref\/remote .* points at a URL; a spec read from a file may refer to files only/)]);
    expect(other.requests).toEqual([]);
  });

  it("lints and diffs by URL, naming the fetched documents in findings", async () => {
    const findings = await lintFile(`${api.url}/api/openapi.yaml`);
    const local = await lintFile(path.join(MULTI, "openapi.yaml"));
    expect(findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(local.map((f) => `${f.ruleId} ${f.line}:${f.column}`));
    expect(findings.map((f) => f.file)).toContain(`${api.url}/api/paths/pets.yaml`);
    expect(diffSpecs(await loadForDiff(`${api.url}/api/openapi.yaml`), await loadForDiff(path.join(MULTI, "openapi.yaml")))).toEqual([]);
  });

  it("sends the config's fetch.headers to the URLs they match, each hop matched anew, a token read from the environment", async () => {
    const seen: Array<[string, string | undefined]> = [];
    const routes = multiFileRoutes();
    const server = http.createServer((req, res) => {
      seen.push([req.url ?? "", req.headers.authorization]);
      if (req.headers.authorization !== "Bearer s3cret") return void res.writeHead(401).end();
      if (req.url === "/private/moved.yaml") return void res.writeHead(302, { location: `${other.url}/x.yaml` }).end();
      const body = routes[(req.url ?? "").replace("/private/", "/api/")];
      if (body === undefined) return void res.writeHead(404).end();
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const fetchHeaders = [{ matches: `${base}/private/**`, name: "Authorization", envVariable: "SPECFORGE_TEST_TOKEN" }];
      process.env.SPECFORGE_TEST_TOKEN = "Bearer s3cret";
      const result = await generate({ input: `${base}/private/openapi.yaml`, fetchHeaders, targets: ["types"] });
      expect(result.inputs).toHaveLength(6);
      expect(seen.every(([, auth]) => auth === "Bearer s3cret")).toBe(true);
      // A redirect to another host gets no credential.
      const before = other.requests.length;
      await generate({ input: `${base}/private/moved.yaml`, fetchHeaders, targets: ["types"] }).catch(() => undefined);
      expect(other.requests.length).toBe(before + 1);
      expect(other.authorizations.at(-1)).toBeUndefined();
      // A value fetch would refuse is refused here without quoting it (fetch's own message would print the token).
      process.env.SPECFORGE_TEST_TOKEN = "Bearer s3cret\nX-Injected: 1";
      const broken = await diagnosticsOf(generate({ input: `${base}/private/openapi.yaml`, fetchHeaders }));
      expect(broken).toEqual([
        `load/fetch-header ${base}/private/openapi.yaml the Authorization header for ${base}/private/openapi.yaml cannot be sent: the environment variable SPECFORGE_TEST_TOKEN holds a line break, a control character or a character beyond Latin-1 (the value is not shown)`,
      ]);
      expect(broken.join("")).not.toContain("s3cret");
      delete process.env.SPECFORGE_TEST_TOKEN;
      expect(await diagnosticsOf(generate({ input: `${base}/private/openapi.yaml`, fetchHeaders }))).toEqual([
        `load/fetch-header ${base}/private/openapi.yaml the Authorization header for ${base}/private/openapi.yaml reads the environment variable SPECFORGE_TEST_TOKEN, which is not set`,
      ]);
      expect(await diagnosticsOf(generate({ input: `${base}/private/openapi.yaml` }))).toEqual([`load/unreadable ${base}/private/openapi.yaml cannot fetch spec: HTTP 401 Unauthorized`]);
    } finally {
      delete process.env.SPECFORGE_TEST_TOKEN;
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("CLI: diff, bundle and lint of a private URL spec send the working directory's config fetch.headers", async () => {
    const routes = multiFileRoutes();
    const server = http.createServer((req, res) => {
      if (req.headers.authorization !== "Bearer s3cret") return void res.writeHead(401).end();
      const body = routes[(req.url ?? "").replace("/private/", "/api/")];
      if (body === undefined) return void res.writeHead(404).end();
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = tempDir();
      writeFileSync(path.join(dir, "specforge.config.yaml"), `fetch:\n  headers:\n    - { matches: "${base}/private/**", name: Authorization, envVariable: SPECS_TOKEN }\n`);
      const url = `${base}/private/openapi.yaml`;
      const token = { SPECS_TOKEN: "Bearer s3cret" };
      const diff = await runCliAsync(["diff", url, url], dir, token);
      expect([diff.status, diff.stderr]).toEqual([0, ""]);
      expect(diff.stdout).toContain("no API changes");
      const bundled = await runCliAsync(["bundle", url, "--format", "json"], dir, token);
      expect(bundled.status).toBe(0);
      expect(Object.keys((JSON.parse(bundled.stdout) as { components: { schemas: object } }).components.schemas)).toContain("Pet");
      const missing = await runCliAsync(["diff", url, url], dir);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain("error load/fetch-header: the Authorization header for");
      // lint too: a header the config cannot send is bad input of the run, not a finding of the spec
      const linted = await runCliAsync(["lint", url], dir);
      expect([linted.status, linted.stderr]).toEqual([2, expect.stringContaining("error load/fetch-header: the Authorization header for")]);
      expect(linted.stdout).not.toContain("parse");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("CLI: generate from a URL; a failed fetch exits 2 and leaves the previous package untouched", async () => {
    const out = path.join(tempDir(), "pkg");
    const ok = await runCliAsync(["generate", `${api.url}/api/openapi.yaml`, "--out", out, "--targets", "types", "--quiet"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    const before = snapshot(out);
    const bad = await runCliAsync(["generate", `${api.url}/api/up.yaml`, "--out", out, "--targets", "types"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${api.url}/api/up.yaml:\\d+:\\d+ \\(#/components/schemas/Pet/\\$ref\\) error ref/outside-root: `, "m"));
    expect(snapshot(out)).toEqual(before);
    const watch = await runCliAsync(["generate", `${api.url}/api/openapi.yaml`, "--out", out, "--watch"]);
    expect(watch.status).toBe(2);
    expect(watch.stderr).toMatch(/--watch watches files/);
  });
});

describe("schema resources of a spec given by URL", () => {
  const info = { title: "resources", version: "1" };
  type V = Record<string, (v: unknown) => { ok: boolean }>;

  it("reach the schema documents beside the spec (refs against their $id) and validate with them", async () => {
    const routes: Record<string, string> = {};
    const s = await site(routes);
    try {
      const api = `${s.url}/api`;
      routes["/api/openapi.json"] = JSON.stringify({
        openapi: "3.1.0", info, paths: {},
        components: {
          schemas: {
            Pet: { $id: `${api}/schemas/pet.json`, type: "object", properties: { tag: { $ref: "tag.json" }, owner: { $ref: `${api}/people/owner.json#/$defs/name` } } },
            Codes: { $id: `${api}/v2/`, type: "array", items: { $ref: "code.json" } },
            // a meta-schema of the spec's own: ajv checks the schema against it while compiling
            Measured: { $id: `${api}/measured.json`, $schema: `${api}/meta.json`, type: "number" },
          },
        },
      });
      routes["/api/schemas/tag.json"] = JSON.stringify({ type: "string", maxLength: 3 });
      // a document without $id: its refs resolve against the URL it was read from
      routes["/api/people/owner.json"] = JSON.stringify({ $defs: { name: { $ref: "name.json" } } });
      routes["/api/people/name.json"] = JSON.stringify({ type: "string", minLength: 1 });
      routes["/api/v2/code.json"] = JSON.stringify({ type: "integer" });
      routes["/api/meta.json"] = JSON.stringify({
        $schema: "https://json-schema.org/draft/2020-12/schema", $id: `${api}/meta.json`, $dynamicAnchor: "meta",
        allOf: [{ $ref: "https://json-schema.org/draft/2020-12/meta/core" }, { $ref: "https://json-schema.org/draft/2020-12/meta/validation" }],
      });
      const { files } = await generate({ input: `${api}/openapi.json` });
      const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
      expect(v.validatePet!({ tag: "abc", owner: "Ann" }).ok).toBe(true);
      expect(v.validatePet!({ tag: "abcd" }).ok).toBe(false);
      expect(v.validatePet!({ owner: "" }).ok).toBe(false);
      expect(v.validateCodes!([1, 2]).ok).toBe(true);
      expect(v.validateCodes!([1, "2"]).ok).toBe(false);
      expect(v.validateMeasured!(1.5).ok).toBe(true);
      expect(v.validateMeasured!("1.5").ok).toBe(false);
    } finally {
      await s.close();
    }
  });

  it("a resource's ref out of the spec's folder is not fetched: an error at the schema, exit 2", async () => {
    const routes: Record<string, string> = {};
    const s = await site(routes);
    try {
      routes["/api/openapi.json"] = JSON.stringify({
        openapi: "3.1.0", info, paths: {},
        components: { schemas: { Outside: { $id: `${s.url}/api/outside.json`, $ref: "../secret/x.json" } } },
      });
      routes["/secret/x.json"] = JSON.stringify({ type: "string" });
      const found = await diagnosticsOf(generate({ input: `${s.url}/api/openapi.json`, targets: ["validators"] }));
      expect(found).toEqual([expect.stringMatching(/^validators\/unresolved-ref \S+\/api\/openapi\.json the schema cannot be compiled: can't resolve reference \S+\/secret\/x\.json /)]);
      expect(s.requests.filter((r) => r.startsWith("/secret"))).toEqual([]);
      const r = await runCliAsync(["generate", `${s.url}/api/openapi.json`, "--out", path.join(tempDir(), "out"), "--targets", "validators"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/\(#\/components\/schemas\/Outside\) error validators\/unresolved-ref: /);
    } finally {
      await s.close();
    }
  });
});
