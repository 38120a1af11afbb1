/** JSON pointers (RFC 6901) and `$ref` fragments (RFC 3986 percent-encoding on top). */
import { isObject, type JsonObject } from "./kinds.js";

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function pointerFrom(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join("");
}

/** Splits a pointer (`/a/b~1c`) into segments; `""` is the whole document. */
export function segmentsOf(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map(unescapeSegment);
}

/**
 * The component key a `$ref` names when it is exactly `<prefix>#/components/schemas/<key>` (or whatever
 * `pattern` captures as its one group): percent-decoded, then unescaped as a pointer segment.
 */
export function refKey(ref: string, pattern: RegExp): string | undefined {
  const m = pattern.exec(ref);
  if (!m) return undefined;
  try {
    return unescapeSegment(decodeURIComponent(m[1]!));
  } catch {
    return undefined;
  }
}

/** The key of the component schema a local `$ref` names exactly (`#/components/schemas/Pet` -> `Pet`), decoded. */
export function componentSchemaKey(ref: string): string | undefined {
  return refKey(ref, /^#\/components\/schemas\/([^/]+)$/);
}

/** `#/components/schemas/a%20b`: a local `$ref` to `pointer`, each segment URI-escaped (`~` as it is). */
export function fragmentOf(pointer: string): string {
  return `#${pointer.split("/").map((s) => encodeURIComponent(s).replace(/%7E/g, "~")).join("/")}`;
}

/** A plain-name fragment as `$anchor` and `$dynamicAnchor` write it (JSON Schema 2020-12 §8.2.2): `Pet`, not `/x`. */
export function isAnchorName(name: string): boolean {
  return /^[A-Za-z_][-A-Za-z0-9._]*$/.test(name);
}

/** Decodes a `$ref` fragment (`/paths/~1pets%7Bid%7D`) into a JSON pointer, or undefined when malformed. */
export function pointerFromFragment(fragment: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  if (decoded !== "" && !decoded.startsWith("/")) return undefined;
  return decoded;
}

export interface Resolved {
  found: boolean;
  value?: unknown;
  /** Deepest segment index that resolved, for "did you mean" hints. */
  parent?: unknown;
  missing?: string;
}

/** Resolves a pointer against a value without touching prototypes (`__proto__` is an ordinary key). */
export function resolvePointer(root: unknown, pointer: string): Resolved {
  let node: unknown = root;
  for (const seg of segmentsOf(pointer)) {
    if (Array.isArray(node)) {
      const i = /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= node.length) return { found: false, parent: node, missing: seg };
      node = node[i];
    } else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, seg)) {
      node = node[seg];
    } else {
      return { found: false, parent: node, missing: seg };
    }
  }
  return { found: true, value: node };
}

/** Follows local `$ref`s (bundle made every ref local); undefined when one does not resolve. */
export function derefLocal(document: JsonObject, value: unknown): { node: JsonObject | undefined; pointer?: string } {
  let node = value;
  let pointer: string | undefined;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 32; hops++) {
    const ref = node.$ref;
    const fragment = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    if (fragment === undefined) return { node: undefined };
    pointer = fragment;
    const r = resolvePointer(document, fragment);
    node = r.found ? r.value : undefined;
  }
  return { node: isObject(node) ? node : undefined, pointer };
}
