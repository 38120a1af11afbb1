/**
 * Callbacks' URLs: each `{...}` of a callback's key is a runtime expression (OpenAPI 3.1, Runtime
 * Expressions) that names something the request or reply has. A typo there is found by no schema: the
 * generated `callbackUrl` throws at run time ("has no value"), long after the spec was written.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import type { LintContext, Rule } from "../types.js";
import { deref, label, operationsOf, parametersIn, type OperationSite } from "./shared.js";
import { callbackEntries } from "../../openapi/callbacks.js";
import { specText } from "../../diagnostics/printable.js";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const POINTER = /^(\/([^~/]|~[01])*)*$/;

export const callbackExpression: Rule = {
  id: "callback-expression",
  severity: "warn",
  description: "Every `{...}` in a callback's URL is a runtime expression that names a declared parameter, or a property the request or response body has.",
  check(ctx) {
    for (const site of operationsOf(ctx)) {
      for (const { name, expression, keyPointer } of callbackEntries(ctx.document, site.operation.callbacks, `${site.pointer}/callbacks`)) {
        for (const problem of expressionProblems(ctx, site, expression)) ctx.report(keyPointer, `callback '${specText(name)}' of ${label(site)}: ${problem.message}`, problem.help);
      }
    }
  },
};

/** What is wrong with the URL template `key` of a callback of `site`. */
function expressionProblems(ctx: LintContext, site: OperationSite, key: string): Array<{ message: string; help: string }> {
  const out: Array<{ message: string; help: string }> = [];
  const unbalanced = key.replace(/\{[^{}]*\}/g, "").search(/[{}]/);
  if (unbalanced >= 0) out.push({ message: `its URL '${specText(key)}' has an unmatched '${key.replace(/\{[^{}]*\}/g, "")[unbalanced]}'`, help: "write each expression in braces: '{$request.body#/callbackUrl}'" });
  for (const m of key.matchAll(/\{([^{}]*)\}/g)) {
    const problem = problemOf(ctx, site, m[1]!);
    if (problem) out.push({ message: `'{${specText(m[1]!)}}' ${problem.message}`, help: problem.help });
  }
  return out;
}

function problemOf(ctx: LintContext, site: OperationSite, expression: string): { message: string; help: string } | undefined {
  if (expression === "$url" || expression === "$method" || expression === "$statusCode") return undefined;
  const m = /^\$(request|response)\.(header|query|path|body)(?:\.(.*)|(#.*))?$/.exec(expression);
  const syntax = { message: "is no runtime expression", help: "use $url, $method, $statusCode, $request.header.<name>, $request.query.<name>, $request.path.<name>, $request.body#/<pointer> or $response.header.<name> / $response.body#/<pointer>" };
  if (!m) return syntax;
  const [, side, part, name, fragment] = m;
  if (part === "body") {
    if (name !== undefined) return { message: "reads a body property with '.', not as a JSON pointer", help: `write '$${side}.body#/${name.replace(/\./g, "/")}'` };
    const pointer = fragment === undefined ? "" : fragment.slice(1);
    if (!POINTER.test(pointer)) return { message: `has '${specText(pointer)}', which is no JSON pointer`, help: "write the pointer as '#/a/b', each segment after a '/', '~' as '~0' and '/' as '~1'" };
    return side === "request" ? requestBodyProblem(ctx, site, pointer) : responseBodyProblem(ctx, site, pointer);
  }
  if (fragment !== undefined || name === undefined || name === "") return syntax;
  if (side === "response") {
    if (part !== "header") return { message: `reads the response's ${part}, which a response does not have`, help: "read $request." + part + "." + name + ", or the response's header or body" };
    return TOKEN.test(name) ? undefined : { message: `names header '${specText(name)}', which is no header name`, help: "use the header's name as sent (letters, digits, '-')" };
  }
  if (part === "header" && !TOKEN.test(name)) return { message: `names header '${specText(name)}', which is no header name`, help: "use the header's name as sent (letters, digits, '-')" };
  const declared = [
    ...parametersIn(ctx, site.pathItem.parameters, `${site.pathItemPointer}/parameters`),
    ...parametersIn(ctx, site.operation.parameters, `${site.pointer}/parameters`),
  ].some(({ param }) => param.in === part && (part === "header" ? String(param.name).toLowerCase() === name.toLowerCase() : param.name === name));
  if (declared || (part === "header" && isSecurityHeader(ctx, name))) return undefined;
  return { message: `reads ${part} parameter '${specText(name)}', which the operation does not declare`, help: `declare it (in: ${part}) or fix the name` };
}

/** Whether a security scheme sends its credential in header `name` (an apiKey's, or `Authorization`). */
function isSecurityHeader(ctx: LintContext, name: string): boolean {
  const schemes = isObject(ctx.document.components) && isObject(ctx.document.components.securitySchemes) ? ctx.document.components.securitySchemes : {};
  const lower = name.toLowerCase();
  return Object.values(schemes).some((s) =>
    isObject(s) && (s.type === "apiKey" ? s.in === "header" && typeof s.name === "string" && s.name.toLowerCase() === lower : lower === "authorization" && s.type !== "mutualTLS"),
  );
}

function requestBodyProblem(ctx: LintContext, site: OperationSite, pointer: string): { message: string; help: string } | undefined {
  const body = deref(ctx.document, site.operation.requestBody).node;
  if (!body) return { message: "reads the request body, which the operation does not have", help: "add the request body, or read a parameter" };
  return bodyProblem(ctx, [body], pointer, "request");
}

function responseBodyProblem(ctx: LintContext, site: OperationSite, pointer: string): { message: string; help: string } | undefined {
  const responses = isObject(site.operation.responses) ? site.operation.responses : {};
  const success = Object.keys(responses).filter((s) => /^2/.test(s)).map((s) => deref(ctx.document, responses[s]).node).filter((r): r is JsonObject => r !== undefined);
  if (!success.length) return undefined;
  return bodyProblem(ctx, success, pointer, "response");
}

/** A problem when no JSON body of `messages` can hold `pointer` (a schema that may hold anything there passes). */
function bodyProblem(ctx: LintContext, messages: JsonObject[], pointer: string, side: string): { message: string; help: string } | undefined {
  const schemas = messages.flatMap((m) => Object.entries(isObject(m.content) ? m.content : {}).filter(([media]) => /json/i.test(media)).map(([, v]) => (isObject(v) ? v.schema : undefined)));
  if (!pointer || !schemas.length) return undefined;
  const segments = pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (!schemas.every((s) => holds(ctx.document, s, segments, 0) === "no")) return undefined;
  return { message: `reads '${specText(pointer)}' of the ${side} body, which its schema does not have`, help: `fix the pointer to a property of the ${side} body` };
}

type Holds = "yes" | "no" | "unknown";

/**
 * Whether `schema` has a value at `segments`: "no" only where the schema lists its properties (or items)
 * and the segment is none of them, nor admitted by `additionalProperties` or `patternProperties` (JSON
 * Schema leaves objects open, but a pointer to a property no schema mentions is a typo far more often).
 */
function holds(document: JsonObject, value: unknown, segments: string[], depth: number): Holds {
  if (segments.length === 0) return "yes";
  if (value === false) return "no";
  const schema = deref(document, value).node;
  if (!schema || depth > 32) return "unknown";
  const [head, ...rest] = segments as [string, ...string[]];
  let own: Holds | undefined; // undefined: the schema says nothing of it itself
  if (isObject(schema.properties) && Object.hasOwn(schema.properties, head)) own = holds(document, schema.properties[head], rest, depth + 1);
  else if (/^(0|[1-9]\d*)$/.test(head) && (schema.items !== undefined || Array.isArray(schema.prefixItems))) {
    const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    own = holds(document, Number(head) < tuple.length ? tuple[Number(head)] : schema.items, rest, depth + 1);
  } else if (isObject(schema.properties) && schema.patternProperties === undefined && (schema.additionalProperties === undefined || schema.additionalProperties === false)) own = "no";
  const branches = (["allOf", "anyOf", "oneOf"] as const).flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
  const all = [...(own ? [own] : []), ...branches.map((b) => holds(document, b, segments, depth + 1))];
  if (all.includes("yes")) return "yes";
  return all.length && all.every((h) => h === "no") ? "no" : "unknown";
}
