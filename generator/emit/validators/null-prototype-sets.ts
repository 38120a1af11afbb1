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

/** ajv's set variables, as its code generator writes their start (`var props0 = {};`, `props0 = props0 || {};`). */
const SET_START = /\b((?:props|indices)\d+) = (\1 \|\| )?\{\};/g;

/** A JSON string literal, as ajv writes every string of the spec into its code. */
const STRING = /"(?:[^"\\]|\\.)*"/g;

/** `code` (ajv's validator source) with its sets made without a prototype. */
export function nullPrototypeSets(code: string): string {
  let out = "";
  let at = 0;
  for (const m of code.matchAll(STRING)) {
    out += code.slice(at, m.index).replace(SET_START, "$1 = $2Object.create(null);") + m[0];
    at = m.index + m[0].length;
  }
  return out + code.slice(at).replace(SET_START, "$1 = $2Object.create(null);");
}
