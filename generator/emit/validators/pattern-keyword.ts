/**
 * ajv's `pattern`, with a faster form of the commonest shape of pattern in real specs: one repetition
 * counted in braces between anchors (`^[0-9a-f]{24}$`, `^#[0-9A-Fa-f]{6}$`, `^[0-9]{10}$`). V8 runs a
 * counted repetition with a counter (~48 ns on 24 characters here) and `+` as a plain loop (~30 ns), so such
 * a pattern becomes a length test and the same pattern with `+`: Okra's customer holds 53 of them. Every
 * other pattern, and `$data`, is ajv's code; the error is ajv's, with the pattern as the spec wrote it.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Code from "ajv/dist/vocabularies/code.js";

const require = createRequire(import.meta.url);

/** A pattern of `countedPattern`'s shape, as a length range and the pattern with `+` (or `*`) for the count. */
export interface CountedPattern {
  min: number;
  max: number;
  source: string;
}

/** Characters that are syntax outside a class; escaped (`\.`) they stand for themselves, also under the "u" flag. */
const SYNTAX = "^$\\.*+?()[]{}|/";
const isSyntax = (c: string | undefined): boolean => c !== undefined && c.length === 1 && SYNTAX.includes(c);

/**
 * The length of one atom at `i` that matches exactly one ASCII character (so one UTF-16 unit with or without
 * the "u" flag): a printable literal, an escaped syntax character, `\d`, `\w`, or a class of such characters
 * and ranges that is not negated. 0 for anything else (a dot, a group, a negated class, other escapes).
 */
function atomLength(s: string, i: number): number {
  const c = s[i]!;
  if (c === "\\") return isSyntax(s[i + 1]) || s[i + 1] === "d" || s[i + 1] === "w" ? 2 : 0;
  if (c === "[") {
    if (s[i + 1] === "^" || s[i + 1] === "]") return 0;
    for (let k = i + 1; k < s.length; k++) {
      const d = s[k]!;
      if (d === "]") return k + 1 - i;
      if (d === "\\") {
        // inside a class "-" may be escaped too; \b (backspace) and others are left to ajv
        if (!(isSyntax(s[k + 1]) || s[k + 1] === "-" || s[k + 1] === "d" || s[k + 1] === "w")) return 0;
        k++;
      } else if (d < " " || d > "~") {
        return 0;
      }
    }
    return 0;
  }
  return c >= " " && c <= "~" && !isSyntax(c) ? 1 : 0;
}

/**
 * `^` atoms `$` where each atom matches one ASCII character and exactly one carries `{n}` or `{m,n}`: the
 * strings it matches are those of its length range that match it with `+` for the count (`*` when m is 0),
 * since every other atom takes one character. Undefined for any other pattern.
 */
export function countedPattern(pattern: string): CountedPattern | undefined {
  if (!pattern.startsWith("^") || !pattern.endsWith("$")) return undefined;
  const body = pattern.slice(1, -1);
  let fixed = 0;
  let counted: { min: number; max: number; at: number; end: number } | undefined;
  for (let i = 0; i < body.length; ) {
    const n = atomLength(body, i);
    if (n === 0) return undefined;
    i += n;
    if (body[i] !== "{") {
      if (body[i] === "?" || body[i] === "*" || body[i] === "+") return undefined;
      fixed++;
      continue;
    }
    const m = /^\{(\d{1,6})(?:,(\d{1,6}))?\}/.exec(body.slice(i, i + 16));
    if (!m || counted !== undefined) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (max < min || max === 0) return undefined;
    counted = { min, max, at: i, end: i + m[0].length };
    i = counted.end;
    if (body[i] === "?" || body[i] === "*" || body[i] === "+" || body[i] === "{") return undefined;
  }
  if (counted === undefined || !compiles(pattern)) return undefined;
  const source = `^${body.slice(0, counted.at)}${counted.min === 0 ? "*" : "+"}${body.slice(counted.end)}$`;
  return { min: fixed + counted.min, max: fixed + counted.max, source };
}

/** Whether the pattern is a regular expression under the "u" flag (`[\\d-z]` is not): ajv reports one that is not. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

export function useCountedPatterns(ajv: {
  getKeyword(keyword: string): unknown;
  removeKeyword(keyword: string): unknown;
  addKeyword(def: CodeKeywordDefinition): unknown;
}): void {
  const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { usePattern } = require("ajv/dist/vocabularies/code.js") as typeof Code;
  const def = ajv.getKeyword("pattern") as CodeKeywordDefinition;
  ajv.removeKeyword("pattern");
  ajv.addKeyword({
    ...def,
    code(cxt: KeywordCxt) {
      const counted = cxt.$data || typeof cxt.schema !== "string" ? undefined : countedPattern(cxt.schema);
      if (counted === undefined) return def.code(cxt, undefined as never);
      const { data } = cxt;
      const regExp = usePattern(cxt, counted.source);
      const length =
        counted.min === counted.max ? _`${data}.length === ${counted.min}` : _`${data}.length >= ${counted.min} && ${data}.length <= ${counted.max}`;
      cxt.fail$data(_`!(${length} && ${regExp}.test(${data}))`);
    },
  });
}
