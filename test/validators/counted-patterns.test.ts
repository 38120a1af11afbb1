/**
 * A pattern with one counted repetition between anchors (`^[0-9a-f]{24}$`) is compiled as a length test
 * and the pattern with `+`: the verdicts must be those of the pattern as written (under the "u" flag, as
 * ajv compiles it), on strings of every nearby length, with non-ASCII and astral characters, and the
 * error must name the pattern the spec wrote.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { countedPattern } from "../../generator/emit/validators/pattern-keyword.js";
import { importableSources, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string; message: string }> }>;

/** Patterns of the fast shape, and others beside them that must keep ajv's code. */
const PATTERNS = [
  "^[0-9a-f]{24}$", "^#[0-9A-Fa-f]{6}$", "^[0-9]{10}$", "^\\d{3,5}$", "^a[\\w-]{0,3}b$", "^x\\.[a-c]{2,}$", "^[0-9]{2}-[0-9]{2}$",
  "^ab{1,2}$", "^[\\-+]{2}\\$$", "^\\\\{2}$", "^.{3}$", "^[^a]{3}$", "[0-9]{3}", "^[0-9]{3}", "^(ab){2}$", "^[a-c]{2}?$",
];

/** The strings each pattern is tried on: around each length, and characters a class might take as one. */
function samples(): string[] {
  const chars = ["0", "9", "a", "f", "g", "A", "F", "#", "-", "+", "$", "\\", ".", "x", "b", "_", "é", "😀", "\u0660", "\n"];
  const out = new Set<string>(["", "#abcdef", "#ABCDEF", "0123456789", "0123456789abcdef01234567", "x.ab", "12-34", "abb", "ab", "-+$", "\\\\"]);
  for (const base of [...out]) {
    for (let i = 0; i <= base.length; i++) for (const c of chars) out.add(base.slice(0, i) + c + base.slice(i));
    for (let i = 0; i < base.length; i++) out.add(base.slice(0, i) + base.slice(i + 1));
  }
  for (let n = 0; n <= 26; n++) out.add("a".repeat(n)).add("7".repeat(n));
  return [...out];
}

describe("counted patterns", () => {
  it("take the fast form only where it is exact", () => {
    expect(countedPattern("^[0-9a-f]{24}$")).toEqual({ min: 24, max: 24, source: "^[0-9a-f]+$" });
    expect(countedPattern("^#[0-9A-Fa-f]{6}$")).toEqual({ min: 7, max: 7, source: "^#[0-9A-Fa-f]+$" });
    expect(countedPattern("^a[\\w-]{0,3}b$")).toEqual({ min: 2, max: 5, source: "^a[\\w-]*b$" });
    for (const p of ["^.{3}$", "^[^a]{3}$", "[0-9]{3}", "^[0-9]{3}", "^(ab){2}$", "^[0-9]{2}-[0-9]{2}$", "^[a-c]{2}?$", "^x\\.[a-c]{2,}$", "^[\\d-z]{2}$", "^\\u0041{2}$", "^é{2}$"]) {
      expect(countedPattern(p), p).toBeUndefined();
    }
  });

  it("the generated validators answer as the pattern does", async () => {
    const dir = tempDir();
    const schemas = PATTERNS.map((p, i) => `    P${i}: { type: string, pattern: ${JSON.stringify(p)} }`).join("\n");
    writeFileSync(path.join(dir, "openapi.yaml"), `openapi: 3.1.0\ninfo: { title: patterns, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n${schemas}\n`);
    const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
    const compiled = files.find((f) => f.path.endsWith("validators-compiled.js"))!.contents;
    expect(compiled).toContain('new RegExp("^[0-9a-f]+$", "u")');
    expect(compiled).toContain(".length === 24 && ");
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
    const strings = samples();
    let checked = 0;
    PATTERNS.forEach((p, i) => {
      const re = new RegExp(p, "u");
      for (const s of strings) {
        expect(v[`validateP${i}`]!(s).ok, `${p} on ${JSON.stringify(s)}`).toBe(re.test(s));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(PATTERNS.length * 500);
    expect(v.validateP0!("0123456789abcdef0123456").errors).toEqual([
      expect.objectContaining({ keyword: "pattern", path: "", message: expect.stringContaining("^[0-9a-f]{24}$") }),
    ]);
  });
});
