/**
 * Escapes of the regex dialects specs are often written in (Java, PCRE, Ruby; AWS models use Java's) that
 * ECMA-262 lacks, where those dialects agree on the meaning: POSIX classes (`\p{Print}`, ASCII only, as Java
 * reads them), `\p{IsLetter}`, scripts without `Script=` (`\p{Han}`), `\x{60}`, and the string anchors `\A`
 * and `\z` (a pattern is tested against the whole string, so they are `^` and `$`).
 */
import { own } from "../openapi/own.js";

/**
 * Java's POSIX classes (java.util.regex.Pattern, US-ASCII), as the inside of an ECMA-262 class; those whose
 * name ECMA-262 also knows (`Lower`, `Upper`, `Alpha`, `ASCII`) keep the ECMA-262 meaning.
 */
const POSIX: Record<string, string> = {
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1f\\x7f",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0b\\f\\r",
};

/** Java's `\p{IsX}` names that ECMA-262 spells otherwise. */
const JAVA_PROPERTIES: Record<string, string> = {
  Digit: "Nd",
  WhiteSpace: "White_Space",
};

/** `\p{name}` / `\P{name}` in the `u` grammar, or undefined when no dialect reading is shared. */
export function foreignProperty(name: string, negated: boolean, inClass: boolean): string | undefined {
  // a spec's name may be one of Object's own (`\p{constructor}`): own properties only
  const posix = own(POSIX, name);
  if (posix !== undefined) {
    if (!inClass) return `[${negated ? "^" : ""}${posix}]`;
    return negated ? undefined : posix;
  }
  const bare = name.replace(/^Is/, "");
  const p = negated ? "P" : "p";
  return [`\\${p}{${own(JAVA_PROPERTIES, bare) ?? bare}}`, `\\${p}{Script=${bare}}`].find((e) => compilesUnicode(inClass ? `[${e}]` : e));
}

/** `\x{hex}` (a code point), `\A` and `\z` outside a class; undefined for any other escape. */
export function foreignEscape(rest: string, inClass: boolean): { text: string; length: number } | undefined {
  const hex = /^x\{([0-9a-fA-F]{1,6})\}/.exec(rest);
  if (hex) return { text: `\\u{${hex[1]}}`, length: hex[0].length };
  if (inClass) return undefined;
  if (rest.startsWith("A")) return { text: "^", length: 1 };
  if (rest.startsWith("z")) return { text: "$", length: 1 };
  return undefined;
}

export function compilesUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}
