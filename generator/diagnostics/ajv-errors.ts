/**
 * ajv's errors as one problem per place. ajv explains a failed `oneOf` with every branch's errors: only the
 * deepest errors are kept (a wrong value inside an object explains the object's failure), one per place,
 * the most specific first. Shared by `specforge lint` (the OpenAPI schema) and the check stage (the JSON
 * Schema meta-schema).
 */
import type { ErrorObject } from "ajv";

export interface SchemaProblem {
  /** JSON pointer relative to the validated value. */
  pointer: string;
  message: string;
}

/** `rootName`: what to call the validated value itself in messages. */
export function explainAjvErrors(errors: ErrorObject[], rootName = "the document"): SchemaProblem[] {
  const deepest = errors.filter((e) => !errors.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const out = new Map<string, SchemaProblem>();
  for (const e of rank(deepest)) {
    const { pointer, message } = explain(e, rootName);
    if (!out.has(pointer)) out.set(pointer, { pointer, message });
  }
  return [...out.values()];
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
    default:
      return { pointer: e.instancePath, message: `${where} ${e.message ?? `fails '${e.keyword}'`}` };
  }
}
