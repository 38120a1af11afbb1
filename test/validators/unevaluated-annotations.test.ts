/**
 * What `unevaluatedItems`/`unevaluatedProperties` see of `contains` and `if` (branch-annotations.ts,
 * contains-annotations.ts), as users get it from `validateX`: the verdict and the issues. ajv 8 counted
 * every item evaluated once a `contains` was compiled, lost an `if`'s properties where only `else` was
 * written, ignored an `if` alone, and checked no item when an `anyOf` branch with `items` failed.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { importableSources, tempDir } from "../helpers/project.js";

const schemas = {
  // a tuple of one number, then strings only where `contains` reaches them
  Tagged: { type: "array", prefixItems: [{ type: "number" }], contains: { type: "string" }, unevaluatedItems: false },
  // items `contains` does not match must be integers
  Mixed: { type: "array", contains: { type: "string" }, minContains: 0, unevaluatedItems: { type: "integer" } },
  // `b` counts only where the array has an `a`
  Chained: { type: "array", if: { contains: { const: "a" } }, then: { if: { contains: { const: "b" } } }, unevaluatedItems: false },
  // `kind` is evaluated only when `if` holds; otherwise `else` evaluates `code`
  Coded: {
    type: "object",
    if: { properties: { kind: { const: "a" } }, required: ["kind"] },
    else: { properties: { code: { type: "string" } }, required: ["code"] },
    unevaluatedProperties: false,
  },
  Named: { type: "object", if: { properties: { name: { type: "string" } } }, unevaluatedProperties: false },
  Flags: { type: "array", anyOf: [{ items: { type: "string" } }, true], unevaluatedItems: { type: "boolean" } },
  // `patternProperties` after a set of evaluated properties merged in a branch: all of them (`Open`), or none (`Either`)
  Open: { type: "object", if: { required: ["kind"], unevaluatedProperties: true }, patternProperties: { "^x-": { type: "string" } }, unevaluatedProperties: false },
  // a failed branch's properties are not evaluated, though nothing was evaluated before the `anyOf`
  Choice: { type: "object", anyOf: [{ patternProperties: { "^x-": { type: "string" } }, required: ["kind"] }, { properties: { name: {} }, required: ["name"] }], unevaluatedProperties: false },
  Either: { type: "object", anyOf: [{ required: ["kind"], unevaluatedProperties: true }, { required: ["name"] }], patternProperties: { "^x-": { type: "string" } }, unevaluatedProperties: false },
};

type Issue = { path: string; keyword: string; schemaPath: string; message: string };
type Api = Record<string, (v: unknown) => { ok: boolean; errors?: Issue[] }>;

function specFile(components: Record<string, unknown> = schemas): string {
  const input = path.join(tempDir(), "openapi.json");
  writeFileSync(input, JSON.stringify({ openapi: "3.1.0", info: { title: "uneval", version: "1" }, paths: {}, components: { schemas: components } }));
  return input;
}

async function validators(options: ValidatorOptions = {}): Promise<Api> {
  const input = specFile();
  const { files } = await generate({ input, targets: ["validators"], validators: options });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
}

const at = (name: string, rest: string) => `#/components/schemas/${name}/${rest}`;
const unevaluatedItem = (name: string): Issue => ({ path: "", keyword: "unevaluatedItems", schemaPath: at(name, "unevaluatedItems"), message: 'fails "unevaluatedItems"' });
const unknown = (name: string, property: string): Issue => ({ path: `/${property}`, keyword: "unevaluatedProperties", schemaPath: at(name, "unevaluatedProperties"), message: "is not an allowed property" });

describe.each<[string, ValidatorOptions]>([["every error", {}], ["the first error", { allErrors: false }]])("unevaluated* and the annotations of contains and if (%s)", (_name, options) => {
  let v: Api;
  beforeAll(async () => {
    v = await validators(options);
  });

  it("an item `contains` matches is evaluated; one it does not match is not", () => {
    expect(v.validateTagged!([1, "foo", "bar"]).ok).toBe(true);
    expect(v.validateTagged!([1, 2, "foo"]).errors).toEqual([unevaluatedItem("Tagged")]);
    // nothing matches: `contains` fails (its issues as before); reporting every error, item 1 is also unevaluated
    const contains: Issue = { path: "", keyword: "contains", schemaPath: at("Tagged", "contains"), message: "does not contain the required number of matching items" };
    const unmatched = (i: number): Issue => ({ path: `/${i}`, keyword: "type", schemaPath: at("Tagged", "contains/type"), message: "must be string" });
    expect(v.validateTagged!([1, 2]).errors).toEqual(options.allErrors === false ? [contains] : [unmatched(0), unmatched(1), contains, unevaluatedItem("Tagged")]);
  });

  it("an item `contains` does not match meets the unevaluatedItems schema, at its own path (minContains 0 too)", () => {
    expect(v.validateMixed!(["a", 1, "b", 2]).ok).toBe(true);
    expect(v.validateMixed!([1, 2]).ok).toBe(true);
    const issue = (i: number): Issue => ({ path: `/${i}`, keyword: "type", schemaPath: at("Mixed", "unevaluatedItems/type"), message: "must be integer" });
    expect(v.validateMixed!(["a", true, 2, false]).errors).toEqual(options.allErrors === false ? [issue(1)] : [issue(1), issue(3)]);
  });

  it("a `contains` under `then` counts only when its `if` holds", () => {
    expect(v.validateChained!(["b", "a", "b"]).ok).toBe(true);
    expect(v.validateChained!(["b", "b"]).errors).toEqual([unevaluatedItem("Chained")]);
  });

  it("an `if` that holds evaluates its properties; one that fails does not, and `else` evaluates its own", () => {
    expect(v.validateCoded!({ kind: "a" }).ok).toBe(true);
    expect(v.validateCoded!({ code: "x" }).ok).toBe(true);
    expect(v.validateCoded!({ kind: "a", code: "x" }).errors).toEqual([unknown("Coded", "code")]);
    expect(v.validateCoded!({ kind: "b", code: "x" }).errors).toEqual([unknown("Coded", "kind")]);
  });

  it("an `if` alone never fails, and evaluates its properties when it holds", () => {
    expect(v.validateNamed!({ name: "x" }).ok).toBe(true);
    expect(v.validateNamed!({ name: 1 }).errors).toEqual([unknown("Named", "name")]);
  });

  it("`patternProperties` after a branch that evaluated all properties, or that failed, neither throws nor forgets", () => {
    expect(v.validateOpen!({ kind: 1, "x-a": "s", other: true }).ok).toBe(true);
    expect(v.validateOpen!({ "x-a": "s", other: true }).errors).toEqual([unknown("Open", "other")]);
    expect(v.validateEither!({ kind: 1, "x-a": "s", other: true }).ok).toBe(true);
    // `required` evaluates nothing: `name` is unknown
    expect(v.validateEither!({ name: "n", "x-a": "s" }).errors).toEqual([unknown("Either", "name")]);
  });

  it("an `anyOf` branch that fails evaluates no property, its first or not", () => {
    expect(v.validateChoice!({ name: "n" }).ok).toBe(true);
    expect(v.validateChoice!({ name: "n", "x-a": "s" }).errors).toEqual([unknown("Choice", "x-a")]);
  });

  it("an `anyOf` branch whose `items` fails evaluates no item; one that holds evaluates all", () => {
    expect(v.validateFlags!(["yes", "no"]).ok).toBe(true);
    expect(v.validateFlags!([true, false]).ok).toBe(true);
    expect(v.validateFlags!(["yes", false]).errors).toEqual([{ path: "/0", keyword: "type", schemaPath: at("Flags", "unevaluatedItems/type"), message: "must be boolean" }]);
  });
});

it("lint's example check reads them as the validators do", async () => {
  const { Tagged, Coded } = schemas;
  const input = specFile({ Tagged: { ...Tagged, examples: [[1, "foo"], [1, 2, "foo"]] }, Coded: { ...Coded, examples: [{ kind: "a" }, { kind: "b", code: "x" }] } });
  const findings = (await lintFile(input)).filter((f) => f.ruleId === "example-valid").map((f) => `${f.pointer}: ${f.message}`);
  expect(findings).toEqual([
    "/components/schemas/Tagged/examples/1: example does not match its schema: must NOT have more than 1 items",
    "/components/schemas/Coded/examples/1: example does not match its schema: has unknown property 'kind'",
  ]);
});

it("nested unevaluatedItems under branches holding contains compile in size linear in the depth (each recheck compiled them again: 12 levels ran out of memory)", async () => {
  // level i: { anyOf: [level i+1, { contains: { const: i } }], unevaluatedItems: { type: [string, integer] } }
  let s: unknown = { type: "string" };
  for (let i = 12; i > 0; i--) s = { anyOf: [s, { contains: { const: i } }], unevaluatedItems: { type: ["string", "integer"] } };
  const { files } = await generate({ input: specFile({ Deep: s }), targets: ["validators"] });
  const compiled = files.find((f) => f.path === "src/validators-compiled.js")!.contents;
  expect(compiled.length).toBeLessThan(200_000);
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
  expect(v.validateDeep!(["x", 1]).ok).toBe(true);
  expect(v.validateDeep!([true]).ok).toBe(false);
}, 60_000);

it("a contains under a member with an $id of its own resolves its refs there (it was recompiled against the outer base: unresolved)", async () => {
  const U = {
    type: "array",
    allOf: [{ $id: "https://x.example/inner", $defs: { S: { type: "string" } }, anyOf: [{ contains: { $ref: "#/$defs/S" } }, { prefixItems: [{ type: "boolean" }] }] }],
    unevaluatedItems: false,
  };
  const { files } = await generate({ input: specFile({ U }), targets: ["validators"] });
  const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
  expect(v.validateU!([true]).ok).toBe(true);
  expect(v.validateU!([true, 1]).ok).toBe(false);
});
