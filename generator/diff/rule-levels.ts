/**
 * A team's own classification of diff rules (oasdiff's `--severity-levels`, asked for in oasdiff #583): the
 * config's `diff.rules` maps a rule id to what its changes are for this API, overriding the built-in
 * classification wherever the rule fires:
 *
 *   diff:
 *     rules:
 *       enum-value-added: non-breaking            # our clients accept enum values they do not know
 *       server-removed: breaking                  # a server URL is part of our contract
 *       parameter-deprecated: off                 # not reported at all
 *
 * `breaking-client` and `breaking-server` break one side only, `breaking` both. `specforge diff` and
 * `generate --bump` (which versions by the same changes) read it. `diff.filters` (a spec's `filters`,
 * filter/filter.ts) leaves operations out of what `specforge diff` compares (diff/filters.ts).
 */
import { RULES, type Change, type RuleId } from "./change.js";
import { closest } from "../names/suggest.js";
import { escapeSegment } from "../openapi/pointer.js";
import { isObject } from "../openapi/kinds.js";
import { filterProblems } from "../filter/config-check.js";
import type { OperationFilters } from "../filter/filter.js";

export const RULE_LEVELS = ["off", "non-breaking", "breaking-client", "breaking-server", "breaking"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface DiffConfig {
  rules?: Partial<Record<RuleId, RuleLevel>>;
  /** The operations `specforge diff` compares, in both specs (as a spec's `filters` in generate). */
  filters?: OperationFilters;
}

interface Problem {
  pointer: string;
  message: string;
  help: string;
}

export function validateDiffConfig(value: unknown): Problem[] {
  if (!isObject(value)) return [{ pointer: "/diff", message: "'diff' must be an object", help: "give `rules: { <rule-id>: non-breaking }` and/or `filters`" }];
  const out: Problem[] = [];
  for (const k of Object.keys(value)) if (k !== "rules" && k !== "filters") out.push({ pointer: `/diff/${k}`, message: `unknown key '${k}'`, help: "`diff` takes `rules` and `filters`" });
  if (value.filters !== undefined) out.push(...filterProblems(value.filters, "/diff/filters"));
  // an operation that moves out of the filtered set between versions is compared as removed: right for
  // one made x-internal, wrong for one merely deprecated (it is still there)
  if (isObject(value.filters) && value.filters.deprecated !== undefined) {
    out.push({ pointer: "/diff/filters/deprecated", message: "`deprecated` filters nothing in a diff: an operation deprecated in head would be compared as removed", help: "leave it out; diff reports deprecations, and removals after their x-sunset, itself" });
  }
  if (value.rules === undefined) return out;
  if (!isObject(value.rules)) return [...out, { pointer: "/diff/rules", message: "'rules' must be an object of rule ids", help: "e.g. rules: { enum-value-added: non-breaking }" }];
  const ids = Object.keys(RULES);
  for (const [id, level] of Object.entries(value.rules)) {
    const at = `/diff/rules/${escapeSegment(id)}`;
    if (!Object.prototype.hasOwnProperty.call(RULES, id)) {
      const near = closest(id, ids);
      out.push({ pointer: at, message: `unknown diff rule '${id}'${near ? ` (did you mean '${near}'?)` : ""}`, help: "the rule ids are listed in docs/diff.md" });
    } else if (!(RULE_LEVELS as readonly unknown[]).includes(level)) {
      out.push({ pointer: at, message: `'${String(level)}' is not a diff rule level`, help: `use ${RULE_LEVELS.slice(0, -1).join(", ")} or ${RULE_LEVELS.at(-1)}` });
    }
  }
  return out;
}

/**
 * `changes` as the config classifies them: an `off` rule's left out (`off` counts them), the others'
 * `breaking` set by their level, and a change whose classification that changed says so in its message
 * (its words may speak of the default: "deprecate it first").
 */
export function withRuleLevels(changes: readonly Change[], config: DiffConfig | undefined): { changes: Change[]; off: number } {
  const rules = config?.rules;
  if (!rules) return { changes: [...changes], off: 0 };
  const out: Change[] = [];
  let off = 0;
  for (const change of changes) {
    const level = Object.prototype.hasOwnProperty.call(rules, change.id) ? rules[change.id] : undefined;
    if (level === "off") off++;
    else if (level === undefined) out.push(change);
    else {
      const breaking = { client: level === "breaking" || level === "breaking-client", server: level === "breaking" || level === "breaking-server" };
      const same = breaking.client === change.breaking.client && breaking.server === change.breaking.server;
      out.push(same ? change : { ...change, breaking, message: `${change.message} (${level} by diff.rules)` });
    }
  }
  return { changes: out, off };
}
