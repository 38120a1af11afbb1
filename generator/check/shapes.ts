/**
 * Check stage: the shapes openapi-typescript and the emitters read without asking (a list of parameters, a
 * mapping of responses, headers and security requirements); a value of another kind was an internal error.
 */
import { error, type DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";

/** `parameters` must be a list of mappings: openapi-typescript reads each entry as an object (a string made an internal error). */
export function parameterListProblems(list: unknown, pointer: string, label: string, sources: SourceMap, bag: DiagnosticBag): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    bag.add(error("check/parameters-not-list", `the parameters of ${label} are not a list`, sources.locate(pointer), "write `parameters:` as a list of parameter mappings"));
    return;
  }
  list.forEach((param, i) => {
    if (!isObject(param)) bag.add(error("check/parameter-not-object", `parameter ${i} of ${label} is not a mapping`, sources.locate(`${pointer}/${i}`), "describe the parameter as a mapping with `name` and `in`, or a `$ref`"));
  });
}

/** `responses`, each response and each of its headers must be mappings: openapi-typescript reads them as objects. */
export function responseShapeProblems(responses: unknown, pointer: string, label: string, sources: SourceMap, bag: DiagnosticBag): void {
  if (responses === undefined) return;
  if (!isObject(responses)) {
    bag.add(error("check/responses-not-object", `the responses of ${label} are not a mapping`, sources.locate(pointer), "write `responses:` as a mapping of status codes to responses"));
    return;
  }
  for (const [status, response] of Object.entries(responses)) {
    if (status.startsWith("x-")) continue;
    const at = `${pointer}/${escapeSegment(status)}`;
    if (!isObject(response)) {
      bag.add(error("check/response-not-object", `response ${status} of ${label} is not a mapping`, sources.locate(at), "describe the response as a mapping with a `description`, or a `$ref`"));
      continue;
    }
    const headers = response.headers;
    if (headers === undefined) continue;
    if (!isObject(headers)) {
      bag.add(error("check/headers-not-object", `the headers of response ${status} of ${label} are not a mapping`, sources.locate(`${at}/headers`), "write `headers:` as a mapping of header names to headers"));
      continue;
    }
    for (const [name, header] of Object.entries(headers)) {
      if (!isObject(header)) bag.add(error("check/header-not-object", `header '${name}' of response ${status} of ${label} is not a mapping`, sources.locate(`${at}/headers/${escapeSegment(name)}`), "describe the header as a mapping with a `schema`, or a `$ref`"));
    }
  }
}

/** `security` must be a list of requirement mappings: the emitters read each one's keys. */
export function securityProblems(list: unknown, pointer: string, label: string, sources: SourceMap, bag: DiagnosticBag): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    bag.add(error("check/security-requirement", `the security of ${label} is not a list`, sources.locate(pointer), "write `security:` as a list of requirements such as `- apiKey: []`"));
    return;
  }
  list.forEach((requirement, i) => {
    if (!isObject(requirement)) bag.add(error("check/security-requirement", `security requirement ${i} of ${label} is not a mapping`, sources.locate(`${pointer}/${i}`), "write each requirement as a mapping of scheme names to scopes, such as `- apiKey: []`"));
  });
}
