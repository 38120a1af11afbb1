/**
 * JSONPath filters (`?(@.in == 'query' && !@.required)`), parsed into a small tree and interpreted: no
 * script engine is involved, so a filter can only read values. Grammar: `||`, `&&`, `!`, parentheses,
 * comparisons `== === != !== < <= > >=` between queries and literals; a query is `@` (the candidate), `$`
 * (the root) or `@property` (the candidate's key) followed by `.name`, `['name']`, `[index]` or a string
 * method (`.match(/re/)`, `.indexOf('x')`, `.includes`, `.startsWith`, `.endsWith`, `.toLowerCase()`,
 * `.toUpperCase()`: called by name from a fixed table, never looked up on the value; a list's indexOf and
 * includes too); literals are
 * quoted strings, numbers, true, false, null, undefined (and `void 0`); `.length` of a list or string is
 * its length. A lone query is tested as JavaScript (and so jsonpath-plus
 * and Spectral) tests it: truthy, not merely present. `||` and `&&` chains are lists, walked in a loop;
 * `!` and parentheses nest at most MAX_DEPTH deep, so neither parsing nor testing can overflow the stack.
 */
import { guardedTest, needsLimit } from "../../openapi/bounded-regex.js";
import { JsonPathError, readQuoted } from "./jsonpath-lex.js";

/** A string method a filter may call, and its argument (a regular expression for `match`). */
type Method = { method: MethodName; arg?: string | RegExp };
type Step = string | number | Method;
export type FilterExpr =
  | { kind: "or" | "and"; operands: FilterExpr[] }
  | { kind: "not"; operand: FilterExpr }
  | { kind: "compare"; op: CompareOp; left: FilterExpr; right: FilterExpr }
  | { kind: "query"; from: "@" | "$" | "@property"; steps: Step[] }
  | { kind: "literal"; value: string | number | boolean | null | undefined };

type CompareOp = "===" | "!==" | "==" | "!=" | "<=" | ">=" | "<" | ">";
const COMPARE = /^(===|!==|==|!=|<=|>=|<|>)/;

/** Each filter expression's guarded test, made once (its time budget is the expression's, for the run). */
const guards = new WeakMap<RegExp, (text: string) => boolean | undefined>();

const METHODS = {
  // a ruleset's expression on a spec's (hostile) text: one that may backtrack exponentially runs within a time
  // limit, and past it matches nothing
  match: (s: string, re: RegExp) => {
    if (!needsLimit(re.source)) return s.match(re);
    let test = guards.get(re);
    if (!test) guards.set(re, (test = guardedTest(re)));
    return test(s) ? s.match(re) : null;
  },
  indexOf: (s: string, x: string) => s.indexOf(x),
  includes: (s: string, x: string) => s.includes(x),
  startsWith: (s: string, x: string) => s.startsWith(x),
  endsWith: (s: string, x: string) => s.endsWith(x),
  toLowerCase: (s: string) => s.toLowerCase(),
  toUpperCase: (s: string) => s.toUpperCase(),
} as const;
type MethodName = keyof typeof METHODS;
const TAKES = { match: "regex", indexOf: "string", includes: "string", startsWith: "string", endsWith: "string", toLowerCase: "none", toUpperCase: "none" } as const;

/** `/source/flags` at `i` (no `/` inside a class needs escaping): the expression and the index after it. */
function readRegex(text: string, i: number): { re: RegExp; next: number } {
  let j = i + 1;
  let inClass = false;
  for (; j < text.length; j++) {
    const c = text[j];
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) break;
  }
  if (j >= text.length) throw new JsonPathError("unclosed regular expression", i);
  const flags = /^[dgimsuy]*/.exec(text.slice(j + 1))![0];
  try {
    // `g` and `y` would make a reused expression start where its last match ended.
    return { re: new RegExp(text.slice(i + 1, j), flags.replace(/[gy]/g, "")), next: j + 1 + flags.length };
  } catch (e) {
    throw new JsonPathError(`invalid regular expression: ${(e as Error).message}`, i);
  }
}

/** How deep `!` and parentheses may nest: far past any real rule, far short of the stack's depth. */
const MAX_DEPTH = 64;

/** What a filter reads: the candidate, its key, the root, and how to step into a value (following `$ref`s or not). */
export interface FilterScope {
  current: unknown;
  key: string | number | undefined;
  root: unknown;
  child(value: unknown, step: Step): unknown;
}

/** Parses from `start` up to the `close` character that ends the filter; `next` is that character's index. */
export function parseFilter(text: string, start: number, close: ")" | "]"): { expr: FilterExpr; next: number } {
  let i = start;
  const skip = () => {
    while (text[i] === " ") i++;
  };
  const eat = (token: string) => {
    skip();
    if (!text.startsWith(token, i)) return false;
    i += token.length;
    return true;
  };
  const chain = (kind: "or" | "and", token: string, term: (depth: number) => FilterExpr, depth: number): FilterExpr => {
    const operands = [term(depth)];
    while (eat(token)) operands.push(term(depth));
    return operands.length === 1 ? operands[0]! : { kind, operands };
  };
  const or = (depth: number) => chain("or", "||", and, depth);
  const and = (depth: number) => chain("and", "&&", unary, depth);
  const unary = (depth: number): FilterExpr => {
    skip();
    if (text[i] === "!" || text[i] === "(") {
      if (depth === MAX_DEPTH) throw new JsonPathError(`the filter nests deeper than ${MAX_DEPTH} levels`, i);
      if (eat("!")) return { kind: "not", operand: unary(depth + 1) };
      eat("(");
      const inner = or(depth + 1);
      if (!eat(")")) throw new JsonPathError("expected ')' in the filter", i);
      return inner;
    }
    const left = operand();
    skip();
    const op = COMPARE.exec(text.slice(i))?.[0] as CompareOp | undefined;
    if (!op) return left;
    i += op.length;
    return { kind: "compare", op, left, right: operand() };
  };
  const operand = (): FilterExpr => {
    skip();
    const c = text[i];
    if (c === "'" || c === '"') {
      const { value, next } = readQuoted(text, i);
      i = next;
      return { kind: "literal", value };
    }
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return { kind: "literal", value: Number(num[0]) };
    }
    // `void 0` is how generated rulesets (Stoplight's) write undefined: `@.example !== void 0`.
    const voidZero = /^void\s+0(?![\w$.])/.exec(text.slice(i));
    if (voidZero) {
      i += voidZero[0].length;
      return { kind: "literal", value: undefined };
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null], ["undefined", undefined]] as const) {
      if (text.startsWith(word, i) && !/[\w$]/.test(text[i + word.length] ?? "")) {
        i += word.length;
        return { kind: "literal", value };
      }
    }
    let from: "@" | "$" | "@property";
    // jsonpath-plus's other @-names: said by name (before, "unexpected 'p'" one character past the '@').
    const other = /^@(parentProperty|parent|path|root)(?![\w$])/.exec(text.slice(i));
    if (other) throw new JsonPathError(`'${other[0]}' is not read in filters (use @, @property or $, and a path that reaches the parent first)`, i);
    if (text.startsWith("@property", i)) from = "@property";
    else if (c === "@" || c === "$") from = c;
    else throw new JsonPathError(c === undefined ? "unfinished filter" : `unexpected '${c}' in the filter (use @, $, @property or a literal)`, i);
    i += from.length;
    const steps: Step[] = [];
    for (;;) {
      if (text[i] === "." && text[i + 1] !== ".") {
        const m = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i + 1));
        if (!m) throw new JsonPathError("expected a property name after '.'", i + 1);
        const at = i + 1;
        i += 1 + m[0].length;
        if (text[i] !== "(") {
          steps.push(m[0]);
          continue;
        }
        if (!Object.prototype.hasOwnProperty.call(METHODS, m[0])) throw new JsonPathError(`'${m[0]}()' is not a method a filter may call (use ${Object.keys(METHODS).join(", ")})`, at);
        const method = m[0] as MethodName;
        i++;
        skip();
        let arg: string | RegExp | undefined;
        if (TAKES[method] === "regex") {
          if (text[i] !== "/") throw new JsonPathError(`${method}() takes a regular expression: /.../`, i);
          ({ re: arg, next: i } = readRegex(text, i));
        } else if (TAKES[method] === "string") {
          if (text[i] !== "'" && text[i] !== '"') throw new JsonPathError(`${method}() takes a quoted string`, i);
          ({ value: arg, next: i } = readQuoted(text, i));
        }
        if (!eat(")")) throw new JsonPathError(`expected ')' after the argument of ${method}()`, i);
        steps.push({ method, arg });
      } else if (text[i] === "[") {
        i++;
        skip();
        if (text[i] === "'" || text[i] === '"') {
          const { value, next } = readQuoted(text, i);
          steps.push(value);
          i = next;
        } else {
          const m = /^-?\d+/.exec(text.slice(i));
          if (!m) throw new JsonPathError("expected a quoted name or an index", i);
          steps.push(Number(m[0]));
          i += m[0].length;
        }
        if (!eat("]")) throw new JsonPathError("expected ']'", i);
      } else break;
    }
    return { kind: "query", from, steps };
  };
  const expr = or(0);
  skip();
  if (text[i] !== close) throw new JsonPathError(text[i] === undefined ? "unclosed filter" : `unexpected '${text[i]}' in the filter`, i);
  return { expr, next: i };
}

function value(expr: FilterExpr, scope: FilterScope): unknown {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "query": {
      let v = expr.from === "@" ? scope.current : expr.from === "$" ? scope.root : scope.key;
      for (const step of expr.steps) {
        // `.length` of a list or string, as JavaScript reads it (`@.security.length > 0`).
        if (step === "length" && (Array.isArray(v) || typeof v === "string")) v = v.length;
        else if (typeof step !== "object") v = scope.child(v, step);
        // A list's own indexOf and includes, as JavaScript has them (`@.required.includes('id')`); before, undefined.
        else if (Array.isArray(v) && (step.method === "indexOf" || step.method === "includes")) v = step.method === "indexOf" ? v.indexOf(step.arg) : v.includes(step.arg);
        // A method of a value that is no string gives undefined (JavaScript would throw, ending Spectral's rule).
        else v = typeof v === "string" ? (METHODS[step.method] as (s: string, a?: unknown) => unknown)(v, step.arg) : undefined;
      }
      return v;
    }
    default:
      return test(expr, scope);
  }
}

export function test(expr: FilterExpr, scope: FilterScope): boolean {
  switch (expr.kind) {
    case "or":
      return expr.operands.some((e) => test(e, scope));
    case "and":
      return expr.operands.every((e) => test(e, scope));
    case "not":
      return !test(expr.operand, scope);
    case "compare":
      return compare(expr.op, value(expr.left, scope), value(expr.right, scope));
    default:
      return Boolean(value(expr, scope));
  }
}

/**
 * `===` and `!==` are strict. The others coerce as JavaScript (and so Spectral) does where it matters: a
 * number meets a numeric string (`@property >= 400` on the response `"404"`) as that number. Otherwise
 * ordering is only between two numbers or two strings, as RFC 9535 orders them.
 */
function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  if (op === "===") return a === b;
  if (op === "!==") return a !== b;
  if (typeof a === "number" && typeof b === "string") b = numeric(b);
  else if (typeof a === "string" && typeof b === "number") a = numeric(a);
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  if (!((typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string"))) return false;
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

/** A string's number when it reads as one (not a blank string, which JavaScript reads as 0); else the string. */
function numeric(s: string): number | string {
  const n = Number(s);
  return s.trim() === "" || Number.isNaN(n) ? s : n;
}
