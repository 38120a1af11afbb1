/**
 * What a branch evaluated, as `unevaluatedProperties`/`unevaluatedItems` must see it (JSON Schema 2020-12
 * §10.2, §11: the annotations of a subschema count only where it is valid), taught to ajv's `if`, `anyOf`,
 * `oneOf` and `patternProperties`.
 *
 * ajv 8 counts the `if` schema's properties as evaluated whether the value matched it or not, loses them
 * when only `else` is written (the set it builds in the `else` branch is never made when the value matches),
 * and compiles nothing for an `if` without `then` and `else`: `{ if: { properties: { foo: ... } }, else: ...,
 * unevaluatedProperties: false }` refused `{ foo: "then" }` and passed a `foo` that failed `if`. In every
 * composition, when nothing was evaluated before it, ajv takes the first branch's own set as the
 * parent's whether that branch holds or not, or makes the parent's set inside a branch (undefined where
 * the branch is not taken). Here the set is a variable made before the branches, where it always runs,
 * and the branches merge into it where they hold.
 *
 * Only when a schema of the compile uses `unevaluated*` (ajv's `unevaluated` option, see compile.ts) does
 * this code run; otherwise the keywords compile as ajv's own. The issues are ajv's own: same keyword,
 * schema paths and params.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";

const require = createRequire(import.meta.url);

export function useBranchAnnotations(ajv: { getKeyword(keyword: string): unknown }): void {
  // this instance's own copy of each definition (ajv copies each when it adds it)
  const def = ajv.getKeyword("if") as CodeKeywordDefinition;
  const ajvIf = def.code;
  def.code = (cxt: KeywordCxt, ruleType?: string) => {
    if (collects(cxt)) ifWithAnnotations(cxt);
    else ajvIf(cxt, ruleType);
  };
  for (const keyword of ["anyOf", "oneOf"]) {
    const composition = ajv.getKeyword(keyword) as CodeKeywordDefinition;
    const ajvComposition = composition.code;
    composition.code = (cxt: KeywordCxt, ruleType?: string) => {
      if (collects(cxt)) heldBeforeBranches(cxt);
      ajvComposition(cxt, ruleType);
    };
  }
  const patterns = ajv.getKeyword("patternProperties") as CodeKeywordDefinition;
  const ajvPatterns = patterns.code;
  patterns.code = (cxt: KeywordCxt, ruleType?: string) => {
    const { Name } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
    if (cxt.it.opts.unevaluated && cxt.it.props instanceof Name) patternsIntoObject(cxt, cxt.it.props, () => ajvPatterns(cxt, ruleType));
    else ajvPatterns(cxt, ruleType);
  };
}

/**
 * ajv's `patternProperties` writes each property it matched into the set of evaluated properties as
 * `props[key] = true`, taking the variable for an object; a set merged where a branch holds (an `if`
 * here, an `anyOf` branch in ajv) is undefined when the branch was not taken (a TypeError), and `true`
 * when the branch evaluated all (a TypeError in the generated module, which is strict). It writes into an
 * object of its own instead, which stands for the set from then on (still `true` where it was).
 */
function patternsIntoObject(cxt: KeywordCxt, outer: Codegen.Name, ajvPatterns: () => void): void {
  const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { gen, it } = cxt;
  // without a prototype, as every set of evaluated properties (null-prototype-sets.ts)
  const own = gen.var("props", _`${outer} === true ? Object.create(null) : ${outer} || Object.create(null)`);
  it.props = own;
  ajvPatterns();
  gen.if(_`${outer} === true`, () => gen.assign(own, true));
}

/** Whether the compile collects evaluated properties or items, and some are yet to be evaluated here. */
function collects(cxt: KeywordCxt): boolean {
  const { it } = cxt;
  return it.opts.unevaluated === true && !(it.props === true && it.items === true);
}

/**
 * What was evaluated so far, held in variables made here, where the code always runs: the branches after
 * merge into them only where they hold.
 */
function heldBeforeBranches(cxt: KeywordCxt): void {
  const { Name } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { evaluatedPropsToName } = require("ajv/dist/compile/util.js") as typeof Util;
  const { gen, it } = cxt;
  if (it.props !== true && !(it.props instanceof Name)) it.props = evaluatedPropsToName(gen, it.props);
  if (it.items !== true && !(it.items instanceof Name)) it.items = gen.var("items", it.items ?? 0);
}

/** ajv's `if` (vocabularies/applicator/if.js) with the `if` schema's annotations kept only when it is valid. */
function ifWithAnnotations(cxt: KeywordCxt): void {
  const { _, not } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { alwaysValidSchema } = require("ajv/dist/compile/util.js") as typeof Util;
  const { gen, it } = cxt;
  const applies = (keyword: "then" | "else") => it.schema[keyword] !== undefined && !alwaysValidSchema(it, it.schema[keyword] as never);
  const hasThen = applies("then");
  const hasElse = applies("else");
  if (!hasThen && !hasElse && alwaysValidSchema(it, it.schema.if as never)) return;
  const schValid = gen.name("_valid");
  const ifCxt = cxt.subschema({ keyword: "if", compositeRule: true, createErrors: false, allErrors: false }, schValid);
  cxt.reset();
  heldBeforeBranches(cxt);
  cxt.mergeValidEvaluated(ifCxt, schValid);
  // an `if` alone never fails: only its annotations count
  if (!hasThen && !hasElse) return;
  const valid = gen.let("valid", true);
  const clause = (keyword: "then" | "else", ifClause?: Codegen.Name) => () => {
    const clauseCxt = cxt.subschema({ keyword }, schValid);
    gen.assign(valid, schValid);
    cxt.mergeValidEvaluated(clauseCxt, valid);
    if (ifClause) gen.assign(ifClause, _`${keyword}`);
    else cxt.setParams({ ifClause: keyword });
  };
  if (hasThen && hasElse) {
    const ifClause = gen.let("ifClause");
    cxt.setParams({ ifClause });
    gen.if(schValid, clause("then", ifClause), clause("else", ifClause));
  } else if (hasThen) {
    gen.if(schValid, clause("then"));
  } else {
    gen.if(not(schValid), clause("else"));
  }
  cxt.pass(valid, () => cxt.error(true));
}
