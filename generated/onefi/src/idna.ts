/**
 * IDNA2008 for the `hostname` (its `xn--` labels), `idn-hostname` and `idn-email` formats, copied
 * verbatim beside formats.ts into every generated package that validates. No imports, no Node or DOM
 * APIs. Instead of shipping Unicode tables, the derived property of a code point (RFC 5892 §3) is computed
 * from JavaScript's Unicode property escapes, `normalize` and case mapping, so it follows the Unicode
 * version of the engine the package runs on (as RFC 5892 intends: the property is derived, not listed).
 *
 * - RFC 3492 Punycode: A-labels are decoded (invalid digits, overflow and a label of basic code points alone fail).
 * - RFC 5891 §5.4 / RFC 5892: a U-label is NFC, has no "--" in positions 3-4 and no hyphen at either end,
 *   does not begin with a combining mark, and holds only PVALID code points, or CONTEXTJ / CONTEXTO ones
 *   whose Appendix A rule holds.
 * - RFC 5893 §2 Bidi rule, on names with a right-to-left label.
 *
 * Approximations (no Unicode tables beyond a few short lists; each said where it is made): Bidi_Class
 * (`bidiClass`), Joining_Type (`joiningType`), and case folding (`unstable`). On Node 20 (Unicode 17) the
 * derived property agrees with the IDNA2008 tables of Unicode 17 on every code point, and Joining_Type with
 * ArabicShaping.txt on every code point a label may hold (checked against Python's `idna` 3.13 package).
 */

/** RFC 3492 §5 parameters of Punycode for IDNA. */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff; // RFC 3492 §6.4: overflow is checked against 32-bit integers

/** RFC 3492 §6.1 bias adaptation. Every value here stays below 2^31 (labels are short), so `| 0` is floor. */
function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? (delta / DAMP) | 0 : delta >> 1;
  delta += (delta / points) | 0;
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = (delta / (BASE - T_MIN)) | 0;
    k += BASE;
  }
  return k + ((((BASE - T_MIN + 1) * delta) / (delta + SKEW)) | 0);
}

/** The value of a Punycode digit (a-z 0-25, A-Z too, 0-9 26-35), or -1. */
function digitValue(c: number): number {
  return c < 128 ? DIGIT_VALUES[c]! : -1;
}

/** Punycode digit values by character code, -1 for what is no digit: read faster than compared. */
const DIGIT_VALUES = /* @__PURE__ */ digitValues();

function digitValues(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let d = 0; d < 26; d++) table[97 + d] = table[65 + d] = d;
  for (let d = 0; d < 10; d++) table[48 + d] = 26 + d;
  return table;
}

/**
 * RFC 3492 §6.2: the code points `s[start, end)` (an A-label without its `xn--`) encode, or undefined where
 * they are not Punycode (a non-basic or non-digit character, overflow, a decoded basic code point).
 */
export function punycodeDecode(s: string, start: number, end: number): number[] | undefined {
  const out = new Int32Array(end - start);
  const n = decodeInto(s, start, end, out);
  return n < 0 ? undefined : Array.from(out.subarray(0, n));
}

/**
 * `punycodeDecode` into `out` (at least `end - start` long: every code point takes a character): the
 * number of code points, or -1.
 *
 * What decodes is what its code points encode to, but for the case of letters: a delta's digits are
 * written one way only (each length of the variable-length integer covers its own range), the decoder's
 * code point only grows and a delta moves it right of the last one inserted, so code points cannot come in
 * another order than the encoder's. An A-label is canonical (RFC 5891 §5.4) without encoding it again
 * (idna.test.ts checks this on random strings).
 */
function decodeInto(s: string, start: number, end: number, out: Int32Array): number {
  let count = 0;
  // the last "-" after `start` (lastIndexOf is a slow builtin: it was half of the time here)
  let delimiter = end - 1;
  while (delimiter > start && s.charCodeAt(delimiter) !== 45) delimiter--;
  let i = start;
  if (delimiter > start) {
    // the basic code points before the last delimiter (the caller checked they are LDH), then the delimiter
    for (; i < delimiter; i++) out[count++] = s.charCodeAt(i);
    i++;
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let index = 0;
  while (i < end) {
    const old = index;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (i >= end) return -1;
      const digit = digitValue(s.charCodeAt(i++));
      if (digit < 0) return -1;
      // RFC 3492 §6.4's overflow checks without its divisions: index and w stay at most MAX_INT, so
      // digit * w and w * 35 are exact in a double, and comparing after the step is the same test
      index += digit * w;
      if (index > MAX_INT) return -1;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > MAX_INT) return -1;
    }
    const points = count + 1;
    bias = adapt(index - old, points, old === 0);
    const step = (index / points) | 0; // index <= MAX_INT: | 0 is floor
    if (step > MAX_INT - n) return -1;
    n += step;
    index -= step * points;
    // §6.2 "if n is a basic code point then fail"; beyond U+10FFFF is no code point at all
    if (n < INITIAL_N || n > 0x10ffff) return -1;
    for (let k = count; k > index; k--) out[k] = out[k - 1]!; // labels are short: cheaper than copyWithin
    out[index] = n;
    count++;
    index++;
  }
  return count;
}

/**
 * RFC 3492 §6.3: the Punycode of `points` (without `xn--`), as digit values one by one to `emit` (0-25
 * a-z, 26-35 0-9; a basic code point or the delimiter as -1 - its code), which may stop the encoding by
 * returning false. Labels are short: no overflow.
 */
function encode(points: readonly number[], emit: (digit: number) => boolean): boolean {
  let basic = 0;
  for (const c of points) if (c < INITIAL_N && !emit(-1 - c)) return false;
  for (const c of points) if (c < INITIAL_N) basic++;
  let handled = basic;
  if (basic > 0 && !emit(-1 - 45)) return false;
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    let m = 0x110000;
    for (const c of points) if (c >= n && c < m) m = c;
    if (m === 0x110000) return false; // not code points
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of points) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        if (!emit(t + ((q - t) % (BASE - t)))) return false;
        q = ((q - t) / (BASE - t)) | 0;
      }
      if (!emit(q)) return false;
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return true;
}

/** RFC 3492 §6.3: the Punycode of `points` (without `xn--`), lower case. */
export function punycodeEncode(points: readonly number[]): string {
  let out = "";
  encode(points, (d) => ((out += d < 0 ? String.fromCharCode(-1 - d) : digitChar(d)), true));
  return out;
}

function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

// ---------------------------------------------------------------------------------------------------
// RFC 5892 §3: the derived property of a code point, from Unicode properties.

/** §2.6 Exceptions: F. */
const EXCEPTION_PVALID = [0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007];
const EXCEPTION_DISALLOWED = [0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b];
/** CONTEXTO (Appendix A.3-A.9); the digits U+0660-0669 and U+06F0-06F9 are tested by range. */
const EXCEPTION_CONTEXTO = [0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb];

const UNASSIGNED = /^\p{Cn}$/u; // §2.10 (noncharacters are Cn too; §2.3 disallows them all the same)
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}]$/u; // §2.3 IgnorableProperties
const LETTER_DIGITS = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u; // §2.1
const MARK = /^\p{M}$/u;
const CHEROKEE = /^\p{Script=Cherokee}$/u;

const PVALID = 1;
const CONTEXTJ = 2;
const CONTEXTO = 3;
const DISALLOWED = 0; // and UNASSIGNED: neither may appear in a label

/** RFC 5892 §3's algorithm, for one code point (`c` is it as a string). */
function derivedProperty(cp: number, c: string): number {
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || cp === 45 ? PVALID : DISALLOWED; // §2.5 LDH
  if (EXCEPTION_PVALID.indexOf(cp) >= 0) return PVALID;
  if (EXCEPTION_DISALLOWED.indexOf(cp) >= 0) return DISALLOWED;
  if (EXCEPTION_CONTEXTO.indexOf(cp) >= 0 || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9)) return CONTEXTO;
  // §2.7 BackwardCompatible is empty
  if (UNASSIGNED.test(c)) return DISALLOWED;
  if (cp === 0x200c || cp === 0x200d) return CONTEXTJ; // §2.8 JoinControl
  if (unstable(c)) return DISALLOWED; // §2.2
  if (IGNORABLE.test(c)) return DISALLOWED;
  // §2.4 IgnorableBlocks: Combining Diacritical Marks for Symbols, Musical Symbols, Ancient Greek Musical Notation
  if ((cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0x1d100 && cp <= 0x1d24f)) return DISALLOWED;
  // §2.9 OldHangulJamo: Hangul_Syllable_Type L, V, T (the blocks, whose unassigned points were caught above)
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return DISALLOWED;
  return LETTER_DIGITS.test(c) ? PVALID : DISALLOWED;
}

/**
 * §2.2 Unstable: cp !== NFKC(toCaseFold(NFKC(cp))). JavaScript has no case folding; `toLowerCase` alone
 * would miss the folds that are not lower-case mappings (U+0345 and the Greek letters with
 * ypogegrammeni, which fold to a separate iota; µ, ſ, ϐ, ẛ, U+1C80-1C88), which the IANA tables disallow.
 * Lower-casing the upper case gives all of those (and full folds like ß -> ss); it differs from
 * toCaseFold only for the dotless ı (whose upper case is I; ı folds to itself) and Cherokee, which
 * folds to its upper case letters (U+13A0-13F5 stay, the small letters are unstable).
 */
function unstable(c: string): boolean {
  const k = c.normalize("NFKC");
  if (c === "\u0131") return false;
  const folded = CHEROKEE.test(c) ? k.toUpperCase() : k.toUpperCase().toLowerCase();
  return folded.normalize("NFKC") !== c;
}

/**
 * Canonical_Combining_Class(cp) = Virama (9), read from canonical ordering instead of a table: NFD puts
 * U+3099 (class 8) before a mark of a higher class and a mark of a lower non-zero class before U+05B0
 * (class 10), so a mark that moves in both cases is of class 9.
 */
export function isVirama(c: string): boolean {
  if (c === "\u05b0" || c === "\u3099") return false; // equal classes do not move
  return ("\u05b0" + c).normalize("NFD") === c + "\u05b0" && (c + "\u3099").normalize("NFD") === "\u3099" + c;
}

const JOINING = /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Mandaic}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Sogdian}\p{Script=Old_Uyghur}\p{Script=Phags_Pa}\p{Script=Chorasmian}]$/u;
const LETTER = /^\p{L}$/u;
const TRANSPARENT = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Right-joining letters (Joining_Type R, ArabicShaping.txt of Unicode 17) of Arabic, Syriac, Mandaic, Manichaean, Psalter Pahlavi, Hanifi Rohingya, Sogdian, Old Uyghur, Chorasmian. */
const RIGHT_JOINING =
  /^[\u0622-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef\u0710\u0715-\u0719\u071e\u0728\u072a\u072c\u072f\u074d\u0759-\u075b\u076b\u076c\u0771\u0773\u0774\u0778\u0779\u0840\u0846\u0847\u0849\u0854\u0856-\u0858\u0867\u0869\u086a\u0870-\u0882\u088e\u08aa-\u08ac\u08ae\u08b1\u08b2\u08b9\u{10ac5}\u{10ac7}\u{10ac9}\u{10aca}\u{10ace}-\u{10ad2}\u{10add}\u{10ae1}\u{10ae4}\u{10b81}\u{10b83}-\u{10b85}\u{10b89}\u{10b8c}\u{10b8e}\u{10b8f}\u{10b91}\u{10d22}\u{10ec2}\u{10f33}\u{10f74}\u{10f75}\u{10fb4}-\u{10fb6}\u{10fb9}\u{10fba}\u{10fbd}\u{10fc2}\u{10fc3}]$/u;
/** Letters of joining scripts that do not join (Joining_Type U), same source. */
const NON_JOINING =
  /^[\u0621\u0674\u06e5\u06e6\u07f4\u07f5\u0861\u0866\u0887\u08ad\u08c9\u1880-\u1884\ua873\ufe73\u{10ac6}\u{10acb}\u{10acc}\u{10ae2}\u{10ae3}\u{10ec5}\u{10f45}\u{10fb1}\u{10fb7}\u{10fc0}]$/u;

/**
 * Joining_Type, approximated: T for marks and format characters (and U+1E94B, a modifier letter), R
 * and U for the letters listed above, D for every other letter of a joining script (L, left-joining, is
 * read as D: the ZWNJ rule treats them alike on the left; C, join-causing, is only in DISALLOWED code
 * points), U otherwise. Over the code points a label may hold, this agrees with ArabicShaping.txt of Unicode 17.
 */
function joiningType(c: string): "T" | "R" | "D" | "U" {
  if (c === "\u200c" || c === "\u200d") return "U";
  if (TRANSPARENT.test(c) || c === "\u{1e94b}") return "T";
  if (RIGHT_JOINING.test(c)) return "R";
  if (NON_JOINING.test(c)) return "U";
  return JOINING.test(c) && LETTER.test(c) ? "D" : "U";
}

/** Appendix A.1 ZERO WIDTH NON-JOINER at `i`: after a Virama, or (L|D) T* ZWNJ T* (R|D). */
function zwnjAllowed(label: readonly string[], i: number): boolean {
  if (i > 0 && isVirama(label[i - 1]!)) return true;
  let b = i - 1;
  while (b >= 0 && joiningType(label[b]!) === "T") b--;
  if (b < 0 || joiningType(label[b]!) !== "D") return false;
  let a = i + 1;
  while (a < label.length && joiningType(label[a]!) === "T") a++;
  if (a >= label.length) return false;
  const after = joiningType(label[a]!);
  return after === "R" || after === "D";
}

const GREEK = /^\p{Script=Greek}$/u;
const HEBREW = /^\p{Script=Hebrew}$/u;
const KANA_HAN = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u;

/** Appendix A.3-A.9, for the CONTEXTO code point at `i`. */
function contextoAllowed(label: readonly string[], points: readonly number[], i: number): boolean {
  const cp = points[i]!;
  switch (cp) {
    case 0x00b7: // A.3 MIDDLE DOT: between two "l"
      return points[i - 1] === 0x6c && points[i + 1] === 0x6c;
    case 0x0375: // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): before a Greek character
      return i + 1 < label.length && GREEK.test(label[i + 1]!);
    case 0x05f3: // A.5, A.6 HEBREW PUNCTUATION GERESH, GERSHAYIM: after a Hebrew character
    case 0x05f4:
      return i > 0 && HEBREW.test(label[i - 1]!);
    case 0x30fb: // A.7 KATAKANA MIDDLE DOT: somewhere in the label, Hiragana, Katakana or Han
      return label.some((c) => KANA_HAN.test(c));
  }
  // A.8, A.9: Arabic-Indic and Extended Arabic-Indic digits not mixed
  const extended = cp >= 0x06f0;
  return !points.some((p) => (extended ? p >= 0x0660 && p <= 0x0669 : p >= 0x06f0 && p <= 0x06f9));
}

// ---------------------------------------------------------------------------------------------------
// RFC 5893 §2: the Bidi rule.

const RTL = 1;
const L = 2;
const EN = 3;
const AN = 4;
const NSM = 5;
const OTHER_NEUTRAL = 6; // ES, CS, ET, ON, BN: allowed inside a label of either direction

/**
 * Bidi_Class, approximated for the code points a label may hold: R and AL (not told apart: the rule
 * treats them alike) are the code points of the right-to-left blocks (U+0590-08FF, U+FB1D-FDFF,
 * U+FE70-FEFF, U+10800-10FFF, U+1E800-1EFFF) but their marks, digits and number signs; AN the
 * Arabic-Indic digits, number signs, Hanifi Rohingya digits and Rumi numerals; EN the ASCII and
 * Extended Arabic-Indic digits; NSM the non-spacing and enclosing marks; "-", MIDDLE DOT, KERAIA,
 * KATAKANA MIDDLE DOT, the joiners and a few modifier letters neutral; every other code point L. Over the
 * code points a label may hold this agrees with UnicodeData.txt but for a handful of marks whose class is L
 * (U+0CBF, U+0CC6, U+11A07, U+11A08, U+11C3F: read as NSM).
 */
function bidiClass(cp: number, c: string): number {
  if ((cp >= 48 && cp <= 57) || (cp >= 0x06f0 && cp <= 0x06f9)) return EN;
  if (
    (cp >= 0x0600 && cp <= 0x0605) ||
    (cp >= 0x0660 && cp <= 0x0669) ||
    cp === 0x066b ||
    cp === 0x066c ||
    cp === 0x06dd ||
    cp === 0x0890 ||
    cp === 0x0891 ||
    cp === 0x08e2 ||
    (cp >= 0x10d30 && cp <= 0x10d39) ||
    (cp >= 0x10e60 && cp <= 0x10e7e)
  )
    return AN;
  if (cp === 45 || cp === 0x00b7 || cp === 0x0375 || cp === 0x30fb || cp === 0x200c || cp === 0x200d || ON_LETTER.test(c)) return OTHER_NEUTRAL;
  if (cp >= 0x0300 && TRANSPARENT.test(c) && !(cp >= 0x0600 && cp <= 0x0605)) return NSM;
  if (
    (cp >= 0x0590 && cp <= 0x08ff) ||
    (cp >= 0xfb1d && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff) ||
    (cp >= 0x10800 && cp <= 0x10fff) ||
    (cp >= 0x1e800 && cp <= 0x1efff)
  )
    return RTL;
  return L;
}

/** Modifier letters of Bidi_Class ON (UnicodeData.txt): primes, tone letters, the vertical tilde and others. */
const ON_LETTER = /^[\u02b9\u02ba\u02c6-\u02cf\u02ec\u2e2f\ua67f\ua717-\ua71f\ua788]$/;

/**
 * What the Bidi rule needs of a label, in one number made as the label is read: the classes it holds
 * (bit `1 << class`), its first class (bits 8-10) and its last class that is not NSM (bits 12-14; the
 * first class where all are NSM). `bidiAdd` adds the class of the code point at `index`.
 */
function bidiAdd(summary: number, index: number, cls: number): number {
  if (index === 0) return (1 << cls) | (cls << 8) | (cls << 12);
  return cls === NSM ? summary | (1 << cls) : (summary & ~(7 << 12)) | (1 << cls) | (cls << 12);
}

function holds(summary: number, cls: number): boolean {
  return (summary & (1 << cls)) !== 0;
}

/** RFC 5893 §2: a label holding R, AL or AN (its summary) makes its name a Bidi domain name. */
export function isBidiLabel(summary: number): boolean {
  return holds(summary, RTL) || holds(summary, AN);
}

/** RFC 5893 §2 rules 1-6 for one label (its summary) of a Bidi domain name. */
function bidiRuleHolds(summary: number): boolean {
  const first = (summary >> 8) & 7;
  const end = (summary >> 12) & 7;
  if (first === RTL) {
    // rules 2-4: no L; ends with R, AL, EN or AN (and NSMs); not both EN and AN
    return !holds(summary, L) && end !== OTHER_NEUTRAL && !(holds(summary, EN) && holds(summary, AN));
  }
  // rule 1, then 5-6: starts with L; no R, AL or AN; ends with L or EN (and NSMs)
  return first === L && !holds(summary, RTL) && !holds(summary, AN) && (end === L || end === EN);
}

/** A name's labels, one by one: whether the Bidi rule holds over the name (RFC 5893 §2). */
class BidiName {
  private bidi = false;
  private kept = true;
  add(summary: number): void {
    this.bidi ||= isBidiLabel(summary);
    this.kept &&= bidiRuleHolds(summary);
  }
  valid(): boolean {
    return !this.bidi || this.kept;
  }
}

// ---------------------------------------------------------------------------------------------------
// Labels and names.

/** A label checked: its Bidi summary (`bidiAdd`), and the length of its ASCII form. */
interface Label {
  bidi: number;
  asciiLength: number;
}

/**
 * Per code point: the derived property (bits 0-1), the Bidi class (bits 2-4), a combining mark (bit 5), and
 * (bit 6) whether it keeps a label in NFC: NFC by itself, and no mark or Hangul vowel or trailing jamo, the
 * characters (NFC_Quick_Check Maybe) that compose with what precedes them. A label of only such code
 * points is NFC without normalizing it, which costs more than the rest of the check.
 */
const MARK_BIT = 32;
const NFC_INERT = 64;
const JAMO_VT = /^[\u1160-\u11ff\ud7b0-\ud7ff]$/;
/**
 * Code points whose `properties` are known, two per set of the same low 12 bits (Han spans five times
 * 4096 code points: with one per set, two characters of a name could push each other out on every read):
 * `(cp + 1) << 7 | properties`, 0 for none.
 */
const KNOWN = /* @__PURE__ */ new Int32Array(8192);

/**
 * What `uLabel` needs to know of a code point, computed once (a few regular expressions and three
 * normalizations: ~1 µs) and remembered (a typed array is read faster than a Map: 10% of the time of an
 * `xn--` host name). A third code point of a set replaces the one read longest ago.
 */
function properties(cp: number): number {
  const set = (cp & 4095) << 1;
  const key = cp + 1;
  const first = KNOWN[set]!;
  if (first >>> 7 === key) return first & 127;
  const second = KNOWN[set + 1]!;
  if (second >>> 7 === key) {
    KNOWN[set + 1] = first;
    KNOWN[set] = second;
    return second & 127;
  }
  const v = computeProperties(cp);
  KNOWN[set + 1] = first;
  KNOWN[set] = (key << 7) | v;
  return v;
}

function computeProperties(cp: number): number {
  const c = String.fromCodePoint(cp);
  const mark = MARK.test(c);
  return derivedProperty(cp, c) | (bidiClass(cp, c) << 2) | (mark ? MARK_BIT : 0) | (!mark && !JAMO_VT.test(c) && c.normalize("NFC") === c ? NFC_INERT : 0);
}

/** The first `n` code points as strings, for the contextual rules. */
function chars(points: ArrayLike<number>, n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCodePoint(points[i]!));
}

/**
 * RFC 5891 §5.4 validity of the U-label whose code points are the first `n` of `points` (RFC 5892 derived
 * properties and Appendix A rules, §4.2.3.1 hyphen rules, §5.4 NFC, §4.2.3.2 no leading combining mark):
 * its Bidi summary, or -1.
 */
function uLabel(points: ArrayLike<number>, n: number): number {
  if (n === 0 || points[0] === 45 || points[n - 1] === 45 || (n > 3 && points[2] === 45 && points[3] === 45)) return -1;
  let bidi = 0;
  let inert = true;
  for (let i = 0; i < n; i++) {
    const cp = points[i]!;
    if (cp < 0x80) {
      // LDH, as derivedProperty has it, without the table
      if (!((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || cp === 45)) return -1;
      bidi = bidiAdd(bidi, i, cp === 45 ? OTHER_NEUTRAL : cp <= 57 ? EN : L);
      continue;
    }
    const v = properties(cp);
    if (i === 0 && (v & MARK_BIT) !== 0) return -1;
    if ((v & NFC_INERT) === 0) inert = false;
    bidi = bidiAdd(bidi, i, (v >> 2) & 7);
    const property = v & 3;
    if (property === PVALID) continue;
    if (property === CONTEXTJ) {
      const label = chars(points, n);
      // A.2 ZERO WIDTH JOINER: after a Virama
      if (cp === 0x200d ? !(i > 0 && isVirama(label[i - 1]!)) : !zwnjAllowed(label, i)) return -1;
    } else if (property !== CONTEXTO || !contextoAllowed(chars(points, n), Array.from({ length: n }, (_, k) => points[k]!), i)) {
      return -1;
    }
  }
  if (inert) return bidi;
  const text = chars(points, n).join("");
  return text.normalize("NFC") === text ? bidi : -1;
}

/** The code points of the A-label being checked (at most 59 after its `xn--`). */
const DECODED = /* @__PURE__ */ new Int32Array(63);

/**
 * The A-label `s[start, end)` (LDH, beginning `xn--` in any case), decoded and checked as a U-label: its
 * Bidi summary, or -1.
 */
export function aLabel(s: string, start: number, end: number): number {
  if (end - start > 63) return -1;
  const n = decodeInto(s, start + 4, end, DECODED);
  // an A-label encodes a U-label, so at least one non-ASCII code point (`xn--abc-` is no A-label)
  let wide = false;
  for (let i = 0; i < n; i++) if (DECODED[i]! >= 0x80) wide = true;
  return wide ? uLabel(DECODED, n) : -1;
}

/**
 * The A-label that begins at `start` (its `xn--` checked by the caller) and ends at the first "." or at
 * `end`, checked as `aLabel` checks it: `length + 64 * summary` (its length, 5 to 63, and its Bidi
 * summary), or -1.
 *
 * A label of non-basic code points alone (no "-" after `xn--`: the usual A-label of a script other than
 * Latin) is read once, decoded while its end is sought, its digits standing for the LDH check (they are
 * letters and digits); this made an `xn--` host name ~1.4x faster than a scan for the label's end, one
 * for its last "-" and a decoding after them. Any other label, or one whose decoding fails before its end
 * (a "-" further on would make what was read basic code points), is read again by `aLabel`.
 */
export function aLabelAt(s: string, start: number, end: number): number {
  const out = DECODED;
  let i = start + 4;
  let count = 0;
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let index = 0;
  // the loop of `decodeInto`, where a code unit that is no digit ends the label or sends it to `aLabel`
  for (;;) {
    // between two code points: the label ends here, or one more variable-length integer begins
    if (i === end || s.charCodeAt(i) === 46) break;
    if (i - start >= 63) return -1; // 64 code units or more before the "." or the end
    const old = index;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      const c = i < end ? s.charCodeAt(i) : 46;
      const digit = digitValue(c);
      if (digit < 0) return c === 45 ? aLabelOfName(s, start, end) : -1; // an unfinished integer, or no LDH
      i++;
      index += digit * w;
      if (index > MAX_INT) return aLabelOfName(s, start, end);
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > MAX_INT) return aLabelOfName(s, start, end);
    }
    const points = count + 1;
    bias = adapt(index - old, points, old === 0);
    const step = (index / points) | 0;
    if (step > MAX_INT - n) return aLabelOfName(s, start, end);
    n += step;
    index -= step * points;
    if (n > 0x10ffff) return aLabelOfName(s, start, end); // n only grows: no basic code point here
    for (let k = count; k > index; k--) out[k] = out[k - 1]!;
    out[index] = n;
    count++;
    index++;
  }
  // no code point (`xn--` alone) is no A-label; every decoded one is non-basic
  const bidi = count === 0 || i - start > 63 ? -1 : uLabel(out, count);
  return bidi < 0 ? -1 : i - start + 64 * bidi;
}

/** `aLabelAt` for a label that needs the whole of `aLabel`: its end found first, its letters, digits and hyphens checked. */
function aLabelOfName(s: string, start: number, end: number): number {
  let i = start;
  while (i < end && s.charCodeAt(i) !== 46) {
    const c = s.charCodeAt(i) | 32;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return -1;
    i++;
  }
  if (i - start > 63 || s.charCodeAt(i - 1) === 45) return -1;
  const bidi = aLabel(s, start, i);
  return bidi < 0 ? -1 : i - start + 64 * bidi;
}

/** Whether s[start, end) begins `xn--`, any case. */
export function isALabel(s: string, start: number, end: number): boolean {
  return (
    end - start > 4 &&
    s.charCodeAt(start + 3) === 45 &&
    s.charCodeAt(start + 2) === 45 &&
    (s.charCodeAt(start) | 32) === 120 &&
    (s.charCodeAt(start + 1) | 32) === 110
  );
}

/** The Bidi summary of an LDH label (L for letters, EN for digits, neutral for "-"). */
function ldhBidi(s: string, start: number, end: number): number {
  let bidi = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    bidi = bidiAdd(bidi, i - start, c === 45 ? OTHER_NEUTRAL : c <= 57 ? EN : L);
  }
  return bidi;
}

/**
 * The Bidi rule (RFC 5893 §2) over a host name of LDH labels and A-labels joined by "." (`hostname` has
 * checked every label), asked once one of its A-labels is right-to-left (`isBidiLabel`).
 */
export function bidiNameValid(s: string, start: number, end: number): boolean {
  for (let from = start, to = start; from <= end; from = to + 1) {
    to = s.indexOf(".", from);
    if (to < 0 || to > end) to = end;
    if (!bidiRuleHolds(isALabel(s, from, to) ? aLabel(s, from, to) : ldhBidi(s, from, to))) return false;
  }
  return true;
}

/** RFC 3490 §3.1 label separators: FULL STOP, IDEOGRAPHIC FULL STOP, FULLWIDTH FULL STOP, HALFWIDTH IDEOGRAPHIC FULL STOP. */
function isSeparator(c: number): boolean {
  return c === 0x2e || c === 0x3002 || c === 0xff0e || c === 0xff61;
}

/** One label of an internationalized name, s[start, end): LDH, A-label or U-label. */
function idnLabel(s: string, start: number, end: number): Label | undefined {
  let ascii = true;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) >= 0x80) ascii = false;
  if (ascii) {
    const length = end - start;
    if (length < 1 || length > 63 || s.charCodeAt(start) === 45 || s.charCodeAt(end - 1) === 45) return undefined;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i) | 32;
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return undefined;
    }
    const bidi = isALabel(s, start, end) ? aLabel(s, start, end) : ldhBidi(s, start, end);
    return bidi < 0 ? undefined : { bidi, asciiLength: length };
  }
  const points: number[] = [];
  for (let i = start; i < end; ) {
    const cp = s.codePointAt(i)!;
    points.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  // every code point takes at least one octet of the A-label: a longer label fails before the slower checks
  if (points.length > 59) return undefined;
  const bidi = uLabel(points, points.length);
  if (bidi < 0) return undefined;
  // RFC 5890 §2.3.2.1: the A-label (what DNS carries) is at most 63 octets
  const asciiLength = 4 + punycodeEncode(points).length;
  return asciiLength <= 63 ? { bidi, asciiLength } : undefined;
}

/**
 * An internationalized host name s[start, end) (RFC 5890 §2.3.2.3): labels separated by any RFC 3490
 * §3.1 separator, each an LDH label, an A-label or a U-label, at most 253 octets in ASCII form (A-labels
 * for U-labels), and, with a right-to-left label, the Bidi rule. The length of the ASCII form, or -1.
 * With `mailDomain` (RFC 6531 §3.3 Domain): at least two labels, separated by "." only.
 */
export function idnHostnameLength(s: string, start: number, end: number, mailDomain: boolean): number {
  // a code point is at most two code units and at least one octet of the ASCII form
  if (end <= start || end - start > 2 * 253) return -1;
  const name = new BidiName();
  let labels = 0;
  let length = -1;
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && (mailDomain ? s.charCodeAt(i) !== 0x2e : !isSeparator(s.charCodeAt(i)))) continue;
    const label = idnLabel(s, from, i);
    if (!label) return -1;
    name.add(label.bidi);
    labels++;
    length += label.asciiLength + 1;
    from = i + 1;
  }
  if (length > 253 || (mailDomain && labels < 2) || !name.valid()) return -1;
  return length;
}
