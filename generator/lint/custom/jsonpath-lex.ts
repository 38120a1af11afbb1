/** What the JSONPath parser and the filter parser share: their error and quoted strings. */

/** A path that does not parse: what is wrong and at which character (0-based). */
export class JsonPathError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/** A quoted string (single or double quotes, backslash escapes as JSON's) at `i`. */
export function readQuoted(text: string, i: number): { value: string; next: number } {
  const quote = text[i]!;
  let value = "";
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === quote) return { value, next: j + 1 };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const e = text[++j];
    const simple: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", "/": "/", "\\": "\\", "'": "'", '"': '"' };
    if (e !== undefined && simple[e] !== undefined) value += simple[e];
    else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) {
      value += String.fromCharCode(parseInt(text.slice(j + 1, j + 5), 16));
      j += 4;
    } else throw new JsonPathError("invalid escape in a quoted name", j - 1);
  }
  throw new JsonPathError("unclosed quote", i);
}
