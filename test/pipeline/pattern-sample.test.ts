/** Strings synthesized for a `pattern` (the mock's data, the README's examples) match it and their lengths. */
import { describe, expect, it } from "vitest";
import { MAX_SAMPLE_LENGTH, patternSample } from "../../generator/openapi/pattern-sample.js";

describe("patternSample", () => {
  it.each([
    ["^[A-Z]{3}$", 0, Infinity],
    ["^\\d{1,13}$|^\\d{1,13}[\\.,]\\d{1,5}$", 0, Infinity],
    ["^se(-[a-z0-9]+)+$", 0, Infinity],
    ["^(?:GB|IE)\\d{2}[A-Z]{4}\\d{14}$", 0, Infinity],
    ["^(?!foo)[a-z]{2,}$", 0, Infinity],
    ["^\\p{Lu}\\p{Ll}+$", 0, Infinity],
    ["^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", 0, Infinity],
    ["^[a-z]+$", 5, 8],
    ["^arn:aws:[a-z]+:\\S*$", 20, 30],
    ["^\\u{1F600}x?$", 1, 1],
    ["[0-9]", 4, 4],
    ["^[0-9]+$", 12, 12],
    ["^(?:[a-z]{2}-)+[0-9]{3}$", 9, 9],
  ])("%s (length %s to %s)", (pattern, min, max) => {
    const s = patternSample(pattern, min, max)!;
    expect(s).toMatch(new RegExp(pattern, "u"));
    expect([...s].length).toBeGreaterThanOrEqual(min);
    expect([...s].length).toBeLessThanOrEqual(max);
  });

  it("undefined when it finds none: back references, lengths the pattern cannot have, invalid patterns", () => {
    expect(patternSample("^(a)\\1$")).toBeUndefined();
    expect(patternSample("^[A-Z]{3}$", 4)).toBeUndefined();
    expect(patternSample("^(")).toBeUndefined();
  });
});

describe("patternSample on hostile patterns", () => {
  it("gives up on samples longer than MAX_SAMPLE_LENGTH instead of throwing or running out of memory", () => {
    expect(patternSample("((a{1000}){1000}){1000}")).toBeUndefined();
    expect(patternSample("((a{1000}){1000}){400}")).toBeUndefined();
    expect(patternSample("a{4294967296}")).toBeUndefined();
    expect(patternSample("(){99999999999999999999999999999999999999999}")).toBe("");
    expect(patternSample("[0-9]", 1e9)).toBeUndefined();
    expect(patternSample("(a|b)*c{1000}")).toBe("c".repeat(1000));
    expect(patternSample("^a{4096}$")).toBe("a".repeat(MAX_SAMPLE_LENGTH));
  });

  it("stops when the pattern backtracks exponentially on a string it rejects", () => {
    const started = Date.now();
    expect(patternSample("^(a+)+(?=b)")).toBeUndefined();
    // bounded by steps, not time: ~1.3 s alone on a loaded machine, past 5 s beside the other test files
    // at load 12; unbounded, the backtracking over the longest sample would not end in a lifetime
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("gives up, without throwing, on nesting deeper than the stack", () => {
    const deep = "(".repeat(20000) + "a" + ")".repeat(20000);
    expect(() => patternSample(deep)).not.toThrow();
    expect(patternSample("(".repeat(100) + "a" + ")".repeat(100))).toBe("a");
  });
});
