/**
 * `specforge lint --ruleset redocly.yaml`: a Redocly CLI config's lint settings read as the `lint` section
 * they stand for, so a team keeps its `redocly.yaml` while moving over:
 *   extends: [recommended | recommended-strict | minimal | all]   which built-in rules are on (default: recommended)
 *   rules:   <redocly rule id>: error | warn | off | { severity }   set on specforge's rule that checks the
 *            same thing (REDOCLY_RULES, or the same id)
 *   extends: [./base-redocly.yaml]   another config file (relative to this one), read the same way and merged:
 *            later entries overwrite earlier ones, the config's own rules all of them
 * (or the same two under a legacy `lint:` key). Configurable rules (`rule/...`, assertions), `plugins`
 * (JavaScript) and `extends` of a URL or a plugin's config are errors saying what to do; a Redocly rule specforge has no
 * equivalent of, per-API `apis.*.rules`, decorators and preprocessors are notes. Errors are `file:line:col`
 * with the pointer into the config, exit 2.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { settingOf } from "./custom/config.js";
import type { LintConfig } from "./config.js";
import { RULES } from "./registry.js";
import { partsOf, REDOCLY_PARTS } from "./rule-parts.js";
import { ALWAYS, isRulesetPath, problemsOf, RANK, readExtends, type Place, type ReadRuleset, type RulesetSource } from "./ruleset-read.js";
import type { RuleSetting } from "./types.js";

/** Redocly rule ids whose specforge rule has another id (rules of the same id need no entry). */
export const REDOCLY_RULES: Record<string, string> = {
  struct: "oas-schema",
  spec: "oas-schema",
  "no-unresolved-refs": "ref-resolves",
  "operation-operationId": "operation-id",
  "operation-operationId-unique": "operation-id-unique",
  "operation-operationId-url-safe": "operation-id-url-safe",
  "path-parameters-defined": "path-params",
  "path-declaration-must-exist": "path-params",
  "no-identical-paths": "paths-identical",
  "no-ambiguous-paths": "paths-ambiguous",
  "operation-2xx-response": "operation-success-response",
  "operation-4xx-response": "operation-error-response",
  "no-undefined-server-variable": "server-variables",
  "no-server-variables-empty-enum": "server-variables",
  "no-invalid-media-type-examples": "example-valid",
  "no-invalid-parameter-examples": "example-valid",
  "no-invalid-schema-examples": "example-valid",
  "no-enum-type-mismatch": "enum-type",
  "no-duplicated-enum-values": "enum-unique",
  "no-unused-components": "unused-components",
  "operation-parameters-unique": "parameters-unique",
  "no-empty-servers": "servers-defined",
  "no-server-example.com": "server-not-example",
  "no-server-trailing-slash": "server-trailing-slash",
  "no-path-trailing-slash": "path-trailing-slash",
  "path-not-include-query": "path-no-query",
  "no-required-schema-properties-undefined": "required-properties-defined",
};

const PRESETS = ["recommended", "recommended-strict", "minimal", "all"];
const NOTED = ["apis", "decorators", "preprocessors", "theme", "resolve", "telemetry", "openapi", "features.openapi", "organization", "region", "files", "seo", "navbar", "footer", "sidebar", "l10n"];

/** specforge's rule for a Redocly rule id (own keys only), or the id itself when specforge has it. */
function equivalentOf(id: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(REDOCLY_RULES, id)) return REDOCLY_RULES[id];
  return RULES.some((r) => r.id === id) ? id : undefined;
}

/** Whether a parsed config file is Redocly's (its presets or keys) rather than a Spectral ruleset. */
export function looksLikeRedocly(raw: unknown, file: string): boolean {
  if (/(^|[\\/])\.?redocly\.ya?ml$/i.test(file)) return true;
  if (!isObject(raw)) return false;
  const ext = Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  return ext.some((e) => typeof e === "string" && PRESETS.includes(e)) || ["apis", "lint", "plugins", "decorators", "preprocessors"].some((k) => k in raw);
}

type Bad = (place: Place, message: string, help: string) => void;
type Note = (line: string) => void;

/** A config file's lint settings: its `extends` and `rules` (under `lint:` in a v1 config), checked. */
function lintSection(source: RulesetSource, bad: Bad, note: Note): { raw: Record<string, unknown>; base: string } | undefined {
  const at = (pointer: string): Place => ({ source, pointer });
  let raw = source.value;
  let base = "";
  // A v1 config keeps its lint settings under `lint:`.
  if (isObject(raw) && isObject(raw.lint) && raw.rules === undefined && raw.extends === undefined) {
    raw = raw.lint;
    base = "/lint";
  }
  if (!isObject(raw)) return void bad(at(""), "a Redocly config must be a mapping", "write `extends: [recommended]` and/or `rules: { ... }`");
  // A `lint:` left unread (not a mapping, or beside top-level rules/extends) was silently dropped before.
  if (base === "" && raw.lint !== undefined) {
    if (!isObject(raw.lint)) bad(at("/lint"), "`lint` must be a mapping: a v1 config's extends and rules", "e.g. lint: { extends: [recommended], rules: { operation-summary: error } }");
    else bad(at("/lint"), "a v1 `lint:` section beside top-level `rules`/`extends` is not read", "keep one of the two: move its extends and rules to the top level (Redocly 1.x and later)");
  }
  if (raw.plugins !== undefined) bad(at(`${base}/plugins`), "plugins: specforge does not run a Redocly config's JavaScript plugins", "leave those rules to Redocly, or write them as custom rules (docs/rules.md)");
  for (const k of NOTED) if (raw[k] !== undefined) note(`${k} is not read${k === "apis" ? ": lint each API's spec with its own settings in lint.overrides" : ""}`);
  if (raw.rules !== undefined && !isObject(raw.rules)) bad(at(`${base}/rules`), "`rules` must map rule ids to severities", "e.g. rules: { operation-summary: error }");
  return { raw, base };
}

interface Chain {
  /** The last preset extended along the chain. */
  preset?: string;
  /** Each rule's setting as the last config to set it writes it. */
  rules: Map<string, { value: unknown; place: Place }>;
}

/**
 * A config's presets and rules, the configs its `extends` names (paths relative to it) read in: later
 * entries of `extends` overwrite earlier ones, the config's own `rules` all of them (Redocly's docs,
 * "extends"). A preset sets every rule, so one extended later resets what came before it.
 */
function readChain(source: RulesetSource, section: { raw: Record<string, unknown>; base: string }, chain: string[], bad: Bad, note: Note): Chain {
  const { raw, base } = section;
  const at = (pointer: string): Place => ({ source, pointer });
  const state: Chain = { rules: new Map() };
  const extendsList = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  extendsList.forEach((name, i) => {
    const pointer = `${base}/extends${Array.isArray(raw.extends) ? `/${i}` : ""}`;
    if (typeof name === "string" && PRESETS.includes(name)) {
      state.preset = name;
      return void state.rules.clear();
    }
    const paste = "or paste its rules into this config";
    if (typeof name === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return bad(at(pointer), `extends '${name}' is a URL: specforge reads extended configs from files only`, `download it beside this config and extend its path (e.g. ./base-redocly.yaml), ${paste}`);
    if (typeof name !== "string" || !isRulesetPath(name)) return bad(at(pointer), `extends ${typeof name === "string" ? `'${name}'` : "entry"} is not read: specforge's built-in rules stand for Redocly's presets only`, `use ${PRESETS.join(", ")} or the path of a config file (./base-redocly.yaml), ${paste}`);
    const found = readExtends(name, chain, (message, help) => bad(at(pointer), message, help));
    if (!found) return;
    const { file: target, source: read } = found;
    const subNote: Note = (line) => note(`${read.displayPath}: ${line}`);
    const subSection = lintSection(read, bad, subNote);
    if (!subSection) return;
    const sub = readChain(read, subSection, [...chain, target], bad, subNote);
    if (sub.preset !== undefined) {
      state.preset = sub.preset;
      state.rules.clear();
    }
    for (const [id, rule] of sub.rules) state.rules.set(id, rule);
  });
  if (isObject(raw.rules)) for (const [id, value] of Object.entries(raw.rules)) state.rules.set(id, { value, place: at(`${base}/rules/${escapeSegment(id)}`) });
  return state;
}

/** Reads the Redocly config `source` (at `file`, absolute) and the config files it extends. */
export function readRedoclyConfig(source: RulesetSource, file: string): ReadRuleset {
  const shared: Diagnostic[] = [];
  const bad: Bad = (place, message, help) => problemsOf(place.source, undefined, shared).bad(place.pointer, message, help);
  const problems = problemsOf(source, undefined, shared);
  const notes: string[] = [];
  const note: Note = (line) => void notes.push(line);
  const section = lintSection(source, bad, note);
  if (!section) throw problems.failure();
  const chain = readChain(source, section, [file], bad, note);
  const preset = chain.preset ?? "recommended";
  if (preset === "minimal") notes.push("extends minimal is read as recommended (specforge has no minimal set)");
  // A note on a rule set in an extended config says which file has it.
  const label = (id: string, place: Place) => (place.source === source ? `rules.${id}` : `${place.source.displayPath}: rules.${id}`);

  const rules: Record<string, RuleSetting> = {};
  if (preset === "all") for (const r of RULES) if (r.severity === "off") rules[r.id] = "warn";
  if (preset === "recommended-strict") for (const r of RULES) if (r.severity === "warn") rules[r.id] = "error";
  const fromRedocly = new Map<string, RuleSetting>();
  const partsOff: string[] = [];
  for (const [id, { value, place }] of chain.rules) {
    if (id.startsWith("rule/") || id.includes("/")) {
      bad(place, `'${id}' is a configurable rule (assertions) or a plugin's: specforge does not read it`, "write it as a custom rule (docs/rules.md, \"Custom rules\"), or leave it to Redocly");
      continue;
    }
    const setting = settingOf(isObject(value) ? value.severity : value);
    if (!setting) {
      bad(isObject(value) ? { source: place.source, pointer: `${place.pointer}/severity` } : place, `invalid severity for '${id}'`, "use error, warn or off");
      continue;
    }
    const ours = equivalentOf(id);
    if (!ours || ALWAYS.has(ours)) {
      if (!ours && setting !== "off") notes.push(`${label(id, place)}: specforge has no rule that checks what Redocly's '${id}' does; skipped`);
      continue;
    }
    // A narrow rule off (no-invalid-schema-examples) turns off its part of ours only (rule-parts.ts).
    const parts = partsOf(REDOCLY_PARTS, id);
    if (parts && setting === "off") {
      partsOff.push(...parts);
      continue;
    }
    // Several Redocly rules on one of ours (the three example rules): the stricter setting.
    const before = fromRedocly.get(ours);
    if (before === undefined || RANK[setting] > RANK[before]) fromRedocly.set(ours, setting);
  }
  for (const [id, setting] of fromRedocly) rules[id] = setting;
  problems.done();
  const lint: LintConfig = { rules, ...(partsOff.length ? { partsOff } : {}) };
  return { lint, notes };
}
