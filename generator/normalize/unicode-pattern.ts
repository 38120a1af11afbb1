/**
 * JSON Schema patterns are ECMA-262 regular expressions, compiled with the `u` flag so `\p{L}` works. Many
 * specs are written for the looser Annex B grammar (what a regex without `u` accepts): escaped punctuation
 * (`\-`, `\_`, `\:`, `\"`, `\ `), lone braces used as literals (`{[0-9a-f]{4}}`), octal escapes
 * (`[\000-\037]`) and a dash beside a class escape in a class (`[\w-.]`: a literal dash). Every regex
 * dialect reads those the same way, so they are rewritten into the `u` form of the same language, and so
 * are other dialects' escapes whose meaning those dialects share (foreign-escapes.ts). What they disagree
 * on is left alone for the check stage to report: an escaped letter no dialect gives one meaning (`\i`),
 * a lone `]` (most often a typo for `[`).
 */
import { compilesUnicode, foreignEscape, foreignProperty } from "./foreign-escapes.js";

/** Escapes the `u` grammar accepts as they are (syntax characters and `/`). */
const SYNTAX = new Set("^$\\.*+?()[]{}|/");
/** A `{` that opens a quantifier, at the start of the text. */
const QUANTIFIER = /^\{\d+(,\d*)?\}/;
/** An Annex B octal escape's digits: at most \377. */
const OCTAL = /^(?:[0-3][0-7]{0,2}|[4-7][0-7]?)/;
/** Class escapes, which cannot end a range: a dash beside one is a literal dash. */
const CLASS_ESCAPE = /^\\[dDwWsS]/;

/** The pattern in a form the `u` flag accepts with the meaning it has without it, or as it was. */
export function unicodePattern(pattern: string): string {
  if (compilesUnicode(pattern) || !compilesNonUnicode(pattern)) return pattern;
  const rewritten = rewriteAnnexB(pattern);
  return compilesUnicode(rewritten) ? rewritten : pattern;
}

function rewriteAnnexB(pattern: string): string {
  let out = "";
  let inClass = false;
  let afterClassEscape = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const dashIsLiteral = afterClassEscape || CLASS_ESCAPE.test(pattern.slice(i + 1));
    afterClassEscape = false;
    if (c === "\\") {
      const rest = pattern.slice(i + 1);
      if (rest === "") return pattern;
      const escape = rewriteEscape(rest, inClass);
      out += escape.text;
      i += escape.length;
      afterClassEscape = CLASS_ESCAPE.test(c + rest);
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c === "-" && dashIsLiteral ? "\\-" : c;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "{") {
      const quantifier = QUANTIFIER.exec(pattern.slice(i))?.[0];
      out += quantifier ?? "\\{";
      if (quantifier) i += quantifier.length - 1;
    } else out += c === "}" ? "\\}" : c;
  }
  return out;
}

/**
 * The escape after a `\` (`rest` starts after it) and how many characters of `rest` it took. `\` +
 * punctuation is that punctuation in every dialect; `\-` stays escaped inside a class only.
 */
function rewriteEscape(rest: string, inClass: boolean): { text: string; length: number } {
  const property = /^([pP])\{(\w+)\}/.exec(rest);
  if (property) {
    const original = property[0];
    const text = compilesUnicode(inClass ? `[\\${original}]` : `\\${original}`) ? `\\${original}` : foreignProperty(property[2]!, property[1] === "P", inClass);
    return { text: text ?? `\\${original}`, length: original.length };
  }
  const octal = octalAt(rest, inClass);
  if (octal) return { text: `\\x${parseInt(octal, 8).toString(16).padStart(2, "0")}`, length: octal.length };
  const foreign = foreignEscape(rest, inClass);
  if (foreign) return foreign;
  const char = rest[0]!;
  const keep = SYNTAX.has(char) || /[\p{L}\p{N}]/u.test(char) || (char === "-" && inClass);
  return { text: keep ? `\\${char}` : char, length: 1 };
}

/** Octal escapes: in a class (`[\000-\037]`), or `\0` followed by digits; `\1` outside one may be a back-reference. */
function octalAt(rest: string, inClass: boolean): string | undefined {
  if (!inClass && !/^0[0-7]/.test(rest)) return undefined;
  const digits = OCTAL.exec(rest)?.[0];
  return digits && !(digits === "0" && !/^0\d/.test(rest)) ? digits : undefined;
}

function compilesNonUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
