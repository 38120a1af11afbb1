/**
 * Under `unknownProperties: reject` or `strip` every object schema is closed, but a component used as a
 * member of a composition (`Dog: allOf: [Pet, { properties: { bark } }]`) must stay open there: closed, it
 * refused or removed `bark`, which its sibling names (the composition closes itself, seeing what all its
 * members evaluated). Such a component gets a second, open copy under the document's `members` section
 * (`<doc>#/members/Pet`), which the `$ref`s in member positions point to; `$defs/Pet`, which `validatePet`,
 * a property's `$ref`, an array's items and a body read, is closed as every other component. The open copy
 * closes nothing inside it (as the whole component was before), but a `$ref` in it outside a member position
 * reads the closed component: Dog's `friend: $ref Pet` is a Pet; not in a property that a schema beside one
 * of its member uses describes too, nor anywhere when it is read where nothing is closed (`Beside`). Each
 * schema of an inherited discriminator's hierarchy has one, dispatched by the tag as the closed one is
 * (inherited-dispatch.ts).
 *
 * A member position is where schema-set.ts's `validationSchema` would leave an inline schema open at its
 * top: directly in allOf/anyOf/oneOf/then/else, a dependentSchemas entry, and a `$ref` with validation
 * keywords beside it (read as an allOf of the two). Where it closes nothing at all, a `$ref` reads the open
 * copy too: anywhere below `not`, `if`, `contains` and `propertyNames` (which test the value), and below a
 * property that two schemas applying together describe (each names only part of what it holds).
 */
import { ANNOTATION_KEYWORDS, isObject, type JsonObject } from "../../openapi/kinds.js";
import { componentSchemaKey } from "../../openapi/pointer.js";

/** The section of each compiled document that holds the open copies (beside `$defs`, `rootDefs`, `shared`). */
export const MEMBERS = "members";

const MEMBER_OF = new Set(["allOf", "anyOf", "oneOf", "then", "else"]);
const TESTS = new Set(["not", "if", "contains", "propertyNames"]);
/** What makes a schema's members apply beside its own properties (two of them may describe one property). */
const BESIDE = ["allOf", "anyOf", "oneOf", "then", "else", "dependentSchemas"];

/**
 * A 3.1 `$ref` beside validation keywords of its own (`{ $ref: Setting, properties: { level } }`): both apply,
 * as an allOf of the two would. Closed apart, each refused or removed what the other names (`level`, `on`).
 */
export function refWithSiblings(schema: JsonObject): boolean {
  return typeof schema.$ref === "string" && Object.keys(schema).some((k) => k !== "$ref" && !ANNOTATION_KEYWORDS.has(k) && !k.startsWith("x-"));
}

/**
 * The `$ref` a schema at a member position (`member`) writes, into the document `docId`: the open copy of a
 * component that has one (`members`), else the component itself.
 */
export function shapedRef(ref: string, docId: string, members: ReadonlySet<string> | undefined, member: boolean): string {
  const key = member && members ? componentSchemaKey(ref) : undefined;
  const section = key !== undefined && members!.has(key) ? MEMBERS : "$defs";
  return ref.replace(/^#\/components\/schemas\//, `${docId}#/${section}/`).replace(/^#\/\$defs\//, `${docId}#/rootDefs/`);
}

/**
 * What a component's open copy leaves open inside it besides its own top: the names of the properties that a
 * schema applying beside one of its member uses describes too (`Dog: allOf [Pet, { properties: { tag } }]`
 * with Pet's `tag: $ref Tag`: Tag closed refused the names the other member gives the tag), or `ALL` where
 * it is read below a test or a property described together, where nothing is closed.
 */
export type Beside = ReadonlySet<string> | typeof ALL;
export const ALL = "all";

/**
 * Component keys a `$ref` at a member position, or where nothing is closed, names anywhere in the document (by
 * its pointer, or by the component's own absolute `$id`: `idOf`), and the component a bare `$ref` component among
 * them names (its open copy is that `$ref` in a member position: `Alias: { $ref: Pet }` in an allOf is Pet's
 * member), each with what its open copy leaves open (`Beside`, the union over its uses, and over its own
 * copy's members in turn). `together`: the property names a schema and its members both describe
 * (schema-set.ts's describedTogether).
 */
export function memberComponents(document: unknown, idOf: (schema: unknown) => string | undefined, together: (schema: JsonObject) => Iterable<string>): Map<string, Beside> {
  const out = new Map<string, Beside>();
  const components = isObject(document) && isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const byId = new Map(Object.keys(components).flatMap((key): [string, string][] => {
    const id = idOf(components[key]);
    return id ? [[id.replace(/#$/, ""), key]] : [];
  }));
  const keyOf = (ref: string) => componentSchemaKey(ref) ?? byId.get(ref.replace(/#$/, ""));
  const none: ReadonlySet<string> = new Set();
  // the copies whose `Beside` grew since their schema was last read as an open copy
  const grown: string[] = [];
  const record = (key: string, beside: Beside): void => {
    const had = out.get(key);
    const next = had === ALL || beside === ALL ? ALL : new Set([...(had ?? []), ...beside]);
    if (had !== undefined && (next === had || (next !== ALL && had !== ALL && next.size === had.size))) return;
    out.set(key, next);
    grown.push(key);
  };
  // `alongside`: names described together by the schemas this one applies beside (validationSchema's own)
  const visit = (value: unknown, member: boolean, open: boolean, alongside: ReadonlySet<string>): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, member, open, alongside));
    if (!isObject(value)) return;
    if ((member || open || refWithSiblings(value)) && typeof value.$ref === "string") {
      const key = keyOf(value.$ref);
      if (key !== undefined) record(key, open ? ALL : member ? alongside : none);
    }
    const names = open || !BESIDE.some((k) => k in value) ? alongside : new Set([...alongside, ...together(value)]);
    for (const k of Object.keys(value)) {
      if (k.startsWith("x-") || k === "examples" || k === "example") continue;
      const v = value[k];
      if (k === "properties" && isObject(v) && names.size > 0) for (const name of Object.keys(v)) visit(v[name], false, open || names.has(name), none);
      else if (k === "dependentSchemas" && isObject(v)) for (const name of Object.keys(v)) visit(v[name], true, open, names);
      else if (TESTS.has(k)) visit(v, true, true, none);
      else visit(v, MEMBER_OF.has(k), open, MEMBER_OF.has(k) ? names : none);
    }
  };
  visit(document, false, false, none);
  // each open copy read as schema-set.ts writes it (a bare `$ref` component's is its target's, in a member position)
  for (let key = grown.pop(); key !== undefined; key = grown.pop()) {
    const beside = out.get(key)!;
    const s = Object.hasOwn(components, key) ? components[key] : undefined;
    if (isObject(s) && idOf(s) === undefined) visit(s, true, beside === ALL, beside === ALL ? none : beside);
  }
  return out;
}
