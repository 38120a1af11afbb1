/**
 * Schema keywords no reader knows: JSON Schema 2020-12 and OpenAPI give every other keyword no meaning, so a
 * misspelt `maxlength` or a YAML slip (`{ description: a, b }` makes `b` a key) is silently no constraint.
 */
import { escapeSegment } from "../../openapi/pointer.js";
import { schemasOf } from "./schemas.js";
import type { Rule } from "../types.js";

/** JSON Schema 2020-12's vocabularies, OpenAPI's own schema keywords, and `definitions` (a place `$ref`s point into). */
const KNOWN = new Set([
  "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs", "definitions",
  "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items", "contains",
  "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties",
  "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
  "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
  "minProperties", "required", "dependentRequired", "title", "description", "default", "deprecated", "readOnly",
  "writeOnly", "examples", "format", "contentEncoding", "contentMediaType", "contentSchema",
  "discriminator", "xml", "externalDocs", "example",
  "nullable", // 3.0's, reported in a 3.1 document by oas-schema
]);

/** Keywords of earlier drafts that 2020-12 replaced, and other schema languages' names: what to write instead. */
const REPLACED: Record<string, string> = {
  regex: "write `pattern`",
  dependencies: "write `dependentRequired` (lists of names) or `dependentSchemas` (schemas), its 2020-12 forms",
  additionalItems: "write `prefixItems` for the tuple and `items` for the rest, its 2020-12 form",
  $recursiveRef: "write `$dynamicRef`, its 2020-12 form",
  $recursiveAnchor: "write `$dynamicAnchor`, its 2020-12 form",
  id: "write `$id`",
};

const BY_LOWER = new Map([...KNOWN].map((k) => [k.toLowerCase(), k]));

export const schemaKeywordKnown: Rule = {
  id: "schema-keyword-known",
  severity: "warn",
  description: "Every schema keyword is one JSON Schema 2020-12 or OpenAPI defines, or an `x-` extension (OpenAPI 3.1 and later; 3.0's schema closes them in `oas-schema`).",
  check(ctx) {
    if (!/^3\.[1-9]/.test(ctx.version)) return;
    for (const { schema, pointer } of schemasOf(ctx)) {
      for (const key of Object.keys(schema)) {
        if (KNOWN.has(key) || key.startsWith("x-")) continue;
        ctx.report(`${pointer}/${escapeSegment(key)}`, `schema keyword '${key}' means nothing to JSON Schema 2020-12 or OpenAPI: validators and generators ignore it`, instead(key));
      }
    }
  },
};

/** What to write instead of `key`: its 2020-12 form, the keyword it misspells (`maxlength`, `max_length`), or an extension. */
function instead(key: string): string {
  if (Object.prototype.hasOwnProperty.call(REPLACED, key)) return REPLACED[key]!;
  const meant = BY_LOWER.get(key.toLowerCase().replace(/[-_ ]/g, ""));
  return meant ? `did you mean \`${meant}\`?` : "name a keyword of JSON Schema 2020-12, or prefix your own with `x-`";
}
