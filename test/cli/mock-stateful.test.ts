/**
 * `specforge mock --stateful`: the mock keeps what it is sent, per resource and scope (json-server,
 * Mockoon's CRUD routes), each answer still in the spec's shape and checked by its schema; an id never
 * stored, `Prefer` and a mock without the flag answer as before. A real mock process on 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startServingCli, stderrLines, until, type ServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";
import { listen } from "../server/helpers.js";

const SPEC = `openapi: 3.1.0
info: { title: Pets, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - { name: offset, in: query, schema: { type: integer, minimum: 0 } }
        - { name: limit, in: query, schema: { type: integer, minimum: 1 } }
        - { name: status, in: query, schema: { type: string } }
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Pet" } }
              example: [{ id: 1, name: Rex, status: available }]
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewPet" }
      responses:
        "201":
          description: created
          headers:
            Location: { required: true, schema: { type: string } }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
              example: { id: 1, name: Rex, status: available }
  /pets/{petId}:
    parameters:
      - { name: petId, in: path, required: true, schema: { type: integer } }
    get:
      operationId: getPet
      responses:
        "200":
          description: a pet
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
              examples:
                rex: { value: { id: 1, name: Rex, status: available } }
                tom: { value: { id: 2, name: Tom, status: sold } }
        "404":
          description: no such pet
          content:
            application/json:
              schema: { type: object, properties: { message: { type: string } } }
              example: { message: no such pet }
    put:
      operationId: replacePet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewPet" }
      responses:
        "200":
          description: replaced
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
    patch:
      operationId: updatePet
      requestBody:
        required: true
        content:
          application/merge-patch+json:
            schema: { type: object }
      responses:
        "200":
          description: updated, wrapped
          content:
            application/json:
              schema: { type: object, required: [data], properties: { data: { $ref: "#/components/schemas/Pet" } } }
    delete:
      operationId: deletePet
      responses:
        "204": { description: deleted }
  /users/{userId}/toys:
    parameters:
      - { name: userId, in: path, required: true, schema: { type: string } }
    get:
      operationId: listToys
      responses:
        "200":
          description: a user's toys
          content:
            application/json:
              schema:
                type: object
                required: [items, total]
                properties:
                  items: { type: array, items: { $ref: "#/components/schemas/Toy" } }
                  total: { type: integer }
    post:
      operationId: createToy
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [label], properties: { label: { type: string }, secret: { type: string } } }
      responses:
        "200":
          description: created
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Toy" }
  /users/{userId}/toys/{toyId}:
    parameters:
      - { name: userId, in: path, required: true, schema: { type: string } }
      - { name: toyId, in: path, required: true, schema: { type: string } }
    get:
      operationId: getToy
      responses:
        "200":
          description: a toy
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Toy" }
    delete:
      operationId: deleteToy
      responses:
        "204": { description: deleted }
  /orders:
    post:
      operationId: createOrder
      requestBody:
        content:
          application/json:
            schema: { type: object }
      responses:
        "201":
          description: created
          content:
            application/json:
              schema: { type: object, properties: { total: { type: number } } }
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: an order
          content:
            application/json:
              schema: { type: object, properties: { total: { type: number } } }
components:
  schemas:
    Pet:
      type: object
      additionalProperties: false
      required: [id, name, status]
      properties:
        id: { type: integer, readOnly: true }
        name: { type: string, maxLength: 20 }
        status: { type: string, enum: [available, sold] }
    NewPet:
      type: object
      required: [name]
      properties:
        name: { type: string }
        status: { type: string, enum: [available, sold] }
    Toy:
      type: object
      required: [toyId, label, userId]
      properties:
        toyId: { type: string, format: uuid }
        label: { type: string }
        userId: { type: string }
        secret: { type: string, writeOnly: true }
`;

/** GitHub's issues as its spec has them: the request's members shaped unlike the answer's, PATCH answering an allOf. */
const ISSUES = `openapi: 3.1.0
info: { title: Issues, version: "1" }
paths:
  /issues:
    get:
      operationId: listIssues
      parameters:
        - { name: state, in: query, schema: { type: string, enum: [open, closed, all] } }
        - { name: labels, in: query, schema: { type: string } }
        - { name: assignee, in: query, schema: { type: string } }
        - { name: title, in: query, schema: { type: string } }
        - { name: tags, in: query, schema: { type: string } }
        - { name: number, in: query, schema: { type: string } }
      responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Issue" } } } } } }
    post:
      operationId: createIssue
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [title], properties: { title: { type: string }, assignees: { type: array, items: { type: string } }, milestone: { type: [integer, string, "null"] } } }
      responses:
        "201":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Issue" }
              example: { number: 1, title: Found a bug, state: open, assignees: [{ login: hubot }], milestone: null }
        "422": { description: invalid, content: { application/json: { schema: { type: object, properties: { message: { type: string } } }, example: { message: Validation Failed } } } }
  /issues/{issue_number}:
    parameters: [{ name: issue_number, in: path, required: true, schema: { type: integer } }]
    get:
      operationId: getIssue
      responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Issue" } } } } }
    patch:
      operationId: updateIssue
      requestBody: { content: { application/json: { schema: { type: object } }, application/merge-patch+json: { schema: { type: object } } } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { allOf: [{ $ref: "#/components/schemas/Issue" }, { type: object, properties: { note: { type: string } } }] }
              example: { number: 1, title: Example, state: open, assignees: [], milestone: null, note: from the spec }
components:
  schemas:
    User: { type: object, required: [login], properties: { login: { type: string } } }
    Milestone: { type: object, required: [number], properties: { number: { type: integer } } }
    Issue:
      type: object
      required: [number, title, state, assignees, milestone]
      properties:
        number: { type: integer }
        title: { type: string }
        state: { type: string, description: "either open or closed" }
        assignees: { type: array, items: { $ref: "#/components/schemas/User" } }
        assignee: { anyOf: [{ $ref: "#/components/schemas/User" }, { type: "null" }] }
        milestone: { anyOf: [{ $ref: "#/components/schemas/Milestone" }, { type: "null" }] }
        labels: { type: array, items: { type: object, properties: { name: { type: string } } } }
        tags: { type: array, items: { type: string } }
`;

const running: ServingCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

const written = (text: string) => fileWriter(tempDir())("pets.yaml", text);

/** The mock of `spec` (SPEC by default) on its own port, with its stdout and stderr lines. */
async function mock(args: string[], spec = written(SPEC)): Promise<ServingCli & { errors: string[] }> {
  const cli = await startServingCli("mock", [spec, "--port", "0", ...args]);
  running.push(cli);
  const errors = stderrLines(cli.child);
  return { ...cli, errors };
}

async function call(url: string, init: RequestInit = {}): Promise<[number, unknown]> {
  const res = await fetch(url, init);
  const text = await res.text();
  return [res.status, text ? JSON.parse(text) : undefined];
}

const send = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({ method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("specforge mock --stateful", () => {
  it("creates, reads, lists, patches, replaces and deletes; the start names the resources and those without a key", async () => {
    const { url, lines, errors } = await mock(["--stateful"]);
    expect(lines[0]).toBe("specforge mock: stateful: /pets/{petId} (key id), /users/{userId}/toys/{toyId} (key toyId); not stateful: /orders/{orderId}: no property orderId, id or one ending in Id that names it in its entity");
    // untouched: the spec's answers; PATCH of an id never stored changes nothing there
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Rex", status: "available" }]]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Rex", status: "available" }]);
    // (the spec has no example there: data made from the schema)
    expect(await call(`${url}/pets/7`, send("PATCH", { name: "Zed" }, { "content-type": "application/merge-patch+json" }))).toEqual([200, { data: { id: 1, name: "string", status: "available" } }]);
    expect(await call(`${url}/pets/7`)).toEqual([200, { id: 1, name: "Rex", status: "available" }]);

    // created: the key first, numbered; what the body lacks and the entity requires from the spec's answer
    const created = await fetch(`${url}/pets`, send("POST", { name: "Tom" }));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/pets/1");
    expect(JSON.stringify(await created.json())).toBe('{"id":1,"name":"Tom","status":"available"}');
    expect(await call(`${url}/pets`, send("POST", { name: "Kat", status: "sold" }))).toEqual([201, { id: 2, name: "Kat", status: "sold" }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", status: "available" }]);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Tom", status: "available" }, { id: 2, name: "Kat", status: "sold" }]]);
    expect(await call(`${url}/pets?offset=1&limit=1`)).toEqual([200, [{ id: 2, name: "Kat", status: "sold" }]]);
    // a query parameter named as a property filters, as json-server's
    expect(await call(`${url}/pets?status=sold`)).toEqual([200, [{ id: 2, name: "Kat", status: "sold" }]]);
    // once written, an id never stored is not found, as json-server's and Mockoon's (the documented 404)
    expect(await call(`${url}/pets/7`)).toEqual([404, { message: "no such pet" }]);
    expect((await call(`${url}/pets/7`, send("PATCH", { name: "Zed" }, { "content-type": "application/merge-patch+json" })))[0]).toBe(404);
    expect((await call(`${url}/pets/7`, { method: "DELETE" }))[0]).toBe(404);

    // PATCH merges (RFC 7396), in the answer's wrapper; the key stays the path's
    expect(await call(`${url}/pets/1`, send("PATCH", { status: "sold", id: 9 }, { "content-type": "application/merge-patch+json" }))).toEqual([200, { data: { id: 1, name: "Tom", status: "sold" } }]);
    // PUT replaces: what it lacks and the entity requires from the stored one
    expect(await call(`${url}/pets/1`, send("PUT", { name: "Tim" }))).toEqual([200, { id: 1, name: "Tim", status: "sold" }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tim", status: "sold" }]);
    // DELETE: its documented 204, then the documented 404 (a problem where none is documented: below)
    expect(await call(`${url}/pets/1`, { method: "DELETE" })).toEqual([204, undefined]);
    expect(await call(`${url}/pets/1`)).toEqual([404, { message: "no such pet" }]);
    expect((await call(`${url}/pets/1`, send("PATCH", { name: "Zed" }, { "content-type": "application/merge-patch+json" })))[0]).toBe(404);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 2, name: "Kat", status: "sold" }]]);
    // PUT creates it again (RFC 9110 §9.3.4)
    expect(await call(`${url}/pets/1`, send("PUT", { name: "Tim" }))).toEqual([200, { id: 1, name: "Tim", status: "available" }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tim", status: "available" }]);
    // a key already held: 409, a problem (the operation documents none)
    const [status, problem] = await call(`${url}/pets`, send("POST", { name: "Ann", id: 2 }));
    expect([status, (problem as { detail: string }).detail]).toEqual([409, "The mock already holds /pets/2: PUT replaces it."]);
    expect(errors).toEqual([]);
  });

  it("keeps each parent's entities apart, makes UUID keys, fills the parent's value, answers no writeOnly member and a problem 404", async () => {
    const { url } = await mock(["--stateful"]);
    const [, a] = (await call(`${url}/users/ann/toys`, send("POST", { label: "ball", secret: "s3cret" }))) as [number, { toyId: string }];
    expect(a).toEqual({ toyId: expect.stringMatching(UUID), label: "ball", userId: "ann" });
    expect((await call(`${url}/users/bob/toys`, send("POST", { label: "kite" })))[1]).toMatchObject({ label: "kite", userId: "bob" });
    expect(await call(`${url}/users/ann/toys`)).toEqual([200, { items: [a], total: 1 }]);
    expect(await call(`${url}/users/ann/toys/${a.toyId}`)).toEqual([200, a]);
    // not bob's: not found in his scope, written; a scope never written answers the spec's example
    const [notBobs, problem404] = await call(`${url}/users/bob/toys/${a.toyId}`);
    expect([notBobs, (problem404 as { detail: string }).detail]).toEqual([404, `The mock's /users/bob/toys/${a.toyId} was never stored: this scope has had a write, so only what it holds is found.`]);
    expect((await call(`${url}/users/cid/toys/${a.toyId}`))[0]).toBe(200);
    // DELETE of an id never stored where nothing was written: the spec's 204, and the scope is written from then on
    expect((await call(`${url}/users/dan/toys/${a.toyId}`, { method: "DELETE" }))[0]).toBe(204);
    expect((await call(`${url}/users/dan/toys/${a.toyId}`))[0]).toBe(404);
    expect(await call(`${url}/users/dan/toys`)).toEqual([200, { items: [], total: 0 }]);
    expect((await call(`${url}/users/ann/toys/${a.toyId}`, { method: "DELETE" }))[0]).toBe(204);
    const [status, problem] = await call(`${url}/users/ann/toys/${a.toyId}`);
    expect([status, (problem as { detail: string }).detail]).toEqual([404, `The mock's /users/ann/toys/${a.toyId} was deleted.`]);
    expect(await call(`${url}/users/ann/toys`)).toEqual([200, { items: [], total: 0 }]);
    expect((await call(`${url}/users/bob/toys`))[1]).toMatchObject({ total: 1 });
  });

  it("refuses a write it cannot keep (422, a problem naming the member), keeping nothing; drops the members a closed entity does not declare", async () => {
    const { url, errors } = await mock(["--stateful"]);
    // the request's schema takes any member, the answer's key is an integer: a key sent is the client's, never replaced
    const [status, problem] = await call(`${url}/pets`, send("POST", { name: "Tom", id: "abc" }));
    expect([status, (problem as { title: string }).title, (problem as { detail: string }).detail]).toEqual([422, "Unprocessable Content", "The created entity does not fit the 201 answer's schema (/id must be integer): nothing was kept."]);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Rex", status: "available" }]]);
    // Pet has additionalProperties: false: a member it does not declare is ignored, as a real API ignores it
    expect(await call(`${url}/pets`, send("POST", { name: "Tom", color: "red" }))).toEqual([201, { id: 1, name: "Tom", status: "available" }]);
    expect(await call(`${url}/pets/1`, send("PUT", { name: "Tom", color: "red" }))).toEqual([200, { id: 1, name: "Tom", status: "available" }]);
    expect(await call(`${url}/pets/1`, send("PATCH", { color: "red" }, { "content-type": "application/merge-patch+json" }))).toEqual([200, { data: { id: 1, name: "Tom", status: "available" } }]);
    expect(errors).toEqual([]);
    // a patch that removes what the answer requires, or a name the answer's schema takes not: the member kept as stored
    expect(await call(`${url}/pets/1`, send("PATCH", { status: null, name: "a name far too long for a pet" }, { "content-type": "application/merge-patch+json" }))).toEqual([200, { data: { id: 1, name: "Tom", status: "available" } }]);
    // (the request's schema takes any name, the answer's at most 20 characters): the spec's answer's where none is stored
    expect(await call(`${url}/pets`, send("POST", { name: "a name far too long for a pet" }))).toEqual([201, { id: 2, name: "Rex", status: "available" }]);
    await until(() => errors.length >= 3);
    expect(errors).toEqual([
      "updatePet: the patched entity 1 does not fit the 200 answer's schema (/data/status is required): its member status kept as stored",
      "updatePet: the patched entity 1 does not fit the 200 answer's schema (/data/name must have at most 20 characters): its member name kept as stored",
      "createPet: the created entity does not fit the 201 answer's schema (/name must have at most 20 characters): its member name taken from the spec's answer",
    ]);
  });

  it("refuses a write answering no body whose entity the item GET could not answer (422)", async () => {
    const bodiless = SPEC.replace(/(\n {8}"201":\n {10}description: created\n)(?: {10}.*\n| {12}.*\n| {14}.*\n)+/, "$1");
    expect(bodiless).not.toBe(SPEC);
    const { url, errors } = await mock(["--stateful"], written(bodiless));
    const [status, problem] = await call(`${url}/pets`, send("POST", { name: "Tom", id: "abc" }));
    expect([status, (problem as { detail: string }).detail]).toEqual([422, "The entity would not fit getPet's 200 answer's schema (/id must be integer): nothing was kept."]);
    expect(await call(`${url}/pets`, send("POST", { name: "Tom" }))).toEqual([201, undefined]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", status: "available" }]);
    expect(errors).toEqual([]);
  });

  it("leaves an entity kept unchecked (no item GET, its POST answering no body) that does not fit out of the list, with one stderr line", async () => {
    const spec = `openapi: 3.1.0
info: { title: Notes, version: "1" }
paths:
  /notes:
    get:
      operationId: listNotes
      responses: { "200": { description: notes, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Note" } } } } } }
    post:
      operationId: createNote
      requestBody: { content: { application/json: { schema: { type: object, properties: { title: { type: string } } } } } }
      responses: { "201": { description: made } }
  /notes/{id}:
    delete:
      operationId: deleteNote
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { "204": { description: gone } }
components:
  schemas:
    Note: { type: object, required: [id], properties: { id: { type: integer }, title: { type: string, maxLength: 5 } } }
`;
    const { url, errors } = await mock(["--stateful"], written(spec));
    expect((await call(`${url}/notes`, send("POST", { title: "far too long" })))[0]).toBe(201);
    expect((await call(`${url}/notes`, send("POST", { title: "ok" })))[0]).toBe(201);
    expect(await call(`${url}/notes`)).toEqual([200, [{ id: 2, title: "ok" }]]);
    await until(() => errors.length > 0);
    expect(errors).toEqual(["listNotes: the stored entity 1 does not fit the 200 answer's schema: left out of the list"]);
  });

  it("lets Prefer (and __code, __example) ask for the spec's answers, which change nothing", async () => {
    const { url } = await mock(["--stateful"]);
    expect((await call(`${url}/pets`, send("POST", { name: "Tom" })))[0]).toBe(201);
    expect(await call(`${url}/pets/1`, { headers: { prefer: "example=tom" } })).toEqual([200, { id: 2, name: "Tom", status: "sold" }]);
    expect(await call(`${url}/pets/1?__code=404`)).toEqual([404, { message: "no such pet" }]);
    expect(await call(`${url}/pets/1?__example=rex`)).toEqual([200, { id: 1, name: "Rex", status: "available" }]);
    expect(await call(`${url}/pets`, send("POST", { name: "Kat" }, { prefer: "code=201" }))).toEqual([201, { id: 1, name: "Rex", status: "available" }]);
    expect(await call(`${url}/pets/1`, { method: "DELETE", headers: { prefer: "code=204" } })).toEqual([204, undefined]);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Tom", status: "available" }]]);
  });

  it("works with --dynamic: the kept entities as they were, made-up values where nothing is kept", async () => {
    const { url } = await mock(["--stateful", "--dynamic", "--seed", "5"]);
    const [status, created] = (await call(`${url}/pets`, send("POST", { name: "Tom" }))) as [number, { id: number; status: string }];
    expect([status, created]).toEqual([201, { id: 1, name: "Tom", status: expect.stringMatching(/^(available|sold)$/) }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, created]);
    expect(await call(`${url}/pets/1`)).toEqual([200, created]);
    expect(await call(`${url}/pets`)).toEqual([200, [created]]);
    expect((await call(`${url}/pets/5`))[0]).toBe(404);
  });

  it("sends an operation's callbacks with the stateful answer: the new key where the URL reads the response", async () => {
    const seen: string[] = [];
    const receiver = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(204).end();
    });
    try {
      const spec = `openapi: 3.1.0
info: { title: Hooks, version: "1" }
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, required: [callbackUrl], properties: { callbackUrl: { type: string } } } } }
      responses:
        "201":
          description: created
          content: { application/json: { schema: { $ref: "#/components/schemas/Pet" }, example: { id: 41, callbackUrl: "http://example.com" } } }
      callbacks:
        created:
          "{$request.body#/callbackUrl}/pets/{$response.body#/id}":
            post:
              responses: { "204": { description: seen } }
  /pets/{petId}:
    get:
      operationId: getPet
      parameters: [{ name: petId, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: a pet, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
components:
  schemas:
    Pet: { type: object, required: [id], properties: { id: { type: integer }, callbackUrl: { type: string } } }
`;
      const { url } = await mock(["--stateful"], written(spec));
      expect(await call(`${url}/pets`, send("POST", { callbackUrl: receiver.url }))).toEqual([201, { id: 1, callbackUrl: receiver.url }]);
      await until(() => seen.length > 0);
      expect(seen).toEqual(["POST /pets/1"]);
    } finally {
      await receiver.close();
    }
  });

  it("forgets on a --watch reload, and says again what it keeps", async () => {
    const spec = written(SPEC);
    const { url, lines, errors } = await mock(["--stateful", "--watch"], spec);
    await until(() => errors.some((e) => e.includes("watching")), 15_000);
    expect((await call(`${url}/pets`, send("POST", { name: "Tom" })))[0]).toBe(201);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Tom", status: "available" }]]);
    writeFileSync(spec, SPEC.replace('version: "1"', 'version: "2"'));
    await until(() => lines.includes("specforge mock: reloaded, Pets 2 (12 operations)"), 30_000);
    expect(lines.filter((l) => l.startsWith("specforge mock: stateful: /pets/{petId} (key id)"))).toHaveLength(2);
    expect(await call(`${url}/pets`)).toEqual([200, [{ id: 1, name: "Rex", status: "available" }]]);
  });

  it("without --stateful nothing is kept; a spec without resources says so on start", async () => {
    const plain = await mock([]);
    expect(plain.lines[0]).toMatch(/^specforge mock: Pets 1 \(12 operations\) listening on /);
    expect((await call(`${plain.url}/pets`, send("POST", { name: "Tom" })))[1]).toEqual({ id: 1, name: "Rex", status: "available" });
    expect(await call(`${plain.url}/pets`)).toEqual([200, [{ id: 1, name: "Rex", status: "available" }]]);
    expect((await call(`${plain.url}/pets/1`, { method: "DELETE" }))[0]).toBe(204);
    expect((await call(`${plain.url}/pets/1`))[0]).toBe(200);
    const none = await mock(["--stateful"], written(SPEC.replace(/\n {2}\/pets:[\s\S]*?\n {2}\/orders:/, "\n  /orders:")));
    expect(none.lines[0]).toBe("specforge mock: --stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /orders/{orderId}: no property orderId, id or one ending in Id that names it in its entity");
  });

  it("pages a cursor list by the state (the next cursor, has_more) and a Link-paged one by page and per_page, with its Link header", async () => {
    const spec = `openapi: 3.1.0
info: { title: Paged, version: "1" }
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - { name: cursor, in: query, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      x-pagination: { kind: cursor, cursor: { in: query, name: cursor }, items: /data, nextCursor: /meta/next, hasNextPage: /has_more }
      responses:
        "200":
          description: things
          content:
            application/json:
              schema:
                type: object
                required: [data, has_more, meta]
                properties:
                  data: { type: array, items: { $ref: "#/components/schemas/Thing" } }
                  has_more: { type: boolean }
                  meta: { type: object, properties: { next: { type: [string, "null"] }, total: { type: integer } } }
              example: { data: [{ id: 9 }], has_more: true, meta: { next: abc, total: 40 } }
    post:
      operationId: createThing
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } } }
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { "200": { description: a thing, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } } }
  /hooks:
    get:
      operationId: listHooks
      parameters:
        - { name: per_page, in: query, schema: { type: integer, default: 2 } }
        - { name: page, in: query, schema: { type: integer, default: 1 } }
      responses:
        "200":
          description: hooks
          headers: { Link: { schema: { type: string }, example: '<https://api.example.com/hooks?page=2>; rel="next"' } }
          content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Thing" } } } }
    post:
      operationId: createHook
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } } }
  /hooks/{hook_id}:
    get:
      operationId: getHook
      parameters: [{ name: hook_id, in: path, required: true, schema: { type: integer } }]
      responses: { "200": { description: a hook, content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } } }
components:
  schemas:
    Thing: { type: object, required: [id], properties: { id: { type: integer } } }
`;
    const { url, errors } = await mock(["--stateful"], written(spec));
    for (let i = 0; i < 5; i++) {
      expect((await call(`${url}/things`, send("POST", {})))[0]).toBe(201);
      expect((await call(`${url}/hooks`, send("POST", {})))[0]).toBe(201);
    }
    // a client following the next cursor until has_more is false sees each thing once
    const seen: unknown[] = [];
    const pages: unknown[] = [];
    let next: string | null = null;
    do {
      const [, page] = (await call(`${url}/things?limit=2${next === null ? "" : `&cursor=${next}`}`)) as [number, { data: Array<{ id: number }>; has_more: boolean; meta: { next: string | null; total: number } }];
      seen.push(...page.data.map((t) => t.id));
      pages.push({ has_more: page.has_more, meta: page.meta });
      next = page.has_more ? page.meta.next : null;
    } while (next !== null && pages.length < 10);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(pages).toEqual([{ has_more: true, meta: { next: "2", total: 5 } }, { has_more: true, meta: { next: "4", total: 5 } }, { has_more: false, meta: { next: null, total: 5 } }]);
    // the Link header asks for the next page while pages are left (per_page's default 2), none after the last
    const first = await fetch(`${url}/hooks`);
    expect([await first.json(), first.headers.get("link")]).toEqual([[{ id: 1 }, { id: 2 }], '</hooks?page=2&per_page=2>; rel="next"']);
    const second = await fetch(`${url}/hooks?per_page=2&page=2`);
    expect([await second.json(), second.headers.get("link")]).toEqual([[{ id: 3 }, { id: 4 }], '</hooks?per_page=2&page=3>; rel="next"']);
    const last = await fetch(`${url}/hooks?per_page=2&page=3`);
    expect([await last.json(), last.headers.get("link")]).toEqual([[{ id: 5 }], null]);
    expect(errors).toEqual([]);
  });

  it("makes keys that fit the key's schema: the example's prefix and a counter, the pattern's sample's, zero-padded", async () => {
    const spec = `openapi: 3.1.0
info: { title: Keys, version: "1" }
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Order" }, example: { id: ORD-2024-0007, total: 3 } } } } }
  /orders/{orderId}:
    get:
      operationId: getOrder
      parameters: [{ name: orderId, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: an order, content: { application/json: { schema: { $ref: "#/components/schemas/Order" } } } } }
  /customers:
    post:
      operationId: createCustomer
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "200": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Customer" } } } } }
  /customers/{customer_id}:
    get:
      operationId: getCustomer
      parameters: [{ name: customer_id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: a customer, content: { application/json: { schema: { $ref: "#/components/schemas/Customer" } } } } }
components:
  schemas:
    Order: { type: object, required: [id, total], properties: { id: { type: string, pattern: "^ORD-[0-9]{4}-[0-9]{4}$" }, total: { type: integer } } }
    Customer: { type: object, required: [id], properties: { id: { type: string, pattern: "^cus_[a-z0-9]+$", minLength: 10 } } }
`;
    const { url, lines, errors } = await mock(["--stateful"], written(spec));
    expect(lines[0]).toBe("specforge mock: stateful: /orders/{orderId} (key id), /customers/{customer_id} (key id)");
    expect(await call(`${url}/orders`, send("POST", {}))).toEqual([201, { id: "ORD-2024-0001", total: 3 }]);
    expect(await call(`${url}/orders`, send("POST", { total: 5 }))).toEqual([201, { id: "ORD-2024-0002", total: 5 }]);
    expect(await call(`${url}/orders/ORD-2024-0002`)).toEqual([200, { id: "ORD-2024-0002", total: 5 }]);
    const [status, customer] = (await call(`${url}/customers`, send("POST", {}))) as [number, { id: string }];
    expect([status, customer.id]).toEqual([200, "cus_000001"]);
    expect(await call(`${url}/customers/${customer.id}`)).toEqual([200, customer]);
    // a key already held: the 409's message clips it
    const long = `cus_${"a".repeat(5000)}`;
    expect((await call(`${url}/customers`, send("POST", { id: long })))[0]).toBe(200);
    const [held, problem] = await call(`${url}/customers`, send("POST", { id: long }));
    expect([held, (problem as { detail: string }).detail]).toEqual([409, `The mock already holds /customers/cus_${"a".repeat(57)}...: PUT replaces it.`]);
    expect(errors).toEqual([]);
  });

  it("answers a path that is one resource's item and another's collection from both (each wraps the one before)", async () => {
    const spec = `openapi: 3.1.0
info: { title: Gists, version: "1" }
paths:
  /gists:
    post:
      operationId: createGist
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Gist" } } } } }
  /gists/{gist_id}:
    parameters: [{ name: gist_id, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getGist
      responses: { "200": { description: a gist, content: { application/json: { schema: { $ref: "#/components/schemas/Gist" }, example: { id: "0", description: spec, revisions: [] } } } } }
  /gists/{gist_id}/{sha}:
    parameters:
      - { name: gist_id, in: path, required: true, schema: { type: string } }
      - { name: sha, in: path, required: true, schema: { type: string } }
    get:
      operationId: getRevision
      responses: { "200": { description: a revision, content: { application/json: { schema: { $ref: "#/components/schemas/Revision" } } } } }
    put:
      operationId: putRevision
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "200": { description: kept, content: { application/json: { schema: { $ref: "#/components/schemas/Revision" } } } } }
components:
  schemas:
    Gist: { type: object, required: [id], properties: { id: { type: string }, description: { type: string }, revisions: { type: array, items: { $ref: "#/components/schemas/Revision" } } } }
    Revision: { type: object, required: [sha], properties: { sha: { type: string }, note: { type: string } } }
`;
    const { url, lines, errors } = await mock(["--stateful"], written(spec));
    expect(lines[0]).toBe("specforge mock: stateful: /gists/{gist_id} (key id), /gists/{gist_id}/{sha} (key sha)");
    expect(await call(`${url}/gists`, send("POST", { description: "mine", revisions: [] }))).toEqual([201, { id: "1", description: "mine", revisions: [] }]);
    expect(await call(`${url}/gists/1`)).toEqual([200, { id: "1", description: "mine", revisions: [] }]);
    expect(await call(`${url}/gists/1/abc`, send("PUT", { note: "n" }))).toEqual([200, { sha: "abc", note: "n" }]);
    // the stored gist, its revisions those kept
    expect(await call(`${url}/gists/1`)).toEqual([200, { id: "1", description: "mine", revisions: [{ sha: "abc", note: "n" }] }]);
    expect(errors).toEqual([]);
  });

  it("keeps bankingservice's customers per profile, paged as its x-pagination says (specs/bankingservice.yaml)", async () => {
    const { url, lines } = await mock(["--stateful"], "specs/bankingservice.yaml");
    expect(lines[0]).toBe("specforge mock: stateful: /v1/profiles/{profileId}/customers/{customerId} (key id)");
    const auth = { authorization: "Bearer x" };
    const customers = (profile: string) => `${url}/v1/profiles/${profile}/customers`;
    const [status, ann] = await call(customers("p1"), send("POST", { first_name: "Ann" }, auth));
    // the rest of what Customer requires from the documented answer's example
    expect([status, ann]).toEqual([200, expect.objectContaining({ id: "1", first_name: "Ann", last_name: "Doe", created: "2024-09-25T12:01:00.103Z" })]);
    const bob = (await call(customers("p1"), send("POST", { first_name: "Bob" }, auth)))[1];
    expect((await call(customers("p2"), send("POST", { first_name: "Cid" }, auth)))[1]).toMatchObject({ id: "3" });
    // zero-based pages (firstPage: 0), the page's numbers set where x-pagination and the parameters' names point
    expect(await call(`${customers("p1")}?page=1&size=1`, { headers: auth })).toEqual([200, { page: 1, pages: 2, size: 1, count: 2, data: [bob] }]);
    expect(await call(`${customers("p1")}/1`, { headers: auth })).toEqual([200, ann]);
    // DELETE answers the removed customer, as its schema says
    expect(await call(`${customers("p1")}/1`, { method: "DELETE", headers: auth })).toEqual([200, ann]);
    expect((await call(`${customers("p1")}/1`, { headers: auth }))[0]).toBe(404);
    expect((await call(customers("p1"), { headers: auth }))[1]).toEqual({ page: 0, pages: 1, size: 20, count: 1, data: [bob] });
    expect((await call(customers("p2"), { headers: auth }))[1]).toMatchObject({ count: 1, data: [{ id: "3", first_name: "Cid" }] });
  });
  it("keeps a sent member shaped unlike the answer's as it was (GitHub's assignees as logins), with one stderr line; a plain JSON PATCH's null sets null", async () => {
    const { url, errors } = await mock(["--stateful"], written(ISSUES));
    const merge = { "content-type": "application/merge-patch+json" };
    // assignees are logins in the request, users in the answer; milestone a number, an object in the answer
    expect(await call(`${url}/issues`, send("POST", { title: "a", assignees: ["octocat"], milestone: 1, assignee: { login: "ann" } }))).toEqual([201, { number: 1, title: "a", state: "open", assignees: [{ login: "hubot" }], milestone: null, assignee: { login: "ann" } }]);
    await until(() => errors.length >= 2);
    expect(errors).toEqual([
      "createIssue: the created entity does not fit the 201 answer's schema (/assignees/0 must be object): its member assignees taken from the spec's answer",
      "createIssue: the created entity does not fit the 201 answer's schema (/milestone must be object): its member milestone taken from the spec's answer",
    ]);
    // a misfit the stored entity holds a fitting value of: kept as stored
    expect((await call(`${url}/issues/1`, send("PATCH", { title: "b", assignees: ["bob"] })))[0]).toBe(200);
    expect((await call(`${url}/issues/1`))[1]).toMatchObject({ title: "b", assignees: [{ login: "hubot" }] });
    // plain JSON: null is the value where the schema allows it (GitHub's milestone, assignee), not a removal
    expect((await call(`${url}/issues/1`, send("PATCH", { assignee: null })))[0]).toBe(200);
    expect(await call(`${url}/issues/1`)).toEqual([200, { number: 1, title: "b", state: "open", assignees: [{ login: "hubot" }], milestone: null, assignee: null }]);
    // a merge patch's null removes (RFC 7396): what the entity requires is kept as it was
    expect((await call(`${url}/issues/1`, send("PATCH", { assignee: null, milestone: null }, merge)))[0]).toBe(200);
    expect(await call(`${url}/issues/1`)).toEqual([200, { number: 1, title: "b", state: "open", assignees: [{ login: "hubot" }], milestone: null }]);
  });
  it("answers a PATCH whose answer is allOf [the entity, more] (GitHub's issuesUpdate) with the stored entity over the example", async () => {
    const { url, errors } = await mock(["--stateful"], written(ISSUES));
    expect((await call(`${url}/issues`, send("POST", { title: "a" })))[0]).toBe(201);
    // the example's own members (note) stay; the entity's are the state's
    expect(await call(`${url}/issues/1`, send("PATCH", { state: "closed", title: "b" }))).toEqual([200, { number: 1, title: "b", state: "closed", assignees: [{ login: "hubot" }], milestone: null, note: "from the spec" }]);
    expect(await call(`${url}/issues/1`)).toEqual([200, { number: 1, title: "b", state: "closed", assignees: [{ login: "hubot" }], milestone: null }]);
    expect(errors).toEqual([]);
  });
  it("filters a list only by a value its property may hold, a scalar or a list of them (GitHub's ?state=all, ?labels=bug, ?assignee=octocat filter nothing)", async () => {
    const { url } = await mock(["--stateful"], written(ISSUES));
    expect((await call(`${url}/issues`, send("POST", { title: "a", tags: ["x", "y"] })))[0]).toBe(201);
    expect((await call(`${url}/issues`, send("POST", { title: "b", assignee: { login: "octocat" } })))[0]).toBe(201);
    expect((await call(`${url}/issues/2`, send("PATCH", { state: "closed" })))[0]).toBe(200);
    const numbers = async (query: string) => ((await call(`${url}/issues?${query}`))[1] as Array<{ number: number }>).map((i) => i.number);
    // "all", a choice of the parameter's enum, asks for all: an issue's state may be any text (as GitHub's)
    expect(await numbers("state=all")).toEqual([1, 2]);
    expect(await numbers("state=closed")).toEqual([2]);
    // a value the property's schema takes not (an integer's) filters nothing
    expect(await numbers("number=x")).toEqual([1, 2]);
    expect(await numbers("number=2")).toEqual([2]);
    // labels and assignee hold objects: a name or login filters nothing the mock can tell
    expect(await numbers("labels=bug")).toEqual([1, 2]);
    expect(await numbers("assignee=octocat")).toEqual([1, 2]);
    expect(await numbers("title=b")).toEqual([2]);
    // a list of scalars: those holding the value
    expect(await numbers("tags=y")).toEqual([1]);
  });
  it("keeps entities whose key is typed loosely: a number, a uuid without a type", async () => {
    const loose = SPEC.replace("id: { type: integer, readOnly: true }", "id: { type: number, readOnly: true }").replace("toyId: { type: string, format: uuid }", "toyId: { format: uuid }");
    expect(loose).not.toContain("type: integer, readOnly");
    expect(loose).not.toContain("type: string, format: uuid");
    const { url, lines } = await mock(["--stateful"], written(loose));
    expect(lines[0]).toMatch(/^specforge mock: stateful: \/pets\/\{petId\} \(key id\), \/users\/\{userId\}\/toys\/\{toyId\} \(key toyId\);/);
    expect(await call(`${url}/pets`, send("POST", { name: "Tom" }))).toEqual([201, { id: 1, name: "Tom", status: "available" }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", status: "available" }]);
    const [, toy] = (await call(`${url}/users/ann/toys`, send("POST", { label: "ball" }))) as [number, { toyId: string }];
    expect(toy.toyId).toMatch(UUID);
    expect(await call(`${url}/users/ann/toys/${toy.toyId}`)).toEqual([200, toy]);
  });
  it("counts a numeric key from its schema's minimum, by its multipleOf", async () => {
    const bounded = SPEC.replace("id: { type: integer, readOnly: true }", "id: { type: integer, minimum: 1000, multipleOf: 10, readOnly: true }");
    expect(bounded).not.toBe(SPEC);
    const { url, errors } = await mock(["--stateful"], written(bounded));
    expect(await call(`${url}/pets`, send("POST", { name: "Tom" }))).toEqual([201, { id: 1000, name: "Tom", status: "available" }]);
    expect(await call(`${url}/pets`, send("POST", { name: "Kat" }))).toEqual([201, { id: 1010, name: "Kat", status: "available" }]);
    expect(await call(`${url}/pets/1010`)).toEqual([200, { id: 1010, name: "Kat", status: "available" }]);
    expect(errors).toEqual([]);
  });
  it("refuses a write it cannot keep with the operation's documented 422, saying why on stderr", async () => {
    const { url, errors } = await mock(["--stateful"], written(ISSUES));
    // a key sent that the answer's schema takes not: nothing to keep instead
    expect(await call(`${url}/issues`, send("POST", { title: "a", number: "x" }))).toEqual([422, { message: "Validation Failed" }]);
    await until(() => errors.length > 0);
    expect(errors).toEqual(["createIssue: the created entity does not fit the 201 answer's schema (/number must be integer): refused with the documented 422, nothing kept"]);
    // nothing was kept: the next is the first
    expect(await call(`${url}/issues`, send("POST", { title: "b" }))).toEqual([201, expect.objectContaining({ number: 1, title: "b" })]);
    expect((await call(`${url}/issues`))[1]).toEqual([expect.objectContaining({ number: 1 })]);
  });

  it("makes a new entity's id beside its key anew (GitHub's issue id beside its number), as its key would be; an id sent stays", async () => {
    const withIds = ISSUES.replace("required: [number, title, state, assignees, milestone]", "required: [number, id, node, title, state, assignees, milestone]")
      .replace("        number: { type: integer }\n", "        number: { type: integer }\n        id: { type: integer, minimum: 100 }\n        node: { type: object, properties: { id: { type: string, format: uuid } }, required: [id] }\n")
      .replace("example: { number: 1, title: Found a bug,", "example: { number: 1, id: 1347, node: { id: 00000000-0000-4000-8000-000000000000 }, title: Found a bug,")
      .replace("    patch:\n      operationId: updateIssue", '    put:\n      operationId: replaceIssue\n      requestBody: { content: { application/json: { schema: { type: object } } } }\n      responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Issue" } } } } }\n    patch:\n      operationId: updateIssue');
    expect(withIds).toContain("replaceIssue");
    expect(withIds).toContain("id: 1347");
    const { url, errors } = await mock(["--stateful"], written(withIds));
    const first = (await call(`${url}/issues`, send("POST", { title: "a" })))[1] as { number: number; id: number; node: unknown };
    const second = (await call(`${url}/issues`, send("POST", { title: "b" })))[1] as { number: number; id: number; node: unknown };
    expect([first.number, first.id, second.number, second.id]).toEqual([1, 100, 2, 101]);
    // only the entity's own id: a nested object's is the example's, as other members are
    expect(second.node).toEqual(first.node);
    expect(await call(`${url}/issues`, send("POST", { title: "c", id: 700 }))).toEqual([201, expect.objectContaining({ number: 3, id: 700 })]);
    // one a client sent is not made again
    expect(await call(`${url}/issues`, send("POST", { title: "c2", id: 102 }))).toEqual([201, expect.objectContaining({ number: 4, id: 102 })]);
    expect(await call(`${url}/issues`, send("POST", { title: "c3" }))).toEqual([201, expect.objectContaining({ number: 5, id: 103 })]);
    expect((await call(`${url}/issues/2`))[1]).toMatchObject({ number: 2, id: 101 });
    // PUT creating an entity makes its id too; PUT replacing one keeps the stored id
    expect((await call(`${url}/issues/9`, send("PUT", { title: "d" })))[1]).toMatchObject({ number: 9, id: 104 });
    expect((await call(`${url}/issues/2`, send("PUT", { title: "e" })))[1]).toMatchObject({ number: 2, id: 101, title: "e" });
    expect(errors).toEqual([]);
  });

  it("orders a list as its declared sort parameters ask (GitHub's sort and direction with their defaults, json-server's _sort=-field)", async () => {
    const list = (params: string) => `{ parameters: [${params}], responses: { "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Item" } } } } } } }`;
    const create = `{ requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } }, responses: { "201": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } } } }`;
    const spec = `openapi: 3.1.0
info: { title: Sorted, version: "1" }
paths:
  /notes:
    get: ${list(`{ name: sort, in: query, schema: { type: string, enum: [created, title], default: created } }, { name: direction, in: query, schema: { type: string, enum: [asc, desc], default: desc } }`)}
    post: ${create}
  /notes/{id}: { get: { parameters: [{ name: id, in: path, required: true, schema: { type: integer } }], responses: { "200": { description: ok } } } }
  /posts:
    get: ${list(`{ name: _sort, in: query, schema: { type: string } }, { name: _order, in: query, schema: { type: string } }`)}
    post: ${create}
  /posts/{id}: { get: { parameters: [{ name: id, in: path, required: true, schema: { type: integer } }], responses: { "200": { description: ok } } } }
components:
  schemas:
    Item: { type: object, required: [id, title, created_at], properties: { id: { type: integer, readOnly: true }, title: { type: string }, created_at: { type: string, format: date-time }, views: { type: integer } } }
`;
    const { url, errors } = await mock(["--stateful"], written(spec));
    const rows = [["b", "2024-01-02T00:00:00Z", 5], ["c", "2024-01-01T00:00:00Z", 20], ["a", "2024-01-03T00:00:00Z", 10]] as const;
    for (const [title, created_at, views] of rows) {
      for (const path of ["notes", "posts"]) expect((await call(`${url}/${path}`, send("POST", { title, created_at, views })))[0]).toBe(201);
    }
    const titles = async (query: string) => ((await call(`${url}/${query}`))[1] as Array<{ title: string }>).map((n) => n.title).join("");
    // the defaults: sort=created (created_at), direction=desc
    expect(await titles("notes")).toBe("abc");
    expect(await titles("notes?direction=asc")).toBe("cba");
    expect(await titles("notes?sort=title&direction=asc")).toBe("abc");
    expect(await titles("notes?sort=title")).toBe("cba");
    // json-server's: a leading - for descending, numbers by value; none asked: the order of writing
    expect(await titles("posts?_sort=-views")).toBe("cab");
    expect(await titles("posts?_sort=views&_order=asc")).toBe("bac");
    expect(await titles("posts?_sort=nothing")).toBe("bca");
    expect(await titles("posts")).toBe("bca");
    // a direction sent wins over a leading -
    expect(await titles("posts?_sort=-views&_order=asc")).toBe("bac");
    // a post without views comes last, ascending or descending
    expect((await call(`${url}/posts`, send("POST", { title: "g", created_at: "2024-01-04T00:00:00Z" })))[0]).toBe(201);
    expect([await titles("posts?_sort=views"), await titles("posts?_sort=-views")]).toEqual(["bacg", "cabg"]);
    // dates by time, whatever their offset: 01:00+02:00 is before 00:00Z
    expect((await call(`${url}/notes`, send("POST", { title: "d", created_at: "2024-01-03T01:00:00+02:00" })))[0]).toBe(201);
    expect(await titles("notes?direction=asc")).toBe("cbda");
    // ties (what the mock makes alike from the example, say) keep the order of writing: newest first when descending
    for (const title of ["e", "f"]) expect((await call(`${url}/notes`, send("POST", { title, created_at: "2024-01-05T00:00:00Z" })))[0]).toBe(201);
    expect(await titles("notes")).toBe("feadbc");
    expect(await titles("notes?direction=asc")).toBe("cbdaef");
    expect(errors).toEqual([]);
  });

  it("applies a PATCH sent as a JSON Patch (RFC 6902); one that does not apply changes nothing: 409 for a failed test, 422 for a missing target", async () => {
    const spec = `openapi: 3.1.0
info: { title: Patched, version: "1" }
paths:
  /pets:
    post:
      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
      responses: { "201": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } } }
  /pets/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
    get: { responses: { "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } } } }
    patch:
      requestBody: { content: { application/json-patch+json: { schema: {} } } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
        "422": { description: cannot apply, content: { application/json: { schema: { type: object, properties: { message: { type: string } } }, example: { message: cannot apply } } } }
components:
  schemas:
    Pet: { type: object, required: [id, name, tags], properties: { id: { type: integer, readOnly: true }, name: { type: string }, tags: { type: array, items: { type: string } }, age: { type: integer } } }
`;
    const { url, errors } = await mock(["--stateful"], written(spec));
    expect(await call(`${url}/pets`, send("POST", { name: "Rex", tags: ["a"] }))).toEqual([201, { id: 1, name: "Rex", tags: ["a"] }]);
    const patch = (ops: unknown) => call(`${url}/pets/1`, send("PATCH", ops, { "content-type": "application/json-patch+json" }));
    expect(await patch([{ op: "test", path: "/name", value: "Rex" }, { op: "replace", path: "/name", value: "Tom" }, { op: "add", path: "/tags/-", value: "b" }])).toEqual([200, { id: 1, name: "Tom", tags: ["a", "b"] }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", tags: ["a", "b"] }]);
    // a failed test: 409, a problem (none documented); a missing target: the documented 422, why on stderr
    const [status, problem] = await patch([{ op: "replace", path: "/name", value: "Kat" }, { op: "test", path: "/name", value: "Rex" }]);
    expect([status, (problem as { detail: string }).detail]).toEqual([409, "The JSON Patch does not apply: operation 1 (test) failed: the value at /name differs."]);
    expect(await patch([{ op: "remove", path: "/owner" }])).toEqual([422, { message: "cannot apply" }]);
    expect(errors).toEqual(["patchPetsById: the JSON Patch does not apply: operation 0: nothing at /owner"]);
    // whole or not at all: a patch that would leave the entity unfit for its answer is refused (the documented
    // 422, the why on stderr), not repaired member by member as a merge is
    expect(await patch([{ op: "replace", path: "/name", value: 5 }, { op: "add", path: "/age", value: 42 }])).toEqual([422, { message: "cannot apply" }]);
    expect(await patch([{ op: "remove", path: "/tags" }])).toEqual([422, { message: "cannot apply" }]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", tags: ["a", "b"] }]);
    expect(errors.slice(1).map((line) => line.slice(0, 60))).toEqual(["patchPetsById: the patched entity 1 does not fit the 200 ans", "patchPetsById: the patched entity 1 does not fit the 200 ans"]);
    // the media type decides: an object sent as a JSON Patch is a malformed patch (400), not a merge
    const [bad, malformed] = await patch({ op: "replace", path: "/name", value: "b" });
    expect([bad, (malformed as { detail: string }).detail]).toEqual([400, "The JSON Patch does not apply: a JSON Patch is an array of operations."]);
    expect(await call(`${url}/pets/1`)).toEqual([200, { id: 1, name: "Tom", tags: ["a", "b"] }]);
  });
});
