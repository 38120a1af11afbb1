/**
 * String format checkers for the `format` keyword (JSON Schema 2020-12 and OpenAPI), copied verbatim into
 * every generated package that validates. No imports, no Node or DOM APIs: it runs wherever the package runs.
 *
 * Every checker runs in time linear in the length on any input, valid or not. Most scan the string with
 * charCodeAt, front to back, without backtracking. The regular expressions `COMMON_DATE_TIME`,
 * `COMMON_URI`, `COMMON_URI_TEMPLATE` and `COMMON_HOSTNAME` are fast paths for the usual shapes, and
 * `EMAIL` is the whole check but for lengths, all built so that they cannot backtrack more than a step per character (V8's
 * compiled regexps read a string about twice as fast as a charCodeAt loop; a scanner wins on short
 * strings and early exits). `regex` compiles its input to see whether it compiles. Each follows its RFC's ABNF; the reference for anything the
 * RFC leaves open is ajv-formats 3 in `full` mode, and every place where we differ from it says so below,
 * with the section that decides (the differential test in test/validators/formats.test.ts lists them too).
 *
 * IDNA2008 (`xn--` labels of `hostname`, `idn-hostname`, the domain of `idn-email`) is in idna.ts beside
 * this file, the one module this one imports. Not here: the OpenAPI numeric formats `int32`, `int64`,
 * `float`, `double` (they apply to numbers, not strings; see validators-runtime.ts).
 */

import { aLabelAt, bidiNameValid, idnHostnameLength, isALabel, isBidiLabel } from "./idna.js";

// ---------------------------------------------------------------------------------------------------
// Character classes of the ASCII range, as bit flags (one table lookup per character; the table covers
// every UTF-16 code unit, 0 outside ASCII, so a lookup needs no range check).

const ALPHA = 1; // A-Z a-z
const DIGIT = 2; // 0-9
const HEX = 4; // 0-9 A-F a-f
const SCHEME = 8; // RFC 3986 §3.1: ALPHA / DIGIT / "+" / "-" / "."
const REG_NAME = 16; // RFC 3986 §3.2.2: unreserved / sub-delims (pct-encoded handled apart)
const USERINFO = 32; // RFC 3986 §3.2.1: unreserved / sub-delims / ":" (also IPvFuture's tail)
const PCHAR = 64; // RFC 3986 §3.3: unreserved / sub-delims / ":" / "@"
const QUERY = 128; // RFC 3986 §3.4, §3.5: pchar / "/" / "?"
const LDH = 512; // RFC 1123 §2.1 / RFC 952: letter, digit, hyphen
const BASE64 = 1024; // RFC 4648 §4 alphabet (without the pad "=")
const LITERAL = 2048; // RFC 6570 §2.1 literals, ASCII part (with erratum 6937: "'" allowed)
const VARCHAR = 4096; // RFC 6570 §2.3 varchar, less pct-encoded: ALPHA / DIGIT / "_"
const OPERATOR = 8192; // RFC 6570 §2.2 operator: op-level2 / op-level3 / op-reserve
const PATH = 16384; // RFC 3986 §3.3: pchar / "/"

const CLASSES: Uint16Array = /* @__PURE__ */ classTable();

function classTable(): Uint16Array {
  const table = new Uint16Array(65536);
  const add = (chars: string, flags: number): void => {
    for (let k = 0; k < chars.length; k++) {
      const c = chars.charCodeAt(k);
      table[c] = (table[c] ?? 0) | flags;
    }
  };
  const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const alpha = upper + upper.toLowerCase();
  const digit = "0123456789";
  const unreserved = alpha + digit + "-._~";
  const subDelims = "!$&'()*+,;=";
  add(alpha, ALPHA);
  add(digit, DIGIT);
  add(digit + "ABCDEFabcdef", HEX);
  add(alpha + digit + "+-.", SCHEME);
  add(unreserved + subDelims, REG_NAME | USERINFO | PCHAR | QUERY);
  add(":", USERINFO | PCHAR | QUERY);
  add(unreserved + subDelims + ":@/", PATH);
  add("@", PCHAR | QUERY);
  add("/?", QUERY);
  add(alpha + digit + "-", LDH);
  add(alpha + digit + "+/", BASE64);
  // %x21 / %x23-24 / %x26-3B / %x3D / %x3F-5B / %x5D / %x5F / %x61-7A / %x7E
  for (let c = 0x21; c < 0x7f; c++) if ('"%<>\\^`{|}'.indexOf(String.fromCharCode(c)) < 0) add(String.fromCharCode(c), LITERAL);
  add(alpha + digit + "_", VARCHAR);
  add("+#./;?&=,!@|", OPERATOR);
  return table;
}

/**
 * The class flags of one UTF-16 code unit (or -1, past the end, read as U+FFFF): 0 outside ASCII. A
 * typed array is read faster than a string's char codes or an array of numbers, and indexing it without
 * a branch on the range is ~15% faster in the scanning loops (ipv4, uuid, email, hostname).
 */
function cls(c: number): number {
  return CLASSES[c & 0xffff]!;
}

/**
 * The code unit at `i`, or -1 past the end. Every read that may fall past the end goes through here:
 * charCodeAt would give NaN there, and code that has once seen NaN or read out of bounds is compiled
 * slower (V8 deoptimizes it), for every input afterwards.
 */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

/** "%" HEXDIG HEXDIG at `i` (the "%" already seen): RFC 3986 §2.1 pct-encoded. */
function pctAt(s: string, i: number): boolean {
  return i + 2 < s.length && (cls(s.charCodeAt(i + 1)) & cls(s.charCodeAt(i + 2)) & HEX) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The decimal digit at `i`, or -1 (also past the end). */
function digitAt(s: string, i: number): number {
  const d = at(s, i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two decimal digits at `i` as a number, or -1; the caller has checked that both are within the string. */
function twoDigitsAt(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * How many code units of an IRI character start at `i`: RFC 3987 §2.2 ucschar (and iprivate when
 * `privateUse`), reading a surrogate pair as one code point. 0 if the code unit at `i` is not one of them
 * (ASCII, C1 controls, lone surrogates, U+FDD0-FDEF and the U+xFFFE/U+xFFFF noncharacters).
 */
function ucsLength(s: string, i: number, privateUse: boolean): number {
  const c = s.charCodeAt(i);
  if (c < 0xa0) return 0;
  if (c < 0xd800) return 1;
  if (c < 0xdc00) {
    const low = at(s, i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
    const cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    if ((cp & 0xfffe) === 0xfffe) return 0; // U+1FFFE, U+1FFFF, ... U+10FFFF
    if (cp < 0xe0000) return 2; // %x10000-1FFFD ... %xD0000-DFFFD
    if (cp < 0xf0000) return cp >= 0xe1000 ? 2 : 0; // %xE1000-EFFFD (tags and variation selectors out)
    return privateUse ? 2 : 0; // iprivate %xF0000-FFFFD / %x100000-10FFFD
  }
  if (c < 0xe000) return 0; // a lone low surrogate
  if (c < 0xf900) return privateUse ? 1 : 0; // iprivate %xE000-F8FF
  if (c < 0xfdd0) return 1; // %xF900-FDCF
  if (c < 0xfdf0) return 0; // noncharacters
  return c < 0xfff0 ? 1 : 0; // %xFDF0-FFEF
}

// ---------------------------------------------------------------------------------------------------
// Dates and times: RFC 3339 §5.6.

function isLeapYear(year: number): boolean {
  // RFC 3339 Appendix C
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** full-date = date-fullyear "-" date-month "-" date-mday, in the 10 code units from `i`. */
function fullDateAt(s: string, i: number): boolean {
  const y1 = twoDigitsAt(s, i);
  const y2 = twoDigitsAt(s, i + 2);
  const month = twoDigitsAt(s, i + 5);
  const day = twoDigitsAt(s, i + 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) return false;
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return false;
  if (day <= 28) return true;
  if (month === 2) return day === 29 && isLeapYear(y1 * 100 + y2);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * full-time = partial-time time-offset, from `i` to the end of `s`:
 * time-hour ":" time-minute ":" time-second [time-secfrac] ("Z" / ("+" / "-") time-hour ":" time-minute).
 *
 * - The offset is required, as ajv's full mode requires it.
 * - Deviation (stricter than ajv): ajv also accepts the offsets `+hh` and `+hhmm`; RFC 3339 §5.6
 *   time-numoffset is `+hh:mm` only.
 * - Leap second: `60` only where the time, taken back to UTC with its offset, is 23:59 (RFC 3339 §5.7), as
 *   ajv does; deviation (stricter): ajv skips its hour/minute range check on that path, so it accepts hour
 *   24 or minute 60 with second 60 when the offset brings them to 23:59 UTC (`24:59:60+01:00`).
 */
function fullTimeAt(s: string, i: number): boolean {
  const n = s.length;
  if (n < i + 9) return false;
  const hour = twoDigitsAt(s, i);
  const minute = twoDigitsAt(s, i + 3);
  const second = twoDigitsAt(s, i + 6);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return false;
  let j = i + 8;
  let c = s.charCodeAt(j);
  if (c === 46) {
    // time-secfrac = "." 1*DIGIT
    const start = ++j;
    while (j < n && isDigit(s.charCodeAt(j))) j++;
    if (j === start) return false;
    c = at(s, j);
  }
  let offset = 0; // minutes east of UTC
  if (c === 90 || c === 122) {
    // "Z", or "z" (RFC 3339 §5.6 NOTE: may be lower case)
    if (j + 1 !== n) return false;
  } else if (c === 43 || c === 45) {
    if (j + 6 !== n || s.charCodeAt(j + 3) !== 58) return false;
    const oh = twoDigitsAt(s, j + 1);
    const om = twoDigitsAt(s, j + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    offset = (c === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return false;
  }
  if (second !== 60) return true;
  const utc = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
  return utc === 23 * 60 + 59;
}

/** RFC 3339 §5.6 full-date, with real month lengths and leap years: `2024-02-29`. */
export function date(s: string): boolean {
  return s.length === 10 && fullDateAt(s, 0);
}

/** RFC 3339 §5.6 full-time, offset required: `23:59:60Z`, `08:30:06.283185+01:00`, `08:30:06z`. */
export function time(s: string): boolean {
  return fullTimeAt(s, 0);
}

/**
 * A date-time in days 1-28 without a leap second: a subset of what `dateTime` accepts, as a regular
 * expression because V8 matches it about 1.5x faster than the scanner reads it (date-times and URLs are
 * most format checks in real payloads). Each part is fixed-length but the fraction, whose digit run ends
 * at a non-digit: no backtracking. The year is `\d\d\d\d`, not `\d{4}`: V8 runs a count with a counter
 * (25 ns a date-time against 19). Other strings go to the scanner.
 */
const COMMON_DATE_TIME =
  /^\d\d\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])[Tt ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * RFC 3339 §5.6 date-time: full-date "T" full-time. "T" may be "t" (§5.6 NOTE), and, as in ajv, a space
 * (the same NOTE allows "a space character" for readability). Deviation (stricter): ajv splits on any
 * `\s` (tab, newline, U+00A0, U+2028, U+FEFF, ...); only U+0020 is accepted here.
 */
export function dateTime(s: string): boolean {
  if (COMMON_DATE_TIME.test(s)) return true;
  if (s.length < 20 || !fullDateAt(s, 0)) return false;
  const t = s.charCodeAt(10);
  return (t === 84 || t === 116 || t === 32) && fullTimeAt(s, 11);
}

/**
 * The place of a unit designator in "YMD" (date) or "HMS" (time) by its code unit, or -1: compared, not
 * looked up with `indexOf` (a builtin call per unit made valid durations ~1.1x ajv-formats full only).
 */
function unitPlace(c: number, time: boolean): number {
  if (c === 77) return 1; // "M": months, or minutes
  if (time) return c === 72 ? 0 : c === 83 ? 2 : -1; // "H", "S"
  return c === 89 ? 0 : c === 68 ? 2 : -1; // "Y", "D"
}

/**
 * Units from `i` (digits then a unit letter, repeatedly) until `stop` or the end; the units must be a
 * contiguous run of "YMD", or of "HMS" when `time`, in order. Returns the index after the last unit, or -1.
 */
function durationUnitsAt(s: string, i: number, time: boolean, stop: number): number {
  const n = s.length;
  let last = -1;
  while (i < n && s.charCodeAt(i) !== stop) {
    const start = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === start || i === n) return -1;
    const unit = unitPlace(s.charCodeAt(i), time);
    if (unit < 0 || (last >= 0 && unit !== last + 1)) return -1;
    last = unit;
    i++;
  }
  return last < 0 ? -1 : i;
}

/**
 * RFC 3339 Appendix A duration: `P4DT12H30M5S`, `PT36H`, `P2W`. Upper-case designators only, as ajv.
 * Deviation (stricter): ajv's regex lets any subset of units appear in order (`P1Y2D`, `PT1H2S`); the
 * ABNF nests them (dur-year = 1*DIGIT "Y" [dur-month], dur-month = 1*DIGIT "M" [dur-day], and the same
 * for hours, minutes, seconds), so a run of units may not skip one.
 */
export function duration(s: string): boolean {
  const n = s.length;
  if (n < 3 || s.charCodeAt(0) !== 80) return false;
  let i = 1;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i > 1 && at(s, i) === 87) return i + 1 === n; // dur-week
  i = 1;
  if (s.charCodeAt(1) !== 84) {
    i = durationUnitsAt(s, 1, false, 84);
    if (i < 0) return false;
    if (i === n) return true;
  }
  // dur-time = "T" (dur-hour / dur-minute / dur-second)
  return i + 1 < n && durationUnitsAt(s, i + 1, true, -1) === n;
}

// ---------------------------------------------------------------------------------------------------
// Hosts and addresses.

/**
 * A host name in s[start, end): RFC 1123 §2.1 labels of letters, digits and hyphens, 1 to 63 long, not
 * starting or ending with a hyphen, at most 253 in all. With `needDot`, at least two labels.
 */
function hostnameIn(s: string, start: number, end: number, needDot: boolean): boolean {
  if (end - start < 1 || end - start > 253) return false;
  let i = start;
  let dots = 0;
  let rtl = false;
  for (;;) {
    const label = i;
    // "--" in positions 3-4 (one compare for most labels): an `xn--` label must be an A-label, which
    // aLabelAt reads to its end
    if (i + 4 < end && s.charCodeAt(i + 3) === 45 && s.charCodeAt(i + 2) === 45 && isALabel(s, i, end)) {
      const a = aLabelAt(s, i, end);
      if (a < 0) return false;
      i += a & 63;
      if (isBidiLabel(a >> 6)) rtl = true;
    } else {
      // a label in a tight loop of its own, which V8 compiles best: 1 to 63 long, no hyphen at either end;
      // `c` keeps the code unit that ended it, read once
      let c = 0;
      while (i < end && (cls((c = s.charCodeAt(i))) & LDH) !== 0) i++;
      if (i === label || i - label > 63 || s.charCodeAt(label) === 45 || s.charCodeAt(i - 1) === 45) return false;
      if (i < end && c !== 46) return false;
    }
    if (i === end) return (dots > 0 || !needDot) && (!rtl || bidiNameValid(s, start, end));
    i++;
    dots++;
  }
}

/**
 * RFC 1123 §2.1 host name: `www.example.com`, `a--b.com`, single labels too.
 * Deviations (stricter): ajv accepts a trailing dot (`example.`); a host name per RFC 952/1123 is labels
 * joined by dots, and the JSON-Schema-Test-Suite calls it invalid. Labels beginning `xn--` (any case) must
 * be A-labels (RFC 5890 §2.3.2.1: valid Punycode of a valid U-label, see idna.ts), and a name with a
 * right-to-left one keeps the Bidi rule (RFC 5893); ajv checks them as LDH labels only. Other labels
 * with "--" in positions 3-4 (`ab--c`) stay valid: RFC 1123 allows them.
 */
export function hostname(s: string): boolean {
  const n = s.length;
  // a first label with "-" in position 4 (`xn--`) would fail COMMON_HOSTNAME: straight to the scanner
  if (n <= 63 && !(n > 3 && s.charCodeAt(3) === 45)) {
    if (COMMON_HOSTNAME.test(s)) return true;
    // what COMMON_HOSTNAME refuses is invalid, but for names with "--" (A-labels, `a--b`)
    if (s.indexOf("--") < 0) return false;
  }
  return hostnameIn(s, 0, n, false);
}

/**
 * Host names without "--" (so without A-labels) of at most 63 code units (so no label is too long, nor the
 * name): letter-and-digit runs joined by single "." or "-". On such strings it accepts exactly what
 * `hostnameIn` accepts; as a regular expression it is ~1.4x faster on the usual names (`api.github.com`:
 * V8 matches a character class about twice as fast as a charCodeAt loop reads it). Linear: each run ends
 * at a character its class excludes.
 */
const COMMON_HOSTNAME = /^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*$/;

/**
 * dotted-quad in s[start, end): four dec-octets (RFC 3986 §3.2.2: 0-255, no leading zeros) joined by ".".
 * One pass that reads every code unit once, an octet's digits unrolled (7 to 15 code units: a loop per
 * octet, or a helper called per octet, was 10-30% slower than ajv's regex on valid addresses). The end
 * of the range reads as a "." so that an octet's last digit needs no second bounds check.
 */
function ipv4In(s: string, start: number, end: number): boolean {
  if (end - start < 7 || end - start > 15) return false;
  let i = start;
  let dots = 0;
  for (;;) {
    // `>>> 0` makes a negative difference large: one comparison tests for a decimal digit
    const a = s.charCodeAt(i) - 48;
    if (a >>> 0 > 9) return false;
    let c = ++i < end ? s.charCodeAt(i) : 46;
    if (c !== 46) {
      const b = c - 48;
      if (b >>> 0 > 9 || a === 0) return false;
      c = ++i < end ? s.charCodeAt(i) : 46;
      if (c !== 46) {
        const d = c - 48;
        if (d >>> 0 > 9 || a * 100 + b * 10 + d > 255) return false;
        c = ++i < end ? s.charCodeAt(i) : 46;
      }
    }
    if (i === end) return dots === 3;
    if (c !== 46 || dots === 3 || ++i === end) return false;
    dots++;
  }
}

/**
 * An IPv6 address in s[start, end), RFC 4291 §2.2: eight groups of 1-4 hex digits, one "::" standing for
 * one or more zero groups, the last two groups optionally written as a dotted quad. No zone index, no prefix.
 */
function ipv6In(s: string, start: number, end: number): boolean {
  let i = start;
  let groups = 0;
  let compressed = false;
  if (i < end && s.charCodeAt(i) === 58) {
    if (i + 1 >= end || s.charCodeAt(i + 1) !== 58) return false;
    compressed = true;
    i += 2;
    if (i === end) return true;
  }
  for (;;) {
    const groupStart = i;
    while (i < end && (cls(s.charCodeAt(i)) & HEX) !== 0) i++;
    if (i === groupStart) return false;
    if (i < end && s.charCodeAt(i) === 46) {
      // the embedded IPv4 address takes the last two groups
      if (!ipv4In(s, groupStart, end)) return false;
      groups += 2;
      break;
    }
    if (i - groupStart > 4) return false;
    groups++;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58 || groups > 8) return false;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (compressed) return false;
      compressed = true;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false;
    }
  }
  return compressed ? groups <= 7 : groups === 8;
}

/** Dotted-quad IPv4 address, RFC 2673 §3.2: `192.168.0.1`; no leading zeros (as ajv), no shorthand forms. */
export function ipv4(s: string): boolean {
  return ipv4In(s, 0, s.length);
}

/** IPv6 address, RFC 4291 §2.2: `::1`, `fe80::a:b`, `::ffff:192.168.0.1`. */
export function ipv6(s: string): boolean {
  return s.length <= 45 && ipv6In(s, 0, s.length);
}

/**
 * dot-atom "@" host-name labels (see `email`): atext runs joined by single dots, then labels of letters,
 * digits and hyphens that start and end with a letter or digit, at least two. A regular expression
 * because V8 matches it ~1.5x faster than a charCodeAt scanner reads it; linear: every run's class
 * excludes the character that ends it (hyphens come only between alphanumeric runs).
 */
const EMAIL =
  /^[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*@[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)+$/;

/**
 * E-mail address: RFC 5321 §4.1.2 Mailbox restricted, as ajv's full mode is, to a dot-atom local part
 * (RFC 5322 §3.2.3 atext, dots only between atoms) and a domain of at least two host-name labels.
 * Quoted local parts (`"a b"@example.com`) and address literals (`a@[127.0.0.1]`) are rejected, as by ajv.
 * Deviations (stricter): the domain follows `hostname` (labels at most 63, at most 253 in all; ajv has
 * no limits), the local part is at most 64 octets (RFC 5321 §4.5.3.1.1) and the address at most 254
 * (§4.5.3.1.3: a path of 256 octets includes "<" and ">").
 */
export function email(s: string): boolean {
  const n = s.length;
  const at = s.indexOf("@");
  if (at < 1 || at > 64 || n > 254 || !EMAIL.test(s)) return false;
  // EMAIL leaves the label lengths to this: a label longer than 63 needs a domain longer than 63
  return n - at - 1 <= 63 || hostnameIn(s, at + 1, n, true);
}

/**
 * Internationalized host name, RFC 5890 §2.3.2.3 with the label separators of RFC 3490 §3.1 (".", "。",
 * "．", "｡"): labels that are LDH, A-labels or U-labels valid under IDNA2008 (RFC 5891 §5.4, RFC 5892,
 * RFC 5893 Bidi rule; see idna.ts), at most 253 octets with U-labels in their A-label form. No trailing
 * separator, as for `hostname`. A U-label must be NFC already and in lower case (upper-case letters are
 * DISALLOWED, RFC 5892 §2.2): the mapping of RFC 5895 / UTS #46 is an application's, not the format's.
 * Not in ajv-formats.
 */
export function idnHostname(s: string): boolean {
  return idnHostnameLength(s, 0, s.length, false) >= 0;
}

/** The octets of s[start, end) in UTF-8, or -1 where it holds a lone surrogate. */
function utf8Length(s: string, start: number, end: number): number {
  let octets = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) octets++;
    else if (c < 0x800) octets += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const low = at(s, i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return -1;
      octets += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    else octets += 3;
  }
  return octets;
}

/** RFC 6531 §3.3 Dot-string then "@": atext runs, atext extended by UTF8-non-ascii (any UTF-16 code unit from U+0080; lone surrogates are caught by `utf8Length`), joined by single dots. Linear as `EMAIL`. */
const IDN_DOT_STRING = /^[\w!#$%&'*+/=?^`{|}~\u0080-\uffff-]+(?:\.[\w!#$%&'*+/=?^`{|}~\u0080-\uffff-]+)*@/;

/**
 * The index of the "@" after an RFC 6531 §3.3 local part: a Dot-string, or a Quoted-string (qtextSMTP,
 * extended by UTF8-non-ascii, and quoted-pairSMTP: "\" then %d32-126). -1 where there is neither.
 */
function idnLocalPartEnd(s: string): number {
  if (at(s, 0) !== 34) {
    const m = IDN_DOT_STRING.exec(s);
    return m ? m[0].length - 1 : -1;
  }
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return at(s, i + 1) === 64 ? i + 1 : -1;
    if (c === 92) {
      const q = at(s, ++i);
      if (q < 32 || q > 126) return -1;
    } else if (c < 32 || c === 127) return -1;
  }
  return -1;
}

/**
 * Internationalized e-mail address, RFC 6531 §3.3: `email` with UTF-8 allowed in the local part (any
 * code point from U+0080, as UTF8-non-ascii of RFC 6532 §3.1 is: C1 controls and noncharacters too) and
 * an `idn-hostname` domain of at least two labels joined by "." (the other separators of RFC 3490 §3.1
 * are not in RFC 6531's Domain). Deviations from `email` (looser): a quoted local part
 * is valid (`"δοκιμή"@example.com`, RFC 5321 §4.1.2 Quoted-string), as the JSON-Schema-Test-Suite
 * expects; the domain is normalized to NFC before its check (RFC 6532 §3.1: NFC SHOULD be used; the suite
 * takes `user@café.com` with a combining accent as valid). Address literals (`a@[127.0.0.1]`) are
 * rejected, as by `email`. Limits: local part 64 octets of UTF-8, the address 254 with the domain in
 * A-labels (RFC 5321 §4.5.3.1). Not in ajv-formats.
 */
export function idnEmail(s: string): boolean {
  const end = idnLocalPartEnd(s);
  if (end < 1) return false;
  const local = utf8Length(s, 0, end);
  if (local < 0 || local > 64) return false;
  const domain = s.slice(end + 1).normalize("NFC");
  const length = idnHostnameLength(domain, 0, domain.length, true);
  return length >= 0 && local + 1 + length <= 254;
}

// ---------------------------------------------------------------------------------------------------
// URIs and IRIs: RFC 3986 §3 and §4.1, RFC 3987 §2.2.

/**
 * The end of a run, from `i`, of characters of `flags`, pct-encoded triplets and, for IRIs, ucschar
 * (and iprivate when `privateUse`): the index of the first code unit that cannot continue it.
 */
function skip(s: string, i: number, flags: number, iri: boolean, privateUse: boolean): number {
  const n = s.length;
  for (;;) {
    // the common case in a tight loop of its own, which V8 compiles best
    while (i < n && (cls(s.charCodeAt(i)) & flags) !== 0) i++;
    if (i === n) return i;
    if (s.charCodeAt(i) === 37 && pctAt(s, i)) {
      i += 3;
    } else {
      const k = iri ? ucsLength(s, i, privateUse) : 0;
      if (k === 0) return i;
      i += k;
    }
  }
}

/** IP-literal's inside, s[start, end): IPv6address / IPvFuture, where IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ). */
function ipLiteralIn(s: string, start: number, end: number): boolean {
  if ((s.charCodeAt(start) | 32) !== 118) return ipv6In(s, start, end);
  let k = start + 1;
  while (k < end && (cls(s.charCodeAt(k)) & HEX) !== 0) k++;
  if (k === start + 1 || s.charCodeAt(k) !== 46 || k + 1 === end) return false;
  for (k++; k < end; k++) if ((cls(s.charCodeAt(k)) & USERINFO) === 0) return false;
  return true;
}

/**
 * authority = [ userinfo "@" ] host [ ":" port ] from `start`, RFC 3986 §3.2: the index after it (where
 * the path, query, fragment or string begins), or -1. host = IP-literal / IPv4address / reg-name, where a
 * reg-name takes every IPv4address (and out-of-range ones like `999.1.1.1`). IP-literal = "[" ( IPv6address
 * / IPvFuture ) "]"; zone identifiers (RFC 6874) are not accepted, as by ajv.
 */
function authorityEnd(s: string, start: number, iri: boolean): number {
  // userinfo, or reg-name ":" port: both are runs of USERINFO characters (REG_NAME and ":")
  const n = s.length;
  let i = start;
  let colon = -1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if ((cls(c) & REG_NAME) !== 0) {
      i++;
    } else if (c === 58) {
      if (colon < 0) colon = i;
      i++;
    } else if (c === 37 && pctAt(s, i)) {
      i += 3;
    } else {
      const k = iri ? ucsLength(s, i, false) : 0;
      if (k === 0) break;
      i += k;
    }
  }
  let host = start;
  if (at(s, i) === 64) {
    host = i + 1;
    i = host;
  } else if (i > start) {
    // no userinfo: a reg-name holds no ":", so a port starts at the first one and is digits
    if (colon >= 0) for (let k = colon + 1; k < i; k++) if (!isDigit(s.charCodeAt(k))) return -1;
    host = -1;
  }
  if (host >= 0) {
    if (at(s, host) === 91) {
      const close = s.indexOf("]", host);
      if (close < 0 || !ipLiteralIn(s, host + 1, close)) return -1;
      i = close + 1;
    } else {
      i = skip(s, host, REG_NAME, iri, false);
    }
    if (at(s, i) === 58) {
      i++;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
    }
  }
  if (i === n) return i;
  const c = s.charCodeAt(i);
  return c === 47 || c === 63 || c === 35 ? i : -1;
}

/**
 * URI (RFC 3986 §3) when `absolute`, URI-reference (§4.1) otherwise; the IRI forms (RFC 3987 §2.2)
 * when `iri`. One pass: scheme ":", "//" authority, path, "?" query, "#" fragment.
 */
function uriLike(s: string, absolute: boolean, iri: boolean): boolean {
  const n = s.length;
  let i = 0;
  if (n > 0 && (cls(s.charCodeAt(0)) & ALPHA) !== 0) {
    let k = 1;
    while (k < n && (cls(s.charCodeAt(k)) & SCHEME) !== 0) k++;
    if (k < n && s.charCodeAt(k) === 58) i = k + 1;
  }
  if (i === 0) {
    if (absolute) return false;
    // relative-ref: path-noscheme's first segment has no ":" (§4.2), or it would read as a scheme; the
    // native indexOf finds most strings colon-free without a loop here
    const colon = s.indexOf(":");
    if (colon >= 0) {
      let k = 0;
      for (; k < colon; k++) {
        const c = s.charCodeAt(k);
        if (c === 47 || c === 63 || c === 35) break;
      }
      if (k === colon) return false;
    }
  }
  if (at(s, i) === 47 && at(s, i + 1) === 47) {
    i = authorityEnd(s, i + 2, iri);
    if (i < 0) return false;
  }
  // path = *( pchar / "/" ) covers every form of hier-part and relative-part: after an authority the
  // path starts with "/" or is empty (authorityEnd checks), and without one it cannot start with "//"
  i = skip(s, i, PATH, iri, false);
  // query = *( pchar / "/" / "?" ); iquery also takes iprivate
  if (at(s, i) === 63) i = skip(s, i + 1, QUERY, iri, true);
  // fragment = *( pchar / "/" / "?" )
  if (at(s, i) === 35) i = skip(s, i + 1, QUERY, iri, false);
  return i === n;
}

/**
 * The usual shapes of a URI, `scheme://host[:port][/path][?query][#fragment]` and
 * `scheme:path[?query][#fragment]`, without userinfo, an IP literal or a percent sign: a subset of what
 * `uriLike` accepts, as a regular expression because V8's compiled regexps read a string about twice as
 * fast as a charCodeAt loop, and URLs are most of the format checks in real payloads (28 of 31 in
 * GitHub's `repository`). Linear: each run's class excludes the character that ends it, so a failed match
 * backtracks one step per character at most. A string it does not match goes to the full scanner.
 */
const COMMON_URI =
  /^[A-Za-z][A-Za-z0-9+.-]*:(?:\/\/[A-Za-z0-9\-._~!$&'()*+,;=]*(?::[0-9]*)?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?|(?!\/\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?$/;

/**
 * `COMMON_URI` on `s`, skipped where a scheme cannot start (relative references): the call costs more
 * than that test. Not for absolute URIs: one more call level there made GitHub's validator 10% slower.
 */
function commonUri(s: string): boolean {
  return (cls(at(s, 0)) & ALPHA) !== 0 && COMMON_URI.test(s);
}

/**
 * Absolute URI, RFC 3986 §3: scheme ":" hier-part [ "?" query ] [ "#" fragment ], every percent sign
 * followed by two hex digits, no character outside the RFC's sets (no space, `"`, `<`, `\`, non-ASCII...).
 * Deviations from ajv: (stricter) ajv's `\/?\/` reads a single slash as an authority start, so it accepts
 * `http:/[::1]` and `http://host:port-that-is-not-digits/` (as an empty host and a path); its IPv4 inside
 * an IPv6 literal allows leading zeros (`[::ffff:01.2.3.4]`), which dec-octet (§3.2.2) does not.
 * (Looser) an empty path after the scheme is valid (`about:`, `foo:?q`): hier-part includes path-empty.
 */
export function uri(s: string): boolean {
  return COMMON_URI.test(s) || uriLike(s, true, false);
}

/**
 * URI reference, RFC 3986 §4.1: a URI or a relative reference (`//host/p`, `/p`, `p`, `?q`, `#f`, ``).
 * Deviations (stricter), besides those of `uri`: ajv accepts `"` in hosts and paths, a colon in the first
 * segment of a relative path (`1:b`, excluded by path-noscheme, §4.2) and `[...]` after a single slash.
 */
export function uriReference(s: string): boolean {
  return commonUri(s) || uriLike(s, false, false);
}

/** Absolute IRI, RFC 3987 §2.2: a URI that may also hold ucschar (and iprivate in the query). Not in ajv-formats. */
export function iri(s: string): boolean {
  return COMMON_URI.test(s) || uriLike(s, true, true);
}

/** IRI reference, RFC 3987 §2.2. Not in ajv-formats. */
export function iriReference(s: string): boolean {
  return commonUri(s) || uriLike(s, false, true);
}

/**
 * The usual URI templates: ASCII literals and expressions of plain variable names (no percent-encoding),
 * a subset of what `uriTemplate` accepts, as a regular expression for the same reason as `COMMON_URI`
 * (1.9x faster than the scanner on GitHub's templates). Linear: a literal and "{" are disjoint, and each
 * run inside an expression ends at a character its class excludes. Other strings go to the scanner.
 */
const COMMON_URI_TEMPLATE =
  /^(?:[!#$&-;=?-[\]_a-z~]|\{[+#./;?&=,!@|]?\w+(?:\.\w+)*(?::[1-9]\d{0,3}|\*)?(?:,\w+(?:\.\w+)*(?::[1-9]\d{0,3}|\*)?)*\})*$/;

/** What only the scanner reads: on strings without these `COMMON_URI_TEMPLATE` decides alone. */
const NOT_COMMON = /[%\u0080-\uffff]/;

/**
 * URI Template, RFC 6570 §2 (level 4 syntax): literals and `{` [operator] varspec *( "," varspec ) `}`,
 * varspec = varname [ ":" max-length / "*" ]. Deviations from ajv: (looser) "'" is a literal, per
 * verified erratum 6937 to §2.1; dotted variable names (`{a.b}`) are valid, as varname = varchar
 * *( ["."] varchar ) says. (Stricter) DEL (a CTL) and non-ASCII outside ucschar / iprivate (lone
 * surrogates, noncharacters, C1 controls) are not literals.
 */
export function uriTemplate(s: string): boolean {
  const n = s.length;
  if (n > 32) {
    // a regular expression's fixed cost per call pays off only on longer strings
    if (COMMON_URI_TEMPLATE.test(s)) return true;
    if (!NOT_COMMON.test(s)) return false;
  }
  let i = 0;
  while (i < n) {
    // literals in a tight loop of their own, which V8 compiles best
    while (i < n && (cls(s.charCodeAt(i)) & LITERAL) !== 0) i++;
    if (i === n) return true;
    const c = s.charCodeAt(i);
    if (c === 123) {
      i = expressionEnd(s, i + 1);
      if (i < 0) return false;
    } else if (c === 37) {
      if (!pctAt(s, i)) return false;
      i += 3;
    } else {
      const k = ucsLength(s, i, true);
      if (k === 0) return false;
      i += k;
    }
  }
  return true;
}

/** [ operator ] variable-list "}" from `i` (after the "{"): the index after the "}", or -1. */
function expressionEnd(s: string, i: number): number {
  if ((cls(at(s, i)) & OPERATOR) !== 0) i++;
  for (;;) {
    // varname = varchar *( ["."] varchar )
    const start = i;
    const n = s.length;
    for (;;) {
      while (i < n && (cls(s.charCodeAt(i)) & VARCHAR) !== 0) i++;
      const v = at(s, i);
      if (v === 37 && pctAt(s, i)) i += 3;
      else if (v === 46 && i > start && s.charCodeAt(i - 1) !== 46) i++;
      else break;
    }
    if (i === start || s.charCodeAt(i - 1) === 46) return -1;
    // modifier-level4 = prefix / explode; prefix = ":" max-length, max-length = %x31-39 0*3DIGIT
    let m = at(s, i);
    if (m === 58) {
      if (digitAt(s, i + 1) < 1) return -1;
      i += 2;
      for (let k = 0; k < 3 && digitAt(s, i) >= 0; k++) i++;
      m = at(s, i);
    } else if (m === 42) {
      m = at(s, ++i);
    }
    i++;
    if (m === 125) return i;
    if (m !== 44) return -1;
  }
}

// ---------------------------------------------------------------------------------------------------
// Identifiers and pointers.

/**
 * UUID, RFC 4122 §3: 8-4-4-4-12 hex digits, any case, any version and variant. As ajv, an optional
 * `urn:uuid:` prefix (any case) is accepted too (the JSON-Schema-Test-Suite calls that invalid).
 */
export function uuid(s: string): boolean {
  let i = 0;
  if (s.length === 45) {
    if (
      (s.charCodeAt(0) | 32) !== 117 || // u
      (s.charCodeAt(1) | 32) !== 114 || // r
      (s.charCodeAt(2) | 32) !== 110 || // n
      s.charCodeAt(3) !== 58 ||
      (s.charCodeAt(4) | 32) !== 117 || // u
      (s.charCodeAt(5) | 32) !== 117 || // u
      (s.charCodeAt(6) | 32) !== 105 || // i
      (s.charCodeAt(7) | 32) !== 100 || // d
      s.charCodeAt(8) !== 58
    )
      return false;
    i = 9;
  } else if (s.length !== 36) {
    return false;
  }
  return (
    s.charCodeAt(i + 8) === 45 &&
    s.charCodeAt(i + 13) === 45 &&
    s.charCodeAt(i + 18) === 45 &&
    s.charCodeAt(i + 23) === 45 &&
    (hex4(s, i) & hex4(s, i + 4) & HEX) !== 0 && // the first group alone rejects most non-UUIDs early
    (hex4(s, i + 9) & hex4(s, i + 14) & hex4(s, i + 19) & hex4(s, i + 24) & hex4(s, i + 28) & hex4(s, i + 32) & HEX) !== 0
  );
}

/**
 * The class flags all four code units at `i` share. The callers AND whole groups and test HEX once: no
 * branch per character, ~1.5x faster than a loop that stops at the first non-hex one (uuid).
 */
function hex4(s: string, i: number): number {
  // in range: the callers checked the length, so charCodeAt gives a code unit, never NaN
  return CLASSES[s.charCodeAt(i)]! & CLASSES[s.charCodeAt(i + 1)]! & CLASSES[s.charCodeAt(i + 2)]! & CLASSES[s.charCodeAt(i + 3)]!;
}

/** json-pointer from `i` to the end: *( "/" reference-token ), every "~" followed by "0" or "1" (RFC 6901 §3). */
function jsonPointerFrom(s: string, i: number): boolean {
  const n = s.length;
  if (i === n) return true;
  if (s.charCodeAt(i) !== 47) return false;
  for (i++; i < n; i++) {
    if (s.charCodeAt(i) === 126) {
      const e = at(s, ++i);
      if (e !== 48 && e !== 49) return false;
    }
  }
  return true;
}

/** JSON Pointer, RFC 6901 §3: ``, `/foo/0`, `/a~1b`. Any other code unit is allowed in a token, as by ajv. */
export function jsonPointer(s: string): boolean {
  return jsonPointerFrom(s, 0);
}

/**
 * Relative JSON Pointer, draft-bhutton-relative-json-pointer-00 §3 (the one JSON Schema 2020-12 cites):
 * non-negative-integer, then "#" or [index-manipulation] json-pointer. Deviation (looser): ajv follows
 * the older draft-luff and rejects the index manipulation `("+" / "-") positive-integer` (`0+1/foo`).
 */
export function relativeJsonPointer(s: string): boolean {
  const n = s.length;
  const first = digitAt(s, 0);
  if (first < 0) return false;
  let i = 1;
  if (first > 0) while (i < n && isDigit(s.charCodeAt(i))) i++;
  const c = at(s, i);
  if (c === 35) return i + 1 === n;
  if (c === 43 || c === 45) {
    if (digitAt(s, i + 1) < 1) return false;
    i += 2;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  return jsonPointerFrom(s, i);
}

/**
 * ECMA-262 regular expression, compiled with the "u" flag, as `pattern` is compiled. Construction only
 * parses (nothing is matched, so nothing can backtrack) and is not eval: fine under a strict CSP.
 * Deviation (stricter): ajv compiles without "u", so it accepts identity escapes like `\a`, lone `{` or
 * `]`, and other Annex B forms that a "u" pattern rejects.
 */
export function regex(s: string): boolean {
  // A refused pattern throws, and capturing the SyntaxError's stack was 3/4 of the time of a check that
  // says no; nothing runs between setting and restoring the limit, so no other code sees it. A read-only
  // limit (frozen intrinsics, a hardened realm) throws on assignment: then errors keep their stacks.
  // (`Reflect.set` would report it without throwing, but halved the speed of a pattern that compiles.)
  const E = Error as { stackTraceLimit?: number };
  const limit = E.stackTraceLimit;
  try {
    E.stackTraceLimit = 0;
  } catch {
    return compiles(s);
  }
  try {
    return compiles(s);
  } finally {
    E.stackTraceLimit = limit;
  }
}

function compiles(s: string): boolean {
  try {
    new RegExp(s, "u");
    return true;
  } catch {
    return false;
  }
}

/**
 * base64, RFC 4648 §4: groups of four alphabet characters, the last one padded with "=" as needed.
 * Deviation (stricter): ajv's regex has the `m` flag, so it accepts any string with a line of valid
 * base64 (`"!!!\n"`, `"?\nQUJD"`); line breaks are not part of the encoding (RFC 4648 §3.1, §3.3). As ajv,
 * non-zero pad bits (`QR==`) are accepted: §3.5 lets decoders reject them, it does not require it.
 */
export function byte(s: string): boolean {
  const n = s.length;
  if (n % 4 !== 0) return false;
  let end = n;
  if (n > 0 && s.charCodeAt(n - 1) === 61) end = s.charCodeAt(n - 2) === 61 ? n - 2 : n - 1;
  for (let i = 0; i < end; i++) if ((cls(s.charCodeAt(i)) & BASE64) === 0) return false;
  return true;
}

/** OpenAPI `binary`: any string. */
export function binary(_s: string): boolean {
  return true;
}

/** OpenAPI `password`: any string (a hint to hide it). */
export function password(_s: string): boolean {
  return true;
}

/** Every checker by its format name. Import single checkers instead where tree-shaking matters. */
export const formats: Record<string, (value: string) => boolean> = {
  date,
  time,
  "date-time": dateTime,
  duration,
  email,
  hostname,
  "idn-email": idnEmail,
  "idn-hostname": idnHostname,
  ipv4,
  ipv6,
  uri,
  "uri-reference": uriReference,
  iri,
  "iri-reference": iriReference,
  "uri-template": uriTemplate,
  uuid,
  "json-pointer": jsonPointer,
  "relative-json-pointer": relativeJsonPointer,
  regex,
  byte,
  binary,
  password,
};
