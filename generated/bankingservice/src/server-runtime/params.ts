/** Parameters from their wire text: percent-decoding, path styles, query and cookie parsing, by each parameter's style and shape. */
import { forbiddenMember, jsonLimitBroken } from "./json-limits.js";
import type { Param, ProblemDetails } from "./types.js";

type Issues = NonNullable<ProblemDetails["errors"]>;

/** Sets a property named by the wire or the spec: `__proto__` becomes an own property, never the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Whether `o` has `k` itself (a name from the wire or the spec may be `__proto__` or `constructor`). */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** One empty list for every place that has none to give (scopes, API keys, violations): a `[]` is a list made per request. */
export const NONE: readonly never[] = Object.freeze([]);

export function decode(text: string, plus: boolean): string {
  // most names and values hold neither `+` nor `%`: no regular expression, no decoder for them
  const t = plus && text.includes("+") ? text.replace(/\+/g, " ") : text;
  return t.includes("%") ? decodeURIComponent(t) : t;
}

/** Whether `text` is valid percent-encoding of UTF-8 (a lone `%` or `%FF` is not). */
export function decodable(text: string): boolean {
  try {
    decode(text, false);
    return true;
  } catch {
    return false;
  }
}

export function splitMixed(parts: readonly (string | Param)[], raw: string, values: Record<string, unknown>, issues: NonNullable<ProblemDetails["errors"]>): void {
  const texts = splitRaw(parts, raw) ?? [];
  let i = 0;
  for (const p of parts) if (typeof p !== "string") setOwn(values, p[0], texts[i++] ?? "");
  void issues;
}

/** A path parameter from its raw segment: split by its style first, then each piece decoded once. */
export function readPath(p: Param, raw: string, values: Record<string, unknown>, issues: NonNullable<ProblemDetails["errors"]>): void {
  let text = raw;
  let sep = ",";
  const style = p[2];
  if (style === "label" || style === "labelExplode") {
    if (text.startsWith(".")) text = text.slice(1);
    if (style === "labelExplode") sep = ".";
  } else if (style === "matrix" || style === "matrixExplode") {
    const prefix = `;${p[1]}=`;
    if (style === "matrixExplode" && p[3] !== "scalar") {
      const pieces = text.split(";").slice(1);
      text = pieces.map((s) => (p[3] === "array" && s.startsWith(`${p[1]}=`) ? s.slice(p[1].length + 1) : s)).join(",");
    } else if (text.startsWith(prefix)) text = text.slice(prefix.length);
    else if (text === `;${p[1]}`) text = "";
  }
  setOwn(values, p[0], fromText(p, text, sep, issues, "/path/", true));
}

/** Nesting a parameter's JSON text may have (a URL or a header is short; bodies take the `maxDepth` option). */
const PARAM_DEPTH = 64;

/**
 * JSON text parsed and held to json-limits.ts (as the member `key` of an object, when it is one): a broken
 * limit is an issue at `pointer`, and the text stays text.
 */
function parseLimited(text: string, issues: Issues, pointer: string, key?: string): unknown {
  const value = JSON.parse(text) as unknown;
  const broken = key !== undefined && forbiddenMember(key, value) ? `has a forbidden key '${key}'` : jsonLimitBroken(value, PARAM_DEPTH);
  if (!broken) return value;
  issues.push({ pointer, detail: broken });
  return text;
}

/** The JSON text of an object or array, parsed; anything else (or text that is no JSON) as it is (the validator says whether it fits). */
function parseNested(v: unknown, issues: Issues, pointer: string, key?: string): unknown {
  if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return v;
  try {
    return parseLimited(v, issues, pointer, key);
  } catch {
    return v;
  }
}

/** The objects and arrays nested in an array or object parameter, as the client sends them: JSON text, parsed. */
export function unnest(p: Param, value: unknown, issues: Issues, at: string): unknown {
  const nested = p[4];
  if (!nested || value === null || typeof value !== "object") return value;
  const base = at + pointerSegment(p[0]);
  if (Array.isArray(value)) return value.map((v, i) => parseNested(v, issues, `${base}/${i}`));
  const out = value as Record<string, unknown>;
  const names = nested === true ? Object.keys(out) : "except" in nested ? Object.keys(out).filter((k) => !nested.except.includes(k)) : nested;
  // a member a URL repeats (`tags=a&tags=b`) is the list of its values, each read alike
  for (const k of names) {
    if (!Object.prototype.hasOwnProperty.call(out, k)) continue;
    const member = out[k];
    const at = `${base}/${pointerSegment(k)}`;
    setOwn(out, k, Array.isArray(member) ? member.map((v, i) => parseNested(v, issues, `${at}/${i}`)) : parseNested(member, issues, at, k));
  }
  return out;
}

/** One parameter from its (still encoded when `encoded`) wire text, by shape. */
export function fromText(p: Param, text: string, sep: string, issues: Issues, at: string, encoded = false): unknown {
  return unnest(p, fromTextOnly(p, text, sep, issues, at, encoded), issues, at);
}

function fromTextOnly(p: Param, text: string, sep: string, issues: NonNullable<ProblemDetails["errors"]>, at: string, encoded: boolean): unknown {
  const dec = (s: string) => (encoded ? decode(s, false) : s);
  // a header's list (not encoded) may have spaces around its commas, which are no part of its items (RFC 9110 §5.6.1)
  const item = (s: string) => (encoded ? decode(s, false) : s.trim());
  try {
    if (p[2] === "json") return parseLimited(dec(text), issues, at + pointerSegment(p[0]));
    if (p[3] === "scalar") return dec(text);
    if (p[3] === "array") return text === "" ? [] : text.split(sep).map(item);
    const out: Record<string, unknown> = {};
    const explode = p[2].endsWith("Explode");
    const pieces = text === "" ? [] : text.split(explode ? sep : ",");
    if (explode) {
      for (const piece of pieces) {
        const eq = piece.indexOf("=");
        if (eq > 0) setOwn(out, item(piece.slice(0, eq).trim()), item(piece.slice(eq + 1)));
      }
    } else {
      if (pieces.length % 2 === 1) {
        issues.push({ pointer: at + pointerSegment(p[0]), detail: ODD_PAIRS });
        return undefined;
      }
      for (let i = 0; i < pieces.length; i += 2) setOwn(out, item(pieces[i]!), item(pieces[i + 1]!));
    }
    return out;
  } catch {
    issues.push({ pointer: at + pointerSegment(p[0]), detail: p[2] === "json" ? "is not valid JSON" : "is not validly percent-encoded" });
    return undefined;
  }
}

/**
 * A delimited object (`color=R,100,G,200`) whose items do not pair up: refused, not read as a guess. A
 * client that percent-encodes the delimiters (URLSearchParams over a joined string) sends one item.
 */
const ODD_PAIRS = "is not a list of names and values: it has an odd number of items (its commas sent percent-encoded?)";

export function pointerSegment(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `a=1&b=2&a=3` as its pairs, names and values as sent (not decoded), in order; `a` alone is `["a", ""]`. */
export function sentPairs(search: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (search) for (const pair of search.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    out.push(eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  return out;
}

/** The value `parseQuery` keeps for a pair that is no valid percent-encoding: its reader reports it where the spec names it. */
export const UNDECODABLE = "\u0000%";

/**
 * Why a free-form pair (a form field, a member of an exploded query object) is refused, if it is: the name
 * `__proto__`, as a JSON body's key is, or a value that was no percent-encoding (`%ZZ`), which is no text.
 */
export function refusedPair(name: string, values: readonly unknown[]): string | undefined {
  return name === "__proto__" ? "is a forbidden name" : values.includes(UNDECODABLE) ? "is not validly percent-encoded" : undefined;
}

/**
 * `a=1&b=2&a=3` into names (decoded) and their values (decoded, `+` is a space; as sent with `raw`, for a
 * delimited list, which is split before its items are decoded: `ids=a%2Cb,c` is `a,b` and `c`).
 */
export function parseQuery(search: string, raw = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [sentName, sentValue] of sentPairs(search)) {
    let name: string;
    let value: string;
    try {
      name = decode(sentName, true);
      value = raw ? sentValue : decode(sentValue, true);
    } catch {
      name = sentName;
      value = UNDECODABLE;
    }
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}

/** A `deepObject` member path's problem (as in a form body, deep-form.ts): too deep, or reaching a prototype. */
function problemOf(path: readonly string[]): string | undefined {
  if (path.length > PARAM_DEPTH) return `nests deeper than ${PARAM_DEPTH} levels`;
  const forbidden = path.findIndex((seg, i) => seg === "__proto__" || (seg === "prototype" && path[i - 1] === "constructor"));
  return forbidden < 0 ? undefined : `has a forbidden member name '${path[forbidden]}'`;
}

/**
 * A `deepObject` member's path from its key as sent (`filter[born][after]`: `born`, `after`), each name
 * decoded after the split, so a name's own brackets, which the client escapes (`filter[a%5D%5Bb]`), stay in
 * it: where the key has a literal `[`, the literal brackets are the notation; a key without one (qs and
 * URLSearchParams escape every bracket) is split once decoded. `null`: the key is another parameter's
 * (`filter%5Bx%5D[a]` is `filter[x]`'s); `undefined`: malformed (`filter[a`, `filter[a]]`) or not decodable.
 */
function memberPath(key: string, name: string): string[] | null | undefined {
  try {
    if (!key.includes("[")) return bracketNames(decode(key, true).slice(name.length));
    const open = key.indexOf("[");
    if (decode(key.slice(0, open), true) !== name) return null;
    return bracketNames(key.slice(open))?.map((n) => decode(n, true));
  } catch {
    return undefined;
  }
}

/**
 * `[a][0][]` as its names (`a`, `0`, ``), for `deepObject` parameters and form fields; brackets inside a name
 * that pair up are its own (`[a[b]]` is `a[b]`), and a name whose `[` no `]` closes ends at its first `]`
 * (`[[a][b]` is `[a`, `b`): so every name the client sends in a form, whose names are decoded before they are
 * split, reads back but one with a `]` that closes no `[` of its own (`a]`), which it refuses to send.
 * `undefined` when it is not brackets one after another.
 */
export function bracketNames(rest: string): string[] | undefined {
  // each `[`'s pairing `]`, found in one pass: scanning on from each name that does not close would take time
  // quadratic in a hostile name (`[[a][[a][[a]...`)
  const closes: number[] = [];
  const opens: number[] = [];
  for (let i = 0; i < rest.length; i++) if (rest[i] === "[") opens.push(i); else if (rest[i] === "]" && opens.length) closes[opens.pop()!] = i;
  const out: string[] = [];
  let at = 0;
  while (at < rest.length) {
    if (rest[at] !== "[") return undefined;
    const end = closes[at] ?? rest.indexOf("]", at + 1);
    if (end < 0) return undefined;
    out.push(rest.slice(at + 1, end));
    at = end + 1;
  }
  return out;
}

/**
 * The query's parameters from its pairs (decoded) and, for delimited lists and objects, its pairs as sent
 * (`rawPairs`), for `deepObject` members its names too (`sent`). `apiKeys` are the names of API keys the operation's security takes from the query: pairs
 * of their own, never members of an exploded `form` object.
 */
export function readQuery(params: readonly Param[], pairs: Map<string, string[]>, rawPairs: () => Map<string, string[]>, sent: () => Array<[string, string]>, apiKeys: readonly string[], issues: NonNullable<ProblemDetails["errors"]>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const known = new Set([...params.map((p) => p[1]), ...apiKeys]);
  const deepPrefixes = params.filter((p) => p[2] === "deepObject").map((p) => `${p[1]}[`);
  for (const p of params) {
    const [name, , style, shape] = p;
    if (style === "deepObject") {
      const obj: Record<string, unknown> = {};
      let any = false;
      const prefix = `${name}[`;
      // each member's path and values, in the order first sent (`filter[t]=1&filter[t]=2` is a list)
      const members = new Map<string, [path: string[], values: string[]]>();
      for (const [k, v] of sent()) {
        let full = k;
        try {
          full = decode(k, true);
        } catch {
          // kept as sent: its member names are decoded one by one, and one that cannot be is reported
        }
        if (!full.startsWith(prefix) || known.has(full)) continue;
        const path = memberPath(k, name);
        if (path === null) continue;
        any = true;
        const problem = path === undefined ? `has a malformed member name '${full.slice(0, 100)}': each member is a [name], its own brackets sent as %5B and %5D` : problemOf(path);
        let value: string | undefined;
        try {
          value = decode(v, true);
        } catch {
          // reported below, at the parameter
        }
        if (problem || value === undefined) {
          issues.push({ pointer: `/query/${pointerSegment(name)}`, detail: problem ?? "is not validly percent-encoded" });
          break; // one clear issue, however many pairs a hostile query repeats it in
        }
        const key = JSON.stringify(path);
        const member = members.get(key);
        if (member) member[1].push(value);
        else members.set(key, [path!, [value]]);
      }
      for (const [path, vals] of members.values()) {
        let at = obj;
        for (const seg of path.slice(0, -1)) {
          let next = hasOwn(at, seg) ? at[seg] : undefined;
          if (next === null || typeof next !== "object" || Array.isArray(next)) setOwn(at, seg, (next = {}));
          at = next as Record<string, unknown>;
        }
        setOwn(at, path[path.length - 1]!, vals.length === 1 ? vals[0] : vals);
      }
      if (any) setOwn(values, name, obj);
      continue;
    }
    if (style === "formExplode" && shape === "object") {
      const obj: Record<string, unknown> = {};
      let any = false;
      for (const [k, vals] of pairs) {
        // The other parameters' pairs are theirs (deepObject ones by their `name[` prefix).
        if (known.has(k) || deepPrefixes.some((d) => k.startsWith(d))) continue;
        const refused = refusedPair(k, vals);
        if (refused) {
          issues.push({ pointer: `/query/${pointerSegment(name)}/${pointerSegment(k)}`, detail: refused });
          continue;
        }
        any = true;
        // a key repeated keeps every value (`tags=a&tags=b`, `tags[]=a&tags[]=b` by its name as sent), as a repeated parameter does
        setOwn(obj, k, vals.length === 1 ? vals[0] : vals);
      }
      if (any) setOwn(values, name, obj);
      continue;
    }
    const vals = pairs.get(p[1]);
    if (!vals) continue;
    if (vals.includes(UNDECODABLE)) {
      issues.push({ pointer: `/query/${pointerSegment(name)}`, detail: "is not validly percent-encoded" });
      continue;
    }
    if (style === "json") {
      try {
        setOwn(values, name, parseLimited(vals[0]!, issues, `/query/${pointerSegment(name)}`));
      } catch {
        issues.push({ pointer: `/query/${pointerSegment(name)}`, detail: "is not valid JSON" });
      }
    } else if (shape === "array") {
      // a delimiter is split before decoding, so an item's own `,` or `|` (sent as `%2C`, `%7C`) stays in it;
      // spaceDelimited's delimiter is itself encoded (`%20`), which an item's space cannot be told from
      if (style === "formExplode") setOwn(values, name, vals);
      else if (style === "spaceDelimited") setOwn(values, name, vals.flatMap((v) => (v === "" ? [] : v.split(" "))));
      else setOwn(values, name, (rawPairs().get(p[1]) ?? []).flatMap((v) => (v === "" ? [] : v.split(style === "pipeDelimited" ? "|" : ",").map((s) => decode(s, true)))));
    } else if (shape === "object") {
      const text = rawPairs().get(p[1])![0]!;
      const pieces = text === "" ? [] : text.split(",").map((s) => decode(s, true));
      if (pieces.length % 2 === 1) {
        issues.push({ pointer: `/query/${pointerSegment(name)}`, detail: ODD_PAIRS });
        continue;
      }
      const obj: Record<string, unknown> = {};
      for (let i = 0; i + 1 < pieces.length; i += 2) setOwn(obj, pieces[i]!, pieces[i + 1]);
      setOwn(values, name, obj);
    } else setOwn(values, name, vals.length === 1 ? vals[0] : vals);
  }
  for (const p of params) if (p[4] && Object.prototype.hasOwnProperty.call(values, p[0])) setOwn(values, p[0], unnest(p, values[p[0]], issues, "/query/"));
  return values;
}

/** A `Cookie` header's values by name (the first of a name), decoded, from its pairs as sent (`cookiePairs`). */
export function parseCookies(pairs: ReadonlyArray<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of pairs) if (!out.has(name)) out.set(name, cookieText(value));
  return out;
}

/** Every cookie of a `Cookie` header as sent, in order, a name as often as it comes (unquoted, not decoded). */
export function cookiePairs(header: string | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of header ? header.split(";") : []) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
    out.push([part.slice(0, eq).trim(), value]);
  }
  return out;
}

/** Cookie text, decoded where it is valid percent-encoding, else as it is (`100%`, from a client that does not encode). */
export function cookieText(c: string): string {
  try {
    return decode(c, false);
  } catch {
    return c;
  }
}

export function matchMixed(parts: readonly (string | Param)[], raw: string): boolean {
  return splitRaw(parts, raw) !== undefined;
}

/**
 * The text of each parameter of a mixed segment (`{name}.{ext}`), decoded after the split: a literal is found
 * as sent, so a value's own `.` that the client percent-encodes (`%2E`) is never one. Where the literal recurs
 * (`a.b.csv` from a client that does not encode it), an earlier parameter takes the longest text the rest
 * allows (`name` is `a.b`, as a file's extension is its last one). Literals written percent-encoded
 * (`%3A` for `:`) are matched when the literal as written is not.
 */
export function splitRaw(parts: readonly (string | Param)[], raw: string): string[] | undefined {
  // hex digits of either case are the same triplet (RFC 3986 §2.1; .NET's UrlEncode writes `%3a`)
  const texts = splitAt(parts, raw, (l) => l) ?? splitAt(parts, raw.replace(/%[\da-f]{2}/gi, (t) => t.toUpperCase()), encodeURIComponent);
  if (!texts) return undefined;
  try {
    return texts.map((t) => decode(t, false));
  } catch {
    return undefined;
  }
}

/** Right to left, each parameter after the last place its literal allows: linear, and finds a split where there is one. */
function splitAt(parts: readonly (string | Param)[], raw: string, form: (literal: string) => string): string[] | undefined {
  const out: string[] = [];
  let end = raw.length;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (typeof p === "string") {
      const l = form(p);
      if (!raw.endsWith(l, end)) return undefined;
      end -= l.length;
      continue;
    }
    const prev = parts[i - 1];
    let start = 0;
    if (typeof prev === "string") {
      const l = form(prev);
      start = i === 1 ? (raw.startsWith(l) ? l.length : -1) : raw.lastIndexOf(l, end - l.length - 1) + l.length;
      if (start < l.length) return undefined;
    } else if (prev !== undefined) return undefined; // two parameters side by side: no place to split
    if (start >= end) return undefined;
    out.unshift(raw.slice(start, end));
    end = start;
  }
  return end === 0 ? out : undefined;
}
