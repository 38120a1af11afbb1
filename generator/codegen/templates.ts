/**
 * Handlebars templates for file skeletons, compiled so that data can enter only through our helpers:
 * `strict` (a missing field is an error), `knownHelpersOnly`, and a check of every template's syntax
 * tree that rejects `{{{triple}}}` and bare `{{path}}` mustaches. Handlebars escapes for HTML, which is
 * wrong for TypeScript; our helpers escape for the place the text lands instead:
 *   {{ident x}}  a vetted identifier          {{str x}}   a string literal
 *   {{doc x}}    a JSDoc block (`*\/` broken)  {{code x}}  a `Code` value built through `code.ts`
 *   {{key x}}    a property key               {{json x}}  any JSON value as a literal
 *   {{md x}}     text for Markdown (HTML and Markdown syntax neutralized)
 * A user's template folder (config `templates`) overrides ours file by file.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { Code, doc, ident, key, literal, str } from "./code.js";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";
import { displayPathOf } from "../load/source-file.js";

import { packageRoot } from "../package-root.js";

export const builtinTemplates = (): string => path.join(packageRoot(), "templates");

const HELPERS: Record<string, (...args: unknown[]) => Handlebars.SafeString> = {
  ident: (value) => safe(ident(expectString(value, "ident")).text),
  str: (value) => safe(str(expectString(value, "str")).text),
  key: (value) => safe(key(expectString(value, "key")).text),
  json: (value) => safe(literal(value).text),
  doc: (value, options) => {
    const indent = (options as Handlebars.HelperOptions | undefined)?.hash?.indent;
    return safe(doc(typeof value === "string" ? value : undefined, typeof indent === "string" ? indent : "").text);
  },
  code: (value) => {
    if (!(value instanceof Code)) throw new TypeError("{{code}} takes only values built with generator/codegen/code.ts");
    return safe(value.text);
  },
  md: (value) => safe(markdownText(typeof value === "string" ? value : typeof value === "number" ? String(value) : "")),
};

const KNOWN = Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true]));
const BLOCKS = new Set(["if", "unless", "each", "with"]);

function safe(text: string): Handlebars.SafeString {
  return new Handlebars.SafeString(text);
}

function expectString(value: unknown, helper: string): string {
  if (typeof value !== "string") throw new TypeError(`{{${helper}}} expects a string, got ${typeof value}`);
  return value;
}

/** Neutralizes HTML and Markdown syntax in spec text shown in a README. */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]#|!])/g, "\\$1");
}

export interface Templates {
  render(name: string, data: object): string;
  /** A static file (runtime code shipped into packages) copied verbatim: it holds no data, so no helpers. */
  file(name: string): string;
}

/** Templates since split or renamed, by their old name: a user's copy of one would otherwise go unread, silently. */
const RETIRED: Record<string, string[]> = {
  "validators/validators.ts.hbs": ["validators/validators.js.hbs", "validators/validators.d.ts.hbs"],
};

export function loadTemplates(overrideDir?: string): Templates {
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn);
  const overridden = (name: string) => overrideDir !== undefined && existsSync(path.join(overrideDir, name));
  const locate = (name: string) => (overridden(name) ? path.join(overrideDir!, name) : path.join(builtinTemplates(), name));
  const names = new Map<string, Set<string>>();
  const readNames = (name: string, which: "override" | "builtin"): Set<string> => {
    const file = which === "override" ? locate(name) : path.join(builtinTemplates(), name);
    let found = names.get(file);
    if (!found) {
      found = existsSync(file) ? rootFields(Handlebars.parse(readFileSync(file, "utf8"))) : new Set();
      names.set(file, found);
    }
    return found;
  };
  return {
    file(name) {
      return readFileSync(locate(name), "utf8");
    },
    render(name, data) {
      const retired = Object.keys(RETIRED).find((old) => RETIRED[old]!.includes(name) && overridden(old));
      if (retired) {
        const now = RETIRED[retired]!;
        throw new SpecforgeError([error("template/override-failed", `your template ${retired} is no longer read: this specforge version renders ${now.join(" and ")} in its place`, { file: displayPathOf(path.join(overrideDir!, retired)) }, `move what you changed into your copies of templates/${now.join(" and templates/")} of this specforge version, and remove ${retired}`)]);
      }
      let compiled = cache.get(name);
      if (!compiled) {
        const file = locate(name);
        const source = readFileSync(file, "utf8");
        checkTemplate(source, displayPathOf(file));
        compiled = env.compile(source, { strict: true, knownHelpers: KNOWN, knownHelpersOnly: true, preventIndent: true });
        cache.set(name, compiled);
      }
      if (!overridden(name)) return compiled(data);
      // Handlebars' strict mode does not check a block helper's argument: `{{#if validation}}` on a field
      // no longer given is silently false, so an override reading one is refused here instead
      const unknown = [...readNames(name, "override")].filter((field) => !(field in data) && !readNames(name, "builtin").has(field));
      if (unknown.length) {
        const fields = unknown.map((f) => `'${f}'`).join(", ");
        throw new SpecforgeError([error("template/override-failed", `your template ${name} reads ${fields}, which this specforge version does not give it`, { file: displayPathOf(locate(name)) }, `compare it with templates/${name} of this specforge version, whose data fields it must read`)]);
      }
      try {
        return compiled(data);
      } catch (e) {
        // a copy made for an older specforge, reading a field that has since been renamed
        const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
        throw new SpecforgeError([error("template/override-failed", `your template ${name} failed: ${reason}`, { file: displayPathOf(locate(name)) }, `compare it with templates/${name} of this specforge version, whose data fields it must read`)]);
      }
    },
  };
}

type Node = { type?: string; path?: Node & { original?: string }; params?: Node[]; hash?: { pairs?: { value: Node }[] }; program?: Node; inverse?: Node; body?: Node[]; parts?: string[]; depth?: number; data?: boolean };

/**
 * The fields a template reads from its data's root: `validation` of `{{#if validation}}`, `a` of
 * `{{code a.b}}`, `x` of `{{#each items}}{{../x}}{{/each}}` and of `@root.x`; not what it reads from the
 * items of `{{#each}}` or the object of `{{#with}}` (their `{{else}}` reads from the root), nor inside an
 * inline partial, whose data is where it is used.
 */
function rootFields(program: unknown): Set<string> {
  const out = new Set<string>();
  // `level`: how many `each`/`with` bodies deep, so `../` (a path's depth) climbing all of them reaches the root
  const visit = (node: Node | undefined, level: number): void => {
    if (!node) return;
    if (node.type === "PathExpression") {
      const parts = node.parts ?? [];
      if (node.data) {
        if (parts[0] === "root" && parts.length > 1) out.add(parts[1]!);
      } else if ((node.depth ?? 0) === level && parts.length) out.add(parts[0]!);
      return;
    }
    if (node.type === "DecoratorBlock") return;
    for (const p of node.params ?? []) visit(p, level);
    for (const pair of node.hash?.pairs ?? []) visit(pair.value, level);
    for (const child of node.body ?? []) visit(child, level);
    const scoped = node.type === "BlockStatement" && (node.path?.original === "each" || node.path?.original === "with");
    visit(node.program, scoped ? level + 1 : level);
    visit(node.inverse, level);
  };
  visit(program as Node, 0);
  return out;
}

/** Rejects any mustache that would insert data without one of our helpers, each at its file:line:col. */
export function checkTemplate(source: string, file: string): void {
  const problems: Array<{ message: string; help?: string; line?: number; column?: number }> = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; path?: { original?: string }; params?: unknown[]; escaped?: boolean; loc?: { start: { line: number; column: number } } };
    const at = n.loc ? { line: n.loc.start.line, column: n.loc.start.column + 1 } : {};
    if (n.type === "MustacheStatement") {
      const helper = n.path?.original ?? "";
      if (n.escaped === false) problems.push({ message: "triple-brace mustache inserts raw text", ...at });
      else if (!(helper in HELPERS) || (n.params?.length ?? 0) === 0) problems.push({ message: `{{${helper}}} inserts data without an escaping helper (ident, str, key, json, doc, code, md)`, ...at });
    }
    if (n.type === "BlockStatement" && !BLOCKS.has(n.path?.original ?? "")) {
      problems.push({ message: `unknown block helper {{#${n.path?.original}}}`, help: `use one of ${[...BLOCKS].map((b) => `{{#${b}}}`).join(", ")}`, ...at });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && value !== n.loc) visit(value);
    }
  };
  visit(parseTemplate(source, file));
  if (problems.length) {
    throw new SpecforgeError(problems.map(({ message, help, ...at }) => error("template/unsafe", message, { file, ...at }, help ?? "insert data only through {{ident x}}, {{str x}}, {{doc x}}, {{code x}}, {{key x}}, {{json x}} or {{md x}}")));
  }
}

/** The parser's names of what it did not expect, as a template's author reads them. */
const TOKENS: Record<string, string> = {
  INVERSE: "{{else}} outside a block",
  OPEN_ENDBLOCK: "a {{/...}} that closes no open block",
  CLOSE: "}} with nothing to close",
  INVALID: "a character Handlebars does not take here",
};

/** A template's syntax tree; a malformed one (a user's override) is bad input at its line and column, not a crash. */
function parseTemplate(source: string, file: string): unknown {
  try {
    return Handlebars.parse(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Handlebars' own exceptions (a block closed by another's name) say where; the parser's only name the line
    // (its context, cut to 20 characters, cannot be placed), so the token it stopped at is read from its lexer
    const own = e as { lineNumber?: number; column?: number };
    const stopped = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer?.yylloc;
    const [first = ""] = message.split("\n");
    const line = own.lineNumber ?? stopped?.first_line ?? Number(/on line (\d+)/.exec(first)?.[1] ?? 1);
    const column = own.column !== undefined ? own.column + 1 : stopped ? stopped.first_column + 1 : 1;
    const got = /got '(\w+)'$/.exec(message)?.[1];
    const problem = own.lineNumber !== undefined ? first.replace(/ - \d+:\d+$/, "") : got === "EOF" ? "the template ends inside a {{...}} or an open block" : got ? (TOKENS[got] ?? `unexpected ${got} here`) : "unrecognized text";
    throw new SpecforgeError([error("template/invalid", `malformed template: ${problem}`, { file, line, column }, "fix the Handlebars syntax at that position")]);
  }
}

