/** `casing` (lint.custom): Spectral's cases, and no exponential backtracking on spec text. */
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "../../generator/lint/custom/functions.js";

const check = (options: Record<string, unknown>) => {
  const problems: string[] = [];
  const run = FUNCTIONS.casing!(options, (key, message) => problems.push(`${key}: ${message}`));
  expect(problems).toEqual([]);
  return (value: string) => run({ value, exists: true, property: "name", document: {}, version: "3.1.0" }).length === 0;
};

describe("casing", () => {
  it.each([
    ["camel", {}, ["a", "aB", "aBc", "a1", "aB1", "a1B", "ab2C3d"], ["A", "aBC", "a_b", "1a"]],
    ["camel", { disallowDigits: true }, ["aBc", "aB"], ["a1", "aBC"]],
    ["pascal", {}, ["A", "AB", "ABc", "Ab1C"], ["a", "ABC", "A-b"]],
    ["camel", { separator: { char: "/", allowLeading: true } }, ["/aBc/dE", "aB", "a/b"], ["aB/", "aB/c", "aBC/d", "aB/Cd"]],
  ])("%s %j", (type, options, good, bad) => {
    const ok = check({ type, ...options });
    for (const v of good) expect([v, ok(v)]).toEqual([v, true]);
    for (const v of bad) expect([v, ok(v)]).toEqual([v, false]);
  });

  it.each(["camel", "pascal"])("%s rejects a long run of digits before a bad character at once", (type) => {
    const ok = check({ type, separator: { char: "/" } });
    const started = Date.now();
    expect(ok(`${type === "camel" ? "a" : "A"}${"1".repeat(60)}!`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("casing with the case's own separator", () => {
  it.each([
    ["kebab", "-", ["a-b", "-a-b1", "a1-2b"], ["a--b", "a-", "A-b", "-"]],
    ["snake", "_", ["a_b", "_a_b"], ["a__b", "a-b"]],
    ["macro", "_", ["A_B", "_A_1"], ["A__B", "a_b"]],
    ["cobol", "-", ["A-B", "A-1"], ["A--B", "a-b"]],
  ])("%s with %s: the same strings as without, and a long rejected one at once", (type, char, good, bad) => {
    const ok = check({ type, separator: { char, allowLeading: true } });
    for (const v of good) expect([v, ok(v)]).toEqual([v, true]);
    for (const v of bad.filter((v) => v !== "-")) expect([v, ok(v)]).toEqual([v, false]);
    const started = Date.now();
    expect(ok(`${type === "kebab" || type === "snake" ? "a" : "A"}${char}`.repeat(40) + "!")).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
