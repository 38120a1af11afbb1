/**
 * The validators that change what they check (coercion of parameters, `unknownProperties: strip`) change it in
 * place, also while they try a branch that then fails, and the next branch saw the changed value:
 * - strip (ajv's `removeAdditional`): for `oneOf: [{ properties: { inner: { properties: { x } } } }, { properties:
 *   { inner: { properties: { y } } } }]`, trying the first branch on `{ inner: { y: "1" } }` removed `y`, and the
 *   second then passed `{ inner: {} }`: a property the applicable branch names was lost. Each removal is written
 *   down (the runtime's `removals`) and a branch that fails puts back what it removed, where it was.
 * - coercion (ajv's `coerceTypes`): for `anyOf: [{ type: integer, minimum: 10 }, { type: string }]` the first
 *   branch made "05" the number 5, and the second the text "5"; `oneOf: [{ type: integer, maximum: 99 }, { type:
 *   string, pattern: "^0" }]` refused the zip code "0123" (123, then "123"). The value as it was before a branch
 *   (a copy) is given back where the branch fails.
 * Branches are those of `anyOf`, `oneOf`, `not` and `if` (and, for removals, each item `contains` tries); what
 * the branches that hold changed stays changed.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";

const require = createRequire(import.meta.url);

/** What the standalone code says for the runtime's `removals` and `copyOf` before they become the runtime's imports. */
export const REMOVALS_REQUIRE = 'require("specforge/removals").default';
export const COPY_OF_REQUIRE = 'require("specforge/copy-of").default';

/** ajv's `useFunc` takes a helper with the code that stands for it; the generator never runs it. */
const removalsHelper = Object.assign(() => undefined, { code: REMOVALS_REQUIRE });
const copyOfHelper = Object.assign(() => undefined, { code: COPY_OF_REQUIRE });

type Ajv = { getKeyword(keyword: string): unknown };

export function useBranchRemovals(ajv: Ajv): void {
  const { _, Name } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { useFunc } = require("ajv/dist/compile/util.js") as typeof Util;
  // ajv's removal, `delete data[key]`, written down first
  const additional = ajv.getKeyword("additionalProperties") as CodeKeywordDefinition;
  const ajvAdditional = additional.code;
  additional.code = (cxt: KeywordCxt, ruleType?: string) => {
    const { gen } = cxt;
    const code = gen.code;
    gen.code = (c) => {
      const removal = /^delete (\w+)\[(\w+)\]$/.exec(String(c));
      return code.call(gen, removal ? _`${useFunc(gen, removalsHelper)}.remove(${new Name(removal[1]!)}, ${new Name(removal[2]!)})` : c);
    };
    try {
      ajvAdditional(cxt, ruleType);
    } finally {
      gen.code = code;
    }
  };
  aroundEachBranch(ajv, ["anyOf", "oneOf", "not", "if", "contains"], (cxt) => {
    const removals = useFunc(cxt.gen, removalsHelper);
    const mark = cxt.gen.const("mark", _`${removals}.log.length`);
    return () => cxt.gen.code(_`${removals}.restore(${mark})`);
  });
}

export function useBranchCoercions(ajv: Ajv): void {
  const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { useFunc } = require("ajv/dist/compile/util.js") as typeof Util;
  aroundEachBranch(ajv, ["anyOf", "oneOf", "not", "if"], (cxt) => {
    const { gen, data, it } = cxt;
    const before = gen.const("before", _`${useFunc(gen, copyOfHelper)}(${data})`);
    return () => {
      // where ajv's coercion writes its value: the variable, and the object or array holding it
      gen.assign(data, before);
      if (it.parentData !== undefined && it.parentDataProperty !== undefined) gen.if(_`${it.parentData} !== undefined`, () => gen.assign(_`${it.parentData}[${it.parentDataProperty}]`, before));
    };
  });
}

/**
 * Each branch of `keywords` (an item, for contains) as ajv compiles it, after `start`'s code, and followed by
 * the code of the function `start` returns where the branch fails.
 */
function aroundEachBranch(ajv: Ajv, keywords: string[], start: (cxt: KeywordCxt) => () => void): void {
  const { not } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  for (const keyword of keywords) {
    const def = ajv.getKeyword(keyword) as CodeKeywordDefinition;
    const ajvCode = def.code;
    def.code = (cxt: KeywordCxt, ruleType?: string) => {
      const subschema = cxt.subschema;
      cxt.subschema = (appl, valid) => {
        const undo = start(cxt);
        const out = subschema.call(cxt, appl, valid);
        cxt.gen.if(not(valid), undo);
        return out;
      };
      ajvCode(cxt, ruleType);
    };
  }
}
