/**
 * Custom-rule functions that read more than the value: `unreferencedReusableObject` (Spectral core: the
 * definitions under a place that no `$ref` points at) and `typedEnum` (Spectral's OpenAPI ruleset: enum
 * values of another type than the schema's).
 */
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment } from "../../openapi/pointer.js";
import { forEachRef } from "../../openapi/walk.js";
import { noOptions, onlyKeys, printValue, type Compile } from "./function-kit.js";

/** Every pointer a local `$ref` of the document names, and every pointer above one (a ref into a definition uses it). */
function referencedPointers(document: unknown): Set<string> {
  const out = new Set<string>();
  forEachRef([document], (ref) => {
    const pointer = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    for (let p = pointer; p; p = p.slice(0, p.lastIndexOf("/"))) out.add(p);
  });
  return out;
}

const referenced = new WeakMap<object, Set<string>>();

function referencedIn(document: unknown): Set<string> {
  if (!isObject(document)) return new Set();
  let set = referenced.get(document);
  if (!set) referenced.set(document, (set = referencedPointers(document)));
  return set;
}

export const unreferencedReusableObject: Compile = (options, problem) => {
  onlyKeys(options, ["reusableObjectsLocation"], problem, '{ reusableObjectsLocation: "#/components/schemas" }');
  const location = options.reusableObjectsLocation;
  const pointer = typeof location === "string" && location.startsWith("#") ? pointerFromFragment(location.slice(1)) : undefined;
  if (pointer === undefined) problem("reusableObjectsLocation", "unreferencedReusableObject needs `reusableObjectsLocation`, a JSON pointer fragment", 'e.g. reusableObjectsLocation: "#/components/schemas" (the place `given` selects)');
  return ({ value, document }) => {
    if (pointer === undefined || !isObject(value)) return [];
    const used = referencedIn(document);
    return Object.keys(value)
      .filter((name) => !used.has(`${pointer}/${escapeSegment(name)}`))
      .map((name) => ({ message: `${printValue(name)} is not referenced: no $ref points at ${location as string}/${escapeSegment(name)}`, path: [name] }));
  };
};

/** Whether a value is of a JSON Schema type name; undefined for a name that is none (other rules report it). */
function ofType(value: unknown, type: string): boolean | undefined {
  switch (type) {
    case "string":
    case "boolean":
      return typeof value === type;
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    default:
      return undefined;
  }
}

export const typedEnum: Compile = noOptions(({ value, version }) => {
  if (!isObject(value) || !Array.isArray(value.enum)) return [];
  const declared = typeof value.type === "string" ? [value.type] : Array.isArray(value.type) ? value.type.filter((t): t is string => typeof t === "string") : [];
  if (declared.length === 0) return [];
  // 3.0's `nullable: true` admits null beside the type (in 3.1 it is no keyword).
  const types = version.startsWith("3.0") && value.nullable === true ? [...declared, "null"] : declared;
  if (types.some((t) => ofType(null, t) === undefined)) return [];
  return value.enum.flatMap((v, i) =>
    types.some((t) => ofType(v, t)) ? [] : [{ message: `enum value ${printValue(v)} is not of the schema's type ${declared.join(" or ")}`, path: ["enum", i] }],
  );
});
