/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of two equal keys without a word, where a YAML
 * file with one is an error (yaml's uniqueKeys) and Spectral and Redocly report it in JSON too. Checked in
 * two steps so that a file without any pays little (GitHub's 13 MB description: a few ms beside JSON.parse's
 * ~40): the members written in the text are counted, one `indexOf` jump per string, and compared with the
 * keys of the parsed value. Only when fewer came out than went in is the text scanned again to say where.
 * Both scans take text that `JSON.parse` accepted.
 */
import { pointerFrom } from "../openapi/pointer.js";
import { skipString, skipWs } from "./json-locate.js";

/** Whether `text` (valid JSON) has an object with two equal keys, given `value`, what `JSON.parse` made of it. */
export function hasDuplicateKeys(text: string, value: unknown): boolean {
  return membersWritten(text) !== keysParsed(value);
}

/**
 * Object members written in `text`: strings followed by `:`. The bulk of a spec is string content and
 * indentation, which `indexOf` skips natively; a character loop here costs several times more.
 */
export function membersWritten(text: string): number {
  let count = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    let end = text.indexOf('"', i + 1);
    while (escaped(text, end)) end = text.indexOf('"', end + 1);
    let c = text.charCodeAt(++end);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++end);
    if (c === 0x3a) count++;
    i = text.indexOf('"', end);
  }
  return count;
}

/** Whether the quote at `at` follows an odd run of backslashes. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 0x5c) n++;
  return n % 2 === 1;
}

/** Own keys of every object in `value`, a tree `JSON.parse` made (no cycles); iterative, so depth costs no stack. */
export function keysParsed(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === "object" && item !== null) stack.push(item);
    } else if (typeof v === "object" && v !== null) {
      for (const key in v) {
        count++;
        const child = (v as Record<string, unknown>)[key];
        if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return count;
}

export interface DuplicateKey {
  key: string;
  /** Offset of the second (or later) occurrence's opening quote. */
  offset: number;
  /** JSON pointer of the object holding it. */
  pointer: string;
}

/** Every repeated key in `text` (valid JSON), in text order. Slower than the count: run when it disagrees. */
export function duplicateKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  // One entry per open object or array: its keys so far, or (array) the index of the current item.
  const open: Array<Set<string> | number> = [];
  // Beside it, the segment of the current member (key or index) in each: the pointer of what is open.
  const path: Array<string | number> = [];
  const pointerOf = (depth: number) => pointerFrom(path.slice(0, depth).map(String));
  let i = skipWs(text, 0);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      i = skipString(text, i);
      const after = skipWs(text, i);
      if (text.charCodeAt(after) !== 0x3a) continue; // a string value
      const raw = text.slice(start + 1, i - 1);
      const key = raw.includes("\\") ? (JSON.parse(text.slice(start, i)) as string) : raw;
      const keys = open[open.length - 1] as Set<string>;
      if (keys.has(key)) out.push({ key, offset: start, pointer: pointerOf(open.length - 1) });
      else keys.add(key);
      path[open.length - 1] = key;
      i = after + 1;
    } else if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? new Set() : 0);
      path.push(0);
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      open.pop();
      path.pop();
      i++;
    } else if (c === 0x2c) {
      const top = open.length - 1;
      if (typeof open[top] === "number") path[top] = open[top] = (open[top] as number) + 1;
      i++;
    } else i++;
  }
  return out;
}
