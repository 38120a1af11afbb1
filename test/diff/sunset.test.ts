/**
 * The deprecation policy's dates (generator/diff/sunset.ts): which x-sunset values are dates, when a removal
 * is allowed (the sunset day itself counts), and what notice a new deprecation gives. The clock is injected.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deprecationOf, noticeProblem, removalVerdict, type DeprecationPolicy } from "../../generator/diff/sunset.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { ROOT } from "../helpers/project.js";

const at = (iso: string, deprecationDays?: number): DeprecationPolicy => ({ now: () => new Date(iso), deprecationDays });

describe("x-sunset", () => {
  const cases: Array<{ given: unknown; want: string | undefined }> = [
    { given: "2026-06-01", want: "2026-06-01" },
    { given: " 2026-06-01 ", want: "2026-06-01" },
    { given: "2026-06-01T23:30:00-02:00", want: "2026-06-02" },
    { given: "2026-06-01T10:00:00Z", want: "2026-06-01" },
    { given: new Date("2026-06-01T00:00:00Z"), want: "2026-06-01" },
    { given: "2026-02-30", want: undefined },
    { given: "June 2026", want: undefined },
    { given: "2026-6-1", want: undefined },
    { given: 20260601, want: undefined },
  ];
  for (const { given, want } of cases) {
    it(`reads ${JSON.stringify(given)} as ${want ?? "no date"}`, () => {
      expect(deprecationOf({ deprecated: true, "x-sunset": given }).day).toBe(want);
    });
  }

  it("a mapping or list written as x-sunset is no date, named by its JSON (a mapping with a toString key crashed the diff: exit 70)", () => {
    expect(deprecationOf({ deprecated: true, "x-sunset": { toString: 1 } })).toEqual({ deprecated: true, written: '{"toString":1}', day: undefined });
    expect(deprecationOf({ deprecated: true, "x-sunset": [1, 2] })).toEqual({ deprecated: true, written: "[1,2]", day: undefined });
    expect(removalVerdict(deprecationOf({ deprecated: true, "x-sunset": { toString: 1 } }), at("2026-06-01T00:00:00Z"))).toEqual({ allowed: false, why: `it was deprecated, but x-sunset '{"toString":1}' is not a date (write YYYY-MM-DD)` });
  });

  it("allows a removal from the sunset day on, by the injected clock", () => {
    const d = deprecationOf({ deprecated: true, "x-sunset": "2026-06-01" });
    expect(removalVerdict(d, at("2026-05-31T23:59:59Z")).allowed).toBe(false);
    expect(removalVerdict(d, at("2026-06-01T00:00:00Z")).allowed).toBe(true);
    // Without a policy, no removal is allowed: the result does not depend on the date.
    expect(removalVerdict(d, undefined)).toEqual({ allowed: false, why: "it was deprecated, sunset 2026-06-01" });
    expect(removalVerdict(deprecationOf({ "x-sunset": "2020-01-01" }), at("2026-06-01T00:00:00Z"))).toMatchObject({ allowed: false, why: expect.stringMatching(/deprecate it first/) });
  });

  it("asks a new deprecation for --deprecation-days of notice, counted from the injected day", () => {
    const before = deprecationOf({});
    const policy = at("2026-06-01T08:00:00Z", 30);
    expect(noticeProblem(before, deprecationOf({ deprecated: true, "x-sunset": "2026-07-01" }), policy)).toBeUndefined();
    expect(noticeProblem(before, deprecationOf({ deprecated: true, "x-sunset": "2026-06-30" }), policy)).toMatch(/sooner than --deprecation-days 30 allows \(on or after 2026-07-01\)/);
    expect(noticeProblem(before, deprecationOf({ deprecated: true, "x-sunset": "2026-06-30" }), at("2026-06-01T08:00:00Z"))).toBeUndefined();
    // Already deprecated with the same sunset: no new notice is given, nothing to check.
    const old = deprecationOf({ deprecated: true, "x-sunset": "2026-06-02" });
    expect(noticeProblem(old, old, policy)).toBeUndefined();
  });

  it("keeps every removal breaking when diffSpecs runs without a policy (generated packages' version bumps)", async () => {
    const pair = path.join(ROOT, "test/diff/pairs/deprecation");
    const changes = diffSpecs(await loadForDiff(path.join(pair, "base.yaml")), await loadForDiff(path.join(pair, "head.yaml")));
    expect(changes.filter((c) => c.id.endsWith("-after-sunset") || c.id === "deprecation-sunset-too-soon")).toEqual([]);
    expect(changes.find((c) => c.operation === "GET /a")).toMatchObject({ id: "operation-removed", breaking: { client: true, server: false }, message: "GET /a: operation removed (the whole path is gone); it was deprecated, sunset 2026-01-01" });
  });
});
