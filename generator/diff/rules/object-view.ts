/**
 * An object schema's properties and required names as its values see them: its own and its `allOf`
 * members' (all apply), each name with every declaration of it and where its `required` entry sits.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, MAX_SCHEMA_DEPTH, type At, type DiffContext, type Direction } from "../context.js";

export interface Property {
  value: JsonObject;
  /** Where the property's schema is declared (its own pointer, not its `$ref` target). */
  pointer: string;
  raw: unknown;
  /** Which schema declares it: "" for the object itself, an `allOf` member's `$ref` target or position (`/allOf/1`). */
  source: string;
}

/**
 * Properties and required names of an object schema, its `allOf` members' included. A name declared by
 * several members has every declaration (all apply), its own first.
 */
export function objectView(ctx: DiffContext, which: "base" | "head", at: At, seen = new Set<string>(), source = ""): { props: Map<string, Property[]>; required: Map<string, string> } {
  const props = new Map<string, Property[]>();
  /** Name -> the pointer of the schema whose `required` lists it (first). */
  const required = new Map<string, string>();
  const add = (name: string, prop: Property) => props.set(name, [...(props.get(name) ?? []), prop]);
  if (seen.size >= MAX_SCHEMA_DEPTH) throw ctx.tooDeep(which, ctx.operation ?? "allOf", at.pointer);
  seen.add(at.pointer);
  const written = at.siblingsAt === undefined ? undefined : ctx.written(which, at.siblingsAt);
  const target = written && ctx.written(which, at.pointer);
  if (written && target) {
    // a 3.1 `$ref` with sibling keywords: the target's properties apply as well as the siblings' (deref
    // put the siblings on top, so a sibling `properties` would hide the target's), as an allOf member's do
    const { $ref: _ref, ...siblings } = written;
    for (const view of [objectView(ctx, which, { value: siblings, pointer: at.siblingsAt! }, seen, source), objectView(ctx, which, { value: target, pointer: at.pointer }, seen, at.pointer)]) {
      for (const [name, list] of view.props) for (const prop of list) add(name, prop);
      for (const [r, from] of view.required) if (!required.has(r)) required.set(r, from);
    }
    return { props, required };
  }
  const own = at.value.properties;
  if (isObject(own)) {
    for (const name of Object.keys(own)) {
      const pointer = child(at.pointer, "properties", name);
      const resolved = ctx.deref(which, own[name], pointer);
      if (resolved) add(name, { value: resolved.value, pointer, raw: own[name], source });
    }
  }
  if (Array.isArray(at.value.required)) for (const r of at.value.required) if (typeof r === "string" && !required.has(r)) required.set(r, at.pointer);
  if (Array.isArray(at.value.allOf)) {
    at.value.allOf.forEach((member, i) => {
      const m = ctx.deref(which, member, child(at.pointer, "allOf", String(i)));
      if (!m || seen.has(m.pointer)) return;
      const from = isObject(member) && typeof member.$ref === "string" ? m.pointer : `${source}/allOf/${i}`;
      const inner = objectView(ctx, which, m, seen, from);
      for (const [name, list] of inner.props) for (const prop of list) add(name, prop);
      for (const [r, from] of inner.required) if (!required.has(r)) required.set(r, from);
    });
  }
  return { props, required };
}

/**
 * Pairs a property's declarations: the same declaring schema on both sides, then each one left over
 * against the other side's first (a declaration added or dropped adds or drops its constraints).
 */
export function pairDeclarations(bs: Property[], hs: Property[]): Array<[Property, Property]> {
  const pairs: Array<[Property, Property]> = [];
  for (const x of bs) {
    const y = hs.find((d) => d.source === x.source);
    pairs.push([x, y ?? hs[0]!]);
  }
  for (const y of hs) if (!bs.some((d) => d.source === y.source)) pairs.push([bs[0]!, y]);
  return pairs;
}

/** Whether a property is part of the data in this direction (readOnly: responses only; writeOnly: requests only). */
export function visible(prop: Property, dir: Direction): boolean {
  return dir === "request" ? prop.value.readOnly !== true : prop.value.writeOnly !== true;
}
