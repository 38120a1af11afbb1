/**
 * `specforge mock`: a real process serving a spec's mock on 127.0.0.1, one log line per request,
 * validation and security as a real server, a clean stop on SIGTERM and SIGINT; bad input exits 2.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServingCli, exited } from "../helpers/serving-cli.js";
import { CLI, fileWriter, ROOT, runCli, tempDir } from "../helpers/project.js";
import { raw } from "../server/helpers.js";

const start = (args: string[]) => startServingCli("mock", args);

describe("specforge mock", () => {
  it("serves the examples, validates, asks for credentials, logs each request and stops on SIGTERM", async () => {
    const { child, url, lines } = await start(["specs/onefi.yaml", "--port", "0"]);
    try {
      expect(lines[0]).toMatch(/^specforge mock: OneFi .* \(1 operations\) listening on http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await fetch(`${url}/users/2348123456789/status?channelCode=web`, { headers: { authorization: "Bearer anything" } });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { responseCode: string }).responseCode).toBe("00");
      const anonymous = await fetch(`${url}/users/2348123456789/status?channelCode=web`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
      const invalid = await fetch(`${url}/users/2348123456789/status?strict=maybe`, { headers: { authorization: "Bearer x" } });
      expect(invalid.status).toBe(400);
      const pointers = ((await invalid.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort();
      expect(pointers).toEqual(["/query/channelCode", "/query/strict"]);
      const gone = exited(child);
      child.kill("SIGTERM");
      expect(await gone).toBe(0);
      expect(lines.filter((l) => l.startsWith("GET "))).toEqual([
        expect.stringMatching(/^GET \/users\/2348123456789\/status\?channelCode=web 200 getUserStatus \d+ ms$/),
        expect.stringMatching(/^GET \/users\/2348123456789\/status\?channelCode=web 401 getUserStatus \d+ ms$/),
        expect.stringMatching(/^GET \/users\/2348123456789\/status\?strict=maybe 400 getUserStatus \d+ ms$/),
      ]);
      expect(lines.at(-1)).toBe("specforge mock: stopped");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("answers under the path of the spec's first server too (a client's default baseUrl), or where --base-path says", async () => {
    const list = (base: string) => fetch(`${base}/customers/list`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: '{"page":1,"limit":2}' });
    const { child, url, lines } = await start(["specs/okra.yaml", "--port", "0"]);
    try {
      // Okra's server is https://{host}/{basePath}, basePath v2 by default
      expect(lines[0]).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(and under \/v2\)$/);
      expect([(await list(`${url}/v2`)).status, (await list(url)).status, (await list(`${url}/v3`)).status]).toEqual([200, 200, 404]);
      expect(lines.filter((l) => l.startsWith("POST "))).toEqual([
        expect.stringMatching(/^POST \/v2\/customers\/list 200 listCustomers \d+ ms$/),
        expect.stringMatching(/^POST \/customers\/list 200 listCustomers \d+ ms$/),
        expect.stringMatching(/^POST \/v3\/customers\/list 404 \d+ ms$/),
      ]);
      // the API's own URL in absolute form, as a client sends it to the mock set as its HTTP proxy (RFC 9112 §3.2.2)
      const proxied = await raw(Number(new URL(url).port), "POST", "http://api.okra.ng/v2/customers/list", { authorization: "Bearer x", "content-type": "application/json" }, '{"page":1,"limit":2}');
      expect(proxied.status).toBe(200);
    } finally {
      child.kill("SIGKILL");
    }
    const rooted = await start(["specs/okra.yaml", "--port", "0", "--base-path", "/"]);
    try {
      expect(rooted.lines[0]).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+$/);
      expect([(await list(`${rooted.url}/v2`)).status, (await list(rooted.url)).status]).toEqual([404, 200]);
    } finally {
      rooted.child.kill("SIGKILL");
    }
    const sandbox = await start(["specs/okra.yaml", "--port", "0", "--base-path", "/v2/sandbox/"]);
    try {
      expect([(await list(`${sandbox.url}/v2/sandbox`)).status, (await list(`${sandbox.url}/v2`)).status]).toEqual([200, 404]);
    } finally {
      sandbox.child.kill("SIGKILL");
    }
  });

  it("answers browsers on other origins (CORS, as Prism): preflights, the caller's origin, the answer's headers exposed; --no-cors turns it off", async () => {
    const { child, url, lines } = await start(["specs/onefi.yaml", "--port", "0"]);
    const port = Number(new URL(url).port);
    const path = "/users/2348123456789/status?channelCode=web";
    const origin = "http://localhost:3000";
    try {
      const preflight = await raw(port, "OPTIONS", path, { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization, prefer" });
      expect(preflight.status).toBe(204);
      expect(preflight.headers["access-control-allow-origin"]).toBe(origin);
      expect(preflight.headers["access-control-allow-methods"]).toBe("GET");
      expect(preflight.headers["access-control-allow-headers"]).toBe("authorization, prefer");
      expect(preflight.headers["access-control-allow-credentials"]).toBe("true");
      const anonymous = await raw(port, "GET", path, { origin });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers["access-control-allow-origin"]).toBe(origin);
      expect(String(anonymous.headers["access-control-expose-headers"]).split(", ")).toContain("www-authenticate");
      const sameOrigin = await raw(port, "GET", path, { authorization: "Bearer x" });
      expect(sameOrigin.status).toBe(200);
      expect(sameOrigin.headers["access-control-allow-origin"]).toBeUndefined();
      expect(lines).toContainEqual(`OPTIONS ${path} 204 preflight`);
    } finally {
      child.kill("SIGKILL");
    }
    const off = await start(["specs/onefi.yaml", "--port", "0", "--no-cors"]);
    try {
      const preflight = await raw(Number(new URL(off.url).port), "OPTIONS", path, { origin, "access-control-request-method": "GET" });
      expect(preflight.status).toBe(405);
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      off.child.kill("SIGKILL");
    }
  });

  it("takes Prism's __code and __example out of the query: a query closed to other members does not refuse them", async () => {
    // an exploded form object takes every query member; closed, it refused `__code` as an unknown one (400)
    const spec = fileWriter(tempDir())("closed-query.yaml", `openapi: 3.1.0
info: { title: Closed, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: filter
          in: query
          style: form
          explode: true
          schema: { type: object, properties: { kind: { type: string } }, additionalProperties: false }
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { type: array, items: { type: string } }, examples: { one: { value: [rex] }, two: { value: [rex, tom] } } } }
        "404":
          description: none
          content: { application/json: { schema: { type: object, properties: { why: { type: string } } }, example: { why: gone } } }
  /declared:
    get:
      operationId: declared
      parameters:
        - { name: __dynamic, in: query, required: true, schema: { type: string, enum: [mine] } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: string }, example: seen } } }
`);
    const { child, url, lines } = await start([spec, "--port", "0"]);
    try {
      const get = async (query: string, prefer?: string) => {
        const r = await fetch(`${url}/pets?${query}`, { headers: prefer ? { prefer } : {} });
        return [r.status, await r.json()];
      };
      expect(await get("kind=dog")).toEqual([200, ["rex"]]);
      expect(await get("kind=dog&__code=404")).toEqual([404, { why: "gone" }]);
      expect(await get("__example=two&kind=dog")).toEqual([200, ["rex", "tom"]]);
      // the query's still win over the request's own Prefer
      expect(await get("__code=404", "code=200")).toEqual([404, { why: "gone" }]);
      expect(await get("__example=one", "example=two")).toEqual([200, ["rex"]]);
      // the object's own members are still checked
      expect((await get("kind=dog&colour=red&__code=404"))[0]).toBe(400);
      // a name sent percent-encoded is the same name
      expect(await get("%5F%5Fcode=404")).toEqual([404, { why: "gone" }]);
      // a name the spec declares as a query parameter (of any operation) stays one: the operation gets it
      const declared = await fetch(`${url}/declared?__dynamic=mine`);
      expect([declared.status, await declared.json()]).toEqual([200, "seen"]);
      expect(lines.filter((l) => l.startsWith("GET ")).map((l) => l.replace(/ \d+ ms$/, ""))).toEqual([
        "GET /pets?kind=dog 200 listPets",
        "GET /pets?kind=dog 404 listPets",
        "GET /pets?kind=dog 200 listPets",
        "GET /pets 404 listPets",
        "GET /pets 200 listPets",
        "GET /pets?kind=dog&colour=red 400 listPets",
        "GET /pets 404 listPets",
        "GET /declared?__dynamic=mine 200 declared",
      ]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--watch makes the mock anew when the spec or a file its $refs read changes; a change that does not load leaves the previous one serving", async () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    const spec = (count: number) => `openapi: 3.1.0
info: { title: Watched, version: "${count}" }
paths:
  /count:
    get:
      operationId: getCount
      responses:
        "200": { $ref: "./answers.yaml#/count" }
`;
    const answers = (n: number) => `count:\n  description: ok\n  content: { application/json: { schema: { type: integer }, example: ${n} } }\n`;
    write("openapi.yaml", spec(1));
    write("answers.yaml", answers(1));
    const { child, url, lines } = await start([path.join(dir, "openapi.yaml"), "--port", "0", "--watch"]);
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(what()).toBe(true);
    };
    const count = async () => (await fetch(`${url}/count`)).json();
    try {
      expect(lines[0]).toMatch(/^specforge mock: Watched 1 \(1 operations\) listening on /);
      await until(() => stderr.includes("watching 2 file(s)"));
      expect(await count()).toBe(1);
      // a file the spec's $ref reads
      writeFileSync(path.join(dir, "answers.yaml"), answers(2));
      await until(() => lines.includes("specforge mock: reloaded, Watched 1 (1 operations)"));
      expect(await count()).toBe(2);
      writeFileSync(path.join(dir, "openapi.yaml"), spec(3));
      await until(() => lines.includes("specforge mock: reloaded, Watched 3 (1 operations)"));
      // broken: reported, and the previous version answers
      writeFileSync(path.join(dir, "openapi.yaml"), spec(4).replace("./answers.yaml#/count", "./answers.yaml#/nope"));
      await until(() => stderr.includes("still serving the previous version"));
      expect(stderr).toMatch(/openapi\.yaml:\d+:\d+ \(#\/paths\/~1count\/get\/responses\/200\/\$ref\) error ref\/unresolved/);
      expect(await count()).toBe(2);
      // a $ref to a file not there yet: adding the file reloads
      writeFileSync(path.join(dir, "openapi.yaml"), spec(5).replace("./answers.yaml#/count", "./more.yaml#/count"));
      // the failed run's reads are watched once it says what it watches
      await until(() => stderr.split("still serving the previous version").length === 3 && stderr.lastIndexOf("watching ") > stderr.lastIndexOf("still serving"));
      expect(stderr).toContain("ref/missing-file");
      writeFileSync(path.join(dir, "more.yaml"), answers(6));
      await until(() => lines.includes("specforge mock: reloaded, Watched 5 (1 operations)"));
      expect(await count()).toBe(6);
      const gone = exited(child);
      child.kill("SIGTERM");
      expect(await gone).toBe(0);
      expect(lines.at(-1)).toBe("specforge mock: stopped");
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--watch on a port it cannot listen on exits 2 at once, as without it (the watch kept the process alive)", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    try {
      const port = String((busy.address() as AddressInfo).port);
      const r = spawnSync(process.execPath, [CLI, "mock", "specs/onefi.yaml", "--port", port, "--watch"], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
      expect([r.status, r.signal]).toEqual([2, null]);
      expect(r.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    } finally {
      busy.close();
    }
  });

  it("stops cleanly on SIGINT too", async () => {
    const { child } = await start(["specs/okra.yaml", "--port", "0"]);
    const gone = exited(child);
    child.kill("SIGINT");
    expect(await gone).toBe(0);
  });

  it("bad input: exit 2 with the problem on one line", () => {
    const missing = runCli(["mock", "specs/nope.yaml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml/);
    const port = runCli(["mock", "specs/okra.yaml", "--port", "http"]);
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/--port http is not a port number/);
  });
});
