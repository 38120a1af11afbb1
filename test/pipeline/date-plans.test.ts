/**
 * Date plans (`types: { dates: "Date" }`, generator/emit/dates/plan.ts): where a schema holds date-times,
 * as data; and their interpreter (templates/dates/runtime.ts, as shipped in the dates-as-date golden) on values.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ROOT } from "../helpers/project.js";
import { schemaPlan } from "../../generator/emit/dates/plan.js";
import { revive, toWire, type DatePlans } from "../fixtures/dates-as-date/generated/src/dates-runtime.js";

const dt = { type: "string", format: "date-time" };
const components = {
  A: { type: "object", properties: { b: { $ref: "#/components/schemas/B" }, c: { $ref: "#/components/schemas/C" } } },
  B: { type: "object", properties: { a: { $ref: "#/components/schemas/A" } } },
  C: dt,
  Plain: { type: "object", properties: { name: { type: "string" }, self: { $ref: "#/components/schemas/Plain" } } },
};
const document = { openapi: "3.1.0", components: { schemas: components } };

const cases: Array<{ name: string; given: unknown; want: unknown; shared?: Record<string, unknown> }> = [
  { name: "a date-time string", given: dt, want: "date" },
  { name: "a nullable date-time (type array)", given: { type: ["string", "null"], format: "date-time" }, want: "date" },
  { name: "a calendar date stays a string", given: { type: "string", format: "date" }, want: undefined },
  { name: "a format without a string type is not typed Date", given: { format: "date-time" }, want: undefined },
  { name: "arrays, tuples and maps", given: { type: "array", prefixItems: [{ type: "integer" }, dt], items: { type: "object", additionalProperties: dt } }, want: { tuple: [null, "date"], items: { rest: "date" } } },
  { name: "a `__proto__` property is an own key", given: JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string","format":"date-time"}}}'), want: JSON.parse('{"props":{"__proto__":"date"}}') },
  { name: "branches all apply", given: { oneOf: [dt, { type: "string" }], allOf: [{ properties: { at: dt } }] }, want: { all: [{ props: { at: "date" } }, "date"] } },
  {
    name: "a ref reaching a date-time only through a cycle's other member",
    given: { $ref: "#/components/schemas/B" },
    want: { ref: "#/components/schemas/B" },
    shared: {
      "#/components/schemas/B": { props: { a: { ref: "#/components/schemas/A" } } },
      "#/components/schemas/A": { props: { b: { ref: "#/components/schemas/B" }, c: { ref: "#/components/schemas/C" } } },
      "#/components/schemas/C": "date",
    },
  },
  { name: "a recursive schema without date-times has no plan", given: { type: "array", items: { $ref: "#/components/schemas/Plain" } }, want: undefined, shared: {} },
];

describe("date plans", () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = schemaPlan(document, c.given);
      expect(got.plan).toEqual(c.want);
      if (c.shared) expect(got.shared).toEqual(c.shared);
    });
  }
});

describe("date plan interpreter", () => {
  const plans: DatePlans = { operations: {}, shared: { "#/T": { props: { at: "date", kids: { items: { ref: "#/T" } } } } } };

  it("revives through shared plans, leaves what is not an RFC 3339 date-time", () => {
    const value = JSON.parse('{"at":"2024-01-01t10:00:00z","kids":[{"at":"1990-12-31T23:59:60Z","kids":[{"at":"soon"}]}]}');
    revive(value, { ref: "#/T" }, plans);
    expect(value.at).toEqual(new Date(Date.UTC(2024, 0, 1, 10)));
    expect(value.kids[0].at).toBe("1990-12-31T23:59:60Z");
    expect(value.kids[0].kids[0].at).toBe("soon");
  });

  it("sets a `__proto__` property as an own property, never the prototype", () => {
    const value = JSON.parse('{"__proto__":"2024-01-01T00:00:00Z"}');
    revive(value, JSON.parse('{"props":{"__proto__":"date"}}'), plans);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBeInstanceOf(Date);
  });

  it("sends Dates as ISO strings in a copy, leaving bytes and the caller's objects alone", () => {
    const at = new Date(Date.UTC(2024, 0, 1));
    const bytes = new Uint8Array([1]);
    const input = { query: { since: at, tags: [at, "x"] }, body: bytes };
    expect(toWire(input)).toEqual({ query: { since: "2024-01-01T00:00:00.000Z", tags: ["2024-01-01T00:00:00.000Z", "x"] }, body: bytes });
    expect(input.query.since).toBe(at);
    const plain = { query: { q: "x" } };
    expect(toWire(plain)).toBe(plain);
  });
});

describe("date plans of event streams", () => {
  it("a text/event-stream response whose data is JSON is planned like a JSON body (each event's data is revived)", async () => {
    const { files } = await generate({ input: path.join(ROOT, "test/fixtures/server-sent-events/openapi.yaml"), targets: ["client"], types: { dates: "Date" } });
    const dates = files.find((f) => f.path === "src/dates.ts")!.contents;
    expect(dates).toMatch(/streamTicks: \{\s*responses: \{\s*"200": \{\s*ref: "#\/components\/schemas\/Tick",/);
    expect(dates).toMatch(/"#\/components\/schemas\/Tick": \{\s*props: \{\s*at: "date",/);
    expect(dates).not.toMatch(/streamLogs/);
  });
});
