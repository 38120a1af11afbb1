/**
 * `specforge mock` refusing a request the operation documents a refusal for: without credentials its 401,
 * with parameters or a body that break their schemas its 422 (else its 400), each with its example, as
 * Prism's mock answers, so a client reading the documented error shape (or validating it) reads the mock's.
 * The problem's issues go in `sl-violations`; a 401 keeps its `WWW-Authenticate`. An operation that
 * documents no such status gets the problem as before.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Refusals, version: "1" }
security: [{ bearer: [] }]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: a pet, content: { application/json: { schema: { type: object }, example: { id: 1 } } } }
        "400": { description: bad, content: { application/json: { schema: { $ref: "#/components/schemas/Error" }, example: { code: "bad_request", message: "Bad id" } } } }
        "401": { description: who, content: { application/json: { schema: { $ref: "#/components/schemas/Error" }, example: { code: "unauthorized", message: "Sign in" } } } }
  /pets:
    post:
      operationId: addPet
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string } } } } }
      responses:
        "201": { description: added, content: { application/json: { schema: { type: object }, example: { id: 2 } } } }
        "400": { description: bad, content: { application/json: { schema: { $ref: "#/components/schemas/Error" }, example: { code: "bad_request", message: "Bad" } } } }
        "422": { description: invalid, content: { application/json: { schema: { $ref: "#/components/schemas/Error" }, example: { code: "invalid", message: "Check the fields" } } } }
        "4XX": { description: other, content: { application/json: { schema: { $ref: "#/components/schemas/Error" }, example: { code: "client", message: "Client error" } } } }
  /open/{id}:
    get:
      operationId: getOpen
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: fine, content: { application/json: { schema: { type: object }, example: { ok: true } } } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Error:
      type: object
      required: [code, message]
      properties: { code: { type: string }, message: { type: string } }
`;

let cli: ServingCli;
let url: string;
beforeAll(async () => {
  const spec = path.join(tempDir(), "refusals.yaml");
  writeFileSync(spec, SPEC);
  cli = await startServingCli("mock", [spec, "--port", "0"]);
  url = cli.url;
});
afterAll(() => cli?.child.kill("SIGKILL"));

const violations = (r: Response) => JSON.parse(r.headers.get("sl-violations") ?? "null") as unknown;

describe("specforge mock: a refused request gets the refusal the operation documents, as Prism answers", () => {
  it("without credentials: the documented 401's example, its WWW-Authenticate kept, the reason in sl-violations", async () => {
    const r = await fetch(`${url}/pets/1`);
    expect([r.status, r.headers.get("content-type"), r.headers.get("www-authenticate")]).toEqual([401, "application/json", "Bearer"]);
    expect(await r.json()).toEqual({ code: "unauthorized", message: "Sign in" });
    expect(violations(r)).toEqual([{ location: ["request"], severity: "Error", code: "security", message: "Valid credentials are required." }]);
    // a preference the client sent does not pick another answer for a refusal
    const asked = await fetch(`${url}/pets/1`, { headers: { prefer: "code=200" } });
    expect([asked.status, await asked.json()]).toEqual([401, { code: "unauthorized", message: "Sign in" }]);
    const named = await fetch(`${url}/pets/1`, { headers: { prefer: "example=nope" } });
    expect([named.status, await named.json()]).toEqual([401, { code: "unauthorized", message: "Sign in" }]);
    // its other preferences stay: dynamic data in the documented 401's shape, not its example
    const dynamic = await fetch(`${url}/pets/1?__code=200`, { headers: { prefer: "code=200, dynamic=true" } });
    const made = (await dynamic.json()) as Record<string, unknown>;
    expect([dynamic.status, typeof made.code, typeof made.message, made.message === "Sign in"]).toEqual([401, "string", "string", false]);
  });

  it("an invalid parameter or body: the documented 422 (else 400), its example, the issues in sl-violations", async () => {
    const auth = { authorization: "Bearer x" };
    const path = await fetch(`${url}/pets/seven`, { headers: auth });
    expect([path.status, path.headers.get("content-type")]).toEqual([400, "application/json"]);
    expect(await path.json()).toEqual({ code: "bad_request", message: "Bad id" });
    expect(violations(path)).toEqual([{ location: ["request", "path", "id"], severity: "Error", code: "type", message: "must be integer" }]);
    const body = await fetch(`${url}/pets`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    expect([body.status, await body.json()]).toEqual([422, { code: "invalid", message: "Check the fields" }]);
    expect(violations(body)).toEqual([{ location: ["request", "body", "name"], severity: "Error", code: "required", message: "is required" }]);
    // a 401 the operation covers only by its 4XX range gets that range's answer, as 401
    const anonymous = await fetch(`${url}/pets`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"Rex"}' });
    expect([anonymous.status, anonymous.headers.get("www-authenticate"), await anonymous.json()]).toEqual([401, "Bearer", { code: "client", message: "Client error" }]);
  });

  it("an operation documenting no refusal: the problem, as before", async () => {
    const r = await fetch(`${url}/open/seven`, { headers: { authorization: "Bearer x" } });
    expect([r.status, r.headers.get("content-type"), r.headers.get("sl-violations")]).toEqual([400, "application/problem+json", null]);
    expect(((await r.json()) as { errors: unknown }).errors).toEqual([{ pointer: "/path/id", detail: "must be integer", keyword: "type" }]);
    const anonymous = await fetch(`${url}/open/1`);
    expect([anonymous.status, anonymous.headers.get("content-type")]).toEqual([401, "application/problem+json"]);
  });
});
