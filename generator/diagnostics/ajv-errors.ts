/**
 * ajv's errors as one problem per place. ajv explains a failed `oneOf` with every branch's errors: of a
 * `oneOf`/`anyOf` whose branches are numbered, only the branch the value was meant for is kept (the one whose
 * discriminating value matched: `in: query` picks the query parameter's branch), and a combinator's own error,
 * a Reference branch's "missing $ref" and a `type` error are dropped where a more telling error sits at or
 * under their place. Every other error is kept (an unknown key beside a wrong value deeper down), one per
 * place, the most specific first. Shared by `specforge lint` (the OpenAPI schema) and the check stage (the JSON
 * Schema meta-schema).
 */
import type { ErrorObject } from "ajv";

export interface SchemaProblem {
  /** JSON pointer relative to the validated value. */
  pointer: string;
  message: string;
}

/**
 * `rootName`: what to call the validated value itself in messages. `numbered`: false for a schema whose
 * `oneOf` branches are `$ref`s to definitions (Swagger 2.0's), whose errors cannot be told apart by branch:
 * there only the deepest errors are kept, and of those not the `enum` errors on which branches disagree
 * (`in` must be "body" in one branch, "header" in another) where another error sits at the same place.
 */
export function explainAjvErrors(errors: ErrorObject[], rootName = "the document", numbered = true): SchemaProblem[] {
  if (!numbered) return placed(unnumbered(errors), rootName);
  const kept = chosenBranches(errors);
  const telling = kept.filter((e) => !COMBINATORS.has(e.keyword) && !missesRef(e));
  const shown = kept.filter((e) => {
    if (COMBINATORS.has(e.keyword) || missesRef(e)) return !telling.some((o) => o !== e && atOrUnder(o, e));
    if (e.keyword === "type") return !kept.some((o) => o.instancePath.startsWith(`${e.instancePath}/`));
    return true;
  });
  return placed(shown, rootName);
}

function placed(errors: ErrorObject[], rootName: string): SchemaProblem[] {
  const out = new Map<string, SchemaProblem>();
  for (const e of rank(errors)) {
    const { pointer, message } = explain(e, rootName);
    if (!out.has(pointer)) out.set(pointer, { pointer, message });
  }
  return [...out.values()];
}

function unnumbered(errors: ErrorObject[]): ErrorObject[] {
  const deepest = errors.filter((e) => !errors.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const allowed = (e: ErrorObject) => JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues);
  const disagreeing = (e: ErrorObject) => e.keyword === "enum" && deepest.some((o) => o.keyword === "enum" && o.instancePath === e.instancePath && allowed(o) !== allowed(e));
  const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/"));
  return deepest.filter((e) => !disagreeing(e) || !deepest.some((o) => o.keyword !== "enum" && parentOf(o.instancePath) === parentOf(e.instancePath)));
}

const COMBINATORS = new Set(["oneOf", "anyOf", "if", "$ref"]);

/** The Reference branch of `X | Reference`, failing on an object that was never meant to be a ref. */
function missesRef(e: ErrorObject): boolean {
  return e.keyword === "required" && (e.params as { missingProperty?: string }).missingProperty === "$ref";
}

/** Whether `o` is about `e`'s place or something inside it. */
function atOrUnder(o: ErrorObject, e: ErrorObject): boolean {
  return o.instancePath === e.instancePath || o.instancePath.startsWith(`${e.instancePath}/`);
}

const BRANCH = /^(.*\/(?:oneOf|anyOf))\/(\d+)\//;

/**
 * The errors without those of a numbered `oneOf`/`anyOf` branch the value was not meant for. The branch
 * kept is one that did not fail on the value most branches reject with `enum`/`const` (the discriminating
 * one: `in`, `type`), the one with the fewest errors among those.
 */
function chosenBranches(errors: ErrorObject[]): ErrorObject[] {
  const groups = new Map<string, Map<string, ErrorObject[]>>();
  for (const e of errors) {
    const m = BRANCH.exec(e.schemaPath);
    if (!m) continue;
    const owner = errors
      .filter((o) => (o.keyword === "oneOf" || o.keyword === "anyOf") && o.schemaPath === m[1] && atOrUnder(e, o))
      .sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    if (!owner) continue;
    const key = `${m[1]}@${owner.instancePath}`;
    const branches = groups.get(key) ?? new Map<string, ErrorObject[]>();
    groups.set(key, branches);
    branches.set(m[2]!, [...(branches.get(m[2]!) ?? []), e]);
  }
  const dropped = new Set<ErrorObject>();
  for (const branches of groups.values()) {
    if (branches.size < 2) continue;
    const failing = new Map<string, Set<string>>(); // instance path -> branches rejecting its value
    for (const [index, list] of branches) {
      for (const e of list) if (e.keyword === "enum" || e.keyword === "const") failing.set(e.instancePath, (failing.get(e.instancePath) ?? new Set()).add(index));
    }
    const discriminating = [...failing.values()].sort((a, b) => b.size - a.size)[0];
    const all = [...branches.keys()];
    const candidates = discriminating && discriminating.size >= 2 && discriminating.size < all.length ? all.filter((i) => !discriminating.has(i)) : all;
    const best = candidates.sort((a, b) => branches.get(a)!.length - branches.get(b)!.length || Number(a) - Number(b))[0];
    for (const [index, list] of branches) if (index !== best) for (const e of list) dropped.add(e);
  }
  return errors.filter((e) => !dropped.has(e));
}

/** Specific errors first, so the one kept per place is the most telling. */
function rank(errors: ErrorObject[]): ErrorObject[] {
  const weight = (e: ErrorObject) => (["oneOf", "anyOf", "if", "not", "$ref", "type"].includes(e.keyword) ? 1 : 0);
  return [...errors].sort((a, b) => weight(a) - weight(b));
}

function explain(e: ErrorObject, rootName: string): SchemaProblem {
  const where = e.instancePath === "" ? rootName : `'${e.instancePath.split("/").pop()!.replace(/~1/g, "/").replace(/~0/g, "~")}'`;
  switch (e.keyword) {
    case "additionalProperties": {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      return { pointer: `${e.instancePath}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: `unknown property '${name}' in ${where}` };
    }
    case "unevaluatedProperties": {
      const name = (e.params as { unevaluatedProperty: string }).unevaluatedProperty;
      return { pointer: `${e.instancePath}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: `unknown property '${name}' in ${where}` };
    }
    case "required":
      return { pointer: e.instancePath, message: `${where} is missing the required property '${(e.params as { missingProperty: string }).missingProperty}'` };
    case "enum":
      return { pointer: e.instancePath, message: `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(", ")}` };
    case "not": {
      // with ajv's `verbose`, the schema the value must not match: `not: {required: [example, examples]}`
      const required = (e.schema as { required?: unknown } | undefined)?.required;
      if (Array.isArray(required) && required.length > 1) return { pointer: e.instancePath, message: `${where} must not have both ${required.map((r) => `'${String(r)}'`).join(" and ")}` };
      return { pointer: e.instancePath, message: `${where} ${e.message ?? "fails 'not'"}` };
    }
    default:
      return { pointer: e.instancePath, message: `${where} ${e.message ?? `fails '${e.keyword}'`}` };
  }
}
