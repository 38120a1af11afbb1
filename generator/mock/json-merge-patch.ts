/** JSON Merge Patch (RFC 7396), as `specforge mock --stateful` applies a PATCH to a stored entity. */
import { isObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";

/** `target` with `patch` merged in (RFC 7396 §2): a member null removes, an object merges, anything else replaces. Neither is changed. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = {};
  if (isObject(target)) for (const k of Object.keys(target)) setOwn(out, k, target[k]);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null) delete out[k];
    else setOwn(out, k, mergePatch(Object.hasOwn(out, k) ? out[k] : undefined, patch[k]));
  }
  return out;
}
