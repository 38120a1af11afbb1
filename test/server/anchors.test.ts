/**
 * The server of fixture anchors on 127.0.0.1: request bodies and replies are checked against the schemas
 * their anchor refs name (`#Pet`, `#PetName`, `./schemas/tags.yaml#Tag`, an operation's `#NewPet`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, createMockHandlers, toNodeListener, type AnchorsHandlers } from "../fixtures/anchors/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

let reply: unknown = {};
const handlers: AnchorsHandlers = {
  ...createMockHandlers(),
  createPet: () => ({ status: 201, body: reply as never }),
};

let server: Listening;
beforeAll(async () => {
  server = await listen(toNodeListener(createHandler(handlers, { validateResponses: true, onError: () => undefined })));
});
afterAll(() => server.close());

const send = (method: string, path: string, body: unknown) => raw(server.port, method, path, { "content-type": "application/json" }, JSON.stringify(body));

describe("anchor refs, served", () => {
  it("checks request bodies against what the anchors name", async () => {
    reply = { id: 1, name: "Rex" };
    expect((await send("POST", "/pets", { name: "Rex", tag: "dog" })).status).toBe(201);
    const short = await send("POST", "/pets", { name: "" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(json(short))).toContain("/name");
    expect((await send("POST", "/pets", { name: "Rex", tag: "cow" })).status).toBe(400);
    expect((await send("PUT", "/pets/drafts", { name: "Rex" })).status).toBe(204);
    expect((await send("PUT", "/pets/drafts", { tag: "cat" })).status).toBe(400);
  });

  it("checks replies against them too: a recursive Pet whose parent has no name is a 500", async () => {
    reply = { id: 1, name: "Rex", parent: { id: 2, name: "Max" } };
    expect((await send("POST", "/pets", { name: "Rex" })).status).toBe(201);
    reply = { id: 1, name: "Rex", parent: { id: 2 } };
    expect((await send("POST", "/pets", { name: "Rex" })).status).toBe(500);
  });
});
