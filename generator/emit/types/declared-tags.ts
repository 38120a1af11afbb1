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
import { componentsIndex, typedMapping } from "../../openapi/discriminator-tags.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";

/** Rewrites, in place, each discriminator of `holders` (schema objects of `document`) and its `oneOf`. */
export function mapDeclaredTags(document: JsonObject, holders: readonly JsonObject[]): void {
  // the rewriting below changes mappings and oneOf branches, never what the index holds (components' allOf)
  const index = componentsIndex(document);
  for (const holder of holders) {
    const { mapping, hidden } = typedMapping(document, holder, index);
    const discriminator = holder.discriminator as JsonObject;
    const branches = Array.isArray(holder.oneOf) ? holder.oneOf : [];
    // a branch written `allOf: [$ref]` is one openapi-typescript leaves alone: its declared type stays
    for (const ref of hidden) {
      const i = branches.findIndex((b) => isObject(b) && b.$ref === ref);
      if (i >= 0) branches[i] = { allOf: [branches[i]] };
    }
    if (hidden.length || !sameMapping(discriminator.mapping, mapping)) discriminator.mapping = mapping;
  }
}

function sameMapping(before: unknown, after: JsonObject): boolean {
  const keys = Object.keys(after);
  return isObject(before) ? JSON.stringify(before) === JSON.stringify(after) : keys.length === 0;
}
