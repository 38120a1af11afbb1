/**
 * The mock's CORS headers that caches and browsers act on (cors.ts): `Vary` so that an answer made for one
 * origin is not served to another from a cache (joined to the answer's own `Vary`), a preflight's max age,
 * only the headers a script could not read otherwise exposed (the CORS-safelisted ones need no listing, an
 * answer with none to expose lists none), and the spec's own `Access-Control-*` answer headers giving way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCors } from "../../generator/mock/cors.js";
import { startServingCli, type ServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";
import { listen, raw } from "../server/helpers.js";

const SPEC = `openapi: 3.1.0
info: { title: Cors, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          headers:
            X-Rate: { schema: { type: integer }, example: 5 }
            Vary: { schema: { type: string }, example: Accept }
            Access-Control-Allow-Origin: { schema: { type: string }, example: "*" }
            Cache-Control: { schema: { type: string }, example: no-store }
          content: { application/json: { schema: { type: string }, example: A } }
  /plain:
    get:
      operationId: plain
      responses: { "200": { description: ok, content: { application/json: { schema: { type: string }, example: P } } } }
  /secret:
    get:
      operationId: secret
      security: [{ bearer: [] }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: string }, example: S } } }
        "401": { description: who, content: { application/json: { schema: { type: object }, example: { message: who are you } } } }
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
`;

let mock: ServingCli;
let port: number;
beforeAll(async () => {
  mock = await startServingCli("mock", [fileWriter(tempDir())("cors.yaml", SPEC), "--port", "0"]);
  port = Number(new URL(mock.url).port);
});
afterAll(() => mock?.child.kill("SIGKILL"));
const origin = "http://localhost:3000";

describe("specforge mock CORS", () => {
  it("varies by Origin, caches a preflight 10 minutes, exposes the answer's own headers only", async () => {
    const preflight = await raw(port, "OPTIONS", "/secret", { origin, "access-control-request-method": "GET" });
    expect([preflight.status, preflight.headers["access-control-max-age"], preflight.headers.vary]).toEqual([204, "600", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"]);
    const anonymous = await raw(port, "GET", "/secret", { origin });
    expect([anonymous.status, anonymous.headers.vary]).toEqual([401, "Origin"]);
    // the documented 401: content-type and content-length are safelisted, a script reads them unlisted
    expect([anonymous.headers["content-type"], String(anonymous.headers["access-control-expose-headers"]).split(", ").sort()]).toEqual(["application/json", ["sl-violations", "www-authenticate"]]);
  });

  it("keeps its own CORS headers over those the spec documents, joins the answer's Vary, exposes no safelisted header and lists none where nothing is left", async () => {
    const pets = await raw(port, "GET", "/pets", { origin });
    // the spec's `*` would make a browser sending cookies refuse the answer
    expect([pets.status, pets.headers["access-control-allow-origin"], pets.headers["access-control-allow-credentials"], pets.headers.vary]).toEqual([200, origin, "true", "Origin, Accept"]);
    // content-type, content-length and cache-control are safelisted
    expect([pets.headers["access-control-expose-headers"], pets.headers["x-rate"], pets.headers["cache-control"]]).toEqual(["x-rate", "5", "no-store"]);
    const plain = await raw(port, "GET", "/plain", { origin });
    expect([plain.status, plain.headers["content-type"], plain.headers.vary]).toEqual([200, "application/json", "Origin"]);
    expect(Object.hasOwn(plain.headers, "access-control-expose-headers")).toBe(false);
    // without an Origin no CORS header is added, and the answer's own go out as documented
    const local = await raw(port, "GET", "/pets");
    expect([local.headers["access-control-allow-origin"], local.headers.vary, local.headers["access-control-expose-headers"]]).toEqual(["*", "Accept", undefined]);
  });

  it("exposes the headers a listener sets before writeHead as well as those it passes, by their lower-case names; a Vary naming Origin or * stays", async () => {
    const server = await listen(
      withCors((req, res) => {
        res.setHeader("X-Trace", "t1");
        res.writeHead(200, { "X-Rate": "5", "Content-Type": "text/plain", Vary: req.url === "/any" ? "*" : "Origin, Accept" });
        res.end("ok");
      }, () => undefined),
    );
    try {
      const reply = await raw(server.port, "GET", "/", { origin: "http://localhost:3000" });
      expect([reply.headers["access-control-expose-headers"], reply.headers.vary]).toEqual(["x-trace, x-rate", "Origin, Accept"]);
      // `*` varies by everything, Origin too
      expect((await raw(server.port, "GET", "/any", { origin: "http://localhost:3000" })).headers.vary).toBe("*");
    } finally {
      await server.close();
    }
  });
});
