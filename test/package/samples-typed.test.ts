/**
 * A sample is a value of its type as well as of its validator: `sampleX(): X` is written as a literal of
 * `X` and type-checked. Before, `sampleCat()` said `petType: "string"` where the types (as openapi-typescript
 * writes a discriminated oneOf's branches) say `"cat"`, and a sample taken from an operation's example could
 * be a shape the type refuses though the validator takes it: an array for a schema with `properties` but no
 * `type` (typed as an object, as every peer types it), or an object naming none of the properties of a
 * schema whose properties are all optional (Azure's examples of an error where a result is described); and
 * one its validator refuses: a sibling's tag where a component extends an inherited discriminator's base
 * (Bing's WebSearch shows an `Organization` at a place written `Thing`).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemas = {
  Pet: { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "petType", mapping: { cat: ref("Cat").$ref, dog: ref("Dog").$ref } } },
  Cat: { type: "object", required: ["petType", "meow"], properties: { petType: { type: "string" }, meow: { type: "boolean" } } },
  Dog: { type: "object", required: ["petType"], properties: { petType: { type: "string" }, bark: { type: "string" } } },
  // no mapping: the component's name is its tag
  Vehicle: { oneOf: [ref("Bike"), ref("Car")], discriminator: { propertyName: "kind" } },
  Bike: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, gears: { type: "integer" } } },
  Car: { allOf: [{ type: "object", required: ["kind"], properties: { kind: { type: "string" } } }, { type: "object", properties: { seats: { type: "integer" } } }] },
  // what the operation's examples below show of these is not of their types
  OperationList: { properties: { value: { type: "array", items: { type: "string" } }, nextLink: { type: "string" } } },
  Availability: { type: "object", properties: { nameAvailable: { type: "boolean" }, reason: { type: "string" } } },
  // an inherited discriminator: isThing takes the tags naming Thing (or a component below it), not a sibling's
  Base: { type: "object", required: ["_type"], properties: { _type: { type: "string" } }, discriminator: { propertyName: "_type" } },
  Thing: { allOf: [ref("Base"), { type: "object", properties: { name: { type: "string" } } }] },
  Organization: { allOf: [ref("Base"), { type: "object", properties: { name: { type: "string" }, url: { type: "string" } } }] },
};
const json = (schema: unknown, value: unknown) => ({ "application/json": { schema, examples: { shown: { value } } } });
const paths = {
  "/operations": { get: { operationId: "listOperations", responses: { "200": { description: "ok", content: json(ref("OperationList"), [{ name: "read" }]) } } } },
  "/things": { get: { operationId: "getThing", responses: { "200": { description: "ok", content: json({ type: "object", properties: { thing: ref("Thing") } }, { thing: { _type: "Organization" } }) } } } },
  "/availability": { get: { operationId: "checkName", responses: { "200": { description: "ok", content: json(ref("Availability"), { error: { code: "Conflict" } }) } } } },
};

it("each sample is accepted by its validator and is a value of its type", async () => {
  const dir = tempDir();
  const file = path.join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify({ openapi: "3.1.0", info: { title: "Typed", version: "1" }, paths, components: { schemas } }));
  const { files } = await generate({ input: file, packageName: "typed", targets: ["types", "validators"], types: { samples: true } });
  const src = importableSources(files);
  const samples = (await import(pathToFileURL(path.join(src, "samples.js")).href)) as Record<string, () => unknown>;
  const validators = (await import(pathToFileURL(path.join(src, "validators.js")).href)) as Record<string, (v: unknown) => { ok: boolean }>;
  const names = Object.keys(schemas);
  for (const name of names) expect([name, validators[`validate${name}`]!(samples[`sample${name}`]!()).ok]).toEqual([name, true]);
  expect((samples.sampleCat!() as { petType: string }).petType).toBe("cat");
  expect((samples.sampleCar!() as { kind: string }).kind).toBe("Car");

  const consumer = [`import type { ${names.join(", ")} } from "./types.js";`, ...names.map((name) => `export const ${name.toLowerCase()}: ${name} = ${JSON.stringify(samples[`sample${name}`]!())};`)];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
