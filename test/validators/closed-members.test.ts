/**
 * `unknownProperties: reject` (and strip) close a component that is also an allOf/anyOf/oneOf member in its
 * own validator and wherever it is used directly; only its uses as a member stay open, so that the
 * composition, which closes itself, counts what its other members name.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { importableSources, tempDir } from "../helpers/project.js";

type Result = { ok: boolean; value?: unknown; errors?: Array<{ path: string; keyword: string; schemaPath?: string }> };
type V = Record<string, (v: unknown) => Result>;

const ref = (key: string) => `{ $ref: "#/components/schemas/${key}" }`;

const SPEC = `openapi: 3.1.0
info: { title: members, version: "1" }
paths:
  /pets:
    post:
      operationId: addPet
      requestBody: { content: { application/json: { schema: ${ref("Pet")} } } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: ${ref("Pet")} } } } }
components:
  schemas:
    Pet: { type: object, required: [name], properties: { name: { type: string }, friend: ${ref("Pet")} } }
    Dog: { allOf: [${ref("Pet")}, { type: object, properties: { bark: { type: boolean } } }] }
    Owner: { type: object, properties: { pet: ${ref("Pet")} } }
    Lit: { type: object, required: [value], properties: { value: { type: number } } }
    Bin: { type: object, required: [op], properties: { op: { type: string }, left: ${ref("Expr")}, right: ${ref("Expr")} } }
    Expr: { oneOf: [${ref("Lit")}, ${ref("Bin")}] }
    Circle: { type: object, required: [kind], properties: { kind: { type: string }, r: { type: number } } }
    Square: { type: object, required: [kind], properties: { kind: { type: string }, w: { type: number } } }
    Shape:
      oneOf: [${ref("Circle")}, ${ref("Square")}]
      discriminator: { propertyName: kind, mapping: { c: "#/components/schemas/Circle", s: "#/components/schemas/Square" } }
    Animal: { type: object, required: [kind], properties: { kind: { type: string } }, discriminator: { propertyName: kind, mapping: { dog: "#/components/schemas/Doggo" } } }
    Doggo: { type: object, properties: { kind: { type: string }, woof: { type: boolean } } }
    Cat: { allOf: [${ref("Animal")}, { type: object, properties: { meow: { type: boolean } } }] }
    Hound: { allOf: [${ref("Animal")}, { type: object, properties: { bark: { type: boolean } } }] }
    Pets: { oneOf: [${ref("Cat")}, ${ref("Hound")}] }
    Setting: { type: object, properties: { on: { type: boolean } } }
    Tag: { type: object, properties: { label: { type: string } } }
    TagAlias: ${ref("Tag")}
    Tagged: { allOf: [${ref("TagAlias")}, { type: object, properties: { color: { type: string } } }] }
    Cond: { type: object, properties: { c: { type: string } } }
    Deps: { type: object, properties: { a: { type: string }, c: { type: string } }, dependentSchemas: { a: ${ref("Cond")} } }
    Inner: { type: object, properties: { b: { type: integer }, c: { type: integer } } }
    One: { type: object, properties: { b: { const: 1 } } }
    Not: { type: object, properties: { a: ${ref("Inner")} }, not: { properties: { a: ${ref("One")} } } }
    X: { type: object, properties: { x: { type: string } } }
    Both: { allOf: [{ type: object, properties: { o: ${ref("X")} } }, { type: object, properties: { o: { type: object, properties: { y: { type: string } } } } }] }
    Holder: { type: object, properties: { sib: { $ref: "#/components/schemas/Setting", properties: { level: { type: integer } } }, plain: ${ref("Setting")} } }
`;

async function validatorsFor(validators: ValidatorOptions, spec = SPEC): Promise<V> {
  const file = path.join(tempDir(), "openapi.yaml");
  writeFileSync(file, spec);
  const { files } = await generate({ input: file, targets: ["validators"], validators });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
}

const issues = (r: Result) => r.errors?.map((e) => `${e.path} ${e.keyword}`).sort();

describe("unknownProperties reject: a composition member is closed where it is used directly", () => {
  it("its own validator, a property, array items and a body refuse an unknown property; the composition takes its members' names", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" });
    expect(issues(v.validatePet!({ name: "x", extra: 1 }))).toEqual(["/extra unevaluatedProperties"]);
    expect(issues(v.validateOwner!({ pet: { name: "x", extra: 1 } }))).toEqual(["/pet/extra unevaluatedProperties"]);
    expect(issues(v.validateAddPetRequest!({ name: "x", extra: 1 }))).toEqual(["/extra unevaluatedProperties"]);
    expect(issues(v.validateAddPetResponse200!([{ name: "x", extra: 1 }]))).toEqual(["/0/extra unevaluatedProperties"]);
    // the error's schema path is the component's, not the member copy's
    expect(v.validatePet!({ name: "x", extra: 1 }).errors?.[0]?.schemaPath).toBe("#/components/schemas/Pet/unevaluatedProperties");
    expect(v.validateDog!({ name: "x", bark: true }).ok).toBe(true);
    expect(issues(v.validateDog!({ name: "x", bark: true, extra: 1 }))).toEqual(["/extra unevaluatedProperties"]);
    // a Pet inside the member is a Pet: closed (recursion through the member)
    expect(issues(v.validateDog!({ name: "x", friend: { name: "y", bark: true } }))).toEqual(["/friend/bark unevaluatedProperties"]);
    expect(issues(v.validatePet!({ name: "x", friend: { name: "y", extra: 1 } }))).toEqual(["/friend/extra unevaluatedProperties"]);
  });

  it("a member that refers back to its composition", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" });
    const tree = { op: "+", left: { value: 1 }, right: { op: "-", left: { value: 2 } } };
    expect(v.validateExpr!(tree).ok).toBe(true);
    expect(v.validateBin!(tree).ok).toBe(true);
    // Lit's open copy takes the junk in Expr's oneOf; Expr, closed, refuses it (its oneOf lists every branch's issues)
    expect(issues(v.validateBin!({ ...tree, right: { value: 2, junk: 1 } }))).toEqual(["/right/junk unevaluatedProperties"]);
    expect(issues(v.validateExpr!({ ...tree, right: { value: 2, junk: 1 } }))).toContain("/right/junk unevaluatedProperties");
    expect(issues(v.validateBin!({ ...tree, junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    expect(issues(v.validateLit!({ value: 1, op: "+" }))).toEqual(["/op unevaluatedProperties"]);
  });

  it("a discriminated oneOf and an inherited discriminator", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" });
    expect(v.validateShape!({ kind: "c", r: 1 }).ok).toBe(true);
    expect(issues(v.validateShape!({ kind: "c", r: 1, extra: 1 }))).toEqual(["/extra unevaluatedProperties"]);
    expect(issues(v.validateCircle!({ kind: "c", r: 1, w: 2 }))).toEqual(["/w unevaluatedProperties"]);
    // the base judges a Cat by Cat's schema: its members' names count, an unknown one does not
    expect(v.validateAnimal!({ kind: "Cat", meow: true }).ok).toBe(true);
    expect(issues(v.validateAnimal!({ kind: "Cat", meow: true, junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    expect(issues(v.validateCat!({ kind: "Cat", meow: true, junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    // as members of a union they are chosen by the tag still: a Cat is no Hound (both open, both took it)
    expect(v.validatePets!({ kind: "Cat", meow: true }).ok).toBe(true);
    expect(issues(v.validatePets!({ kind: "Cat", meow: true, bark: true }))).toEqual(["/bark unevaluatedProperties"]);
    // reported at the spec's places: Cat's own property, the base's discriminator for a tag naming no Hound
    const paths = (r: Result) => r.errors?.map((e) => `${e.path} ${e.schemaPath}`).sort();
    expect(paths(v.validatePets!({ kind: "Cat", meow: 1 }))).toEqual([
      " #/components/schemas/Pets/oneOf",
      "/kind #/components/schemas/Animal/discriminator",
      "/kind #/components/schemas/Pets/unevaluatedProperties",
      "/meow #/components/schemas/Cat/allOf/1/properties/meow/type",
      "/meow #/components/schemas/Pets/unevaluatedProperties",
    ]);
    // a schema the mapping names that does not extend the base: the base's own beside it, open as a member of that allOf
    expect(v.validateAnimal!({ kind: "dog", woof: true }).ok).toBe(true);
    expect(issues(v.validateAnimal!({ kind: "dog", woof: true, junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    // a kind the API adds later is an Animal, closed as its own schema
    expect(v.validateAnimal!({ kind: "Bird" }).ok).toBe(true);
    expect(issues(v.validateAnimal!({ kind: "Bird", wings: 2 }))).toEqual(["/wings unevaluatedProperties"]);
  });

  it("a $ref with properties beside it takes both; the component alone is closed", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" });
    expect(v.validateHolder!({ sib: { on: true, level: 1 } }).ok).toBe(true);
    expect(issues(v.validateHolder!({ plain: { on: true, level: 1 } }))).toEqual(["/plain/level unevaluatedProperties"]);
    expect(issues(v.validateSetting!({ on: true, level: 1 }))).toEqual(["/level unevaluatedProperties"]);
  });

  it("a member that is only a $ref to another component opens that one as the member; a dependentSchemas entry is a member", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" });
    expect(v.validateTagged!({ label: "x", color: "red" }).ok).toBe(true);
    expect(issues(v.validateTagged!({ label: "x", color: "red", junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    expect(issues(v.validateTagAlias!({ label: "x", color: "red" }))).toEqual(["/color unevaluatedProperties"]);
    // Cond, closed, refused `a` beside it (and strip removed it): each of the two names what the other holds
    expect(v.validateDeps!({ a: "x", c: "y" }).ok).toBe(true);
    expect(issues(v.validateDeps!({ a: "x", c: "y", junk: 1 }))).toEqual(["/junk unevaluatedProperties"]);
    expect(issues(v.validateCond!({ a: "x", c: "y" }))).toEqual(["/a unevaluatedProperties"]);
  });
});

describe("where nothing is closed, a $ref reads the open copy", () => {
  it("below a test (not) and in a property two allOf members describe", async () => {
    for (const unknownProperties of ["reject", "strip"] as const) {
      const v = await validatorsFor({ unknownProperties });
      // keep refuses it (a is a One); One closed to b made the not pass
      expect(v.validateNot!({ a: { b: 1, c: 1 } }).errors?.map((e) => e.keyword)).toEqual(["not"]);
      // X closed refused (or removed) y, which the other member names
      expect(v.validateBoth!({ o: { x: "1", y: "2" } })).toEqual({ ok: true, value: { o: { x: "1", y: "2" } } });
      expect(v.validateX!({ x: "1", y: "2" }).ok).toBe(unknownProperties === "strip");
    }
  });
});

describe("an open copy leaves open what a schema beside its member use describes too", () => {
  const spec = `openapi: 3.1.0
info: { title: beside, version: "1" }
paths: {}
components:
  schemas:
    Tag: { type: object, properties: { label: { type: string } } }
    Pet: { type: object, properties: { name: { type: string }, tag: ${ref("Tag")} } }
    Dog: { allOf: [${ref("Pet")}, { type: object, properties: { tag: { type: object, properties: { color: { type: string } } } } }] }
    Puppy: { allOf: [${ref("Dog")}, { type: object, properties: { age: { type: integer } } }] }
    Both: { allOf: [{ type: object, properties: { tag: ${ref("Tag")} } }, { type: object, properties: { tag: { type: object, properties: { color: { type: string } } } } }] }
    Cat: { allOf: [${ref("Both")}, { type: object, properties: { meow: { type: boolean } } }] }
    Deep: { type: object, properties: { c: { const: 1 } } }
    One: { type: object, properties: { b: ${ref("Deep")} } }
    NotOne: { type: object, properties: { b: { type: object } }, not: ${ref("One")} }
`;

  it("a property of the member component (Pet's tag, a Tag) that the other member names too, and one of a composition's own members", async () => {
    for (const unknownProperties of ["reject", "strip"] as const) {
      const v = await validatorsFor({ unknownProperties }, spec);
      // Tag closed in Pet's open copy refused (removed) color, which Dog's other member gives the tag
      for (const name of ["Dog", "Puppy"]) expect(v[`validate${name}`]!({ tag: { label: "x", color: "red" } })).toEqual({ ok: true, value: { tag: { label: "x", color: "red" } } });
      // Both's closed copy took it; its open copy (Cat's member) closed Tag
      for (const name of ["Both", "Cat"]) expect(v[`validate${name}`]!({ tag: { label: "x", color: "red" } })).toEqual({ ok: true, value: { tag: { label: "x", color: "red" } } });
      // the component used directly is still closed, and Dog at its own level
      expect(v.validateTag!({ label: "x", color: "red" }).ok).toBe(unknownProperties === "strip");
      expect(v.validateDog!({ name: "x", junk: 1 })).toEqual(unknownProperties === "strip" ? { ok: true, value: { name: "x" } } : expect.objectContaining({ ok: false }));
    }
  });

  it("below a test, a component's open copy closes none of the components it names either", async () => {
    for (const unknownProperties of ["reject", "strip"] as const) {
      const v = await validatorsFor({ unknownProperties }, spec);
      // keep refuses it (b is a Deep, so the value is a One); Deep closed in One's open copy made the not pass
      expect(v.validateNotOne!({ b: { c: 1, d: 2 } }).errors?.map((e) => e.keyword)).toEqual(["not"]);
    }
  });
});

describe("shared subschemas (shared-subschemas.ts) of the two copies", () => {
  // an inline object large enough to be shared, written in two components that are each a member and used directly
  const info = `{ type: object, properties: { first: { type: string, minLength: 1, maxLength: 100, pattern: "^[A-Z]" }, last: { type: string, minLength: 1, maxLength: 100, pattern: "^[A-Z]" }, mail: { type: string, format: email } } }`;
  const spec = `openapi: 3.1.0
info: { title: shared, version: "1" }
paths: {}
components:
  schemas:
    Pet: { type: object, properties: { name: { type: string }, info: ${info} } }
    Cat: { type: object, properties: { meow: { type: boolean }, info: ${info} } }
    Dog: { allOf: [${ref("Pet")}, { type: object, properties: { bark: { type: boolean } } }] }
    Tiger: { allOf: [${ref("Cat")}, { type: object, properties: { stripes: { type: integer } } }] }
`;

  it("the open and the closed copy of one spec place are shared apart, each reported at that place", async () => {
    const v = await validatorsFor({ unknownProperties: "reject" }, spec);
    for (const name of ["Pet", "Cat"]) expect(issues(v[`validate${name}`]!({ info: { first: "A", junk: 1 } }))).toEqual(["/info/junk unevaluatedProperties"]);
    // inside a member nothing is closed, as before: only the composition's own level is
    for (const name of ["Dog", "Tiger"]) expect(v[`validate${name}`]!({ info: { first: "A", junk: 1 } }).ok).toBe(true);
    expect(v.validateTiger!({ info: { first: "a" } }).errors?.map((e) => e.schemaPath)).toEqual(["#/components/schemas/Pet/properties/info/properties/first/pattern"]);
    expect(v.validateCat!({ info: { first: "A", junk: 1 } }).errors?.map((e) => e.schemaPath)).toEqual(["#/components/schemas/Pet/properties/info/unevaluatedProperties"]);
  });
});

describe("unknownProperties strip: the same", () => {
  it("removes what the component does not name where it is used directly, and what no member names in the composition", async () => {
    const v = await validatorsFor({ unknownProperties: "strip" });
    expect(v.validatePet!({ name: "x", extra: 1 })).toEqual({ ok: true, value: { name: "x" } });
    expect(v.validateOwner!({ pet: { name: "x", extra: 1 } })).toEqual({ ok: true, value: { pet: { name: "x" } } });
    expect(v.validateDog!({ name: "x", bark: true, extra: 1 })).toEqual({ ok: true, value: { name: "x", bark: true } });
    expect(v.validateDog!({ name: "x", friend: { name: "y", bark: true } })).toEqual({ ok: true, value: { name: "x", friend: { name: "y" } } });
    expect(v.validateHolder!({ sib: { on: true, level: 1, junk: 1 }, plain: { on: true, level: 1 } })).toEqual({ ok: true, value: { sib: { on: true, level: 1 }, plain: { on: true } } });
    expect(v.validateAnimal!({ kind: "Cat", meow: true, junk: 1 })).toEqual({ ok: true, value: { kind: "Cat", meow: true } });
    expect(v.validateDeps!({ a: "x", c: "y", junk: 1 })).toEqual({ ok: true, value: { a: "x", c: "y" } });
    expect(v.validateTagged!({ label: "x", color: "red", junk: 1 })).toEqual({ ok: true, value: { label: "x", color: "red" } });
  });
});
