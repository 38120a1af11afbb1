/**
 * Property names that are also names on `Object.prototype` (`__proto__`, `toString`, `constructor`) are
 * plain property names to a validator: present only when the object has them as its own.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string }> }>;

const SPEC = `openapi: 3.1.0
info: { title: proto, version: "1" }
paths: {}
components:
  schemas:
    Mandatory:
      required: [__proto__, toString, constructor]
    Typed:
      properties:
        __proto__: { type: number }
        toString: { properties: { length: { type: string } } }
        constructor: { type: number }
    Closed:
      properties:
        __proto__: { type: number }
      additionalProperties: false
    Const:
      const: { "__proto__": { a: 1 } }
    Enum:
      enum: [{ "__proto__": 1 }, 2]
`;

async function validators(): Promise<V> {
  return validatorsOf(SPEC);
}

async function validatorsOf(spec: string): Promise<V> {
  const dir = tempDir();
  writeFileSync(path.join(dir, "openapi.yaml"), spec);
  const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
}

/** JSON text as a server reads it: `__proto__` an own property. */
const json = (text: string): unknown => JSON.parse(text);

describe("properties named like Object.prototype's", () => {
  it("required: present only as own properties", async () => {
    const v = await validators();
    expect(v.validateMandatory!({}).errors?.map((e) => e.keyword)).toEqual(["required", "required", "required"]);
    expect(v.validateMandatory!(json('{"__proto__": 1, "toString": 1}')).ok).toBe(false);
    expect(v.validateMandatory!(json('{"__proto__": 1, "toString": 1, "constructor": 1}')).ok).toBe(true);
  });

  it("required alone naming one (no property named so anywhere) is checked as an own property too", async () => {
    const v = await validatorsOf(SPEC.replace(/components:[\s\S]*/, "components:\n  schemas:\n    Printable: { type: object, required: [toString] }\n"));
    expect(v.validatePrintable!({}).errors?.map((e) => e.keyword)).toEqual(["required"]);
    expect(v.validatePrintable!({ toString: 1 }).ok).toBe(true);
  });

  it("properties: an absent one is not checked, an own one is (__proto__ included)", async () => {
    const v = await validators();
    expect(v.validateTyped!({}).ok).toBe(true);
    expect(v.validateTyped!(json('{"__proto__": "foo"}')).errors).toEqual([expect.objectContaining({ path: "/__proto__", keyword: "type" })]);
    expect(v.validateTyped!({ toString: { length: 37 } }).ok).toBe(false);
    expect(v.validateTyped!({ constructor: { length: 37 } }).ok).toBe(false);
    expect(v.validateTyped!(json('{"__proto__": 12, "toString": {"length": "foo"}, "constructor": 37}')).ok).toBe(true);
  });

  it("a __proto__ property is not an additional one", async () => {
    const v = await validators();
    expect(v.validateClosed!(json('{"__proto__": 12}')).ok).toBe(true);
    expect(v.validateClosed!(json('{"__proto__": 12, "x": 1}')).ok).toBe(false);
  });

  it("const and enum values with a __proto__ key compare as written", async () => {
    const v = await validators();
    expect(v.validateConst!(json('{"__proto__": {"a": 1}}')).ok).toBe(true);
    expect(v.validateConst!({}).ok).toBe(false);
    expect(v.validateEnum!(json('{"__proto__": 1}')).ok).toBe(true);
    expect(v.validateEnum!({}).ok).toBe(false);
    expect(v.validateEnum!(2).ok).toBe(true);
  });

  it("a spec that names no such property keeps ajv's plain reads (an own-property check costs time)", async () => {
    const compiled = async (spec: string) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, "openapi.yaml"), spec);
      const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
      return files.find((f) => f.path === "src/validators-compiled.js")!.contents;
    };
    const plain = SPEC.slice(0, SPEC.indexOf("  schemas:\n")) + "  schemas:\n    Plain: { type: object, required: [name], properties: { name: { type: string } } }\n";
    expect(await compiled(plain)).not.toContain("hasOwnProperty");
    expect(await compiled(SPEC)).toContain("hasOwnProperty");
  });
});

/**
 * ajv keeps two sets keyed by the value's own text in a plain object: the properties evaluated so far (for
 * `unevaluatedProperties`) and the string items seen (for `uniqueItems`). Through Object.prototype,
 * `toString` read as evaluated and a second `"__proto__"` as unseen, whatever the spec names.
 */
const SETS = `openapi: 3.1.0
info: { title: sets, version: "1" }
paths: {}
components:
  schemas:
    Closed:
      type: object
      properties: { a: { type: string } }
      anyOf: [{ required: [a] }, { properties: { b: { type: string } } }]
      unevaluatedProperties: false
    Proto:
      properties: { __proto__: { type: number } }
      anyOf: [{ required: [a] }, { properties: { b: { type: string } } }]
      unevaluatedProperties: false
    Tags: { type: array, items: { type: string }, uniqueItems: true }
`;

describe("sets of names the validators keep, as the value names them", () => {
  it("unevaluatedProperties: false refuses a property named like Object.prototype's that nothing evaluated", async () => {
    const v = await validatorsOf(SETS);
    expect(v.validateClosed!({ a: "x", toString: 1 }).errors).toEqual([expect.objectContaining({ path: "/toString", keyword: "unevaluatedProperties" })]);
    expect(v.validateClosed!(json('{"a": "x", "__proto__": 1}')).errors).toEqual([expect.objectContaining({ path: "/__proto__", keyword: "unevaluatedProperties" })]);
    expect(v.validateClosed!({ a: "x", b: "y" }).ok).toBe(true);
    // a __proto__ the schema names is evaluated
    expect(v.validateProto!(json('{"__proto__": 1, "b": "y"}')).ok).toBe(true);
    expect(v.validateProto!(json('{"__proto__": 1, "b": "y", "constructor": 3}')).errors).toEqual([expect.objectContaining({ path: "/constructor", keyword: "unevaluatedProperties" })]);
  });

  it("uniqueItems: two equal strings are duplicates, __proto__ included", async () => {
    const v = await validatorsOf(SETS);
    expect(v.validateTags!(["__proto__", "__proto__"]).errors).toEqual([expect.objectContaining({ path: "", keyword: "uniqueItems" })]);
    expect(v.validateTags!(["toString", "__proto__"]).ok).toBe(true);
  });
});
