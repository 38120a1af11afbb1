/**
 * Schemas that reach themselves without stepping into the value: through `$ref`, `allOf`, `anyOf`,
 * `oneOf`, `not`, `if`/`then`/`else` and `dependentSchemas`, which all apply to the same value
 * (`A: { allOf: [{ $ref: A }] }`, or `A: { $ref: B }` with `B: { not: { $ref: A } }`). JSON Schema gives such
 * a schema no meaning (2020-12 §9.4.1: an infinite loop), and a validator checking any value against it calls
 * itself until the stack overflows: ajv in the generated validators and in lint's example check did. A
 * recursion through `properties` or `items` is fine: each step goes one level into a finite value.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { pointerFromFragment, resolvePointer } from "./pointer.js";

const IN_PLACE_ONE = ["not", "if", "then", "else"];
const IN_PLACE_LISTS = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_MAPS = ["dependentSchemas"];

/** The local schema a `$ref` names in the (bundled) document; refs inside an `$id` resource are not followed. */
function refTarget(document: JsonObject, node: JsonObject): JsonObject | undefined {
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  const pointer = pointerFromFragment(ref.slice(1));
  if (pointer === undefined) return undefined;
  const r = resolvePointer(document, pointer);
  return r.found && isObject(r.value) ? r.value : undefined;
}

/**
 * The subschemas that apply to the same value as `node`, each with the keyword path that reaches it. A `$ref`
 * inside a schema resource (`scoped`) resolves against its `$id`, not the document: the validators' to follow.
 */
function inPlace(document: JsonObject, node: JsonObject, scoped?: ReadonlySet<JsonObject>): Array<[via: string, next: JsonObject]> {
  const out: Array<[string, JsonObject]> = [];
  const target = scoped?.has(node) ? undefined : refTarget(document, node);
  if (target) out.push(["$ref", target]);
  for (const k of IN_PLACE_ONE) if (isObject(node[k])) out.push([k, node[k] as JsonObject]);
  for (const k of IN_PLACE_LISTS) {
    const list = node[k];
    if (Array.isArray(list)) list.forEach((s, i) => isObject(s) && out.push([`${k}/${i}`, s]));
  }
  for (const k of IN_PLACE_MAPS) {
    const map = node[k];
    if (isObject(map)) for (const name of Object.keys(map)) if (isObject(map[name])) out.push([`${k}/${name}`, map[name] as JsonObject]);
  }
  return out;
}

export interface SchemaCycle {
  /** The schema the loop starts and ends at. */
  schema: JsonObject;
  /** The keywords from it back to itself, e.g. `["allOf/0", "$ref"]`. */
  via: string[];
  /** The schema whose keyword (the last of `via`) closes the loop. */
  closing: JsonObject;
}

/**
 * Every in-place loop among `schemas` (each found once, from the first of its schemas reached), walking
 * without recursion: a chain of refs may be long.
 */
export function inPlaceCycles(document: JsonObject, schemas: Iterable<JsonObject>, scoped?: ReadonlySet<JsonObject>): SchemaCycle[] {
  const state = new Map<JsonObject, "open" | "done">();
  const cycles: SchemaCycle[] = [];
  for (const start of schemas) {
    if (state.has(start)) continue;
    // the path from `start`: each node with its pending children and the keyword that reached it
    const stack: Array<{ node: JsonObject; next: Array<[string, JsonObject]>; via: string }> = [{ node: start, next: inPlace(document, start, scoped), via: "" }];
    state.set(start, "open");
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const edge = top.next.shift();
      if (!edge) {
        state.set(top.node, "done");
        stack.pop();
        continue;
      }
      const [via, child] = edge;
      const s = state.get(child);
      if (s === "open") {
        const from = stack.findIndex((f) => f.node === child);
        cycles.push({ schema: child, via: [...stack.slice(from + 1).map((f) => f.via), via], closing: top.node });
      } else if (s === undefined) {
        state.set(child, "open");
        stack.push({ node: child, next: inPlace(document, child, scoped), via });
      }
    }
  }
  return cycles;
}

/**
 * Schemas whose local `$ref` names something that is not one of `schemas` (the document itself, a map of
 * components, a response): stages that go on after the bundle reported it (lint) must not compile them.
 */
export function refsToNonSchemas(document: JsonObject, schemas: ReadonlySet<JsonObject>): JsonObject[] {
  const out: JsonObject[] = [];
  for (const node of schemas) {
    if (typeof node.$ref !== "string" || !(node.$ref === "" || node.$ref.startsWith("#"))) continue;
    const pointer = pointerFromFragment(node.$ref.slice(1));
    const r = pointer === undefined ? undefined : resolvePointer(document, pointer);
    if (!r?.found || !(isObject(r.value) ? schemas.has(r.value) : typeof r.value === "boolean")) out.push(node);
  }
  return out;
}

/**
 * Whether validating against `schema` can reach one of `targets` (through any subschema or local ref):
 * lint leaves such examples unchecked, as their validator would never return. `memo` is shared per document.
 */
export function reachesAny(document: JsonObject, schema: unknown, targets: ReadonlySet<JsonObject>, memo: Map<JsonObject, boolean>): boolean {
  if (!isObject(schema) || targets.size === 0) return false;
  const seen = new Set<JsonObject>();
  const stack: JsonObject[] = [schema];
  let found = false;
  while (stack.length && !found) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const known = memo.get(node);
    if (known !== undefined) {
      found = known;
      continue;
    }
    if (targets.has(node)) found = true;
    const target = refTarget(document, node);
    if (target) stack.push(target);
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) for (const s of v) if (isObject(s)) stack.push(s);
      if (isObject(v)) {
        stack.push(v);
        for (const s of Object.values(v)) if (isObject(s)) stack.push(s);
      }
    }
  }
  // a walk that found nothing went through everything each node seen reaches; one that found a target did not
  if (found) memo.set(schema, true);
  else for (const node of seen) memo.set(node, false);
  return found;
}
