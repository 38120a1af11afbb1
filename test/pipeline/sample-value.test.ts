/** Values synthesized for schemas without examples (the mock's answers, the README's calls) stay finite on hostile specs. */
import { describe, expect, it } from "vitest";
import { synthesize } from "../../generator/openapi/sample-value.js";

const ref = { $ref: "#/components/schemas/T" };
const within = (ms: number, f: () => unknown) => {
  const started = Date.now();
  const value = f();
  expect(Date.now() - started).toBeLessThan(ms);
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

  it("still fills a small recursive tree", () => {
    const T = { type: "object", required: ["name"], properties: { name: { type: "string" }, children: { type: "array", items: ref } } };
    expect(synthesize({ components: { schemas: { T } } }, ref)).toMatchObject({ name: "string", children: [{ name: "string" }] });
  });
});
