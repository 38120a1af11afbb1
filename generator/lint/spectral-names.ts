/**
 * Names a Spectral ruleset uses for the rules specforge has built in: spectral:oas's rule ids and the
 * specforge rule checking the same thing, those with no equivalent, and Spectral 5's older names.
 */
import { RULE_IDS } from "./registry.js";

/** spectral:oas rule ids and the specforge rule checking the same thing. */
export const SPECTRAL_RULES: Record<string, string> = {
  "operation-operationId": "operation-id",
  "operation-operationId-unique": "operation-id-unique",
  "operation-operationId-valid-in-url": "operation-id-url-safe",
  "operation-parameters": "parameters-unique",
  "operation-tag-defined": "operation-tag-defined",
  "operation-description": "operation-description",
  "operation-success-response": "operation-success-response",
  "path-params": "path-params",
  "path-declarations-must-exist": "path-params",
  "path-keys-no-trailing-slash": "path-trailing-slash",
  "path-not-include-query": "path-no-query",
  "no-script-tags-in-markdown": "markdown-no-script",
  "no-eval-in-markdown": "markdown-no-script",
  "info-contact": "info-contact",
  "info-license": "info-license",
  "tag-description": "tag-description",
  "typed-enum": "enum-type",
  "duplicated-entry-in-enum": "enum-unique",
  "array-items": "array-items",
  "oas3-api-servers": "servers-defined",
  "oas3-operation-security-defined": "security-defined",
  "oas3-parameter-description": "parameter-description",
  "oas3-schema": "oas-schema",
  "oas3-server-not-example.com": "server-not-example",
  "oas3-server-trailing-slash": "server-trailing-slash",
  "oas3-server-variables": "server-variables",
  "oas3-unused-component": "unused-components",
  "oas3-valid-media-example": "example-valid",
  "oas3-valid-schema-example": "example-valid",
};

/** spectral:oas rules specforge has no equivalent of (a severity for one is a note; an unknown id an error). */
const SPECTRAL_UNMATCHED = new Set([
  "operation-tags", "operation-singular-tag", "info-description", "license-url", "contact-properties", "openapi-tags",
  "openapi-tags-alphabetical", "openapi-tags-uniqueness", "no-$ref-siblings", "oas3-examples-value-or-externalValue",
  "oas3-callbacks-in-callbacks", "oas3_1-servers-in-webhook", "oas3_1-callbacks-in-webhook",
]);
/** specforge's rule for a spectral:oas rule id (own keys only: a rule may be called `constructor`). */
export const equivalentOf = (id: string): string | undefined => (Object.prototype.hasOwnProperty.call(SPECTRAL_RULES, id) ? SPECTRAL_RULES[id] : undefined);
export const isSpectralOnly = (id: string) => SPECTRAL_UNMATCHED.has(id) || id.startsWith("oas2-");

/**
 * spectral:oas rules as Spectral 5 (and 4) named them, and the Spectral 6 rule each became (null: dropped).
 * Spectral 6 rejects the old names; rulesets written for 5 still carry them, so they are read with a note.
 */
const SPECTRAL_5: Record<string, string | null> = {
  "oas3-unused-components-schema": "oas3-unused-component",
  "example-value-or-externalValue": "oas3-examples-value-or-externalValue",
  "operation-2xx-response": "operation-success-response",
  "oas3-valid-oas-content-example": "oas3-valid-media-example",
  "oas3-valid-content-schema-example": "oas3-valid-media-example",
  "oas3-valid-oas-header-example": "oas3-valid-media-example",
  "oas3-valid-header-schema-example": "oas3-valid-media-example",
  "oas3-valid-oas-parameter-example": "oas3-valid-media-example",
  "oas3-valid-parameter-schema-example": "oas3-valid-media-example",
  "oas2-valid-definition-example": "oas2-valid-schema-example",
  "oas2-valid-parameter-example": "oas2-valid-media-example",
  "api-host": "oas2-api-host",
  "api-schemes": "oas2-api-schemes",
  "api-servers": "oas3-api-servers",
  "operation-default-response": null,
  "operation-summary-formatted": null,
  "model-description": null,
};
export const spectral5 = (id: string): string | null | undefined => (Object.prototype.hasOwnProperty.call(SPECTRAL_5, id) ? SPECTRAL_5[id] : undefined);

/**
 * Whether a ruleset's `rules` entry of this id names a built-in rule (spectral:oas's, under any of its names,
 * or specforge's): `{ severity }` then sets its severity, where for any other id an object defines a rule.
 */
export function isBuiltInName(id: string): boolean {
  const asRead = spectral5(id) ?? id;
  return RULE_IDS.has(id) || equivalentOf(asRead) !== undefined || isSpectralOnly(asRead) || spectral5(id) !== undefined;
}
