/** Strings synthesized for a `pattern` (the mock's data, the README's examples) match it and their lengths. */
import { describe, expect, it } from "vitest";
import { patternSample } from "../../generator/openapi/pattern-sample.js";

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
