/**
 * generator/openapi/bounded-regex.ts: a spec's pattern is tested within a time limit, and the verdict does not
 * depend on how busy the machine is (a sample it decides is golden output).
 */
import { describe, expect, it } from "vitest";
import { guardedTest, testAllBounded, testBounded } from "../../generator/openapi/bounded-regex.js";

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

describe("testBounded", () => {
  // samples ask the same few questions many times (Microsoft Graph: 30,236 tests, 7 distinct pairs), each
  // a vm entry; a hostile pair cost its whole time limit every time it was asked
  it("remembers a verdict: the same pattern and text are not tested again", () => {
    const hostile = `${"b".repeat(40)}!`;
    // CPU time of this process (the test files run in forks): what a busy machine does not stretch
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const first = process.cpuUsage();
    expect(testBounded(/^(b+)+$/u, hostile)).toBeUndefined();
    expect(cpuMs(first)).toBeGreaterThan(200); // it ran for its limit (250 ms of CPU)
    const again = process.cpuUsage();
    expect(testBounded(/^(b+)+$/u, hostile)).toBeUndefined();
    expect(cpuMs(again)).toBeLessThan(50);
    // another text, other flags: tested on their own
    expect(testBounded(/^(b+)+$/u, "bbb")).toBe(true);
    expect(testBounded(/^(b+)+$/iu, "BBB")).toBe(true);
  });
});

describe("guardedTest", () => {
  // a lint rule's pattern over many values: its budget counts what each test would take, a remembered
  // out-of-time answer too (it cost nothing, and let values after ten hostile ones get a verdict)
  it("charges a remembered out-of-time answer its limit, so the pattern's budget still runs out", () => {
    const test = guardedTest(/^(c+)+$/u);
    for (let i = 0; i < 10; i++) expect(test(`${"c".repeat(40)}!`)).toBeUndefined();
    expect(test("ccc")).toBeUndefined();
  });
});
