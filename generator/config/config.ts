/**
 * `specforge.config.{ts,mts,mjs,js,json,yaml,yml}`: which specs to generate, where, under what package
 * name, with which targets. JSON and YAML configs are data (nothing runs); code configs export a default
 * object (`defineConfig` types it). Unknown keys and wrong types are reported at their file:line:col and
 * pointer in a JSON or YAML config, by pointer alone in a code config.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { SpecforgeError, byPosition, error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { ALL_TARGETS, type ClientGenerationOptions, type PackageFields, type Target, type TypesOptions, type ValidatorOptions } from "../emit/emitter.js";
import { displayPathOf, readSourceFile, type SourceFile } from "../load/source-file.js";
import { ConfigSyntaxError, importConfigModule, moduleSystemHelp } from "./import-config.js";
import { PACKAGE_NAME_HELP, packageNameProblem } from "./package-name.js";
import { validateLintConfig, type LintConfig } from "../lint/config.js";
import type { OperationFilters } from "../filter/filter.js";
import type { FetchHeaderRule } from "../load/fetch-headers.js";
import { filterProblems } from "../filter/config-check.js";
import { PACKAGE_FIELDS } from "./package-fields.js";
import { closest } from "../names/suggest.js";
import { validateDiffConfig, type DiffConfig } from "../diff/rule-levels.js";

export interface SpecConfig {
  /** The spec, relative to the config file. */
  input: string;
  /** The package folder, relative to the config file. */
  output: string;
  /** package.json's name; defaults to the spec's `info.title` as one (`Okra Customers API` is `okra-customers-api`), as `generate <spec> --out` names it. */
  packageName?: string;
  /** Defaults to the spec's `info.version` (as semver). */
  packageVersion?: string;
  /** Defaults to every target. */
  targets?: Target[];
  /** Folder of templates overriding ours, relative to the config file. */
  templates?: string;
  /** Extra folders from which `$ref`s may load files, relative to the config file. */
  refRoots?: string[];
  /** OpenAPI Overlay files applied in order to the spec as it is read, relative to the config file. */
  overlays?: string[];
  /** Options of the validators target. */
  validators?: ValidatorOptions;
  /** Options of the client target. */
  client?: ClientGenerationOptions;
  /** Options of the types target. */
  types?: TypesOptions;
  /** The operations to generate (docs/configuration.md). */
  filters?: OperationFilters;
  /** Fields of the generated package.json for publishing: license, author, repository, homepage, bugs, keywords, publishConfig. */
  package?: PackageFields;
}

export interface SpecforgeConfig {
  /** Required by `specforge generate`; a config only for `specforge lint` may leave it out. */
  specs: SpecConfig[];
  /** `specforge lint` settings: rule severities and ignores (docs/rules.md). */
  lint?: LintConfig;
  /** Default for every spec that does not set its own. */
  templates?: string;
  /** How specs given by URL are fetched: headers per URL glob (a token from an environment variable). */
  fetch?: { headers?: FetchHeaderRule[] };
  /** `specforge diff` and `generate --bump`: each rule's classification for this API (diff/rule-levels.ts). */
  diff?: DiffConfig;
}

export function defineConfig(config: SpecforgeConfig): SpecforgeConfig {
  return config;
}

export const CONFIG_NAMES = ["ts", "mts", "mjs", "js", "json", "yaml", "yml"].map((ext) => `specforge.config.${ext}`);

export function findConfig(cwd: string): string | undefined {
  return CONFIG_NAMES.map((n) => path.join(cwd, n)).find((p) => existsSync(p));
}

export interface LoadedConfig {
  file: string;
  dir: string;
  config: SpecforgeConfig;
  /** Where `pointer` is written, as a diagnostic names it: file:line:col in a JSON or YAML config, the pointer alone in a code config. */
  place(pointer: string): Location;
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  const display = displayPathOf(file);
  let raw: unknown;
  // JSON and YAML are read as specs are (syntax errors and repeated keys at file:line:col), and keep where each value is written.
  let source: SourceFile | undefined;
  if (/\.m?[jt]s$/.test(file)) {
    try {
      raw = await importConfigModule(file);
    } catch (e) {
      const at = e instanceof ConfigSyntaxError ? { line: e.line, column: e.column } : {};
      throw new SpecforgeError([error("config/unreadable", `cannot read config: ${(e as Error).message.split("\n")[0]}`, { file: display, ...at }, moduleSystemHelp(e) ?? (e instanceof SyntaxError || e instanceof ConfigSyntaxError ? "fix the config file's syntax" : "fix the config file"))]);
    }
  } else {
    try {
      source = readSourceFile(file, display);
    } catch (e) {
      if (e instanceof SpecforgeError) throw new SpecforgeError(e.diagnostics.map((d) => ({ ...d, message: d.message.replace("cannot read spec", "cannot read config") })));
      throw e;
    }
    raw = source.value;
  }
  // A code config has no positions to give: its problems name the pointer alone.
  const place = (pointer: string): Location => ({ file: display, pointer, ...(source ? source.locate(pointer) ?? { line: 1, column: 1 } : {}) });
  const problems = validateConfig(raw);
  if (problems.length) throw new SpecforgeError(problems.map((p) => error("config/invalid", p.message, place(p.pointer), p.help)).sort(byPosition));
  return { file, dir: path.dirname(file), config: raw as SpecforgeConfig, place };
}

interface Problem {
  pointer: string;
  message: string;
  help: string;
}

/** A spec entry's keys (exported for the documentation test: docs/configuration.md names each). */
export const SPEC_KEYS: Record<string, "string" | "targets" | "strings" | "validators" | "client" | "types" | "filters" | "package"> = {
  input: "string",
  output: "string",
  packageName: "string",
  packageVersion: "string",
  targets: "targets",
  templates: "string",
  refRoots: "strings",
  overlays: "strings",
  validators: "validators",
  client: "client",
  types: "types",
  filters: "filters",
  package: "package",
};

/** Each target's options: what a value must be, and what to tell a user who got it wrong. */
interface OptionRule {
  ok: (v: unknown) => boolean;
  help: string;
}
const BOOLEAN: OptionRule = { ok: (v) => typeof v === "boolean", help: "use true or false" };
const oneOf = (...values: string[]): OptionRule => ({ ok: (v) => values.includes(v as string), help: `use ${values.slice(0, -1).join(", ")} or ${values.at(-1)}` });

export const TARGET_OPTIONS: Record<"types" | "client" | "validators", Record<string, OptionRule>> = {
  types: { enums: oneOf("union", "values", "object"), dates: oneOf("string", "Date"), samples: BOOLEAN, readWrite: oneOf("split", "off"), immutable: BOOLEAN, alphabetize: BOOLEAN },
  client: { validateResponses: BOOLEAN, validateRequests: BOOLEAN, query: BOOLEAN },
  validators: { allErrors: BOOLEAN, coerceParameters: BOOLEAN, unknownProperties: oneOf("keep", "reject", "strip") },
};

function targetOptionProblems(target: keyof typeof TARGET_OPTIONS, value: unknown, at: string): Problem[] {
  return optionProblems(target, TARGET_OPTIONS[target], value, at, "option");
}

/** `value`, the object under `key`, checked entry by entry against `rules`. */
function optionProblems(key: string, rules: Record<string, OptionRule>, value: unknown, at: string, noun: string): Problem[] {
  if (!isPlainObject(value)) return [{ pointer: at, message: `'${key}' must be an object`, help: `give any of ${Object.keys(rules).join(", ")}` }];
  return Object.entries(value).flatMap(([opt, val]): Problem[] => {
    const rule = Object.prototype.hasOwnProperty.call(rules, opt) ? rules[opt] : undefined;
    if (!rule) return [{ pointer: `${at}/${opt}`, message: `unknown ${key} ${noun} '${opt}'`, help: `${noun}s: ${Object.keys(rules).join(", ")}` }];
    return rule.ok(val) ? [] : [{ pointer: `${at}/${opt}`, message: `invalid value for '${opt}'`, help: rule.help }];
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const HEADER_HELP = "write { matches: 'https://host/**', name: Authorization, envVariable: API_TOKEN } (or value: for a header that is no secret)";

function fetchProblems(value: unknown): Problem[] {
  if (!isPlainObject(value)) return [{ pointer: "/fetch", message: "'fetch' must be an object", help: "give `headers`" }];
  const out: Problem[] = [];
  for (const k of Object.keys(value)) if (k !== "headers") out.push({ pointer: `/fetch/${k}`, message: `unknown key '${k}'`, help: "`fetch` takes `headers`" });
  if (value.headers === undefined) return out;
  if (!Array.isArray(value.headers)) return [...out, { pointer: "/fetch/headers", message: "'headers' must be a list", help: HEADER_HELP }];
  value.headers.forEach((rule, i) => {
    const at = `/fetch/headers/${i}`;
    if (!isPlainObject(rule)) return void out.push({ pointer: at, message: "a header rule must be an object", help: HEADER_HELP });
    for (const k of Object.keys(rule)) if (!["matches", "name", "value", "envVariable"].includes(k)) out.push({ pointer: `${at}/${k}`, message: `unknown key '${k}'`, help: "a header rule takes matches, name, and value or envVariable" });
    if (typeof rule.matches !== "string" || !/^https?:\/\//i.test(rule.matches)) out.push({ pointer: `${at}/matches`, message: "'matches' must be a URL glob", help: "e.g. 'https://api.example.com/specs/**'" });
    if (typeof rule.name !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(rule.name)) out.push({ pointer: `${at}/name`, message: "'name' must be a header name", help: "e.g. Authorization" });
    if ((rule.value === undefined) === (rule.envVariable === undefined)) out.push({ pointer: at, message: "give exactly one of 'value' and 'envVariable'", help: "a secret belongs in an environment variable: envVariable: API_TOKEN" });
    for (const k of ["value", "envVariable"]) if (rule[k] !== undefined && typeof rule[k] !== "string") out.push({ pointer: `${at}/${k}`, message: `'${k}' must be a string`, help: HEADER_HELP });
    if (typeof rule.value === "string" && /[\r\n]/.test(rule.value)) out.push({ pointer: `${at}/value`, message: "a header value cannot hold a line break", help: "remove the line break" });
  });
  return out;
}

const TOP_KEYS = ["specs", "templates", "lint", "diff", "fetch"];

export function validateConfig(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return [{ pointer: "", message: "the config must be an object", help: "write `{ specs: [...] }`" }];
  }
  const cfg = raw as Record<string, unknown>;
  for (const k of Object.keys(cfg)) {
    if (!TOP_KEYS.includes(k)) problems.push({ pointer: `/${k}`, message: `unknown key '${k}'${didYouMean(k, TOP_KEYS)}`, help: "the top level takes `specs`, `templates`, `lint`, `diff` and `fetch`" });
  }
  if (cfg.fetch !== undefined) problems.push(...fetchProblems(cfg.fetch));
  if (cfg.templates !== undefined && typeof cfg.templates !== "string") problems.push({ pointer: "/templates", message: "`templates` must be a folder path", help: "write a string" });
  if (cfg.lint !== undefined) problems.push(...validateLintConfig(cfg.lint));
  if (cfg.diff !== undefined) problems.push(...validateDiffConfig(cfg.diff));
  // a config for lint, diff or fetching specs by URL alone may leave out `specs` (generate asks for them)
  if (cfg.specs === undefined && (cfg.lint !== undefined || cfg.fetch !== undefined || cfg.diff !== undefined)) return problems;
  if (!Array.isArray(cfg.specs)) {
    problems.push({ pointer: "/specs", message: "`specs` must be a list", help: "list each spec with its input and output" });
    return problems;
  }
  cfg.specs.forEach((spec, i) => {
    const at = `/specs/${i}`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      problems.push({ pointer: at, message: "each spec must be an object", help: "give its input and output" });
      return;
    }
    const s = spec as Record<string, unknown>;
    for (const [k, v] of Object.entries(s)) {
      // own keys only: `constructor` is no key of a spec, whatever Object.prototype holds
      const kind = Object.prototype.hasOwnProperty.call(SPEC_KEYS, k) ? SPEC_KEYS[k] : undefined;
      if (!kind) problems.push({ pointer: `${at}/${k}`, message: `unknown key '${k}'${didYouMean(k, Object.keys(SPEC_KEYS))}`, help: `a spec takes ${Object.keys(SPEC_KEYS).join(", ")}` });
      else if (kind === "string" && typeof v !== "string") problems.push({ pointer: `${at}/${k}`, message: `'${k}' must be a string`, help: "write it as a string" });
      else if (k === "packageName" && packageNameProblem(v as string)) problems.push({ pointer: `${at}/${k}`, message: `packageName '${v}' ${packageNameProblem(v as string)}`, help: PACKAGE_NAME_HELP });
      else if (kind === "strings" && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) problems.push({ pointer: `${at}/${k}`, message: `'${k}' must be a list of strings`, help: k === "overlays" ? "write a list of overlay files, e.g. [overlays/public.overlay.yaml]" : "write a list of folder paths" });
      else if (kind === "types" || kind === "client" || kind === "validators") problems.push(...targetOptionProblems(kind, v, `${at}/${k}`));
      else if (kind === "filters") problems.push(...filterProblems(v, `${at}/${k}`));
      else if (kind === "package") problems.push(...optionProblems("package", PACKAGE_FIELDS, v, `${at}/${k}`, "field"));
      else if (kind === "targets") problems.push(...targetProblems(v, `${at}/${k}`));
    }
    for (const required of ["input", "output"]) {
      if (!(required in s)) problems.push({ pointer: `${at}/${required}`, message: `missing '${required}'`, help: `add '${required}' to this spec` });
    }
    // the server reads parameters as text and validates them with the coercing validators
    const validators = s.validators as Record<string, unknown> | undefined;
    const server = !Array.isArray(s.targets) || s.targets.includes("server");
    if (server && validators?.coerceParameters === false) {
      problems.push({ pointer: `${at}/validators/coerceParameters`, message: "`coerceParameters: false` leaves the generated server refusing every parameter that is not a string (parameters arrive as text)", help: "leave it on (the client's validators do not change its input), or leave `server` out of `targets`" });
    }
  });
  problems.push(...sharedOutputs(cfg.specs));
  return problems;
}

/**
 * A spec whose `output` an earlier spec names too (`out/api`, `./out/api/`): each run would write one package
 * over the other, and `--check` would never pass. Compared as paths relative to the config's one folder.
 */
function sharedOutputs(specs: unknown[]): Problem[] {
  const first = new Map<string, number>();
  return specs.flatMap((spec, i): Problem[] => {
    const output = isPlainObject(spec) ? spec.output : undefined;
    if (typeof output !== "string") return [];
    const folder = path.resolve("/", output);
    const earlier = first.get(folder);
    if (earlier === undefined) return void first.set(folder, i), [];
    return [{ pointer: `/specs/${i}/output`, message: `'${output}' is the output of specs/${earlier} too: one package would be written over the other`, help: "give each spec a folder of its own" }];
  });
}

export type { Diagnostic };

/** `targets`: a list of known targets; each unknown one at its own place, with the target it may mean (`clients`: `client`). */
function targetProblems(v: unknown, at: string): Problem[] {
  const all = ALL_TARGETS as readonly string[];
  if (!Array.isArray(v)) return [{ pointer: at, message: `'targets' must be a list drawn from ${ALL_TARGETS.join(", ")}`, help: "write a list such as [types, client]" }];
  return v.flatMap((x, i) => {
    if (typeof x === "string" && all.includes(x)) return [];
    const what = typeof x === "string" ? `'${x}'${didYouMean(x, all)}` : JSON.stringify(x);
    return [{ pointer: `${at}/${i}`, message: `unknown target ${what}`, help: `targets are ${ALL_TARGETS.join(", ")}` }];
  });
}

/** ` (did you mean 'x'?)` where a known name is a typo away, else nothing. */
function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  return near && near !== word ? ` (did you mean '${near}'?)` : "";
}
