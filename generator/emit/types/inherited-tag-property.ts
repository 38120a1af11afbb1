/**
 * openapi-typescript types a schema inheriting a discriminator through `allOf` that no mapping entry names
 * with the tag as a property of its type literal (`class: "Unlisted"`, OpenAPI's implicit mapping), beside
 * the schema's own properties. Where those declare the tag too, the literal held it twice (TS2300, the
 * package did not compile: APIs.guru's apple.com sirikit-cloud-media, whose ResolutionResults extend
 * IntentResolutionResult). The schema's own tag property (and its `required` entry) moves to an `allOf`
 * member of its own, which the type intersects with the literal: the same type, declared once.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { own } from "../../openapi/own.js";
import { pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";

/** Rewrites, in place, each schema under `schemas` (openapi-typescript's copy) that inherits a discriminator and declares its tag. */
export function separateInheritedTags(document: JsonObject, schemas: readonly JsonObject[]): void {
  for (const schema of schemas) {
    if (!Array.isArray(schema.allOf) || isObject(schema.discriminator) || !isObject(schema.properties)) continue;
    const properties = schema.properties;
    for (const tag of new Set(schema.allOf.flatMap((m) => inheritedTag(document, m, new Set())))) {
      const property = own(properties, tag);
      if (property === undefined) continue;
      delete properties[tag];
      const required = Array.isArray(schema.required) && schema.required.includes(tag);
      if (required) schema.required = (schema.required as unknown[]).filter((r) => r !== tag);
      schema.allOf.push({ type: "object", ...(required ? { required: [tag] } : {}), properties: { [tag]: property } });
    }
  }
}

/** The tag of the discriminator `member` (an allOf member) carries: its own, or one it inherits through `$ref`s and `allOf`. */
function inheritedTag(document: JsonObject, member: unknown, seen: Set<string>): string[] {
  if (!isObject(member)) return [];
  if (isObject(member.discriminator) && typeof member.discriminator.propertyName === "string") return [member.discriminator.propertyName];
  if (typeof member.$ref === "string") {
    const pointer = member.$ref.startsWith("#") && !seen.has(member.$ref) ? pointerFromFragment(member.$ref.slice(1)) : undefined;
    if (pointer === undefined) return [];
    seen.add(member.$ref);
    return inheritedTag(document, resolvePointer(document, pointer).value, seen);
  }
  return Array.isArray(member.allOf) ? member.allOf.flatMap((m) => (isObject(m) && typeof m.$ref === "string" ? inheritedTag(document, m, seen) : [])) : [];
}
