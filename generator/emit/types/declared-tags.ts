/**
 * openapi-typescript types a discriminator's tag in each schema it selects (a `oneOf` branch, or a schema
 * inheriting the discriminator through `allOf`) as the mapping's key, else the schema's name (OpenAPI's
 * implicit mapping), replacing what the schema itself declares: TextComment's `commentType: {enum: [text]}`
 * was typed `"TextComment"`, a value its own validator refuses, and a child declaring `kind: {const: dog}`
 * beside an inherited `kind: "Dog"` was `never` (openapi-typescript#2149, #2318).
 *
 * Where the selected schema declares its tag's values (a `const` or an `enum` of strings, on itself or an
 * inline `allOf` member, through `$ref`s), the tag is typed as those the discriminator names (mapping entries
 * narrowed in openapi-typescript's copy), or as declared when it names none of them: a `oneOf` branch is
 * then hidden from openapi-typescript's patching, an inheriting schema is mapped from its declared values
 * (unless another schema needs one of them: that inheriting schema keeps openapi-typescript's typing).
 */
import { declaredTags } from "../../openapi/discriminator-tags.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";

/** Rewrites, in place, each discriminator of `holders` (schema objects of `document`) and its `oneOf`. */
export function mapDeclaredTags(document: JsonObject, holders: readonly JsonObject[]): void {
  for (const holder of holders) {
    const discriminator = holder.discriminator as JsonObject;
    const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
    const branches = Array.isArray(holder.oneOf) ? holder.oneOf : [];
    const keys = new Map<string, string[]>();
    for (const { ref, given, declared } of declaredTags(document, holder)) {
      const both = given.filter((v) => declared.includes(v));
      if (both.length === given.length) continue;
      const branch = branches.findIndex((b) => isObject(b) && b.$ref === ref);
      if (both.length === 0 && branch >= 0) {
        // a branch written `allOf: [$ref]` is one openapi-typescript leaves alone: its declared type stays
        branches[branch] = { allOf: [branches[branch]] };
        keys.set(ref, []);
      } else {
        keys.set(ref, both.length ? both : declared);
      }
    }
    if (!keys.size) continue;
    // a value another schema keeps, or two schemas want, cannot be mapped to either: those stay as they were
    const out: JsonObject = {};
    for (const [k, target] of Object.entries(mapping)) if (!keys.has(target as string)) setOwn(out, k, target);
    const wanted = [...keys.values()].flat();
    for (const [ref, values] of keys) {
      const free = values.every((v) => !Object.hasOwn(out, v) && wanted.indexOf(v) === wanted.lastIndexOf(v));
      for (const v of free ? values : Object.keys(mapping).filter((k) => mapping[k] === ref)) setOwn(out, v, ref);
    }
    discriminator.mapping = out;
  }
}
