/**
 * `standardSchema(validateX)`: the generated validators as Standard Schema v1. The types are checked against
 * `@standard-schema/spec` by `tsc -p test` (the assignments and `expectTypeOf` below); the behaviour through
 * the real pipeline, and through a real consumer, Hono's `@hono/standard-validator`, served on 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, type ServerType } from "@hono/node-server";
import { sValidator } from "@hono/standard-validator";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { operationValidators, standardSchema, validateCustomer, validateFlagCustomerRequest } from "../../generated/okra/src/validators.js";
import type { Customer, FlagCustomerRequest } from "../../generated/okra/src/types.js";
import { standardSchema as wireStandardSchema, validateNewEvent } from "../fixtures/dates-as-date/generated/src/validators.js";
import type { NewEvent } from "../fixtures/dates-as-date/generated/src/types.js";
import type { Wire } from "../fixtures/dates-as-date/generated/src/dates-runtime.js";
import { importableSources, tempDir } from "../helpers/project.js";

describe("types (checked by tsc -p test)", () => {
  it("a standardSchema is a StandardSchemaV1 whose input and output are the named type", () => {
    const customer: StandardSchemaV1<Customer, Customer> = standardSchema(validateCustomer);
    expectTypeOf<StandardSchemaV1.InferInput<typeof customer>>().toEqualTypeOf<Customer>();
    const flag = standardSchema(operationValidators.flagCustomer.body);
    expectTypeOf<StandardSchemaV1.InferOutput<typeof flag>>().toEqualTypeOf<FlagCustomerRequest>();
    // @ts-expect-error a Customer schema is not a schema of another type
    const wrong: StandardSchemaV1<FlagCustomerRequest> = customer;
    // with `types: { dates: Date }` validators check the wire shape, where a date-time is a string
    const event = wireStandardSchema(validateNewEvent);
    expectTypeOf<StandardSchemaV1.InferOutput<typeof event>>().toEqualTypeOf<Wire<NewEvent>>();
    expect([customer, flag, wrong, event].map((s) => s["~standard"].vendor)).toEqual(["specforge", "specforge", "specforge", "specforge"]);
  });
});

type Std = (validate: unknown) => StandardSchemaV1;
type Validators = Record<string, (v: unknown) => unknown> & { standardSchema: Std };

/** A spec whose schema has an array of objects and keys that need escaping in a JSON pointer. */
async function validatorsFor(unknownProperties: "keep" | "strip"): Promise<Validators> {
  const dir = tempDir();
  writeFileSync(path.join(dir, "openapi.yaml"), `openapi: 3.1.0
info: { title: std, version: "1" }
paths: {}
components:
  schemas:
    Person:
      type: object
      required: [name]
      properties:
        name: { type: string }
        addresses:
          type: array
          items: { type: object, required: [city], properties: { city: { type: string } } }
        links:
          type: object
          additionalProperties: { type: string, format: uri }
        byIndex:
          type: object
          properties: { "0": { type: integer } }
`);
  const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"], validators: { unknownProperties } });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Validators;
}

function run(schema: StandardSchemaV1, value: unknown): StandardSchemaV1.Result<unknown> {
  const result = schema["~standard"].validate(value);
  if (result instanceof Promise) throw new Error("validate must be synchronous");
  return result;
}

describe("behaviour", () => {
  it("has version 1 and vendor specforge; a valid value gives { value } and no issues", async () => {
    const v = await validatorsFor("keep");
    const person = v.standardSchema(v.validatePerson);
    expect(person["~standard"]).toMatchObject({ version: 1, vendor: "specforge" });
    const value = { name: "Ada", extra: true };
    const result = run(person, value);
    expect(result).toEqual({ value });
    expect(result.issues).toBeUndefined();
  });

  it("unknownProperties: strip gives the stripped copy as value; the caller's object is untouched", async () => {
    const v = await validatorsFor("strip");
    const value = { name: "Ada", extra: true, addresses: [{ city: "Lagos", zip: "1" }] };
    expect(run(v.standardSchema(v.validatePerson), value)).toEqual({ value: { name: "Ada", addresses: [{ city: "Lagos" }] } });
    expect(value.extra).toBe(true);
  });

  it("issues carry the message and the path as keys: indexes as numbers, ~1 and ~0 unescaped, numeric object keys as text", async () => {
    const v = await validatorsFor("keep");
    const result = run(v.standardSchema(v.validatePerson), {
      addresses: [{ city: "Lagos" }, { city: 1 }, {}],
      links: { "docs/v1~x": "not a uri" },
      byIndex: { "0": "zero" },
    });
    const issues = (result.issues ?? []).map((i) => ({ message: i.message, path: i.path }));
    expect(issues).toEqual(expect.arrayContaining([
      { message: "is required", path: ["name"] },
      { message: "must be string", path: ["addresses", 1, "city"] },
      { message: "is required", path: ["addresses", 2, "city"] },
      { message: "must be a valid uri", path: ["links", "docs/v1~x"] },
      { message: "must be integer", path: ["byIndex", "0"] },
    ]));
    expect(issues).toHaveLength(5);
  });

  it("an issue of the value itself has an empty path; a hostile __proto__ key stays a key", async () => {
    const v = await validatorsFor("keep");
    expect(run(v.standardSchema(v.validatePerson), "Ada").issues).toEqual([{ message: "must be object", path: [] }]);
    const hostile = JSON.parse('{ "name": "Ada", "links": { "__proto__": 1 } }') as unknown;
    expect(run(v.standardSchema(v.validatePerson), hostile).issues).toEqual([{ message: "must be string", path: ["links", "__proto__"] }]);
  });
});

describe("a real consumer: Hono's standard validator on 127.0.0.1", () => {
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    const app = new Hono();
    app.post("/flag", sValidator("json", standardSchema(validateFlagCustomerRequest)), (c) => {
      const body = c.req.valid("json");
      expectTypeOf(body).toEqualTypeOf<FlagCustomerRequest>();
      return c.json({ flagged: body.customer });
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: unknown) => fetch(`${base}/flag`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("passes a valid body to the route and answers 400 with the issues' paths for an invalid one", async () => {
    const ok = await post({ bank: "5d8a3e3c9f1b2a0012345678", customer: "5d8a3e3c9f1b2a0087654321" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ flagged: "5d8a3e3c9f1b2a0087654321" });
    const bad = await post({ bank: 7 });
    expect(bad.status).toBe(400);
    const reply = (await bad.json()) as { success: boolean; error: Array<{ path: unknown[] }> };
    expect(reply.success).toBe(false);
    expect(reply.error.map((i) => i.path).sort()).toEqual([["bank"], ["customer"]]);
  });
});
