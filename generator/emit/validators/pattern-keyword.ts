/**
 * ajv's `pattern`, compiled from an equivalent source that V8 runs faster: a counted repetition of one
 * character (`[0-9a-f]{24}`, `\d{4}`) written out (`[0-9a-f][0-9a-f]...`). V8 runs `{24}` with a counter
 * register (~48 ns for 24 characters here), the written-out form as straight code (~23 ns); Okra's customer
 * holds 53 such patterns (Mongo ids, colours, phone numbers). The error is ajv's, naming the pattern as the
 * spec wrote it; `$data` and every pattern with nothing to write out are ajv's code.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Code from "ajv/dist/vocabularies/code.js";
import { compilesUnicode } from "../../normalize/foreign-escapes.js";

const require = createRequire(import.meta.url);

/** Longest count written out, and the longest source it may make: past them the counter is no cost worth the size. */
const MAX_COUNT = 32;
const MAX_SOURCE = 1024;

/** Escapes that stand for one character or class of characters under the "u" flag (`\d`, `\.`, `\t`, `\p{L}`...). */
const ONE_CHARACTER_ESCAPE = /^\\(?:[dDwWsStnrvf0]|[$^\\.*+?()[\]{}|/-]|c[A-Za-z]|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|[pP]\{[A-Za-z0-9_=]+\})/;
/** `\uXXXX` that is no surrogate: a surrogate escape may pair with the next one into a single code point. */
const BMP_ESCAPE = /^\\u(?![dD][89a-fA-F])[0-9A-Fa-f]{4}/;
const QUANTIFIER = /^\{(\d{1,4})(,(\d{0,4}))?\}/;

/**
 * The end of the atom that starts at `i`, when it matches exactly one code point (a literal, `.`, a
 * one-character escape, a class); -1 for anything else (a group, a backreference, an assertion, syntax).
 */
function characterAtomEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 92) {
    const m = ONE_CHARACTER_ESCAPE.exec(s.slice(i, i + 64)) ?? BMP_ESCAPE.exec(s.slice(i, i + 6));
    return m ? i + m[0].length : -1;
  }
  if (c === 91) {
    for (let k = i + 1; k < s.length; k++) {
      if (s[k] === "\\") k++;
      else if (s[k] === "]") return k + 1;
    }
    return -1;
  }
  if (c >= 0xd800 && c <= 0xdbff) return s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff ? i + 2 : -1;
  if (c >= 0xdc00 && c <= 0xdfff) return -1;
  return "^$|()*+?{}]".includes(s[i]!) ? -1 : i + 1;
}

/** The length of the escape at `i` that is no one-character atom: `\k<name>`, `\12`, a surrogate pair of `\u`s, `\b`. */
function escapeLength(s: string, i: number): number {
  const m = /^\\(?:k<[^>]*>|[1-9]\d*|u[dD][89abAB][0-9A-Fa-f]{2}\\u[dD][c-fC-F][0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/.exec(s.slice(i, i + 64));
  return m ? m[0].length : 2;
}

/**
 * `pattern` with each counted repetition of a one-character atom written out: `a{3}` as `aaa`, `a{2,}` as
 * `aaa*`, `a{2,5}` as `aaa{0,3}`: the same language, so the same verdicts (a group, whose captures a
 * backreference may read, is left as it is). Undefined when nothing changes or the pattern is no regular
 * expression under the "u" flag (ajv reports that one).
 */
export function writtenOutPattern(pattern: string): string | undefined {
  if (!pattern.includes("{") || !compilesUnicode(pattern)) return undefined;
  let out = "";
  let changed = false;
  let i = 0;
  while (i < pattern.length) {
    const end = characterAtomEnd(pattern, i);
    if (end < 0) {
      // not a one-character atom: copied, a whole escape at once (a count after it stays where it is)
      const skip = pattern[i] === "\\" ? escapeLength(pattern, i) : 1;
      out += pattern.slice(i, i + skip);
      i += skip;
      continue;
    }
    const atom = pattern.slice(i, end);
    const q = QUANTIFIER.exec(pattern.slice(end, end + 12));
    const lazy = q !== null && pattern[end + q[0].length] === "?";
    if (q === null || lazy) {
      out += atom;
      i = end;
      continue;
    }
    const min = Number(q[1]);
    const max = q[2] === undefined ? min : q[3] === "" ? Infinity : Number(q[3]);
    if (min > MAX_COUNT || min === 0) {
      out += atom + q[0];
    } else {
      out += atom.repeat(min) + (max === Infinity ? `${atom}*` : max > min ? `${atom}{0,${max - min}}` : "");
      changed = true;
    }
    i = end + q[0].length;
  }
  return changed && out.length <= MAX_SOURCE ? out : undefined;
}

export function useWrittenOutPatterns(ajv: {
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
      const source = cxt.$data || typeof cxt.schema !== "string" ? undefined : writtenOutPattern(cxt.schema);
      if (source === undefined) return def.code(cxt, undefined as never);
      cxt.fail$data(_`!${usePattern(cxt, source)}.test(${cxt.data})`);
    },
  });
}
