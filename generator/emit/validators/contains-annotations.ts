/**
 * `unevaluatedItems` that sees the items `contains` evaluated (JSON Schema 2020-12 §10.3.1.3, §11.2: the
 * indices of the items that match). ajv 8 keeps the evaluated items as a count from the start of the array
 * (or "all"), which cannot say "items 1 and 3"; so it counts every item evaluated once a `contains` is
 * compiled, whether it matched or the `contains` applied at all (`prefixItems: [true], contains: string,
 * unevaluatedItems: false` passed `[1, 2, "foo"]`), and none when `minContains` is 0.
 *
 * Here a schema's `unevaluatedItems` asks each item past that count whether a `contains` it reaches in
 * place (through `allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, not through a `$ref`) matches it, where
 * the schemas on the way hold (`if` valid for its `then`, invalid for its `else`, the branch of an
 * `anyOf`): those are evaluated. Such a `contains` leaves ajv's count as it was. The issues are ajv's own
 * (keyword `unevaluatedItems`, the item's issues or `params.limit` at the array).
 *
 * ajv also kept the count in a variable made inside the branch that merged it (`anyOf: [{ items: ... },
 * true]`): when the branch failed it was undefined and no item was checked; when an `items` made it "all"
 * (`true`), the check compared a length with `true`. That variable is read here as a count.
 *
 * Only when a schema of the compile uses `unevaluated*` (ajv's `unevaluated` option) does this code run.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";
import type * as Errors from "ajv/dist/compile/errors.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { eachSchemaNode } from "../../openapi/read-write.js";

const require = createRequire(import.meta.url);

/** A `contains` a schema reaches in place, and the schemas on the way that must hold (or fail) for it to count. */
interface ReachedContains {
  /** The schema holding the `contains`. */
  holder: JsonObject;
  /** Its place below the schema using `unevaluatedItems`. */
  path: Array<string | number>;
  conditions: Condition[];
}

interface Condition {
  schema: unknown;
  path: Array<string | number>;
  /** Whether the schema must be valid (an `else`: its `if` invalid). */
  valid: boolean;
}

export function useContainsAnnotations(ajv: { getKeyword(keyword: string): unknown }): void {
  const reachedIn = new WeakMap<object, Set<object>>();
  const contains = ajv.getKeyword("contains") as CodeKeywordDefinition;
  const ajvContains = contains.code;
  contains.code = (cxt: KeywordCxt, ruleType?: string) => {
    const before = cxt.it.items;
    ajvContains(cxt, ruleType);
    // the `unevaluatedItems` that reaches it counts the items it matched
    if (cxt.it.opts.unevaluated && holdersIn(cxt.it.schemaEnv.schema, reachedIn).has(cxt.parentSchema)) cxt.it.items = before;
  };
  const unevaluated = ajv.getKeyword("unevaluatedItems") as CodeKeywordDefinition;
  const ajvUnevaluated = unevaluated.code;
  unevaluated.code = (cxt: KeywordCxt, ruleType?: string) => {
    const { it } = cxt;
    const { alwaysValidSchema } = require("ajv/dist/compile/util.js") as typeof Util;
    const { Name, _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
    if (!it.opts.unevaluated || it.items === true || alwaysValidSchema(it, cxt.schema as never)) return ajvUnevaluated(cxt, ruleType);
    const reached = reachedFrom(cxt.parentSchema);
    if (reached.length > 0) return unevaluatedWithContains(cxt, reached);
    // a count made in a branch: undefined when none merged, `true` for all
    if (it.items instanceof Name) it.items = cxt.gen.const("items", _`${it.items} === true ? ${cxt.data}.length : ${it.items} || 0`);
    ajvUnevaluated(cxt, ruleType);
  };
}

/** The holders of the `contains` that some schema in `root` using `unevaluatedItems` reaches, for each compiled function's root. */
function holdersIn(root: unknown, memo: WeakMap<object, Set<object>>): Set<object> {
  if (!isObject(root)) return new Set();
  let holders = memo.get(root);
  if (holders) return holders;
  const found = new Set<object>();
  eachSchemaNode(root, (s) => {
    if (usesUnevaluatedItems(s)) for (const r of reachedFrom(s)) found.add(r.holder);
  });
  memo.set(root, found);
  return found;
}

function usesUnevaluatedItems(s: JsonObject): boolean {
  const u = s.unevaluatedItems;
  return u !== undefined && u !== true && !(isObject(u) && Object.keys(u).length === 0);
}

/**
 * Every `contains` `schema` applies in place to the same array, with the conditions on the way. Not through
 * a member with an `$id` of its own (its refs resolve against that id, which the recheck would not), and not
 * one whose `contains` or conditions hold another `unevaluatedItems` or `$id`: each recheck compiles those
 * schemas again, and one nested in another doubled the code per level (12 levels ran out of memory); those
 * are left to ajv's count, as before this module.
 */
function reachedFrom(schema: unknown): ReachedContains[] {
  const out: ReachedContains[] = [];
  const visit = (s: unknown, path: Array<string | number>, conditions: Condition[], depth: number): void => {
    if (!isObject(s) || depth > 32 || (depth > 0 && s.$id !== undefined)) return;
    if (s.contains !== undefined) out.push({ holder: s, path, conditions });
    const members = (k: string) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []);
    members("allOf").forEach((m, i) => visit(m, [...path, "allOf", i], conditions, depth + 1));
    for (const k of ["anyOf", "oneOf"]) {
      members(k).forEach((m, i) => visit(m, [...path, k, i], [...conditions, { schema: m, path: [...path, k, i], valid: true }], depth + 1));
    }
    if (s.if === undefined) return;
    const holds = { schema: s.if, path: [...path, "if"], valid: true };
    visit(s.if, holds.path, [...conditions, holds], depth + 1);
    visit(s.then, [...path, "then"], [...conditions, holds], depth + 1);
    visit(s.else, [...path, "else"], [...conditions, { ...holds, valid: false }], depth + 1);
  };
  visit(schema, [], [], 0);
  return out.filter((r) => !compiledTwiceGrows(r.holder.contains) && !r.conditions.some((c) => compiledTwiceGrows(c.schema)));
}

/** Whether `schema` holds an `unevaluatedItems` or an `$id` (a recheck compiles it again, and that one's rechecks too). */
function compiledTwiceGrows(schema: unknown): boolean {
  let grows = false;
  eachSchemaNode(schema, (s) => {
    grows ||= usesUnevaluatedItems(s) || s.$id !== undefined;
  });
  return grows;
}

/**
 * ajv's `unevaluatedItems` (vocabularies/unevaluated/unevaluatedItems.js), where an item past the count is
 * also evaluated when a reached `contains` matches it, its conditions holding (each checked once).
 */
function unevaluatedWithContains(cxt: KeywordCxt, reached: ReachedContains[]): void {
  const { _, and, not, getProperty, Name } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { Type, escapeFragment } = require("ajv/dist/compile/util.js") as typeof Util;
  const { resetErrorsCount } = require("ajv/dist/compile/errors.js") as typeof Errors;
  // ajv's count of the issues so far (`errors` in the code)
  const N = (require("ajv/dist/compile/names.js") as { default: { errors: Codegen.Name } }).default;
  const { gen, data, schema, it } = cxt;
  const at = (path: Array<string | number>) => ({
    schemaPath: _`${it.schemaPath}${path.map((p) => getProperty(p)).reduce((a, b) => _`${a}${b}`, _``)}`,
    errSchemaPath: `${it.errSchemaPath}${path.map((p) => `/${escapeFragment(String(p))}`).join("")}`,
    topSchemaRef: it.topSchemaRef,
  });
  const quiet = { compositeRule: true, createErrors: false, allErrors: false } as const;
  const errs = gen.const("_errs", N.errors);
  const holding = new Map<string, Codegen.Name>();
  for (const c of reached.flatMap((r) => r.conditions)) {
    const key = JSON.stringify(c.path);
    if (holding.has(key)) continue;
    const valid = gen.name("_valid");
    cxt.subschema({ schema: c.schema as never, ...at(c.path), ...quiet }, valid);
    holding.set(key, valid);
  }
  resetErrorsCount(gen, errs);
  const len = gen.const("len", _`${data}.length`);
  const items = it.items;
  const from = items instanceof Name ? gen.const("items", _`${items} === true ? ${len} : ${items} || 0`) : ((items as number | undefined) ?? 0);
  gen.forRange("i", from, len, (i) => {
    const evaluated = gen.let("evaluated", false);
    // the issues before this item's (every earlier item's, when all are reported)
    const before = gen.const("_errs", N.errors);
    for (const r of reached) {
      const conditions = r.conditions.map((c) => (c.valid ? holding.get(JSON.stringify(c.path))! : not(holding.get(JSON.stringify(c.path))!)));
      gen.if(and(not(evaluated), ...conditions), () => {
        const matches = gen.name("_valid");
        cxt.subschema({ schema: r.holder.contains as never, ...at([...r.path, "contains"]), dataProp: i, dataPropType: Type.Num, ...quiet }, matches);
        gen.assign(evaluated, matches);
      });
    }
    resetErrorsCount(gen, before);
    gen.if(not(evaluated), () => {
      if (schema === false) {
        cxt.setParams({ len: i }); // the items before it are evaluated (ajv: the count, where nothing past it is)
        cxt.error();
        gen.break();
        return;
      }
      const valid = gen.name("valid");
      cxt.subschema({ keyword: "unevaluatedItems", dataProp: i, dataPropType: Type.Num }, valid);
      if (!it.allErrors) gen.if(not(valid), () => gen.break());
    });
  });
  cxt.ok(_`${errs} === ${N.errors}`);
  it.items = true;
}
