/** Every lint rule, in the order docs/rules.md lists them. */
import type { Rule } from "./types.js";
import { oasSchema, oasVersion, parse, refResolves } from "./rules/document.js";
import {
  operationDescription, operationErrorResponse, operationId, operationIdIdentifier, operationIdUnique, operationIdUrlSafe, operationSuccessResponse,
  operationSummary, operationTagDefined, parameterDescription, parametersUnique, requestBodyContent,
} from "./rules/operations.js";
import { pathNoQuery, pathParams, pathsAmbiguous, pathsIdentical, pathTrailingSlash } from "./rules/paths.js";
import { securityDefined, securityScopesDefined } from "./rules/security.js";
import { serverNotExample, serversDefined, serverTrailingSlash, serverUrl, serverVariables } from "./rules/servers.js";
import { infoContact, infoLicense, markdownNoScript, tagDescription } from "./rules/docs.js";
import { arrayItems, readWriteBoth, requiredPropertiesDefined } from "./rules/schema-shape.js";
import { defaultValid, exampleValid } from "./rules/examples.js";
import { discriminatorValues, duplicateInlineSchema, enumEmpty, enumType, enumUnique, formatKnown, propertyCasing } from "./rules/schemas.js";
import { unusedComponents } from "./rules/components.js";
import { schemaKeywordKnown } from "./rules/schema-keywords.js";
import { formEncoding } from "./rules/form-encoding.js";
import { callbackExpression } from "./rules/callbacks.js";
import {
  generatorCompat, generatorRenames, ignoredHeaderParameter, webhookPathParameter, ignoredRequestBody, nullBesideComposition, nullBodyContent, patternBacktracking, patternValid, unsupported32, methodUnknownToNode, selfUnion, swagger2Lossy, xWebhooksIgnored,
} from "./rules/generator.js";

export const RULES: readonly Rule[] = [
  parse, oasVersion, oasSchema, refResolves,
  operationId, operationIdUnique, operationIdIdentifier, operationIdUrlSafe, operationSuccessResponse, operationErrorResponse, operationDescription,
  operationSummary, operationTagDefined, parameterDescription, parametersUnique, requestBodyContent, formEncoding,
  pathParams, pathsIdentical, pathsAmbiguous, pathTrailingSlash, pathNoQuery,
  securityDefined, securityScopesDefined, serverUrl, serverVariables, serversDefined, serverNotExample, serverTrailingSlash,
  infoLicense, infoContact, tagDescription, markdownNoScript,
  exampleValid, defaultValid,
  enumUnique, enumEmpty, enumType, discriminatorValues, formatKnown, schemaKeywordKnown, propertyCasing, duplicateInlineSchema, requiredPropertiesDefined, arrayItems, readWriteBoth, unusedComponents,
  patternValid, patternBacktracking, generatorCompat, generatorRenames, ignoredHeaderParameter, webhookPathParameter, callbackExpression, ignoredRequestBody, nullBodyContent, methodUnknownToNode, unsupported32, nullBesideComposition, selfUnion, swagger2Lossy, xWebhooksIgnored,
];

export const RULE_IDS = new Set(RULES.map((r) => r.id));

/** Checks of reading the spec at all: a config may not turn them off or replace them (a spec that does not parse would pass). */
export const ALWAYS_ON: ReadonlySet<string> = new Set(["parse", "oas-version", "ref-resolves"]);

/** The problem with setting an always-on check to `setting` (anything but error), or undefined. */
export function alwaysOnProblem(id: string, setting: unknown): { message: string; help: string } | undefined {
  if (!ALWAYS_ON.has(id) || setting === "error") return undefined;
  return { message: `'${id}' always runs, as an error (a spec must parse, name its OpenAPI version and resolve its $refs)`, help: "remove this entry" };
}
