/**
 * ajv's coercion (parameter validators) makes a number of text where `text == +text`, which "Infinity" and
 * "-Infinity" pass, and it does not check the type again after: `?limit=Infinity` was Infinity, a valid
 * `integer` above any `minimum`, where `number` and `integer` refuse it as no JSON number (strictNumbers).
 * Coerced only when finite, such text stays a string, which the type check refuses at the parameter.
 *
 * Only ajv's code between string literals is rewritten: a spec's text is left as written.
 */

/** ajv's test that text is a number (`data0 == +data0`), or a JSON string literal, which is passed over. */
const NUMERIC_TEXT_OR_STRING = /"(?:[^"\\]|\\.)*"|\b(data\d*) == \+\1\b/g;

/** `code` (ajv's source of one validate function) with text coerced to a number only when it is finite. */
export function finiteCoercion(code: string): string {
  // only coercing code has the test
  if (!code.includes(" == +")) return code;
  return code.replace(NUMERIC_TEXT_OR_STRING, (all: string, name: string | undefined) => (name === undefined ? all : `${all} && isFinite(${name})`));
}
