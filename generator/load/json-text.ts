/**
 * The one door for JSON files of the user's: specs and the files they `$ref` (source-file.ts), configs,
 * rulesets, `lint --fix`'s rewrite and `init`'s package.json. `JSON.parse` reads them (fast: GitHub's 13 MB
 * description in ~40 ms); what it accepts silently and a YAML file may not, two equal keys in one object,
 * is bad input too (json-duplicates.ts). Either problem is reported at file:line:col.
 */
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { printable } from "../diagnostics/printable.js";
import { duplicateKeys, hasDuplicateKeys } from "./json-duplicates.js";
import { jsonErrorOffset } from "./json-locate.js";

export interface JsonCodes {
  /** Code of a syntax error; `load/invalid-json` unless the caller has its own. */
  syntax?: string;
  /** Code of a repeated key; `load/duplicate-key` unless the caller has its own. */
  duplicate?: string;
}

/** `text` (a leading BOM dropped) parsed; bad JSON or a repeated key throws SpecforgeError naming `file` (as shown). */
export function parseJson(text: string, file: string, codes: JsonCodes = {}): unknown {
  text = withoutBom(text);
  const parsed = attempt(text);
  if ("failure" in parsed) throw new SpecforgeError([syntaxError(text, parsed.failure, file, codes.syntax ?? "load/invalid-json")]);
  return checked(text, parsed.value, file, codes);
}

/**
 * As `parseJson`, but text `JSON.parse` refuses gives undefined: a spec not named `.json` that starts with
 * `{` may still be YAML (a flow mapping). A repeated key still throws: the text was read as JSON.
 */
export function parseJsonIfValid(text: string, file: string, codes: JsonCodes = {}): { value: unknown } | undefined {
  text = withoutBom(text);
  const parsed = attempt(text);
  return "failure" in parsed ? undefined : { value: checked(text, parsed.value, file, codes) };
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function attempt(text: string): { value: unknown } | { failure: Error } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { failure: e as Error };
  }
}

function checked(text: string, value: unknown, file: string, codes: JsonCodes): unknown {
  if (hasDuplicateKeys(text, value)) throw new SpecforgeError(duplicateKeyErrors(text, file, codes.duplicate ?? "load/duplicate-key"));
  return value;
}

function syntaxError(text: string, failure: Error, file: string, code: string): Diagnostic {
  // Node 20's messages do not always give a position; the strict scan does.
  const at = /position (\d+)/.exec(failure.message);
  const offset = at ? Number(at[1]) : jsonErrorOffset(text);
  const pos = offset !== undefined ? offsetToLineCol(text, offset) : { line: 1, column: 1 };
  const msg = failure.message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/s, "").replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
  return error(code, `malformed JSON: ${msg}`, { file, ...pos }, "fix the syntax at that position");
}

function duplicateKeyErrors(text: string, file: string, code: string): Diagnostic[] {
  return duplicateKeys(text).map((d) =>
    error(code, `the object has the key '${printable(d.key)}' more than once: JSON.parse would keep only the last`, { file, ...offsetToLineCol(text, d.offset), pointer: d.pointer }, "remove one of the two"));
}

export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
