/**
 * JSONPath as Spectral rulesets write `given` (RFC 9535 plus jsonpath-plus's `~` and bare union names):
 * `$`, `.name`, `.*`, `..name`, `..*`, `..[...]`, `[...]` with a comma list of `*`, quoted or bare names,
 * indices (negative from the end; on an object, a property name), slices `start:end:step`, and filters
 * `?(...)` (filter.ts); `.[` as `[`; a bare `..` ending the path (`$..`) selects every object and array.
 * A trailing `~` selects the keys of what the path selects, a `^` the parents. The path comes from the user's config; it is parsed
 * here into data and never evaluated as code.
 */
import { parseFilter, type FilterExpr } from "./filter.js";
import { JsonPathError, readQuoted } from "./jsonpath-lex.js";

export { JsonPathError };

export type Selector =
  | { kind: "name"; name: string }
  | { kind: "wildcard" }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number; step?: number }
  | { kind: "filter"; expr: FilterExpr };

export interface Segment {
  /** `..`: the selectors apply to the node and every descendant (none: those nodes themselves, `$..`). */
  descendant: boolean;
  selectors: Selector[];
  /** jsonpath-plus's `^`: the parents of what is selected so far (no selectors then). */
  parent?: true;
}

export interface JsonPath {
  segments: Segment[];
  /** A trailing `~`: the keys (property names or indices) of the selected values. */
  keys: boolean;
}

// `^` ends a name, as `~` does: jsonpath-plus splits it off wherever it stands, so `$.info.title^` is info
// (before, `title^` was read as the key's name and the path selected nothing).
const DOT_NAME = /^[^.[\]~^\s]+/;

export function parseJsonPath(text: string): JsonPath {
  if (!text.startsWith("$")) throw new JsonPathError("a path starts with '$'", 0);
  const segments: Segment[] = [];
  let i = 1;
  let keys = false;
  while (i < text.length) {
    if (keys) throw new JsonPathError("'~' may only end the path", i - 1);
    const c = text[i]!;
    if (c === "~") {
      keys = true;
      i++;
    } else if (c === "^") {
      segments.push({ descendant: false, selectors: [], parent: true });
      i++;
    } else if (c === "[") {
      const { selectors, next } = parseBracket(text, i);
      segments.push({ descendant: false, selectors });
      i = next;
    } else if (c === ".") {
      const descendant = text[i + 1] === ".";
      i += descendant ? 2 : 1;
      // `.[` reads as `[` (jsonpath-plus, so Spectral rulesets, write `$.paths.[*]`).
      if (descendant && (i === text.length || text[i] === "~")) {
        // A bare `..` at the end (`$..`): the node and every object and array below it, as jsonpath-plus reads it.
        segments.push({ descendant, selectors: [] });
      } else if (text[i] === "[") {
        const { selectors, next } = parseBracket(text, i);
        segments.push({ descendant, selectors });
        i = next;
      } else if (text[i] === "*") {
        segments.push({ descendant, selectors: [{ kind: "wildcard" }] });
        i++;
      } else {
        const m = DOT_NAME.exec(text.slice(i));
        if (!m) throw new JsonPathError("expected a property name, '*' or '['", i);
        segments.push({ descendant, selectors: [{ kind: "name", name: m[0] }] });
        i += m[0].length;
      }
    } else throw new JsonPathError(`unexpected '${c}'`, i);
  }
  return { segments, keys };
}

/** `[...]` starting at `open`: its selectors and the index after `]`. */
function parseBracket(text: string, open: number): { selectors: Selector[]; next: number } {
  const selectors: Selector[] = [];
  let i = open + 1;
  const skip = () => {
    while (text[i] === " ") i++;
  };
  for (;;) {
    skip();
    const c = text[i];
    if (c === undefined) throw new JsonPathError("unclosed '['", open);
    if (c === "'" || c === '"') {
      const { value, next } = readQuoted(text, i);
      selectors.push({ kind: "name", name: value });
      i = next;
    } else if (c === "*") {
      selectors.push({ kind: "wildcard" });
      i++;
    } else if (c === "?") {
      i++;
      skip();
      const parenthesized = text[i] === "(";
      const { expr, next } = parseFilter(text, parenthesized ? i + 1 : i, parenthesized ? ")" : "]");
      selectors.push({ kind: "filter", expr });
      i = parenthesized ? next + 1 : next;
    } else {
      const m = /^(-?\d*)\s*(?::\s*(-?\d*)\s*(?::\s*(-?\d*))?)?/.exec(text.slice(i))!;
      // Digits that run on into a name (`[4XX,5XX]`) are that name, as jsonpath-plus reads a union.
      const bareName = /^[^\]\s,'"]+/.exec(text.slice(i));
      if (bareName && bareName[0].length > m[0].length && !bareName[0].includes(":")) {
        selectors.push({ kind: "name", name: bareName[0] });
        i += bareName[0].length;
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return { selectors, next: i + 1 };
        else throw new JsonPathError(text[i] === undefined ? "unclosed '['" : `expected ',' or ']', found '${text[i]}'`, text[i] === undefined ? open : i);
        continue;
      }
      // Number("-") is NaN: a '-' is the sign of an index, never an index itself.
      if ([m[1], m[2], m[3]].includes("-")) throw new JsonPathError("expected digits after '-'", i);
      if (m[0].includes(":")) {
        const num = (s: string | undefined) => (s ? Number(s) : undefined);
        const step = num(m[3]);
        if (step === 0) throw new JsonPathError("a slice's step cannot be 0", i);
        selectors.push({ kind: "slice", start: num(m[1]), end: num(m[2]), step });
        i += m[0].length;
      } else if (m[1]) {
        selectors.push({ kind: "index", index: Number(m[1]) });
        i += m[1].length;
      } else {
        // jsonpath-plus (and so Spectral) takes bare names in a union: `[get,put]`.
        const bare = /^[^\]\s,'"]+/.exec(text.slice(i));
        if (!bare) throw new JsonPathError("expected a name, index, '*' or filter", i);
        selectors.push({ kind: "name", name: bare[0] });
        i += bare[0].length;
      }
    }
    skip();
    if (text[i] === ",") i++;
    else if (text[i] === "]") return { selectors, next: i + 1 };
    else throw new JsonPathError(text[i] === undefined ? "unclosed '['" : `expected ',' or ']', found '${text[i]}'`, text[i] === undefined ? open : i);
  }
}
