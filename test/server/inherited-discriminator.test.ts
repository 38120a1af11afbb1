/**
 * The server and client of fixture inherited-discriminator (a discriminator on `Pet`, which `Cat`, `Dog`
 * and `Puppy` extend through allOf), on 127.0.0.1: a request body or response typed as the base is checked
 * as the child its tag names, so a "Cat" without Cat's required field is a 400 (a 500 as a reply) and a
 * client validating responses refuses it; a kind no schema names still passes as a Pet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, createMockHandlers, toNodeListener, type InheritedDiscriminatorHandlers } from "../fixtures/inherited-discriminator/generated/src/server.js";
import { createInheritedDiscriminatorClient, ResponseValidationError } from "../fixtures/inherited-discriminator/generated/src/client.js";
import { responseValidators } from "../fixtures/inherited-discriminator/generated/src/validators.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const received: unknown[] = [];
let listed: unknown[] = [];
const handlers: InheritedDiscriminatorHandlers = {
  ...createMockHandlers(),
  listPets: () => ({ status: 200, body: listed as never }),
  addPet: ({ body }) => {
    received.push(body);
    return { status: 201, body };
  },
};

let server: Listening;
const errors: unknown[] = [];
beforeAll(async () => {
  server = await listen(toNodeListener(createHandler(handlers, { validateResponses: true, onError: (e) => void errors.push(e) })));
});
afterAll(() => server.close());

const post = (body: unknown) => raw(server.port, "POST", "/pets", { "content-type": "application/json" }, JSON.stringify(body));

describe("a base schema with an inherited discriminator, served", () => {
  it("checks a request body typed as the base as the child its tag names", async () => {
    received.length = 0;
    const bad = await post({ name: "Tom", petType: "Cat" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(json(bad))).toContain("/huntingSkill");
    expect(received).toEqual([]);
    const puppy = { name: "Bit", petType: "Puppy", packSize: 1, ageWeeks: 9 };
    expect((await post(puppy)).status).toBe(201);
    expect((await post({ ...puppy, ageWeeks: 99 })).status).toBe(400);
    expect((await post({ name: "Nemo", petType: "Fish" })).status).toBe(201);
    expect(received).toEqual([puppy, { name: "Nemo", petType: "Fish" }]);
  });

  it("answers 500 for a reply whose child is incomplete, and a validating client refuses it", async () => {
    listed = [{ name: "Tom", petType: "Cat", huntingSkill: "lazy" }, { name: "Rex", petType: "Dog" }];
    errors.length = 0;
    expect((await raw(server.port, "GET", "/pets")).status).toBe(500);
    expect(errors).toHaveLength(1);

    const plain = await listen(toNodeListener(createHandler(handlers)));
    try {
      const api = createInheritedDiscriminatorClient({ baseUrl: plain.url, validateResponses: responseValidators });
      const error = await api.listPets().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ issues: [expect.objectContaining({ path: "/1/packSize", keyword: "required" })] });
      listed = [{ name: "Rex", petType: "Dog", packSize: 2 }];
      expect(await api.listPets()).toEqual(listed);
    } finally {
      await plain.close();
    }
  });
});
