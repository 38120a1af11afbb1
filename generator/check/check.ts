/**
 * Check stage: what must hold for the emitters to produce faithful code. Anything else a spec may get
 * wrong is `specforge lint`'s business; here only problems that would make generation wrong or unsafe.
 */
import { DiagnosticBag, error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { FIXED_METHODS, isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { additionalMethodProblems, querystringProblems } from "./operations-32.js";
import { escapeSegment } from "../openapi/pointer.js";
import type { SourceFile } from "../load/source-file.js";
import type { SourceMap } from "../bundle/source-map.js";
import { patternProblems } from "./patterns.js";
import { parameterListProblems, responseShapeProblems, securityProblems } from "./shapes.js";
import { SchemaKeywordCheck } from "./schema-keywords.js";
import { forEachNode } from "../openapi/walk.js";
import { inPlaceCycles } from "../openapi/schema-cycles.js";
import { typedObjectProblems } from "./typed-objects.js";
import { nonFiniteNumbers } from "./finite-numbers.js";

const SUPPORTED = /^3\.[012]\.\d+$/;
const STATUS = /^([1-5](\d\d|XX)|default)$/;

/** Runs on the loaded root file, before bundling: an unsupported version stops everything. */
export function checkVersion(root: SourceFile): string {
  const doc = root.value;
  const at = (pointer: string) => ({ file: root.displayPath, pointer, ...root.locate(pointer) });
  if (!isObject(doc)) {
    throw bagError(error("check/not-openapi", "the file is not an OpenAPI document (expected a mapping)", { file: root.displayPath, line: 1, column: 1 }, "an OpenAPI document is a mapping with an `openapi: 3.1.0` key"));
  }
  // a Swagger 2.0 document was upgraded to 3.0 before this (upgrade stage); any other `swagger` was not
  if (doc.swagger !== undefined && doc.openapi === undefined) {
    const written = typeof doc.swagger === "string" ? `'${doc.swagger}'` : `${JSON.stringify(doc.swagger)} (not a string)`;
    throw bagError(error("check/unsupported-version", `unsupported Swagger version ${written}; specforge reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2`, at("/swagger"), "declare `swagger: \"2.0\"` (quoted: YAML reads 2.0 as a number) if the document follows Swagger 2.0"));
  }
  const version = doc.openapi;
  if (typeof version !== "string") {
    throw bagError(error("check/unsupported-version", "missing `openapi` version field", at(""), "add `openapi: 3.1.0` at the top of the document"));
  }
  if (!SUPPORTED.test(version)) {
    throw bagError(error("check/unsupported-version", `unsupported OpenAPI version '${version}'; specforge reads 3.0.x, 3.1.x and 3.2.x`, at("/openapi"), "declare `openapi: 3.2.0`, `3.1.0` or `3.0.3` if the document follows one of those"));
  }
  return version;
}

function bagError(d: Diagnostic): SpecforgeError {
  return new SpecforgeError([d]);
}

/** Runs on the bundled, normalized document. */
export function checkDocument(document: JsonObject, sources: SourceMap): Diagnostic[] {
  const bag = new DiagnosticBag();
  if (!isObject(document.info)) {
    bag.add(error("check/missing-info", "missing `info` object", sources.locate(""), "add `info` with `title` and `version`"));
  }
  securityProblems(document.security, "/security", "the document", sources, bag);
  const schemas = isObject(document.components) ? document.components.schemas : undefined;
  for (const [name, schema] of isObject(schemas) ? Object.entries(schemas) : []) {
    if (!isObject(schema) && typeof schema !== "boolean") bag.add(error("check/schema-not-object", `schema '${name}' is not a mapping`, sources.locate(`/components/schemas/${escapeSegment(name)}`), "describe the schema as a mapping (`type:`, `properties:` ...)"));
  }
  const paths = document.paths;
  if (paths !== undefined && !isObject(paths)) {
    bag.add(error("check/paths-not-object", "`paths` must be a mapping of path templates", sources.locate("/paths"), "write `paths:` as a mapping"));
  }
  for (const path of isObject(paths) ? Object.keys(paths) : []) {
    if (path.startsWith("x-")) continue;
    const pointer = `/paths/${escapeSegment(path)}`;
    if (!path.startsWith("/")) {
      bag.add(error("check/path-not-absolute", `path '${path}' does not start with '/'`, sources.locate(pointer), "write paths relative to the server URL, starting with '/'"));
    }
    const item = (paths as JsonObject)[path];
    if (!isObject(item)) continue;
    checkPathItem(document, item, path, pointer, sources, bag);
  }
  // Webhooks are path items too, generated as paths are (3.2's additional operations and querystrings included).
  const webhooks = document.webhooks;
  for (const [name, item] of isObject(webhooks) ? Object.entries(webhooks) : []) {
    if (isObject(item) && !name.startsWith("x-")) checkPathItem(document, item, `webhook '${name}'`, `/webhooks/${escapeSegment(name)}`, sources, bag);
  }
  // Path items kept as components are what a path, webhook or callback `$ref` names (the bundle inlines only
  // other files' path items): checked as those are, or their problems reached openapi-typescript and the emitters.
  const pathItems = isObject(document.components) ? document.components.pathItems : undefined;
  for (const [name, item] of isObject(pathItems) ? Object.entries(pathItems) : []) {
    if (isObject(item)) checkPathItem(document, item, `path item '${name}'`, `/components/pathItems/${escapeSegment(name)}`, sources, bag);
  }
  // one walk over the schemas for the checks of their keywords and of their patterns
  const keywords = new SchemaKeywordCheck(sources);
  const patterns: Diagnostic[] = [];
  const schemaPointers = new Map<JsonObject, string>();
  const resources: string[] = [];
  const scoped = new Set<JsonObject>();
  const typed: Diagnostic[] = [];
  forEachNode(document, (node, kind, pointer) => {
    typed.push(...typedObjectProblems(node, kind, pointer, sources));
    if (kind === "Parameter" && node.$ref === undefined) {
      // the emitters (and openapi-typescript) write them as text: a mapping there was an internal error
      for (const field of ["name", "in"] as const) {
        if (typeof node[field] !== "string") bag.add(error("check/parameter-field", `the parameter's \`${field}\` is not a string`, sources.locate(`${pointer}/${field}`), `give the parameter its ${field === "name" ? "name" : "location (query, path, header, cookie)"} as text`));
      }
      // the emitters know no such location and left the parameter out unseen: a 2.0 one the upgrade could not merge
      if (node.in === "body" || node.in === "formData") {
        bag.add(error("check/parameter-in", `parameter '${String(node.name)}' is \`in: ${node.in}\`, a Swagger 2.0 location OpenAPI 3 has no parameters in`, sources.locate(`${pointer}/in`), "in a Swagger 2.0 spec, write body and formData parameters in the spec itself (its `parameters` or the operation's), where they become the request body; in OpenAPI 3, describe the body as the operation's `requestBody`"));
      }
    }
    // callbacks' path items are generated as webhooks are (each written once: a shared one under components)
    if (kind === "Callback" && node.$ref === undefined) {
      const name = pointer.slice(pointer.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");
      for (const [expression, item] of Object.entries(node)) {
        if (isObject(item) && !expression.startsWith("x-")) checkPathItem(document, item, `callback '${name}' (${expression})`, `${pointer}/${escapeSegment(expression)}`, sources, bag);
      }
    }
    if (kind !== "Schema") return;
    schemaPointers.set(node, pointer);
    // parents come first: a schema inside (or being) a resource with an $id resolves its refs against that $id
    if (resources.some((r) => pointer === r || pointer.startsWith(`${r}/`))) scoped.add(node);
    else if (typeof node.$id === "string") {
      resources.push(pointer);
      scoped.add(node);
    }
    keywords.visit(node, pointer);
    patterns.push(...patternProblems(node, pointer, sources));
  });
  for (const d of keywords.problems()) bag.add(d);
  for (const d of patterns) bag.add(d);
  // the shape checks above report some of the same places in their own words
  const placed = new Set(bag.items.map((d) => `${d.location?.file}#${d.location?.pointer}`));
  for (const d of typed) if (!placed.has(`${d.location?.file}#${d.location?.pointer}`)) bag.add(d);
  for (const d of nonFiniteNumbers(document, sources)) if (!placed.has(`${d.location?.file}#${d.location?.pointer}`)) bag.add(d);
  for (const cycle of inPlaceCycles(document, schemaPointers.keys(), scoped)) {
    const at = schemaPointers.get(cycle.schema) ?? "";
    const closing = `${schemaPointers.get(cycle.closing) ?? at}/${cycle.via[cycle.via.length - 1]}`;
    bag.add(error("check/schema-cycle", `schema ${at} refers to itself (${cycle.via.join(" -> ")}) without a property or an item in between: checking any value against it never ends`, sources.locate(closing), "let the recursion go through `properties` or `items`, which step into the value, or remove the reference that closes the loop"));
  }
  return bag.items;
}

/** The checks of one path item (`label`: the path, `webhook 'name'` or `callback 'name' (expression)`) and of its operations. */
function checkPathItem(document: JsonObject, item: JsonObject, label: string, pointer: string, sources: SourceMap, bag: DiagnosticBag): void {
  for (const method of FIXED_METHODS) {
    if (item[method] !== undefined && !isObject(item[method])) {
      bag.add(error("check/operation-not-object", `${method.toUpperCase()} ${label} is not an operation object`, sources.locate(`${pointer}/${method}`), "describe the operation as a mapping"));
    }
  }
  for (const d of additionalMethodProblems(item, label, pointer, sources)) bag.add(d);
  parameterListProblems(item.parameters, `${pointer}/parameters`, label, sources, bag);
  for (const { httpMethod, segments, operation: op } of operationsOfItem(item)) {
    const opPointer = `${pointer}${segments.map((s) => `/${escapeSegment(s)}`).join("")}`;
    parameterListProblems(op.parameters, `${opPointer}/parameters`, `${httpMethod} ${label}`, sources, bag);
    // openapi-typescript calls string methods on them (an internal error otherwise)
    for (const field of ["operationId", "summary", "description"]) {
      if (op[field] !== undefined && typeof op[field] !== "string") bag.add(error("check/operation-field", `the \`${field}\` of ${httpMethod} ${label} is not a string`, sources.locate(`${opPointer}/${field}`), `write the ${field} as text`));
    }
    securityProblems(op.security, `${opPointer}/security`, `${httpMethod} ${label}`, sources, bag);
    const responses = op.responses;
    responseShapeProblems(responses, `${opPointer}/responses`, `${httpMethod} ${label}`, sources, bag);
    for (const status of isObject(responses) ? Object.keys(responses) : []) {
      if (status.startsWith("x-") || STATUS.test(status)) continue;
      bag.add(error("check/response-status", `response key '${status}' of ${httpMethod} ${label} is not a status code, a range like 4XX, or 'default'`, sources.locate(`${opPointer}/responses/${escapeSegment(status)}`), "use a three-digit status code, 1XX-5XX or default"));
    }
    for (const d of querystringProblems(document, item, op, `${httpMethod} ${label}`, pointer, opPointer, sources)) bag.add(d);
  }
}
