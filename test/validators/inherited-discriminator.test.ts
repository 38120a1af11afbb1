/**
 * A discriminator on a base schema that children extend through `allOf` (OpenAPI 3.0.3 §4.7.25, 3.1
 * §4.8.25: "the discriminator MAY be added to a parent schema definition, and all schemas comprising the
 * parent schema in an allOf construct may be used as an alternate schema"), fixtures inherited-discriminator
 * (3.0) and inherited-discriminator-31. A child's guard accepts its own instances only (those of the
 * children below it too), as its type narrows the tag (`isCat` took a Dog: the tag was only the base's
 * `string`); the base, validated directly (a response, a request body), and a child with children below it,
 * are judged by the schema the tag names, and a tag naming none leaves the base to its own schema.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { fileWriter, importableSources, ROOT, tempDir } from "../helpers/project.js";

type Issue = { path: string; keyword: string; schemaPath: string; message: string };
type Api = Record<string, (v: unknown) => { ok: boolean; errors?: Issue[] }>;

async function validators(fixture: string, options: ValidatorOptions = {}): Promise<Api> {
  const input = path.join(ROOT, "test/fixtures", fixture, "openapi.yaml");
  const { files } = await generate({ input, targets: ["validators"], validators: options });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
}

const cat = { name: "Tom", petType: "Cat", huntingSkill: "lazy" };
const dog = { name: "Rex", petType: "Dog", packSize: 3 };
const puppy = { name: "Bit", petType: "Puppy", packSize: 1, ageWeeks: 9 };
const tagIssue = (values: string, at = ""): Issue => ({ path: `${at}/petType`, keyword: "discriminator", schemaPath: "#/components/schemas/Pet/discriminator", message: `must be one of ${values}` });

describe.each([["inherited-discriminator"], ["inherited-discriminator-31"]])("%s", (fixture) => {
  it("a child's guard accepts its own instances only: its tag and its constraints", async () => {
    const v = await validators(fixture);
    const is = (name: string, value: unknown) => v[`validate${name}`]!(value).ok;
    expect(is("Cat", cat)).toBe(true);
    expect(is("Cat", { ...cat, petType: "Dog" })).toBe(false); // a Dog with a hunting skill is no Cat
    expect(is("Cat", { name: "Tom", petType: "Cat" })).toBe(false);
    expect(is("Dog", dog)).toBe(true);
    expect(is("Dog", { ...dog, petType: "Cat" })).toBe(false);
    // a Puppy is a Dog (its tag one of Dog's), checked as the Puppy it says it is
    expect(is("Dog", puppy)).toBe(true);
    expect(is("Dog", { ...puppy, ageWeeks: 60 })).toBe(false);
    expect(v.validateDog!({ ...dog, petType: "Cat" }).errors).toEqual([tagIssue('"Dog", "Puppy"')]);
    expect(is("Puppy", puppy)).toBe(true);
    expect(is("Puppy", { ...puppy, petType: "Dog" })).toBe(false);
    expect(is("Puppy", { ...puppy, packSize: -1 })).toBe(false); // Dog's constraints, two levels up
    expect(v.validateCat!({ ...cat, petType: "Dog" }).errors).toEqual([tagIssue('"Cat"')]);
    expect(v.validateCat!({ name: "Tom", huntingSkill: "lazy" }).errors).toContainEqual({ ...tagIssue('"Cat"'), message: 'is required, one of "Cat"' });
    // with a mapping: the mapped value, not the schema's name
    expect(is("Car", { kind: "car", doors: 4 })).toBe(true);
    expect(is("Car", { kind: "Car", doors: 4 })).toBe(false);
    expect(is("Car", { kind: "bike", doors: 4, gears: 2 })).toBe(false);
    expect(is("Bike", { kind: "bike", gears: 3 })).toBe(true);
    // a mapping's target that does not extend the base is not narrowed: it is its own schema
    expect(is("Truck", { kind: "anything", load: 1 })).toBe(true);
  });

  it("the base validated directly is judged by the schema its tag names", async () => {
    const v = await validators(fixture);
    expect(v.validatePet!(cat).ok).toBe(true);
    expect(v.validatePet!(puppy).ok).toBe(true);
    expect(v.validatePet!({ name: "Tom", petType: "Cat" }).errors).toEqual([
      { path: "/huntingSkill", keyword: "required", schemaPath: "#/components/schemas/Cat/allOf/1/required", message: "is required" },
    ]);
    // two levels down: Puppy's own constraint, and Dog's on the way
    expect(v.validatePet!({ ...puppy, ageWeeks: 60 }).errors).toEqual([
      { path: "/ageWeeks", keyword: "maximum", schemaPath: "#/components/schemas/Puppy/allOf/1/properties/ageWeeks/maximum", message: "must be <= 52" },
    ]);
    expect(v.validatePet!({ name: "Bit", petType: "Puppy", ageWeeks: 9 }).errors).toEqual([
      { path: "/packSize", keyword: "required", schemaPath: "#/components/schemas/Dog/allOf/1/required", message: "is required" },
    ]);
    // the base's own constraints, once
    expect(v.validatePet!({ petType: "Dog", packSize: 1 }).errors).toEqual([
      { path: "/name", keyword: "required", schemaPath: "#/components/schemas/Pet/required", message: "is required" },
    ]);
    // a tag naming no schema: the base alone (a kind the API adds later still reads as a Pet)
    expect(v.validatePet!({ name: "Nemo", petType: "Fish" }).ok).toBe(true);
    expect(v.validatePet!({ name: "Nemo" }).errors).toEqual([
      { path: "/petType", keyword: "required", schemaPath: "#/components/schemas/Pet/required", message: "is required" },
    ]);
    expect(v.validatePet!(5).errors).toEqual([{ path: "", keyword: "type", schemaPath: "#/components/schemas/Pet/type", message: "must be object" }]);
    // where the base is a response's items
    expect(v.validateListPetsResponse200!([cat, { name: "Rex", petType: "Dog" }]).errors).toEqual([
      { path: "/1/packSize", keyword: "required", schemaPath: "#/components/schemas/Dog/allOf/1/required", message: "is required" },
    ]);
    expect(v.validateAddPetRequest!({ name: "Tom", petType: "Cat", huntingSkill: "bold" }).errors?.map((e) => e.schemaPath)).toEqual([
      "#/components/schemas/Cat/allOf/1/properties/huntingSkill/enum",
    ]);
  });

  it("with a mapping: each value to its schema, one not extending the base checked with the base too", async () => {
    const v = await validators(fixture);
    expect(v.validateVehicle!({ kind: "car", doors: 2 }).ok).toBe(true);
    expect(v.validateVehicle!({ kind: "car" }).errors).toEqual([
      { path: "/doors", keyword: "required", schemaPath: "#/components/schemas/Car/allOf/1/required", message: "is required" },
    ]);
    expect(v.validateVehicle!({ kind: "bike", gears: 0 }).errors?.map((e) => e.schemaPath)).toEqual(["#/components/schemas/Bike/allOf/1/properties/gears/minimum"]);
    expect(v.validateVehicle!({ kind: "truck" }).errors).toEqual([
      { path: "/load", keyword: "required", schemaPath: "#/components/schemas/Truck/required", message: "is required" },
    ]);
    expect(v.validateVehicle!({ kind: "truck", load: 1, wheels: -1 }).errors?.map((e) => e.schemaPath)).toEqual(["#/components/schemas/Vehicle/properties/wheels/minimum"]);
    // the schema's name is no value when the mapping names it otherwise: the base alone
    expect(v.validateVehicle!({ kind: "Car" }).ok).toBe(true);
    expect(v.validatePutVehicleRequest!({ kind: "car" }).ok).toBe(false);
  });

  it("stops at the first issue with allErrors: false", async () => {
    const v = await validators(fixture, { allErrors: false });
    expect(v.validateCat!({ ...cat, petType: "Dog" }).errors).toEqual([tagIssue('"Cat"')]);
    expect(v.validatePet!({ name: "Tom", petType: "Cat" }).errors?.map((e) => e.schemaPath)).toEqual(["#/components/schemas/Cat/allOf/1/required"]);
    expect(v.validatePet!({ name: "Nemo", petType: "Fish" }).ok).toBe(true);
  });
});

it("two unions over the same children with tags of their own: each union's instances are valid (review: the first union's tags closed the children)", async () => {
  const dir = tempDir();
  const input = fileWriter(dir)("unions.yaml", `openapi: 3.1.0
info: { title: Unions, version: "1" }
paths: {}
components:
  schemas:
    Pet: { type: object, required: [petType, name], properties: { petType: { type: string }, name: { type: string } }, discriminator: { propertyName: petType } }
    Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: object, properties: { huntingSkill: { type: string } } }] }
    Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: object, required: [packSize], properties: { packSize: { type: integer } } }] }
    Shelter: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: petType, mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } } }
    Zoo: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: petType, mapping: { feline: "#/components/schemas/Cat", canine: "#/components/schemas/Dog" } } }
    Plain: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: petType } }
`);
  const { files } = await generate({ input, targets: ["validators"] });
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
  const ok = (name: string, value: unknown) => v[`validate${name}`]!(value).ok;
  expect([ok("Shelter", { petType: "cat", name: "a" }), ok("Zoo", { petType: "feline", name: "a" }), ok("Zoo", { petType: "canine", name: "a", packSize: 1 }), ok("Plain", { petType: "Cat", name: "a" })]).toEqual([true, true, true, true]);
  // each union still judges by its tags: a Dog's tag with no packSize is no Dog
  expect([ok("Zoo", { petType: "canine", name: "a" }), ok("Shelter", { petType: "dog", name: "a" })]).toEqual([false, false]);
  // a child takes every value naming it, and still refuses another child's
  expect([ok("Cat", { petType: "feline", name: "a" }), ok("Cat", { petType: "dog", name: "a" })]).toEqual([true, false]);
});
