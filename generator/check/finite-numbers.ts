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
  // GitHub's description holds ~1.5M values: the path is kept as a list and made a pointer only for a
  // finding (a pointer string per value made this walk 110 ms there, now ~35)
  const path: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        const pointer = path.map((k) => `/${escapeSegment(k)}`).join("");
        out.push(error("check/non-finite-number", `${value} is no number JSON can hold: the package would say null in its place`, sources.locate(pointer), "write a finite number (YAML's .inf and .nan, and JSON's 1e999, have no JSON form), or a string"));
      }
      return;
    }
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const k of Object.keys(record)) {
      const item = record[k];
      if (typeof item !== "object" && typeof item !== "number") continue;
      path.push(k);
      visit(item);
      path.pop();
    }
  };
  visit(document);
  return out;
}
