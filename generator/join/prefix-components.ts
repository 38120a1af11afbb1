/**
 * `--prefix-components-with-info-prop`: every component of one input renamed `<prefix>_<Name>`, and every
 * reference to it with it: `$ref`s (into a component too: `#/components/schemas/Pet/properties/id`), a
 * discriminator's mapping (refs and bare names), a link's `operationRef` into `components/pathItems`, and
 * the scheme names of security requirements. Only the document's structure is walked (kinds.ts): a `$ref`
 * inside an example is data and stays (Redocly rewrites its JSON text with a regex, examples and
 * descriptions alike, and prefixed some refs twice: redocly-cli #374).
 * A discriminator that selects by component name (no mapping entry) would select nothing once its
 * components are renamed: the names it selected by are written into its mapping first.
 */
import { discriminatorTags } from "../openapi/discriminator-tags.js";
import { inheritances } from "../openapi/inherited-discriminators.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { own, setOwn } from "../openapi/own.js";
import { componentSchemaKey, escapeSegment, fragmentOf, pointerFrom, pointerFromFragment, segmentsOf } from "../openapi/pointer.js";
import { forEachNode } from "../openapi/walk.js";
import { webhooksKey, type JoinInput } from "./input.js";

/** Renames every component of `input` to `<prefix>_<name>`; `input.renamed` learns where each was written. */
export function prefixComponents(input: JoinInput, prefix: string): void {
  const { document } = input;
  const components = isObject(document.components) ? document.components : undefined;
  if (!components) return;
  const newName = (section: string, name: string): string | undefined => {
    const map = own(components, section);
    return !section.startsWith("x-") && isObject(map) && Object.hasOwn(map, name) ? `${prefix}_${name}` : undefined;
  };
  keepImplicitMappings(document);
  const ref = (value: string): string => {
    if (!value.startsWith("#/components/")) return value;
    const pointer = pointerFromFragment(value.slice(1));
    const segments = pointer === undefined ? [] : segmentsOf(pointer);
    const renamed = segments.length >= 3 ? newName(segments[1]!, segments[2]!) : undefined;
    if (renamed === undefined) return value;
    segments[2] = renamed;
    return fragmentOf(pointerFrom(segments));
  };
  const schemes = (requirements: unknown): void => {
    if (!Array.isArray(requirements)) return;
    requirements.forEach((r, i) => {
      if (isObject(r)) requirements[i] = renamedKeys(r, (name) => newName("securitySchemes", name) ?? name);
    });
  };
  const visit = (node: JsonObject, kind: string): void => {
    if (typeof node.$ref === "string") node.$ref = ref(node.$ref);
    if (kind === "Operation") schemes(node.security);
    if (kind === "Link" && typeof node.operationRef === "string") node.operationRef = ref(node.operationRef);
    const mapping = kind === "Schema" && isObject(node.discriminator) ? node.discriminator.mapping : undefined;
    if (isObject(mapping)) {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target !== "string") continue;
        // a bare name (`cat: Cat`) names a schema component (OpenAPI 3.1 §4.8.25.3)
        setOwn(mapping, value, target.includes("/") || target.includes("#") ? ref(target) : (newName("schemas", target) ?? target));
      }
    }
  };
  forEachNode(document, visit);
  // a 3.0 document's webhooks, which the tree of kinds does not list
  const hooks = webhooksKey(document) === "x-webhooks" ? document["x-webhooks"] : undefined;
  for (const item of isObject(hooks) ? Object.values(hooks) : []) if (isObject(item)) forEachNode(item, visit, "PathItem");
  schemes(document.security);
  for (const section of Object.keys(components)) {
    const map = components[section];
    if (section.startsWith("x-") || !isObject(map)) continue;
    for (const name of Object.keys(map)) input.renamed.set(`/components/${escapeSegment(section)}/${escapeSegment(`${prefix}_${name}`)}`, `/components/${escapeSegment(section)}/${escapeSegment(name)}`);
    setOwn(components, section, renamedKeys(map, (name) => `${prefix}_${name}`));
  }
}

/**
 * Writes into each discriminator's mapping the component names it selects by (its `oneOf`/`anyOf` branches',
 * and, on a base schema, the names of the components that extend it through `allOf`), as refs.
 */
function keepImplicitMappings(document: JsonObject): void {
  const mappingOf = (discriminator: JsonObject): JsonObject => (isObject(discriminator.mapping) ? discriminator.mapping : (discriminator.mapping = {}));
  forEachNode(document, (node, kind) => {
    if (kind !== "Schema" || !isObject(node.discriminator)) return;
    const branches = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
    if (!branches) return;
    const discriminator = node.discriminator;
    discriminatorTags(branches, discriminator).forEach((tags, i) => {
      const branch = branches[i];
      const key = isObject(branch) && typeof branch.$ref === "string" ? componentSchemaKey(branch.$ref) : undefined;
      if (key !== undefined && tags.includes(key) && !Object.hasOwn(mappingOf(discriminator), key)) setOwn(mappingOf(discriminator), key, branch!.$ref);
    });
  });
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  for (const { base, members } of inheritances(document)) {
    const holder = schemas[base];
    if (!isObject(holder) || !isObject(holder.discriminator)) continue;
    const discriminator = holder.discriminator;
    for (const [key, { values }] of members) {
      if (values.includes(key) && !Object.hasOwn(mappingOf(discriminator), key)) setOwn(mappingOf(discriminator), key, fragmentOf(pointerFrom(["components", "schemas", key])));
    }
  }
}

/** `map` with each key renamed, in its order. */
function renamedKeys(map: JsonObject, rename: (key: string) => string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(map)) setOwn(out, rename(key), value);
  return out;
}
