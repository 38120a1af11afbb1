/** The tag values of a discriminator (OpenAPI 3.1 §4.8.25) that name each `$ref` branch of a composition. */
import { isObject, type JsonObject } from "./kinds.js";
import { componentSchemaKey } from "./pointer.js";

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
