/**
 * The IDNA2008 pieces of the format checkers (templates/validators/idna.ts) on their own: Punycode
 * against RFC 3492 §7.1's samples, and the Virama test against the code points of Canonical_Combining_Class
 * 9. The rules a label must keep are in formats.test.ts (idn-hostname, hostname, idn-email tables).
 */
import { describe, expect, it } from "vitest";
import { isVirama, punycodeDecode, punycodeEncode } from "../../templates/validators/idna.js";

/** RFC 3492 §7.1 sample strings: given code points, want the Punycode (digits in lower case). */
const SAMPLES: ReadonlyArray<readonly [name: string, text: string, punycode: string]> = [
  ["(A) Arabic (Egyptian)", "\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f", "egbpdaj6bu4bxfgehfvwxn"],
  ["(B) Chinese (simplified)", "\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587", "ihqwcrb4cv8a8dqg056pqjye"],
  ["(I) Russian (Cyrillic)", "\u043f\u043e\u0447\u0435\u043c\u0443\u0436\u0435\u043e\u043d\u0438\u043d\u0435\u0433\u043e\u0432\u043e\u0440\u044f\u0442\u043f\u043e\u0440\u0443\u0441\u0441\u043a\u0438", "b1abfaaepdrnnbgefbadotcwatmq2g4l"],
  ["(L) 3<nen>B<gumi><kinpachi><sensei>", "3\u5e74B\u7d44\u91d1\u516b\u5148\u751f", "3B-ww4c5e180e575a65lsy2b"],
  ["(O) <hitotsu><yane><no><shita>2", "\u3072\u3068\u3064\u5c4b\u6839\u306e\u4e0b2", "2-u9tlzr9756bt3uc0v"],
  ["(S) -> $1.00 <-", "-> $1.00 <-", "-> $1.00 <--"],
];

const codePoints = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!);

describe("Punycode (RFC 3492)", () => {
  it.each(SAMPLES)("%s encodes and decodes", (_name, text, punycode) => {
    expect(punycodeEncode(codePoints(text))).toBe(punycode);
    expect(punycodeDecode(punycode, 0, punycode.length)).toEqual(codePoints(text));
  });

  it("decodes upper-case digits as lower-case ones, and keeps the case of basic code points", () => {
    expect(punycodeDecode("IHQWCRB4CV8A8DQG056PQJYE", 0, 24)).toEqual(codePoints(SAMPLES[1]![1]));
    expect(punycodeDecode("3B-ww4c5e180e575a65lsy2b", 0, 24)).toEqual(codePoints(SAMPLES[3]![1]));
  });

  it("reads only its range of the string", () => {
    const s = "xn--mnchen-3ya.de";
    expect(punycodeDecode(s, 4, 14)).toEqual(codePoints("münchen"));
  });

  it.each([
    ["9999999999", "overflow of the delta (RFC 3492 §6.4)"],
    ["zzzzzzzzzzzzzzzzzzzzzzzzzzz9", "overflow"],
    ["a9", "an unfinished variable-length integer"],
    ["ab!", "a non-digit"],
    ["-9uc", "a leading delimiter with nothing before it is read as a digit"],
    ["", "nothing to decode is fine: the empty string"],
  ])("%s: %s", (given, why) => {
    const want = why.startsWith("nothing") ? [] : undefined;
    expect(punycodeDecode(given, 0, given.length)).toEqual(want);
  });

  it("rejects what decodes to a basic code point or past U+10FFFF", () => {
    // "a" alone decodes to U+0080; a delta that lands below U+0080 cannot be written, but one past U+10FFFF can
    expect(punycodeDecode("a", 0, 1)).toEqual([0x80]);
    expect(punycodeDecode("99999ec", 0, 7)).toBeUndefined();
  });

  it("round-trips random labels", () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const pool = [0x61, 0x7a, 0x30, 0x2d, 0xe9, 0x3b1, 0x5d0, 0x4e2d, 0xac00, 0x1f600, 0x10fffd];
    for (let k = 0; k < 500; k++) {
      const points = Array.from({ length: 1 + next(20) }, () => pool[next(pool.length)]! + next(3));
      const encoded = punycodeEncode(points);
      expect(punycodeDecode(encoded, 0, encoded.length), encoded).toEqual(points);
    }
  });

  it("decodes one way only: whatever decodes is what its code points encode to, but for the case of letters", () => {
    // the A-label check leans on this instead of encoding the label again (idna.ts, decodeInto)
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const digits = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let decoded = 0;
    for (let k = 0; k < 50_000; k++) {
      let s = next(3) === 0 ? "ab-" : "";
      for (let j = 1 + next(12); j > 0; j--) s += digits[next(digits.length)];
      const points = punycodeDecode(s, 0, s.length);
      if (!points) continue;
      decoded++;
      expect(punycodeEncode(points), s).toBe(s.toLowerCase());
    }
    expect(decoded).toBeGreaterThan(20_000);
  });
});

describe("isVirama (Canonical_Combining_Class 9, from canonical ordering)", () => {
  // UnicodeData.txt of Unicode 15: every code point of class 9 (the engine may know a few more)
  const VIRAMAS = [
    0x094d, 0x09cd, 0x0a4d, 0x0acd, 0x0b4d, 0x0bcd, 0x0c4d, 0x0ccd, 0x0d3b, 0x0d3c, 0x0d4d, 0x0dca, 0x0e3a, 0x0eba, 0x0f84, 0x1039,
    0x103a, 0x1714, 0x1715, 0x1734, 0x17d2, 0x1a60, 0x1b44, 0x1baa, 0x1bab, 0x1bf2, 0x1bf3, 0x2d7f, 0xa806, 0xa82c, 0xa8c4, 0xa953,
    0xa9c0, 0xaaf6, 0xabed, 0x10a3f, 0x11046, 0x11070, 0x1107f, 0x110b9, 0x11133, 0x11134, 0x111c0, 0x11235, 0x112ea, 0x1134d,
    0x11442, 0x114c2, 0x115bf, 0x1163f, 0x116b6, 0x1172b, 0x11839, 0x1193d, 0x1193e, 0x119e0, 0x11a34, 0x11a47, 0x11a99, 0x11c3f,
    0x11d44, 0x11d45, 0x11d97, 0x11f41, 0x11f42,
  ];

  it.each(VIRAMAS.map((cp) => [cp.toString(16)]))("U+%s is a virama", (hex) => {
    expect(isVirama(String.fromCodePoint(parseInt(hex, 16)))).toBe(true);
  });

  it.each([
    ["0301", "a mark of class 230"],
    ["093c", "NUKTA, class 7"],
    ["3099", "class 8, the probe itself"],
    ["05b0", "class 10, the probe itself"],
    ["05b1", "class 11"],
    ["0915", "a letter, class 0"],
    ["0061", "ASCII"],
  ])("U+%s (%s) is not", (hex) => {
    expect(isVirama(String.fromCodePoint(parseInt(hex, 16)))).toBe(false);
  });
});

describe("the NFC shortcut (a label of code points that cannot compose is not normalized)", () => {
  it("never accepts a label that is not NFC: 20,000 pairs of letters, marks, jamo and precomposed characters", async () => {
    const { formats } = await import("../../templates/validators/formats.js");
    const idnHostname = formats["idn-hostname"]!;
    // letters, precomposed letters, combining marks, Hangul syllables and jamo (L, V, T), Devanagari with nukta and virama
    const pool: number[] = [];
    for (let cp = 0xa0; cp < 0x3000; cp += 7) pool.push(cp);
    for (let cp = 0x0300; cp < 0x0370; cp++) pool.push(cp);
    pool.push(0x1100, 0x1161, 0x11a8, 0xac00, 0xac01, 0xd7b0, 0x0915, 0x093c, 0x094d, 0x0958, 0x00e9, 0x0065, 0x0301, 0x1e9b, 0x0323, 0x3099, 0x304b, 0x304c);
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % pool.length);
    let accepted = 0;
    for (let k = 0; k < 20_000; k++) {
      const label = String.fromCodePoint(pool[next()]!, pool[next()]!, pool[next()]!);
      if (!idnHostname(`${label}.example`)) continue;
      accepted++;
      expect(label.normalize("NFC"), label).toBe(label);
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
