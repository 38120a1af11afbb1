/** Patterns written for the Annex B grammar (no `u` flag), rewritten for `u` with the same meaning; given/want. */
import { describe, expect, it } from "vitest";
import { unicodePattern } from "../../generator/normalize/unicode-pattern.js";

describe("unicodePattern", () => {
  it.each([
    ["escaped punctuation", "^[a-zA-Z0-9\\-\\_]{2,50}$", "^[a-zA-Z0-9\\-_]{2,50}$", ["ab-_"], ["a", "a b"]],
    ["escaped dash outside a class", "^\\d{4}\\-\\d{2}$", "^\\d{4}-\\d{2}$", ["2024-01"], ["2024_01"]],
    ["escaped quote, colon and space", 'rel=\\"x\\"\\:\\ ', 'rel="x": ', ['rel="x": '], ["rel=x: "]],
    ["lone braces", "^{[0-9a-f]{4}}$", "^\\{[0-9a-f]{4}\\}$", ["{beef}"], ["beef"]],
    ["a lone closing brace", "x}", "x\\}", ["x}"], ["x"]],
    ["octal escapes in a class", "[^/:|\\000-\\037]+", "[^/:|\\x00-\\x1f]+", ["abc"], ["\u0001", "a:b"]],
    ["\\0 followed by octal digits", "^a\\012$", "^a\\x0a$", ["a\n"], ["a0"]],
    ["a dash beside a class escape", "^[\\w-.+]+@[a-z\\d-_]+$", "^[\\w\\-.+]+@[a-z\\d\\-_]+$", ["a-b.c@x-_1"], ["a@b.c", "a b@x"]],
    ["a range after an escaped backslash", "^[\\\\w-z-]+\\:$", "^[\\\\w-z-]+:$", ["\\x:"], ["a:"]],
    ["syntax characters stay escaped", "^\\$\\.\\/\\{x\\}\\-$", "^\\$\\.\\/\\{x\\}-$", ["$./{x}-"], ["$a/{x}-"]],
  ])("%s", (_name, given, want, match, noMatch) => {
    expect(unicodePattern(given)).toBe(want);
    for (const s of [...match, ...noMatch]) expect(new RegExp(want, "u").test(s)).toBe(new RegExp(given).test(s));
    for (const s of match) expect(new RegExp(want, "u").test(s)).toBe(true);
  });

  it.each([
    ["a POSIX class (Java, ASCII)", "^\\p{Print}+$", "^[ -~]+$", ["a b~"], ["\n", "é"]],
    ["POSIX classes inside a class", "^[\\p{Alnum}\\p{Punct}_]+$", "^[a-zA-Z0-9!-\\/:-@\\[-`{-~_]+$", ["a1!_{"], ["a b", "é"]],
    ["a negated POSIX class", "^\\P{Cntrl}+$", "^[^\\x00-\\x1f\\x7f]+$", ["ab"], ["a\tb"]],
    ["a POSIX name ECMA-262 knows keeps its meaning", "^\\p{Upper}\\p{XDigit}$", "^\\p{Upper}[0-9a-fA-F]$", ["Éf"], ["ef"]],
    ["Java's Is prefix", "^\\p{IsLetter}\\p{IsDigit}$", "^\\p{Letter}\\p{Nd}$", ["é1"], ["_1"]],
    ["a script without Script=", "^[\\p{Han}\\p{Hiragana}-]+$", "^[\\p{Script=Han}\\p{Script=Hiragana}-]+$", ["漢ひ-"], ["a"]],
    ["\\A and \\z anchors, \\x{...}", "\\A[a-z]\\x{60}\\z", "^[a-z]\\u{60}$", ["a`"], ["a`b", "xa`"]],
  ])("reads another dialect's %s", (_name, given, want, match, noMatch) => {
    expect(unicodePattern(given)).toBe(want);
    for (const s of match) expect(new RegExp(want, "u").test(s)).toBe(true);
    for (const s of noMatch) expect(new RegExp(want, "u").test(s)).toBe(false);
  });

  it.each([
    ["valid with u already", "^\\p{L}+$"],
    ["a quantifier", "^a{2,3}$"],
    ["a Java class intersection", "[\\p{Print}&&[^|:/]]+"],
    ["a negated POSIX class inside a class", "[\\P{Print}x]\\-"],
    ["an escaped letter no dialect agrees on", "^\\i\\-$"],
    ["a lone ] (most often a typo for [)", "{0-9]{1,15}"],
    ["invalid without u too", "^(unclosed"],
  ])("leaves alone: %s", (_name, given) => expect(unicodePattern(given)).toBe(given));
});
