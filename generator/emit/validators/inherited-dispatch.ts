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
 * the tag's issue is reported at the base's `discriminator` (schema-set.ts `specPointerOf`). Under
 * `unknownProperties: reject`/`strip` each schema of a hierarchy also has an open copy for its uses as a member
 * (member-copies.ts: a child's allOf ref to its parent is one), dispatched the same way through
 * `inheritedMembers` and `discriminatedMembers`: a union of children still tells a Cat from a Dog by the tag.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { componentSchemaKey, escapeSegment } from "../../openapi/pointer.js";
import { below, type Inheritance } from "../../openapi/inherited-discriminators.js";
import { TAGGED, type Tagged } from "./discriminator.js";
import { MEMBERS } from "./member-copies.js";

const segment = (key: string) => encodeURIComponent(escapeSegment(key));

/** Where a section's schemas go: its own (`$defs`, or `members`' open copies), their own schemas, the dispatching ones. */
interface Sections {
  own: string;
  inherited: string;
  discriminated: string;
}

const COMPONENTS: Sections = { own: "$defs", inherited: "inherited", discriminated: "discriminated" };
const MEMBER_COPIES: Sections = { own: MEMBERS, inherited: "inheritedMembers", discriminated: "discriminatedMembers" };
const SECTIONS: readonly Sections[] = [COMPONENTS, MEMBER_COPIES];

/**
 * Rewrites a compiled document (`{ $id, $defs }`, its components shaped for validation, and the open copies
 * of those used as members: member-copies.ts) in place for `hierarchies`.
 */
export function dispatchInherited(doc: JsonObject, hierarchies: readonly Inheritance[]): void {
  const docId = doc.$id as string;
  const refTo = (section: string, ...keys: string[]) => ({ $ref: `${docId}#/${[section, ...keys.map(segment)].join("/")}` });
  const sections = SECTIONS.filter((s) => isObject(doc[s.own]));
  // each section's own schemas, known before any moves: an allOf ref to a parent points to its own schema
  const moving = new Map<string, Sections>();
  for (const s of sections) {
    const defs = doc[s.own] as JsonObject;
    for (const h of hierarchies) if ([h.base, ...h.members.keys()].every((k) => isObject(defs[k]))) moving.set(`${s.own}/${h.base}`, s);
  }
  for (const s of sections) {
    const defs = doc[s.own] as JsonObject;
    const inherited: JsonObject = {};
    const discriminated: JsonObject = {};
    for (const h of hierarchies) {
      if (!moving.has(`${s.own}/${h.base}`)) continue;
      const keys = [h.base, ...h.members.keys()];
      const wrappers: JsonObject = {};
      for (const key of keys) {
        setOwn(inherited, key, upward(defs[key] as JsonObject, docId, new Set(keys), (section) => (moving.has(`${section}/${h.base}`) ? moving.get(`${section}/${h.base}`)!.inherited : undefined)));
        // its own first (the values listed in the tag's issue begin with its own), judging any other value
        const branches: unknown[] = [refTo(s.inherited, key)];
        const tags: string[][] = [key === h.base ? [] : h.members.get(key)!.values];
        for (const child of below(h, key)) {
          branches.push(refTo(s.inherited, child));
          tags.push(h.members.get(child)!.values);
        }
        if (key === h.base) {
          // the base beside another schema is a member of their allOf: its open copy's own schema, where it has one
          const base = moving.has(`${MEMBERS}/${h.base}`) ? refTo(MEMBER_COPIES.inherited, h.base) : refTo(s.inherited, h.base);
          for (const [other, values] of h.others) {
            branches.push({ allOf: [base, refTo(COMPONENTS.own, other)] });
            tags.push(values);
          }
        }
        const tagged: Tagged = { of: "oneOf", propertyName: h.propertyName, tags, otherwise: 0, ...(key === h.base ? {} : { closed: true as const }) };
        const wrapper: JsonObject = { oneOf: branches };
        setOwn(wrapper, TAGGED, tagged);
        setOwn(wrappers, key, wrapper);
        // a schema of a `$ref` alone is compiled as its target, rooted here: the comment keeps it a function of its own
        setOwn(defs, key, { ...refTo(s.discriminated, h.base, key), $comment: "specforge: chosen by its tag" });
      }
      setOwn(discriminated, h.base, wrappers);
    }
    if (Object.keys(inherited).length === 0) continue;
    doc[s.inherited] = inherited;
    doc[s.discriminated] = discriminated;
  }
}

/**
 * `schema` with its `allOf` refs to a schema of the hierarchy (`keys`) pointing at that one's own schema, in
 * the section `inheritedOf` names for the section the ref points into (`$defs/Pet`: `inherited/Pet`).
 */
function upward(schema: JsonObject, docId: string, keys: ReadonlySet<string>, inheritedOf: (section: string) => string | undefined): JsonObject {
  if (!Array.isArray(schema.allOf)) return schema;
  const allOf = schema.allOf.map((m) => {
    const at = isObject(m) && typeof m.$ref === "string" && m.$ref.startsWith(`${docId}#/`) ? /^([^/]+)\/([^/]+)$/.exec(m.$ref.slice(docId.length + 2)) : null;
    const inherited = at ? inheritedOf(at[1]!) : undefined;
    if (!at || inherited === undefined) return m;
    const key = componentSchemaKey(`#/components/schemas/${at[2]}`);
    return key !== undefined && keys.has(key) ? { ...m, $ref: `${docId}#/${inherited}/${segment(key)}` } : m;
  });
  return { ...schema, allOf };
}
