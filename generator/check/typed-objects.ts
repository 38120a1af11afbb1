/**
 * Check stage: every place the OpenAPI object tree (openapi/kinds.ts) types holds a mapping: `components`
 * and its sections, each path item, response, media type, request body, example, link and callback, a
 * parameter's or media type's `schema`. openapi-typescript and the emitters read them as objects without
 * asking: a string, number or null there was an internal error (`Cannot use 'in' operator`, `Expected
 * SchemaObject, received string`). Schemas' own keywords are the meta-schema's (schema-keywords.ts).
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import { childrenOf, COMPONENT_KINDS, isObject, kindName as name, type JsonObject, type Kind } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { own } from "../openapi/own.js";

/** Keys of each kind that hold a mapping of typed objects (the entries are checked through `childrenOf`). */
const MAPS: Partial<Record<Kind, string[]>> = {
  Root: ["webhooks", "components"],
  Operation: ["responses", "callbacks"],
  Parameter: ["content", "examples"],
  Header: ["content", "examples"],
  RequestBody: ["content"],
  Response: ["headers", "content", "links"],
  MediaType: ["examples", "encoding"],
  Encoding: ["headers", "encoding"],
};

/** Keys of each kind that hold a list of typed objects. */
const LISTS: Partial<Record<Kind, string[]>> = {
  PathItem: ["parameters"],
  Operation: ["parameters"],
  MediaType: ["prefixEncoding"],
  Encoding: ["prefixEncoding"],
};

/** Keys of each kind that hold one typed object (a schema may be a boolean). */
const ONES: Partial<Record<Kind, Array<[key: string, kind: Kind]>>> = {
  Operation: [["requestBody", "RequestBody"]],
  Parameter: [["schema", "Schema"]],
  Header: [["schema", "Schema"]],
  MediaType: [["schema", "Schema"], ["itemSchema", "Schema"], ["itemEncoding", "Encoding"]],
  Encoding: [["itemEncoding", "Encoding"]],
};

const shown = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : isObject(value) ? "a mapping" : `a ${typeof value}`);

/** The problems of one typed object of the document (not a schema), each at its place. */
export function typedObjectProblems(node: JsonObject, kind: Kind, pointer: string, sources: SourceMap): Diagnostic[] {
  // a $ref's target is checked where it is defined; its siblings are no typed children
  if (kind === "Schema" || node.$ref !== undefined) return [];
  const out: Diagnostic[] = [];
  const report = (at: string, what: string, value: unknown, help: string) =>
    out.push(error("check/not-an-object", `${what} is ${shown(value)}, not a mapping`, sources.locate(at), help));
  for (const key of MAPS[kind] ?? []) {
    const value = node[key];
    if (value !== undefined && !isObject(value)) report(`${pointer}/${key}`, `\`${key}\``, value, `write \`${key}:\` as a mapping`);
  }
  for (const key of LISTS[kind] ?? []) {
    const value = node[key];
    if (value !== undefined && !Array.isArray(value)) out.push(error("check/not-a-list", `\`${key}\` is ${shown(value)}, not a list`, sources.locate(`${pointer}/${key}`), `write \`${key}:\` as a list`));
  }
  if (kind === "Root" && isObject(node.components)) {
    for (const section of Object.keys(node.components)) {
      const value = node.components[section];
      const sectionKind = own(COMPONENT_KINDS, section);
      if (sectionKind && !isObject(value)) report(`${pointer}/components/${escapeSegment(section)}`, `\`components.${section}\``, value, `write \`${section}:\` as a mapping of names to ${name(sectionKind)}s`);
    }
  }
  for (const [key, childKind] of ONES[kind] ?? []) {
    const value = node[key];
    if (value === undefined || isObject(value) || (childKind === "Schema" && typeof value === "boolean")) continue;
    report(`${pointer}/${key}`, `\`${key}\``, value, `describe the ${name(childKind)} as a mapping, or a $ref`);
  }
  // entries of maps and lists: `childrenOf` lists them whatever their value (single ones only when objects)
  for (const child of childrenOf(node, kind)) {
    if (isObject(child.value) || (child.kind === "Schema" && typeof child.value === "boolean")) continue;
    const at = pointer + child.segments.map((s) => `/${escapeSegment(s)}`).join("");
    report(at, `the ${name(child.kind)} '${child.segments[child.segments.length - 1]}'`, child.value, `describe the ${name(child.kind)} as a mapping, or a $ref`);
  }
  return out;
}
