/** The tag values of a discriminator (OpenAPI 3.1 §4.8.25): those naming each `$ref` branch, and those each selected schema declares. */
import { isObject, type JsonObject } from "./kinds.js";
import { own, setOwn } from "./own.js";
import { componentSchemaKey, derefLocal, escapeSegment, pointerFromFragment, segmentsOf } from "./pointer.js";
import { extendersOf, extendsIndex, type ExtendsIndex } from "./extends-index.js";

/** For each branch: the mapping's keys that point at it, and its component's own name (unless mapped elsewhere). */
export function discriminatorTags(branches: readonly unknown[], discriminator: JsonObject): string[][] {
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  return branches.map((branch) => {
    if (!isObject(branch) || typeof branch.$ref !== "string") return [];
    const ref = branch.$ref;
    const component = componentSchemaKey(ref);
    const mapped = Object.keys(mapping).filter((k) => mapping[k] === ref || (component !== undefined && mapping[k] === component));
    const implicit = component !== undefined && !(Object.hasOwn(mapping, component) && !mapped.includes(component)) ? [component] : [];
    return [...new Set([...mapped, ...implicit])];
  });
}

/** A mapping value as a `$ref`: a bare schema name (`circle: Circle`, OpenAPI 3.1 §4.8.25.3) is that component's. */
export function mappingTarget(v: unknown): unknown {
  return typeof v === "string" && !v.includes("/") && !v.includes("#") ? `#/components/schemas/${escapeSegment(v)}` : v;
}

/**
 * The mapping a discriminator's tags are typed by (emit/types/declared-tags.ts), its values as `$ref`s:
 * where a selected schema declares its tag's values, they are mapped to it (those the discriminator names,
 * else all it declares), unless another schema keeps or wants one of them. `hidden`: the refs of `oneOf`
 * branches naming none of their declared values, which openapi-typescript must not retype. `index`: the
 * document's components, indexed once by a caller asking for many holders.
 */
export function typedMapping(document: JsonObject, holder: JsonObject, index?: ComponentsIndex): { mapping: JsonObject; hidden: string[] } {
  const discriminator = isObject(holder.discriminator) ? holder.discriminator : {};
  const mapping: JsonObject = {};
  if (isObject(discriminator.mapping)) for (const [k, v] of Object.entries(discriminator.mapping)) setOwn(mapping, k, mappingTarget(v));
  const branches = Array.isArray(holder.oneOf) ? holder.oneOf : [];
  const keys = new Map<string, string[]>();
  const hidden: string[] = [];
  for (const { ref, given, declared } of declaredTags(document, holder, index)) {
    const both = given.filter((v) => declared.includes(v));
    if (both.length === given.length) continue;
    if (both.length === 0 && branches.some((b) => isObject(b) && b.$ref === ref)) {
      hidden.push(ref);
      keys.set(ref, []);
    } else {
      keys.set(ref, both.length ? both : declared);
    }
  }
  if (!keys.size) return { mapping, hidden };
  // a value another schema keeps, or two schemas want, cannot be mapped to either: those stay as they were
  const out: JsonObject = {};
  for (const [k, target] of Object.entries(mapping)) if (!keys.has(target as string)) setOwn(out, k, target);
  const wanted = [...keys.values()].flat();
  for (const [ref, values] of keys) {
    const free = values.every((v) => !Object.hasOwn(out, v) && wanted.indexOf(v) === wanted.lastIndexOf(v));
    for (const v of free ? values : Object.keys(mapping).filter((k) => mapping[k] === ref)) setOwn(out, v, ref);
  }
  return { mapping: out, hidden };
}

/** A schema a discriminator selects that declares its tag's values. */
export interface SelectedTags {
  /** Its `$ref` (`#/components/schemas/TextComment`). */
  ref: string;
  /** The values the discriminator selects it by: its mapping's keys, else its name (OpenAPI's implicit mapping). */
  given: string[];
  /** Whether `given` are mapping keys. */
  mapped: boolean;
  /** The values its tag property allows (a string `const`, or an `enum` of strings). */
  declared: string[];
}

/**
 * The schemas `holder`'s discriminator selects (as openapi-typescript reads it: its `oneOf` branches that are
 * `$ref`s and, for a component, the components inheriting it through `allOf`) that declare their tag's values.
 */
export function declaredTags(document: JsonObject, holder: JsonObject, index?: ComponentsIndex): SelectedTags[] {
  const discriminator = holder.discriminator;
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return [];
  const tag = discriminator.propertyName;
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const target = mappingTarget;
  const out: SelectedTags[] = [];
  // built only for a holder with a discriminator: lint asks this of every schema (a default parameter built it
  // for each of GitHub's tens of thousands: lint took 15 s instead of 4)
  for (const ref of selected(holder, index ?? componentsIndex(document))) {
    const declared = declaredValues(document, derefLocal(document, { $ref: ref }).node, tag);
    if (!declared) continue;
    const named = Object.keys(mapping).filter((k) => target(mapping[k]) === ref);
    const given = named.length ? named : [segmentsOf(pointerFromFragment(ref.slice(1)) ?? "").pop() ?? ""];
    out.push({ ref, given, mapped: named.length > 0, declared });
  }
  return out;
}

/** The components of a document as `selected` reads them, indexed once for many holders (see extends-index.ts). */
export interface ComponentsIndex {
  /** Each component schema object's name (the first, where one object has two). */
  keyOf: Map<unknown, string>;
  /** The components by `$ref`, extending the `$ref`s their `allOf` names. */
  extending: ExtendsIndex;
}

export function componentsIndex(document: JsonObject): ComponentsIndex {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const keyOf = new Map<unknown, string>();
  const entries: Array<[string, string[]]> = [];
  for (const k of Object.keys(schemas)) {
    const s = schemas[k];
    if (!keyOf.has(s)) keyOf.set(s, k);
    const parents = isObject(s) && Array.isArray(s.allOf) ? s.allOf.flatMap((m) => (isObject(m) && typeof m.$ref === "string" ? [m.$ref] : [])) : [];
    entries.push([`#/components/schemas/${escapeSegment(k)}`, parents]);
  }
  return { keyOf, extending: extendsIndex(entries) };
}

/**
 * The schemas openapi-typescript gives the holder's tag values to: its `oneOf` branches that are `$ref`s,
 * and, for a component, the components inheriting it through `allOf` `$ref`s, theirs in turn.
 */
function selected(holder: JsonObject, index: ComponentsIndex): string[] {
  const refs = Array.isArray(holder.oneOf) ? holder.oneOf.flatMap((b) => (isObject(b) && typeof b.$ref === "string" ? [b.$ref] : [])) : [];
  const key = index.keyOf.get(holder);
  if (key === undefined) return refs;
  return [...refs, ...extendersOf(index.extending, `#/components/schemas/${escapeSegment(key)}`)];
}

/** The tag's values `schema` declares: a string `const`, or an `enum` of strings; undefined when it declares none. */
export function declaredValues(document: JsonObject, schema: JsonObject | undefined, tag: string): string[] | undefined {
  if (!schema) return undefined;
  const inline = Array.isArray(schema.allOf) ? schema.allOf.filter((m): m is JsonObject => isObject(m) && typeof m.$ref !== "string") : [];
  for (const place of [schema, ...inline]) {
    const property = derefLocal(document, isObject(place.properties) ? own(place.properties, tag) : undefined).node;
    if (!property) continue;
    if (typeof property.const === "string") return [property.const];
    if (Array.isArray(property.enum) && property.enum.length && property.enum.every((v) => typeof v === "string")) return property.enum as string[];
  }
  return undefined;
}
