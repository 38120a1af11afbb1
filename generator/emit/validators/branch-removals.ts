/**
 * `unknownProperties: strip` removes properties in place (ajv's `removeAdditional`), also while it tries a
 * branch that then fails: for `oneOf: [{ properties: { inner: { properties: { x } } } }, { properties: { inner:
 * { properties: { y } } } }]`, trying the first branch on `{ inner: { y: "1" } }` removed `y`, and the second
 * branch then passed `{ inner: {} }`: a property the applicable branch names was lost. Here each removal is
 * written down (the runtime's `removals`) and a branch of `anyOf`, `oneOf`, `not`, `if` or `contains` that
 * fails puts back what it removed, where it was; what the branches that hold removed stays removed.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";

const require = createRequire(import.meta.url);

/** What the standalone code says for the runtime's `removals` before it becomes the runtime's import. */
export const REMOVALS_REQUIRE = 'require("specforge/removals").default';

/** ajv's `useFunc` takes a helper with the code that stands for it; the generator never runs it. */
const helper = Object.assign(() => undefined, { code: REMOVALS_REQUIRE });

const BRANCHING = ["anyOf", "oneOf", "not", "if", "contains"];

export function useBranchRemovals(ajv: { getKeyword(keyword: string): unknown }): void {
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
      return code.call(gen, removal ? _`${useFunc(gen, helper)}.remove(${new Name(removal[1]!)}, ${new Name(removal[2]!)})` : c);
    };
    try {
      ajvAdditional(cxt, ruleType);
    } finally {
      gen.code = code;
    }
  };
  for (const keyword of BRANCHING) {
    const def = ajv.getKeyword(keyword) as CodeKeywordDefinition;
    const ajvCode = def.code;
    def.code = (cxt: KeywordCxt, ruleType?: string) => {
      const { gen } = cxt;
      const subschema = cxt.subschema;
      // each branch (an item, for contains) as ajv compiles it, between a mark and the undoing of its removals when it fails
      cxt.subschema = (appl, valid) => {
        const removals = useFunc(gen, helper);
        const mark = gen.const("mark", _`${removals}.log.length`);
        const out = subschema.call(cxt, appl, valid);
        gen.if(_`!${valid}`, () => gen.code(_`${removals}.restore(${mark})`));
        return out;
      };
      ajvCode(cxt, ruleType);
    };
  }
}
