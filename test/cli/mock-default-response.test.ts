/**
 * `specforge mock` and an operation documenting no 2xx, only `default` (Swagger 2's petstore `createUser`,
 * `logoutUser`: `default: successful operation`): its default is its answer, sent as a 200, as Prism sends
 * it; a 500 failed every call of a client against the mock. `Prefer: code=` still picks any status, and
 * where a 2xx is documented, `default` stays the answer for the other statuses.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.0.3
info: { title: Defaults, version: "1" }
paths:
  /user/logout:
    get:
      operationId: logoutUser
      responses:
        default: { description: successful operation, content: { application/json: { schema: { type: object }, example: { bye: true } } } }
  /user:
    post:
      operationId: createUser
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses:
        default: { description: successful operation }
  /user/{name}:
    get:
      operationId: getUser
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses:
        "200": { description: a user, content: { application/json: { schema: { type: object }, example: { name: Ann } } } }
        default: { description: an error, content: { application/json: { schema: { type: object }, examples: { oops: { value: { error: oops } } } } } }
`;

let cli: ServingCli;
beforeAll(async () => {
  const spec = path.join(tempDir(), "defaults.yaml");
  writeFileSync(spec, SPEC);
  cli = await startServingCli("mock", [spec, "--port", "0"]);
});
afterAll(() => cli?.child.kill("SIGKILL"));

describe("specforge mock: an operation whose only answer is default", () => {
  it("answers it as a 200, with its example or without a body", async () => {
    const logout = await fetch(`${cli.url}/user/logout`);
    expect([logout.status, await logout.json()]).toEqual([200, { bye: true }]);
    const created = await fetch(`${cli.url}/user`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect([created.status, await created.text()]).toEqual([200, ""]);
  });

  it("answers another status where asked for, and default stays the other statuses' answer beside a 2xx", async () => {
    const asked = await fetch(`${cli.url}/user/logout`, { headers: { prefer: "code=503" } });
    expect([asked.status, await asked.json()]).toEqual([503, { bye: true }]);
    const user = await fetch(`${cli.url}/user/ann`);
    expect([user.status, await user.json()]).toEqual([200, { name: "Ann" }]);
    const oops = await fetch(`${cli.url}/user/ann`, { headers: { prefer: "example=oops" } });
    expect([oops.status, await oops.json()]).toEqual([500, { error: "oops" }]);
  });
});
