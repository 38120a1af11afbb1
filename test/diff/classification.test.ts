/**
 * Classifications no base/head pair under pairs/ pinned (found by mutation testing: each case failed with
 * one decision of the diff rules changed). Table-driven, in memory: `given` the operation's request and
 * response parts (or a request body schema) in base and head, `want` each change as `id CS`.
 */
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../generator/diff/diff.js";
import type { Change } from "../../generator/diff/change.js";

type Op = Record<string, unknown>;
const brief = (c: Change) => `${c.id} ${c.breaking.client ? "C" : "-"}${c.breaking.server ? "S" : "-"}`;
const ok = { "200": { description: "ok" } };
const components = { schemas: { Str: { type: "string", maxLength: 5 } } };
const spec = (op: Op) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/things": { post: { responses: ok, ...op } } }, components });
const str = { $ref: "#/components/schemas/Str" };
const body = (schema: unknown) => ({ requestBody: { content: { "application/json": { schema } } } });
const diff = (base: Op, head: Op) => diffSpecs({ document: spec(base) }, { document: spec(head) }).map(brief);

const param = (name: string, where: string, extra: Op = {}) => ({ name, in: where, schema: { type: "string" }, ...extra });
const header = (extra: Op = {}) => ({ schema: { type: "string" }, ...extra });

const cases: Array<{ name: string; given: [Op, Op]; want: string[] }> = [
  // the same API written another way
  { name: "a cookie parameter's default style is form", given: [{ parameters: [param("s", "cookie")] }, { parameters: [param("s", "cookie", { style: "form" })] }], want: [] },
  { name: "explode defaults to true for style form only", given: [{ parameters: [param("q", "query"), param("H", "header")] }, { parameters: [param("q", "query", { explode: true }), param("H", "header", { explode: false })] }], want: [] },
  { name: "response header names are case-insensitive", given: [{ responses: { "200": { description: "ok", headers: { "X-Rate": header() } } } }, { responses: { "200": { description: "ok", headers: { "x-rate": header() } } } }], want: [] },
  { name: "an extension among the responses is no status", given: [{ responses: { ...ok, "x-note": { description: "gone" } } }, { responses: ok }], want: [] },
  { name: "not excluding number excludes integer too", given: [body({ not: { type: "number" } }), body({ not: { type: ["number", "integer"] } })], want: [] },
  { name: "an allOf of one member with an x-sunset alone is that member", given: [body(str), body({ allOf: [str], "x-sunset": "2027-01-01" })], want: [] },
  // classified
  // 3.0's way to deprecate a $ref'd schema: the member, deprecated (not its bounds loosened and an allOf member added)
  { name: "a schema wrapped in a deprecated allOf of one member is deprecated", given: [body(str), body({ allOf: [str], deprecated: true })], want: ["schema-deprecated --"] },
  { name: "a deprecated allOf of one member unwrapped is the member", given: [body({ allOf: [str], deprecated: true, description: "old" }), body(str)], want: [] },
  // null is compared by the nullable rules, also where an enum lists it (the values rules compare enums without null)
  { name: "null removed from an enum refuses it", given: [body({ type: ["string", "null"], enum: ["a", null] }), body({ type: ["string", "null"], enum: ["a"] })], want: ["nullable-removed C-"] },
  { name: "null removed from an untyped enum refuses it", given: [body({ enum: ["a", null] }), body({ enum: ["a"] })], want: ["nullable-removed C-"] },
  { name: "null added to an enum of a nullable type takes it", given: [body({ type: ["string", "null"], enum: ["a"] }), body({ type: ["string", "null"], enum: ["a", null] })], want: ["nullable-added -S"] },
  { name: "a type without null refuses null an enum lists", given: [body({ type: "string", enum: ["a", null] }), body({ type: ["string", "null"], enum: ["a", null] })], want: ["nullable-added -S"] },
  // null alone: `const: null` and `enum: [null]` are `type: "null"` written otherwise
  { name: "const null written as type null is no change", given: [body({ const: null }), body({ type: "null" })], want: [] },
  { name: "type null written as enum [null] is no change", given: [body({ type: "null" }), body({ enum: [null] })], want: [] },
  { name: "null alone widened to a string or null is a type widened", given: [body({ const: null }), body({ type: ["string", "null"] })], want: ["type-widened -S", "enum-removed -S"] },
  { name: "a value added to an enum listing null alone is a value added", given: [body({ enum: [null] }), body({ enum: ["a", null] })], want: ["enum-value-added -S"] },
  // a schema of annotations alone takes null with every other value
  { name: "any value narrowed to a string or null still takes null", given: [body({ description: "any" }), body({ type: ["string", "null"] })], want: ["type-narrowed C-"] },
  { name: "a string or null widened to any value still takes null", given: [body({ type: ["string", "null"] }), body({})], want: ["type-widened -S"] },
  { name: "any value narrowed to a string refuses null", given: [body({ title: "any", "x-note": 1 }), body({ type: "string" })], want: ["nullable-removed C-", "type-narrowed C-"] },
  // ...but a keyword of one type without `type` is read as that type's schema, as its author meant
  { name: "an untyped object schema given its type is no nullable change", given: [body({ properties: { a: {} } }), body({ type: "object", properties: { a: {} } })], want: ["type-narrowed C-"] },
  { name: "a 2XX response removed is a success removed: clients expecting it break too", given: [{ responses: { ...ok, "2XX": { description: "other" } } }, { responses: ok }], want: ["response-status-removed CS"] },
  {
    name: "a query parameter removed beside a header of its name is removed, not moved",
    given: [{ parameters: [param("id", "query"), param("id", "header")] }, { parameters: [param("id", "header")] }],
    want: ["parameter-removed C-"],
  },
  { name: "multipleOf made a divisor of itself loosens", given: [body({ type: "number", multipleOf: 2 }), body({ type: "number", multipleOf: 1 })], want: ["constraint-loosened -S"] },
  { name: "multipleOf neither a multiple nor a divisor changes both ways", given: [body({ type: "number", multipleOf: 2 }), body({ type: "number", multipleOf: 3 })], want: ["constraint-tightened CS"] },
  {
    name: "a patternProperties entry removed from a closed object refuses those names",
    given: [body({ type: "object", additionalProperties: false, patternProperties: { "^x-": { type: "string" } } }), body({ type: "object", additionalProperties: false })],
    want: ["pattern-property-removed C-"],
  },
];

describe("diff classifications", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    expect(diff(...c.given)).toEqual(c.want);
  });

  it("says null where null alone was allowed, not 'any' or nothing", () => {
    const messages = (base: unknown, head: unknown) => diffSpecs({ document: spec(body(base)) }, { document: spec(body(head)) }).map((c) => c.message);
    expect(messages({ type: "null" }, { type: ["string", "null"] })).toEqual(["POST /things request body (application/json): type changed from null to string (widened)"]);
    expect(messages({ enum: [null] }, { type: ["string", "null"] })).toContain("POST /things request body (application/json): values no longer restricted (were null)");
  });

  it("a deprecation said by a lone allOf's wrapper is shown at the wrapper, not in the component it wraps", () => {
    const [c, ...rest] = diffSpecs({ document: spec(body(str)) }, { document: spec(body({ allOf: [str], deprecated: true })) });
    expect(rest).toEqual([]);
    expect(c?.head?.pointer).toBe("/paths/~1things/post/requestBody/content/application~1json/schema/deprecated");
  });
});
