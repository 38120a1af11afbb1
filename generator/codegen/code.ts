/**
 * The one door through which generated code text is made (after ajv's `lib/compile/codegen/code.ts`).
 *
 * A `Code` value is text we vouch for. The `code` tagged template splices `Code` values raw and turns
 * every other value into a literal: a string becomes a JSON string literal, so spec text (quotes,
 * backticks, `${`, `*\/`, U+2028, ...) can only ever be data. Identifiers enter only through
 * `ident()`, which rejects anything that is not a plain, non-reserved identifier.
 */
import { isIdentifierName, isReservedWord } from "../names/reserved.js";

export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A vetted identifier: only `ident()` makes one. */
export class Name extends Code {
  private readonly brand = "Name";
}

export type CodeValue = Code | string | number | boolean | null | undefined;

export function code(strings: TemplateStringsArray, ...values: CodeValue[]): Code {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    out += interpolate(values[i]) + (strings[i + 1] ?? "");
  }
  return new Code(out);
}

function interpolate(value: CodeValue): string {
  if (value instanceof Code) return value.text;
  if (typeof value === "string") return str(value).text;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot emit non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "undefined";
  throw new TypeError(`cannot emit a value of type ${typeof value}`);
}

/** A vetted identifier, or a thrown error: callers pass names decided by `names/`, never raw spec text. */
export function ident(name: string): Name {
  if (!isIdentifierName(name) || isReservedWord(name)) {
    throw new TypeError(`not a safe identifier: ${JSON.stringify(name)}`);
  }
  return new Name(name);
}

/** A string literal; U+2028/U+2029 escaped too so the text is safe in any JS/JSON context. */
export function str(value: string): Code {
  return new Code(jsonString(value));
}

export function jsonString(value: string): string {
  return escapeLineSeparators(JSON.stringify(value));
}

/**
 * U+2028 and U+2029 as escapes. A string literal may hold them raw since ES2019, but TypeScript before 5.3
 * ends the literal there (TS1002, and the rest of the file fails to parse), as older JavaScript tools do.
 */
export function escapeLineSeparators(text: string): string {
  return text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * Any JSON value as a literal (objects and arrays included), e.g. an example or a default; `indent` lays it
 * out. A value with a `__proto__` key becomes `JSON.parse("...")`: in an object literal even the quoted key
 * sets the prototype instead of making a property. (In JSON text `"__proto__":` can only be a key: inside a
 * string its quotes would be escaped.)
 */
export function literal(value: unknown, indent?: number): Code {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined) throw new TypeError("cannot emit undefined as a literal");
  if (/"__proto__"\s*:/.test(text)) return new Code(`JSON.parse(${jsonString(JSON.stringify(value))})`);
  return new Code(escapeLineSeparators(text));
}

/**
 * Like `literal`, but a `Code` inside the value (made through this door, e.g. `new Date("...")`) is spliced
 * as it is; the rest is laid out as `JSON.stringify(value, null, indent)` would. A `__proto__` key is
 * computed (`["__proto__"]`), so it stays an own property.
 */
export function literalWithCode(value: unknown, indent = 0): Code {
  const pad = " ".repeat(indent);
  const write = (v: unknown, at: string): string => {
    if (v instanceof Code) return v.text;
    if (v === null || typeof v !== "object") return literal(v ?? null).text;
    const inner = at + pad;
    const [open, sep, close, colon] = pad ? [`\n${inner}`, `,\n${inner}`, `\n${at}`, ": "] : ["", ",", "", ":"];
    if (Array.isArray(v)) return v.length ? `[${open}${v.map((x) => write(x, inner)).join(sep)}${close}]` : "[]";
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    const field = (k: string) => `${k === "__proto__" ? `[${jsonString(k)}]` : jsonString(k)}${colon}${write(o[k], inner)}`;
    return keys.length ? `{${open}${keys.map(field).join(sep)}${close}}` : "{}";
  };
  return new Code(write(value, ""));
}

/**
 * A property key for a type or an object: bare when it is an identifier name, else quoted. Reserved
 * words are valid property names. `__proto__` is computed (`["__proto__"]`): in an object literal even
 * the quoted form sets the prototype instead of making an own property.
 */
export function key(name: string): Code {
  if (name === "__proto__") return new Code(`[${jsonString(name)}]`);
  return isIdentifierName(name) ? new Code(name) : str(name);
}

/** Indexed access `["name"]`: always a string literal, never raw text. */
export function index(name: string | number): Code {
  return new Code(`[${jsonString(String(name))}]`);
}

/**
 * A JSDoc block. Line terminators (CR, LF, U+2028, U+2029) become `\n`, and `*\/` is broken so the
 * comment cannot be closed by spec text. Returns empty code for empty text.
 */
export function doc(text: string | undefined, indent = ""): Code {
  const lines = docLines(text);
  if (lines.length === 0) return new Code("");
  if (lines.length === 1) return new Code(`${indent}/** ${lines[0]} */\n`);
  return new Code(`${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`);
}

export function docLines(text: string | undefined): string[] {
  if (!text) return [];
  const clean = text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
  const lines = clean.split("\n").map((l) => l.replace(/\s+$/, ""));
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Joins pieces of code with a separator we vouch for. */
export function join(parts: readonly Code[], separator = "\n"): Code {
  return new Code(parts.map((p) => p.text).join(separator));
}
