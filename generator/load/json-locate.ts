/**
 * Finds where a JSON pointer's value sits in JSON text without building a syntax tree: one forward scan
 * that skips every value off the path (GitHub's 13 MB description: tens of milliseconds, where the YAML
 * parser's tree takes seconds). Returns the offset of the member's key (or the array item), or of the
 * deepest part of the path that exists.
 */
export function locateInJson(text: string, segments: string[]): number | undefined {
  let i = skipWs(text, 0);
  let best: number | undefined = i;
  for (const seg of segments) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      i = skipWs(text, i + 1);
      let found = false;
      while (i < text.length && text.charCodeAt(i) !== 0x7d /* } */) {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // ':'
        if (key === seg) {
          best = keyStart;
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 0x2c /* , */) i = skipWs(text, i + 1);
      }
      if (!found) return best;
    } else if (c === 0x5b /* [ */) {
      const index = Number(seg);
      if (!Number.isInteger(index) || index < 0) return best;
      i = skipWs(text, i + 1);
      for (let n = 0; n < index; n++) {
        if (text.charCodeAt(i) === 0x5d /* ] */) return best;
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
      }
      if (text.charCodeAt(i) === 0x5d) return best;
      best = i;
    } else {
      return best;
    }
  }
  return best;
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) return i + 1;
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

interface Trie {
  children: Map<string, Trie>;
  offset?: number;
}

/**
 * `locateInJson` for many pointers at once, in one scan that descends only into the members some
 * pointer names (a lint run on GitHub's description locates thousands of findings: one scan each
 * would read the 13 MB thousands of times). Same answers as `locateInJson`, keyed by pointer.
 */
export function locateManyInJson(text: string, pointers: Iterable<string[]>): (segments: string[]) => number | undefined {
  const root: Trie = { children: new Map() };
  for (const segments of pointers) {
    let node = root;
    for (const seg of segments) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { children: new Map() }));
      node = next;
    }
  }
  const start = skipWs(text, 0);
  root.offset = start;
  const visit = (i: number, node: Trie): void => {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      i = skipWs(text, i + 1);
      let left = node.children.size;
      while (left > 0 && i < text.length && text.charCodeAt(i) !== 0x7d) {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const raw = text.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
        i = skipWs(text, skipWs(text, keyEnd) + 1);
        const child = node.children.get(key);
        if (child && child.offset === undefined) {
          child.offset = keyStart;
          left--;
          if (child.children.size) visit(i, child);
        }
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
      }
    } else if (c === 0x5b /* [ */) {
      i = skipWs(text, i + 1);
      let left = node.children.size;
      for (let n = 0; left > 0 && i < text.length && text.charCodeAt(i) !== 0x5d; n++) {
        const child = node.children.get(String(n));
        if (child) {
          child.offset = i;
          left--;
          if (child.children.size) visit(i, child);
        }
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) === 0x2c) i = skipWs(text, i + 1);
      }
    }
  };
  visit(start, root);
  return (segments) => {
    let node: Trie | undefined = root;
    let best = root.offset;
    for (const seg of segments) {
      node = node.children.get(seg);
      if (!node || node.offset === undefined) break;
      best = node.offset;
    }
    return best;
  };
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
