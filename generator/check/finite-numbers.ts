/**
 * Numbers JSON has no form for: YAML's `.inf`, `-.inf`, `.nan` and JSON's `1e999` parse to Infinity and NaN.
 * In a value (an `enum` member, a `const`, a `default`, an example, an extension's value) each became `null`
 * in what specforge writes (openapi.json, mock data, request defaults: JSON.stringify's silent choice), and
 * openapi-typescript wrote `Infinity` as a type, so the package did not compile. Schema keywords that take
 * numbers (`maximum: .inf`) are the meta-schema's to report (schema-keywords.ts); this walk finds the rest.
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import type { JsonObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";

export function nonFiniteNumbers(document: JsonObject, sources: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[document, ""]];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value === "number" && !Number.isFinite(value)) {
      out.push(error("check/non-finite-number", `${value} is no number JSON can hold: the package would say null in its place`, sources.locate(pointer), "write a finite number (YAML's .inf and .nan, and JSON's 1e999, have no JSON form), or a string"));
    }
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, `${pointer}/${i}`]));
    else for (const [k, item] of Object.entries(value)) stack.push([item, `${pointer}/${escapeSegment(k)}`]);
  }
  // in the order they are written
  return out.reverse();
}
