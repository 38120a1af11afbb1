/**
 * ajv's `multipleOf` replaced by the decimal test of openapi/multiple-of.ts: ajv's own
 * (`x / m === parseInt(x / m)`) refuses 0.3 as a multiple of 0.1, and its `multipleOfPrecision` accepts an
 * overflowing quotient (1e308 / 0.123456789). Compiled to standalone code the keyword calls the package
 * runtime's `multipleOf` (the `require` below is mapped to it, as ajv's own runtime helpers are);
 * compiled in process (lint's examples) it calls the generator's.
 */
import { createRequire } from "node:module";
import type { CodeKeywordDefinition, KeywordCxt } from "ajv";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";
import { isMultipleOf } from "../../openapi/multiple-of.js";

const require = createRequire(import.meta.url);

/** What the standalone code says for the helper before it becomes the runtime's import. */
export const MULTIPLE_OF_REQUIRE = 'require("specforge/multiple-of").default';

/** The function as ajv's `useFunc` takes a helper: with the code that stands for it in standalone source. */
const helper = Object.assign((value: number, step: number) => isMultipleOf(value, step), { code: MULTIPLE_OF_REQUIRE });

export function useDecimalMultipleOf(ajv: { removeKeyword(keyword: string): unknown; addKeyword(def: CodeKeywordDefinition): unknown }): void {
  const { _, str } = require("ajv/dist/compile/codegen/index.js") as typeof Codegen;
  const { useFunc } = require("ajv/dist/compile/util.js") as typeof Util;
  ajv.removeKeyword("multipleOf");
  ajv.addKeyword({
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    error: {
      message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      cxt.fail(_`!${useFunc(cxt.gen, helper)}(${cxt.data}, ${cxt.schemaCode})`);
    },
  });
}
