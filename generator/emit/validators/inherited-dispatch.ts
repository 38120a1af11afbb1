/**
 * A discriminator inherited through `allOf` (openapi/inherited-discriminators.ts), as the validators read
 * it. A base or a member is judged by the member its tag names below it (`validatePet` of a "Cat" is
 * Cat's, "Puppy" Puppy's, through Dog); a member's own tag must be one naming it or a member below it, as
 * its type narrows it (`isCat` refused nothing of a Dog but a missing hunting skill, and narrowed it to a
 * "Cat"); a tag naming no member leaves the base to its own schema (a kind the API adds later is still a
 * Pet). A schema the mapping names that does not extend the base is checked with the base's own.
 *
 * JSON Schema has no such dispatch, and OpenAPI 3.1.1 says the `allOf` form changes no validation outcome;
 * this reads it as the people writing it mean it, as Java's networknt validator and openapi4j do.
 *
 * In each compiled document the component's own schema moves to `inherited/<key>` (where its children's
 * `allOf` refs to it now point: no dispatch again on the way up), and `$defs/<key>`, which every other ref
 * and the component's validator read, becomes a ref to the dispatching schema `discriminated/<base>/<key>`:
 * the tag's issue is reported at the base's `discriminator` (schema-set.ts `specPointerOf`).
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { componentSchemaKey, escapeSegment } from "../../openapi/pointer.js";
import { below, type Inheritance } from "../../openapi/inherited-discriminators.js";
import { TAGGED, type Tagged } from "./discriminator.js";

const segment = (key: string) => encodeURIComponent(escapeSegment(key));

/** Rewrites a compiled document (`{ $id, $defs }`, its components shaped for validation) in place for `hierarchies`. */
export function dispatchInherited(doc: JsonObject, hierarchies: readonly Inheritance[]): void {
  const docId = doc.$id as string;
  const defs = doc.$defs as JsonObject;
  const inherited: JsonObject = {};
  const discriminated: JsonObject = {};
  const inheritedRef = (key: string) => ({ $ref: `${docId}#/inherited/${segment(key)}` });
  for (const h of hierarchies) {
    const keys = [h.base, ...h.members.keys()];
    if (!keys.every((k) => isObject(defs[k]))) continue;
    const wrappers: JsonObject = {};
    for (const key of keys) {
      const own = defs[key] as JsonObject;
      setOwn(inherited, key, upward(own, docId, new Set(keys), inheritedRef));
      // its own first (the values listed in the tag's issue begin with its own), judging any other value
      const branches: unknown[] = [inheritedRef(key)];
      const tags: string[][] = [key === h.base ? [] : h.members.get(key)!.values];
      for (const child of below(h, key)) {
        branches.push(inheritedRef(child));
        tags.push(h.members.get(child)!.values);
      }
      if (key === h.base) {
        for (const [other, values] of h.others) {
          branches.push({ allOf: [inheritedRef(h.base), { $ref: `${docId}#/$defs/${segment(other)}` }] });
          tags.push(values);
        }
      }
      const tagged: Tagged = { of: "oneOf", propertyName: h.propertyName, tags, otherwise: 0, ...(key === h.base ? {} : { closed: true as const }) };
      const wrapper: JsonObject = { oneOf: branches };
      setOwn(wrapper, TAGGED, tagged);
      setOwn(wrappers, key, wrapper);
      // a schema of a `$ref` alone is compiled as its target, rooted here: the comment keeps it a function of its own
      setOwn(defs, key, { $ref: `${docId}#/discriminated/${segment(h.base)}/${segment(key)}`, $comment: "specforge: chosen by its tag" });
    }
    setOwn(discriminated, h.base, wrappers);
  }
  if (Object.keys(inherited).length === 0) return;
  doc.inherited = inherited;
  doc.discriminated = discriminated;
}

/** `schema` with its `allOf` refs to a schema of the hierarchy (`keys`) pointing at that one's own schema. */
function upward(schema: JsonObject, docId: string, keys: ReadonlySet<string>, inheritedRef: (key: string) => JsonObject): JsonObject {
  if (!Array.isArray(schema.allOf)) return schema;
  const prefix = `${docId}#/$defs/`;
  const allOf = schema.allOf.map((m) => {
    if (!isObject(m) || typeof m.$ref !== "string" || !m.$ref.startsWith(prefix)) return m;
    const key = componentSchemaKey(`#/components/schemas/${m.$ref.slice(prefix.length)}`);
    return key !== undefined && keys.has(key) ? { ...m, ...inheritedRef(key) } : m;
  });
  return { ...schema, allOf };
}
