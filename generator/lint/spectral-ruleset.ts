/**
 * `specforge lint --ruleset .spectral.yaml`: a Spectral ruleset read as it is, as the `lint` section it
 * stands for, so a team keeps one ruleset file while moving over:
 *   extends: spectral:oas | [[spectral:oas, recommended | all | off]]   built-in rules on (else only its own)
 *            ./base.spectral.yaml | [./base.spectral.yaml, mode]   another ruleset file, merged (spectral-extends.ts)
 *            spectral:asyncapi, spectral:arazzo   rules for other documents than OpenAPI: skipped, with a note
 *   rules:   <id>: { given, then, ... }   a rule of its own (lint.custom)
 *            <id>: error | warn | info | hint | off | 0-3 | true | false   a spectral:oas rule's severity,
 *                                          set on specforge's rule that checks the same (SPECTRAL_RULES)
 *   aliases, overrides                     as lint.aliases and lint.overrides (globs from the ruleset's folder)
 *   formats, documentationUrl              the default of each rule of its own
 * A rule of its own named as a spectral:oas or specforge rule replaces that rule, as in Spectral. Spectral 5's
 * names of spectral:oas rules and its `except` are read as Spectral 6 says them, with a note.
 *   functions, functionsDir                JavaScript functions of the user's, loaded from files beside the ruleset
 *                                          that lists them (custom/user-functions.ts), as lint.functions
 * A JavaScript ruleset, or `extends` that would fetch one (a URL or an npm package's name), is an error saying
 * what to do; a severity for a spectral:oas rule specforge has no equivalent of is a note. Errors are `file:line:col` with the pointer into the ruleset that has it, exit 2.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { settingOf } from "./custom/config.js";
import { validateLintConfig, type LintConfig } from "./config.js";
import { RULES } from "./registry.js";
import { equivalentOf, isSpectralOnly, spectral5 } from "./spectral-names.js";
import { partsOf, SPECTRAL_PARTS } from "./rule-parts.js";
import { ALWAYS, problemsOf, RANK, type ReadRuleset, type RulesetSource } from "./ruleset-read.js";
import { placeIn, readSpectralChain, withDefaults, type SpectralChain } from "./spectral-extends.js";
import type { RuleSetting } from "./types.js";

/** `then` keys a rule runs with; Spectral lets others be (a `description`, say) and so does specforge, with a note. */
const THEN_KEYS = ["field", "function", "functionOptions"];

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

/** The merged aliases (the ruleset's own, if not a mapping, as written: the lint section's check reports it). */
function aliasesOf(chain: SpectralChain, own: unknown): LintConfig["aliases"] {
  if (own !== undefined && !isObject(own)) return own as LintConfig["aliases"];
  return Object.fromEntries([...chain.aliases].map(([name, alias]) => [name, alias.value]));
}

/** Reads the Spectral ruleset `source` (from `file`, absolute); `baseDir` is the folder lint's globs are relative to. */
export function readSpectralRuleset(source: RulesetSource, file: string, baseDir: string): ReadRuleset {
  const read = source.value;
  if (!isObject(read)) {
    const problems = problemsOf(source);
    problems.bad("", read === null || read === undefined ? "the ruleset is empty" : "a ruleset must be a mapping", "write `extends: spectral:oas` and/or `rules: { ... }`");
    throw problems.failure();
  }
  // The ruleset and those it extends, merged; a problem is placed in the file it is written in.
  const shared: Diagnostic[] = [];
  const chain = readSpectralChain(source, file, (place, message, help) => problemsOf(place.source, undefined, shared).bad(place.pointer, message, help));
  const problems = problemsOf(source, placeIn(chain, source), shared);
  return translate(chain, source, problems, file, baseDir);
}

/** The merged ruleset as the `lint` section it stands for. */
function translate(chain: SpectralChain, source: RulesetSource, problems: ReturnType<typeof problemsOf>, file: string, baseDir: string): ReadRuleset {
  const bad = problems.bad;
  const { raw, formats, otherFormats } = chain;
  const notes = [...chain.notes];
  // A note on a rule written in an extended file says which file has it.
  const label = (id: string) => {
    const whole = chain.rules.get(id)?.places.get("");
    return whole && whole.source !== source ? `${whole.source.displayPath}: rules.${id}` : `rules.${id}`;
  };
  const builtIns = chain.builtIns ?? "off";

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
  for (const [id, entry] of chain.rules) {
    const pointer = `/rules/${escapeSegment(id)}`;
    const value = entry.definition && !entry.enabled ? { ...(entry.value as object), severity: "off" } : entry.value;
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
      // An inherited rule has its own ruleset's defaults already.
      const defined = entry.inherited ? value : withDefaults(id, value, formats, raw.documentationUrl);
      custom[id] = {
        ...defined,
        ...(value.then !== undefined ? { then: thenAsRun(value.then, (key, i) => notes.push(`${label(id)}.then${i === undefined ? "" : `[${i}]`}.${key}: not read (a rule runs with field, function and functionOptions)`)) } : {}),
      };
      // Spectral merges a definition onto the rule of that name: its own check is gone, this one runs instead.
      if (defaults.has(id)) replaces.push(id);
      if (ours && !ALWAYS.has(ours) && ours !== id) {
        redefined.add(ours);
        notes.push(`${label(id)}: the ruleset's own rule replaces spectral:oas's, so specforge's '${ours}' is off`);
      }
      continue;
    }
    const setting = severityOf(isObject(value) ? value.severity : value, ours ? defaults.get(ours)! : "warn");
    if (!setting) {
      bad(isObject(value) ? `${pointer}/severity` : pointer, `invalid severity for '${id}'`, "use error, warn, info, hint, off, 0-3, true or false");
      continue;
    }
    if (renamed !== undefined) notes.push(renamed === null
      ? `${label(id)}: Spectral 5's rule, gone from spectral:oas since Spectral 6; skipped`
      : `${label(id)}: Spectral 5's name of '${renamed}'; read as that (Spectral 6 only knows '${renamed}')`);
    if (renamed === null) continue;
    if (!ours && [...otherFormats].some((f) => asRead.startsWith(`${f}-`))) {
      if (setting !== "off") notes.push(`${label(id)}: a rule for ${asRead.split("-")[0] === "asyncapi" ? "AsyncAPI" : "Arazzo"} documents; skipped`);
      continue;
    }
    if (!ours) {
      if (!isSpectralOnly(asRead)) bad(pointer, `unknown rule '${id}'`, "a severity applies to a rule of spectral:oas or of specforge (docs/rules.md); a rule of your own needs `given` and `then`");
      else if (setting !== "off") notes.push(`${label(id)}: specforge has no rule that checks what spectral:oas's '${asRead}' does; skipped`);
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

  // Each function listed, with where: a file missing or exporting no function is an error there when lint loads it.
  const userFunctions = Object.fromEntries([...chain.functions.values()].map(({ name, dir, place }) => {
    const at = place.source.locate(place.pointer);
    return [name, { name, dir, where: { file: place.source.displayPath, pointer: place.pointer, ...(at ? { line: at.line, column: at.column } : {}) } }];
  }));
  const lint: LintConfig = {
    rules,
    ...(chain.functions.size ? { functions: Object.keys(userFunctions), userFunctions } : {}),
    ...(Object.keys(custom).length ? { custom: custom as LintConfig["custom"] } : {}),
    ...(replaces.length ? { replaces } : {}),
    ...(chain.aliases.size || raw.aliases !== undefined ? { aliases: aliasesOf(chain, raw.aliases) } : {}),
    ...(overrides !== undefined ? { overrides: overrides as LintConfig["overrides"] } : {}),
  };
  // The lint section's own checks (userFunctions is no key of it), their pointers put back on the ruleset's keys.
  const { userFunctions: _found, ...section } = lint;
  for (const p of validateLintConfig(section)) {
    const pointer = p.pointer.replace(/^\/lint\/(custom|rules)\//, "/rules/").replace(/^\/lint\//, "/");
    bad(pointer, p.message, p.help.replace(/lint\.custom/g, "the ruleset's rules").replace(/lint\.aliases/g, "aliases"));
  }
  problems.done();
  return { lint: partsOff.length ? { ...lint, partsOff } : lint, notes };
}
