/**
 * `specforge join`: several specs as one. Each case writes small specs to a temp folder and runs the real
 * CLI there (messages name the files as given); a conflict exits 2 with one line per problem naming both
 * places, and leaves a previous output as it was.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";
import { refsOf, resolves } from "../helpers/refs.js";

/** The components both specs define alike: joined, they are one. */
const PROBLEM = `    Problem:
      type: object
      properties:
        title: { type: string }
  responses:
    Problem:
      description: a problem
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Problem" }
`;

const PETS = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
  license: { name: MIT, identifier: MIT }
servers:
  - url: https://pets.internal.test/v1
security:
  - key: []
tags:
  - name: pets
    description: Pets of the shop
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
      description: All pets.
      tags: [pets]
      responses:
        "200":
          description: the pets
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
        "400": { $ref: "#/components/responses/Problem" }
components:
  schemas:
    Pet:
      type: object
      properties:
        id: { type: integer }
${PROBLEM}  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;

const ORDERS = `openapi: 3.1.0
info:
  title: Orders
  version: 2.0.0
  license: { name: MIT, identifier: MIT }
servers:
  - url: https://orders.internal.test/v2
tags:
  - name: orders
    description: Orders of pets
paths:
  /pets:
    post:
      operationId: orderPet
      summary: Order a pet
      description: Orders one.
      tags: [orders]
      responses:
        "201":
          description: the order
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Order" }
        "400": { $ref: "#/components/responses/Problem" }
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      description: All orders.
      tags: [orders]
      responses:
        "200":
          description: the orders
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Order" } }
        "400": { $ref: "#/components/responses/Problem" }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: integer }
${PROBLEM}`;

/** Writes `files` to a new temp folder; returns it and a runner of the CLI there. */
function project(files: Record<string, string>) {
  const dir = tempDir("specforge-join-");
  const write = fileWriter(dir);
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, run: (...args: string[]) => runCli(args, dir), read: (name: string) => readFileSync(path.join(dir, name), "utf8") };
}

/** The lines of stderr, for exact matching one per problem. */
const lines = (stderr: string) => stderr.trimEnd().split("\n");

describe("specforge join", () => {
  it("merges paths by method, keeps the first spec's info, servers and security, moves the second's own into its operations, and lints clean", () => {
    const p = project({ "pets.yaml": PETS, "orders.yaml": ORDERS });
    expect(p.run("lint", "pets.yaml").status).toBe(0);
    expect(p.run("lint", "orders.yaml").status).toBe(0);
    const r = p.run("join", "pets.yaml", "orders.yaml", "-o", "api.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(p.read("api.yaml"));
    expect(doc.info.title).toBe("Pets");
    expect(doc.servers).toEqual([{ url: "https://pets.internal.test/v1" }]);
    expect(doc.security).toEqual([{ key: [] }]);
    expect(Object.keys(doc.paths)).toEqual(["/pets", "/orders"]);
    expect(Object.keys(doc.paths["/pets"])).toEqual(["get", "post"]);
    // /pets is shared, so Orders' server goes on its operation; /orders is its own, so on the path item
    expect(doc.paths["/pets"].servers).toBeUndefined();
    expect(doc.paths["/pets"].get.servers).toBeUndefined();
    expect(doc.paths["/pets"].post.servers).toEqual([{ url: "https://orders.internal.test/v2" }]);
    expect(doc.paths["/orders"].servers).toEqual([{ url: "https://orders.internal.test/v2" }]);
    // Orders has no root security: its operations stay open under Pets' root `security`
    expect(doc.paths["/pets"].post.security).toEqual([]);
    expect(doc.paths["/pets"].get.security).toBeUndefined();
    // equal components are one; the others keep their names
    expect(Object.keys(doc.components.schemas)).toEqual(["Pet", "Problem", "Order"]);
    expect(Object.keys(doc.components.responses)).toEqual(["Problem"]);
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(["pets", "orders"]);
    expect(doc["x-tagGroups"]).toEqual([{ name: "Pets", tags: ["pets"] }, { name: "Orders", tags: ["orders"] }]);
    for (const ref of refsOf(doc)) expect(resolves(doc, ref), ref).toBe(true);
    const lint = p.run("lint", "api.yaml");
    expect([lint.status, lint.stdout]).toEqual([0, "1 file linted: no problems\n"]);
    // byte-stable: a second run writes the same bytes
    expect(p.run("join", "pets.yaml", "orders.yaml", "-o", "again.yaml").status).toBe(0);
    expect(p.read("again.yaml")).toBe(p.read("api.yaml"));
  });

  it("writes JSON for a .json output and YAML otherwise, the same document; stdout without -o", () => {
    const p = project({ "pets.yaml": PETS, "orders.yaml": ORDERS });
    expect(p.run("join", "pets.yaml", "orders.yaml", "-o", "api.json").status).toBe(0);
    expect(p.run("join", "pets.yaml", "orders.yaml", "-o", "api.yaml").status).toBe(0);
    const json = p.read("api.json");
    expect(json.startsWith("{\n")).toBe(true);
    expect(JSON.parse(json)).toEqual(parse(p.read("api.yaml")));
    const out = p.run("join", "pets.yaml", "orders.yaml");
    expect(out.stdout).toBe(p.read("api.yaml"));
    expect(p.run("join", "pets.yaml", "orders.yaml", "--format", "json").stdout).toBe(json);
  });

  it("refuses the same method of a path in two specs, one line naming both places, and leaves the previous output as it was", () => {
    const clash = ORDERS.replace("  /pets:\n    post:", "  /pets:\n    get:");
    const p = project({ "pets.yaml": PETS, "orders.yaml": clash, "api.yaml": "previous\n" });
    const r = p.run("join", "pets.yaml", "orders.yaml", "-o", "api.yaml");
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^orders\.yaml:13:5 \(#\/paths\/~1pets\/get\) error join\/path-conflict: GET \/pets is also in pets\.yaml:15:5 \(#\/paths\/~1pets\/get\): each operation comes from one spec \(remove it from one of the specs, or serve one of them under another path\)$/),
    ]);
    expect(p.read("api.yaml")).toBe("previous\n");
  });

  // the warning named the first spec's path item ("a.yaml:3:3 (#/paths/~1pets)"), which may not say the field
  // at all: the kept one came from a later spec
  it("warns of a path's summary or description said otherwise, at both fields; refuses a $ref path item beside another; and a missing info property to prefix with", () => {
    const spec = (title: string, item: string) => `openapi: 3.1.0\ninfo: { ${title}version: "1" }\npaths:\n  /pets:\n${item}`;
    const op = (method: string) => `    ${method}: { operationId: ${method}Pet, responses: { "200": { description: ok } } }\n`;
    const p = project({
      "a.yaml": spec("title: A, ", `    description: A\n${op("get")}`),
      "b.yaml": spec("title: B, ", `    summary: Pets of B\n${op("post")}`),
      "c.yaml": spec("", `    summary: Pets of C\n    description: C\n${op("put")}`),
      "d.yaml": spec("title: D, ", "    $ref: \"#/components/pathItems/Pets\"\ncomponents:\n  pathItems:\n    Pets:\n" + op("  delete")),
      "api.yaml": "previous\n",
    });
    const r = p.run("join", "a.yaml", "b.yaml", "c.yaml", "-o", "out.yaml");
    expect([r.status, lines(r.stderr)]).toEqual([0, [
      "c.yaml:5:5 (#/paths/~1pets/summary) warning join/path-field-differs: the summary of path '/pets' differs from the one at b.yaml:5:5 (#/paths/~1pets/summary): the first is kept (write the same summary in both specs, or move it into the operations)",
      "c.yaml:6:5 (#/paths/~1pets/description) warning join/path-field-differs: the description of path '/pets' differs from the one at a.yaml:5:5 (#/paths/~1pets/description): the first is kept (write the same description in both specs, or move it into the operations)",
    ]]);
    const ref = p.run("join", "a.yaml", "d.yaml", "-o", "api.yaml");
    expect([ref.status, ref.stderr]).toEqual([2, "d.yaml:4:3 (#/paths/~1pets) error join/path-conflict: path '/pets' is also at a.yaml:4:3 (#/paths/~1pets), and one of them is a $ref: the two cannot be merged (write the path item in place in both specs, or keep the path in one of them)\n"]);
    const untitled = p.run("join", "a.yaml", "c.yaml", "--prefix-components-with-info-prop", "title", "-o", "api.yaml");
    expect([untitled.status, untitled.stderr]).toEqual([2, "c.yaml:2:1 (#/info) error join/no-prefix: --prefix-components-with-info-prop title: the spec has no info.title to prefix with (give the spec an info.title, or name another info property)\n"]);
    expect(p.read("api.yaml")).toBe("previous\n");
  });

  it("refuses an operationId and a path template two specs both use", () => {
    const p = project({ "pets.yaml": PETS, "orders.yaml": ORDERS.replace("operationId: listOrders", "operationId: listPets").replace("  /orders:", "  /pets/{id}:"), "more.yaml": ORDERS.replace(/\/pets:/, "/pets/{petId}:").replace(/operationId: (\w+)/g, "operationId: more_$1").replace("  /orders:", "  /more:").replace("title: Orders", "title: More") });
    const r = p.run("join", "pets.yaml", "orders.yaml", "more.yaml", "--prefix-tags-with-filename", "-o", "api.yaml");
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^orders\.yaml:\d+:\d+ \(#\/paths\/~1pets~1\{id\}\/get\/operationId\) error join\/operation-id-conflict: operationId 'listPets' is also used at pets\.yaml:16:7 \(#\/paths\/~1pets\/get\/operationId\) /),
      expect.stringMatching(/^more\.yaml:12:3 \(#\/paths\/~1pets~1\{petId\}\) error join\/path-ambiguous: path '\/pets\/\{petId\}' is '\/pets\/\{id\}' at orders\.yaml:\d+:3 .*a request matches both/),
    ]);
  });

  it("takes components equal in two specs as one, refuses different ones naming both, and with --prefix-components-with-info-prop renames them and every reference", () => {
    const pets = PETS.replace(
      "    Problem:\n      type: object\n      properties:\n        title: { type: string }\n  responses:",
      `    Problem:
      type: object
      properties:
        title: { type: string }
    Cat: { type: object, properties: { kind: { type: string } } }
    Dog: { type: object, properties: { kind: { type: string } } }
    Animal:
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }]
      discriminator: { propertyName: kind, mapping: { doggo: Dog } }
      examples: [{ $ref: "#/components/schemas/Cat" }]
  links:
    Next: { operationRef: "#/components/pathItems/Stock/get" }
  pathItems:
    Stock:
      get:
        operationId: stock
        responses: { "200": { description: ok } }
  responses:`,
    );
    const orders = ORDERS.replace("        title: { type: string }\n  responses:", "        title: { type: string }\n        status: { type: integer }\n  responses:");
    const p = project({ "pets.yaml": pets, "orders.yaml": orders, "api.yaml": "previous\n" });
    const refused = p.run("join", "pets.yaml", "orders.yaml", "-o", "api.yaml");
    expect(refused.status).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(/^orders\.yaml:\d+:5 \(#\/components\/schemas\/Problem\) error join\/component-conflict: components\.schemas\.Problem differs from the one at pets\.yaml:\d+:5 \(#\/components\/schemas\/Problem\) \(.*--prefix-components-with-info-prop title\)$/),
    ]);
    expect(p.read("api.yaml")).toBe("previous\n");

    const r = p.run("join", "pets.yaml", "orders.yaml", "--prefix-components-with-info-prop", "title", "-o", "api.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(p.read("api.yaml"));
    expect(Object.keys(doc.components.schemas)).toEqual(["Pets_Pet", "Pets_Problem", "Pets_Cat", "Pets_Dog", "Pets_Animal", "Orders_Order", "Orders_Problem"]);
    expect(doc.paths["/pets"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Pets_Pet" });
    expect(doc.paths["/pets"].post.responses["400"]).toEqual({ $ref: "#/components/responses/Orders_Problem" });
    expect(doc.components.responses.Orders_Problem.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Orders_Problem" });
    // the discriminator still selects Cat and Dog by their names (as discriminator-tags.ts reads a mapping:
    // beside it), and its bare-name mapping names the renamed Dog
    expect(doc.components.schemas.Pets_Animal.discriminator.mapping).toEqual({ doggo: "Pets_Dog", Cat: "#/components/schemas/Pets_Cat", Dog: "#/components/schemas/Pets_Dog" });
    // an example is data: a $ref in it is not a reference
    expect(doc.components.schemas.Pets_Animal.examples).toEqual([{ $ref: "#/components/schemas/Cat" }]);
    expect(doc.components.links.Pets_Next.operationRef).toBe("#/components/pathItems/Pets_Stock/get");
    expect(doc.security).toEqual([{ Pets_key: [] }]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["Pets_key"]);
    for (const ref of refsOf(doc).filter((ref) => ref !== "#/components/schemas/Cat")) expect(resolves(doc, ref), ref).toBe(true);
    expect(p.run("lint", "api.yaml").status).toBe(0);
  });

  it("moves path-level parameters and servers two specs say otherwise into each one's operations, an operation's own winning", () => {
    const withParams = (spec: string, from: string, param: string, extra = "") => spec.replace(from, `${from}\n    parameters:\n      - { name: ${param}, in: header, schema: { type: string } }${extra}`);
    const pets = withParams(PETS, "  /pets:", "X-Shop");
    const orders = withParams(ORDERS, "  /pets:", "X-Order", "\n    servers: [{ url: https://pets-orders.internal.test }]").replace(
      "      operationId: orderPet\n",
      "      operationId: orderPet\n      parameters:\n        - { name: X-Order, in: header, required: true, schema: { type: string } }\n",
    );
    const p = project({ "pets.yaml": pets, "orders.yaml": orders });
    const r = p.run("join", "pets.yaml", "orders.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const item = parse(r.stdout).paths["/pets"];
    expect(item.parameters).toBeUndefined();
    expect(item.servers).toBeUndefined();
    expect(item.get.parameters).toEqual([{ name: "X-Shop", in: "header", schema: { type: "string" } }]);
    // its own X-Order stays (it overrides the path item's), not written twice
    expect(item.post.parameters).toEqual([{ name: "X-Order", in: "header", required: true, schema: { type: "string" } }]);
    expect(item.post.servers).toEqual([{ url: "https://pets-orders.internal.test" }]);
    expect(item.get.servers).toBeUndefined();
  });

  it("writes nothing through a YAML alias: a path item or operation one spec uses at two paths changes at the joined path alone", () => {
    const op = (id: string) => `operationId: ${id}\n      responses: { "200": { description: ok } }`;
    const p = project({
      // /items is the path item /stock is; /all's get is the operation /things/{id}'s is
      "shop.yaml": `openapi: 3.1.0\ninfo: { title: Shop, version: "1" }\npaths:\n  /items: &item\n    post:\n      ${op("addItem")}\n  /stock: *item\n  /things/{id}:\n    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n    get: &get\n      ${op("getThing")}\n  /all:\n    get: *get\n`,
      "more.yaml": `openapi: 3.1.0\ninfo: { title: More, version: "1" }\npaths:\n  /stock:\n    get:\n      ${op("getStock")}\n  /things/{id}:\n    post:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      ${op("postThing")}\n`,
    });
    const r = p.run("join", "shop.yaml", "more.yaml", "--without-x-tag-groups");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const { paths } = parse(r.stdout);
    expect(Object.keys(paths["/stock"])).toEqual(["post", "get"]);
    expect(Object.keys(paths["/items"])).toEqual(["post"]);
    expect(paths["/things/{id}"].get.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    // /all has no {id}: the parameter moved into /things/{id}'s get is not its get's
    expect(paths["/all"].get).toEqual({ operationId: "getThing", responses: { "200": { description: "ok" } } });
  });

  it("keeps a discriminator's implicit selection by name when prefixing renames its components (oneOf and allOf hierarchies)", () => {
    const pets = PETS.replace(
      "  responses:\n    Problem:",
      `    Shape:
      type: object
      required: [kind]
      properties: { kind: { type: string } }
      discriminator: { propertyName: kind }
    Circle:
      allOf: [{ $ref: "#/components/schemas/Shape" }, { type: object, properties: { r: { type: number } } }]
  responses:
    Problem:`,
    );
    const p = project({ "pets.yaml": pets, "orders.yaml": ORDERS });
    const doc = parse(p.run("join", "pets.yaml", "orders.yaml", "--prefix-components-with-info-prop", "title").stdout);
    expect(doc.components.schemas.Pets_Shape.discriminator).toEqual({ propertyName: "kind", mapping: { Circle: "#/components/schemas/Pets_Circle" } });
    expect(doc.components.schemas.Pets_Circle.allOf[0]).toEqual({ $ref: "#/components/schemas/Pets_Shape" });
  });

  it("joins webhooks as paths, and a 3.0 spec's x-webhooks; the same webhook method in two specs is a conflict", () => {
    const hook = (name: string, id: string) => `webhooks:\n  ${name}:\n    post:\n      operationId: ${id}\n      requestBody: { content: { application/json: { schema: { type: object } } } }\n      responses: { "200": { description: ok } }\n`;
    const p = project({
      "pets.yaml": `${PETS}${hook("petAdded", "petAdded")}`,
      "orders.yaml": `${ORDERS}${hook("orderPlaced", "orderPlaced")}`,
      "again.yaml": `${ORDERS.replace("title: Orders", "title: Again").replace(/operationId: (\w+)/g, "operationId: again_$1").replace(/  \/(pets|orders):/g, "  /again/$1:")}${hook("petAdded", "againPetAdded")}`,
    });
    const doc = parse(p.run("join", "pets.yaml", "orders.yaml").stdout);
    expect(Object.keys(doc.webhooks)).toEqual(["petAdded", "orderPlaced"]);
    const clash = p.run("join", "pets.yaml", "orders.yaml", "again.yaml", "--prefix-tags-with-filename", "--prefix-components-with-info-prop", "title");
    expect(clash.status).toBe(2);
    expect(lines(clash.stderr)).toEqual([expect.stringMatching(/^again\.yaml:\d+:5 \(#\/webhooks\/petAdded\/post\) error join\/path-conflict: POST petAdded is also in pets\.yaml:\d+:5 /)]);

    const v30 = (spec: string) => spec.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(/\n  license: \{ name: MIT, identifier: MIT \}/, "").replace("webhooks:", "x-webhooks:");
    const q = project({ "pets.yaml": v30(`${PETS}${hook("petAdded", "petAdded")}`), "orders.yaml": v30(`${ORDERS}${hook("orderPlaced", "orderPlaced")}`) });
    const r = q.run("join", "pets.yaml", "orders.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(Object.keys(parse(r.stdout)["x-webhooks"])).toEqual(["petAdded", "orderPlaced"]);
  });

  it("prefixes tags with the file name or an info property (keeping the name as x-displayName), and refuses a tag two specs share in x-tagGroups unless told", () => {
    const orders = ORDERS.replace("  - name: orders\n    description: Orders of pets", "  - name: pets\n    description: Orders of pets").replace(/tags: \[orders\]/g, "tags: [pets]");
    const p = project({ "pets.yaml": PETS, "orders.yaml": orders });
    const refused = p.run("join", "pets.yaml", "orders.yaml");
    expect(refused.status).toBe(2);
    expect(lines(refused.stderr)).toEqual([
      expect.stringMatching(/^orders\.yaml:9:5 \(#\/tags\/0\) error join\/tag-conflict: tag 'pets' is also in pets\.yaml:11:5 \(#\/tags\/0\): x-tagGroups gives each input's tags a group of its own \(.*--without-x-tag-groups\)$/),
    ]);

    const byFile = parse(p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-filename").stdout);
    expect(byFile.tags).toEqual([
      { name: "pets_pets", description: "Pets of the shop", "x-displayName": "pets" },
      { name: "orders_pets", description: "Orders of pets", "x-displayName": "pets" },
    ]);
    expect(byFile.paths["/pets"].get.tags).toEqual(["pets_pets"]);
    expect(byFile.paths["/pets"].post.tags).toEqual(["orders_pets"]);
    expect(byFile["x-tagGroups"]).toEqual([{ name: "Pets", tags: ["pets_pets"] }, { name: "Orders", tags: ["orders_pets"] }]);

    const byVersion = parse(p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-info-prop", "version").stdout);
    expect(byVersion.paths["/orders"].get.tags).toEqual(["2.0.0_pets"]);

    const ungrouped = p.run("join", "pets.yaml", "orders.yaml", "--without-x-tag-groups");
    expect(ungrouped.status).toBe(0);
    expect(lines(ungrouped.stderr)).toEqual([expect.stringMatching(/^orders\.yaml:9:5 \(#\/tags\/0\) warning join\/tag-differs: tag 'pets' is described otherwise at pets\.yaml:11:5 .*the first description is kept/)]);
    const doc = parse(ungrouped.stdout);
    expect(doc.tags).toEqual([{ name: "pets", description: "Pets of the shop" }]);
    expect(doc["x-tagGroups"]).toBeUndefined();
  });

  it("replaces the specs' own x-tagGroups with one group per spec, warning, and writes none with --without-x-tag-groups", () => {
    const groups = (spec: string, name: string, tag: string) => spec.replace("tags:\n", `x-tagGroups:\n  - { name: ${name}, tags: [${tag}] }\ntags:\n`);
    const p = project({ "pets.yaml": groups(PETS, "Animals", "pets"), "orders.yaml": groups(ORDERS, "Shop", "orders") });
    const r = p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-filename");
    expect(r.status).toBe(0);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^pets\.yaml:10:1 \(#\/x-tagGroups\) warning join\/tag-groups-replaced: the spec's own x-tagGroups are replaced by one group per spec \('Pets' for this one\) \(.*--without-x-tag-groups.*\)$/),
      expect.stringMatching(/^orders\.yaml:8:1 \(#\/x-tagGroups\) warning join\/tag-groups-replaced: the spec's own x-tagGroups are replaced by one group per spec \('Orders' for this one\)/),
    ]);
    expect(parse(r.stdout)["x-tagGroups"]).toEqual([{ name: "Pets", tags: ["pets_pets"] }, { name: "Orders", tags: ["orders_orders"] }]);
    // none at all: the first spec's own would name its tags as they were before prefixing, and leave the others' out
    const none = p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-filename", "--without-x-tag-groups");
    expect([none.status, none.stderr, parse(none.stdout)["x-tagGroups"]]).toEqual([0, "", undefined]);
  });

  it("prefixes the tags of an operation two paths share (both $ref one path item of another file) once", () => {
    const shared = ORDERS.replace("  /orders:\n", '  /orders:\n    $ref: "./items.yaml#/item"\n  /orders/all:\n    $ref: "./items.yaml#/item"\n  /unused:\n');
    const p = project({ "pets.yaml": PETS, "orders.yaml": shared, "items.yaml": "item:\n  get:\n    operationId: listAll\n    tags: [orders]\n    responses: { \"200\": { description: ok } }\n" });
    const r = p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-filename");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(r.stdout);
    expect(doc.paths["/orders"].get.tags).toEqual(["orders_orders"]);
    expect(doc.paths["/orders/all"].get.tags).toEqual(["orders_orders"]);
  });

  it("follows a path item or webhook written as a $ref into components/pathItems: its operations get their spec's servers, security and prefixed tags, and their operationIds are checked", () => {
    const b = `openapi: 3.1.0
info: { title: B, version: "1" }
servers: [{ url: https://b.internal.test }]
security: [{ bkey: [] }]
paths:
  /b: { $ref: "#/components/pathItems/B" }
  /b/again: { $ref: "#/components/pathItems/B" }
webhooks:
  hook: { $ref: "#/components/pathItems/Hook" }
components:
  pathItems:
    B:
      get:
        operationId: getB
        tags: [b]
        responses: { "200": { description: ok } }
    Hook:
      post:
        operationId: hookB
        responses: { "200": { description: ok } }
  securitySchemes:
    bkey: { type: apiKey, in: header, name: X-B-Key }
`;
    const p = project({ "pets.yaml": PETS, "b.yaml": b, "clash.yaml": ORDERS.replace("operationId: listOrders", "operationId: getB") });
    const r = p.run("join", "pets.yaml", "b.yaml", "--prefix-tags-with-filename", "-o", "api.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(p.read("api.yaml"));
    expect(doc.paths["/b"]).toEqual({ $ref: "#/components/pathItems/B" });
    const { B, Hook } = doc.components.pathItems;
    expect(B.servers).toEqual([{ url: "https://b.internal.test" }]);
    expect(B.get.security).toEqual([{ bkey: [] }]);
    // its tag prefixed once, though two paths use it; a webhook is served from no server of B's
    expect(B.get.tags).toEqual(["b_b"]);
    expect(Hook.servers).toBeUndefined();
    expect(Hook.post.security).toEqual([{ bkey: [] }]);
    expect(Hook.post.tags).toEqual(["b_other"]);
    expect(doc["x-tagGroups"][1]).toEqual({ name: "B", tags: ["b_b", "b_other"] });

    // two specs' /b, both the same B: one path item, one operation (B is a component both define alike)
    const again = b.replace("title: B", "title: Again").replace(/\n {2}\/b\/again:.*/, "").replace(/webhooks:\n.*\n/, "");
    const q = project({ "b.yaml": b.replace(/webhooks:\n.*\n/, ""), "again.yaml": again });
    const one = q.run("join", "b.yaml", "again.yaml", "--without-x-tag-groups");
    expect([one.status, one.stderr]).toEqual([0, ""]);
    expect(parse(one.stdout).paths).toEqual({ "/b": { $ref: "#/components/pathItems/B" }, "/b/again": { $ref: "#/components/pathItems/B" } });

    const clash = p.run("join", "clash.yaml", "b.yaml", "--prefix-tags-with-filename");
    expect(clash.status).toBe(2);
    expect(lines(clash.stderr)).toEqual([expect.stringMatching(/^b\.yaml:14:9 \(#\/components\/pathItems\/B\/get\/operationId\) error join\/operation-id-conflict: operationId 'getB' is also used at clash\.yaml:\d+:7 \(#\/paths\/~1orders\/get\/operationId\)/)]);
  });

  it("joins a path and components named __proto__ as any other name (no prototype is written)", () => {
    const proto = (spec: string, method: string, type: string) => spec.replace("paths:\n", `paths:\n  __proto__:\n    ${method}:\n      operationId: proto_${method}\n      tags: [odd]\n      responses: { "200": { description: ok } }\n`).replace("components:\n  schemas:\n", `components:\n  schemas:\n    __proto__: { type: ${type} }\n`);
    const p = project({ "pets.yaml": proto(PETS, "get", "string"), "orders.yaml": proto(ORDERS, "post", "integer") });
    const r = p.run("join", "pets.yaml", "orders.yaml", "--prefix-tags-with-filename", "--prefix-components-with-info-prop", "title", "--format", "json");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.paths.__proto__)).toEqual(["get", "post"]);
    expect(doc.components.schemas.Pets___proto__).toEqual({ type: "string" });
    expect(doc.components.schemas.Orders___proto__).toEqual({ type: "integer" });
  });

  it("tags an untagged operation <file>_other in its spec's group", () => {
    const p = project({ "pets.yaml": PETS, "orders.yaml": ORDERS.replace(/      tags: \[orders\]\n/g, "") });
    const doc = parse(p.run("join", "pets.yaml", "orders.yaml").stdout);
    expect(doc.paths["/orders"].get.tags).toEqual(["orders_other"]);
    expect(doc["x-tagGroups"][1]).toEqual({ name: "Orders", tags: ["orders", "orders_other"] });
  });

  it("names the tag of untagged operations apart for specs of one file name (by title, numbered when that is taken too), and suggests no file name prefix for them", () => {
    const untagged = (title: string, path: string, tags = "") => `openapi: 3.1.0\ninfo: { title: ${title}, version: "1" }\n${tags}paths:\n  ${path}:\n    get:\n      operationId: get_${path.slice(1)}\n      responses: { "200": { description: ok } }\n`;
    const p = project({ "users/openapi.yaml": untagged("Users", "/users"), "orders/openapi.yaml": untagged("Orders", "/orders"), "more/openapi.yaml": untagged("Orders", "/more") });
    const r = p.run("join", "users/openapi.yaml", "orders/openapi.yaml", "more/openapi.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(r.stdout);
    expect([doc.paths["/users"].get.tags, doc.paths["/orders"].get.tags, doc.paths["/more"].get.tags]).toEqual([["Users_other"], ["Orders_other"], ["Orders_other_2"]]);
    expect(doc["x-tagGroups"]).toEqual([{ name: "Users", tags: ["Users_other"] }, { name: "Orders", tags: ["Orders_other", "Orders_other_2"] }]);

    const q = project({ "users/openapi.yaml": untagged("Users", "/users", "tags: [{ name: shared }]\n"), "orders/openapi.yaml": untagged("Orders", "/orders", "tags: [{ name: shared }]\n") });
    const clash = q.run("join", "users/openapi.yaml", "orders/openapi.yaml");
    expect(clash.status).toBe(2);
    expect(lines(clash.stderr)).toEqual([expect.stringMatching(/^orders\/openapi\.yaml:3:\d+ \(#\/tags\/0\) error join\/tag-conflict: tag 'shared' is also in users\/openapi\.yaml:3:\d+ .*\(prefix the tags \(--prefix-tags-with-info-prop title\), rename one of them, or join with --without-x-tag-groups\)$/)]);
    const byFile = q.run("join", "users/openapi.yaml", "orders/openapi.yaml", "--prefix-tags-with-filename");
    expect([byFile.status, lines(byFile.stderr)]).toEqual([2, [expect.stringMatching(/^orders\/openapi\.yaml error join\/no-prefix: --prefix-tags-with-filename: the spec's file name 'openapi' is also users\/openapi\.yaml's, so their tags would be named alike \(prefix with --prefix-tags-with-info-prop title\)$/)]]);
  });

  it("refuses 3.0 beside 3.1 (naming both versions' places), joins 3.1 into 3.2 but not 3.2 into 3.1, and reads a Swagger 2.0 spec as 3.0", () => {
    const v30 = ORDERS.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(/\n  license: \{ name: MIT, identifier: MIT \}/, "");
    const swagger = `swagger: "2.0"
info: { title: Legacy, version: 0.1.0 }
paths:
  /legacy:
    get:
      operationId: legacy
      produces: [application/json]
      responses:
        "200": { description: ok, schema: { type: string } }
`;
    const p = project({ "pets.yaml": PETS, "orders.yaml": v30, "legacy.yaml": swagger });
    const mixed = p.run("join", "pets.yaml", "orders.yaml");
    expect(mixed.status).toBe(2);
    expect(lines(mixed.stderr)).toEqual([
      expect.stringMatching(/^orders\.yaml:1:1 \(#\/openapi\) error join\/version-mix: the spec is OpenAPI 3\.0\.3, the first one \(pets\.yaml:1:1 \(#\/openapi\)\) 3\.1\.0: .*\(join specs of one OpenAPI version: upgrade the 3\.0 ones to 3\.1 first/),
    ]);
    // 3.1 and 3.2 read schemas alike: a 3.1 spec joins a 3.2 one, which the output's version is; a 3.2 spec
    // joined into a 3.1 one could use what 3.1 has not
    const q = project({ "pets.yaml": PETS.replace("openapi: 3.1.0", "openapi: 3.2.0"), "orders.yaml": ORDERS });
    const newer = q.run("join", "pets.yaml", "orders.yaml");
    expect([newer.status, newer.stderr, parse(newer.stdout).openapi]).toEqual([0, "", "3.2.0"]);
    const older = q.run("join", "orders.yaml", "pets.yaml");
    expect(older.status).toBe(2);
    expect(lines(older.stderr)).toEqual([
      expect.stringMatching(/^pets\.yaml:1:1 \(#\/openapi\) error join\/version-mix: the spec is OpenAPI 3\.2\.0, the first one \(orders\.yaml:1:1 \(#\/openapi\)\) 3\.1\.0: .* \(give the 3\.2 spec first: a 3\.1 spec joins a 3\.2 one\)$/),
    ]);
    const r = p.run("join", "orders.yaml", "legacy.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(r.stdout);
    expect(doc.openapi).toBe("3.0.3");
    expect(doc.paths["/legacy"].get.responses["200"].content["application/json"].schema).toEqual({ type: "string" });
  });

  it("brings in what an input's $refs to other files name, as bundle does", () => {
    const orders = ORDERS.replace(/\$ref: "#\/components\/schemas\/Order"/g, '$ref: "./schemas/order.yaml"').replace("    Order:\n      type: object\n      properties:\n        id: { type: integer }\n", "");
    const p = project({ "pets.yaml": PETS, "svc/orders.yaml": orders, "svc/schemas/order.yaml": "type: object\nproperties:\n  id: { type: integer }\n" });
    const r = p.run("join", "pets.yaml", "svc/orders.yaml", "-o", "api.yaml");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(p.read("api.yaml"));
    expect(refsOf(doc).every((ref) => ref.startsWith("#/") && resolves(doc, ref))).toBe(true);
    expect(doc.paths["/orders"].get.responses["200"].content["application/json"].schema.items.$ref).toMatch(/^#\/components\/schemas\/order/);
  });

  it("reports every input's load problems at once, and asks for two specs", () => {
    const p = project({ "pets.yaml": PETS, "bad.yaml": ORDERS.replace('$ref: "#/components/schemas/Order"', '$ref: "#/components/schemas/Ordr"') });
    const r = p.run("join", "pets.yaml", "bad.yaml", "missing.yaml");
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^bad\.yaml:\d+:\d+ \(#\/paths\/~1pets\/post\/responses\/201\/content\/application~1json\/schema\/\$ref\) error ref\/unresolved: unresolved \$ref '#\/components\/schemas\/Ordr' \(did you mean 'Order'\?\)/),
      expect.stringMatching(/^missing\.yaml error load\/unreadable: cannot read spec: file not found/),
    ]);
    const one = p.run("join", "pets.yaml");
    expect([one.status, lines(one.stderr)]).toEqual([2, [expect.stringMatching(/error cli\/usage: expected two or more specs, got 1/)]]);
    // the same file twice (written otherwise) is named, not reported as every operation conflicting with itself
    const twice = p.run("join", "pets.yaml", "bad.yaml", "./pets.yaml");
    expect([twice.status, lines(twice.stderr)]).toEqual([2, ["error cli/usage: the spec 'pets.yaml' is given twice (again as './pets.yaml') (give each spec once)"]]);
  });
});
