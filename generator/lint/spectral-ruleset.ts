/**
 * `specforge lint --ruleset .spectral.yaml`: a Spectral ruleset read as it is, as the `lint` section it
 * stands for, so a team keeps one ruleset file while moving over:
 *   extends: spectral:oas | [[spectral:oas, recommended | all | off]]   built-in rules on (else only its own)
 *   rules:   <id>: { given, then, ... }   a rule of its own (lint.custom)
 *            <id>: error | warn | info | hint | off | 0-3 | true | false   a spectral:oas rule's severity,
 *                                          set on specforge's rule that checks the same (SPECTRAL_RULES)
 *   aliases, overrides                     as lint.aliases and lint.overrides (globs from the ruleset's folder)
 *   formats, documentationUrl              the default of each rule of its own
 * Anything that would run code (`functions`, `functionsDir`) or read another ruleset (`extends` of a file,
 * URL or package) is an error saying what to do; a severity for a spectral:oas rule specforge has no
 * equivalent of is a note. Errors are `file:line:col` with the pointer into the ruleset, exit 2.
 */
import path from "node:path";
import { byPosition, error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/source-file.js";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { settingOf } from "./custom/config.js";
import { validateLintConfig, type LintConfig } from "./config.js";
import { RULES } from "./registry.js";
import type { RuleSetting } from "./types.js";

/** spectral:oas rule ids and the specforge rule checking the same thing. */
export const SPECTRAL_RULES: Record<string, string> = {
  "operation-operationId": "operation-id",
  "operation-operationId-unique": "operation-id-unique",
  "operation-operationId-valid-in-url": "operation-id-identifier",
  "operation-parameters": "parameters-unique",
  "operation-tag-defined": "operation-tag-defined",
  "operation-description": "operation-description",
  "operation-success-response": "operation-success-response",
  "path-params": "path-params",
  "path-declarations-must-exist": "path-params",
  "path-keys-no-trailing-slash": "path-trailing-slash",
  "path-not-include-query": "path-no-query",
  "no-script-tags-in-markdown": "markdown-no-script",
  "no-eval-in-markdown": "markdown-no-script",
  "info-contact": "info-contact",
  "info-license": "info-license",
  "tag-description": "tag-description",
  "typed-enum": "enum-type",
  "duplicated-entry-in-enum": "enum-unique",
  "array-items": "array-items",
  "oas3-api-servers": "servers-defined",
  "oas3-operation-security-defined": "security-defined",
  "oas3-parameter-description": "parameter-description",
  "oas3-schema": "oas-schema",
  "oas3-server-not-example.com": "server-not-example",
  "oas3-server-trailing-slash": "server-trailing-slash",
  "oas3-server-variables": "server-variables",
  "oas3-unused-component": "unused-components",
  "oas3-valid-media-example": "example-valid",
  "oas3-valid-schema-example": "example-valid",
};

/** spectral:oas rules specforge has no equivalent of (a severity for one is a note; an unknown id an error). */
const SPECTRAL_UNMATCHED = new Set([
  "operation-tags", "operation-singular-tag", "info-description", "license-url", "contact-properties", "openapi-tags",
  "openapi-tags-alphabetical", "openapi-tags-uniqueness", "no-$ref-siblings", "oas3-examples-value-or-externalValue",
  "oas3-callbacks-in-callbacks", "oas3_1-servers-in-webhook", "oas3_1-callbacks-in-webhook",
]);
/** specforge's rule for a spectral:oas rule id (own keys only: a rule may be called `constructor`). */
const equivalentOf = (id: string): string | undefined => (Object.prototype.hasOwnProperty.call(SPECTRAL_RULES, id) ? SPECTRAL_RULES[id] : undefined);
const isSpectralOnly = (id: string) => SPECTRAL_UNMATCHED.has(id) || id.startsWith("oas2-");

/** Rules about reading the file at all: on whatever the ruleset extends (Spectral reports these too). */
const ALWAYS = new Set(["parse", "oas-version", "ref-resolves"]);

const KEYS = ["description", "extends", "rules", "aliases", "overrides", "formats", "documentationUrl", "functions", "functionsDir", "parserOptions"];

export interface ReadRuleset {
  lint: LintConfig;
  /** Things read and not acted on, one line each (shown unless --quiet). */
  notes: string[];
}

/** A ruleset file as read: its value, and where each pointer of it is written. */
export type RulesetSource = Pick<SourceFile, "value" | "displayPath" | "locate">;

const RANK: Record<RuleSetting, number> = { off: 0, warn: 1, error: 2 };

/** A Spectral severity, or `true`/`false` (on at its default, off). */
function severityOf(value: unknown, defaultSetting: RuleSetting): RuleSetting | undefined {
  if (value === true) return defaultSetting === "off" ? "warn" : defaultSetting;
  if (value === false) return "off";
  return settingOf(value);
}

/** Reads the Spectral ruleset `source` (from `file`, absolute); `baseDir` is the folder lint's globs are relative to. */
export function readSpectralRuleset(source: RulesetSource, file: string, baseDir: string): ReadRuleset {
  const problems: Diagnostic[] = [];
  const notes: string[] = [];
  const bad = (pointer: string, message: string, help: string) => {
    const at = source.locate(pointer);
    problems.push(error("lint/ruleset", message, { file: source.displayPath, pointer, ...(at ? { line: at.line, column: at.column } : {}) }, help));
  };
  const raw = source.value;
  if (!isObject(raw)) {
    bad("", "a ruleset must be a mapping", "write `extends: spectral:oas` and/or `rules: { ... }`");
    throw new SpecforgeError(problems);
  }
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) bad(`/${escapeSegment(k)}`, `unknown key '${k}'`, `a Spectral ruleset takes ${KEYS.join(", ")}`);
  for (const k of ["functions", "functionsDir"]) {
    if (raw[k] !== undefined) bad(`/${k}`, `'${k}': specforge does not run a ruleset's JavaScript functions`, "write those rules with the core functions (docs/rules.md), or leave them to Spectral");
  }
  if (raw.parserOptions !== undefined) notes.push("parserOptions are not read: duplicate keys are always an error, as YAML 1.2 says");

  // extends: which built-in rules are on, and in which mode.
  let builtIns: "off" | "recommended" | "all" = "off";
  const extendsList = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  extendsList.forEach((entry, i) => {
    const pointer = Array.isArray(raw.extends) ? `/extends/${i}` : "/extends";
    const [name, mode] = Array.isArray(entry) ? entry : [entry, "recommended"];
    if (name !== "spectral:oas") {
      return bad(pointer, `extends ${typeof name === "string" ? `'${name}'` : "entry"} is not read: specforge's built-in rules stand for spectral:oas only`, "paste the rules, aliases and overrides of that ruleset into this one");
    }
    if (mode !== "recommended" && mode !== "all" && mode !== "off") return bad(pointer, `unknown extends mode '${String(mode)}'`, "use recommended, all or off");
    builtIns = mode;
  });

  const rules: Record<string, RuleSetting> = {};
  const defaults = new Map(RULES.map((r) => [r.id, r.severity]));
  for (const r of RULES) {
    if (ALWAYS.has(r.id)) continue;
    if (builtIns === "off") rules[r.id] = "off";
    else if (builtIns === "all" && r.severity === "off") rules[r.id] = "warn";
  }
  const custom: Record<string, unknown> = {};
  const fromSpectral = new Map<string, RuleSetting>();
  for (const [id, value] of Object.entries(isObject(raw.rules) ? raw.rules : {})) {
    const pointer = `/rules/${escapeSegment(id)}`;
    const ours = defaults.has(id) ? id : equivalentOf(id);
    if (isObject(value) && (value.given !== undefined || value.then !== undefined || ours === undefined)) {
      custom[id] = {
        ...(raw.formats !== undefined && value.formats === undefined ? { formats: raw.formats } : {}),
        ...(typeof raw.documentationUrl === "string" && value.documentationUrl === undefined ? { documentationUrl: `${raw.documentationUrl}#${id}` } : {}),
        ...value,
      };
      continue;
    }
    const setting = severityOf(isObject(value) ? value.severity : value, ours ? defaults.get(ours)! : "warn");
    if (!setting) {
      bad(isObject(value) ? `${pointer}/severity` : pointer, `invalid severity for '${id}'`, "use error, warn, info, hint, off, 0-3, true or false");
      continue;
    }
    if (!ours) {
      if (!isSpectralOnly(id)) bad(pointer, `unknown rule '${id}'`, "a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`");
      else if (setting !== "off") notes.push(`rules.${id}: specforge has no rule that checks what spectral:oas's '${id}' does; skipped`);
      continue;
    }
    // Two Spectral rules on one of ours (media and schema examples): the stricter setting.
    const before = fromSpectral.get(ours);
    if (before === undefined || RANK[setting] > RANK[before]) fromSpectral.set(ours, setting);
  }
  if (raw.rules !== undefined && !isObject(raw.rules)) bad("/rules", "`rules` must map rule ids to rules or severities", "e.g. rules: { operation-description: off }");
  for (const [id, setting] of fromSpectral) rules[id] = setting;

  // Override globs are relative to the ruleset's folder; lint matches them relative to `baseDir`.
  const prefix = path.relative(baseDir, path.dirname(file)).split(path.sep).join("/");
  // Their rule ids are spectral:oas's as in `rules`: each read as specforge's equivalent, or left out with a note.
  const overrides = Array.isArray(raw.overrides)
    ? raw.overrides.map((o, i) => {
        if (!isObject(o)) return o;
        const files = Array.isArray(o.files) ? o.files.map((f) => (typeof f === "string" && prefix ? path.posix.normalize(`${prefix}/${f}`) : f)) : o.files;
        const oRules = isObject(o.rules)
          ? Object.fromEntries(Object.entries(o.rules).flatMap(([id, v]) => {
              const ours = equivalentOf(id);
              if (defaults.has(id) || !(ours || isSpectralOnly(id))) return [[id, v]];
              if (ours) return [[ours, v]];
              notes.push(`overrides[${i}].rules.${id}: specforge has no rule that checks what spectral:oas's '${id}' does; skipped`);
              return [];
            }))
          : o.rules;
        return { ...o, ...(files !== undefined ? { files } : {}), ...(oRules !== undefined ? { rules: oRules } : {}) };
      })
    : raw.overrides;

  const lint: LintConfig = {
    rules,
    ...(Object.keys(custom).length ? { custom: custom as LintConfig["custom"] } : {}),
    ...(raw.aliases !== undefined ? { aliases: raw.aliases as LintConfig["aliases"] } : {}),
    ...(overrides !== undefined ? { overrides: overrides as LintConfig["overrides"] } : {}),
  };
  // The lint section's own checks, their pointers put back on the ruleset's keys.
  for (const p of validateLintConfig(lint)) {
    const pointer = p.pointer.replace(/^\/lint\/(custom|rules)\//, "/rules/").replace(/^\/lint\//, "/");
    bad(pointer, p.message, p.help.replace(/lint\.custom/g, "the ruleset's rules").replace(/lint\.aliases/g, "aliases"));
  }
  if (problems.length) throw new SpecforgeError(problems.sort(byPosition));
  return { lint, notes };
}

