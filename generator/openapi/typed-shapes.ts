/**
 * Every place the OpenAPI object tree (kinds.ts) types holds a mapping: `components` and its sections, each
 * path item, response, media type, request body, example, link and callback, a parameter's or media type's
 * `schema`. openapi-typescript and the emitters read them as objects without asking: a string, number or
 * null there was an internal error (`Cannot use 'in' operator`, `Expected SchemaObject, received string`).
 * The check stage reports what this finds (check/typed-objects.ts); normalize asks it before leaving out a
 * 3.2 field (from-32.ts), so a malformed one still reaches the check. Schemas' own keywords are the
 * meta-schema's (check/schema-keywords.ts).
 */
import { childrenOf, COMPONENT_KINDS, isObject, kindName as name, type JsonObject, type Kind } from "./kinds.js";
import { escapeSegment } from "./pointer.js";
import { own } from "./own.js";
import { forEachNode } from "./walk.js";

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

export interface ShapeProblem {
  code: "check/not-an-object" | "check/not-a-list";
  /** The pointer of the value that has the wrong shape. */
  at: string;
  message: string;
  help: string;
}

/** The problems of one typed object of the document (not a schema), each at its place. */
export function shapeProblems(node: JsonObject, kind: Kind, pointer: string): ShapeProblem[] {
  // a $ref's target is checked where it is defined; its siblings are no typed children
  if (kind === "Schema" || node.$ref !== undefined) return [];
  const out: ShapeProblem[] = [];
  const report = (at: string, what: string, value: unknown, help: string) => out.push({ code: "check/not-an-object", at, message: `${what} is ${shown(value)}, not a mapping`, help });
  for (const key of MAPS[kind] ?? []) {
    const value = node[key];
    if (value !== undefined && !isObject(value)) report(`${pointer}/${key}`, `\`${key}\``, value, `write \`${key}:\` as a mapping`);
  }
  for (const key of LISTS[kind] ?? []) {
    const value = node[key];
    if (value !== undefined && !Array.isArray(value)) out.push({ code: "check/not-a-list", at: `${pointer}/${key}`, message: `\`${key}\` is ${shown(value)}, not a list`, help: `write \`${key}:\` as a list` });
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

/** Whether `node` (an object of `kind`) and every typed object inside it have their shapes. */
export function hasShapes(node: JsonObject, kind: Kind): boolean {
  let ok = true;
  forEachNode(node, (n, k) => void (ok &&= shapeProblems(n, k, "").length === 0), kind);
  return ok;
}
