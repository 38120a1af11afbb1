/**
 * The documents that refs inside JSON Schema resources name. Inside an object with `$id` (a schema
 * resource), `$ref` resolves against that `$id` (JSON Schema 2020-12 §8.2), not against the location of
 * the file that holds it, and `$id`s nest, each resolved against the one above. A spec fetched by URL
 * fetches those documents too when they lie in its site folder (load-spec.ts), and the validators compile
 * them beside the spec's schemas (bundle/remote-schemas.ts).
 */
import { isObject } from "../openapi/kinds.js";

export interface ResourceRefs {
  /** Absolute URIs, without fragment, that `$ref`s inside resources and `$schema`s name. */
  targets: Set<string>;
  /** The `$id`s the value defines (absolute, without fragment): a ref to one names a resource inside, no document. */
  ids: Set<string>;
}

/**
 * `location`: the URL the value was read from. `wholeIsResource`: the value is a schema document (a ref
 * anywhere in it is a schema's), not an OpenAPI document (whose refs outside resources the bundle follows).
 */
export function resourceRefs(value: unknown, location: string, wholeIsResource: boolean): ResourceRefs {
  const out: ResourceRefs = { targets: new Set(), ids: new Set() };
  const stack: Array<[unknown, string | undefined]> = [[value, wholeIsResource ? location : undefined]];
  while (stack.length > 0) {
    const [node, inherited] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) if (item && typeof item === "object") stack.push([item, inherited]);
      continue;
    }
    if (!isObject(node)) continue;
    let base = inherited;
    if (typeof node.$id === "string") {
      base = resolved(node.$id, inherited ?? location);
      if (base !== undefined) out.ids.add(base);
    }
    if (base !== undefined && typeof node.$ref === "string") add(out.targets, resolved(node.$ref, base));
    if (typeof node.$schema === "string") add(out.targets, resolved(node.$schema, base ?? location));
    for (const k of Object.keys(node)) {
      const child = node[k];
      if (child && typeof child === "object") stack.push([child, base]);
    }
  }
  return out;
}

function add(set: Set<string>, uri: string | undefined): void {
  if (uri !== undefined) set.add(uri);
}

/** `ref` against `base`, without its fragment; undefined when that is no URL (a relative ref under a URN, a malformed one). */
function resolved(ref: string, base: string): string | undefined {
  // An absolute ref needs no base (and a file spec's base, a path, is no URL).
  const url = URL.canParse(ref) ? new URL(ref) : URL.canParse(ref, base) ? new URL(ref, base) : undefined;
  if (url === undefined) return undefined;
  url.hash = "";
  return url.href;
}
