/**
 * The string format checkers of the generated validators (templates/validators/formats.ts):
 * - table-driven edge cases per format (given, want);
 * - a differential test against ajv-formats' `full` mode on a few thousand generated and hand-picked
 *   strings per format, where every disagreement must be explained by a rule of DIFFERENCES below;
 * - a ReDoS check: every checker on megabyte-long adversarial strings.
 */
import type { Format } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { describe, expect, it } from "vitest";
import * as checkers from "../../templates/validators/formats.js";
import { formats } from "../../templates/validators/formats.js";
import { seededRandom as rng } from "../../generator/openapi/random-value.js";

type Table = ReadonlyArray<readonly [given: string, want: boolean]>;

// ---------------------------------------------------------------------------------------------------
// Tables

const DATE: Table = [
  ["2024-02-29", true], // leap year (divisible by 4)
  ["2000-02-29", true], // leap year (divisible by 400)
  ["1900-02-29", false], // not a leap year (divisible by 100, not 400)
  ["2023-02-29", false],
  ["2024-02-30", false],
  ["2024-01-31", true],
  ["2024-04-31", false], // April has 30 days
  ["2024-06-30", true],
  ["2024-11-31", false],
  ["2024-12-31", true],
  ["2024-13-01", false], // month 13
  ["2024-00-10", false],
  ["2024-01-00", false],
  ["0000-01-01", true], // RFC 3339 date-fullyear is any 4 digits
  ["9999-12-31", true],
  ["2024-1-01", false],
  ["24-01-01", false],
  ["12024-01-01", false],
  ["2024/01/01", false],
  ["2024-01-01T00:00:00Z", false],
  ["2024-01-01\n", false],
  [" 2024-01-01", false],
  ["2024-01-0১", false], // a Bengali digit
  ["", false],
];

const TIME: Table = [
  ["00:00:00Z", true],
  ["23:59:59Z", true],
  ["08:30:06z", true], // lower-case z (RFC 3339 §5.6 NOTE)
  ["08:30:06.283185Z", true], // fractional seconds, any number of digits
  ["08:30:06.Z", false], // a dot needs a digit
  ["08:30:06+01:00", true],
  ["08:30:06-08:00", true],
  ["12:34:56-00:00", true], // unknown local offset
  ["08:30:06+23:59", true],
  ["08:30:06+24:00", false], // offset hour 24
  ["08:30:06+01:60", false], // offset minute 60
  ["08:30:06+01", false], // time-numoffset needs minutes (ajv accepts)
  ["08:30:06+0100", false], // and a colon (ajv accepts)
  ["08:30:06", false], // the offset is required
  ["24:00:00Z", false], // hour 24
  ["23:60:00Z", false], // minute 60
  ["23:59:60Z", true], // leap second at 23:59 UTC
  ["23:59:60.5Z", true],
  ["23:59:61Z", false],
  ["00:59:59.999999999999999Z", true], // ajv rejects: it reads the seconds as a float, and that one is 60
  ["22:59:60Z", false], // leap second in the wrong hour
  ["23:58:60Z", false], // leap second in the wrong minute
  ["15:59:60-08:00", true], // 23:59 UTC
  ["00:29:60-23:30", true], // 23:59 UTC
  ["01:29:60+01:30", true], // 23:59 UTC the day before
  ["23:59:60+01:00", false], // 22:59 UTC
  ["24:59:60+01:00", false], // hour 24 is out of range even if the offset makes 23:59 UTC (ajv accepts)
  ["8:30:06Z", false],
  ["08:30:06ZZ", false],
  ["08:30:06Z+01:00", false],
  ["08:30:06 PST", false],
  ["01:01:01,111Z", false],
  ["", false],
];

const DATE_TIME: Table = [
  ["1963-06-19T08:30:06.283185Z", true],
  ["1963-06-19t08:30:06z", true], // lower-case t and z
  ["1963-06-19 08:30:06Z", true], // a space (RFC 3339 §5.6 NOTE), as ajv
  ["1963-06-19\t08:30:06Z", false], // other whitespace (ajv accepts)
  ["1963-06-19\n08:30:06Z", false],
  ["1963-06-19\u00a008:30:06Z", false],
  ["1963-06-19T08:30:06", false], // no offset
  ["1963-06-19T08:30:06+01:00", true],
  ["1985-04-12T00:59:59.999999999999999Z", true], // ajv rejects (seconds read as a float)
  ["1963-06-19T08:30:06+0100", false],
  ["2024-02-29T12:00:00Z", true],
  ["2023-02-29T12:00:00Z", false],
  ["1900-02-29T12:00:00Z", false],
  ["2000-02-29T12:00:00Z", true],
  ["1998-12-31T23:59:60Z", true],
  ["1998-12-31T15:59:60.123-08:00", true],
  ["1998-12-31T23:58:60Z", false],
  ["2016-12-31T24:59:60+01:00", false],
  ["1990-12-31T24:00:00Z", false],
  ["1990-12-31T15:59:59-24:00", false],
  ["1963-06-19TT08:30:06Z", false],
  ["1963-06-19", false],
  ["+11963-06-19T08:30:06Z", false],
  ["1963-06-19T08:30:06Z\n", false],
];

const DURATION: Table = [
  ["P4DT12H30M5S", true],
  ["P1Y2M3DT4H5M6S", true],
  ["P4Y", true],
  ["P1M", true],
  ["PT1M", true],
  ["PT36H", true],
  ["P2W", true],
  ["P0D", true],
  ["P01D", true],
  ["P1Y2M", true],
  ["P1M2D", true],
  ["PT1M2S", true],
  ["P1Y2D", false], // years and days without months (ajv accepts)
  ["PT1H2S", false], // hours and seconds without minutes (ajv accepts)
  ["P", false],
  ["PT", false],
  ["P1YT", false],
  ["PT1D", false],
  ["P2D1Y", false],
  ["P1D2H", false],
  ["P1Y2W", false],
  ["P1WT1H", false],
  ["PT0.5S", false],
  ["P1", false],
  ["-P1D", false],
  ["p1d", false], // upper case only, as ajv
  ["P1D ", false],
  // each designator where it belongs, compared by code unit: "M" is months before "T", minutes after
  ["P1MT1M", true],
  ["PT1H1M1S", true],
  ["P1S", false], // a time unit among the date units
  ["P1H", false],
  ["PT1Y", false], // a date unit among the time units
  ["PT1S1H", false],
  ["P1D1D", false],
  ["P1X", false],
  ["PT1m", false],
];

const EMAIL: Table = [
  ["joe.bloggs@example.com", true],
  ["te~st@example.com", true],
  ["a!#$%&'*+/=?^_`{|}~-z@example.com", true], // every atext character
  ["user+tag@sub.example.co.uk", true],
  ["1@2.3", true],
  ["a@b", false], // a single-label domain, as ajv
  [".test@example.com", false],
  ["test.@example.com", false],
  ["te..st@example.com", false],
  ["te.s.t@example.com", true],
  ['"joe bloggs"@example.com', false], // quoted local parts: not in ajv's full mode either
  ['"joe..bloggs"@example.com', false],
  ["joe.bloggs@[127.0.0.1]", false], // address literals: not in ajv's full mode either
  ["joe.bloggs@[IPv6:::1]", false],
  ["joe.bloggs@invalid=domain.com", false],
  ["joe@-example.com", false],
  ["joe@example-.com", false],
  ["joe@example..com", false],
  ["joe@example.com.", false],
  ["joe bloggs@example.com", false],
  ["@example.com", false],
  ["joe@", false],
  ["joe", false],
  ["a@b@example.com", false],
  ["δοκιμή@example.com", false], // non-ASCII: that is idn-email
  ["joe@exämple.com", false],
  [`${"a".repeat(64)}@example.com`, true],
  [`${"a".repeat(65)}@example.com`, false], // RFC 5321 §4.5.3.1.1 (ajv accepts)
  [`a@${"b".repeat(63)}.com`, true],
  [`a@${"b".repeat(64)}.com`, false], // a label over 63 (ajv accepts)
  ["user1@oceania.org, user2@oceania.org", false],
];

const HOSTNAME: Table = [
  ["www.example.com", true],
  ["hostname", true],
  ["1host", true],
  ["a--b.com", true],
  ["xn--9n2bp8q.xn--9t4b11yi5a", true],
  ["EXAMPLE.COM", true],
  ["", false],
  [".", false],
  [".example", false],
  ["example.", false], // a trailing dot (ajv accepts)
  ["example..com", false],
  ["-hostname", false],
  ["hostname-", false],
  ["host_name", false],
  ["host name", false],
  ["example．com", false], // fullwidth full stop
  ["\u212aelvin.example.com", false], // U+212A KELVIN SIGN
  [`${"a".repeat(63)}.com`, true],
  [`${"a".repeat(64)}.com`, false],
  [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`, true], // 253
  [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`, false], // 254
  ["example.com\n", false],
  // labels beginning xn-- are A-labels (RFC 5890 §2.3.2.1); ajv checks them as LDH only
  ["XN--9N2BP8Q.xn--9T4B11YI5A", true], // prefix and Punycode digits in any case
  ["xn--mnchen-3ya.de", true], // münchen
  ["xn--Mnchen-3ya.de", false], // München: upper case is DISALLOWED in a U-label (RFC 5892 §2.2)
  ["xn--zca.com", true], // ß, an exception that is PVALID
  ["xn--ls8h.la", false], // U+1F4A9 (So) is DISALLOWED
  ["xn--a.com", false], // decodes to U+0080, a control
  ["xn--999999999999.com", false], // Punycode overflow (RFC 3492 §6.4)
  ["ab--cd.com", true], // "--" in positions 3-4 without xn-: RFC 1123 allows it
  // the fast path (COMMON_HOSTNAME: no "--", at most 63 long) and what it leaves to the scanner
  ["a", true],
  ["A-1.b-2.C3", true],
  ["abc-d.example", true], // "-" in position 4: the scanner's at once
  ["a-b--c.example", true], // "--" elsewhere: refused by the fast path, accepted by the scanner
  ["a.-b", false],
  ["a-.b", false],
  ["a---", false],
  [`${"a".repeat(30)}.${"b".repeat(32)}`, true], // 63 long
  [`${"a".repeat(31)}.${"b".repeat(32)}`, true], // 64 long: the scanner's
  [`${"a".repeat(31)}.${"b".repeat(32)}-`, false],
  ["a.b_", false],
  ["host.xn--4dbrk0ce", true], // ישראל: a Bidi domain name whose labels keep the Bidi rule
  ["1host.xn--4dbrk0ce", false], // RFC 5893 rule 1: in a Bidi domain name a label starts with L, R or AL
  // A-labels read once while decoded (no "-" after xn--), and those read again (basic code points, or a
  // decoding that fails before a "-"): where they end, how long they are, what follows them
  ["xn--9t4b11yi5a", true], // 테스트 alone
  ["a.xn--9t4b11yi5a", true], // last
  ["xn--9t4b11yi5a.xn--zca", true],
  ["xn--", false], // no code point
  ["xn--.com", false],
  ["a.xn--", false],
  ["xn--9t4b11yi5", false], // a variable-length integer unfinished at the end
  ["xn--9t4b11yi5.com", false], // ... and at a "."
  ["xn--9t4b11yi5a-", false], // a trailing hyphen
  ["xn---9t4b11yi5a", false], // a "-" with nothing before it: no basic code points, a digit missing
  ["xn--9t4b11yi5a_", false],
  ["xn--9t4b_11yi5a.com", false],
  ["xn--9t4b11yi5a.", false], // a trailing dot
  ["xn--9t4b11yi5a..com", false],
  ["xn--9t4b11yi5a.-a", false],
  ["xn--bcher-kva.example", true], // bücher: basic code points before the last "-"
  ["xn--zca-", false],
  ["xn--zzzzzzzzzz-jeb.com", true], // zzzzzzzzzzü: "zzzzzzzzzz" read as digits overflows, the "-" makes it basic
  [`xn--o39${"a".repeat(56)}`, true], // 57 x 가: 63 long
  [`xn--o39${"a".repeat(57)}.com`, false], // 58 x 가: 64 long
  ["xn--o39aa146aba250aca343fda204cea775dfa693moup98hv7svgjowkh3k9ql", false], // 64 long, the last integer crossing 63
  [`xn--${"a".repeat(55)}-8yf`, true], // 55 x a then ü: 63 long
  [`xn--${"a".repeat(56)}-t2f.com`, false], // 64 long
  [`xn--o39${"a".repeat(56)}.xn--o39${"a".repeat(56)}.xn--o39${"a".repeat(56)}.${"d".repeat(61)}`, true], // 253
  [`xn--o39${"a".repeat(56)}.xn--o39${"a".repeat(56)}.xn--o39${"a".repeat(56)}.${"d".repeat(62)}`, false], // 254
];

const IDN_HOSTNAME: Table = [
  // LDH labels and separators (RFC 3490 §3.1)
  ["example.com", true],
  ["ex_ample.com", false],
  ["a\u3002b\uff0ec\uff61d", true],
  ["a\u3002", false], // a trailing separator, as for hostname
  ["a\u3002\u3002b", false],
  // U-labels (RFC 5891 §5.4)
  ["münchen.de", true],
  ["München.de", false], // Unstable: upper case folds (RFC 5892 §2.2)
  ["mu\u0308nchen.de", false], // not NFC
  ["\u0301a", false], // begins with a combining mark
  ["a-b\u00e9", true],
  ["ab--\u00e9", false], // "--" in positions 3 and 4 (RFC 5891 §4.2.3.1)
  ["\u00e9-", false], // ends with a hyphen
  ["\u0378x", false], // Unassigned
  ["\ufb00", false], // Unstable: NFKC makes it "ff"
  ["\u00b5", false], // MICRO SIGN: NFKC makes it μ
  ["\u03bc", true],
  ["\u1f80", false], // ᾀ folds to ἀι (toLowerCase alone would keep it)
  ["\u1f00", true],
  ["\u0131stanbul", true], // dotless ı folds to itself
  ["\u13a0", true], // CHEROKEE LETTER A: case folding keeps the capital
  ["\uab70", false], // CHEROKEE SMALL LETTER A folds to U+13A0
  ["\u1c80", false], // CYRILLIC SMALL LETTER ROUNDED VE folds to в
  ["a\u00adb", false], // IgnorableProperties: SOFT HYPHEN is Default_Ignorable
  ["\ufdd0", false], // IgnorableProperties: a noncharacter
  ["a\u20d0", false], // IgnorableBlocks: Combining Diacritical Marks for Symbols
  ["a\u{1d165}", false], // IgnorableBlocks: Musical Symbols (a spacing mark)
  ["\u1100", false], // OldHangulJamo
  ["\uac00", true],
  ["\u0966\u0967", true], // LetterDigits: Nd outside ASCII
  ["a\u2603", false], // So: DISALLOWED
  ["stra\u00dfe", true], // Exceptions: ß is PVALID
  ["\u0628\u0640\u0628", false], // Exceptions: ARABIC TATWEEL is DISALLOWED
  ["\ud800", false], // a lone surrogate
  // CONTEXTJ (RFC 5892 Appendix A.1, A.2)
  ["\u0d15\u0d4d\u200c\u0d15", true], // ZWNJ after a Malayalam virama
  ["\u0d15\u200d\u0d15", false], // ZWJ without a virama
  ["\u0628\u200c\u0627", true], // ZWNJ between dual-joining BEH and right-joining ALEF
  ["\u0628\u064e\u200c\u064e\u0628", true], // transparent marks on either side
  ["\u0627\u200c\u0628", false], // right-joining ALEF cannot join to the left
  ["\u0628\u200c", false],
  // CONTEXTO (Appendix A.3-A.9)
  ["l\u00b7l", true],
  ["l\u00b7", false],
  ["\u03b1\u0375\u03b2", true],
  ["\u03b1\u0375a", false],
  ["\u05d0\u05f3", true],
  ["a\u05f4", false],
  ["\u30fb\u30a2", true],
  ["\u30fba", false],
  ["\u0628\u0661\u0662", true],
  ["\u06f1\u0661", false],
  // Bidi rule (RFC 5893 §2)
  ["\u05d0\u05d1.example", true],
  ["\u05d0\u05d1.1example", false], // rule 1: a label of a Bidi domain name starts with L, R or AL
  ["1example", true], // not a Bidi domain name
  ["\u05d0a", false], // rule 2: no L in a right-to-left label
  ["\u05d0\u05b0", true], // rule 3: may end with NSM after R
  ["\u05d01", true], // rule 3: may end with EN
  ["\u05d01\u0661", false], // rule 4: EN and AN not both
  ["a\u0628", false], // rule 5: no R or AL in a left-to-right label
  ["a\u05d0b.com", false],
  // A-labels
  ["xn--mnchen-3ya.de", true],
  ["xn--mnchen-3ya.xn--X", false],
  ["xn---9uc", false], // not canonical
  // lengths in ASCII form (RFC 5890 §2.3.2.1: an A-label is at most 63 octets; a name at most 253)
  ["ü".repeat(57), true], // xn-- and 59 octets
  ["ü".repeat(58), false],
  [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(53)}.ü`, true], // ü is xn--tda: 253
  [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(54)}.ü`, false],
  ["", false],
];

const IDN_EMAIL: Table = [
  ["δοκιμή@παράδειγμα.δοκιμή", true],
  ["用户@例子.广告", true],
  ["joe.bloggs@example.com", true],
  ["user@例子", false], // one label, as for email
  ["user@example\u3002com", false], // RFC 6531 §3.3: a Domain's labels are joined by "." only
  ['"δοκιμή καλή"@example.com', true], // Quoted-string (RFC 5321 §4.1.2)
  ['"a\\"b"@example.com', true], // quoted-pair
  ['"a"b"@example.com', false],
  ['"ab@example.com', false],
  ["δοκιμή.@example.com", false],
  ["δο..κιμή@example.com", false],
  [".δοκιμή@example.com", false],
  ["δοκιμή@example.com.", false],
  ["δοκιμή@[127.0.0.1]", false], // address literals, as for email
  ["a b@example.com", false],
  ["\ud800@example.com", false], // a lone surrogate is no UTF-8
  [`${"é".repeat(32)}@example.com`, true], // 64 octets of UTF-8
  [`${"é".repeat(33)}@example.com`, false], // 66 octets (RFC 5321 §4.5.3.1.1)
  ["user@München.de", false], // the domain follows idn-hostname
  ["user@mu\u0308nchen.de", true], // the domain is normalized to NFC first (RFC 6532 §3.1)
  ["user@xn--mnchen-3ya.de", true],
  ["user@xn--X.de", false],
  ["user@-example.com", false],
  ["user", false],
];

const IPV4: Table = [
  ["192.168.0.1", true],
  ["0.0.0.0", true],
  ["255.255.255.255", true],
  ["256.0.0.1", false],
  ["192.168.0.256", false],
  ["01.2.3.4", false], // no leading zeros, as ajv
  ["1.2.3.04", false],
  ["1.2.3.000", false],
  ["1.2.3", false],
  ["1.2.3.4.5", false],
  ["127.1", false],
  ["0x7f.0.0.1", false],
  ["2130706433", false],
  ["1.2.3.4/24", false],
  ["1.2.3.4:80", false],
  [" 1.2.3.4", false],
  ["1.2.3.4\n", false],
  ["1..3.4", false],
  ["1.2.3.4.", false],
  ["１.2.3.4", false], // fullwidth digit
  ["", false],
  // the scanner's edges: octet lengths, the end, what follows a "."
  ["249.250.251.252", true], // 15 long
  ["199.200.209.210", true],
  ["1.2.3.255", true],
  ["1.2.3.256", false],
  ["255.255.255.2555", false], // 16 long
  ["1.2.3.1000", false],
  ["0.0.0.00", false],
  ["000.0.0.0", false],
  ["1.2.3.", false],
  [".1.2.3", false],
  ["1.2.3.4 ", false],
  ["1.2.3.4\u0000", false],
  ["1.2.3.-1", false],
  ["1.2.3.+1", false],
  ["1.2.3. 1", false],
  ["1.2.3/4", false], // "/" is the code unit below "0"
  ["1.2.3:4", false], // ":" the one above "9"
  ["1.2.3.4.5.6.7.8", false], // 15 long, too many dots
];

const IPV6: Table = [
  ["::", true],
  ["::1", true],
  ["1::", true],
  ["1:2:3:4:5:6:7:8", true],
  ["1:2:3:4:5:6:7::", true], // "::" may stand for a single zero group (RFC 4291 §2.2)
  ["::2:3:4:5:6:7:8", true],
  ["1:2:3:4:5:6:7:8::", false],
  ["1::2:3:4:5:6:7:8", false], // "::" must stand for at least one group
  ["fe80::a:b:c:d", true],
  ["FE80::ABCD", true],
  ["::ffff:192.168.0.1", true],
  ["1:2:3:4:5:6:1.2.3.4", true],
  ["1:2:3:4:5:6:7:1.2.3.4", false],
  ["::ffff:192.168.0.01", false], // leading zero in the IPv4 part
  ["::ffff:256.1.1.1", false],
  ["::ffff:255.255.255.255", true], // the IPv4 part ends where the address does
  ["::ffff:1.2.3.", false],
  ["::ffff:1.2.3.4:1", false],
  ["::1.2.3", false],
  ["1.2.3.4", false],
  ["12345::", false],
  ["1:::2", false],
  ["1::2::3", false],
  [":1:2:3:4:5:6:7", false],
  ["1:2:3:4:5:6:7:", false],
  ["1:2:3:4:5:6:7", false],
  ["::g", false],
  ["fe80::1%eth0", false], // no zone index
  ["fe80::/64", false],
  ["[::1]", false],
  ["", false],
];

const URI: Table = [
  ["http://example.com", true],
  ["http://foo.bar/?baz=qux#quux", true],
  ["https://user:pass@example.com:8080/p/a/t/h?query=1&b=2#frag", true],
  ["http://[2001:db8::7]/c=GB?objectClass?one", true],
  ["http://[::ffff:192.168.0.1]:80/", true],
  ["http://[v1.fe:x]/", true], // IPvFuture
  ["http://[::ffff:01.2.3.4]", false], // dec-octet has no leading zeros (ajv accepts)
  ["http://[1::2::3]/", false],
  ["http://[::1/", false],
  ["http://127.0.0.1/", true],
  ["http://999.999.999.999/", true], // a reg-name
  ["http://example.com:/", true], // an empty port
  ["http://example.com:abc/", false], // a port is digits (ajv accepts)
  ["http:/[::1]", false], // brackets in a path (ajv accepts)
  ["http://a@b@c/", false], // one "@" at most (ajv accepts)
  ["mailto:John.Doe@example.com", true],
  ["urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true],
  ["tel:+1-816-555-1212", true],
  ["file:///etc/hosts", true],
  ["about:", true], // an empty path is allowed by hier-part (ajv rejects)
  ["http://foo.bar/?q=Test%20URL-encoded%20stuff", true],
  ["http://example.com/%6G", false],
  ["http://example.com/%A", false],
  ["http://example.com/%", false],
  ["http://example.com/a b", false],
  ["http://example.com/a\\b", false],
  ['http://example.com/a"b', false],
  ["http://example.com/a<b>", false],
  ["http://example.com/a{b}", false],
  ["http://example.com/a^b", false],
  ["http://example.com/a`b", false],
  ["http://example.com/a|b", false],
  ["http://example.com/foobar®.txt", false], // non-ASCII: that is iri
  ["http://example.com/#a#b", false],
  ["//example.com/", false], // relative
  ["/abc", false],
  ["abc", false],
  ["1http://example.com", false],
  ["ht_tp://example.com", false],
  ["bar,baz:foo", false],
  ["", false],
];

const URI_REFERENCE: Table = [
  ["http://foo.bar/?baz=qux#quux", true],
  ["//foo.bar/?baz=qux#quux", true],
  ["/abc", true],
  ["abc", true],
  ["#fragment", true],
  ["?query=1", true],
  ["", true],
  ["//", true],
  ["./this:that", true],
  ["this/that:other", true], // a colon after the first segment
  ["1:b", false], // a colon in the first segment of a relative path (ajv accepts)
  ["a:b", true], // a scheme
  ["\\\\WINDOWS\\fileshare", false],
  ["#frag\\ment", false],
  ["/foobar®.txt", false],
  ['/a"b', false], // ajv accepts
  ["/[::1]", false], // ajv accepts
  ["//example.com:abc/p", false], // ajv accepts
  ["//a@b@example.com/", false],
  ["/%zz", false],
  ["//[::ffff:192.168.0.01]/p", false],
  ["foo:", true],
];

const IRI: Table = [
  ["http://ƒøø.ßår/?∂éœ=πîx#πîüx", true],
  ["http://[2001:db8::1]/", true],
  ["http://ƒøø.ßår/𐌀", true], // a supplementary-plane character
  ["http://ƒøø.ßår/?q=\udb80\udc00", true], // iprivate (U+F0000) in the query
  ["http://ƒøø.ßår/\udb80\udc00", false], // but not in the path
  ["http://example.com/\ue000", false], // nor U+E000
  ["http://example.com/?\ue000", true],
  ["http://example.com/\ufdd0", false], // a noncharacter
  ["http://example.com/\ud800", false], // a lone surrogate
  ["http://example.com/\u0085", false], // a C1 control
  ["http://2001:0db8:85a3:0000:0000:8a2e:0370:7334", false],
  ["âππ", false],
  ["/abc", false],
];

const IRI_REFERENCE: Table = [
  ["http://ƒøø.ßår/?∂éœ=πîx#πîüx", true],
  ["//ƒøø.ßår/?∂éœ=πîx#πîüx", true],
  ["/âππ", true],
  ["âππ", true],
  ["#ƒrägmênt", true],
  ["#ƒräg\\mênt", false],
  ["\\\\WINDOWS\\filëßåré", false],
  ["ünï:code", false], // not a scheme (non-ASCII), so a colon in the first segment of a relative path
];

const URI_TEMPLATE: Table = [
  ["http://example.com/dictionary/{term:1}/{term}", true],
  ["http://example.com/dictionary/{term:1}/{term", false],
  ["", true],
  ["{+var}", true],
  ["{#var}", true],
  ["{.var}", true],
  ["{/var*}", true],
  ["{;x,y}", true],
  ["{?x,y,empty}", true],
  ["{&var:3}", true],
  ["{=var}", true], // a reserved operator is still syntax (RFC 6570 §2.2)
  ["{x,y}", true],
  ["{a.b}", true], // a dotted name (ajv rejects)
  ["{a..b}", false],
  ["{.a.}", false],
  ["{%41}", true],
  ["{%4}", false],
  ["{v:1000}", true],
  ["{v:10000}", false],
  ["{v:0}", false],
  ["{v:01}", false],
  ["{v*:1}", false],
  ["{}", false],
  ["{a,,b}", false],
  ["{a,}", false],
  ["{,a}", true], // "," is an operator (reserved)
  ["{var=def}", false],
  ["{a b}", false],
  ["foo}bar", false],
  ["a b", false],
  ["a\u007fb", false], // DEL (ajv accepts)
  ["a'b", true], // RFC 6570 erratum 6937 (ajv rejects)
  ["a%41b", true],
  ["a%4", false],
  ["a😀b", true],
  ["a\ud800b", false], // a lone surrogate (ajv accepts)
  ['a"b', false],
  ["a<b", false],
];

const UUID: Table = [
  ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", true],
  ["2EB8AA08-AA98-11EA-B4AA-73B441D16380", true],
  ["2eb8aa08-AA98-11ea-B4Aa-73B441D16380", true],
  ["00000000-0000-0000-0000-000000000000", true],
  ["99c17cbb-656f-f64a-940f-1a4568f03487", true], // any version
  ["urn:uuid:2eb8aa08-aa98-11ea-b4aa-73b441d16380", true], // as ajv
  ["URN:UUID:2eb8aa08-aa98-11ea-b4aa-73b441d16380", true],
  ["urn:uuid2eb8aa08-aa98-11ea-b4aa-73b441d16380", false],
  ["urn:uid:2eb8aa08-aa98-11ea-b4aa-73b441d16380", false],
  ["2eb8aa08-aa98-11ea-b4aa-73b441d1638", false],
  ["2eb8aa08-aa98-11ea-b4aa-73b441d163800", false],
  ["2eb8aa08aa9811eab4aa73b441d16380", false],
  ["2eb8aa08-aa98-11ea-b4ga-73b441d16380", false],
  ["2eb8aa0-8aa98-11e-ab4aa7-3b441d16380", false],
  ["{2eb8aa08-aa98-11ea-b4aa-73b441d16380}", false],
  ["2eb8aa08-aa98-11ea-b4aa-73b441d16380\n", false],
];

const JSON_POINTER: Table = [
  ["", true],
  ["/", true],
  ["/foo/0", true],
  ["/a~1b", true],
  ["/m~0n", true],
  ["/foo//bar", true],
  ["/foo/bar/", true],
  ["/ ", true],
  ["/e^f|g\\h\"i%j", true],
  ["/😎", true],
  ["/~", false],
  ["/~2", false],
  ["/~0~", false],
  ["/~~", false],
  ["a", false],
  ["#/a", false],
  ["0", false],
];

const RELATIVE_JSON_POINTER: Table = [
  ["0", true],
  ["1", true],
  ["100", true],
  ["0/foo/bar", true],
  ["2/0/baz/1/zip", true],
  ["0#", true],
  ["0//", true],
  ["0+1/foo", true], // index manipulation, draft-bhutton-relative-json-pointer-00 §3 (ajv rejects)
  ["1-2", true],
  ["0+0", false],
  ["0+01", false],
  ["0+1#", false],
  ["/foo/bar", false],
  ["-1/foo", false],
  ["+1/foo", false],
  ["01/a", false],
  ["01#", false],
  ["0##", false],
  ["1#/foo", false],
  ["0/~2", false],
  ["", false],
  ["1\n", false],
];

const REGEX: Table = [
  ["([abc])+\\s+$", true],
  ["(?<name>x)\\k<name>", true],
  ["(?<=a+)b", true],
  ["\\p{L}+", true],
  ["[]", true],
  ["[^]", true],
  ["\\cA", true],
  ["^(abc]", false],
  ["\\a", false], // an identity escape is an error with "u" (ajv accepts)
  ["a{", false], // a lone brace too (ajv accepts)
  ["(?P<name>x)", false],
  ["(?i)abc", false],
  ["\\Z", false],
  ["*", false],
  ["", true],
];

const BYTE: Table = [
  ["", true],
  ["QQ==", true],
  ["QUI=", true],
  ["QUJD", true],
  ["aGVsbG8gd29ybGQ=", true],
  ["+/+/", true],
  ["QR==", true], // non-zero pad bits: accepted, as ajv (RFC 4648 §3.5 allows either)
  ["Q===", false],
  ["QQ=", false],
  ["QQ", false],
  ["=QQQ", false],
  ["QQ==QQ==", false],
  ["QU JD", false],
  ["QUJD\n", false], // ajv accepts
  ["!!!\nQUJD", false], // ajv accepts
  ["QUJD\nQUJD", false], // ajv accepts
  ["aGVsbG8_d29ybGQ=", false], // base64url alphabet
];

const TABLES: Record<string, Table> = {
  date: DATE,
  time: TIME,
  "date-time": DATE_TIME,
  duration: DURATION,
  email: EMAIL,
  hostname: HOSTNAME,
  "idn-hostname": IDN_HOSTNAME,
  "idn-email": IDN_EMAIL,
  ipv4: IPV4,
  ipv6: IPV6,
  uri: URI,
  "uri-reference": URI_REFERENCE,
  iri: IRI,
  "iri-reference": IRI_REFERENCE,
  "uri-template": URI_TEMPLATE,
  uuid: UUID,
  "json-pointer": JSON_POINTER,
  "relative-json-pointer": RELATIVE_JSON_POINTER,
  regex: REGEX,
  byte: BYTE,
  binary: [["", true], ["\u0000\uffff anything", true]],
  password: [["", true], ["hunter2", true]],
};

function check(format: string): (s: string) => boolean {
  const f = formats[format];
  if (!f) throw new Error(`no checker for ${format}`);
  return f;
}

describe("format tables", () => {
  for (const [format, table] of Object.entries(TABLES)) {
    const rows = table.map(([given, want]) => [JSON.stringify(given).slice(0, 80), want ? "valid" : "invalid", given, want] as const);
    it.each(rows)(`${format} %s is %s`, (_name, _verdict, given, want) => {
      expect(check(format)(given)).toBe(want);
    });
  }

  it("every checker has a table and a named export", () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(formats).sort());
    const named: Record<string, unknown> = checkers;
    for (const [format, f] of Object.entries(formats)) {
      const exportName = format.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(named[exportName], format).toBe(f);
    }
  });

  it("IRI forms accept every URI the URI forms accept", () => {
    for (const [given, want] of URI) if (want) expect(checkers.iri(given), given).toBe(true);
    for (const [given, want] of URI_REFERENCE) if (want) expect(checkers.iriReference(given), given).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Differential test against ajv-formats `full`

function ajvChecker(format: string): (s: string) => boolean {
  const def = (fullFormats as Record<string, Format | undefined>)[format];
  if (def === undefined || typeof def === "string") throw new Error(`ajv-formats has no ${format}`);
  if (def === true) return () => true;
  if (def instanceof RegExp) return (s) => def.test(s);
  if (typeof def === "function") return (s) => def(s) === true;
  const v: unknown = def.validate;
  if (v instanceof RegExp) return (s) => v.test(s);
  if (typeof v === "function") return (s) => (v as (s: string) => unknown)(s) === true;
  throw new Error(`unexpected ajv-formats definition for ${format}`);
}

/**
 * A known, deliberate disagreement with ajv-formats `full`. `side` says who accepts: "ajv" (we are
 * stricter) or "ours" (we accept what ajv rejects). A string's disagreement is explained by a rule whose
 * narrow test `matches` it, or by `repair`s: each undoes just its own difference (and leaves other strings
 * alone); when the repairs of the format and side, applied in turn, make the side that rejected accept,
 * the repairs that changed the string explain it.
 */
interface Difference {
  format: string;
  side: "ajv" | "ours";
  why: string;
  matches?: (s: string) => boolean;
  repair?: (s: string) => string;
}

/** `+hh` / `+hhmm` at the end rewritten as `+hh:mm`. */
function colonOffset(s: string): string {
  return s.replace(/([+-]\d\d)(\d\d)?$/, (_m, h: string, m: string | undefined) => `${h}:${m ?? "00"}`);
}

/** `scheme:/x` or (no scheme) `/x` with one more slash, the way ajv's `\/?\/` reads it. */
function extraSlash(s: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?/i.exec(s);
  const at = m ? m[0].length : 0;
  return s.charAt(at) === "/" ? `${s.slice(0, at)}/${s.slice(at)}` : s;
}

/** Leading zeros dropped from the dotted quads inside an IP literal. */
function unzeroLiteral(s: string): string {
  return s.replace(/\[[^\]]*\]/g, (lit) => lit.replace(/\d+(?=\.)|(?<=\.)\d+/g, (d) => String(Number(d))));
}

/** A relative reference whose first segment holds a colon, as ajv takes it: prefixed with `./`. */
function dotSlash(s: string): string {
  return /^[^/?#:]*:/.test(s) && !/^[a-z][a-z0-9+.-]*:/i.test(s) ? `./${s}` : s;
}

/** Dots between variable-name characters removed from every expression (the operator "." is kept). */
function undot(s: string): string {
  return s.replace(/\{[^}]*\}/g, (e) => e.charAt(0) + e.slice(1).replace(/([A-Za-z0-9_])\.(?=[A-Za-z0-9_%])/g, "$1"));
}

/** Hour above 23 or minute above 59 with second 60. */
function leapOutOfRange(s: string): boolean {
  const m = /(?:^|[Tt ])(\d\d):(\d\d):60/.exec(s);
  return m !== null && (Number(m[1]) > 23 || Number(m[2]) > 59);
}

const DIFFERENCES: Difference[] = [
  ...["time", "date-time"].flatMap((format): Difference[] => [
    {
      format,
      side: "ajv",
      why: "ajv accepts the offsets +hh and +hhmm; RFC 3339 §5.6 time-numoffset is +hh:mm",
      repair: colonOffset,
    },
    {
      format,
      side: "ajv",
      why: "ajv skips the hour/minute range check for second 60: 24:59:60+01:00 passes as 23:59 UTC",
      matches: leapOutOfRange,
    },
    {
      format,
      side: "ours",
      why: "ajv reads the seconds as a float: 59.999999999999999 is 60, then fails its leap-second test; RFC 3339 time-secfrac is any digits",
      matches: (s) => {
        const m = /:(59\.\d+)/.exec(s);
        return m !== null && Number(m[1]) >= 60;
      },
    },
  ]),
  {
    format: "date-time",
    side: "ajv",
    why: "ajv splits date and time on any \\s (tab, newline, NBSP, U+2028...); RFC 3339 §5.6 has T, t, and (NOTE) a space",
    repair: (s) => (/^\s$/.test(s.charAt(10)) && s.charAt(10) !== " " ? `${s.slice(0, 10)}T${s.slice(11)}` : s),
  },
  {
    format: "duration",
    side: "ajv",
    why: "ajv lets any subset of units appear; RFC 3339 Appendix A nests them (no Y..D without M, no H..S without M)",
    matches: (s) => {
      const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(s);
      return m !== null && ((m[1] !== undefined && m[3] !== undefined && m[2] === undefined) || (m[4] !== undefined && m[6] !== undefined && m[5] === undefined));
    },
  },
  {
    format: "email",
    side: "ajv",
    why: "ajv has no length limits; RFC 5321 §4.5.3.1: local part <= 64, address <= 254; domain labels <= 63 (RFC 1123 §2.1)",
    matches: (s) => {
      const at = s.indexOf("@");
      return at > 64 || s.length > 254 || s.slice(at + 1).split(".").some((label) => label.length > 63);
    },
  },
  {
    format: "hostname",
    side: "ajv",
    why: "ajv accepts a trailing dot; RFC 952/1123 host names are labels joined by dots",
    repair: (s) => (s.endsWith(".") ? s.slice(0, -1) : s),
  },
  {
    format: "hostname",
    side: "ajv",
    why: "ajv checks labels beginning xn-- as LDH only; RFC 5890 §2.3.2.1 makes them A-labels: Punycode of a valid U-label (and RFC 5893's Bidi rule over the name)",
    matches: (s) => /(?:^|\.)xn--/i.test(s),
  },
  {
    format: "uri-reference",
    side: "ajv",
    why: 'ajv\'s uri-reference regex lists `"` among the host and path characters; RFC 3986 has no `"`',
    repair: (s) => s.replace(/"/g, ""),
  },
  {
    format: "uri-reference",
    side: "ajv",
    why: "ajv accepts a colon in the first segment of a relative path (`1:b`); RFC 3986 §4.2 path-noscheme excludes it",
    repair: dotSlash,
  },
  ...["uri", "uri-reference"].flatMap((format): Difference[] => [
    {
      format,
      side: "ajv",
      why: "ajv's `\\/?\\/` reads a single slash as the start of an authority, so `x:/[::1]` and `x://h:port-not-digits/` pass",
      repair: extraSlash,
    },
    {
      format,
      side: "ajv",
      why: "ajv's IPv4 inside an IPv6 literal allows leading zeros; RFC 3986 §3.2.2 dec-octet does not",
      repair: unzeroLiteral,
    },
  ]),
  {
    format: "uri",
    side: "ours",
    why: "RFC 3986 §3 hier-part includes path-empty (`about:`, `x:?q`); ajv's regex requires a path character",
    matches: (s) => /^[a-z][a-z0-9+.-]*:(?:[?#]|$)/i.test(s),
  },
  {
    format: "uri-template",
    side: "ours",
    why: "RFC 6570 erratum 6937 (verified) makes \"'\" a literal; ajv follows the unamended text",
    repair: (s) => s.replace(/'/g, ""),
  },
  {
    format: "uri-template",
    side: "ours",
    why: 'RFC 6570 §2.3 varname = varchar *( ["."] varchar ); ajv\'s variable names have no dots',
    repair: undot,
  },
  {
    format: "uri-template",
    side: "ajv",
    why: "ajv accepts DEL and any non-ASCII code unit; RFC 6570 §2.1 literals exclude CTLs and take only ucschar / iprivate",
    matches: (s) => /[\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/.test(s),
  },
  {
    format: "relative-json-pointer",
    side: "ours",
    why: "draft-bhutton-relative-json-pointer-00 §3 (cited by JSON Schema 2020-12) adds index manipulation; ajv follows the older draft",
    repair: (s) => s.replace(/^(0|[1-9]\d*)[+-][1-9]\d*/, "$1"),
  },
  {
    format: "regex",
    side: "ajv",
    why: 'we compile with the "u" flag, as patterns are compiled; ajv compiles without it and accepts Annex B forms (\\a, a{, ])',
    matches: (s) => {
      try {
        new RegExp(s);
      } catch {
        return false;
      }
      try {
        new RegExp(s, "u");
        return false;
      } catch {
        return true;
      }
    },
  },
  {
    format: "byte",
    side: "ajv",
    why: "ajv's base64 regex has the m flag: any string with one valid line passes; RFC 4648 §3.1/§3.3 allow no line breaks",
    matches: (s) => /[\n\r\u2028\u2029]/.test(s),
  },
];

/** The rules explaining why `mine` and `peer` disagree on `s`, or none. */
function explain(s: string, format: string, mine: (s: string) => boolean, peer: (s: string) => boolean): Difference[] {
  const side = peer(s) ? "ajv" : "ours";
  const rules = DIFFERENCES.filter((d) => d.format === format && d.side === side);
  const direct = rules.find((d) => d.matches?.(s));
  if (direct) return [direct];
  // the smallest set of repairs (in list order) after which the side that rejected accepts
  const repairs = rules.filter((d) => d.repair);
  const rejecter = side === "ajv" ? mine : peer;
  let best: Difference[] = [];
  for (let mask = 1; mask < 1 << repairs.length; mask++) {
    const chosen = repairs.filter((_d, k) => (mask & (1 << k)) !== 0);
    if (best.length > 0 && chosen.length >= best.length) continue;
    let t = s;
    let changedAll = true;
    for (const d of chosen) {
      const u = d.repair ? d.repair(t) : t;
      if (u === t) changedAll = false;
      t = u;
    }
    if (changedAll && rejecter(t)) best = chosen;
  }
  return best;
}

class Gen {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  pad(n: number, width: number): string {
    return String(n).padStart(width, "0");
  }
  chars(alphabet: string, min: number, max: number): string {
    let s = "";
    const n = min + this.int(max - min + 1);
    for (let k = 0; k < n; k++) s += alphabet.charAt(this.int(alphabet.length));
    return s;
  }
  /** One to three random edits: delete, insert, replace, duplicate a slice, swap neighbours. */
  mutate(s: string, alphabet: string): string {
    const edits = 1 + this.int(3);
    for (let e = 0; e < edits; e++) {
      const at = this.int(s.length + 1);
      const c = alphabet.charAt(this.int(alphabet.length));
      switch (this.int(5)) {
        case 0:
          s = s.slice(0, at) + s.slice(at + 1);
          break;
        case 1:
          s = s.slice(0, at) + c + s.slice(at);
          break;
        case 2:
          s = s.slice(0, at) + c + s.slice(at + 1);
          break;
        case 3: {
          const len = 1 + this.int(4);
          s = s.slice(0, at + len) + s.slice(at, at + len) + s.slice(at + len);
          break;
        }
        default:
          if (at + 1 < s.length) s = s.slice(0, at) + s.charAt(at + 1) + s.charAt(at) + s.slice(at + 2);
      }
    }
    return s;
  }
}

const HEXCHARS = "0123456789abcdefABCDEF";

const gDate = (g: Gen): string => {
  const y = g.chance(0.3) ? g.pick([1900, 2000, 2024, 2023, 2100, 400, 0, 9999]) : g.int(10000);
  return `${g.pad(y, 4)}-${g.pad(g.int(14), 2)}-${g.pad(g.int(33), 2)}`;
};
const gOffset = (g: Gen): string =>
  g.pick([
    () => "Z",
    () => "z",
    () => `${g.pick(["+", "-"])}${g.pad(g.int(26), 2)}:${g.pad(g.pick([0, 30, 59, 60, g.int(62)]), 2)}`,
    () => `${g.pick(["+", "-"])}${g.pad(g.int(25), 2)}`,
    () => `${g.pick(["+", "-"])}${g.pad(g.int(25), 2)}${g.pad(g.int(61), 2)}`,
    () => "",
    () => " PST",
  ])();
const gTime = (g: Gen): string => {
  if (g.chance(0.3)) {
    // a well-formed time, to have valid strings in the mix
    const off = g.pick(["Z", "z", `${g.pick(["+", "-"])}${g.pad(g.int(24), 2)}:${g.pad(g.int(60), 2)}`]);
    return `${g.pad(g.int(24), 2)}:${g.pad(g.int(60), 2)}:${g.pad(g.int(60), 2)}${g.chance(0.3) ? ".5" : ""}${off}`;
  }
  const h = g.chance(0.3) ? g.pick([0, 23, 24, 22, 1, 15]) : g.int(26);
  const m = g.chance(0.3) ? g.pick([59, 58, 60, 29, 0]) : g.int(62);
  const s = g.chance(0.35) ? 60 : g.int(62);
  const frac = g.chance(0.3) ? `.${g.chance(0.2) ? "9".repeat(10 + g.int(10)) : g.chars("0123456789", 0, 6)}` : "";
  return `${g.pad(h, 2)}:${g.pad(m, 2)}:${g.pad(s, 2)}${frac}${gOffset(g)}`;
};
const gDuration = (g: Gen): string => {
  if (g.chance(0.1)) return `P${g.chars("0123456789", 0, 3)}W${g.chance(0.2) ? "T1H" : ""}`;
  let s = "P";
  for (const u of "YMD") if (g.chance(0.45)) s += `${g.chars("0123456789", 1, 3)}${u}`;
  if (g.chance(0.5)) {
    s += "T";
    for (const u of "HMS") if (g.chance(0.45)) s += `${g.chars("0123456789", 1, 3)}${u}`;
  }
  return s;
};
const gLabel = (g: Gen): string =>
  g.pick([
    () => g.chars("abcdefghijklmnopqrstuvwxyz0123456789", 1, 12),
    () => g.chars("abcxyz0189-", 1, 10),
    () => `${g.chars("abc", 1, 1)}${g.chars("abc-", 0, 4)}${g.chars("xyz", 1, 1)}`,
    () => "a".repeat(g.pick([62, 63, 64])),
    () => g.pick(["xn--9n2bp8q", "EXAMPLE", "a_b", "", "é", "-a", "a-"]),
  ])();
const gHost = (g: Gen): string => {
  const labels: string[] = [];
  const n = 1 + g.int(g.chance(0.05) ? 6 : 4);
  for (let k = 0; k < n; k++) labels.push(g.chance(0.03) ? "b".repeat(63) : gLabel(g));
  return labels.join(".") + (g.chance(0.1) ? "." : "");
};
const gOctet = (g: Gen): string => g.pick([() => String(g.int(256)), () => String(g.int(300)), () => g.pad(g.int(100), g.pick([2, 3])), () => g.pick(["0", "00", "255", "256", "1", ""])])();
const gIpv4 = (g: Gen): string => {
  const n = g.chance(0.85) ? 4 : g.pick([3, 5]);
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(gOctet(g));
  return parts.join(".");
};
const gIpv6 = (g: Gen): string => {
  const n = g.int(10);
  const groups: string[] = [];
  for (let k = 0; k < n; k++) groups.push(g.chance(0.05) ? g.chars("0123456789abcdefg", 5, 5) : g.chars(HEXCHARS, g.chance(0.05) ? 0 : 1, 4));
  if (g.chance(0.25)) groups.push(gIpv4(g));
  let s = groups.join(":");
  if (g.chance(0.6)) {
    const at = g.int(groups.length + 1);
    s = [groups.slice(0, at).join(":"), groups.slice(at).join(":")].join("::");
  }
  return s;
};
const gPchars = (g: Gen, extra = ""): string =>
  g.pick([
    () => g.chars("abcXYZ019-._~!$&'()*+,;=:@", 0, 8),
    () => `${g.chars("ab", 0, 2)}${g.pick(["%41", "%7e", "%4", "%zz", "%", "%%41"])}${g.chars("ab", 0, 2)}`,
    () => g.chars(`ab/:@?#[]" <>\\^\`{|}%é${extra}`, 1, 4),
    () => "",
  ])();
const gAuthority = (g: Gen): string => {
  const userinfo = g.chance(0.2) ? `${g.pick(["user", "u:p", "a@b", "", "%41", "u ser", '"q"'])}@` : "";
  const host = g.pick([
    () => gHost(g),
    () => gIpv4(g),
    () => `[${gIpv6(g)}]`,
    () => `[v${g.chars(HEXCHARS, 0, 2)}.${g.chars("ab:!", 0, 3)}]`,
    () => g.pick(["", "[", "[::1", "a b", "a\"b", "%41%42", "ex~ample.com"]),
  ])();
  const port = g.chance(0.3) ? `:${g.pick(["80", "", "abc", "8080", "-1", ":"])}` : "";
  return userinfo + host + port;
};
const gUriReference = (g: Gen, scheme: boolean): string => {
  let s = "";
  if (scheme) s += `${g.pick(["http", "https", "urn", "mailto", "x+y.z-1", "1x", "a_b", "H", "ftp"])}:`;
  const shape = g.int(4);
  if (shape === 0) s += `//${gAuthority(g)}`;
  else if (shape === 1) s += "/";
  else if (shape === 2) s += g.pick(["", ":", "./", "a:b", "1:x"]);
  const segments = g.int(4);
  for (let k = 0; k < segments; k++) s += `${k > 0 || shape === 0 ? "/" : ""}${gPchars(g)}`;
  if (g.chance(0.3)) s += `?${gPchars(g, "?/")}`;
  if (g.chance(0.3)) s += `#${gPchars(g, "?/#")}`;
  return s;
};
const gVarspec = (g: Gen): string => {
  const name = g.pick([() => g.chars("abXY_09", 1, 5), () => `${g.chars("ab", 1, 2)}.${g.chars("cd", 1, 2)}`, () => g.pick(["%41", "%4", "a..b", ".a", "a.", "", "a b", "a-b"])])();
  const mod = g.pick(["", "", "*", `:${g.int(12000)}`, ":0", ":01", "*:1"]);
  return name + mod;
};
const gUriTemplate = (g: Gen): string => {
  let s = "";
  const parts = g.int(5);
  for (let k = 0; k < parts; k++) {
    if (g.chance(0.5)) {
      const vars: string[] = [];
      const n = 1 + g.int(3);
      for (let v = 0; v < n; v++) vars.push(gVarspec(g));
      s += `{${g.pick(["", "", "+", "#", ".", "/", ";", "?", "&", "=", ",", "!", "@", "|", "$"])}${vars.join(",")}${g.chance(0.95) ? "}" : ""}`;
    } else {
      s += g.chars("abc/:?=&-._~!$'()*+,;@[]%41 \"<>\\^`{|}\u007f\u00a0é😀\ud800\ufdd0", 1, 6);
    }
  }
  return s;
};
const gEmail = (g: Gen): string => {
  const local = g.pick([
    () => g.chars("abcxyz0189!#$%&'*+/=?^_`{|}~-", 1, 10),
    () => `${g.chars("abc", 1, 4)}.${g.chars("def", 1, 4)}`,
    () => g.chars("ab.", 1, 6),
    () => g.pick(['"joe bloggs"', "a b", "", "é", "a".repeat(64), "a".repeat(65), "a@b", "(comment)a"]),
  ])();
  const domain = g.pick([() => gHost(g), () => `[${gIpv4(g)}]`, () => `${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}.${"f".repeat(g.pick([60, 61, 62]))}`, () => "example.com"])();
  return `${local}@${domain}`;
};
const gUuid = (g: Gen): string => {
  const groups = [8, 4, 4, 4, 12].map((n) => g.chars(HEXCHARS, n, n));
  let s = groups.join("-");
  if (g.chance(0.15)) s = g.pick(["urn:uuid:", "URN:UUID:", "urn:uuid", "uuid:", "{"]) + s;
  return s;
};
const gPointer = (g: Gen): string => {
  let s = "";
  const n = g.int(4);
  for (let k = 0; k < n; k++) s += `/${g.chars("ab~01/#-% é\n", 0, 4)}`;
  return s;
};
const gRelativePointer = (g: Gen): string =>
  `${g.pick(["0", "1", "12", "01", "", "-1", "+1", "9"])}${g.pick(["", "", "+1", "-2", "+0", "+01", "-"])}${g.pick(["", "#", "##", gPointer(g), gPointer(g)])}`;
const gRegex = (g: Gen): string => g.chars("()[]{}*+?|\\^$.ab01,:-<>=!kpuxcdswbZ", 0, 8);
const gByte = (g: Gen): string => {
  let s = g.chars("ABCxyz019+/", 0, 3) + g.chars("QUJDaGVsbG8+/", 0, 12);
  s = s.slice(0, s.length - (s.length % 4));
  if (g.chance(0.4)) s += g.pick(["QQ==", "QUI=", "Q===", "QQ=", "QR==", "=", "\n", "\nQUJD", "!!!\n", "\r\nQUJD"]);
  return s;
};
const gDateTime = (g: Gen): string => `${gDate(g)}${g.pick(["T", "T", "t", " ", "\t", "\n", "\u00a0", "x", "TT"])}${gTime(g)}`;

interface Corpus {
  generate: (g: Gen) => string;
  alphabet: string;
}

const CORPORA: Record<string, Corpus> = {
  date: { generate: gDate, alphabet: "0123456789-T " },
  time: { generate: gTime, alphabet: "0123456789:.+-Zz " },
  "date-time": { generate: gDateTime, alphabet: "0123456789:.+-TtZz \t" },
  duration: { generate: gDuration, alphabet: "0123456789PYMWDTHS." },
  email: { generate: gEmail, alphabet: "ab.@-_[]\" " },
  hostname: { generate: gHost, alphabet: "ab09.-_ " },
  ipv4: { generate: gIpv4, alphabet: "0123456789.x " },
  ipv6: { generate: gIpv6, alphabet: "0123456789abcdefg:. " },
  uri: { generate: (g) => gUriReference(g, g.chance(0.9)), alphabet: "a:/?#@[]%1. \"" },
  "uri-reference": { generate: (g) => gUriReference(g, g.chance(0.5)), alphabet: "a:/?#@[]%1. \"" },
  "uri-template": { generate: gUriTemplate, alphabet: "{}a,.:*+#%1' " },
  uuid: { generate: gUuid, alphabet: "0123456789abcdefgA-:" },
  "json-pointer": { generate: gPointer, alphabet: "/~01a#" },
  "relative-json-pointer": { generate: gRelativePointer, alphabet: "0123/~#+-" },
  regex: { generate: gRegex, alphabet: "()[]{}*+?\\a" },
  byte: { generate: gByte, alphabet: "AQ+/=\n_" },
  binary: { generate: (g) => g.chars("ab\u0000é😀", 0, 6), alphabet: "a" },
  password: { generate: (g) => g.chars("ab\u0000é😀", 0, 6), alphabet: "a" },
};

/** A few thousand strings per format: the tables' cases, generated ones, and mutations of both. */
function corpus(format: string, seed: number): string[] {
  const c = CORPORA[format];
  if (!c) throw new Error(`no corpus for ${format}`);
  const g = new Gen(seed);
  const out = new Set<string>((TABLES[format] ?? []).map(([given]) => given));
  const seeds = [...out];
  for (const s of seeds) for (let k = 0; k < 5; k++) out.add(g.mutate(s, c.alphabet));
  for (let k = 0; k < 20_000 && out.size < 3000; k++) {
    const s = c.generate(g);
    out.add(s);
    if (k % 2 === 0) out.add(g.mutate(s, c.alphabet));
  }
  return [...out];
}

describe("differential against ajv-formats full", () => {
  const used = new Set<Difference>();
  const shared = Object.keys(CORPORA);

  it.each(shared)("%s: every disagreement is a listed difference", (format) => {
    const mine = check(format);
    const peer = ajvChecker(format);
    const strings = corpus(format, 0x5eed + format.length * 7919 + format.charCodeAt(0));
    expect(strings.length).toBeGreaterThan(2000);
    let valid = 0;
    const unexplained: string[] = [];
    for (const s of strings) {
      const a = mine(s);
      const b = peer(s);
      if (a) valid++;
      if (a === b) continue;
      const why = explain(s, format, mine, peer);
      for (const d of why) used.add(d);
      if (why.length === 0) unexplained.push(`${JSON.stringify(s)}: ${b ? "ajv accepts, we reject" : "we accept, ajv rejects"}`);
    }
    expect(unexplained, `unlisted disagreements on ${format}`).toEqual([]);
    // the corpus exercises both sides (binary and password accept everything)
    if (format !== "binary" && format !== "password") {
      expect(valid, `${format}: valid strings`).toBeGreaterThan(strings.length * 0.05);
      expect(valid, `${format}: invalid strings`).toBeLessThan(strings.length * 0.95);
    }
  });

  it("every listed difference still occurs (no stale entries)", () => {
    const stale = DIFFERENCES.filter((d) => !used.has(d)).map((d) => `${d.format}: ${d.why}`);
    expect(stale).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// ReDoS safety: linear time on hostile input

const MB = 1_000_000;
const ADVERSARIAL: string[] = [
  `${"a".repeat(MB)}!`,
  "1".repeat(MB),
  "::".repeat(MB / 10),
  `${"1:".repeat(MB / 2)}x`,
  `${"a.".repeat(MB / 2)}-`,
  `${"a-".repeat(MB / 2)}@`,
  `a@${"a.".repeat(MB / 2)}`,
  `${"%".repeat(MB)}`,
  `${"%4".repeat(MB / 2)}`,
  `http://${"a".repeat(MB)}:x`,
  `http://a${"/a".repeat(MB / 2)}?${"?".repeat(MB)}#${"#".repeat(MB)}`,
  `${"a".repeat(MB)}://${"a".repeat(MB)}:${"1".repeat(MB)}/${"a".repeat(MB)} `,
  `a:${"a/".repeat(MB / 2)}?${"a".repeat(MB)} `,
  `http://${"@".repeat(MB)}`,
  `http://[${"1:".repeat(MB / 2)}]`,
  `//${"a:".repeat(MB / 2)}`,
  `${"/".repeat(MB)}\\`,
  `${"{".repeat(MB)}`,
  `{${"a.".repeat(MB / 2)}}`,
  `{${"a,".repeat(MB / 2)}`,
  `${"~".repeat(MB)}`,
  `/${"~0".repeat(MB / 2)}~`,
  `1${"0".repeat(MB)}#`,
  `P${"1".repeat(MB)}`,
  `P${"1Y".repeat(MB / 2)}`,
  `2024-01-01T00:00:00.${"0".repeat(MB)}`,
  `2024-01-01T00:00:00.${"0".repeat(MB)}+01:0`,
  `${"0".repeat(MB)}-01-01`,
  `${"A".repeat(MB)}=`,
  `${"QUJD\n".repeat(MB / 5)}!`,
  `${"(".repeat(MB / 10)}`,
  `${"(?:a|a)*".repeat(1000)}`,
  `${"\ud83d\ude00".repeat(MB / 2)}\ud800`,
  `${"é".repeat(MB)}`,
  `xn--${"a".repeat(MB)}`,
  `${"xn--a.".repeat(MB / 6)}`,
  `${"\u0628\u200c".repeat(MB / 2)}`,
  `"${"a".repeat(MB)}`,
  `a@${"ü.".repeat(MB / 2)}`,
];

describe("ReDoS safety", () => {
  it.each(Object.keys(formats))("%s runs in linear time on megabyte-long adversarial strings", (format) => {
    const f = check(format);
    for (const s of ADVERSARIAL) expect(typeof f(s)).toBe("boolean");
  });
});

describe("regex", () => {
  it("refuses a pattern without changing Error.stackTraceLimit for anyone else", () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 17;
    try {
      expect(checkers.regex("(unclosed")).toBe(false);
      expect(checkers.regex("^[a-z]+$")).toBe(true);
      expect(Error.stackTraceLimit).toBe(17);
      expect(new Error("x").stack?.split("\n").length).toBeGreaterThan(1);
    } finally {
      Error.stackTraceLimit = before;
    }
  });

  it("still answers when the limit is read-only (frozen intrinsics)", () => {
    const descriptor = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit")!;
    Object.defineProperty(Error, "stackTraceLimit", { ...descriptor, writable: false });
    try {
      expect(checkers.regex("a+")).toBe(true);
      expect(checkers.regex("(unclosed")).toBe(false);
    } finally {
      Object.defineProperty(Error, "stackTraceLimit", descriptor);
    }
  });
});
