/**
 * Checks of one specforge rule that Spectral or Redocly split into rules of their own. A rule reports
 * each finding with the part it comes from (`ctx.report(..., part)`), so turning off the narrow rule of
 * theirs turns off that part only (before, `oas3-valid-schema-example: off` turned all of `example-valid`
 * off, media type examples too). A narrow rule set to a severity still sets the whole rule's.
 */

/** The parts each rule tells its findings apart by ("rule/part"). */
export const RULE_PARTS = {
  "example-valid": ["schema", "media", "parameter"],
  "markdown-no-script": ["script", "eval"],
  "path-params": ["empty-name"],
} as const;

/** spectral:oas rules that stand for parts of one of ours, and those parts. */
export const SPECTRAL_PARTS: Record<string, string[]> = {
  "oas3-valid-schema-example": ["example-valid/schema"],
  "oas3-valid-media-example": ["example-valid/media", "example-valid/parameter"],
  "no-script-tags-in-markdown": ["markdown-no-script/script"],
  "no-eval-in-markdown": ["markdown-no-script/eval"],
  "path-declarations-must-exist": ["path-params/empty-name"],
};

/** Redocly rules that stand for parts of one of ours, and those parts. */
export const REDOCLY_PARTS: Record<string, string[]> = {
  "no-invalid-schema-examples": ["example-valid/schema"],
  "no-invalid-media-type-examples": ["example-valid/media"],
  "no-invalid-parameter-examples": ["example-valid/parameter"],
  "path-declaration-must-exist": ["path-params/empty-name"],
};

/** The parts a narrow rule of theirs stands for (own keys only: a rule may be called `constructor`). */
export function partsOf(table: Record<string, string[]>, id: string): string[] | undefined {
  return Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
}

/**
 * Whether a finding of `ruleId` from `parts` (its rule's words for where it comes from) is turned off by
 * `off` ("rule/part"): only when every part it comes from is.
 */
export function partOff(off: ReadonlySet<string>, ruleId: string, parts: readonly string[] | undefined): boolean {
  return parts !== undefined && parts.length > 0 && parts.every((p) => off.has(`${ruleId}/${p}`));
}
