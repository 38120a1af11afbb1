/** Generation options of the validators target, through the real pipeline and the generated code. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { importableSources, ROOT, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; value?: unknown; errors?: Array<{ path: string; keyword: string }> }> &
  Record<string, (v: unknown) => boolean>;

async function validatorsFor(spec: string, validators: ValidatorOptions): Promise<V> {
  const { files } = await generate({ input: path.isAbsolute(spec) ? spec : path.join(ROOT, spec), targets: ["validators"], validators });
  const dir = importableSources(files);
  return (await import(pathToFileURL(path.join(dir, "validators.js")).href)) as V;
}

/** A spec of `schemas` (YAML lines under `components.schemas`, indented by 4) in a file of its own. */
function writeSpec(schemas: string): string {
  const file = path.join(tempDir(), "openapi.yaml");
  writeFileSync(file, `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    ${schemas}\n`);
  return file;
}

const bank = { primary: "#000000", accent: "#000000", button: "#000000", icon: "#000000" };

describe("readOnly and writeOnly", () => {
  it("request validators do not require readOnly properties, response validators not writeOnly ones", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.yaml"), `openapi: 3.1.0
info: { title: rw, version: "1" }
paths:
  /users:
    post:
      operationId: createUser
      requestBody: { required: true, content: { application/json: { schema: { $ref: "#/components/schemas/User" } } } }
      responses:
        "201": { description: created, content: { application/json: { schema: { $ref: "#/components/schemas/User" } } } }
components:
  schemas:
    User:
      type: object
      required: [id, name, password]
      properties:
        id: { type: string, readOnly: true }
        name: { type: string }
        password: { type: string, writeOnly: true }
`);
    const v = await validatorsFor(path.join(dir, "openapi.yaml"), {});
    expect(v.validateCreateUserRequest!({ name: "a", password: "p" }).ok).toBe(true);
    expect(v.validateCreateUserRequest!({ name: "a" }).errors).toEqual([expect.objectContaining({ path: "/password", keyword: "required" })]);
    expect(v.validateCreateUserResponse201!({ id: "1", name: "a" }).ok).toBe(true);
    expect(v.validateCreateUserResponse201!({ name: "a" }).errors).toEqual([expect.objectContaining({ path: "/id", keyword: "required" })]);
    // the component's own validator checks it as its type `User` has it, as received (read-write.test.ts)
    expect(v.validateUser!({ name: "a" }).errors?.map((e) => e.path).sort()).toEqual(["/id"]);
  });
});

describe("validators options", () => {
  it("keep (default): unknown properties pass and stay", async () => {
    const v = await validatorsFor("specs/okra.yaml", {});
    const r = v.validateBankColors!({ ...bank, extra: 1 });
    expect(r).toEqual({ ok: true, value: { ...bank, extra: 1 } });
  });

  it("reject: unknown properties fail, with the property's pointer", async () => {
    const v = await validatorsFor("specs/okra.yaml", { unknownProperties: "reject" });
    const r = v.validateBankColors!({ ...bank, extra: 1 });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ path: "/extra", keyword: "unevaluatedProperties" })]);
    expect(v.validateBankColors!(bank).ok).toBe(true);
  });

  it("strip: unknown properties leave the returned copy, the caller's object is untouched", async () => {
    const v = await validatorsFor("specs/okra.yaml", { unknownProperties: "strip" });
    const input = { ...bank, extra: 1 };
    const r = v.validateBankColors!(input);
    expect(r).toEqual({ ok: true, value: bank });
    expect(input).toEqual({ ...bank, extra: 1 });
    expect(v.isBankColors!(input)).toBe(false);
    expect(v.isBankColors!(bank)).toBe(true);
  });

  describe("composed schemas (allOf, oneOf; members stay open so their siblings' properties count)", () => {
    const spec = () => {
      const file = path.join(tempDir(), "openapi.yaml");
      writeFileSync(file, `openapi: 3.1.0
info: { title: composed, version: "1" }
paths: {}
components:
  schemas:
    Base: { type: object, required: [id], properties: { id: { type: string } } }
    Tag: { type: object, properties: { label: { type: string } } }
    Pet:
      allOf:
        - $ref: "#/components/schemas/Base"
        - { type: object, properties: { name: { type: string }, tag: { $ref: "#/components/schemas/Tag" } } }
    Shape:
      oneOf:
        - { type: object, required: [kind, r], properties: { kind: { const: circle }, r: { type: number } } }
        - { type: object, required: [kind, w], properties: { kind: { const: square }, w: { type: number } } }
    Mixed:
      type: object
      properties: { own: { type: string } }
      allOf: [{ $ref: "#/components/schemas/Base" }]
    Open:
      allOf:
        - $ref: "#/components/schemas/Base"
        - { type: object, additionalProperties: { type: string } }
    Sib:
      allOf: [{ $ref: "#/components/schemas/Base", properties: { extra: { type: string } } }]
    Loose:
      allOf: [{ properties: { name: { type: string } } }, { unevaluatedProperties: { type: string } }]
    Any:
      anyOf: [{ $ref: "#/components/schemas/Base" }, { description: any object }]
    Resource:
      $id: https://example.test/resource
      allOf: [{ $ref: "https://example.test/base" }, { properties: { name: { type: string } } }]
    IdBase:
      $id: https://example.test/base
      type: object
      properties: { id: { type: string } }
`);
      return file;
    };
    const pet = { id: "1", name: "rex", tag: { label: "x", junk: 2 }, extra: 1 };

    it("strip removes what no member names, at the top and inside", async () => {
      const v = await validatorsFor(spec(), { unknownProperties: "strip" });
      expect(v.validatePet!(pet)).toEqual({ ok: true, value: { id: "1", name: "rex", tag: { label: "x" } } });
      expect(v.validateShape!({ kind: "square", w: 2, extra: 1 })).toEqual({ ok: true, value: { kind: "square", w: 2 } });
      // the allOf member's `id` is kept beside the schema's own property
      expect(v.validateMixed!({ id: "1", own: "o", extra: 1 })).toEqual({ ok: true, value: { id: "1", own: "o" } });
      // a member that takes any name leaves every name known: nothing is removed
      expect(v.validateOpen!({ id: "1", any: "x" })).toEqual({ ok: true, value: { id: "1", any: "x" } });
      // a 3.1 $ref's siblings name properties too
      expect(v.validateSib!({ id: "1", extra: "e", junk: 1 })).toEqual({ ok: true, value: { id: "1", extra: "e" } });
      // unevaluatedProperties with a schema, a branch any object passes, a $ref by $id: names stay open
      expect(v.validateLoose!({ name: "n", note: "x" })).toEqual({ ok: true, value: { name: "n", note: "x" } });
      expect(v.validateAny!({ id: "1", other: 2 })).toEqual({ ok: true, value: { id: "1", other: 2 } });
      expect(v.validateResource!({ id: "1", name: "n" })).toEqual({ ok: true, value: { id: "1", name: "n" } });
    });

    it("strip on an allOf graph that fans out generates (names remembered per schema, not walked again)", async () => {
      const file = path.join(tempDir(), "openapi.json");
      const schemas: Record<string, unknown> = {};
      for (let d = 0; d < 24; d++) {
        const next = `#/components/schemas/L${d + 1}`;
        schemas[`L${d}`] = { type: "object", properties: { [`p${d}`]: { type: "string" } }, ...(d < 23 ? { allOf: [{ $ref: next }, { $ref: next }, { $ref: next }] } : {}) };
      }
      // validating L0 itself would walk 3^23 members; Top reaches only the last levels
      schemas.Top = { allOf: [{ $ref: "#/components/schemas/L20" }] };
      writeFileSync(file, JSON.stringify({ openapi: "3.1.0", info: { title: "fan", version: "1" }, paths: {}, components: { schemas } }));
      const v = await validatorsFor(file, { unknownProperties: "strip" });
      expect(v.validateTop!({ p20: "a", p23: "b", junk: 1 })).toEqual({ ok: true, value: { p20: "a", p23: "b" } });
    }, 60_000);

    it("reject refuses what no member evaluated, with its pointer", async () => {
      const v = await validatorsFor(spec(), { unknownProperties: "reject" });
      expect(v.validatePet!(pet).errors?.map((e) => `${e.path} ${e.keyword}`).sort()).toEqual(["/extra unevaluatedProperties", "/tag/junk unevaluatedProperties"]);
      expect(v.validatePet!({ id: "1", name: "rex" }).ok).toBe(true);
      expect(v.validateShape!({ kind: "square", w: 2, extra: 1 }).errors?.map((e) => `${e.path} ${e.keyword}`)).toEqual(["/extra unevaluatedProperties"]);
      expect(v.validateShape!({ kind: "square", w: 2 }).ok).toBe(true);
      expect(v.validateMixed!({ id: "1", own: "o" }).ok).toBe(true);
      expect(v.validateOpen!({ id: "1", any: "x" }).ok).toBe(true);
      // JSON Schema's own reading: an anyOf branch that evaluates no property leaves `other` unevaluated
      expect(v.validateAny!({ id: "1", other: 2 }).errors?.map((e) => `${e.path} ${e.keyword}`)).toEqual(["/other unevaluatedProperties"]);
    });
  });

  it("a name only `required` writes is no unknown property: strip keeps it, reject takes it", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: required-only, version: "1" }
paths: {}
components:
  schemas:
    Named: { type: object, required: [name] }
    Partly: { type: object, properties: { id: { type: integer } }, required: [id, name] }
    Composed:
      allOf: [{ type: object, properties: { id: { type: integer } } }]
      required: [id, name]
    Dep: { type: object, properties: { a: { type: string } }, dependentRequired: { a: [b] } }
    Cond: { type: object, properties: { kind: { type: string } }, if: { properties: { kind: { const: x } } }, then: { required: [c] } }
    Base: { required: [name] }
    InMember:
      allOf: [{ type: object, properties: { id: { type: integer } } }, { required: [name] }]
    ViaRef:
      allOf: [{ $ref: "#/components/schemas/Base" }, { type: object, properties: { id: { type: integer } } }]
    OneRequires:
      oneOf: [{ type: object, properties: { a: { type: string } }, required: [a, z] }, { type: object, properties: { b: { type: string } }, required: [b] }]
`);
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    // free-form: it names no property (`required` alone names none), as the types target reads it
    expect(strip.validateNamed!({ name: "x", other: 1 })).toEqual({ ok: true, value: { name: "x", other: 1 } });
    expect(strip.validatePartly!({ id: 1, name: "x", other: 1 })).toEqual({ ok: true, value: { id: 1, name: "x" } });
    expect(strip.validateComposed!({ id: 1, name: "x", other: 1 })).toEqual({ ok: true, value: { id: 1, name: "x" } });
    expect(strip.validatePartly!({ id: 1, other: 1 }).errors).toEqual([expect.objectContaining({ path: "/name", keyword: "required" })]);
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    expect(reject.validateNamed!({ name: "x" }).ok).toBe(true);
    expect(reject.validatePartly!({ id: 1, name: "x" }).ok).toBe(true);
    expect(reject.validateComposed!({ id: 1, name: "x" }).ok).toBe(true);
    expect(reject.validatePartly!({ id: 1, name: "x", other: 1 }).errors).toEqual([expect.objectContaining({ path: "/other", keyword: "unevaluatedProperties" })]);
    // so is a name dependentRequired or a conditional's then requires
    expect([reject.validateDep!({ a: "1", b: 2 }).ok, reject.validateCond!({ kind: "x", c: 1 }).ok]).toEqual([true, true]);
    expect(strip.validateDep!({ a: "1", b: 2, other: 1 })).toEqual({ ok: true, value: { a: "1", b: 2 } });
    expect(strip.validateCond!({ kind: "x", c: 1, other: 1 })).toEqual({ ok: true, value: { kind: "x", c: 1 } });
    expect(strip.validateCond!({ kind: "x" }).ok).toBe(false);
    // and one only a member of a composition requires, itself or through a $ref
    for (const name of ["InMember", "ViaRef"]) {
      expect(strip[`validate${name}`]!({ id: 1, name: "x", other: 1 })).toEqual({ ok: true, value: { id: 1, name: "x" } });
      expect(reject[`validate${name}`]!({ id: 1, name: "x" }).ok).toBe(true);
      expect(reject[`validate${name}`]!({ id: 1, name: "x", other: 1 }).errors).toEqual([expect.objectContaining({ path: "/other" })]);
    }
    expect(strip.validateOneRequires!({ a: "1", z: 2, other: 1 })).toEqual({ ok: true, value: { a: "1", z: 2 } });
    expect(reject.validateOneRequires!({ a: "1", z: 2 }).ok).toBe(true);
    // a name a oneOf branch requires is known where that branch applies, not beside another
    expect(reject.validateOneRequires!({ b: "1", z: 2 }).errors).toEqual([expect.objectContaining({ path: "/z", keyword: "unevaluatedProperties" })]);
  }, 60_000);

  it("an object schema that names no property is free-form: strip keeps, reject takes what it holds", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: free-form, version: "1" }
paths: {}
components:
  schemas:
    Bag: { type: object }
    Holder: { type: object, properties: { meta: { type: object }, tags: { type: object, properties: {} } } }
    Wrapped: { allOf: [{ $ref: "#/components/schemas/Bag" }], description: a bag by another name }
    Thing: { allOf: [{ $ref: "#/components/schemas/Bag" }, { type: object, properties: { id: { type: integer } } }] }
    Keyed: { type: object, allOf: [{ required: [a] }] }
`);
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    // OpenAPI's free-form object, typed Record<string, unknown> by the types target: closed, it lost or refused all it held
    const held = { meta: { a: 1 }, tags: { b: [2] } };
    expect(strip.validateHolder!({ ...held, other: 1 })).toEqual({ ok: true, value: held });
    expect(reject.validateHolder!(held).ok).toBe(true);
    expect(reject.validateHolder!({ ...held, other: 1 }).errors).toEqual([expect.objectContaining({ path: "/other" })]);
    // members that require a name and declare none leave it free-form too
    expect(strip.validateKeyed!({ a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1, b: 2 } });
    expect(reject.validateKeyed!({ a: 1, b: 2 }).ok).toBe(true);
    for (const name of ["Bag", "Wrapped", "Thing"]) {
      expect(strip[`validate${name}`]!({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
      expect(reject[`validate${name}`]!({ a: 1 }).ok).toBe(true);
    }
  }, 60_000);

  it("an object with patternProperties is not closed: its patterns judge the names they match, reject and strip keep the others", async () => {
    const file = writeSpec(`Tagged: { type: object, properties: { id: { type: integer } }, patternProperties: { "^x-": { type: string } } }`);
    const value = { id: 1, "x-a": "b", other: 1 };
    for (const unknownProperties of ["reject", "strip"] as const) {
      const v = await validatorsFor(file, { unknownProperties });
      expect(v.validateTagged!(value), unknownProperties).toEqual({ ok: true, value });
      expect(v.validateTagged!({ id: 1, "x-a": 2 }).ok, unknownProperties).toBe(false);
    }
  }, 60_000);

  it("a request body shaped like a parameters object is not coerced: only parameters share the coercing validators", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: shared-shape, version: "1" }
paths:
  /search:
    post:
      operationId: search
      parameters: [{ name: limit, in: query, schema: { type: integer } }]
      requestBody: { required: true, content: { application/json: { schema: { type: object, properties: { limit: { type: integer } }, required: [] } } } }
      responses: { "204": { description: done } }
`);
    const v = await validatorsFor(file, {});
    const checks = (v as unknown as { operationValidators: Record<string, { query: (x: unknown) => { ok: boolean; value?: unknown }; body: (x: unknown) => { ok: boolean } }> }).operationValidators.search!;
    expect(checks.query({ limit: "5" })).toEqual({ ok: true, value: { limit: 5 } });
    expect(checks.body({ limit: "5" }).ok).toBe(false);
    expect(checks.body({ limit: 5 }).ok).toBe(true);
  }, 60_000);

  it("nothing is closed inside a subschema that tests the value (not, if, contains): reject and strip agree with keep there", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: tests, version: "1" }
paths: {}
components:
  schemas:
    Not:
      type: object
      properties: { a: { type: object, properties: { b: { type: integer }, c: { type: integer } } } }
      not: { properties: { a: { properties: { b: { const: 1 } } } } }
    Cond:
      type: object
      properties: { kind: { type: string }, o: { type: object, properties: { p: { type: integer }, q: { type: integer } } } }
      if: { properties: { kind: { const: x }, o: { properties: { p: { type: integer } } } } }
      then: { required: [z] }
    Contains:
      type: array
      contains: { type: object, properties: { a: { type: object, properties: { b: { type: integer } } } } }
      items: { type: object, properties: { a: { type: object, properties: { b: { type: integer }, c: { type: integer } } } } }
`);
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    // keep refuses both: `not` holds, `then` applies; a closed `a` or `o` inside the test made reject pass them
    expect(reject.validateNot!({ a: { b: 1, c: 1 } }).errors?.map((e) => e.keyword)).toEqual(["not"]);
    expect(reject.validateCond!({ kind: "x", o: { p: 1, q: 1 } }).errors?.map((e) => e.keyword)).toEqual(["required", "if"]);
    // `c` is named by `items` (and `a` by the schema): the contains test closed `a` to `b` alone
    expect(reject.validateContains!([{ a: { c: 1 } }]).ok).toBe(true);
    expect(strip.validateContains!([{ a: { c: 1, d: 1 } }])).toEqual({ ok: true, value: [{ a: { c: 1 } }] });
    expect(strip.validateNot!({ a: { b: 2, c: 1, d: 1 } })).toEqual({ ok: true, value: { a: { b: 2, c: 1 } } });
    expect(reject.validateNot!({ a: { b: 2, c: 1, d: 1 } }).errors).toEqual([expect.objectContaining({ path: "/a/d", keyword: "unevaluatedProperties" })]);
  }, 60_000);

  it("strip keeps what a branch that fails removed: the branch that holds names it", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: branches, version: "1" }
paths: {}
components:
  schemas:
    Shape:
      oneOf:
        - { type: object, required: [kind], properties: { kind: { const: a }, inner: { type: object, properties: { x: { type: string } } } } }
        - { type: object, required: [kind], properties: { kind: { const: b }, inner: { type: object, properties: { y: { type: string }, z: { type: string } } } } }
    Items:
      type: array
      items:
        anyOf:
          - { type: object, required: [t], properties: { o: { type: object, properties: { p: { type: integer } } }, t: { const: 1 } } }
          - { type: object, required: [t], properties: { o: { type: object, properties: { q: { type: integer } } }, t: { const: 2 } } }
`);
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    // trying the first branch removed y and z (its inner names x alone), and the second then passed { inner: {} }
    const shape = { kind: "b", inner: { y: "1", junk: 1, z: "2" } };
    const r = strip.validateShape!(shape) as { ok: boolean; value: { inner: object } };
    expect(r).toEqual({ ok: true, value: { kind: "b", inner: { y: "1", z: "2" } } });
    expect(Object.keys(r.value.inner)).toEqual(["y", "z"]);
    expect(shape).toEqual({ kind: "b", inner: { y: "1", junk: 1, z: "2" } });
    // in array items, and where errors stop at the first (the first branch reads o before it finds t is not 1)
    const items = [{ t: 2, o: { q: 1, junk: 1 } }, { t: 1, o: { p: 1 } }];
    expect(strip.validateItems!(items)).toEqual({ ok: true, value: [{ t: 2, o: { q: 1 } }, { t: 1, o: { p: 1 } }] });
    const first = await validatorsFor(file, { unknownProperties: "strip", allErrors: false });
    expect(first.validateItems!([{ o: { q: 1 }, t: 2 }])).toEqual({ ok: true, value: [{ o: { q: 1 }, t: 2 }] });
    // a branch that fails having removed nothing puts back nothing: the junk the root let go before stays out
    const holder = await validatorsFor(writeSpec(`Holder:
      type: object
      properties:
        a:
          anyOf:
            - { type: object, required: [x], properties: { x: { type: string } } }
            - { type: object, properties: { y: { type: integer } } }`), { unknownProperties: "strip" });
    expect(holder.validateHolder!({ junk: 1, a: { y: 1 } })).toEqual({ ok: true, value: { a: { y: 1 } } });
  }, 60_000);

  it("a property two schemas applying together describe stays open in both: neither alone names all it holds", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: together, version: "1" }
paths: {}
components:
  schemas:
    Both:
      allOf:
        - { type: object, properties: { o: { type: object, properties: { x: { type: string } } } } }
        - { type: object, properties: { o: { type: object, properties: { y: { type: string } } } } }
    Then:
      type: object
      properties: { kind: { type: string }, o: { type: object, properties: { x: { type: string }, y: { type: string } } } }
      if: { properties: { kind: { const: a } } }
      then: { properties: { o: { type: object, properties: { x: { minLength: 1 } } } } }
    BaseO: { type: object, properties: { o: { type: object, properties: { x: { type: string } } } } }
    Ext:
      allOf:
        - $ref: "#/components/schemas/BaseO"
        - { type: object, properties: { o: { type: object, properties: { y: { type: string } } }, p: { type: object, properties: { z: { type: string } } } } }
`);
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    // each member's o was closed with its own names: reject refused x or y, strip removed both
    for (const name of ["Both", "Ext"]) {
      expect(reject[`validate${name}`]!({ o: { x: "1", y: "2" } }).ok).toBe(true);
      expect(strip[`validate${name}`]!({ o: { x: "1", y: "2" } })).toEqual({ ok: true, value: { o: { x: "1", y: "2" } } });
    }
    expect(reject.validateThen!({ kind: "a", o: { x: "1", y: "2" } }).ok).toBe(true);
    expect(strip.validateThen!({ kind: "a", o: { x: "1", y: "2" } })).toEqual({ ok: true, value: { kind: "a", o: { x: "1", y: "2" } } });
    // a property one member alone describes is closed as before
    expect(strip.validateExt!({ o: { y: "2" }, p: { z: "3", junk: 1 } })).toEqual({ ok: true, value: { o: { y: "2" }, p: { z: "3" } } });
    expect(reject.validateExt!({ p: { z: "3", junk: 1 } }).errors).toEqual([expect.objectContaining({ path: "/p/junk", keyword: "unevaluatedProperties" })]);
  }, 60_000);

  it("strip keeps what a conditional's then/else or a dependentSchemas entry names, as reject takes it", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: conditional, version: "1" }
paths: {}
components:
  schemas:
    Then:
      type: object
      properties: { kind: { type: string } }
      if: { properties: { kind: { const: a } } }
      then: { properties: { extra: { type: string } } }
      else: { properties: { other: { type: integer } } }
    Dep: { type: object, properties: { a: { type: string } }, dependentSchemas: { a: { properties: { b: { type: string } } } } }
`);
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    expect(strip.validateThen!({ kind: "a", extra: "x", junk: 1 })).toEqual({ ok: true, value: { kind: "a", extra: "x" } });
    expect(strip.validateThen!({ kind: "b", other: 1, junk: 1 })).toEqual({ ok: true, value: { kind: "b", other: 1 } });
    expect(strip.validateDep!({ a: "1", b: "2", junk: 1 })).toEqual({ ok: true, value: { a: "1", b: "2" } });
    expect([reject.validateThen!({ kind: "a", extra: "x" }).ok, reject.validateDep!({ a: "1", b: "2" }).ok]).toEqual([true, true]);
  }, 60_000);

  it("a $ref with properties beside it is read as an allOf of the two: each names what the other holds", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: siblings, version: "1" }
paths: {}
components:
  schemas:
    Setting: { type: object, properties: { on: { type: boolean } } }
    Holder: { type: object, properties: { sib: { $ref: "#/components/schemas/Setting", properties: { level: { type: integer } } } } }
`);
    const reject = await validatorsFor(file, { unknownProperties: "reject" });
    const strip = await validatorsFor(file, { unknownProperties: "strip" });
    // Setting closed refused level; strip removed level (Setting) and on (the siblings, closed to level)
    expect(reject.validateHolder!({ sib: { on: true, level: 2 } }).ok).toBe(true);
    expect(reject.validateHolder!({ sib: { on: true, level: 2, junk: 1 } }).errors).toEqual([expect.objectContaining({ path: "/sib/junk", keyword: "unevaluatedProperties" })]);
    expect(strip.validateHolder!({ sib: { on: true, level: 2, junk: 1 } })).toEqual({ ok: true, value: { sib: { on: true, level: 2 } } });
  }, 60_000);

  it("strip copies what it validates without throwing: absurdly deep input is a maxDepth issue, a function a value", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: deep, version: "1" }
paths: {}
components:
  schemas:
    Node: { type: object, properties: { next: { $ref: "#/components/schemas/Node" }, v: { type: integer }, meta: {} } }
`);
    const v = await validatorsFor(file, { unknownProperties: "strip" });
    // what the schema lets through as it is (a free-form member): a Date, bytes, a Map stay themselves in the copy
    const when = new Date(0);
    const bytes = new Uint8Array([1, 2]);
    const held = (v.validateNode!({ v: 1, meta: { when, bytes, map: new Map([[1, 2]]) } }) as { value: { meta: { when: unknown; bytes: unknown; map: unknown } } }).value.meta;
    expect([held.when, held.bytes, held.map instanceof Map]).toEqual([when, bytes, true]);
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 200_000; i++) deep = { next: deep };
    expect(v.validateNode!(deep).errors).toEqual([expect.objectContaining({ keyword: "maxDepth" })]);
    expect(v.isNode!(deep)).toBe(false);
    const input = { v: 1, next: { v: 2, f: () => 1 } };
    expect(v.validateNode!(input)).toEqual({ ok: true, value: { v: 1, next: { v: 2 } } });
    expect(v.isNode!(input)).toBe(false);
    expect(Object.keys(input.next)).toEqual(["v", "f"]);
  }, 60_000);

  it("allErrors false: stops at the first issue", async () => {
    const all = await validatorsFor("specs/okra.yaml", {});
    const first = await validatorsFor("specs/okra.yaml", { allErrors: false });
    expect(all.validateBankColors!({}).errors).toHaveLength(4);
    expect(first.validateBankColors!({}).errors).toHaveLength(1);
  });

  it("parameters are coerced from strings in the returned copy; the type guard still tells the truth", async () => {
    const v = await validatorsFor("specs/bankingservice.yaml", {});
    const query = { page: "2", size: "20" };
    const r = v.validateListCustomersQueryParams!(query);
    expect(r).toEqual({ ok: true, value: { page: 2, size: 20 } });
    expect(query).toEqual({ page: "2", size: "20" });
    expect(v.isListCustomersQueryParams!(query)).toBe(false);
    expect(v.isListCustomersQueryParams!({ page: 2, size: 20 })).toBe(true);
    expect(v.validateListCustomersQueryParams!({ page: "two" }).errors).toEqual([expect.objectContaining({ path: "/page", keyword: "type" })]);
    const off = await validatorsFor("specs/bankingservice.yaml", { coerceParameters: false });
    expect(off.validateListCustomersQueryParams!(query).ok).toBe(false);
  });

  it("a parameter's branch that fails gives back the text it coerced: the next branch reads it as sent", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: branches, version: "1" }
paths:
  /p:
    get:
      operationId: getP
      parameters:
        - { name: code, in: query, schema: { anyOf: [{ type: integer, minimum: 10 }, { type: string }] } }
        - { name: zip, in: query, schema: { oneOf: [{ type: integer, maximum: 99 }, { type: string, pattern: "^0" }] } }
        - { name: filter, in: query, style: deepObject, schema: { anyOf: [{ type: object, properties: { n: { type: integer } }, required: [m] }, { type: object, properties: { n: { type: string } } }] } }
      responses: { "200": { description: ok } }
`);
    const v = await validatorsFor(file, {});
    const input = { code: "05", zip: "0123", filter: { n: "007" } };
    // the integer branches made "05" 5 and "0123" 123, and the string branches then read "5" and "123"
    expect(v.validateGetPQueryParams!(input)).toEqual({ ok: true, value: { code: "05", zip: "0123", filter: { n: "007" } } });
    expect(input).toEqual({ code: "05", zip: "0123", filter: { n: "007" } });
    // the first branch the text fits still gives the value
    expect(v.validateGetPQueryParams!({ code: "12", zip: "42" })).toEqual({ ok: true, value: { code: 12, zip: 42 } });
  }, 60_000);

  it("a parameter's text is coerced to a number only when finite: Infinity is no JSON number", async () => {
    const file = path.join(tempDir(), "openapi.yaml");
    writeFileSync(file, `openapi: 3.1.0
info: { title: infinite, version: "1" }
paths:
  /p:
    get:
      operationId: getP
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: 1 } }
        - { name: ratio, in: query, schema: { type: [number, "null"] } }
        - { name: ids, in: query, schema: { type: array, items: { type: number } } }
        - { name: note, in: query, schema: { type: string, enum: ["Infinity"] } }
      responses: { "200": { description: ok } }
`);
    const v = await validatorsFor(file, {});
    const issues = (value: unknown) => (v.validateGetPQueryParams!(value).errors ?? []).map((e) => `${e.path} ${e.keyword}`);
    expect(issues({ limit: "Infinity" })).toEqual(["/limit type"]);
    expect(issues({ ratio: "-Infinity" })).toEqual(["/ratio type"]);
    expect(issues({ ids: ["1", "Infinity"] })).toEqual(["/ids/1 type"]);
    expect(v.validateGetPQueryParams!({ limit: "2", ratio: "-1.5e3", ids: ["1", " 2 "], note: "Infinity" })).toEqual({
      ok: true,
      value: { limit: 2, ratio: -1500, ids: [1, 2], note: "Infinity" },
    });
  }, 60_000);
});

describe("what the spec itself forbids", () => {
  const spec = () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.yaml"), `openapi: 3.1.0
info: { title: closed, version: "1" }
paths: {}
components:
  schemas:
    Closed: { type: object, properties: { a: { type: string } }, additionalProperties: false }
    Num: { type: number }
    Int: { type: integer }
`);
    return path.join(dir, "openapi.yaml");
  };

  it("additionalProperties: false is reported by that keyword, and strip removes what it forbids (as ajv's removeAdditional, zod's strip)", async () => {
    const keep = await validatorsFor(spec(), {});
    expect(keep.validateClosed!({ a: "x", z: 1 }).errors).toEqual([expect.objectContaining({ path: "/z", keyword: "additionalProperties" })]);
    const strip = await validatorsFor(spec(), { unknownProperties: "strip" });
    expect(strip.validateClosed!({ a: "x", z: 1 })).toEqual({ ok: true, value: { a: "x" } });
  });

  it("NaN and Infinity are no numbers (JSON has none), as ajv and zod say", async () => {
    const v = await validatorsFor(spec(), {});
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect([bad, v.isNum!(bad), v.isInt!(bad)]).toEqual([bad, false, false]);
    }
    expect([v.isNum!(1.5), v.isInt!(2)]).toEqual([true, true]);
  });
});
