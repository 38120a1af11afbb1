/**
 * Plain-name anchors (JSON Schema 2020-12 §8.2.2): `$ref: '#Pet'` names the schema of its document that
 * says `$anchor: Pet` (or `$dynamicAnchor: Pet`, which declares the same plain name). The bundle rewrites
 * each such ref into that schema's JSON pointer, so every later stage, and openapi-typescript, which reads
 * pointers only, sees an ordinary `#/components/...` ref. Inside a schema resource (a schema with `$id`) the
 * anchors are the resource's: refs there stay the validators' to resolve, and a ref from outside cannot
 * name them by anchor.
 */
import { DATA_KEYWORDS, isObject, subschemaShape, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, isAnchorName } from "../openapi/pointer.js";
import { closest } from "../names/suggest.js";

/** The anchor name of a `[document]#Name` ref, undefined for a pointer (or any other) fragment. */
export function anchorOfRef(ref: string): string | undefined {
  const hash = ref.indexOf("#");
  const name = hash === -1 ? undefined : ref.slice(hash + 1);
  return name !== undefined && isAnchorName(name) ? name : undefined;
}

/** The plain names a schema declares (well-formed ones only: the check stage reports the others). */
export function declaredAnchors(schema: JsonObject): string[] {
  const out: string[] = [];
  for (const k of ["$anchor", "$dynamicAnchor"]) {
    const v = schema[k];
    if (typeof v === "string" && isAnchorName(v)) out.push(v);
  }
  return out;
}

export type AnchorLookup = { pointer: string } | { code: "ref/unresolved" | "ref/ambiguous-anchor"; message: string; help: string };

/** One document's anchors: each name and the pointers of the schemas declaring it (one, or the ref is refused). */
export class AnchorIndex {
  private readonly places = new Map<string, string[]>();
  /** Names declared only inside schema resources, and where: a ref from outside cannot reach them. */
  private readonly scoped = new Map<string, string>();
  private readonly seen = new WeakSet<object>();

  add(schema: JsonObject, pointer: string, inResource: boolean): void {
    if (this.seen.has(schema)) return;
    this.seen.add(schema);
    for (const name of declaredAnchors(schema)) {
      if (inResource) this.scoped.set(name, pointer);
      else this.places.set(name, [...(this.places.get(name) ?? []), pointer]);
    }
  }

  lookup(name: string, ref: string): AnchorLookup {
    const places = this.places.get(name);
    if (places?.length === 1) return { pointer: places[0]! };
    if (places) {
      return {
        code: "ref/ambiguous-anchor",
        message: `$ref '${ref}' names the anchor '${name}', which ${places.length} schemas declare (${places.map((p) => `#${p}`).join(", ")})`,
        help: "rename all but one of those anchors: an anchor names one schema of its document",
      };
    }
    const inside = this.scoped.get(name);
    if (inside !== undefined) {
      return {
        code: "ref/unresolved",
        message: `unresolved $ref '${ref}': the schema declaring the anchor '${name}' (#${inside}) is inside a schema with an $id, whose anchors only refs inside it can name`,
        help: "point the $ref at that schema by its JSON pointer",
      };
    }
    const hint = closest(name, [...this.places.keys()]);
    return {
      code: "ref/unresolved",
      message: `unresolved $ref '${ref}': no schema declares the anchor '${name}'${hint ? ` (did you mean '${hint}'?)` : ""}`,
      help: `add \`$anchor: ${name}\` to the schema the $ref means, or point the $ref at it by its JSON pointer ('#/components/schemas/Name')`,
    };
  }
}

/**
 * The anchors of a file other than the spec, whose shape is not known (a schema, a map of them, an OpenAPI
 * fragment): every object outside data keywords and `x-` extensions is taken as a possible schema.
 */
export function scanAnchors(value: unknown): AnchorIndex {
  const index = new AnchorIndex();
  // [value, pointer, inside a resource, keys are names (a map of schemas, or the file itself)]
  const stack: Array<[unknown, string, boolean, boolean]> = [[value, "", false, true]];
  while (stack.length > 0) {
    const [node, pointer, scoped, names] = stack.pop()!;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([item, `${pointer}/${i}`, scoped, false]));
      continue;
    }
    if (!isObject(node)) continue;
    const inResource = scoped || typeof node.$id === "string";
    index.add(node, pointer, inResource);
    for (const k of Object.keys(node)) {
      // data (an example may well hold a `$anchor` key) and extensions hold no schemas
      if (!names && (DATA_KEYWORDS.has(k) || k.startsWith("x-"))) continue;
      stack.push([node[k], `${pointer}/${escapeSegment(k)}`, inResource, subschemaShape(k) === "map"]);
    }
  }
  return index;
}
