/**
 * A schema extending a discriminator's base that others extend in turn (`Dog` between `Pet` and `Puppy`,
 * openapi/inherited-discriminators.ts) takes their values too: a Puppy is a Dog, and `isDog` accepts one
 * (emit/validators/inherited-dispatch.ts). openapi-typescript typed Dog's tag `"Dog"` alone, so a Puppy was
 * no Dog, and a guard accepting one would narrow it wrongly.
 *
 * In openapi-typescript's copy such a schema gets its own discriminator (it then leaves the tag to the
 * schema, and its children read the values from it) and an `allOf` member naming its values, `"Dog" |
 * "Puppy"`; the base's mapping keeps no key naming it (openapi-typescript would narrow it to those).
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { componentSchemaKey } from "../../openapi/pointer.js";
import { below, inheritances, tagsAtOrBelow, type Inheritance } from "../../openapi/inherited-discriminators.js";

/** Rewrites, in place, the components of `document` (openapi-typescript's copy) that others extend under an inherited discriminator. */
export function widenInheritedTags(document: JsonObject): void {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  for (const h of inheritances(document)) {
    const between = [...h.members.keys()].filter((key) => below(h, key).length > 0);
    if (between.length === 0) continue;
    const discriminator = (schemas[h.base] as JsonObject).discriminator as JsonObject;
    if (isObject(discriminator.mapping)) {
      const kept: JsonObject = {};
      for (const [value, target] of Object.entries(discriminator.mapping)) {
        const key = typeof target === "string" ? componentSchemaKey(target) : undefined;
        if (key === undefined || !between.includes(key)) setOwn(kept, value, target);
      }
      discriminator.mapping = kept;
    }
    for (const key of between) {
      const schema = schemas[key] as JsonObject;
      const values = tagsAtOrBelow(h, key);
      const mapping = isObject(discriminator.mapping) ? subtreeMapping(discriminator.mapping, h, key, Array.isArray(schema.oneOf)) : undefined;
      schema.discriminator = { ...discriminator, ...(mapping ? { mapping } : {}) };
      (schema.allOf as unknown[]).push({ type: "object", required: [h.propertyName], properties: { [h.propertyName]: { type: "string", enum: values } } });
    }
  }
}

/**
 * The base's mapping as a schema between holds it: without the entries naming members outside its subtree.
 * openapi-typescript reads a schema's mapping only for the schemas extending it (and, beside a `oneOf`, for
 * the branches it names: kept whole there). On Microsoft Graph beta a whole copy put the base's 1,544
 * entries in each of hundreds of schemas between, ~150 kB each, copied again by the read/write split.
 */
function subtreeMapping(mapping: JsonObject, h: Inheritance, key: string, whole: boolean): JsonObject {
  if (whole) return { ...mapping };
  const under = new Set(below(h, key));
  const out: JsonObject = {};
  for (const [value, target] of Object.entries(mapping)) {
    const k = typeof target === "string" ? componentSchemaKey(target) : undefined;
    if (k === undefined || !h.members.has(k) || under.has(k)) setOwn(out, value, target);
  }
  return out;
}

/**
 * A request twin of a hierarchy's member (read-write-split.ts: `DogWritable`, without Dog's readOnly `id`) is
 * selected by its original's values: openapi-typescript's implicit mapping read the twin's own name, so a
 * request body had to carry `petType: "DogWritable"` (and, where Dog declares its tag, `never`). As for a
 * schema between (above), the twin gets its own discriminator and an `allOf` member naming the values.
 * `hierarchies`: those of the document before the split; a twin holding a discriminator already is left alone.
 */
export function pinTwinTags(document: JsonObject, twins: ReadonlyMap<string, string>, hierarchies: readonly Inheritance[]): void {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  // a twin a mapping names (the split points a split base's mapping at twins) is typed by that entry already
  const mapped = new Set<string>();
  for (const s of Object.values(schemas)) {
    const mapping = isObject(s) && isObject(s.discriminator) && isObject(s.discriminator.mapping) ? s.discriminator.mapping : {};
    for (const target of Object.values(mapping)) if (typeof target === "string") mapped.add(componentSchemaKey(target) ?? "");
  }
  for (const h of hierarchies) {
    for (const [key, { values }] of h.members) {
      const twin = twins.get(key);
      const schema = twin === undefined ? undefined : schemas[twin];
      if (!isObject(schema) || schema.discriminator !== undefined || mapped.has(twin!)) continue;
      schema.discriminator = { propertyName: h.propertyName };
      const tag = { type: "object", required: [h.propertyName], properties: { [h.propertyName]: { type: "string", enum: values } } };
      schema.allOf = [...(Array.isArray(schema.allOf) ? schema.allOf : []), tag];
    }
  }
}
