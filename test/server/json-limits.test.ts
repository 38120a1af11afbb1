/**
 * The JSON limits walk keeps its list of pending values from call to call (one list per body was most of what
 * a small JSON request allocated there). A walk cut short, by a forbidden key or a nesting too deep, must
 * leave nothing that the next walk reads as its own.
 */
import { expect, it } from "vitest";
import { jsonLimitBroken } from "../../generated/okra/src/server-runtime/json-limits.js";

const nested = (levels: number): unknown => {
  let v: unknown = {};
  for (let i = 1; i < levels; i++) v = { a: [v] };
  return v;
};

it("each walk judges its own value, whatever the walk before it left off", () => {
  const cases: Array<{ given: unknown; maxDepth: number; want: string | undefined }> = [
    { given: JSON.parse('{"a":[{"b":1},{"c":{"d":[1,2]}}],"e":{"__proto__":{"x":1}},"f":[[[[{}]]]]}'), maxDepth: 64, want: "has a forbidden key '__proto__'" },
    { given: { a: [{ b: 1 }, { c: { d: [1, 2] } }], f: [[[[{}]]]] }, maxDepth: 64, want: undefined },
    { given: nested(70), maxDepth: 64, want: "is nested deeper than 64 levels" },
    { given: { ok: true }, maxDepth: 64, want: undefined },
    { given: nested(5), maxDepth: 9, want: undefined },
    { given: nested(5), maxDepth: 8, want: "is nested deeper than 8 levels" },
    { given: JSON.parse('[{"constructor":{"prototype":{}}}]'), maxDepth: 64, want: "has a forbidden key 'constructor'" },
    { given: [{ constructor: "a name" }, 1, "x", null], maxDepth: 64, want: undefined },
    // a wide body (more pending values than the list keeps room for between walks), then a small one
    { given: Array.from({ length: 3000 }, (_, i) => ({ i, tags: [i] })), maxDepth: 64, want: undefined },
    { given: { a: {} }, maxDepth: 1, want: "is nested deeper than 1 levels" },
    { given: 42, maxDepth: 1, want: undefined },
  ];
  for (const { given, maxDepth, want } of cases) expect(jsonLimitBroken(given, maxDepth)).toBe(want);
});
