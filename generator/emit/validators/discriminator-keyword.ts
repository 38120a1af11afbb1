/**
 * ajv's `oneOf` and `anyOf`, taught the tags discriminator.ts sets beside a discriminated composition
 * (OpenAPI 3.1 §4.8.25). A tag that names a branch selects it: the value is that branch's alone to judge,
 * and its issues are that branch's (a `$ref` branch reports the component's own schema paths). Any other
 * value (no tag, or one naming no branch) is judged by the composition as JSON Schema reads it; when that
 * fails, the one issue is the tag's: keyword `discriminator` at the tag's pointer, with the values that name
 * a branch (`params.allowed`), where ajv listed every branch's mistakes and a oneOf error. A value that is
 * no object has no tag: it keeps the composition's issues.
 *
 * Every other composition compiles as ajv's own (its code is called unchanged). ajv's option
 * `discriminator: true` is no help here: it takes no `mapping`, needs the tag's `const` in every branch,
 * and refuses a value whose tag names no branch, which OpenAPI leaves to the composition.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt, KeywordErrorDefinition } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Errors from "ajv/dist/compile/errors.js";
import { taggedOf, type Tagged } from "./discriminator.js";

const require = createRequire(import.meta.url);

/** The keyword, and its schema path's last segment: the spec's `discriminator` beside the composition. */
const KEYWORD = "discriminator";

export function useDiscriminatorTags(ajv: { getKeyword(keyword: string): unknown }): void {
  for (const keyword of ["oneOf", "anyOf"]) {
    // this instance's own copy of the definition (ajv copies each when it adds it)
    const def = ajv.getKeyword(keyword) as CodeKeywordDefinition;
    const composition = def.code;
    def.code = (cxt: KeywordCxt, ruleType?: string) => {
      const tagged = Array.isArray(cxt.schema) ? taggedOf(cxt.parentSchema, keyword, cxt.schema.length) : undefined;
      if (tagged) byTag(cxt, tagged, (view) => composition(view, ruleType));
      else composition(cxt, ruleType);
    };
  }
}

function byTag(cxt: KeywordCxt, tagged: Tagged, composition: (cxt: KeywordCxt) => void): void {
  const { _, or, getProperty, stringify, Name } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { reportError } = require("ajv/dist/compile/errors.js") as typeof Errors;
  const allowed = [...new Set(tagged.tags.flat())];
  if (allowed.length === 0) return composition(cxt);
  const { gen, data, keyword } = cxt;
  const isObject = _`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
  // a tag named like Object.prototype's (`constructor`) is the value's own, or missing
  const has = tagged.propertyName in Object.prototype ? _`${isObject} && Object.prototype.hasOwnProperty.call(${data}, ${tagged.propertyName})` : isObject;
  const tag = gen.const("tag", _`${has} ? ${data}${getProperty(tagged.propertyName)} : undefined`);
  const fromTag = () => {
    cxt.reset();
    const list = allowed.map((v) => JSON.stringify(v)).join(", ");
    const params = { tag: stringify(tagged.propertyName), tagValue: tag, allowed: stringify(allowed), missing: stringify(`is required, one of ${list}`), unknown: stringify(`must be one of ${list}`) };
    // ajv types the property as Code, and reads a name (escaped as a pointer segment) as its own do
    const instancePath = tagged.propertyName as unknown as Codegen.Code;
    reportError({ ...cxt, keyword: KEYWORD, params }, DISCRIMINATOR_ERROR, { instancePath }, true);
  };
  // the first branch a tag names wins, as the values are listed
  let first = true;
  tagged.tags.forEach((values, i) => {
    if (!values.length) return;
    const named = or(...values.map((v) => _`${tag} === ${v}`));
    if (first) gen.if(named);
    else gen.elseIf(named);
    first = false;
    const valid = gen.name("valid");
    cxt.mergeEvaluated(cxt.subschema({ keyword, schemaProp: i }, valid), Name);
  });
  gen.else();
  const { otherwise } = tagged;
  if (otherwise !== undefined) {
    // one branch judges the rest (an inherited discriminator's base, or the child itself for a value that is no object)
    const judge = () => cxt.mergeEvaluated(cxt.subschema({ keyword, schemaProp: otherwise }, gen.name("valid")), Name);
    if (tagged.closed) gen.if(isObject, fromTag, judge);
    else judge();
    gen.endIf();
    cxt.ok(_`${new Name("errors")} === ${cxt.errsCount!}`);
    return;
  }
  // ajv's own code for the composition, in its own block (it leaves one open for the keywords after it
  // when errors stop at the first), with its failure reported as the tag's
  const view: KeywordCxt = Object.create(cxt);
  view.error = (append, errorParams, errorPaths) =>
    gen.if(isObject, fromTag, () => (cxt.error as KeywordCxt["error"]).call(view, append, errorParams, errorPaths));
  gen.block(() => composition(view));
  gen.endIf();
  // valid when no error came since the keyword began (ajv's own `errors` count)
  cxt.ok(_`${new Name("errors")} === ${cxt.errsCount!}`);
}

type Params = Record<string, Codegen.Code | string | number | undefined>;

/** ajv's messages (lint's examples show them; the package's runtime words its own from `params`). */
const DISCRIMINATOR_ERROR: KeywordErrorDefinition = {
  message: ({ params }: { params: Params }) => {
    const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
    return _`${params.tagValue} === undefined ? ${params.missing} : ${params.unknown}`;
  },
  params: ({ params }: { params: Params }) => {
    const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
    return _`{tag: ${params.tag}, tagValue: ${params.tagValue}, allowed: ${params.allowed}}`;
  },
};
