/**
 * A counted repetition of one character in a `pattern` (`[0-9a-f]{24}`) is compiled written out
 * (`[0-9a-f][0-9a-f]...`), which V8 runs faster: the verdicts must be those of the pattern as written
 * (under the "u" flag, as ajv compiles it), and the error must name the pattern the spec wrote.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writtenOutPattern } from "../../generator/emit/validators/pattern-keyword.js";
import { compilesUnicode } from "../../generator/normalize/foreign-escapes.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { random } from "../helpers/random.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string; message: string }> }>;

/** Pieces of patterns: one-character atoms, and what must not be taken for one (groups, backreferences, surrogate escapes). */
const ATOMS = ["a", "b", "[0-9a-f]", "[^a]", "\\d", "\\w", "\\.", ".", "\\p{L}", "\\u0041", "😀", "\\uD83D\\uDE00", "[{]", "(ab)", "(?:a|b)", "\\1", "-"];
const COUNTS = ["", "", "{2}", "{3}", "{1,3}", "{2,}", "{0,2}", "{2}?", "*", "+", "?"];
const CHARS = ["a", "b", "0", "9", "f", "A", ".", "-", "{", "é", "😀", "\uD83D", "\uDE00", "\n", "_"];

function randomPattern(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  let p = next() < 0.7 ? "^" : "";
  const n = 1 + Math.floor(next() * 4);
  for (let i = 0; i < n; i++) p += pick(ATOMS) + pick(COUNTS) + (next() < 0.1 ? "|" : "");
  return p + (next() < 0.7 ? "$" : "");
}

describe("counted patterns", () => {
  it("are written out only where the atom is one character", () => {
    expect(writtenOutPattern("^[0-9a-f]{24}$")).toBe(`^${"[0-9a-f]".repeat(24)}$`);
    expect(writtenOutPattern("^\\d{4}-\\d{2}-\\d{2}$")).toBe("^\\d\\d\\d\\d-\\d\\d-\\d\\d$");
    expect(writtenOutPattern("^a{2,}b{2,5}$")).toBe("^aaa*bbb{0,3}$");
    expect(writtenOutPattern("😀{2}")).toBe("😀😀");
    for (const p of ["(ab){2}", "\\uD83D\\uDE00{2}", "(?<x>a)\\k<x>{2}", "(a)\\1{2}", "a{2}?", "a{0,3}", "a{33}", "^(https?://.+)?$", "[\\d-z]{2}"]) {
      expect(writtenOutPattern(p), p).toBeUndefined();
    }
  });

  it("match what the pattern as written matches (random patterns and strings)", () => {
    const next = random(20261207);
    let rewritten = 0;
    let checked = 0;
    for (let k = 0; k < 3000; k++) {
      const p = randomPattern(next);
      if (!compilesUnicode(p)) continue;
      const w = writtenOutPattern(p);
      if (w === undefined) continue;
      rewritten++;
      const [a, b] = [new RegExp(p, "u"), new RegExp(w, "u")];
      for (let j = 0; j < 60; j++) {
        let s = "";
        const len = Math.floor(next() * 9);
        for (let c = 0; c < len; c++) s += CHARS[Math.floor(next() * CHARS.length)];
        expect(b.test(s), `${p} -> ${w} on ${JSON.stringify(s)}`).toBe(a.test(s));
        checked++;
      }
    }
    expect(rewritten).toBeGreaterThan(500);
    expect(checked).toBeGreaterThan(30000);
  });

  it("the generated validators use the written-out form and name the spec's pattern in errors", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "openapi.yaml"),
      `openapi: 3.1.0\ninfo: { title: patterns, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Id: { type: string, pattern: "^[0-9a-f]{24}$" }\n`,
    );
    const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
    const compiled = files.find((f) => f.path.endsWith("validators-compiled.js"))!.contents;
    expect(compiled).toContain(`new RegExp("^${"[0-9a-f]".repeat(24)}$", "u")`);
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
    expect(v.validateId!("0123456789abcdef01234567").ok).toBe(true);
    for (const bad of ["0123456789abcdef0123456", "0123456789abcdef012345678", "0123456789abcdef0123456g", "0123456789ABCDEF01234567"]) {
      expect(v.validateId!(bad).ok, bad).toBe(false);
    }
    expect(v.validateId!("0123456789abcdef0123456").errors).toEqual([
      expect.objectContaining({ keyword: "pattern", path: "", message: expect.stringContaining("^[0-9a-f]{24}$") }),
    ]);
  });
});
