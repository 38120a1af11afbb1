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
import { below, inheritances } from "../../openapi/inherited-discriminators.js";

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
      const values = [...new Set([key, ...below(h, key)].flatMap((k) => h.members.get(k)!.values))];
      schema.discriminator = { ...discriminator, ...(isObject(discriminator.mapping) ? { mapping: { ...discriminator.mapping } } : {}) };
      (schema.allOf as unknown[]).push({ type: "object", required: [h.propertyName], properties: { [h.propertyName]: { type: "string", enum: values } } });
    }
  }
}
