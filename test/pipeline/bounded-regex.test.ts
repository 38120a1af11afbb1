/**
 * generator/openapi/bounded-regex.ts: a spec's pattern is tested within a time limit, and the verdict does not
 * depend on how busy the machine is (a sample it decides is golden output).
 */
import { describe, expect, it } from "vitest";
import { testAllBounded, testBounded } from "../../generator/openapi/bounded-regex.js";

/** Texts whose iteration first blocks this thread for `ms` without using the CPU, as a starved process waits. */
function afterStall(ms: number, texts: string[]): readonly string[] {
  return {
    *[Symbol.iterator]() {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      yield* texts;
    },
  } as unknown as readonly string[];
}

describe("testAllBounded", () => {
  it("a test that lost the CPU past the limit is run again, not called out of time", () => {
    expect(testAllBounded(/^[A-Z]{2}-[0-9]+$/u, afterStall(400, ["AA-0", "a"]))).toEqual([true, false]);
  });

  it("a pattern that backtracks for the whole limit is out of time", () => {
    expect(testBounded(/^(a+)+$/u, `${"a".repeat(40)}!`)).toBeUndefined();
    expect(testBounded(/^(a+)+$/u, "aaa")).toBe(true);
  });
});
