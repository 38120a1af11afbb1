/**
 * Spectral's core functions as custom rules name them in `then.function`: truthy, falsy, defined,
 * undefined, pattern, casing, length, enumeration, schema, xor, or, alphabetical, unreferencedReusableObject,
 * and its OpenAPI ruleset's typedEnum. Each checks its `functionOptions` when the
 * config is loaded (one problem per wrong option) and returns a check run on every value `given` selects.
 * As in Spectral, a function meets only the kinds of value it is for (pattern: strings, length: strings,
 * arrays, objects, numbers ...) and passes the others.
 */
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import { explainAjvErrors } from "../../diagnostics/ajv-errors.js";
import { isObject } from "../../openapi/kinds.js";
import { own } from "../../openapi/own.js";
import { noOptions, onlyKeys, printValue, type Compile, type OptionProblem } from "./function-kit.js";
import { typedEnum, unreferencedReusableObject } from "./functions-openapi.js";
import { guardedTest } from "../../openapi/bounded-regex.js";

export type { Check, Problem, Target } from "./function-kit.js";
export { printValue };

const require = createRequire(import.meta.url);

/** A `match` string as Spectral reads it: `/source/flags` or a bare source. */
function regexOf(text: unknown, key: string, problem: OptionProblem): RegExp | undefined {
  if (typeof text !== "string") return void problem(key, `'${key}' must be a regular expression in a string`, `e.g. ${key}: "^[a-z]+$"`);
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(text);
  try {
    return slashed ? new RegExp(slashed[1]!, slashed[2]) : new RegExp(text);
  } catch (e) {
    return void problem(key, `'${key}' is not a valid regular expression: ${(e as Error).message}`, "fix the expression (JavaScript syntax)");
  }
}

const pattern: Compile = (options, problem) => {
  onlyKeys(options, ["match", "notMatch"], problem, '{ match: "^[a-z]" }');
  if (options.match === undefined && options.notMatch === undefined) problem("", "pattern needs `match` or `notMatch`", 'e.g. functionOptions: { match: "^[a-z]" }');
  const match = options.match === undefined ? undefined : regexOf(options.match, "match", problem);
  const notMatch = options.notMatch === undefined ? undefined : regexOf(options.notMatch, "notMatch", problem);
  // A spec's values are hostile text: a pattern that could backtrack exponentially runs within a time limit.
  const testMatch = match && guardedTest(match);
  const testNotMatch = notMatch && guardedTest(notMatch);
  const slow = (key: string) => `${printValue(key === "match" ? options.match : options.notMatch)} ran past its time limit on a value (it repeats a group that repeats or alternates): rewrite the pattern so each text has one way to match`;
  return ({ value }) => {
    if (typeof value !== "string") return [];
    const out: string[] = [];
    const matched = testMatch?.(value);
    if (testMatch && matched === undefined) out.push(`the pattern ${slow("match")}`);
    else if (testMatch && !matched) out.push(`${printValue(value)} must match the pattern ${JSON.stringify(options.match)}`);
    const forbidden = testNotMatch?.(value);
    if (testNotMatch && forbidden === undefined) out.push(`the pattern ${slow("notMatch")}`);
    else if (forbidden) out.push(`${printValue(value)} must not match the pattern ${JSON.stringify(options.notMatch)}`);
    return out;
  };
};

/**
 * Spectral's cases, `D` standing for the digits (none with `disallowDigits`). camel and pascal accept what
 * Spectral's `[a-z][a-zD]*(?:[A-ZD](?:[a-zD]+|$))*` does (an upper-case letter followed by a lower-case
 * letter, a digit or the end), written so that each character has one way to match: Spectral's backtracks
 * exponentially on a run of digits it rejects ("a" + 40 digits + "!" took seconds, a spec value can hang lint).
 */
const CASES: Record<string, string> = {
  flat: "[a-z][a-zD]*",
  camel: "[a-z](?:[a-zD]|[A-Z](?=[a-zD]|$))*",
  pascal: "[A-Z](?:[a-zD]|[A-Z](?=[a-zD]|$))*",
  kebab: "[a-z][a-zD]*(?:-[a-zD]+)*",
  cobol: "[A-Z][A-ZD]*(?:-[A-ZD]+)*",
  snake: "[a-z][a-zD]*(?:_[a-zD]+)*",
  macro: "[A-Z][A-ZD]*(?:_[A-ZD]+)*",
};

const casing: Compile = (options, problem) => {
  onlyKeys(options, ["type", "disallowDigits", "separator"], problem, "{ type: camel }");
  const type = options.type;
  // own names only, here and below: an option may name one of Object's (`constructor`, `toString`)
  const pattern = typeof type === "string" ? own(CASES, type) : undefined;
  if (pattern === undefined) problem("type", "casing needs `type`, one of the cases", `use one of ${Object.keys(CASES).join(", ")}`);
  if (options.disallowDigits !== undefined && typeof options.disallowDigits !== "boolean") problem("disallowDigits", "`disallowDigits` must be true or false", "write true or false");
  const sep = options.separator;
  const sepOk = sep === undefined || (isObject(sep) && typeof sep.char === "string" && sep.char.length === 1 && (sep.allowLeading === undefined || typeof sep.allowLeading === "boolean") && Object.keys(sep).every((k) => k === "char" || k === "allowLeading"));
  if (!sepOk) problem("separator", "`separator` must be { char: <one character>, allowLeading?: true | false }", 'e.g. separator: { char: "/" }');
  if (pattern === undefined || !sepOk) return () => [];
  const part = pattern.replace(/D/g, options.disallowDigits === true ? "" : "0-9");
  const s = sep as { char: string; allowLeading?: boolean } | undefined;
  const escaped = s && s.char.replace(/[\\\]^-]/g, "\\$&");
  // A separator that is the case's own (kebab's or cobol's "-", snake's or macro's "_") adds nothing to the
  // case, and repeating the part around it backtracks exponentially on "a-a-a-...-a!": the part alone then.
  const caseOwn = (type === "kebab" || type === "cobol" ? "-" : type === "snake" || type === "macro" ? "_" : undefined) === s?.char;
  const re = s ? new RegExp(`^${s.allowLeading ? `[${escaped}]?` : ""}${part}${caseOwn ? "" : `(?:[${escaped}]${part})*`}$`) : new RegExp(`^${part}$`);
  return ({ value }) => {
    if (typeof value !== "string" || value === "" || (s?.allowLeading && value === s.char)) return [];
    return re.test(value) ? [] : [`${printValue(value)} must be ${type} case`];
  };
};

const length: Compile = (options, problem) => {
  onlyKeys(options, ["min", "max"], problem, "{ min: 1, max: 64 }");
  for (const k of ["min", "max"]) if (options[k] !== undefined && typeof options[k] !== "number") problem(k, `'${k}' must be a number`, `e.g. ${k}: 3`);
  if (options.min === undefined && options.max === undefined) problem("", "length needs `min` or `max`", "e.g. functionOptions: { max: 64 }");
  const min = typeof options.min === "number" ? options.min : undefined;
  const max = typeof options.max === "number" ? options.max : undefined;
  return ({ value, property }) => {
    const [size, unit] =
      typeof value === "string" ? [value.length, "characters"]
      : Array.isArray(value) ? [value.length, "items"]
      : isObject(value) ? [Object.keys(value).length, "properties"]
      : typeof value === "number" ? [value, ""]
      : [undefined, ""];
    if (size === undefined) return [];
    const what = unit ? `has ${size} ${unit}` : `is ${size}`;
    const out: string[] = [];
    if (min !== undefined && size < min) out.push(`'${property}' ${what}, fewer than the minimum ${min}`);
    if (max !== undefined && size > max) out.push(`'${property}' ${what}, more than the maximum ${max}`);
    return out;
  };
};

const enumeration: Compile = (options, problem) => {
  onlyKeys(options, ["values"], problem, "{ values: [a, b] }");
  const values = options.values;
  const ok = Array.isArray(values) && values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
  if (!ok) problem("values", "enumeration needs `values`, a list of strings, numbers, booleans or null", "e.g. values: [json, yaml]");
  const allowed = ok ? (values as unknown[]) : [];
  return ({ value }) => {
    if (value !== null && !["string", "number", "boolean"].includes(typeof value)) return [];
    return allowed.includes(value) ? [] : [`${printValue(value)} must be one of: ${allowed.map(printValue).join(", ")}`];
  };
};

type AjvClass = new (o: object) => { compile(s: unknown): ValidateFunction };
const DIALECTS: Record<string, string> = {
  "https://json-schema.org/draft/2020-12/schema": "ajv/dist/2020.js",
  "https://json-schema.org/draft/2019-09/schema": "ajv/dist/2019.js",
};

/** Spectral's `dialect` option: the JSON Schema draft to read the schema as (draft 6 reads as 7, its superset). */
const DIALECT_OPTION: Record<string, string | undefined> = {
  auto: undefined,
  draft6: "ajv",
  draft7: "ajv",
  "draft2019-09": "ajv/dist/2019.js",
  "draft2020-12": "ajv/dist/2020.js",
};

const schema: Compile = (options, problem) => {
  onlyKeys(options, ["schema", "allowUndefined", "dialect"], problem, "{ schema: { type: string } }");
  if (options.allowUndefined !== undefined && typeof options.allowUndefined !== "boolean") problem("allowUndefined", "`allowUndefined` must be true or false", "write true or false");
  const named = options.dialect;
  if (named !== undefined && (typeof named !== "string" || !Object.hasOwn(DIALECT_OPTION, named))) {
    problem("dialect", `unknown dialect '${String(named)}'`, `use one of ${Object.keys(DIALECT_OPTION).join(", ")} (draft4 is not supported)`);
  }
  const s = options.schema;
  if (!isObject(s) && typeof s !== "boolean") return problem("schema", "schema needs `schema`, a JSON Schema", "e.g. schema: { type: string, maxLength: 64 }"), () => [];
  // The dialect `dialect` names, else the one its `$schema` names (2020-12, 2019-09), else draft-07 as ajv's default.
  const fromOption = typeof named === "string" ? own(DIALECT_OPTION, named) : undefined;
  const dialect = fromOption ?? (isObject(s) && typeof s.$schema === "string" ? own(DIALECTS, s.$schema.replace(/#$/, "")) : undefined);
  const Ajv = (require(dialect ?? "ajv") as { default: AjvClass }).default;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  (require("ajv-formats") as { default: (a: unknown) => void }).default(ajv);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(s);
  } catch (e) {
    return problem("schema", `the schema does not compile: ${(e as Error).message.split("\n")[0]}`, "fix the schema (JSON Schema draft-07, or 2019-09/2020-12 named by `$schema`)"), () => [];
  }
  // An `$async` schema's validate returns a Promise, truthy whatever the value, and its rejection would end the run.
  if ((validate as { $async?: boolean }).$async) return problem("schema", "the schema is $async, which lint cannot wait for", "remove `$async: true`"), () => [];
  return ({ value, exists, property }) => {
    if (!exists) return options.allowUndefined === true ? [] : [`'${property}' must exist`];
    if (validate(value)) return [];
    return explainAjvErrors(validate.errors ?? [], `'${property}'`).map((p) => p.message);
  };
};

const xor: Compile = (options, problem) => {
  onlyKeys(options, ["properties"], problem, "{ properties: [example, examples] }");
  const names = options.properties;
  const ok = Array.isArray(names) && names.length >= 2 && names.every((n) => typeof n === "string");
  if (!ok) problem("properties", "xor needs `properties`, a list of two or more property names", "e.g. properties: [example, examples]");
  const list = ok ? (names as string[]) : [];
  return ({ value }) => {
    if (!isObject(value)) return [];
    const present = list.filter((n) => Object.prototype.hasOwnProperty.call(value, n));
    return present.length === 1 ? [] : [`exactly one of ${list.map(printValue).join(", ")} must be defined (${present.length ? `found ${present.map(printValue).join(", ")}` : "found none"})`];
  };
};

/** Spectral's `or`: an object must have at least one of `properties`. */
const or: Compile = (options, problem) => {
  onlyKeys(options, ["properties"], problem, "{ properties: [description, summary] }");
  const names = options.properties;
  const ok = Array.isArray(names) && names.length >= 2 && names.every((n) => typeof n === "string");
  if (!ok) problem("properties", "or needs `properties`, a list of two or more property names", "e.g. properties: [description, summary]");
  const list = ok ? (names as string[]) : [];
  return ({ value }) => {
    if (!isObject(value) || list.some((n) => Object.prototype.hasOwnProperty.call(value, n))) return [];
    return [`at least one of ${list.map(printValue).join(", ")} must be defined`];
  };
};

/** Spectral's order: numbers (and numeric strings) by value, other strings as English collation sorts them. */
function compareItems(a: string | number, b: string | number): number {
  if (!Number.isNaN(Number(a)) && !Number.isNaN(Number(b))) return Number(a) - Number(b);
  return String(a).localeCompare(String(b), "en");
}

const alphabetical: Compile = (options, problem) => {
  onlyKeys(options, ["keyedBy"], problem, "{ keyedBy: name }");
  if (options.keyedBy !== undefined && typeof options.keyedBy !== "string") problem("keyedBy", "`keyedBy` must be a property name", "e.g. keyedBy: name");
  const keyedBy = typeof options.keyedBy === "string" ? options.keyedBy : undefined;
  return ({ value, property }) => {
    if (!Array.isArray(value) && !isObject(value)) return [];
    let items: unknown[] = Array.isArray(value) ? value : Object.keys(value);
    if (keyedBy !== undefined) {
      if (!items.every(isObject)) return [`'${property}' must hold objects to sort by '${keyedBy}'`];
      items = items.map((item) => (item as Record<string, unknown>)[keyedBy]);
    }
    if (!items.every((x) => typeof x === "string" || typeof x === "number")) return [`'${property}' must hold strings or numbers to sort`];
    const sortable = items as Array<string | number>;
    const at = sortable.findIndex((x, i) => i + 1 < sortable.length && compareItems(x, sortable[i + 1]!) > 0);
    return at < 0 ? [] : [`${printValue(sortable[at])} must be placed after ${printValue(sortable[at + 1])}${keyedBy ? ` (sorted by '${keyedBy}')` : ""}`];
  };
};

export const FUNCTIONS: Record<string, Compile> = {
  truthy: noOptions(({ value, property }) => (value ? [] : [`'${property}' must be truthy`])),
  falsy: noOptions(({ value, property }) => (value ? [`'${property}' must be falsy`] : [])),
  defined: noOptions(({ exists, property }) => (exists ? [] : [`'${property}' must be defined`])),
  undefined: noOptions(({ exists, property }) => (exists ? [`'${property}' must not be defined`] : [])),
  pattern,
  casing,
  length,
  enumeration,
  schema,
  xor,
  or,
  alphabetical,
  unreferencedReusableObject,
  typedEnum,
};

/**
 * The functions of Spectral's core (@stoplight/spectral-functions): a ruleset's `then.function` naming one
 * calls it, whatever the ruleset's own `functions` list (Spectral 6's ruleset-migrator imports these names
 * from the core). typedEnum comes from its OpenAPI ruleset: a function of the user's of that name wins.
 */
export const SPECTRAL_CORE: ReadonlySet<string> = new Set(Object.keys(FUNCTIONS).filter((name) => name !== "typedEnum"));
