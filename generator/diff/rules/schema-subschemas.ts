/**
 * Keywords that apply a subschema to part of the value (JSON Schema 2020-12): `items` (§10.3.1.2), `contains` (§10.3.1.3, with
 * `minContains`/`maxContains` §6.4.4-5), `propertyNames` (§10.3.2.4), `unevaluatedItems` (§11.2),
 * `dependentSchemas` (§10.2.2.4) and `if`/`then`/`else` (§10.2.2.1-3).
 *
 * Most are monotone: a narrower subschema narrows the schema, so a subschema added narrows it (absent is
 * `true`), one removed widens it, and two are compared in turn in the same direction. Where that does not
 * hold (`contains` beside `maxContains`: more matches may now exceed the maximum; a changed `if`: values
 * move between `then` and `else`) no sound direction exists, and the change is reported as changed both
 * ways, for a person to review.
 */
import { isObject } from "../../openapi/kinds.js";
import { child, impact, q, type DiffContext } from "../context.js";
import type { RuleId } from "../change.js";
import { sameSchema, type SchemaPair } from "./schema-values.js";
import { compareSchemas, isFalseSchema } from "./schemas.js";

interface Sub {
  /** The subschema on each side; undefined where the keyword is absent (or has no effect). */
  b: unknown;
  h: unknown;
  /** Where it is (or would be) written. */
  bPtr: string;
  hPtr: string;
}

/** The subschema at `key` of each side of `p`, where it has an effect (`active`). */
function sub(p: SchemaPair, key: string, active: (s: Record<string, unknown>) => boolean = () => true): Sub {
  return {
    b: key in p.b && active(p.b) ? p.b[key] : undefined,
    h: key in p.h && active(p.h) ? p.h[key] : undefined,
    bPtr: child(p.bPtr, key),
    hPtr: child(p.hPtr, key),
  };
}

/** The added/removed message of a subschema keyword; `refuses`: the subschema is `false`. */
type Text = (change: "added" | "removed", refuses: boolean) => string;

/**
 * A monotone subschema: added narrows, removed widens (reported at the schema's `path`), both compared in
 * turn as `name` (a path segment: `tags<contains>`).
 */
function compareMonotone(ctx: DiffContext, p: SchemaPair, s: Sub, ids: { added: RuleId; removed: RuleId }, text: Text, where: string, path: string, name: string, subject?: unknown): void {
  if (s.b === undefined && s.h === undefined) return;
  const label = path ? `${where}, ${q(path)}` : where;
  if (s.b === undefined) {
    ctx.emit(ids.added, `${label}: ${text("added", isFalseSchema(s.h))}`, impact(p.dir, "narrowed"), { base: p.bPtr, head: s.hPtr }, subject);
  } else if (s.h === undefined) {
    ctx.emit(ids.removed, `${label}: ${text("removed", isFalseSchema(s.b))}`, impact(p.dir, "widened"), { base: s.bPtr, head: p.hPtr }, subject);
  } else {
    compareSchemas(ctx, { value: s.b, pointer: s.bPtr }, { value: s.h, pointer: s.hPtr }, p.dir, where, name);
  }
}

/**
 * `contains`: at least `minContains` (1) items match it, and with `maxContains` at most that many. Without a
 * maximum a narrower `contains` narrows the array; with one it may also admit arrays whose matches now fall
 * under the maximum, so a change there is both. `minContains: 0` without a maximum asks nothing.
 * (`minContains`/`maxContains` themselves are bounds: schema-values.ts.)
 */
export function compareContains(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const active = (s: Record<string, unknown>) => !(s.minContains === 0 && typeof s.maxContains !== "number");
  const s = sub(p, "contains", active);
  const capped = typeof p.b.maxContains === "number" || typeof p.h.maxContains === "number";
  if (capped && s.b !== undefined && s.h !== undefined && !sameSchema(ctx, s.b, s.bPtr, s.h, s.hPtr)) {
    const label = path ? `${where}, ${q(path)}` : where;
    ctx.emit("contains-changed", `${label}: the schema some items must match (contains) changed beside maxContains: more or fewer arrays may now be accepted`, impact(p.dir, "changed"), { base: s.bPtr, head: s.hPtr });
    return;
  }
  const count = (x: Record<string, unknown>) => {
    const min = typeof x.minContains === "number" ? x.minContains : 1;
    const max = typeof x.maxContains === "number" ? `, at most ${x.maxContains}` : "";
    return `${min === 1 ? "an item" : `at least ${min} items`} matching contains${max}`;
  };
  const text: Text = (c) => (c === "added" ? `arrays must now hold ${count(p.h)}` : `arrays no longer need ${count(p.b)}`);
  compareMonotone(ctx, p, s, { added: "contains-added", removed: "contains-removed" }, text, where, path, `${path}<contains>`);
}

/**
 * `items`: every item (past `prefixItems`) matches it; absent, `true` or `{}` asks nothing, so one added narrows
 * and one removed widens. `items: false` closes a tuple, a bound on its length compared beside
 * `prefixItems` (schema-keywords.ts).
 */
export function compareItems(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  if (isFalseSchema(p.b.items) || isFalseSchema(p.h.items)) return;
  const text: Text = (c) => `items ${c === "added" ? "now" : "no longer"} constrained (items)`;
  // `items: true` reads as `{}` after normalizing: both ask nothing.
  const asks = (x: Record<string, unknown>) => isObject(x.items) && Object.keys(x.items).length > 0;
  compareMonotone(ctx, p, sub(p, "items", asks), { added: "items-added", removed: "items-removed" }, text, where, path, `${path}[]`);
}

/** `propertyNames`: every property name matches it. */
export function comparePropertyNames(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const text: Text = (c) => `property names ${c === "added" ? "now" : "no longer"} constrained (propertyNames)`;
  compareMonotone(ctx, p, sub(p, "propertyNames"), { added: "property-names-added", removed: "property-names-removed" }, text, where, path, `${path}<propertyNames>`);
}

/**
 * `unevaluatedItems`: items no `prefixItems`, `items` or `contains` of the schema (or of a subschema
 * applied in place: `allOf`...) evaluated. Beside `items` on both sides every item is evaluated: it applies to none.
 */
export function compareUnevaluatedItems(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  if ("items" in p.b && "items" in p.h) return;
  const text: Text = (c, refuses) => `items no other keyword evaluates are ${c === "added" ? (refuses ? "no longer allowed" : "now constrained") : refuses ? "now allowed" : "no longer constrained"} (unevaluatedItems)`;
  compareMonotone(ctx, p, sub(p, "unevaluatedItems"), { added: "unevaluated-items-added", removed: "unevaluated-items-removed" }, text, where, path, `${path}<unevaluatedItems>`);
}

/** `dependentSchemas: {card: S}`: an object with `card` must also match S. Each entry is paired by its name. */
export function compareDependentSchemas(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const bd = isObject(p.b.dependentSchemas) ? p.b.dependentSchemas : {};
  const hd = isObject(p.h.dependentSchemas) ? p.h.dependentSchemas : {};
  const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const name of new Set([...Object.keys(bd), ...Object.keys(hd)])) {
    const s: Sub = {
      b: own(bd, name) ? bd[name] : undefined,
      h: own(hd, name) ? hd[name] : undefined,
      bPtr: child(p.bPtr, "dependentSchemas", name),
      hPtr: child(p.hPtr, "dependentSchemas", name),
    };
    const text: Text = (c) => `objects holding ${q(name)} ${c === "added" ? "must now also match" : "no longer need to match"} a schema (dependentSchemas)`;
    compareMonotone(ctx, p, s, { added: "dependent-schema-added", removed: "dependent-schema-removed" }, text, where, path, `${path}<if ${name} present>`, name);
  }
}

/**
 * `if`/`then`/`else`: values matching `if` must match `then`, the others `else` (an absent branch is
 * `true`; `if` without branches asks nothing). With the same `if`, the branches are monotone and compared in
 * turn; a conditional added narrows, one removed widens; a changed `if` moves values between the branches,
 * which no direction describes: `conditional-changed`, both sides, for review.
 */
export function compareConditional(ctx: DiffContext, p: SchemaPair, where: string, path: string): void {
  const active = (s: Record<string, unknown>) => "if" in s && ("then" in s || "else" in s);
  const bOn = active(p.b);
  const hOn = active(p.h);
  if (!bOn && !hOn) return;
  const label = path ? `${where}, ${q(path)}` : where;
  const at = { base: bOn ? child(p.bPtr, "if") : p.bPtr, head: hOn ? child(p.hPtr, "if") : p.hPtr };
  if (!bOn) return ctx.emit("conditional-added", `${label}: values are now constrained by a condition (if/then/else)`, impact(p.dir, "narrowed"), at);
  if (!hOn) return ctx.emit("conditional-removed", `${label}: values are no longer constrained by a condition (if/then/else)`, impact(p.dir, "widened"), at);
  if (!sameSchema(ctx, p.b.if, at.base, p.h.if, at.head)) {
    ctx.emit("conditional-changed", `${label}: the condition (if) changed, so values may move between then and else: review whether clients or servers break`, impact(p.dir, "changed"), at);
    return;
  }
  for (const branch of ["then", "else"] as const) {
    const values = branch === "then" ? "values matching the condition" : "values not matching the condition";
    const text: Text = (c) => `${values} ${c === "added" ? "must now match" : "no longer need to match"} ${branch}`;
    compareMonotone(ctx, p, sub(p, branch), { added: "conditional-added", removed: "conditional-removed" }, text, where, path, `${path}<${branch}>`);
  }
}
