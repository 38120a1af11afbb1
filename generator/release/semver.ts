/** The little of semver a generated package's version needs: read, compare, bump (0.x rules included). */
import type { Bump } from "../diff/summarize.js";

interface Version {
  major: number;
  minor: number;
  patch: number;
  pre?: string;
}

/** The spec's version when it is semver, else the numbers it has (`v3` -> `3.0.0`, `2024-01-15` -> `2024.1.15`), else `0.0.0`. */
export function semverOf(version: string): string {
  if (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(version)) return version;
  const digits = /(\d+)(?:[.-](\d+))?(?:[.-](\d+))?/.exec(version);
  if (!digits) return "0.0.0";
  return [digits[1], digits[2] ?? "0", digits[3] ?? "0"].map((d) => String(Number(d))).join(".");
}

function parse(version: string): Version {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(semverOf(version))!;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] };
}

/** Negative when a < b. A pre-release sorts before its release (`2.0.0-rc.1` < `2.0.0`). */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const d = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (d !== 0) return d;
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

export function maxVersion(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}

/**
 * The next version for a change of kind `bump`. Below 1.0.0 the public API is not stable (semver §4): by
 * npm's convention a breaking change bumps the minor (0.3.1 -> 0.4.0) and anything else the patch. A
 * pre-release becomes its release for any bump (2.0.0-rc.1 -> 2.0.0).
 */
export function bumpVersion(version: string, bump: Bump): string {
  const v = parse(version);
  if (bump === "none") return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ""}`;
  if (v.pre) return `${v.major}.${v.minor}.${v.patch}`;
  if (v.major === 0) return bump === "major" ? `0.${v.minor + 1}.0` : `0.${v.minor}.${v.patch + 1}`;
  if (bump === "major") return `${v.major + 1}.0.0`;
  if (bump === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}
