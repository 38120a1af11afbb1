/** What openapi-typescript is given: shapes it misreads are made safe in the copy, never in the IR. */
import { describe, expect, it } from "vitest";
import { typesInput } from "../../generator/emit/types/openapi-typescript-input.js";

const doc = (schema: unknown) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas: { S: schema } } });
const schemaOf = (d: Record<string, unknown>) => (d.components as { schemas: { S: unknown } }).schemas.S;

describe("typesInput", () => {
  it.each([
    ["an object enum of strings (nothing validates): the enum goes", { type: "object", properties: { a: { type: "string" } }, enum: ["X", "Y"] }, { type: "object", properties: { a: { type: "string" } } }],
    ["an object enum mixing objects and strings keeps the objects", { type: "object", enum: [{ a: 1 }, "X"] }, { type: "object", enum: [{ a: 1 }] }],
    ["an object enum of objects stays", { type: "object", enum: [{ a: 1 }] }, { type: "object", enum: [{ a: 1 }] }],
    ["a string enum stays", { type: "string", enum: ["X"] }, { type: "string", enum: ["X"] }],
    // typed one schema per type, each with the whole enum: the object one threw 'Expected SchemaObject, received string'
    ["a type list with object and an enum of no object loses object", { type: ["string", "object"], properties: { a: {} }, enum: ["X"] }, { type: ["string"], properties: { a: {} }, enum: ["X"] }],
    ["a type list with object and an enum mixing objects and strings loses the enum", { type: ["string", "object"], additionalProperties: {}, enum: [{ a: 1 }, "X"] }, { type: ["string", "object"], additionalProperties: {} }],
    ["a type list with object and no properties keeps its enum (typed as the union of its values)", { type: ["null", "object"], enum: [{ a: 1 }, null] }, { type: ["null", "object"], enum: [{ a: 1 }, null] }],
    // openapi-typescript types `{type: object}` alone as Record<string, never>: beside X it admitted no property of X
    [
      "an allOf member saying only type: object loses it; one with properties keeps it",
      { allOf: [{ $ref: "#/components/schemas/X" }, { type: "object", description: "d", required: ["a"] }, { type: "object", properties: { b: {} } }] },
      { allOf: [{ $ref: "#/components/schemas/X" }, { description: "d", required: ["a"] }, { type: "object", properties: { b: {} } }] },
    ],
  ])("%s", (_name, given, want) => {
    const document = doc(given);
    expect(schemaOf(typesInput(document))).toEqual(want);
    expect(schemaOf(document)).toEqual(given);
  });

  it("inlines a $ref into another operation, which openapi-typescript types through an optional ['query']", () => {
    const shared = { name: "page", in: "query", schema: { type: "integer" } };
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/a": { get: { parameters: [shared], responses: {} } },
        "/b": { get: { parameters: [{ $ref: "#/paths/~1a/get/parameters/0" }, { $ref: "#/components/parameters/P" }], responses: {} } },
      },
      components: { parameters: { P: { name: "q", in: "query", schema: { type: "string" } } } },
    };
    const copy = typesInput(document) as typeof document;
    expect(copy.paths["/b"].get.parameters).toEqual([shared, { $ref: "#/components/parameters/P" }]);
    expect(document.paths["/b"].get.parameters[0]).toEqual({ $ref: "#/paths/~1a/get/parameters/0" });
  });

  // the base's whole mapping in each schema between was ~150 kB apiece on Microsoft Graph beta (1,544 entries)
  it("gives a schema between a base and its children the base's mapping for its own subtree only", () => {
    const ref = (k: string) => ({ $ref: `#/components/schemas/${k}` });
    const child = (parent: string, extra: Record<string, unknown> = {}) => ({ allOf: [ref(parent), { type: "object", properties: { x: {} }, ...extra }] });
    const schemas = {
      Pet: { type: "object", required: ["kind"], properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog", pup: "#/components/schemas/Puppy", elf: "#/components/schemas/Elf" } } },
      Cat: child("Pet"),
      Dog: child("Pet"),
      Puppy: child("Dog"),
      // named by the mapping, extending nothing: not a member, so kept wherever the mapping goes
      Elf: { type: "object" },
    };
    const document = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } };
    const copy = typesInput(document) as typeof document;
    const mapping = (k: keyof typeof schemas) => ((copy.components.schemas[k] as { discriminator?: { mapping?: unknown } }).discriminator?.mapping);
    expect(mapping("Dog")).toEqual({ pup: "#/components/schemas/Puppy", elf: "#/components/schemas/Elf" });
    expect(mapping("Pet")).toEqual({ cat: "#/components/schemas/Cat", pup: "#/components/schemas/Puppy", elf: "#/components/schemas/Elf" });
  });
});
