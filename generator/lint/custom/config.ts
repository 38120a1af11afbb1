/**
 * `lint.custom`: rules written as Spectral rulesets write them, keyed by rule id (a `.spectral.yaml`'s
 * `rules:` entries paste in as they are):
 *   lint:
 *     custom:
 *       paths-kebab-case:
 *         description: Paths are kebab-case
 *         message: "{{property}} should be kebab-case"
 *         severity: warn                  # error | warn | info | hint | off (0-3 as Spectral's numbers)
 *         given: $.paths[*]~              # JSONPath, or a list of them
 *         resolved: true                  # follow $refs (default), as Spectral does
 *         formats: [oas3_1]               # only documents of these formats (formats.ts)
 *         documentationUrl: https://...   # SARIF's helpUri
 *         then: { field?, function, functionOptions? }   # or a list of them
 * `given` may start with an alias of `lint.aliases` (aliases.ts), `function` name one of `lint.functions`
 * (user-functions.ts). Checked whole when the config loads:
 * every problem is one line with its pointer into the config.
 */
import { AliasError, compileAliases, expandGiven, type Aliases } from "./aliases.js";
import { FORMAT_NAMES, isFormatName } from "./formats.js";
import { FUNCTIONS, SPECTRAL_CORE } from "./functions.js";
import type { RunCheck } from "./function-kit.js";
import { userCheck, type UserFunction } from "./user-functions.js";
import { JsonPathError, parseJsonPath, type JsonPath } from "./jsonpath-parse.js";
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment } from "../../openapi/pointer.js";
import type { RuleSetting } from "../types.js";

export interface CustomThen {
  field?: string;
  function: string;
  functionOptions?: Record<string, unknown>;
}

export interface CustomRuleConfig {
  description?: string;
  message?: string;
  severity?: string | number;
  given: string | string[];
  resolved?: boolean;
  recommended?: boolean;
  type?: "style" | "validation";
  formats?: string[];
  documentationUrl?: string;
  then: CustomThen | CustomThen[];
}

/** A `then` ready to run: `field` as a path relative to the given value (`@key` for its key). */
export interface CompiledThen {
  field?: JsonPath | "@key";
  fieldText?: string;
  check: RunCheck;
  /** The function of the user's it calls: what throws there is a finding of the rule, not a crash of lint. */
  user?: UserFunction;
}

export interface CompiledCustomRule {
  id: string;
  severity: RuleSetting;
  description: string;
  message?: string;
  /** The paths `given` stands for in a document of a version (aliases can differ by format). */
  givenFor(version: string): JsonPath[];
  resolved: boolean;
  /** Only documents of these formats; undefined: every document. */
  formats?: string[];
  documentationUrl?: string;
  then: CompiledThen[];
}

export interface ConfigProblem {
  pointer: string;
  message: string;
  help: string;
}

/** Spectral's severities (names and 0-3) as ours: info and hint do not fail a run, as warn does not. */
export function settingOf(value: unknown): RuleSetting | undefined {
  const named: Record<string, RuleSetting> = { error: "error", warn: "warn", info: "warn", hint: "warn", off: "off" };
  if (typeof value === "string" && Object.prototype.hasOwnProperty.call(named, value)) return named[value];
  if (typeof value === "number") return (["error", "warn", "warn", "warn"] as const)[value];
  return undefined;
}

// `recommended` matters only to a ruleset that another extends, `type` (style | validation) is Spectral 5's
// label, `tags`, `extensions` and `x-` keys are labels Spectral's rule schema allows: read, and they change nothing here.
const RULE_KEYS = ["description", "message", "severity", "recommended", "type", "given", "resolved", "formats", "documentationUrl", "then", "tags", "extensions"];

/** A version of each OpenAPI 3 minor: aliases are expanded (and checked) once for each. */
const MINORS = ["3.0", "3.1", "3.2"];
const PLACEHOLDERS = ["error", "property", "path", "value", "description"];

/** The JSONPath of a `field`: a property name, a dotted path (`schema.type`, `items.0`) or a JSONPath. */
function fieldPath(field: string): JsonPath | "@key" {
  if (field === "@key") return "@key";
  if (field === "$" || field.startsWith("$.") || field.startsWith("$[")) return parseJsonPath(field);
  return parseJsonPath(field.startsWith("[") ? `$${field}` : `$.${field}`);
}

const pathProblem = (e: unknown, text: string): string => {
  if (!(e instanceof JsonPathError)) throw e;
  // A long path is cut (the character says where): a config line stays readable.
  return `${e.message} at character ${e.at + 1} of '${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
};

/**
 * The paths of each `given`, per OpenAPI minor version, aliases expanded; `problem` gets each bad path
 * or alias once.
 */
function compileGiven(texts: string[], aliases: Aliases, problem: (index: number, message: string, help: string) => void): Map<string, JsonPath[]> | undefined {
  const byMinor = new Map<string, JsonPath[]>();
  const said = new Set<string>();
  let ok = true;
  for (const minor of MINORS) {
    const paths: JsonPath[] = [];
    texts.forEach((text, i) => {
      const say = (message: string, help: string) => {
        if (!said.has(`${i}\0${message}`)) problem(i, message, help);
        said.add(`${i}\0${message}`);
        ok = false;
      };
      let expanded: string[];
      try {
        expanded = expandGiven(text, aliases, `${minor}.0`);
      } catch (e) {
        if (!(e instanceof AliasError)) throw e;
        return say(e.message, "define it under lint.aliases (names are case-sensitive)");
      }
      for (const p of expanded) {
        try {
          paths.push(parseJsonPath(p));
        } catch (e) {
          say(`invalid JSONPath: ${pathProblem(e, p)}${p === text ? "" : ` (${text} expanded)`}`, "write a JSONPath such as $.paths[*]~ or $..parameters[?(@.in == 'query')]");
        }
      }
    });
    byMinor.set(minor, paths);
  }
  return ok ? byMinor : undefined;
}

/**
 * Compiles `lint.custom` (with `lint.aliases`); `builtIn` holds the ids a custom rule may not take, `functions`
 * the functions of the user's by name (loaded, or not yet when the config is only checked).
 */
export function compileCustomRules(raw: unknown, builtIn: ReadonlySet<string>, rawAliases?: unknown, functions: ReadonlyMap<string, UserFunction> = new Map()): { rules: CompiledCustomRule[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const rules: CompiledCustomRule[] = [];
  const aliases = compileAliases(rawAliases, problems);
  // An alias no rule uses is still checked: a typo in it should not wait for its first use.
  for (const name of aliases.keys()) compileGiven([`#${name}`], aliases, (_, message, help) => void problems.push({ pointer: `/lint/aliases/${escapeSegment(name)}`, message, help }));
  if (raw === undefined) return { rules, problems };
  if (!isObject(raw)) return { rules, problems: [...problems, { pointer: "/lint/custom", message: "`custom` must map rule ids to rules", help: "write `custom: { my-rule: { given: $.info, then: { field: contact, function: truthy } } }`" }] };
  for (const [id, value] of Object.entries(raw)) {
    const at = `/lint/custom/${escapeSegment(id)}`;
    const problem = (pointer: string, message: string, help: string) => void problems.push({ pointer: `${at}${pointer}`, message, help });
    const before = problems.length;
    if (builtIn.has(id)) problem("", `custom rule '${id}' has the id of a built-in rule`, "rename it (docs/rules.md lists the built-in ids)");
    else if (!/^[A-Za-z0-9][\w.-]*$/.test(id)) problem("", `invalid rule id '${id}'`, "use letters, digits, '-', '_' and '.'");
    if (!isObject(value)) {
      problem("", `custom rule '${id}' must be an object`, "give `given` and `then`");
      continue;
    }
    for (const k of Object.keys(value)) if (!RULE_KEYS.includes(k) && !k.startsWith("x-")) problem(`/${escapeSegment(k)}`, `unknown key '${k}'`, `a custom rule takes ${RULE_KEYS.join(", ")}`);
    for (const k of ["description", "message"]) if (value[k] !== undefined && typeof value[k] !== "string") problem(`/${k}`, `'${k}' must be a string`, "write it as text");
    if (typeof value.message === "string") {
      for (const m of value.message.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        if (!PLACEHOLDERS.includes(m[1]!)) problem("/message", `unknown placeholder '{{${m[1]}}}'`, `use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`);
      }
    }
    const severity = value.severity === undefined ? "warn" : settingOf(value.severity);
    if (!severity) problem("/severity", `invalid severity '${String(value.severity)}'`, "use error, warn, info, hint or off");
    if (value.resolved !== undefined && typeof value.resolved !== "boolean") problem("/resolved", "`resolved` must be true or false", "write true (follow $refs, the default) or false");
    if (value.recommended !== undefined && typeof value.recommended !== "boolean") problem("/recommended", "`recommended` must be true or false", "write true or false");
    if (value.type !== undefined && value.type !== "style" && value.type !== "validation") problem("/type", "`type` must be style or validation", "write style or validation, or leave it out");
    if (value.tags !== undefined && !(Array.isArray(value.tags) && value.tags.every((t) => typeof t === "string"))) problem("/tags", "`tags` must be a list of strings", "e.g. tags: [operation]");
    if (value.formats !== undefined) {
      if (!Array.isArray(value.formats) || value.formats.length === 0) problem("/formats", "`formats` must be a list of document formats", "e.g. formats: [oas3_1]");
      else value.formats.forEach((f, i) => {
        if (!isFormatName(f)) problem(`/formats/${i}`, `unknown format '${String(f)}'`, `use one of ${FORMAT_NAMES.join(", ")}`);
      });
    }
    if (value.documentationUrl !== undefined && (typeof value.documentationUrl !== "string" || !/^https?:\/\//.test(value.documentationUrl))) problem("/documentationUrl", "`documentationUrl` must be an http(s) URL", "e.g. documentationUrl: https://example.com/api-style#paths-kebab-case");

    const givenList = typeof value.given === "string" ? [value.given] : value.given;
    let givenByMinor: Map<string, JsonPath[]> | undefined;
    if (!Array.isArray(givenList) || givenList.length === 0) problem("/given", "`given` must be a JSONPath or a list of them", "e.g. given: $.paths[*][get,post]");
    else {
      const where = (i: number) => (Array.isArray(value.given) ? `/given/${i}` : "/given");
      const notText = givenList.findIndex((g) => typeof g !== "string");
      if (notText >= 0) problem(where(notText), "`given` must be a JSONPath string", "e.g. $.paths[*]");
      else givenByMinor = compileGiven(givenList as string[], aliases, (i, message, help) => problem(where(i), message, help));
    }

    const thenList = Array.isArray(value.then) ? value.then : [value.then];
    const then: CompiledThen[] = [];
    if (value.then === undefined || thenList.length === 0) problem("/then", "missing `then`", "e.g. then: { field: description, function: truthy }");
    else thenList.forEach((t, i) => {
      const where = Array.isArray(value.then) ? `/then/${i}` : "/then";
      const compiled = compileThen(t, functions, (p, m, h) => problem(`${where}${p}`, m, h));
      if (compiled) then.push(compiled);
    });

    if (problems.length === before) {
      const description = typeof value.description === "string" ? value.description : id;
      const byMinor = givenByMinor!;
      rules.push({
        id,
        severity: severity!,
        description,
        message: value.message as string | undefined,
        givenFor: (version) => byMinor.get(version.slice(0, 3)) ?? byMinor.get("3.1")!,
        resolved: value.resolved !== false,
        formats: value.formats as string[] | undefined,
        documentationUrl: value.documentationUrl as string | undefined,
        then,
      });
    }
  }
  return { rules, problems };
}

function compileThen(raw: unknown, functions: ReadonlyMap<string, UserFunction>, problem: (pointer: string, message: string, help: string) => void): CompiledThen | undefined {
  if (!isObject(raw)) return void problem("", "`then` must be an object", "give `function`, and optionally `field` and `functionOptions`");
  for (const k of Object.keys(raw)) if (!["field", "function", "functionOptions"].includes(k)) problem(`/${escapeSegment(k)}`, `unknown key '${k}'`, "`then` takes field, function and functionOptions");
  let field: CompiledThen["field"];
  if (raw.field !== undefined) {
    if (typeof raw.field !== "string") problem("/field", "`field` must be a string", "a property name, a dotted path or @key");
    else try {
      field = fieldPath(raw.field);
    } catch (e) {
      problem("/field", `invalid field: ${pathProblem(e, raw.field)}`, "a property name (description), a dotted path (schema.type) or @key");
    }
  }
  const name = raw.function;
  const compile = typeof name === "string" && Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  // Spectral's core functions first, as Spectral 6 resolves a name (functions.ts, SPECTRAL_CORE), then the user's.
  const user = typeof name === "string" && !SPECTRAL_CORE.has(name) ? functions.get(name) : undefined;
  if (!compile && !user) {
    const own = functions.size ? `, or one listed in functions (${[...functions.keys()].join(", ")})` : "";
    return void problem("/function", typeof name === "string" ? `unknown function '${name}'` : "missing `function`", `use one of ${Object.keys(FUNCTIONS).join(", ")}${own}`);
  }
  if (raw.functionOptions !== undefined && !isObject(raw.functionOptions)) return void problem("/functionOptions", "`functionOptions` must be an object", "e.g. functionOptions: { match: '^[a-z]' }");
  const fieldParts = { field, fieldText: typeof raw.field === "string" ? raw.field : undefined };
  // Its options are its own to check (a createRulesetFunction's are, when it runs).
  if (user) return { ...fieldParts, check: userCheck(user, raw.functionOptions), user };
  const options = (raw.functionOptions ?? {}) as Record<string, unknown>;
  const check = compile!(options, (key, message, help) => problem(key ? `/functionOptions/${escapeSegment(key)}` : "/functionOptions", message, help));
  return { ...fieldParts, check };
}
