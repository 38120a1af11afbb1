/**
 * The JSON Schema documents that schema resources of a spec fetched by URL reach: their `$ref`s (against
 * their `$id`) and `$schema`s name documents beside the spec, which the bundle leaves alone (a ref inside a
 * resource is the validator's to resolve, see bundle.ts) and the load stage fetched. The validators
 * compile them beside the spec's own schemas, keyed by the URL they were read from.
 */
import type { RefFiles } from "../load/load-spec.js";
import { resourceRefs } from "../load/resource-refs.js";
import type { SourceFile } from "../load/source-file.js";
import { own, setOwn } from "../openapi/own.js";

export function remoteSchemas(root: SourceFile, refs: RefFiles): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!refs.followsUrls) return out;
  const found = [resourceRefs(root.value, root.path, false)];
  const ids = new Set<string>();
  for (let i = 0; i < found.length; i++) for (const id of found[i]!.ids) ids.add(id);
  for (let i = 0; i < found.length; i++) {
    for (const target of found[i]!.targets) {
      if (target === root.path || ids.has(target) || own(out, target) !== undefined || !refs.allowed(target)) continue;
      let file: SourceFile;
      try {
        file = refs.read(target);
      } catch {
        continue; // not fetched or not a document: the validators' compile names the ref that resolves to nothing
      }
      setOwn(out, target, file.value);
      const inside = resourceRefs(file.value, target, true);
      for (const id of inside.ids) ids.add(id);
      found.push(inside);
    }
  }
  return out;
}
