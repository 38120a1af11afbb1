/**
 * generator/openapi/bounded-regex.ts where this thread's CPU time cannot be read (macOS, Windows: no
 * /proc/thread-self/schedstat): the limit counts wall time, and an out-of-time verdict is still remembered,
 * or a hostile pattern-text pair would cost its whole limit at every call (review 7: 8 calls, 2 s).
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const readFileSync = ((file: unknown, ...rest: unknown[]) => {
    if (String(file).startsWith("/proc/thread-self/")) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    return (fs.readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const { testBounded } = await import("../../generator/openapi/bounded-regex.js");

describe("testBounded without a thread CPU clock", () => {
  it("remembers an out-of-time verdict, as on Linux", () => {
    const hostile = `${"d".repeat(40)}!`;
    expect(testBounded(/^(d+)+$/u, hostile)).toBeUndefined();
    const again = process.cpuUsage();
    for (let i = 0; i < 4; i++) expect(testBounded(/^(d+)+$/u, hostile)).toBeUndefined();
    const used = process.cpuUsage(again);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
  });
});
