import { describe, expect, it } from "vitest";
import { bumpVersion, compareVersions, semverOf } from "../../generator/release/semver.js";

describe("versions", () => {
  it.each([
    ["1.4.2", "major", "2.0.0"],
    ["1.4.2", "minor", "1.5.0"],
    ["1.4.2", "patch", "1.4.3"],
    ["1.4.2", "none", "1.4.2"],
    ["0.3.1", "major", "0.4.0"],
    ["0.3.1", "minor", "0.3.2"],
    ["0.3.1", "patch", "0.3.2"],
    ["2.0.0-rc.1", "major", "2.0.0"],
    ["2.0.0-rc.1", "patch", "2.0.0"],
  ] as const)("%s + %s = %s", (from, bump, to) => {
    expect(bumpVersion(from, bump)).toBe(to);
  });

  it("compares numerically, pre-releases first", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0-rc.1", "2.0.0")).toBeLessThan(0);
    expect(compareVersions("3.0.0", "3.0.0")).toBe(0);
  });

  it("reads a spec's version as semver", () => {
    expect(semverOf("v3")).toBe("3.0.0");
    expect(semverOf("2024-01-15")).toBe("2024.1.15");
    expect(semverOf("beta")).toBe("0.0.0");
  });
});
