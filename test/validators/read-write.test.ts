/**
 * readOnly/writeOnly in the validators, as the types read them (received-components.ts): a component
 * validator checks its type's value, the component as received (`Account` without its writeOnly
 * `password`), and `types: { readWrite: off }` keeps both as written. A property marked through a `$ref`'d
 * component (`pin: { $ref: Pin }`, `Pin: { writeOnly: true }`) counts as marked, as in the types.
 * Before, `isAccount` required the `password` its type leaves out, and request and response validators
 * required a property marked only on the schema it refers to.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { TypesOptions } from "../../generator/emit/emitter.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

const spec = {
  openapi: "3.1.0",
  info: { title: "rw", version: "1" },
  paths: {
    "/accounts": {
      post: {
        operationId: "createAccount",
        requestBody: { required: true, ...json(ref("Account")) },
        responses: { "201": { description: "created", ...json(ref("Account")) } },
      },
    },
  },
  components: {
    schemas: {
      Account: {
        type: "object",
        required: ["email", "password", "pin", "owner"],
        properties: { email: { type: "string" }, password: { type: "string", writeOnly: true }, pin: ref("Pin"), owner: ref("Owner") },
      },
      Pin: { type: "string", writeOnly: true },
      Owner: { type: "object", required: ["ownerId", "name"], properties: { ownerId: { type: "string", readOnly: true }, name: { type: "string" } } },
      // reaches Account: as received too
      Team: { type: "object", required: ["lead"], properties: { lead: ref("Account") } },
    },
  },
};

type Api = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string }> }>;

async function generated(types: TypesOptions = {}) {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "rw", targets: ["types", "validators"], types });
  const api = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
  return { dir, files, api };
}

const received = { email: "a@b.c", owner: { ownerId: "o1", name: "n" } };
const sent = { email: "a@b.c", password: "pw", pin: "1234", owner: { name: "n" } };

it("a component validator checks the component as its type has it, as received: writeOnly properties not required", async () => {
  const { dir, files, api } = await generated();
  expect(api.validateAccount!(received)).toEqual({ ok: true, value: received });
  expect(api.validateTeam!({ lead: received }).ok).toBe(true);
  // readOnly ones are received: required as written
  expect(api.validateAccount!({ ...received, owner: { name: "n" } }).errors).toEqual([expect.objectContaining({ path: "/owner/ownerId", keyword: "required" })]);
  // what the validator accepts, the type takes: the same value type-checks as an Account
  const consumer = [
    'import type { Account, Team } from "./types.js";',
    'import { isAccount } from "./validators.js";',
    `export const account: Account = ${JSON.stringify(received)};`,
    "export const team: Team = { lead: account };",
    "// @ts-expect-error password is writeOnly: not received, and isAccount does not require it",
    "export const password = (v: unknown): string => (isAccount(v) ? v.password : \"\");",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 90_000);

it("a property marked on the schema it refers to counts as marked, in request and response validators", async () => {
  const { api } = await generated();
  // the response leaves out password and pin (writeOnly on Pin)
  expect(api.validateCreateAccountResponse201!(received).ok).toBe(true);
  // the request leaves out the readOnly ownerId, and needs password and pin
  expect(api.validateCreateAccountRequest!(sent).ok).toBe(true);
  expect(api.validateCreateAccountRequest!({ ...sent, pin: undefined }).errors).toEqual([expect.objectContaining({ path: "/pin", keyword: "required" })]);
});

it("types: { readWrite: off }: the type is the component as written, and so is its validator", async () => {
  const { api } = await generated({ readWrite: "off" });
  expect(api.validateAccount!(received).errors).toEqual([
    expect.objectContaining({ path: "/password", keyword: "required" }),
    expect.objectContaining({ path: "/pin", keyword: "required" }),
  ]);
  expect(api.validateAccount!({ ...sent, owner: received.owner }).ok).toBe(true);
});
