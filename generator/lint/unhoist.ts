/**
 * Lint's view of the spec as written (what custom rules read): the bundled document with the schemas the
 * bundle hoisted out of deep local pointers put back. Generation needs `#/paths/.../schema` refs as
 * components (bundle.ts), but a rule over `$.components.schemas` should not meet a component the spec
 * does not have, nor miss the `$ref` the spec has.
 */
import type { JsonObject } from "../openapi/kinds.js";
import { isObject } from "../openapi/kinds.js";
import { pointerFromFragment, segmentsOf } from "../openapi/pointer.js";
import { forEachRef } from "../openapi/walk.js";

/** Restores, in `document` (a copy the caller owns), each ref of `deepRefs` and removes its hoisted component. */
export function unhoist(document: JsonObject, deepRefs: ReadonlyMap<string, string>): JsonObject {
  if (deepRefs.size === 0) return document;
  forEachRef([document], (ref, holder) => {
    const written = deepRefs.get(ref);
    if (written !== undefined) holder.$ref = written;
  });
  for (const local of deepRefs.keys()) {
    const [, section, name] = segmentsOf(pointerFromFragment(local.slice(1)) ?? "");
    const components = isObject(document.components) ? document.components : undefined;
    const map = section && components && isObject(components[section]) ? components[section] : undefined;
    if (map && name !== undefined) delete map[name];
  }
  return document;
}
