/**
 * Where JSON pointers' values sit in JSON text, without building a syntax tree (GitHub's 13 MB
 * description: the YAML parser's tree takes seconds). Every object and array remembers the members it has
 * scanned past and where to resume, so the many lookups of a run (a lint or a diff locates thousands)
 * cost about one scan of the file, and lines come from a table of line starts. A pointer that does not
 * exist gets the position of its deepest existing part.
 */
import { segmentsOf } from "../openapi/pointer.js";

interface Container {
  /** Member name (or array index) -> offsets of its key (or item) and of its value. */
  members: Map<string, { at: number; value: number }>;
  /** Offset of the next member not yet scanned; -1 once the closing bracket was reached. */
  resume: number;
  array: boolean;
  count: number;
}

export function jsonLocator(text: string): (pointer: string) => { line: number; column: number } | undefined {
  const containers = new Map<number, Container>();
  let lineStarts: number[] | undefined;

  const containerAt = (offset: number): Container | undefined => {
    let c = containers.get(offset);
    if (c) return c;
    const ch = text.charCodeAt(offset);
    if (ch !== 0x7b && ch !== 0x5b) return undefined;
    c = { members: new Map(), resume: skipWs(text, offset + 1), array: ch === 0x5b, count: 0 };
    containers.set(offset, c);
    return c;
  };

  /** Scans members of `c` until `name` is found or the container ends. */
  const find = (c: Container, name: string): { at: number; value: number } | undefined => {
    const known = c.members.get(name);
    if (known) return known;
    while (c.resume !== -1) {
      let i = c.resume;
      const close = c.array ? 0x5d : 0x7d;
      if (i >= text.length || text.charCodeAt(i) === close) {
        c.resume = -1;
        break;
      }
      let key: string;
      const at = i;
      if (c.array) key = String(c.count++);
      else {
        const end = skipString(text, i);
        key = JSON.parse(text.slice(i, end)) as string;
        i = skipWs(text, skipWs(text, end) + 1); // past ':'
      }
      const value = i;
      const after = skipWs(text, skipValue(text, value));
      c.resume = text.charCodeAt(after) === 0x2c ? skipWs(text, after + 1) : after;
      if (!c.members.has(key)) c.members.set(key, { at, value });
      if (key === name) return c.members.get(key);
    }
    return undefined;
  };

  return (pointer) => {
    let offset = skipWs(text, 0);
    let best = offset;
    for (const seg of segmentsOf(pointer)) {
      const c = containerAt(offset);
      const m = c && find(c, seg);
      if (!m) break;
      best = m.at;
      offset = m.value;
    }
    lineStarts ??= linesOf(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= best) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: best - lineStarts[lo]! + 1 };
  };
}

function linesOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

export function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

export function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return i;
}

/** The offset just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x22) i = skipString(text, i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return i;
  }
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    i++;
  }
  return i;
}

/**
 * The offset of the first syntax error in JSON text (undefined when it is valid), for messages: Node 20's
 * `JSON.parse` errors do not always give a position. A strict RFC 8259 scan, without building values.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const ws = () => {
    i = skipWs(text, i);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(i);
  };
  const string = () => {
    i++;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail(i);
      if (c === 0x5c) {
        const e = text[i + 1] ?? "";
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== "") i++;
        else fail(i);
      }
    }
    fail(i);
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail(i);
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ":") fail(i);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(i);
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(i);
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail(i);
      i += m![0].length;
    }
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(i);
    return undefined;
  } catch (at) {
    if (typeof at === "number") return at;
    throw at;
  }
}
