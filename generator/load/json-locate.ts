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
