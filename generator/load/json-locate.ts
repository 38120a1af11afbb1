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
