/**
 * The parts of `specforge mock --stateful` that need no server: which paths are resources and by which
 * key (the start's line), JSON Merge Patch (RFC 7396's own examples) and the page a list answers.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { describeStateful } from "../../generator/mock/stateful.js";
import { mergePatch } from "../../generator/mock/json-merge-patch.js";
import { pageOfList } from "../../generator/mock/stateful-page.js";
import type { OperationIR } from "../../generator/ir/types.js";
import { fileWriter, tempDir } from "../helpers/project.js";

/** A spec of a collection `/pets` (POST) and its item path `item` (GET answering `answer`). */
function spec(item: string, answer: string, pet: string): string {
  const param = /\{(.+)\}$/.exec(item)![1];
  return `openapi: 3.1.0
info: { title: T, version: "1" }
paths:
  /pets:
    post:
      operationId: createPet
      responses: { "201": { description: created } }
  ${item}:
    get:
      operationId: getPet
      parameters: [{ name: ${param}, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: a pet
          content: { application/json: { schema: ${answer} } }
components:
  schemas:
    Pet: ${pet}
`;
}

const write = fileWriter(tempDir());
const line = async (text: string) => describeStateful((await generate({ input: write("spec.yaml", text), targets: ["server"], runOnly: true })).ir);
const PET = '{ $ref: "#/components/schemas/Pet" }';

describe("mock --stateful: resources and their keys", () => {
  it.each([
    ["the property named as the parameter", "/pets/{petId}", PET, "{ type: object, properties: { petId: { type: string }, id: { type: string } } }", "stateful: /pets/{petId} (key petId)"],
    ["else id", "/pets/{petId}", PET, "{ type: object, properties: { id: { type: integer }, name: { type: string } } }", "stateful: /pets/{petId} (key id)"],
    ["else an ...Id property naming the parameter", "/pets/{pet_id}", PET, "{ type: object, properties: { petId: { type: string } } }", "stateful: /pets/{pet_id} (key petId)"],
    ["or naming the collection's item, for {id}", "/pets/{id}", PET, "{ type: object, properties: { petId: { type: string } } }", "stateful: /pets/{id} (key petId)"],
    ["declared in an allOf member", "/pets/{petId}", PET, "{ allOf: [{ type: object, properties: { id: { type: string } } }] }", "stateful: /pets/{petId} (key id)"],
    ["the one property of a wrapper holding the entity", "/pets/{petId}", `{ type: object, properties: { data: ${PET}, meta: { type: object } } }`, "{ type: object, properties: { id: { type: string } } }", "stateful: /pets/{petId} (key id)"],
    [
      "none: not stateful, said why",
      "/pets/{petId}",
      PET,
      "{ type: object, properties: { ownerId: { type: string } } }",
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{petId}: no property petId, id or one ending in Id that names it in its entity",
    ],
    [
      "a parameter naming no id: the property of its name",
      "/pets/{at}",
      PET,
      "{ type: object, properties: { id: { type: string }, at: { type: string } } }",
      "stateful: /pets/{at} (key at)",
    ],
    [
      "and not id",
      "/pets/{at}",
      PET,
      "{ type: object, properties: { id: { type: string } } }",
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{at}: no property at in its entity",
    ],
    ["id for a parameter named as the collection's noun", "/pets/{pet}", PET, "{ type: object, properties: { id: { type: string } } }", "stateful: /pets/{pet} (key id)"],
    ["<member> for <noun>_<member>", "/pets/{pet_number}", PET, "{ type: object, properties: { id: { type: integer }, number: { type: integer } } }", "stateful: /pets/{pet_number} (key number)"],
    ["and any prefix (commit_sha)", "/pets/{commit_sha}", PET, "{ type: object, properties: { sha: { type: string } } }", "stateful: /pets/{commit_sha} (key sha)"],
    [
      "declared in every oneOf branch",
      "/pets/{petId}",
      PET,
      "{ oneOf: [{ type: object, properties: { id: { type: string }, a: { type: string } } }, { type: object, properties: { id: { type: string }, b: { type: string } } }] }",
      "stateful: /pets/{petId} (key id)",
    ],
    [
      "not in one anyOf branch: none",
      "/pets/{petId}",
      PET,
      "{ anyOf: [{ type: object, properties: { id: { type: string } } }, { type: object, properties: { b: { type: string } } }] }",
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{petId}: no property petId, id or one ending in Id that names it in its entity",
    ],
    [
      "a text key the mock can make none of: not stateful, said why",
      "/pets/{petId}",
      PET,
      "{ type: object, properties: { id: { type: string, const: only } } }",
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{petId}: no key the mock can make fits the schema of its key id",
    ],
    [
      "a numeric key whose bounds hold none: not stateful, said why",
      "/pets/{petId}",
      PET,
      "{ type: object, properties: { id: { type: integer, minimum: 1001, maximum: 1009, multipleOf: 10 } } }",
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{petId}: no key the mock can make fits the schema of its key id",
    ],
    ["a numeric key with a minimum", "/pets/{petId}", PET, "{ type: object, properties: { id: { type: integer, minimum: 1000 } } }", "stateful: /pets/{petId} (key id)"],
  ])("%s", async (_, item, answer, pet, want) => {
    expect(await line(spec(item, answer, pet))).toBe(want);
  });

  it("takes no path that nothing creates in (no POST on the collection, no PUT on the item)", async () => {
    const text = spec("/pets/{petId}", PET, "{ type: object, properties: { id: { type: string } } }").replace(/ {2}\/pets:\n {4}post:\n.*\n.*\n/, "");
    expect(await line(text)).toBe("--stateful: no resource found (a collection path, its item path /{id} and an entity with a key)");
  });

  it("takes no POST that answers a list of the entities, nor sends one, as a create (GitHub's POST /issues/1/labels)", async () => {
    const pet = "{ type: object, properties: { id: { type: string } } }";
    const adding = spec("/pets/{petId}", PET, pet).replace(
      '      responses: { "201": { description: created } }',
      '      requestBody: { content: { application/json: { schema: { type: array, items: { type: string } } } } }\n      responses: { "200": { description: all, content: { application/json: { schema: { type: array, items: ' + PET + " } } } } }",
    );
    expect(adding).not.toContain('"201"');
    expect(await line(adding)).toBe("--stateful: no resource found (a collection path, its item path /{id} and an entity with a key)");
    // the same POST answering the entity creates it
    expect(await line(adding.replace(/schema: \{ type: array, items: (\{ \$ref: "#\/components\/schemas\/Pet" \}) \}/, "schema: $1"))).toBe("stateful: /pets/{petId} (key id)");
  });

  it.each([
    ["an object (GitHub's assignee)", "{ type: object }"],
    ["an object or null", '{ anyOf: [{ type: object, properties: { login: { type: string } } }, { type: "null" }] }'],
    ["an array", "{ type: array, items: { type: string } }"],
    ["a boolean", "{ type: boolean }"],
  ])("takes no key that is %s", async (_, key) => {
    expect(await line(spec("/pets/{petId}", PET, `{ type: object, properties: { id: ${key} } }`))).toBe(
      "--stateful: no resource found (a collection path, its item path /{id} and an entity with a key); not stateful: /pets/{petId}: its key id is an object, array or boolean",
    );
  });

  it.each([
    ["a uuid without a type", "{ format: uuid }"],
    ["described only", "{ description: the pet's id }"],
    ["a string or an integer", "{ oneOf: [{ type: string }, { type: integer }] }"],
    ["a number", "{ type: number }"],
  ])("takes a key that is %s", async (_, key) => {
    expect(await line(spec("/pets/{petId}", PET, `{ type: object, properties: { id: ${key} } }`))).toBe("stateful: /pets/{petId} (key id)");
  });
});

describe("JSON Merge Patch (RFC 7396, Appendix A)", () => {
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j merged with %j is %j", (given, patch, want) => {
    const before = structuredClone(given);
    expect(mergePatch(given, patch)).toEqual(want);
    expect(given).toEqual(before);
  });

  it("sets a member named __proto__ as its own, leaving the prototype alone", () => {
    const merged = mergePatch({}, JSON.parse('{ "__proto__": { "polluted": true } }')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("mock --stateful: the entities a list answers", () => {
  const op = (query: string[], pagination?: OperationIR["pagination"], minimum?: number) =>
    ({ parameters: { query: query.map((name) => ({ name, schema: { type: "integer", minimum } })), path: [], header: [], cookie: [] }, pagination }) as unknown as OperationIR;
  const all = [1, 2, 3, 4, 5].map((n) => ({ n, kind: n % 2 ? "odd" : "even", size: "L" }));
  it.each([
    ["all without paging parameters", op([]), { offset: 1 }, [1, 2, 3, 4, 5]],
    ["offset and limit", op(["offset", "limit"]), { offset: 1, limit: 2 }, [2, 3]],
    ["skip alone", op(["skip"]), { skip: 3 }, [4, 5]],
    ["page and per_page, from 1", op(["page", "per_page"]), { page: 2, per_page: 2 }, [3, 4]],
    ["page counted from 0 where its minimum is 0", op(["page", "size"], undefined, 0), { page: 1, size: 2 }, [3, 4]],
    ["a page past the end", op(["page", "size"]), { page: 9, size: 2 }, []],
    ["x-pagination's fields and firstPage", op(["p", "n"], { kind: "page", page: { in: "query", name: "p" }, size: { in: "query", name: "n" }, firstPage: 0, items: ["data"] }), { p: 1, n: 2 }, [3, 4]],
    ["x-pagination's offset", op(["from"], { kind: "offset", offset: { in: "query", name: "from" }, items: [] }), { from: 4, offset: 1 }, [5]],
    ["a cursor of the mock's making: the entities after its offset", op(["cursor", "limit"], { kind: "cursor", cursor: { in: "query", name: "cursor" }, nextCursor: ["next"], items: [] }), { cursor: "2", limit: 2 }, [3, 4]],
    ["no cursor: from the first", op(["cursor", "limit"], { kind: "cursor", cursor: { in: "query", name: "cursor" }, nextCursor: ["next"], items: [] }), { limit: 2 }, [1, 2]],
    ["an itemCursor: the entities after the one it names", op(["after", "limit"], { kind: "cursor", cursor: { in: "query", name: "after" }, itemCursor: ["n"], items: ["data"] }), { after: "2", limit: 2 }, [3, 4]],
    ["a cursor it knows not: none", op(["cursor"], { kind: "cursor", cursor: { in: "query", name: "cursor" }, nextCursor: ["next"], items: [] }), { cursor: "x" }, []],
    ["a Link header's page and per_page", op(["page", "per_page"], { kind: "link", items: [] }), { page: 2, per_page: 2 }, [3, 4]],
    ["filtered by a parameter named as a property", op(["kind"]), { kind: "odd" }, [1, 3, 5]],
    ["its value compared as text", op(["n"]), { n: "4" }, [4]],
    ["a list parameter: any of its values", op(["n"]), { n: [2, 5] }, [2, 5]],
    ["filtered, then paged", op(["kind", "limit", "offset"]), { kind: "odd", offset: 1, limit: 1 }, [3]],
    ["a paging parameter named as a property pages", op(["size", "page"]), { size: 2, page: 1 }, [1, 2]],
    ["an undeclared parameter filters nothing", op([]), { kind: "odd" }, [1, 2, 3, 4, 5]],
  ])("%s", (_, operation, query, want) => {
    expect(pageOfList(operation, query, all, (name) => ["n", "kind", "size"].includes(name)).items.map((e) => e.n)).toEqual(want);
  });

  it("says a cursor it cannot place, for the list to refuse (an empty cursor is none)", () => {
    const cursor = op(["cursor"], { kind: "cursor", cursor: { in: "query", name: "cursor" }, nextCursor: ["next"], items: [] });
    expect(pageOfList(cursor, { cursor: "x" }, all, () => false).slice.unknownCursor).toEqual({ name: "cursor", value: "x", item: false });
    expect(pageOfList(cursor, { cursor: "" }, all, () => false).slice.unknownCursor).toBeUndefined();
  });

  it("counts the entities matching, not those kept", () => {
    expect(pageOfList(op(["kind", "limit"]), { kind: "even", limit: 1 }, all, (name) => name === "kind").total).toBe(2);
  });
});
