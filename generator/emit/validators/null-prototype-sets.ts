/**
 * ajv 8 keeps two sets keyed by the value's own text in plain objects: the properties evaluated so far
 * (`props0 = {}`, read by `unevaluatedProperties` as `props0[key]`) and the strings `uniqueItems` has seen
 * (`indices0 = {}`, `typeof indices0[item] == "number"`). Through Object.prototype `toString` and
 * `constructor` read as evaluated (`unevaluatedProperties: false` passed them) and `props0["__proto__"] =
 * true` or `indices0["__proto__"] = 1` set nothing (a second `"__proto__"` was no duplicate). Made without a
 * prototype, each set holds exactly the names written into it.
 *
 * Only ajv's code between string literals is rewritten: a spec's text (an `enum` value, a pattern) is
 * left as written.
 */

/**
 * ajv's set variables, as its code generator writes their start (`var props0 = {};`, `props0 = props0 || {};`),
 * or a JSON string literal (as ajv writes every string of the spec into its code), which is passed over.
 */
const SET_START_OR_STRING = /"(?:[^"\\]|\\.)*"|\b((?:props|indices)\d+) = (\1 \|\| )?\{\};/g;

/** `code` (ajv's source of one validate function) with its sets made without a prototype. */
export function nullPrototypeSets(code: string): string {
  // most functions have no such set: the pass over their strings is skipped
  if (!/\b(?:props|indices)\d+ = /.test(code)) return code;
  return code.replace(SET_START_OR_STRING, (all: string, name: string | undefined, or: string | undefined) => (name === undefined ? all : `${name} = ${or ?? ""}Object.create(null);`));
}
