/** Values synthesized for schemas without examples (the mock's answers, the README's calls) stay finite on hostile specs. */
import { describe, expect, it } from "vitest";
import { synthesize, synthesizeForm, synthesizeRequest } from "../../generator/openapi/sample-value.js";
import { mayFit } from "../../generator/openapi/sample-fits.js";
import Ajv2020Module from "ajv/dist/2020.js";
import { VALIDATION_OPTIONS } from "../../generator/emit/validators/compile.js";
import { loadFormats } from "../../generator/lint/formats.js";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const ref = { $ref: "#/components/schemas/T" };
/**
 * `f()`, which must take less than `ms` of this process's CPU time: wall time failed the pattern case on a
 * loaded machine (load 14 on 2 cores), where a starved pattern test is run again with a longer timeout.
 */
const within = (ms: number, f: () => unknown) => {
  const started = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000).toBeLessThan(ms);
  return value;
};

describe("synthesize", () => {
  it.each([
    ["eight required self-references", { type: "object", required: [..."abcdefgh"], properties: Object.fromEntries([..."abcdefgh"].map((k) => [k, ref])) }],
    ["ten items of itself", { type: "array", minItems: 10, items: ref }],
    ["ten entries of itself", { type: "object", minProperties: 10, additionalProperties: ref }],
  ])("a recursive schema with %s ends within a budget of values", (_, T) => {
    const value = within(5000, () => synthesize({ components: { schemas: { T } } }, ref));
    expect(JSON.stringify(value).length).toBeLessThan(2_000_000);
  });

  it("leaves a minLength no example needs unmet instead of filling the memory", () => {
    const value = within(5000, () => synthesize({}, { type: "string", minLength: 1e9 })) as string;
    expect(value.length).toBeLessThanOrEqual(4096);
  });

  it("does not hang testing a pattern that backtracks exponentially", () => {
    within(5000, () => synthesize({}, { type: "string", minLength: 40, pattern: "^(\\w+)+!$" }));
  });

  it.each([
    // GitHub's project item content: an Issue's value is a DraftIssue too (open, all it requires present)
    ["the first branch's value fits another: the next whose value fits alone", [{ type: "object", required: ["refundId"], properties: { refundId: { type: "string" } } }, { type: "object", properties: { note: { type: "string" } } }], { note: "string" }],
    ["branches apart: the first", [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", required: ["b"], properties: { b: { type: "string" } } }], { a: "string" }],
    ["no value fits one alone (1 is a number and an integer): the first, as before", [{ type: "number" }, { type: "integer" }], 1],
    ["a closed first branch: the second's value, with a property more, fits it not", [{ type: "object", properties: { a: { type: "string" } }, additionalProperties: false }, { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "integer" } } }], { a: "string", b: 1 }],
    ["a bound the first branch's value keeps and the second's exceeds", [{ type: "string", maxLength: 3 }, { type: "string" }], "string"],
  ])("oneOf, %s", (_, oneOf, want) => {
    expect(synthesize({}, { oneOf })).toEqual(want);
  });

  it.each([
    // urlbox's RenderRequest: the value was {}, which fits neither branch
    ["oneOf", { properties: { url: { type: "string" }, html: { type: "string" }, full: { type: "boolean" } }, oneOf: [{ required: ["url"] }, { required: ["html"] }] }, { url: "string" }],
    ["anyOf", { type: "object", required: ["id"], properties: { id: { type: "integer" }, a: { type: "string" } }, anyOf: [{ required: ["a"] }, { required: ["id"] }] }, { a: "string", id: 1 }],
  ])("%s branches requiring properties the schema declares beside them: the branch's, with what the schema requires", (kind, schema, want) => {
    const value = synthesize({}, schema);
    expect(value).toEqual(want);
    expect(mayFit({}, schema, value, 0)).toBe(true);
  });

  it.each([
    // the value was [{}], which its validator refuses: no item is an integer
    ["contains alone", { type: "array", contains: { type: "integer" } }, [1]],
    ["minContains items matching contains, beside items", { type: "array", items: { type: ["integer", "string"] }, contains: { type: "integer", minimum: 5 }, minContains: 2 }, [5, 5]],
    ["a tuple, then contains", { type: "array", prefixItems: [{ type: "string" }], contains: { type: "boolean" } }, ["string", true]],
  ])("an array with %s", (_, schema, want) => {
    const value = synthesize({}, schema);
    expect(value).toEqual(want);
    expect(mayFit({}, schema, value, 0)).toBe(true);
  });

  it("oneOf with a discriminator: the tag chooses the branch (as the validators read it), so the first stays, tagged", () => {
    const branch = { type: "object", required: ["kind"], properties: { kind: { type: "string" }, extra: { type: "string" } } };
    const doc = { components: { schemas: { A: branch, B: branch } } };
    expect(synthesize(doc, { oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }], discriminator: { propertyName: "kind" } })).toEqual({ kind: "A", extra: "string" });
  });

  // openapi-typescript types Cat's tag as the union's mapping key; made alone (a mock's answer for a
  // response of Cat) it said "string", which isCat takes and the Cat type refuses
  it("a component a discriminated oneOf selects, made on its own, carries the tag its type gives it", () => {
    const branch = { type: "object", required: ["petType"], properties: { petType: { type: "string" } } };
    const doc = {
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat" } } },
          Cat: branch,
          Dog: branch,
          Fish: branch,
        },
      },
    };
    expect(synthesize(doc, { $ref: "#/components/schemas/Cat" })).toEqual({ petType: "cat" });
    expect(synthesize(doc, { type: "array", minItems: 1, items: { $ref: "#/components/schemas/Dog" } })).toEqual([{ petType: "Dog" }]);
    expect(synthesize(doc, { $ref: "#/components/schemas/Fish" })).toEqual({ petType: "string" }); // no union selects it
  });

  it.each([
    [{ type: "integer" }, 1.5, false],
    [{ type: ["string", "null"] }, null, true],
    [{ const: "a" }, "b", false],
    [{ enum: [1, 2] }, 2, true],
    [{ type: "object", required: ["a"] }, {}, false],
    [{ type: "object", required: ["a"], properties: { a: { readOnly: true } } }, {}, true],
    [{ type: "object", additionalProperties: { type: "integer" } }, { x: "s" }, false],
    [{ type: "object", patternProperties: { "^x": {} }, additionalProperties: false }, { x: 1 }, true],
    [{ type: "array", items: { type: "string" }, maxItems: 1 }, ["a"], true],
    [{ type: "array", prefixItems: [{ type: "integer" }] }, ["a"], false],
    [{ type: "string", pattern: "^[A-Z]+$" }, "abc", false],
    [{ minimum: 2 }, 1, false],
    [{ not: { type: "string" } }, "a", true], // a keyword the check does not read rules nothing out
    [{ anyOf: [{ type: "string" }, { type: "integer" }] }, true, false],
    [{ type: "string", format: "byte" }, "aGVsbG8=", true],
    [{ type: "string", format: "byte" }, "1.2.0", false], // Blockfrost's examples write versions where base64 is asked
    [{ multipleOf: 0.01 }, 2.01, true], // 2.01 / 0.01 is 200.99999999999997, yet a decimal multiple, as the validators test it
    [{ multipleOf: 0.01 }, 2.015, false],
    [{ multipleOf: 0.01 }, 0.1 + 0.2, false], // 0.30000000000000004: no decimal multiple
    [{ if: { minimum: 0 }, else: { maximum: -5 } }, -1, false], // certainly not `if`: `else` must fit
    [{ if: { minimum: 0 }, then: { minimum: 10 } }, 1, true], // may meet `if`: not sure to need `then`
  ])("mayFit(%j, %j) is %s", (schema, value, want) => {
    expect(mayFit({}, schema, value, 0)).toBe(want);
  });

  it.each([
    ["a date-time as a date's example (Asana, Apideck, Plaid)", { type: "string", format: "date", examples: ["2025-10-15T13:51:36.327Z"] }, "2024-01-15"],
    ["an example outside the enum", { type: "string", enum: ["GBR", "USA"], examples: ["gbr"] }, "GBR"],
    ["an example of another type (LaunchDarkly)", { type: "boolean", examples: ["true"] }, true],
    ["an object example without a required property", { type: "object", required: ["id"], properties: { id: { type: "integer" } }, examples: [{}] }, { id: 1 }],
    ["a default that breaks the pattern", { type: "string", pattern: "^[a-z]+$", default: "ABC" }, "string"],
  ])("skips a schema's own example or default that contradicts it: %s", (_, T, want) => {
    const doc = { components: { schemas: { T } } };
    const value = synthesize(doc, ref);
    expect(value).toEqual(want);
    expect(mayFit(doc, T, value, 0)).toBe(true);
  });

  it("leaves required writeOnly properties out of an answer, declared beside it or in an allOf part", () => {
    const secret = { type: "string", writeOnly: true };
    expect(synthesize({}, { type: "object", required: ["id", "secret"], properties: { id: { type: "string", readOnly: true }, secret } })).toEqual({ id: "string" });
    const doc = { components: { schemas: { Secret: secret } } };
    const parts = { allOf: [{ type: "object", properties: { secret: { $ref: "#/components/schemas/Secret" } } }, { type: "object", required: ["secret", "n"], properties: { n: { type: "integer" } } }] };
    expect(synthesize(doc, parts)).toEqual({ n: 1 });
  });

  it.each([
    // Figma's DocumentNode: `type` is "DOCUMENT" in its own part, any string in the IsLayerTrait it joins
    ["a later part's looser declaration does not replace the earlier part's value", [{ properties: { type: { enum: ["DOCUMENT"] } } }, { properties: { type: { type: "string" }, name: { type: "string" } } }], { type: "DOCUMENT", name: "string" }],
    ["nor an earlier part's", [{ properties: { type: { type: "string" } } }, { properties: { type: { const: "DOCUMENT" } } }], { type: "DOCUMENT" }],
    ["a value no part's declaration refuses stays the last part's", [{ properties: { n: { type: "integer", minimum: 1 } } }, { properties: { n: { type: "integer", minimum: 5 } } }], { n: 5 }],
  ])("allOf whose parts declare one property: %s", (_, parts, want) => {
    const allOf = parts.map((p) => ({ type: "object", ...p }));
    const value = synthesize({}, { allOf });
    expect(value).toEqual(want);
    expect(mayFit({}, { allOf }, value, 0)).toBe(true);
  });

  it.each([
    // loket.nl: an upper-case uuid pattern; the pattern's own sample ("AAAA...", no dashes) is no uuid
    ["uuid", "^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$", "3FA85F64-5717-4562-B3FC-2C963F66AFA6"],
    // milliseconds required: the pattern's own sample ("0000-00-00T...") is no date-time
    ["date-time", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$", "2024-01-15T09:30:00.000Z"],
    ["date-time", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$", "2024-01-15T09:30:00+00:00"],
  ])("a %s string with a pattern its usual sample misses: a form of the format that matches it", (format, pattern, want) => {
    expect(synthesize({}, { type: "string", format, pattern })).toBe(want);
  });

  it("makes a request's value without readOnly properties and with writeOnly ones (README calls, form bodies)", () => {
    const account = { type: "object", required: ["id", "password"], properties: { id: { type: "string", readOnly: true }, password: { type: "string", writeOnly: true, minLength: 8 } } };
    expect(synthesizeRequest({}, account)).toEqual({ password: "stringxx" });
    expect(synthesizeForm({}, account)).toEqual({ password: "stringxx" });
    expect(synthesize({}, account)).toEqual({ id: "string" });
  });

  it("ends a required nullable way back into the schema being made with null, not at the depth limit", () => {
    // before: four Users deep, then `name: null`, which the schema (and the mock's own response check) refuses
    const User = { type: "object", required: ["name", "manager"], properties: { name: { type: "string" }, manager: { anyOf: [{ allOf: [{ $ref: "#/components/schemas/User" }] }, { type: "null" }] } } };
    const doc = { components: { schemas: { User } } };
    const value = synthesize(doc, { $ref: "#/components/schemas/User" });
    expect(value).toEqual({ name: "string", manager: null });
    expect(mayFit(doc, User, value, 0)).toBe(true);
    // a way back that does not admit null still recurses (to the limits above)
    const Node = { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } };
    expect(synthesize({ components: { schemas: { Node } } }, { $ref: "#/components/schemas/Node" })).toMatchObject({ next: { next: {} } });
  });

  it("keeps the first example that fits, and a fitting default", () => {
    expect(synthesize({}, { type: "string", format: "uuid", examples: ["nope", "3fa85f64-5717-4562-b3fc-2c963f66afa6"] })).toBe("3fa85f64-5717-4562-b3fc-2c963f66afa6");
    expect(synthesize({}, { type: ["string", "null"], format: "date", examples: [null] })).toBe(null);
    expect(synthesize({}, { type: "integer", minimum: 5, default: 7 })).toBe(7);
  });

  it.each([
    ["multipleOf, the first multiple up", { type: "integer", multipleOf: 7, minimum: 10, maximum: 20 }, 14],
    ["multipleOf past the maximum: the one below", { type: "integer", multipleOf: 3, exclusiveMaximum: 3 }, 0],
    ["multipleOf 2.5 of an integer", { type: "integer", multipleOf: 2.5 }, 0],
    ["multipleOf as decimals", { type: "number", multipleOf: 0.01, minimum: 2.01, maximum: 2.05 }, 2.01],
    ["multipleOf with a tiny minimum", { type: "number", multipleOf: 0.01, minimum: 0.005 }, 1],
    // A float near 7e7 has too few digits for 5.77e-9's multiples next to it: one of 5.77e-8's is taken.
    ["multipleOf finer than the float's digits", { type: "number", multipleOf: 5.77e-9, minimum: 72304557 }, 72304557.00000125],
    ["then's bounds when if is met", { type: "integer", if: { minimum: 0 }, then: { minimum: 10, maximum: 12 } }, 10],
    ["then's required property, declared beside", { type: "object", properties: { a: { type: "integer" } }, if: { type: "object" }, then: { required: ["a"] } }, { a: 1 }],
    ["else's narrowed property", { type: "object", required: ["k"], properties: { k: { enum: ["x", "y"] } }, if: { properties: { k: { const: "y" } } }, else: { properties: { k: { const: "y" } } } }, { k: "y" }],
    ["not: the next enum value", { enum: ["a", "b"], not: { const: "a" } }, "b"],
    ["not: another type", { type: ["string", "integer"], not: { type: "string" } }, 1],
    ["not: a number nearby", { type: "integer", minimum: 1, not: { enum: [1, 2] } }, 3],
    ["not: an optional property left out", { type: "object", properties: { a: { type: "string" }, c: { type: "string" } }, not: { required: ["c"] } }, { a: "string" }],
    ["not: another anyOf branch", { anyOf: [{ type: "string" }, { type: "boolean" }], not: { type: "string" } }, true],
  ])("honours %s", (_, schema, want) => {
    expect(synthesize({}, schema)).toEqual(want);
  });

  it("still fills a small recursive tree", () => {
    const T = { type: "object", required: ["name"], properties: { name: { type: "string" }, children: { type: "array", items: ref } } };
    expect(synthesize({ components: { schemas: { T } } }, ref)).toMatchObject({ name: "string", children: [{ name: "string" }] });
  });
});

describe("synthesizeForm: a form body's required lists and objects are ones the form carries", () => {
  // Stripe's POST /v1/billing_portal/configurations and /v1/subscription_schedules, in outline: the client
  // leaves empty lists and objects out of a form, so `[]` and `[{}]` arrived as a missing required field
  const options = { anyOf: [{ type: "array", items: { type: "string", enum: ["too_expensive", "unused"] } }, { type: "string", enum: [""] }] };
  const portal = {
    type: "object",
    properties: { features: { type: "object", properties: { cancel: { type: "object", properties: {
      reason: { type: "object", required: ["enabled", "options"], properties: { enabled: { type: "boolean" }, options } },
    } } } } },
  };
  const phase = { type: "object", required: ["items"], properties: { items: { type: "array", items: { type: "object", properties: {
    thresholds: { anyOf: [{ type: "object", required: ["gte"], properties: { gte: { type: "integer" } } }, { type: "string", enum: [""] }] },
    metadata: { type: "object", additionalProperties: { type: "string" } },
  } } } } };
  const schedule = { type: "object", properties: { settings: { type: "object", properties: { phases: { type: "array", items: { type: "object", properties: { inner: phase } } } } } } };

  it.each([
    ["a required list through anyOf, deeper than optional properties go", portal, (v: any) => v.features.cancel.reason.options, [], ["too_expensive"]],
    ["a required list of objects whose properties are all optional", schedule, (v: any) => v.settings.phases[0].inner.items, [], [{ thresholds: { gte: 1 } }]],
  ])("%s", (_, schema, at, json, want) => {
    expect(at(synthesize({}, schema))).toEqual(json); // valid JSON, kept for JSON (the mock's answers)
    const value = synthesizeForm({}, schema);
    expect(at(value)).toEqual(want);
    expect(mayFit({}, schema, value, 0)).toBe(true);
  });

  it("a required map gets an entry; a required list of itself still ends", () => {
    expect(synthesizeForm({}, { type: "object", properties: { a: { type: "object", properties: { b: { type: "object", properties: { c: { type: "object", required: ["m"], properties: { m: { type: "object", additionalProperties: { type: "string" } } } } } } } } } }))
      .toEqual({ a: { b: { c: { m: { key1: "string" } } } } });
    const T = { type: "object", required: ["children"], properties: { children: { type: "array", items: ref } } };
    const doc = { components: { schemas: { T } } };
    const value = within(5000, () => synthesizeForm(doc, ref));
    expect(mayFit(doc, T, value, 0)).toBe(true);
    expect(JSON.stringify(value)).toContain("[]"); // the innermost list, past the depth where lists are filled
  });
});

describe("synthesize, uniqueItems", () => {
  // the items were the schema's one sample each time (["string", "string"]), which the validators refuse
  const item = (items: object): object => ({ type: "array", minItems: 3, uniqueItems: true, items });
  it.each<[string, object]>([
    ["strings", item({ type: "string" })],
    ["strings of at most 6 characters", item({ type: "string", maxLength: 6 })],
    ["strings of a pattern", item({ type: "string", pattern: "^[a-z]+$" })],
    ["integers with a minimum", item({ type: "integer", minimum: 1 })],
    ["numbers with a maximum", item({ type: "number", maximum: 1 })],
    ["multiples of 5", item({ type: "integer", multipleOf: 5 })],
    ["enum values", item({ enum: ["a", "b", "c"] })],
    ["objects", item({ type: "object", required: ["a"], properties: { a: { type: "string" } } })],
    ["arrays", item({ type: "array", minItems: 1, items: { type: "integer" } })],
    ...["uuid", "date-time", "date", "time", "email", "uri", "uri-reference", "hostname", "ipv4", "ipv6", "byte", "duration", "json-pointer", "uri-template"].map((format): [string, object] => [`${format} strings`, item({ type: "string", format })]),
    ["items beside contains", { type: "array", minItems: 2, uniqueItems: true, contains: { type: "string" }, items: { type: "string" } }],
    // (review) variants that sample-fits' check alone let through, each refused by the validators
    ["strings under not", item({ type: "string", not: { enum: ["string1", "string2"] } })],
    ["strings under if/then", item({ type: "string", if: { pattern: "1$" }, then: { minLength: 10 } })],
    ["oneOf branches a counter would make ambiguous", item({ oneOf: [{ type: "string" }, { type: "string", pattern: "1$" }] })],
    ["items under maxContains", { type: "array", minItems: 3, uniqueItems: true, items: { type: "string" }, contains: { pattern: "1$" }, maxContains: 1 }],
    ["objects with dependentSchemas", item({ type: "object", required: ["a"], properties: { a: { type: "string" } }, dependentSchemas: { a: { properties: { a: { pattern: "^string" } } } } })],
    ["objects of patternProperties", item({ type: "object", required: ["a1"], patternProperties: { "^a": { type: "string", maxLength: 6 } } })],
    ["objects of formatted additionalProperties", item({ type: "object", required: ["d"], additionalProperties: { type: "string", format: "duration" } })],
  ])("makes %s distinct, each still valid", async (_, schema) => {
    const formats = await loadFormats();
    const ajv = new Ajv2020({ ...VALIDATION_OPTIONS, formats: formats as never, allErrors: true });
    const value = synthesize({}, schema) as unknown[];
    expect(value.length).toBeGreaterThanOrEqual(2);
    expect(new Set(value.map((v) => JSON.stringify(v))).size).toBe(value.length);
    expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("makes a discriminated union's items differ by branch, never by the tag that chooses it", () => {
    const branch = (extra: object) => ({ type: "object", required: ["petType"], properties: { petType: { type: "string" }, ...extra } });
    const doc = { components: { schemas: { Cat: branch({}), Dog: branch({ bark: { type: "boolean" } }) } } };
    const pets = { type: "array", minItems: 2, uniqueItems: true, items: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "petType" } } };
    // the second was { petType: "Cat1" }, a tag naming no branch, which the validators refuse
    expect(synthesize(doc, pets)).toEqual([{ petType: "Cat" }, { petType: "Dog", bark: true }]);
  });

  it("gives up within a budget where no variant fits, however deep the items", () => {
    const leaf = { type: "string", pattern: "^string$" };
    const object = (p: object) => ({ type: "object", required: [..."abcdefgh"], properties: Object.fromEntries([..."abcdefgh"].map((k) => [k, p])) });
    // three levels took 52 s of CPU: every part of every level was tried
    const value = within(5000, () => synthesize({}, { type: "array", minItems: 10, uniqueItems: true, items: object(object(object(leaf))) })) as unknown[];
    expect(value).toHaveLength(10);
  });

  it("makes a boolean's two values, and leaves what cannot differ as it is", () => {
    expect(synthesize({}, { type: "array", minItems: 2, uniqueItems: true, items: { type: "boolean" } })).toEqual([true, false]);
    expect(synthesize({}, { type: "array", minItems: 2, uniqueItems: true, items: { const: 1 } })).toEqual([1, 1]);
  });

  it("reads a format by its own name only: `toString` is no format with a sample", () => {
    expect(synthesize({}, { type: "string", format: "toString" })).toBe("string");
    expect(synthesize({}, { type: "string", format: "constructor" })).toBe("string");
  });
});
