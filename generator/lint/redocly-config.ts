/**
 * `specforge lint --ruleset redocly.yaml`: a Redocly CLI config's lint settings read as the `lint` section
 * they stand for, so a team keeps its `redocly.yaml` while moving over:
 *   extends: [recommended | recommended-strict | minimal | all]   which built-in rules are on (default: recommended)
 *   rules:   <redocly rule id>: error | warn | off | { severity }   set on specforge's rule that checks the
 *            same thing (REDOCLY_RULES, or the same id)
 * (or the same two under a legacy `lint:` key). Configurable rules (`rule/...`, assertions), `plugins`
 * (JavaScript) and `extends` of a file or URL are errors saying what to do; a Redocly rule specforge has no
 * equivalent of, per-API `apis.*.rules`, decorators and preprocessors are notes. Errors are `file:line:col`
 * with the pointer into the config, exit 2.
 */
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { settingOf } from "./custom/config.js";
import type { LintConfig } from "./config.js";
import { RULES } from "./registry.js";
import { partsOf, REDOCLY_PARTS } from "./rule-parts.js";
import { ALWAYS, problemsOf, RANK, type ReadRuleset, type RulesetSource } from "./ruleset-read.js";
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

export function readRedoclyConfig(source: RulesetSource): ReadRuleset {
  const problems = problemsOf(source);
  const bad = problems.bad;
  const notes: string[] = [];
  let raw = source.value;
  let base = "";
  // A v1 config keeps its lint settings under `lint:`.
  if (isObject(raw) && isObject(raw.lint) && raw.rules === undefined && raw.extends === undefined) {
    raw = raw.lint;
    base = "/lint";
  }
  if (!isObject(raw)) {
    bad("", "a Redocly config must be a mapping", "write `extends: [recommended]` and/or `rules: { ... }`");
    throw problems.failure();
  }
  // A `lint:` left unread (not a mapping, or beside top-level rules/extends) was silently dropped before.
  if (base === "" && raw.lint !== undefined) {
    if (!isObject(raw.lint)) bad("/lint", "`lint` must be a mapping: a v1 config's extends and rules", "e.g. lint: { extends: [recommended], rules: { operation-summary: error } }");
    else bad("/lint", "a v1 `lint:` section beside top-level `rules`/`extends` is not read", "keep one of the two: move its extends and rules to the top level (Redocly 1.x and later)");
  }
  if (raw.plugins !== undefined) bad(`${base}/plugins`, "plugins: specforge does not run a Redocly config's JavaScript plugins", "leave those rules to Redocly, or write them as custom rules (docs/rules.md)");
  for (const k of NOTED) if (raw[k] !== undefined) notes.push(`${k} is not read${k === "apis" ? ": lint each API's spec with its own settings in lint.overrides" : ""}`);

  let preset = "recommended";
  const extendsList = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  extendsList.forEach((name, i) => {
    const pointer = `${base}/extends${Array.isArray(raw.extends) ? `/${i}` : ""}`;
    if (typeof name !== "string" || !PRESETS.includes(name)) return bad(pointer, `extends ${typeof name === "string" ? `'${name}'` : "entry"} is not read: specforge's built-in rules stand for Redocly's presets only`, `use ${PRESETS.join(", ")}, and paste another config's rules into this one`);
    preset = name;
  });
  if (preset === "minimal") notes.push("extends minimal is read as recommended (specforge has no minimal set)");

  const rules: Record<string, RuleSetting> = {};
  if (preset === "all") for (const r of RULES) if (r.severity === "off") rules[r.id] = "warn";
  if (preset === "recommended-strict") for (const r of RULES) if (r.severity === "warn") rules[r.id] = "error";
  const fromRedocly = new Map<string, RuleSetting>();
  const partsOff: string[] = [];
  if (raw.rules !== undefined && !isObject(raw.rules)) bad(`${base}/rules`, "`rules` must map rule ids to severities", "e.g. rules: { operation-summary: error }");
  for (const [id, value] of Object.entries(isObject(raw.rules) ? raw.rules : {})) {
    const pointer = `${base}/rules/${escapeSegment(id)}`;
    if (id.startsWith("rule/") || id.includes("/")) {
      bad(pointer, `'${id}' is a configurable rule (assertions) or a plugin's: specforge does not read it`, "write it as a custom rule (docs/rules.md, \"Custom rules\"), or leave it to Redocly");
      continue;
    }
    const setting = settingOf(isObject(value) ? value.severity : value);
    if (!setting) {
      bad(isObject(value) ? `${pointer}/severity` : pointer, `invalid severity for '${id}'`, "use error, warn or off");
      continue;
    }
    const ours = equivalentOf(id);
    if (!ours || ALWAYS.has(ours)) {
      if (!ours && setting !== "off") notes.push(`rules.${id}: specforge has no rule that checks what Redocly's '${id}' does; skipped`);
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
