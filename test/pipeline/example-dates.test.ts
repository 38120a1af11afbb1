/**
 * The README's example values with `types: { dates: "Date" }` (generator/emit/dates/example-values.ts):
 * the code written has a `Date` exactly where the runtime's `revive` (as shipped in the dates-as-date
 * golden) makes one from the same plan, and spec text stays data.
 */
import { describe, expect, it } from "vitest";
import { literalWithCode } from "../../generator/codegen/code.js";
import { withDates } from "../../generator/emit/dates/example-values.js";
import type { DatePlan } from "../../generator/emit/dates/plan.js";
import { revive, type DatePlans } from "../fixtures/dates-as-date/generated/src/dates-runtime.js";

const shared: Record<string, DatePlan> = {
  "#/T": { props: { at: "date", kids: { items: { ref: "#/T" } } } },
  "#/Pair": { tuple: ["date", null], rest: "date" },
};
const at = "2024-01-01T00:00:00Z";
const hostile = '2024"); process.exit(1); ("';

const cases: Array<{ name: string; value: unknown; plan: DatePlan }> = [
  { name: "a date-time", value: at, plan: "date" },
  { name: "through shared plans and recursion", value: { at, kids: [{ at, kids: [{ at: "soon" }] }], other: at }, plan: { ref: "#/T" } },
  { name: "tuples, items and maps", value: { pair: [at, 3], map: { a: at, b: at } }, plan: { props: { pair: { ref: "#/Pair" }, map: { rest: "date" } } } },
  { name: "props before rest", value: { n: 1, m: at }, plan: { props: { n: { items: "date" } }, rest: "date" } },
  { name: "a union's word and a leap second stay strings", value: ["soon", "1990-12-31T23:59:60Z", at], plan: { items: { all: ["date", { props: { x: "date" } }] } } },
  { name: "spec text stays data", value: { title: hostile, at: hostile, when: `${at}\u2028` }, plan: { props: { at: "date", when: "date" } } },
  { name: "a `__proto__` key stays an own property", value: JSON.parse(`{"__proto__":{"at":"${at}"}}`), plan: JSON.parse('{"props":{"__proto__":{"props":{"at":"date"}}}}') },
];

describe("README example values with Dates", () => {
  for (const c of cases) {
    it(c.name, () => {
      const before = structuredClone(c.value);
      const text = literalWithCode(withDates(c.value, c.plan, shared), 2).text;
      const written = new Function(`return ${text};`)() as unknown;
      const plans: DatePlans = { operations: {}, shared };
      expect(written).toEqual(revive(structuredClone(c.value), c.plan, plans));
      expect(c.value).toEqual(before);
    });
  }

  it("writes the date-time's own text, as a JSON string", () => {
    expect(literalWithCode(withDates({ at }, { props: { at: "date" } }, shared)).text).toBe(`{"at":new Date(${JSON.stringify(at)})}`);
  });

  it("keeps a `__proto__` key off the prototype", () => {
    const value = JSON.parse(`{"__proto__":"${at}"}`);
    const written = new Function(`return ${literalWithCode(withDates(value, JSON.parse('{"props":{"__proto__":"date"}}'), shared)).text};`)() as object;
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(written, "__proto__")?.value).toEqual(new Date(at));
  });
});
