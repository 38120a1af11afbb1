/**
 * What OpenAPI 3.2 requires of its new ways to write an operation, checked where generation depends on it:
 * - `additionalOperations` keys are HTTP methods (RFC 9110 §9.1: a token), and none is a method a fixed
 *   field has (§4.9 Path Item Object: "MUST NOT contain any entry for the methods that can be defined by
 *   other fixed fields"): `GET` there would be a second GET the router could not tell from `get`;
 * - an `in: querystring` parameter (§4.12.2) is described by `content` (one media type), appears at most
 *   once, and never beside `in: query` parameters, since it is the whole query string.
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { specText } from "../diagnostics/printable.js";
import { FIXED_METHODS, isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../openapi/pointer.js";
import type { SourceMap } from "../bundle/source-map.js";

/** RFC 9110 §5.6.2 `token`: what a method name is made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function additionalMethodProblems(item: JsonObject, path: string, pointer: string, sources: SourceMap): Diagnostic[] {
  const extra = item.additionalOperations;
  if (extra === undefined) return [];
  const at = `${pointer}/additionalOperations`;
  if (!isObject(extra)) return [error("check/additional-operations", `additionalOperations of ${path} is not a mapping of methods to operations`, sources.locate(at), "write `additionalOperations:` as a mapping, e.g. `LINK: { ... }`")];
  const out: Diagnostic[] = [];
  for (const [method, op] of Object.entries(extra)) {
    const where = sources.locate(`${at}/${escapeSegment(method)}`);
    const fixed = FIXED_METHODS.find((m) => m === method.toLowerCase());
    if (!TOKEN.test(method)) {
      out.push(error("check/method-not-token", `additional operation '${method}' of ${path}: an HTTP method is a token (letters, digits and !#$%&'*+-.^_\`|~), no request can carry this one`, where, "name the operation by the method its requests send, e.g. `LINK`"));
    } else if (fixed) {
      out.push(error("check/additional-fixed-method", `additional operation '${method}' of ${path} is the ${fixed.toUpperCase()} method, which OpenAPI 3.2 forbids in additionalOperations`, where, `describe it under the path item's \`${fixed}\` field`));
    } else if (!isObject(op)) {
      out.push(error("check/operation-not-object", `${method} ${path} is not an operation object`, where, "describe the operation as a mapping"));
    }
  }
  return out;
}

/** The problems of an operation's `in: querystring` parameters (the path item's and its own). */
export function querystringProblems(document: JsonObject, item: JsonObject, op: JsonObject, label: string, itemPointer: string, opPointer: string, sources: SourceMap): Diagnostic[] {
  // An operation's parameter overrides the path item's of the same name and location.
  const merged = new Map<string, { node: JsonObject; pointer: string }>();
  for (const p of [...listed(document, item.parameters, `${itemPointer}/parameters`), ...listed(document, op.parameters, `${opPointer}/parameters`)]) {
    merged.set(JSON.stringify([p.node.in, p.node.name]), p);
  }
  const params = [...merged.values()];
  const strings = params.filter((p) => p.node.in === "querystring");
  if (!strings.length) return [];
  const out: Diagnostic[] = [];
  for (const p of strings) {
    const content = isObject(p.node.content) ? Object.keys(p.node.content) : [];
    if (content.length !== 1 || p.node.schema !== undefined) {
      out.push(error("check/querystring-content", `the \`in: querystring\` parameter '${nameOf(p.node)}' of ${label} must be described by \`content\` with one media type`, sources.locate(p.pointer), "describe the query string by `content`, e.g. `application/x-www-form-urlencoded: { schema: {...} }`, and remove `schema`"));
    }
  }
  if (strings.length > 1) {
    out.push(error("check/querystring-twice", `${label} has more than one \`in: querystring\` parameter; the query string is one value`, sources.locate(strings[1]!.pointer), "keep one `in: querystring` parameter and describe the rest in its schema"));
  }
  const query = params.find((p) => p.node.in === "query");
  if (query) {
    out.push(error("check/querystring-with-query", `${label} has an \`in: querystring\` parameter and the \`in: query\` parameter '${nameOf(query.node)}': OpenAPI 3.2 forbids both in one operation, the querystring parameter is the whole query string`, sources.locate(query.pointer), "describe the query parameter as a property of the querystring parameter's schema"));
  }
  return out;
}

/** A parameter's name for a message (spec text may give a mapping). */
function nameOf(p: JsonObject): string {
  return specText(p.name);
}

/** A parameter list's entries, `$ref`s followed, with the pointer of the entry. */
function listed(document: JsonObject, list: unknown, pointer: string): Array<{ node: JsonObject; pointer: string }> {
  if (!Array.isArray(list)) return [];
  const out: Array<{ node: JsonObject; pointer: string }> = [];
  list.forEach((entry, i) => {
    let node: unknown = entry;
    for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 32; hops++) {
      const fragment = node.$ref.startsWith("#") ? pointerFromFragment(node.$ref.slice(1)) : undefined;
      node = fragment === undefined ? undefined : resolvePointer(document, fragment).value;
    }
    if (isObject(node)) out.push({ node, pointer: `${pointer}/${i}` });
  });
  return out;
}
