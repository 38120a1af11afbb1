/**
 * The types of a discriminator inherited through `allOf` (fixtures inherited-discriminator, 3.0, and
 * inherited-discriminator-31): each child's tag is narrowed to the values selecting it (its name, or the
 * mapping's keys) and those of the schemas extending it (a Puppy is a Dog: openapi-typescript typed Dog's
 * tag "Dog" alone), and a guard narrows to a type whose tag is the one it checked (the validators' test,
 * test/validators/inherited-discriminator.test.ts, holds what they accept). Checked both ways: what the
 * guards accept compiles, a sibling's tag does not.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, ROOT, tempDir, typecheckConsumer } from "../helpers/project.js";

describe.each([["inherited-discriminator"], ["inherited-discriminator-31"]])("%s", (fixture) => {
  it("narrows each child's tag to its values, and a guard to its child", async () => {
    const input = path.join(ROOT, "test/fixtures", fixture, "openapi.yaml");
    const { files } = await generate({ input, packageName: "inherited", targets: ["types", "validators"] });
    const consumer = [
      'import type { Bike, Car, Cat, Dog, Pet, Puppy, Truck } from "./types.js";',
      'import { isCat, isDog, isPet } from "./validators.js";',
      'export const cat: Cat = { name: "Tom", petType: "Cat", huntingSkill: "lazy" };',
      "// @ts-expect-error a Dog's tag on a Cat",
      'export const dogAsCat: Cat = { name: "Tom", petType: "Dog", huntingSkill: "lazy" };',
      'export const dog: Dog = { name: "Rex", petType: "Dog", packSize: 3 };',
      'export const puppy: Puppy = { name: "Bit", petType: "Puppy", packSize: 1, ageWeeks: 9 };',
      "// a Puppy is a Dog: Dog's tag takes the values of the schemas extending it",
      "export const puppyIsDog: Dog = puppy;",
      'export const dogTaggedPuppy: Dog = { name: "Bit", petType: "Puppy", packSize: 1 };',
      "// @ts-expect-error a Cat's tag on a Dog",
      'export const catAsDog: Dog = { name: "Rex", petType: "Cat", packSize: 3 };',
      "// @ts-expect-error two levels down, its own name",
      'export const puppyAsDog: Puppy = { name: "Bit", petType: "Dog", packSize: 1, ageWeeks: 9 };',
      'export const car: Car = { kind: "car", doors: 4 };',
      "// @ts-expect-error mapped: the mapping's key, not the schema's name",
      'export const carName: Car = { kind: "Car", doors: 4 };',
      'export const bike: Bike = { kind: "bike", gears: 3 };',
      'export const truck: Truck = { kind: "anything", load: 1 };',
      'export const pet: Pet = { name: "Nemo", petType: "Fish" };',
      "export function tagOf(x: unknown): string {",
      '  if (isCat(x)) { const t: "Cat" = x.petType; return t; }',
      '  if (isDog(x)) { const t: "Dog" | "Puppy" = x.petType; return t; }',
      "  return isPet(x) ? x.petType : \"\";",
      "}",
    ];
    expect(typecheckConsumer(path.join(tempDir(), "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
  }, 60_000);
});

it("a oneOf naming the children with a mapping of its own: their tags are its values, in the types and the guards alike", async () => {
  const dir = tempDir();
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas = {
    Pet: { type: "object", required: ["petType"], properties: { petType: { type: "string" } }, discriminator: { propertyName: "petType" } },
    Cat: { allOf: [ref("Pet"), { type: "object", properties: { meows: { type: "boolean" } } }] },
    Dog: { allOf: [ref("Pet"), { type: "object", required: ["barks"], properties: { barks: { type: "boolean" } } }] },
    Either: { oneOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "petType", mapping: { cat: ref("Cat").$ref, dog: ref("Dog").$ref } } },
  };
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {}, components: { schemas } }));
  const { files } = await generate({ input, packageName: "either", targets: ["types", "validators"] });
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Record<string, (x: unknown) => boolean>;
  expect([v.isCat!({ petType: "cat" }), v.isEither!({ petType: "cat" }), v.isPet!({ petType: "dog" })]).toEqual([true, true, false]);
  expect([v.isCat!({ petType: "Cat" }), v.isEither!({ petType: "Cat" })]).toEqual([false, false]);
  const consumer = [
    'import type { Cat, Either } from "./types.js";',
    'export const cat: Cat = { petType: "cat" };',
    'export const either: Either = { petType: "dog", barks: true };',
    "// @ts-expect-error the oneOf's mapping names it cat",
    'export const named: Cat = { petType: "Cat" };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);

it("a child the mapping does not name that declares the tag itself: the tag is typed once (apple.com sirikit-cloud-media did not compile)", async () => {
  const dir = tempDir();
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas = {
    Result: { type: "object", required: ["class"], properties: { class: { type: "string" } }, discriminator: { propertyName: "class", mapping: { Listed: ref("Listed").$ref } } },
    Listed: { allOf: [ref("Result")], type: "object", properties: { class: { type: "string", enum: ["Listed"] } } },
    Unlisted: { allOf: [ref("Result")], type: "object", properties: { class: { type: "string", enum: ["Unlisted"] }, n: { type: "integer" } } },
    Loose: { allOf: [ref("Result")], type: "object", required: ["class"], properties: { class: { type: "string", description: "the kind" } } },
  };
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {}, components: { schemas } }));
  const { files } = await generate({ input, packageName: "unlisted", targets: ["types"] });
  const consumer = [
    'import type { Listed, Loose, Unlisted } from "./types.js";',
    'export const listed: Listed = { class: "Listed" };',
    'export const unlisted: Unlisted = { class: "Unlisted", n: 1 };',
    "// @ts-expect-error its own name, as openapi-typescript types an unmapped child",
    'export const other: Unlisted = { class: "Listed" };',
    "// @ts-expect-error the tag is required",
    "export const untagged: Unlisted = { n: 1 };",
    'export const loose: Loose = { class: "Loose" };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);

// openapi-typescript's implicit mapping read the twin's own name: a request had to say kind "UnlistedWritable"
// (or, beside a tag the child declares, could say nothing: never)
it("the request twin of a child with a readOnly property is tagged as the child: its name, not the twin's", async () => {
  const dir = tempDir();
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const schemas = {
    Kind: { type: "string", enum: ["Plain", "Declared", "Mapped"] },
    Base: { type: "object", required: ["kind"], properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind", mapping: { Mapped: ref("Mapped").$ref } } },
    Mid: { allOf: [ref("Base")] },
    Plain: { allOf: [ref("Mid")], type: "object", required: ["u"], properties: { u: { type: "string", readOnly: true } } },
    Declared: { allOf: [ref("Mid")], type: "object", required: ["u"], properties: { kind: ref("Kind"), u: { type: "string", readOnly: true } } },
    // no readOnly here: a base whose mapping reaches one is split too, and its twin's mapping names the twins
    Mapped: { allOf: [ref("Base")], type: "object", properties: { m: { type: "integer" } } },
  };
  // sent only; the answer is the base (the base, not split: its mapping names the originals)
  const body = (name: string) => ({ requestBody: { content: { "application/json": { schema: ref(name) } } }, responses: { "200": { description: "ok", content: { "application/json": { schema: ref("Base") } } } } });
  const paths = { "/plain": { post: { operationId: "plain", ...body("Plain") } }, "/declared": { post: { operationId: "declared", ...body("Declared") } }, "/mapped": { post: { operationId: "mapped", ...body("Mapped") } } };
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths, components: { schemas } }));
  const { files } = await generate({ input, packageName: "twins", targets: ["types"] });
  const consumer = [
    'import type { PlainWritable, DeclaredWritable, Plain } from "./types.js";',
    'export const plain: PlainWritable = { kind: "Plain" };',
    'export const declared: DeclaredWritable = { kind: "Declared" };',
    'export const received: Plain = { kind: "Plain", u: "x" };',
    "// @ts-expect-error the twin's own name is no tag",
    'export const wrong: PlainWritable = { kind: "PlainWritable" };',
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });
}, 60_000);
