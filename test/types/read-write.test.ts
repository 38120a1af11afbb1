/**
 * readOnly/writeOnly in the types: a component with such properties is typed as received (`Pet`, without
 * its writeOnly properties) and as sent (`PetWritable`, without its readOnly ones), as @hey-api/openapi-ts
 * does. Before, one type served both: a client had to send the server's `id`, and a handler had to return
 * the caller's `password`. Checked by compiling code that uses the client and the handlers interface.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import { tempDir, typecheckConsumer, typecheckPackages } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const post = (operationId: string, body: unknown, reply: unknown) => ({
  post: { operationId, requestBody: { required: true, ...json(body) }, responses: { "201": { description: "created", ...json(reply) } } },
});

const schemas = {
  // a discriminated union whose one member has a readOnly property (the twin maps "Cat" to CatWritable)
  Pet: { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "petType" } },
  Cat: { type: "object", required: ["petType", "id", "meow"], properties: { petType: { type: "string" }, id: { type: "string", readOnly: true }, meow: { type: "boolean" } } },
  Dog: { type: "object", required: ["petType", "bark"], properties: { petType: { type: "string" }, bark: { type: "boolean" } } },
  // readOnly on the referenced schema; an allOf child of a discriminator parent
  Vehicle: { type: "object", required: ["kind", "vin"], discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" }, vin: ref("Vin") } },
  Vin: { type: "string", readOnly: true },
  Car: { allOf: [ref("Vehicle"), { type: "object", required: ["doors"], properties: { doors: { type: "integer" } } }] },
  // writeOnly only, reached through a property
  Account: { type: "object", required: ["email", "password", "owner"], properties: { email: { type: "string" }, password: { type: "string", writeOnly: true }, owner: ref("Owner") } },
  Owner: { type: "object", required: ["ownerId", "name"], properties: { ownerId: { type: "string", readOnly: true }, name: { type: "string" } } },
  // a component that already has the twin's name: the twin is numbered, nothing is renamed
  OwnerWritable: { type: "object", properties: { legacy: { type: "boolean" } } },
  Plain: { type: "object", required: ["a"], properties: { a: { type: "string" } } },
};

const spec = {
  openapi: "3.1.0",
  info: { title: "rw", version: "1" },
  paths: {
    "/pets": post("createPet", ref("Pet"), ref("Pet")),
    "/cars": post("createCar", ref("Car"), { type: "object", required: ["car", "secret"], properties: { car: ref("Car"), secret: { type: "string", writeOnly: true } } }),
    "/accounts": post("createAccount", ref("Account"), ref("Account")),
    "/users": post("createUser", { type: "object", required: ["uid", "name"], properties: { uid: { type: "string", readOnly: true }, name: { type: "string" } } }, ref("Plain")),
    "/legacy": post("legacy", ref("OwnerWritable"), ref("Plain")),
  },
  // a webhook's request comes from the API: the resource as it has it, readOnly properties included
  webhooks: { accountCreated: post("accountCreated", ref("Account"), ref("Plain")) },
  components: { schemas },
};

it("components with readOnly/writeOnly properties get a request twin; requests and responses use the right one", async () => {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(spec, null, 2));
  const { files } = await generate({ input, packageName: "rw", targets: ["types", "client", "server"] });
  const types = files.find((f) => f.path === "src/types.ts")!.contents;
  const exported = [...types.matchAll(/^export type (\w+) = components\["schemas"\]\["(\w+)"\]/gm)].map((m) => `${m[1]}=${m[2]}`);
  // twins only for what reads differently, right after their component; Plain and Dog have none
  expect(exported).toEqual([
    "Pet=Pet", "PetWritable=PetWritable", "Cat=Cat", "CatWritable=CatWritable", "Dog=Dog",
    "Vehicle=Vehicle", "VehicleWritable=VehicleWritable", "Vin=Vin", "Car=Car", "CarWritable=CarWritable",
    "Account=Account", "AccountWritable=AccountWritable", "Owner=Owner", "OwnerWritable2=OwnerWritable2", "OwnerWritable=OwnerWritable", "Plain=Plain",
  ]);

  const consumer = [
    'import type { Account, AccountWritable, Car, CarWritable, CreateCarResponse, CreateUserRequest, Owner, PetWritable } from "./types.js";',
    'import type { RwClient } from "./client.js";',
    'import type { webhooks } from "./schema.js";',
    'import type { RwHandlers } from "./server.js";',
    // what a client sends: no readOnly property, writeOnly ones required as written
    'export const cat: PetWritable = { petType: "Cat", meow: true };',
    'export const dog: PetWritable = { petType: "Dog", bark: true };',
    "// @ts-expect-error id is readOnly: not sent",
    'export const catWithId: PetWritable = { petType: "Cat", meow: true, id: "c1" };',
    'export const car: CarWritable = { kind: "Car", doors: 4 };',
    "// @ts-expect-error a Car's kind is \"Car\" in the twin too",
    'export const wrongKind: CarWritable = { kind: "CarWritable", doors: 4 };',
    'export const account: AccountWritable = { email: "a@b.c", password: "pw", owner: { name: "n" } };',
    "// @ts-expect-error password is writeOnly and required in a request",
    'export const noPassword: AccountWritable = { email: "a@b.c", owner: { name: "n" } };',
    'export const user: CreateUserRequest = { name: "n" };',
    // what a client receives: readOnly present, writeOnly absent
    'export const received: Account = { email: "a@b.c", owner: { ownerId: "o1", name: "n" } };',
    "// @ts-expect-error password is writeOnly: not received",
    'export const leaked: Account = { email: "a@b.c", password: "pw", owner: { ownerId: "o1", name: "n" } };',
    "// @ts-expect-error ownerId is readOnly and required in a response",
    'export const owner: Owner = { name: "n" };',
    "// @ts-expect-error secret is writeOnly: not received",
    'export const reply: CreateCarResponse = { car: { kind: "Car", vin: "v", doors: 4 }, secret: "s" };',
    'type Hook = NonNullable<webhooks["accountCreated"]["post"]["requestBody"]>["content"]["application/json"];',
    'export const hook: Hook = { email: "a@b.c", owner: { ownerId: "o1", name: "n" } };',
    "// @ts-expect-error the API sends the readOnly ownerId in its webhook",
    'export const hookWithoutOwnerId: Hook = { email: "a@b.c", owner: { name: "n" } };',
    "export async function send(client: RwClient): Promise<Car> {",
    '  await client.createPet({ body: { petType: "Cat", meow: true } });',
    '  await client.createAccount({ body: { email: "a@b.c", password: "pw", owner: { name: "n" } } });',
    '  return (await client.createCar({ body: { kind: "Car", doors: 2 } })).car;',
    "}",
    "export const handlers: Pick<RwHandlers, \"createAccount\" | \"createPet\"> = {",
    "  createAccount: ({ body }) => {",
    "    const pw: string = body.password;",
    '    return { status: 201, body: { email: body.email, owner: { ownerId: "o1", name: pw } } };',
    "  },",
    // a handler reads no readOnly property from a request body
    "  // @ts-expect-error the request's Cat has no id",
    '  createPet: ({ body }) => ({ status: 201, body: body.petType === "Cat" ? { petType: "Cat", id: body.id, meow: true } : body }),',
    "};",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 90_000);

it("a spec without readOnly/writeOnly gets no twins", async () => {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify({ openapi: "3.1.0", info: { title: "p", version: "1" }, paths: { "/p": post("make", ref("Plain"), ref("Plain")) }, components: { schemas: { Plain: schemas.Plain } } }));
  const { files } = await generate({ input, packageName: "p", targets: ["types"] });
  expect(files.find((f) => f.path === "src/schema.ts")!.contents).not.toContain("Writable");
});

it("types: { readWrite: off } keeps one type per component, as openapi-typescript writes it", async () => {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "rw", targets: ["types"], types: { readWrite: "off" } });
  const schema = files.find((f) => f.path === "src/schema.ts")!.contents;
  expect(schema).not.toMatch(/(Pet|Account|Car)Writable/);
  expect(files.find((f) => f.path === "src/types.ts")!.contents).not.toMatch(/AccountWritable|PetWritable/);
  // the request body is the component, readOnly id included
  expect(schema).toMatch(/"application\/json": components\["schemas"\]\["Account"\];\n\s*\};\n\s*\};\n\s*responses/);
});

/** Generates `document` (types and client) and type-checks `use` (lines of src/use.ts) against it. */
async function compiles(document: unknown, use: string[]): Promise<{ status: number | null; output: string }> {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(document, null, 2));
  const { files } = await generate({ input, packageName: "rw", targets: ["types", "client"] });
  return typecheckConsumer(path.join(dir, "pkg"), files, use);
}

it("an allOf child's twin keeps its discriminator value when the parent has no readOnly/writeOnly property", async () => {
  // Before, the parent had no twin, and openapi-typescript named the twin's value after its key: kind "CarWritable"
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/cars": post("createCar", ref("Car"), ref("Car")), "/bikes": post("createBike", ref("Bike"), ref("Bike")) },
    components: {
      schemas: {
        Vehicle: { type: "object", required: ["kind"], discriminator: { propertyName: "kind", mapping: { bike: "#/components/schemas/Bike" } }, properties: { kind: { type: "string" } } },
        Car: { allOf: [ref("Vehicle"), { type: "object", required: ["doors", "id"], properties: { doors: { type: "integer" }, id: { type: "string", readOnly: true } } }] },
        Bike: { allOf: [ref("Vehicle"), { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true }, gears: { type: "integer" } } }] },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { BikeWritable, Car, CarWritable } from "./types.js";',
    'import type { RwClient } from "./client.js";',
    'export const car: CarWritable = { kind: "Car", doors: 4 };',
    'export const bike: BikeWritable = { kind: "bike" };',
    'export const received: Car = { kind: "Car", doors: 4, id: "c1" };',
    "// @ts-expect-error the value is the component's name, not its twin's",
    'export const twinName: CarWritable = { kind: "CarWritable", doors: 4 };',
    'export const sent = (client: RwClient) => client.createCar({ body: { kind: "Car", doors: 2 } });',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("an allOf grandchild's twin keeps its discriminator value (Swagger 2.0's Dog: allOf [Pet], Pet: allOf [NewPet])", async () => {
  // Before, only the discriminator parent's direct children were mapped in its twin: kind "SedanWritable"
  const document = {
    openapi: "3.0.3",
    info: { title: "rw", version: "1" },
    paths: { "/sedans": post("createSedan", ref("Sedan"), ref("Sedan")) },
    components: {
      schemas: {
        Vehicle: { type: "object", required: ["kind"], discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" } } },
        Car: { allOf: [ref("Vehicle"), { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } }] },
        Sedan: { allOf: [ref("Car"), { type: "object", properties: { doors: { type: "integer" } } }] },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { Sedan, SedanWritable } from "./types.js";',
    'export const sent: SedanWritable = { kind: "Sedan", doors: 4 };',
    'export const received: Sedan = { kind: "Sedan", id: "s1" };',
    "// @ts-expect-error the value is the component's name, not its twin's",
    'export const twinName: SedanWritable = { kind: "SedanWritable" };',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("an allOf member whose properties are all left out does not turn the type into Record<string, never>", async () => {
  // Before, the member kept `properties: {}`, which openapi-typescript types as Record<string, never>:
  // intersected with the rest, no value with a property could be sent (or returned)
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/items": post("createItem", ref("Item"), ref("Item")) },
    components: {
      schemas: {
        Named: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
        Item: {
          allOf: [
            ref("Named"),
            { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } },
            { type: "object", properties: { token: { type: "string", writeOnly: true } } },
          ],
        },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { Item, ItemWritable } from "./types.js";',
    'export const sent: ItemWritable = { name: "n", token: "t" };',
    'export const received: Item = { name: "n", id: "i1" };',
    "// @ts-expect-error id is readOnly: not sent",
    'export const withId: ItemWritable = { name: "n", id: "i1" };',
    "// @ts-expect-error token is writeOnly: not received",
    'export const withToken: Item = { name: "n", id: "i1", token: "t" };',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("a discriminator mapping to a bare schema name gives the mapped value, in the component and in its twin", async () => {
  // Before, openapi-typescript resolved only "#/..." mapping values: Circle was typed type: "Circle" (not
  // "circle") and its twin type: "CircleWritable"
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/shapes": post("createShape", ref("Shape"), ref("Shape")) },
    components: {
      schemas: {
        Shape: { oneOf: [ref("Circle"), ref("Square")], discriminator: { propertyName: "type", mapping: { circle: "Circle", square: "#/components/schemas/Square" } } },
        Circle: { type: "object", required: ["type", "r", "id"], properties: { type: { type: "string" }, r: { type: "number" }, id: { type: "string", readOnly: true } } },
        Square: { type: "object", required: ["type", "side"], properties: { type: { type: "string" }, side: { type: "number" } } },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { Shape, ShapeWritable } from "./types.js";',
    'export const sent: ShapeWritable = { type: "circle", r: 1 };',
    'export const received: Shape = { type: "circle", r: 1, id: "c1" };',
    'export const square: ShapeWritable = { type: "square", side: 1 };',
    "// @ts-expect-error the mapping's value, not the schema's name",
    'export const named: Shape = { type: "Circle", r: 1, id: "c1" };',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("types: { readWrite: off } names the request body's alias as without readOnly/writeOnly", async () => {
  // Before, the names stage split components whatever the option said: a body that is the component
  // CreateAccountRequest got a second alias, CreateAccountRequest2, and a names/alias-renamed warning
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  const account = { type: "object", properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } };
  writeFileSync(input, JSON.stringify({ openapi: "3.1.0", info: { title: "rw", version: "1" }, paths: { "/accounts": post("createAccount", ref("CreateAccountRequest"), ref("CreateAccountRequest")) }, components: { schemas: { CreateAccountRequest: account } } }));
  const { files, warnings } = await generate({ input, packageName: "rw", targets: ["types"], types: { readWrite: "off" } });
  const types = files.find((f) => f.path === "src/types.ts")!.contents;
  expect([...types.matchAll(/^export type (\w+) =/gm)].map((m) => m[1])).toEqual(["CreateAccountRequest", "CreateAccountResponse201", "CreateAccountResponse"]);
  expect(warnings.map((w) => w.code)).not.toContain("names/alias-renamed");
});

it("an allOf member that is a component with only readOnly (or only writeOnly) properties drops out of that side's type", async () => {
  // Asana's AsanaResource (gid, resource_type: both readOnly) is the first allOf member of every request
  // body. Before, its twin had no property left, was typed Record<string, never>, and the intersection
  // refused every body a client could send: no Asana request could be written
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: {
      "/tasks": post("createTask", { type: "object", properties: { data: ref("TaskRequest") } }, ref("User")),
      "/users": post("createUser", ref("User"), { allOf: [ref("Secret"), { type: "object", properties: { ok: { type: "boolean" } } }] }),
    },
    components: {
      schemas: {
        AsanaResource: { type: "object", properties: { gid: { type: "string", readOnly: true }, resource_type: { type: "string", readOnly: true } } },
        TaskRequest: { allOf: [ref("AsanaResource"), { type: "object", properties: { name: { type: "string" } } }] },
        Secret: { type: "object", properties: { password: { type: "string", writeOnly: true } } },
        User: { allOf: [ref("Secret"), { type: "object", required: ["name"], properties: { name: { type: "string" } } }] },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { AsanaResource, CreateTaskRequest, CreateUserResponse, TaskRequest, User, UserWritable } from "./types.js";',
    'export const task: CreateTaskRequest = { data: { name: "t" } };',
    "// @ts-expect-error gid is readOnly: not sent",
    'export const withGid: CreateTaskRequest = { data: { gid: "1", name: "t" } };',
    'export const received: TaskRequest = { gid: "1", resource_type: "task", name: "t" };',
    'export const resource: AsanaResource = { gid: "1" };',
    'export const user: User = { name: "n" };',
    'export const sentUser: UserWritable = { name: "n", password: "p" };',
    'export const reply: CreateUserResponse = { ok: true };',
    "// @ts-expect-error password is writeOnly: not received",
    'export const leaked: User = { name: "n", password: "p" };',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("a property with a default and not required is optional, sent and received, as its validator says", async () => {
  // Xero's Contact: HasAttachments has a default (the server fills it). openapi-typescript's defaultNonNullable
  // made it required: a client had to send it (in ContactWritable, and in Note, which has no twin, always),
  // and a received Contact without it, which the validator accepts, did not compile
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/contacts": post("createContact", ref("Contact"), ref("Contact")), "/notes": post("createNote", ref("Note"), ref("Note")) },
    components: {
      schemas: {
        Contact: {
          type: "object",
          required: ["Name"],
          properties: { ContactID: { type: "string", readOnly: true }, Name: { type: "string" }, HasAttachments: { type: "boolean", default: false } },
        },
        Note: { type: "object", required: ["text"], properties: { text: { type: "string" }, pinned: { type: "boolean", default: false } } },
      },
    },
  };
  const tsc = await compiles(document, [
    'import type { Contact, ContactWritable, Note } from "./types.js";',
    'export const sent: ContactWritable = { Name: "Bob" };',
    'export const flagged: ContactWritable = { Name: "Bob", HasAttachments: true };',
    'export const received: Contact = { ContactID: "c1", Name: "Bob" };',
    'export const note: Note = { text: "t" };',
    "export const pinned = (n: Note): boolean => n.pinned ?? false;",
    "// @ts-expect-error required stays required",
    "export const empty: Note = {};",
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("the generated README's call leaves the readOnly properties of a request body's example out", async () => {
  // Specs often show the whole resource as the request's example. Before, the README's call sent it as
  // written, id and all, and did not compile against AccountWritable
  const account = {
    type: "object",
    required: ["id", "email"],
    properties: {
      id: { type: "string", readOnly: true },
      email: { type: "string" },
      owner: { allOf: [ref("Owner")] },
      tags: { type: "array", items: ref("Owner") },
    },
  };
  const owner = { type: "object", properties: { ownerId: { type: "string", readOnly: true }, name: { type: "string" } } };
  const example = { id: "acc-1", email: "a@b.c", owner: { ownerId: "o1", name: "n" }, tags: [{ ownerId: "o2", name: "t" }] };
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/accounts": {
        post: {
          operationId: "createAccount",
          requestBody: { required: true, content: { "application/json": { schema: ref("Account"), example } } },
          responses: { "201": { description: "created", ...json(ref("Account")) } },
        },
      },
    },
    components: { schemas: { Account: account, Owner: owner } },
  };
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(document));
  const { files } = await generate({ input, packageName: "rw", targets: ["types", "client"] });
  const out = path.join(dir, "pkg");
  writePackage(out, files);
  const readme = files.find((f) => f.path === "README.md")!.contents;
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const setup = blocks.find((b) => b.includes("const api = "))!;
  const call = blocks.find((b) => b.includes("await api.createAccount"))!;
  expect(call).toContain('"a@b.c"');
  writeFileSync(path.join(out, "src/readme.ts"), [setup.replace(/ from "[^"]+";/, ' from "./index.js";'), "export async function main(): Promise<void> {", call, "}", ""].join("\n"));
  const tsc = typecheckPackages([out], { noUnusedLocals: false });
  expect(tsc.output).toBe("");
}, 90_000);

it("a sample of a component with readOnly/writeOnly properties is not taken from a request's example", async () => {
  // A sample is typed as received (User: id required, no password). Before, the request's example gave
  // sampleUser() = { name, password }: no id, and the password an API never sends
  const user = { type: "object", required: ["id", "name"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" }, password: { type: "string", writeOnly: true } } };
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify({
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: {
      "/users": {
        post: {
          operationId: "createUser",
          requestBody: { required: true, content: { "application/json": { schema: ref("User"), examples: { alice: { value: { name: "alice", password: "hunter22" } } } } } },
          responses: { "201": { description: "created", ...json(ref("User")) } },
        },
      },
    },
    components: { schemas: { User: user } },
  }));
  const { files } = await generate({ input, packageName: "rw", targets: ["types"], types: { samples: true } });
  const samples = files.find((f) => f.path === "src/samples.ts")!.contents;
  expect(samples).not.toContain("hunter22");
  expect(samples).toMatch(/sampleUser\(.*\n.*"id":/);
});

it("a webhook that is a $ref to a path item is typed (as received), not with every method never", async () => {
  // openapi-typescript typed `webhooks.accountCreated` with get/put/post... all `never` for a `$ref` path item
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/accounts": post("createAccount", ref("Account"), ref("Account")) },
    webhooks: { accountCreated: { $ref: "#/components/pathItems/AccountCreated" } },
    components: { schemas: { Account: schemas.Account, Owner: schemas.Owner }, pathItems: { AccountCreated: post("accountCreated", ref("Account"), ref("Plain")) } },
  };
  (document.components.schemas as Record<string, unknown>).Plain = schemas.Plain;
  const tsc = await compiles(document, [
    'import type { webhooks } from "./schema.js";',
    'type Hook = NonNullable<webhooks["accountCreated"]["post"]["requestBody"]>["content"]["application/json"];',
    'export const hook: Hook = { email: "a@b.c", owner: { ownerId: "o1", name: "n" } };',
    "// @ts-expect-error the API sends the readOnly ownerId in its webhook",
    'export const withoutOwnerId: Hook = { email: "a@b.c", owner: { name: "n" } };',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);

it("a content parameter whose schema is a twinned component is sent as the twin", async () => {
  const filter = { type: "object", required: ["id", "q"], properties: { id: { type: "string", readOnly: true }, q: { type: "string" } } };
  const document = {
    openapi: "3.1.0",
    info: { title: "rw", version: "1" },
    paths: { "/search": { get: { operationId: "search", parameters: [{ name: "filter", in: "query", required: true, content: { "application/json": { schema: ref("Filter") } } }], responses: { "200": { description: "ok" } } } } },
    components: { schemas: { Filter: filter } },
  };
  const tsc = await compiles(document, [
    'import type { RwClient } from "./client.js";',
    'export const ok = (client: RwClient) => client.search({ query: { filter: { q: "a" } } });',
    "// @ts-expect-error id is readOnly: not sent",
    'export const withId = (client: RwClient) => client.search({ query: { filter: { q: "a", id: "x" } } });',
  ]);
  expect(tsc.output).toBe("");
}, 90_000);
