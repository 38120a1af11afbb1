/**
 * The overlaid document, copied only where an action writes: the spec as read is never changed, and the
 * rest is shared with it. A YAML alias (`parameters: *common`) is one object at several places: writing
 * through one place copies the objects on that path, so the change stays at that place, and a target
 * reaching it by two paths changes each place once. Copying everything first instead expanded every alias
 * (a file of 1,000 aliases of one large anchor grew a thousandfold).
 */
import type { Path } from "jsonpath-rfc9535";
import { setOwn } from "../openapi/own.js";

export class CopyOnWrite {
  document: unknown;
  /** Copies made here: each stands at one place in `document` alone, so it is written in place. */
  private readonly owned = new WeakSet<object>();

  constructor(original: unknown) {
    this.document = original;
  }

  /** The object or array at `path`, this document's own (the objects on the way copied as needed); a primitive as it is. */
  own(path: Path): unknown {
    this.document = this.copied(this.document);
    let node = this.document;
    for (const key of path) node = this.ownChild(node as object, key);
    return node;
  }

  /** `parent[key]` (parent already owned), made this document's own when it is an object or array. */
  ownChild(parent: object, key: string | number): unknown {
    const child = (parent as Record<string | number, unknown>)[key];
    const mine = this.copied(child);
    if (mine !== child) put(parent, key, mine);
    return mine;
  }

  private copied(node: unknown): unknown {
    if (node === null || typeof node !== "object" || this.owned.has(node)) return node;
    let copy: object;
    if (Array.isArray(node)) copy = node.slice();
    else {
      copy = {};
      for (const key of Object.keys(node)) setOwn(copy, key, (node as Record<string, unknown>)[key]);
    }
    this.owned.add(copy);
    return copy;
  }
}

/** Sets `parent[key]`: an index of an array, else an own property (an overlay's `__proto__` key is data). */
export function put(parent: object, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else setOwn(parent, String(key), value);
}
