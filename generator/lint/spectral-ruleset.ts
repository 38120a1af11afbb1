/**
 * `specforge lint --ruleset .spectral.yaml`: a Spectral ruleset read as it is, as the `lint` section it
 * stands for, so a team keeps one ruleset file while moving over:
 *   extends: spectral:oas | [[spectral:oas, recommended | all | off]]   built-in rules on (else only its own)
 *            spectral:asyncapi, spectral:arazzo   rules for other documents than OpenAPI: skipped, with a note
 *   rules:   <id>: { given, then, ... }   a rule of its own (lint.custom)
 *            <id>: error | warn | info | hint | off | 0-3 | true | false   a spectral:oas rule's severity,
 *                                          set on specforge's rule that checks the same (SPECTRAL_RULES)
 *   aliases, overrides                     as lint.aliases and lint.overrides (globs from the ruleset's folder)
 *   formats, documentationUrl              the default of each rule of its own
 * A rule of its own named as a spectral:oas or specforge rule replaces that rule, as in Spectral. Spectral 5's
 * names of spectral:oas rules and its `except` are read as Spectral 6 says them, with a note.
 * Anything that would run code (`functions`, `functionsDir`) or read another ruleset (`extends` of a file,
 * URL or package) is an error saying what to do; a severity for a spectral:oas rule specforge has no
 * equivalent of is a note. Errors are `file:line:col` with the pointer into the ruleset, exit 2.
 */
import path from "node:path";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { settingOf } from "./custom/config.js";
import { FORMAT_NAMES, isFormatName } from "./custom/formats.js";
import { validateLintConfig, type LintConfig } from "./config.js";
import { RULES } from "./registry.js";
import { partsOf, SPECTRAL_PARTS } from "./rule-parts.js";
import { ALWAYS, problemsOf, RANK, type ReadRuleset, type RulesetSource } from "./ruleset-read.js";
import type { RuleSetting } from "./types.js";

/** spectral:oas rule ids and the specforge rule checking the same thing. */
export const SPECTRAL_RULES: Record<string, string> = {
  "operation-operationId": "operation-id",
  "operation-operationId-unique": "operation-id-unique",
  "operation-operationId-valid-in-url": "operation-id-url-safe",
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

/**
 * spectral:oas rules as Spectral 5 (and 4) named them, and the Spectral 6 rule each became (null: dropped).
 * Spectral 6 rejects the old names; rulesets written for 5 still carry them, so they are read with a note.
 */
const SPECTRAL_5: Record<string, string | null> = {
  "oas3-unused-components-schema": "oas3-unused-component",
  "example-value-or-externalValue": "oas3-examples-value-or-externalValue",
  "operation-2xx-response": "operation-success-response",
  "oas3-valid-oas-content-example": "oas3-valid-media-example",
  "oas3-valid-content-schema-example": "oas3-valid-media-example",
  "oas3-valid-oas-header-example": "oas3-valid-media-example",
  "oas3-valid-header-schema-example": "oas3-valid-media-example",
  "oas3-valid-oas-parameter-example": "oas3-valid-media-example",
  "oas3-valid-parameter-schema-example": "oas3-valid-media-example",
  "oas2-valid-definition-example": "oas2-valid-schema-example",
  "oas2-valid-parameter-example": "oas2-valid-media-example",
  "api-host": "oas2-api-host",
  "api-schemes": "oas2-api-schemes",
  "api-servers": "oas3-api-servers",
  "operation-default-response": null,
  "operation-summary-formatted": null,
  "model-description": null,
};
const spectral5 = (id: string): string | null | undefined => (Object.prototype.hasOwnProperty.call(SPECTRAL_5, id) ? SPECTRAL_5[id] : undefined);

/** `then` keys a rule runs with; Spectral lets others be (a `description`, say) and so does specforge, with a note. */
const THEN_KEYS = ["field", "function", "functionOptions"];


const KEYS = ["description", "extends", "rules", "aliases", "overrides", "formats", "documentationUrl", "functions", "functionsDir", "parserOptions"];



/** A Spectral severity, or `true`/`false` (on at its default, off). */
function severityOf(value: unknown, defaultSetting: RuleSetting): RuleSetting | undefined {
  if (value === true) return defaultSetting === "off" ? "warn" : defaultSetting;
  if (value === false) return "off";
  return settingOf(value);
}

/** A rule's `then` (one or a list) with only the keys a rule runs with; `dropped` hears of each other key. */
function thenAsRun(then: unknown, dropped: (key: string, index?: number) => void): unknown {
  const strip = (t: unknown, index?: number) => {
    if (!isObject(t)) return t;
    for (const k of Object.keys(t)) if (!THEN_KEYS.includes(k)) dropped(k, index);
    return Object.fromEntries(Object.entries(t).filter(([k]) => THEN_KEYS.includes(k)));
  };
  return Array.isArray(then) ? then.map((t, i) => strip(t, i)) : strip(then);
}

/** Reads the Spectral ruleset `source` (from `file`, absolute); `baseDir` is the folder lint's globs are relative to. */
export function readSpectralRuleset(source: RulesetSource, file: string, baseDir: string): ReadRuleset {
  const problems = problemsOf(source);
  const bad = problems.bad;
  const notes: string[] = [];
  const read = source.value;
  if (!isObject(read)) {
    bad("", read === null || read === undefined ? "the ruleset is empty" : "a ruleset must be a mapping", "write `extends: spectral:oas` and/or `rules: { ... }`");
    throw problems.failure();
  }
  let raw: Record<string, unknown> = read;
  // Spectral 5's `except: { "file#pointer": [rule, ...] }` is Spectral 6's overrides turning those rules off there.
  if (isObject(raw.except)) {
    const { except, ...rest } = raw;
    const converted = Object.entries(except).map(([where, ids]) => ({ files: [where], rules: Object.fromEntries((Array.isArray(ids) ? ids : []).map((id) => [id, "off"])) }));
    raw = { ...rest, overrides: [...(Array.isArray(rest.overrides) ? rest.overrides : []), ...converted] };
    notes.push("except is Spectral 5's: read as overrides turning those rules off at those places (Spectral 6 wants overrides)");
  }
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) bad(`/${escapeSegment(k)}`, `unknown key '${k}'`, `a Spectral ruleset takes ${KEYS.join(", ")}`);
  // Only functions listed are loaded: `functions: []`, or a functionsDir with none listed, runs no code.
  const listed = Array.isArray(raw.functions) ? raw.functions.length > 0 : raw.functions !== undefined;
  if (listed) {
    for (const k of ["functions", "functionsDir"]) {
      if (raw[k] !== undefined) bad(`/${k}`, `'${k}': specforge does not run a ruleset's JavaScript functions`, "write those rules with the core functions (docs/rules.md), or leave them to Spectral");
    }
  } else if (raw.functionsDir !== undefined) notes.push("functionsDir is not read: the ruleset lists no functions to load from it");
  if (raw.parserOptions !== undefined) notes.push("parserOptions are not read: duplicate keys are always an error, as YAML 1.2 says");

  // The ruleset's formats, which its rules inherit: checked here, so a mistake is shown where it is written
  // (before, at the first rule's line, as that rule's own `formats`).
  let formats = raw.formats;
  if (formats !== undefined) {
    if (!Array.isArray(formats) || formats.length === 0) bad("/formats", "`formats` must be a list of document formats", "e.g. formats: [oas3]");
    else formats.forEach((f, i) => { if (!isFormatName(f)) bad(`/formats/${i}`, `unknown format '${String(f)}'`, `use one of ${FORMAT_NAMES.join(", ")}`); });
    if (!Array.isArray(formats) || !formats.every(isFormatName)) formats = undefined;
  }

  // extends: which built-in rules are on, and in which mode.
  let builtIns: "off" | "recommended" | "all" = "off";
  // Rulesets extended for other document kinds: their rule ids (asyncapi-*, arazzo-*) are known, and skipped.
  const otherFormats = new Set<string>();
  const extendsList = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  extendsList.forEach((entry, i) => {
    const pointer = Array.isArray(raw.extends) ? `/extends/${i}` : "/extends";
    // Spectral's schema takes a pair [ruleset, mode] and nothing shorter or longer: [[spectral:oas]] or a third
    // item is its error too (before, the one read as mode 'undefined', the other's extra item silently dropped).
    if (Array.isArray(entry) && entry.length !== 2) return bad(pointer, `an extends pair is [ruleset, mode], and this one has ${entry.length} item${entry.length === 1 ? "" : "s"}`, "write e.g. extends: [[spectral:oas, recommended]], or extends: spectral:oas");
    const [name, mode] = Array.isArray(entry) ? entry : [entry, "recommended"];
    // Spectral runs these only on AsyncAPI and Arazzo documents: on the OpenAPI ones lint reads, none applies.
    if (name === "spectral:asyncapi" || name === "spectral:arazzo") {
      otherFormats.add(name.slice("spectral:".length));
      return void notes.push(`extends ${name}: its rules check ${name === "spectral:asyncapi" ? "AsyncAPI" : "Arazzo"} documents only, and specforge lints OpenAPI; skipped`);
    }
    if (name !== "spectral:oas") {
      // Spectral 4's spectral:oas2 / spectral:oas3 became spectral:oas in Spectral 5 (and 6 rejects them too).
      if (name === "spectral:oas2" || name === "spectral:oas3") return bad(pointer, `extends '${name}' is Spectral 4's ruleset name`, "write extends: spectral:oas, which covers OpenAPI 2 and 3 since Spectral 5");
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
  const partsOff: string[] = [];
  // Built-in rules the ruleset defines anew: specforge's of that id is replaced, an equivalent's turned off.
  const replaces: string[] = [];
  const redefined = new Set<string>();
  for (const [id, value] of Object.entries(isObject(raw.rules) ? raw.rules : {})) {
    const pointer = `/rules/${escapeSegment(id)}`;
    const renamed = spectral5(id);
    const asRead = renamed ?? id;
    const ours = defaults.has(id) ? id : equivalentOf(asRead);
    // `{ severity }` alone sets a known rule's severity (spectral:oas's, also one specforge has no equivalent of).
    const known = ours !== undefined || isSpectralOnly(asRead) || renamed !== undefined;
    if (isObject(value) && (value.given !== undefined || value.then !== undefined || !known)) {
      // Replacing one of these would let a spec that does not parse, or whose $refs dangle, pass (a warning, exit 0).
      if (ALWAYS.has(id)) {
        bad(pointer, `'${id}' is a check specforge always runs (a spec must parse, name its OpenAPI version and resolve its $refs)`, "give your rule another id");
        continue;
      }
      custom[id] = {
        ...(formats !== undefined && value.formats === undefined ? { formats } : {}),
        ...(typeof raw.documentationUrl === "string" && value.documentationUrl === undefined ? { documentationUrl: `${raw.documentationUrl}#${id}` } : {}),
        ...value,
        ...(value.then !== undefined ? { then: thenAsRun(value.then, (key, i) => notes.push(`rules.${id}.then${i === undefined ? "" : `[${i}]`}.${key}: not read (a rule runs with field, function and functionOptions)`)) } : {}),
      };
      // Spectral merges a definition onto the rule of that name: its own check is gone, this one runs instead.
      if (defaults.has(id)) replaces.push(id);
      if (ours && !ALWAYS.has(ours) && ours !== id) {
        redefined.add(ours);
        notes.push(`rules.${id}: the ruleset's own rule replaces spectral:oas's, so specforge's '${ours}' is off`);
      }
      continue;
    }
    const setting = severityOf(isObject(value) ? value.severity : value, ours ? defaults.get(ours)! : "warn");
    if (!setting) {
      bad(isObject(value) ? `${pointer}/severity` : pointer, `invalid severity for '${id}'`, "use error, warn, info, hint, off, 0-3, true or false");
      continue;
    }
    if (renamed !== undefined) notes.push(renamed === null
      ? `rules.${id}: Spectral 5's rule, gone from spectral:oas since Spectral 6; skipped`
      : `rules.${id}: Spectral 5's name of '${renamed}'; read as that (Spectral 6 only knows '${renamed}')`);
    if (renamed === null) continue;
    if (!ours && [...otherFormats].some((f) => asRead.startsWith(`${f}-`))) {
      if (setting !== "off") notes.push(`rules.${id}: a rule for ${asRead.split("-")[0] === "asyncapi" ? "AsyncAPI" : "Arazzo"} documents; skipped`);
      continue;
    }
    if (!ours) {
      if (!isSpectralOnly(asRead)) bad(pointer, `unknown rule '${id}'`, "a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`");
      else if (setting !== "off") notes.push(`rules.${id}: specforge has no rule that checks what spectral:oas's '${asRead}' does; skipped`);
      continue;
    }
    // A narrow rule off (oas3-valid-schema-example) turns off its part of ours only (rule-parts.ts).
    const parts = partsOf(SPECTRAL_PARTS, asRead);
    if (parts && setting === "off" && !defaults.has(id)) {
      partsOff.push(...parts);
      continue;
    }
    // `parse: off` (and the other always-on checks) is refused by the lint section's own check below.
    // Two Spectral rules on one of ours (media and schema examples): the stricter setting.
    const before = fromSpectral.get(ours);
    if (before === undefined || RANK[setting] > RANK[before]) fromSpectral.set(ours, setting);
  }
  if (raw.rules !== undefined && !isObject(raw.rules)) bad("/rules", "`rules` must map rule ids to rules or severities", "e.g. rules: { operation-description: off }");
  for (const [id, setting] of fromSpectral) rules[id] = setting;
  for (const id of redefined) rules[id] = "off";

  // Override globs are relative to the ruleset's folder (Spectral): written relative to `baseDir` here, a
  // leading `../` (a ruleset above the working folder) moves the folder they are matched from up (overrides.ts).
  const prefix = path.relative(baseDir, path.dirname(file)).split(path.sep).join("/");
  // Their rule ids are spectral:oas's as in `rules`: each read as specforge's equivalent, or left out with a note.
  const overrides = Array.isArray(raw.overrides)
    ? raw.overrides.map((o, i) => {
        if (!isObject(o)) return o;
        const files = Array.isArray(o.files) ? o.files.map((f) => (typeof f === "string" && prefix ? path.posix.normalize(`${prefix}/${f}`) : f)) : o.files;
        const oRules = isObject(o.rules)
          ? Object.fromEntries(Object.entries(o.rules).flatMap(([written, v]) => {
              const id = spectral5(written) ?? written;
              if (spectral5(written) === null) return [];
              const ours = equivalentOf(id);
              if ([...otherFormats].some((f) => id.startsWith(`${f}-`))) return [];
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
    ...(replaces.length ? { replaces } : {}),
    ...(raw.aliases !== undefined ? { aliases: raw.aliases as LintConfig["aliases"] } : {}),
    ...(overrides !== undefined ? { overrides: overrides as LintConfig["overrides"] } : {}),
  };
  // The lint section's own checks, their pointers put back on the ruleset's keys.
  for (const p of validateLintConfig(lint)) {
    const pointer = p.pointer.replace(/^\/lint\/(custom|rules)\//, "/rules/").replace(/^\/lint\//, "/");
    bad(pointer, p.message, p.help.replace(/lint\.custom/g, "the ruleset's rules").replace(/lint\.aliases/g, "aliases"));
  }
  problems.done();
  return { lint: partsOff.length ? { ...lint, partsOff } : lint, notes };
}
