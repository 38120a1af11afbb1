/**
 * A discriminator on a base schema that other components extend through `allOf` (OpenAPI 3.0.3 §4.7.25,
 * 3.1 §4.8.25: "the discriminator MAY be added to a parent schema definition, and all schemas comprising
 * the parent schema in an allOf construct may be used as an alternate schema"): `Pet` holds it, `Cat`,
 * `Dog` and `Dog`'s own `Puppy` extend it. Each such schema is selected by its values: the mapping's keys
 * naming it (as the types map them, declared-tags), else its component name (the implicit mapping).
 * A base that also has its own `oneOf`/`anyOf` is the composition form (discriminator-tags.ts), not this one.
 */
import { componentsIndex, declaredValues, typedMapping, type ComponentsIndex } from "./discriminator-tags.js";
import { extendersOf, extendsIndex } from "./extends-index.js";
import { isObject, type JsonObject } from "./kinds.js";
import { componentSchemaKey } from "./pointer.js";
import { own } from "./own.js";
import { forEachNode } from "./walk.js";

export interface Inheritance {
  /** The component key of the schema holding the discriminator. */
  base: string;
  propertyName: string;
  /** Each component extending the base (through allOf `$ref`s of components, at any depth): its values and those it extends in the hierarchy. */
  members: Map<string, { values: string[]; parents: string[] }>;
  /** Components the mapping names that do not extend the base, with the values naming them. */
  others: Map<string, string[]>;
}

/**
 * The hierarchies of `document`'s components, in the order the bases are written. A component that two
 * hierarchies would share (or a base extending another) leaves the later one out: its discriminator is
 * then only a hint, as before.
 */
export function inheritances(document: JsonObject): Inheritance[] {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const extendsOf = new Map<string, string[]>();
  for (const key of Object.keys(schemas)) {
    const s = schemas[key];
    const refs = isObject(s) && Array.isArray(s.allOf) ? s.allOf.flatMap((m) => (isObject(m) && typeof m.$ref === "string" ? [componentSchemaKey(m.$ref)] : [])) : [];
    extendsOf.set(key, refs.filter((k): k is string => k !== undefined && Object.hasOwn(schemas, k) && k !== key));
  }
  const claimed = new Set<string>();
  const out: Inheritance[] = [];
  // one walk of the document for every base (Microsoft Graph's hundreds of bases each walked its 20 MB),
  // and the components indexed once for them all
  let composedBy: Map<string, Map<string, string[]>> | undefined;
  const extending = extendsIndex(extendsOf);
  const components = componentsIndex(document);
  for (const base of Object.keys(schemas)) {
    const holder = schemas[base];
    if (!isObject(holder) || !isObject(holder.discriminator) || typeof holder.discriminator.propertyName !== "string") continue;
    if (Array.isArray(holder.oneOf) || Array.isArray(holder.anyOf) || claimed.has(base)) continue;
    const inHierarchy = new Set([base, ...extendersOf(extending, base)]);
    if (inHierarchy.size === 1 || [...inHierarchy].some((k) => claimed.has(k))) continue;
    const { mapping } = typedMapping(document, holder, components);
    const namedBy = new Map<string, string[]>();
    for (const [value, target] of Object.entries(mapping)) {
      const key = typeof target === "string" ? componentSchemaKey(target) : undefined;
      if (key !== undefined && Object.hasOwn(schemas, key)) namedBy.set(key, [...(namedBy.get(key) ?? []), value]);
    }
    composedBy ??= compositionTags(document, components);
    const composed = composedBy.get(holder.discriminator.propertyName) ?? new Map<string, string[]>();
    const members = new Map<string, { values: string[]; parents: string[] }>();
    for (const key of inHierarchy) {
      if (key === base) continue;
      // every value that names it: a union's (the first union's first: what openapi-typescript types it by and
      // what a sample carries), the base's mapping's, else its name. One union's only (review) refused a valid
      // instance of another union over the same children with other tags (`Zoo` mapping `feline: Cat`).
      const named = [...(composed.get(key) ?? []), ...(namedBy.get(key) ?? [])];
      members.set(key, { values: [...new Set(named.length ? named : [key])], parents: extendsOf.get(key)!.filter((p) => inHierarchy.has(p)) });
    }
    const others = new Map([...namedBy].filter(([key]) => !inHierarchy.has(key)));
    for (const key of inHierarchy) claimed.add(key);
    out.push({ base, propertyName: holder.discriminator.propertyName, members, others });
  }
  return out;
}

/**
 * The tag values the `oneOf`s with a discriminator give the components they select, by the discriminator's
 * `propertyName`, in the order the unions are written: openapi-typescript types a component's tag by the
 * first (`Either: oneOf [Cat, Dog]` mapping `cat: Cat` makes Cat's tag "cat"), so `isCat` must take it;
 * another union over the same components with its own values (`feline: Cat`) must find its instances valid too.
 */
function compositionTags(document: JsonObject, components: ComponentsIndex = componentsIndex(document)): Map<string, Map<string, string[]>> {
  const byProperty = new Map<string, Map<string, string[]>>();
  forEachNode(document, (node, kind) => {
    if (kind !== "Schema" || !Array.isArray(node.oneOf) || !isObject(node.discriminator) || typeof node.discriminator.propertyName !== "string") return;
    const propertyName = node.discriminator.propertyName;
    if (!byProperty.has(propertyName)) byProperty.set(propertyName, new Map());
    const out = byProperty.get(propertyName)!;
    const { mapping } = typedMapping(document, node, components);
    const refs = new Map<string, string[]>();
    for (const branch of node.oneOf) if (isObject(branch) && typeof branch.$ref === "string") refs.set(branch.$ref, []);
    for (const [value, target] of Object.entries(mapping)) if (typeof target === "string") refs.set(target, [...(refs.get(target) ?? []), value]);
    for (const [ref, defined] of refs) {
      const key = componentSchemaKey(ref);
      if (key !== undefined) out.set(key, [...(out.get(key) ?? []), ...(defined.length ? defined : [key])]);
    }
  });
  return byProperty;
}

/** The members of `inheritance` below `key` (extending it at any depth), in the order they are written. */
export function below(inheritance: Inheritance, key: string): string[] {
  const found = new Set(extendersOf(extendsIndex([...inheritance.members].map(([member, { parents }]) => [member, parents] as const)), key));
  return [...inheritance.members.keys()].filter((k) => found.has(k));
}

/** The tag values selecting `key` or a member below it: those its type and its own validator (`isDog` a Puppy) take. */
export function tagsAtOrBelow(inheritance: Inheritance, key: string): string[] {
  return [...new Set([key, ...below(inheritance, key)].flatMap((k) => inheritance.members.get(k)?.values ?? []))];
}

const tagsOf = new WeakMap<JsonObject, Map<unknown, { propertyName: string; values: string[] }>>();

/**
 * The tag a component extending an inherited discriminator's base carries (its property, and the values
 * naming it): what a sample or random value of it must say to be one (`isDog` refuses a "string").
 * `schema` is the component's own schema object in `document`.
 */
export function inheritedTagOf(document: JsonObject, schema: unknown): { propertyName: string; values: string[] } | undefined {
  let tags = tagsOf.get(document);
  if (!tags) {
    tags = new Map();
    const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
    for (const h of inheritances(document)) for (const [key, { values }] of h.members) tags.set(schemas[key], { propertyName: h.propertyName, values });
    tagsOf.set(document, tags);
  }
  return isObject(schema) ? tags.get(schema) : undefined;
}

const branchTagsOf = new WeakMap<JsonObject, Map<string, { propertyName: string; values: string[] }>>();

/**
 * The tag a component carries in its type when a discriminated `oneOf` selects it and it leaves the tag free
 * (`petType: { type: string }`): openapi-typescript writes the values naming it into the component's own type
 * (`Cat: { petType: "cat" }`, the first union's: compositionTags), where the component is an object or an
 * `allOf`. What a sample of it must say to be a value of its type; by component key.
 */
export function oneOfBranchTagOf(document: JsonObject, key: string): { propertyName: string; values: string[] } | undefined {
  let tags = branchTagsOf.get(document);
  if (!tags) {
    tags = new Map();
    const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
    for (const [propertyName, byKey] of compositionTags(document)) {
      for (const [k, values] of byKey) {
        const target = own(schemas, k);
        if (tags.has(k) || !isObject(target) || !(Array.isArray(target.allOf) || target.type === "object") || declaredValues(document, target, propertyName)) continue;
        tags.set(k, { propertyName, values });
      }
    }
    branchTagsOf.set(document, tags);
  }
  return tags.get(key);
}
