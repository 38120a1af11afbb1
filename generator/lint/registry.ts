/** Every lint rule, in the order docs/rules.md lists them. */
import type { Rule } from "./types.js";
import { oasSchema, oasVersion, parse, refResolves } from "./rules/document.js";
import {
  operationDescription, operationErrorResponse, operationId, operationIdIdentifier, operationIdUnique, operationSuccessResponse,
  parameterDescription, parametersUnique, requestBodyContent,
} from "./rules/operations.js";
import { pathParams, pathsAmbiguous, pathsIdentical } from "./rules/paths.js";
import { securityDefined } from "./rules/security.js";
import { serverUrl, serverVariables } from "./rules/servers.js";
import { defaultValid, exampleValid } from "./rules/examples.js";
import { duplicateInlineSchema, enumType, enumUnique, formatKnown, propertyCasing } from "./rules/schemas.js";
import { unusedComponents } from "./rules/components.js";
import { formEncoding } from "./rules/form-encoding.js";
import {
  generatorCompat, generatorRenames, ignoredHeaderParameter, ignoredRequestBody, nullBesideComposition, nullBodyContent, patternBacktracking, patternValid, unsupported32, methodUnknownToNode,
} from "./rules/generator.js";

export const RULES: readonly Rule[] = [
  parse, oasVersion, oasSchema, refResolves,
  operationId, operationIdUnique, operationIdIdentifier, operationSuccessResponse, operationErrorResponse, operationDescription,
  parameterDescription, parametersUnique, requestBodyContent, formEncoding,
  pathParams, pathsIdentical, pathsAmbiguous,
  securityDefined, serverUrl, serverVariables,
  exampleValid, defaultValid,
  enumUnique, enumType, formatKnown, propertyCasing, duplicateInlineSchema, unusedComponents,
  patternValid, patternBacktracking, generatorCompat, generatorRenames, ignoredHeaderParameter, ignoredRequestBody, nullBodyContent, methodUnknownToNode, unsupported32, nullBesideComposition,
];

export const RULE_IDS = new Set(RULES.map((r) => r.id));
