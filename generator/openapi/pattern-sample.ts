/**
 * A string matching a schema's `pattern` (ECMA-262 with `u`, as normalized), for the synthesized values of
 * the mock and the README: real specs constrain codes, amounts and IDs by patterns (`^[A-Z]{3}$`), and a
 * mock answering `"string"` there fails its own response validation. Each repetition is taken as few times
 * as it allows (more, when `minLength` asks), each alternative and class by its first member that fits;
 * the result is checked against the pattern and the lengths, and `undefined` when no such string was
 * found (back references, contradicting lookarounds), when it would be longer than `MAX_SAMPLE_LENGTH`
 * (`((a{1000}){1000}){1000}`) or when the pattern took too long to test (see bounded-regex.ts).
 */
import { testBounded } from "./bounded-regex.js";

/** The longest string synthesized for a schema: longer ones are no use as an example and may not fit in memory. */
export const MAX_SAMPLE_LENGTH = 4096;

type Node =
  | { kind: "text"; text: string }
  | { kind: "class"; source: string }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "repeat"; node: Node; min: number; max: number }
  | { kind: "fail" };

const EMPTY: Node = { kind: "text", text: "" };
/** Characters a class is tried with, in order: readable ones first. */
const CANDIDATES = [..."aA0_- .", ...Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)), "é", "\u00a0", "\t"];
const ESCAPE_CLASSES: Record<string, string> = { d: "0", D: "a", w: "a", W: "-", s: " ", S: "a" };
const CONTROL: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };

class Parser {
  at = 0;
  constructor(readonly src: string) {}

  alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.at] === "|") {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.src.length && this.src[this.at] !== "|" && this.src[this.at] !== ")") items.push(this.quantified(this.atom()));
    return { kind: "seq", items };
  }

  quantified(node: Node): Node {
    const rest = this.src.slice(this.at);
    const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(rest);
    if (!m) return node;
    this.at += m[0].length;
    if (m[1]) return { kind: "repeat", node, min: m[1] === "+" ? 1 : 0, max: m[1] === "?" ? 1 : Infinity };
    const min = Number(m[2]);
    return { kind: "repeat", node, min, max: m[3] === undefined ? min : m[4] ? Number(m[4]) : Infinity };
  }

  atom(): Node {
    const c = this.src[this.at]!;
    if (c === "^" || c === "$") {
      this.at++;
      return EMPTY;
    }
    if (c === ".") {
      this.at++;
      return { kind: "text", text: "a" };
    }
    if (c === "[") return this.charClass();
    if (c === "(") return this.group();
    if (c === "\\") return this.escape();
    const cp = this.src.codePointAt(this.at)!;
    this.at += cp > 0xffff ? 2 : 1;
    return { kind: "text", text: String.fromCodePoint(cp) };
  }

  group(): Node {
    const head = /^\((\?(?:[:=!]|<[=!]|<[^>]+>))?/.exec(this.src.slice(this.at))!;
    this.at += head[0].length;
    const inner = this.alternation();
    this.at++; // ")"
    // lookarounds match no text: the final check says whether the string satisfies them
    return head[1] && /^\?(?:[=!]|<[=!])$/.test(head[1]) ? EMPTY : inner;
  }

  charClass(): Node {
    const start = this.at;
    this.at++;
    if (this.src[this.at] === "^") this.at++;
    if (this.src[this.at] === "]") this.at++;
    while (this.at < this.src.length && this.src[this.at] !== "]") this.at += this.src[this.at] === "\\" ? 2 : 1;
    this.at++;
    return { kind: "class", source: this.src.slice(start, this.at) };
  }

  escape(): Node {
    const rest = this.src.slice(this.at + 1);
    const unicode = /^(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|c([a-zA-Z]))/.exec(rest);
    if (unicode) {
      this.at += 1 + unicode[0].length;
      const code = unicode[4] ? unicode[4].charCodeAt(0) % 32 : parseInt(unicode[1] ?? unicode[2] ?? unicode[3]!, 16);
      return { kind: "text", text: String.fromCodePoint(code) };
    }
    const property = /^[pP]\{[^}]*\}/.exec(rest);
    if (property) {
      this.at += 1 + property[0].length;
      return { kind: "class", source: `[\\${property[0]}]` };
    }
    const c = rest[0] ?? "";
    this.at += 2;
    if (/^[1-9]$/.test(c) || c === "k") return { kind: "fail" };
    if (c === "b" || c === "B") return EMPTY;
    if (ESCAPE_CLASSES[c] !== undefined) return { kind: "text", text: ESCAPE_CLASSES[c] };
    return { kind: "text", text: CONTROL[c] ?? c };
  }
}

/** The text of `node`, each unbounded repetition taken `grow` times more than its minimum. */
function produce(node: Node, grow: number): string | undefined {
  switch (node.kind) {
    case "text":
      return node.text;
    case "fail":
      return undefined;
    case "class":
      return classMember(node.source);
    case "seq": {
      let out = "";
      for (const item of node.items) {
        const part = produce(item, grow);
        if (part === undefined) return undefined;
        out += part;
        if (out.length > MAX_SAMPLE_LENGTH) return undefined;
      }
      return out;
    }
    case "alt":
      for (const option of node.options) {
        const part = produce(option, grow);
        if (part !== undefined) return part;
      }
      return undefined;
    case "repeat": {
      const part = produce(node.node, grow);
      if (part === undefined) return node.min === 0 ? "" : undefined;
      if (part === "") return "";
      const count = Math.min(node.max, node.min + (part === "" ? 0 : grow));
      return part.length * count > MAX_SAMPLE_LENGTH ? undefined : part.repeat(count);
    }
  }
}

function classMember(source: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(`^${source}$`, "u");
  } catch {
    return undefined;
  }
  return CANDIDATES.find((c) => re.test(c));
}

function length(s: string): number {
  return [...s].length;
}

/** A string matching `pattern` with `minLength <= length <= maxLength`, or `undefined`. */
export function patternSample(pattern: string, minLength = 0, maxLength = Infinity): string | undefined {
  if (minLength > MAX_SAMPLE_LENGTH) return undefined;
  let re: RegExp;
  let tree: Node;
  try {
    re = new RegExp(pattern, "u");
    tree = new Parser(pattern).alternation();
  } catch {
    return undefined;
  }
  // true, false, or "stop" when testing took too long (a longer string would take longer still)
  const fits = (s: string): boolean | "stop" => {
    if (length(s) < minLength || length(s) > maxLength) return false;
    return testBounded(re, s) ?? "stop";
  };
  // every repetition count up to `minLength` (`^[0-9]+$` of length 12 needs exactly 11 more), then a few larger
  const grows = [...Array.from({ length: Math.min(minLength, 256) + 1 }, (_, i) => i), 16, 32, 64];
  for (const grow of grows) {
    let s: string | undefined;
    try {
      s = produce(tree, grow);
    } catch {
      return undefined; // nesting deeper than the stack (the parser's recursion passed, produce's did not)
    }
    if (s === undefined) continue;
    // an unanchored pattern matches inside a longer string: pad to `minLength`
    for (const candidate of length(s) < minLength ? [s, s + "x".repeat(minLength - length(s))] : [s]) {
      const verdict = fits(candidate);
      if (verdict === "stop") return undefined;
      if (verdict) return candidate;
    }
  }
  return undefined;
}
