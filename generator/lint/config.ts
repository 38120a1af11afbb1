/**
 * The `lint` section of specforge.config.*:
 *   lint:
 *     rules: { "<rule-id>": error | warn | off }     (Spectral's info and hint read as warn)
 *     ignore: [{ files: "<glob>", pointer: "<JSON pointer prefix>", rules: ["<rule-id>"] }]
 *     custom: { "<rule-id>": { given, then, ... } }  (custom/config.ts)
 *     aliases: { "<Name>": ["<JSONPath>"] }         (custom/aliases.ts)
 *     overrides: [{ files: ["<glob>[#pointer]"], formats?, rules: { "<rule-id>": severity } }]  (overrides.ts)
 *     functions: ["<name>"]                         (functions of your own for custom rules: custom/user-functions.ts)
 *     functionsDir: "<folder>"                      (where their files are; default `functions` beside the config)
 *     functionTimeoutMs: <ms>                       (how long one call's Promise may take; default 10000)
 *     replaces: ["<built-in id>"]                   (a custom rule of that id stands in for the built-in)
 * `files` is relative to the config's folder (`*` within a path segment, `**` across segments); an ignore
 * without `pointer` covers the whole file, one without `rules` every rule.
 */
import path from "node:path";
import { ALWAYS_ON, alwaysOnProblem, RULE_IDS } from "./registry.js";
import { globToRegExp } from "../load/glob.js";
import type { Finding, RuleSetting } from "./types.js";
import { compileCustomRules, settingOf, type CustomRuleConfig } from "./custom/config.js";
import { isFunctionName, type UserFunction } from "./custom/user-functions.js";
import { validateOverrides, type OverrideEntry } from "./overrides.js";

export interface IgnoreEntry {
  files: string;
  pointer?: string;
  rules?: string[];
}

export interface LintConfig {
  rules?: Record<string, RuleSetting | "info" | "hint">;
  ignore?: IgnoreEntry[];
  /** Rules written as Spectral writes them (docs/rules.md, "Custom rules"). */
  custom?: Record<string, CustomRuleConfig>;
  /** Named JSONPaths for custom rules' `given` (Spectral's aliases). */
  aliases?: Record<string, unknown>;
  /** Severities per file, part of a file, or format (Spectral's overrides). */
  overrides?: OverrideEntry[];
  /** Names of functions of the user's that custom rules may call, each `<functionsDir>/<name>.js` (.mjs, .cjs). */
  functions?: string[];
  /** The folder of `functions`' files, relative to the config's (default `functions`). */
  functionsDir?: string;
  /** How long a function's Promise, or the loading of its file, may take (default 10 000). */
  functionTimeoutMs?: number;
  /**
   * The functions `functions` names, where each is listed and (once loaded) what it is: set by lint from the
   * config's `functions` and a ruleset's, not a key of the config's lint section.
   */
  userFunctions?: Record<string, UserFunction>;
  /** A Spectral ruleset file read as well (spectral-ruleset.ts), relative to the config's folder. */
  ruleset?: string;
  /**
   * Built-in rules a custom rule of the same id stands in for (a Spectral ruleset's own definition of a rule
   * replaces the rule it names): the built-in does not run, the custom rule takes its id.
   */
  replaces?: string[];
  /**
   * Parts of rules that are off ("example-valid/schema"): set by a ruleset whose narrow rule is off
   * (rule-parts.ts), not a key of the config's lint section.
   */
  partsOff?: string[];
}

/** The longest a Node timer waits (a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const LINT_KEYS = ["rules", "ignore", "custom", "aliases", "overrides", "ruleset", "replaces", "functions", "functionsDir", "functionTimeoutMs"];

/** The built-in ids a custom rule may not take: all but those it replaces. */
export function reservedIds(replaces: unknown): ReadonlySet<string> {
  if (!Array.isArray(replaces) || replaces.length === 0) return RULE_IDS;
  return new Set([...RULE_IDS].filter((id) => !replaces.includes(id)));
}

interface Problem {
  pointer: string;
  message: string;
  help: string;
}

/** Problems of a `lint` section, with pointers relative to the config (`/lint/rules/x`). */
export function validateLintConfig(raw: unknown): Problem[] {
  const out: Problem[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [{ pointer: "/lint", message: "`lint` must be an object", help: "give `rules` and/or `ignore`" }];
  const cfg = raw as Record<string, unknown>;
  for (const k of Object.keys(cfg)) if (!LINT_KEYS.includes(k)) out.push({ pointer: `/lint/${k}`, message: `unknown key '${k}'`, help: `\`lint\` takes ${LINT_KEYS.join(", ")}` });
  const names = Array.isArray(cfg.functions) ? cfg.functions.filter(isFunctionName) : [];
  if (cfg.functions !== undefined && (!Array.isArray(cfg.functions) || names.length !== cfg.functions.length)) {
    out.push({ pointer: "/lint/functions", message: "`functions` must be a list of function names (each the name of its file)", help: "e.g. functions: [operationIdPrefix] for functions/operationIdPrefix.js" });
  }
  if (cfg.functionsDir !== undefined && (typeof cfg.functionsDir !== "string" || cfg.functionsDir === "")) out.push({ pointer: "/lint/functionsDir", message: "`functionsDir` must be a folder path", help: "e.g. functionsDir: lint-functions" });
  const timeout = cfg.functionTimeoutMs;
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) > 0 && (timeout as number) <= MAX_TIMER_MS)) out.push({ pointer: "/lint/functionTimeoutMs", message: `\`functionTimeoutMs\` must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`, help: "e.g. functionTimeoutMs: 30000" });
  if (cfg.custom !== undefined || cfg.aliases !== undefined) {
    // Checked by name alone: the files are loaded when lint runs (their problems are at the `functions` entries).
    const functions = new Map(names.map((name) => [name, { name, dir: "", where: {} }]));
    out.push(...compileCustomRules(cfg.custom, reservedIds(cfg.replaces), cfg.aliases, functions).problems);
  }
  const custom = typeof cfg.custom === "object" && cfg.custom !== null ? Object.keys(cfg.custom) : [];
  if (cfg.replaces !== undefined) {
    if (!Array.isArray(cfg.replaces)) out.push({ pointer: "/lint/replaces", message: "`replaces` must be a list of rule ids", help: "list built-in rules that a custom rule of the same id stands in for" });
    else cfg.replaces.forEach((id, i) => {
      // parse, oas-version and ref-resolves stay: replaced, a spec that does not parse passed with a warning.
      if (typeof id === "string" && ALWAYS_ON.has(id)) out.push({ pointer: `/lint/replaces/${i}`, message: `'${id}' is a check specforge always runs, and cannot be replaced`, help: "give the custom rule another id" });
      else if (typeof id !== "string" || !RULE_IDS.has(id) || !custom.includes(id)) out.push({ pointer: `/lint/replaces/${i}`, message: `'${String(id)}' is not a built-in rule defined under lint.custom`, help: "a replaced rule needs a custom rule of the same id" });
    });
  }
  const known = (id: string) => RULE_IDS.has(id) || custom.includes(id);
  if (cfg.rules !== undefined) {
    if (typeof cfg.rules !== "object" || cfg.rules === null || Array.isArray(cfg.rules)) out.push({ pointer: "/lint/rules", message: "`rules` must map rule ids to error, warn or off", help: "write `rules: { operation-id: off }`" });
    else for (const [id, v] of Object.entries(cfg.rules)) {
      if (!known(id)) out.push({ pointer: `/lint/rules/${id}`, message: `unknown rule '${id}'`, help: "see docs/rules.md for the rule ids, or define it under lint.custom" });
      else if (!settingOf(v)) out.push({ pointer: `/lint/rules/${id}`, message: `invalid setting for '${id}'`, help: "use error, warn, info, hint or off" });
      else if (alwaysOnProblem(id, settingOf(v))) out.push({ pointer: `/lint/rules/${id}`, ...alwaysOnProblem(id, settingOf(v))! });
    }
  }
  if (cfg.overrides !== undefined) out.push(...validateOverrides(cfg.overrides, known));
  if (cfg.ruleset !== undefined && (typeof cfg.ruleset !== "string" || cfg.ruleset === "")) out.push({ pointer: "/lint/ruleset", message: "`ruleset` must be a file path", help: "e.g. ruleset: .spectral.yaml" });
  if (cfg.ignore !== undefined) {
    if (!Array.isArray(cfg.ignore)) out.push({ pointer: "/lint/ignore", message: "`ignore` must be a list", help: "list entries like { files: 'specs/*.yaml', rules: [operation-id] }" });
    else cfg.ignore.forEach((entry, i) => {
      const at = `/lint/ignore/${i}`;
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return void out.push({ pointer: at, message: "an ignore entry must be an object", help: "give `files` and optionally `pointer` and `rules`" });
      const e = entry as Record<string, unknown>;
      for (const k of Object.keys(e)) if (!["files", "pointer", "rules"].includes(k)) out.push({ pointer: `${at}/${k}`, message: `unknown key '${k}'`, help: "an ignore entry takes files, pointer and rules" });
      if (typeof e.files !== "string") out.push({ pointer: `${at}/files`, message: "`files` must be a glob", help: "e.g. 'specs/*.yaml'" });
      if (e.pointer !== undefined && (typeof e.pointer !== "string" || (e.pointer !== "" && !e.pointer.startsWith("/")))) out.push({ pointer: `${at}/pointer`, message: "`pointer` must be a JSON pointer", help: "e.g. '/paths/~1legacy'" });
      if (e.rules !== undefined) {
        if (!Array.isArray(e.rules)) out.push({ pointer: `${at}/rules`, message: "`rules` must be a list of rule ids", help: "e.g. [operation-id]" });
        else e.rules.forEach((r, j) => {
          if (typeof r !== "string" || !known(r)) out.push({ pointer: `${at}/rules/${j}`, message: `unknown rule '${String(r)}'`, help: "see docs/rules.md for the rule ids" });
        });
      }
    });
  }
  return out;
}

/** A predicate telling whether a finding (in a file given by absolute path) is ignored. */
export function ignorer(entries: IgnoreEntry[] | undefined, baseDir: string): (f: Finding, absolute: string) => boolean {
  const compiled = (entries ?? []).map((e) => ({ files: globToRegExp(e.files.replace(/^\.\//, "")), pointer: e.pointer, rules: e.rules && new Set(e.rules) }));
  if (compiled.length === 0) return () => false;
  return (f, absolute) => {
    const rel = path.relative(baseDir, absolute).split(path.sep).join("/");
    return compiled.some((e) =>
      e.files.test(rel) &&
      (e.rules === undefined || e.rules.has(f.ruleId)) &&
      (e.pointer === undefined || f.pointer === e.pointer || f.pointer.startsWith(`${e.pointer}/`) || e.pointer === ""));
  };
}
