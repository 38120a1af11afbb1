/**
 * Evaluates a parsed JSONPath over a document. With `resolve` (Spectral's default, `resolved: true`) a
 * local `$ref` object is seen as what it points to, and what is found there reports at its own place, so a
 * finding in a shared component is reported once, where it is written. A descendant scan (`..`) visits each
 * object once, which also ends `$ref` cycles.
 */
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";
import { test } from "./filter.js";
import type { JsonPath, Selector } from "./jsonpath-parse.js";

export interface Node {
  value: unknown;
  /** JSON pointer of the value (of the `$ref`'s target when one was followed). */
  pointer: string;
  /** The property name or index it was reached by (undefined for the root). */
  key: string | number | undefined;
  /** JSON pointer of the place the key is written (the parent's entry). */
  keyPointer: string;
}

export interface Walker {
  root: unknown;
  /** Follows `$ref`s (as `resolved: true`) or not. */
  resolve: boolean;
}

/** The value behind local `$ref`s, with its pointer; the value itself when it is none or one does not resolve. */
export function follow(walker: Walker, value: unknown, pointer: string): { value: unknown; pointer: string } {
  if (!walker.resolve) return { value, pointer };
  let current = { value, pointer };
  for (let hops = 0; hops < 32 && isObject(current.value) && typeof current.value.$ref === "string"; hops++) {
    const ref = current.value.$ref;
    const target = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    const found = target === undefined ? undefined : resolvePointer(walker.root, target);
    if (target === undefined || !found?.found) break;
    current = { value: found.value, pointer: target };
  }
  return current;
}

export function childOf(walker: Walker, parent: Node, key: string | number): Node | undefined {
  const v = parent.value;
  let raw: unknown;
  if (Array.isArray(v) && typeof key === "number") raw = v[key < 0 ? v.length + key : key];
  else if (isObject(v) && typeof key === "string" && Object.prototype.hasOwnProperty.call(v, key)) raw = v[key];
  else return undefined;
  const index = Array.isArray(v) && typeof key === "number" && key < 0 ? v.length + key : key;
  const keyPointer = `${parent.pointer}/${escapeSegment(String(index))}`;
  return { ...follow(walker, raw, keyPointer), key: index, keyPointer };
}

function children(walker: Walker, node: Node): Node[] {
  const v = node.value;
  if (Array.isArray(v)) return v.map((_, i) => childOf(walker, node, i)!);
  if (isObject(v)) return Object.keys(v).map((k) => childOf(walker, node, k)!);
  return [];
}

function select(walker: Walker, node: Node, selector: Selector): Node[] {
  const v = node.value;
  switch (selector.kind) {
    case "wildcard":
      return children(walker, node);
    case "name": {
      // A digits-only name also reaches into an array (`field: items.0`, as Spectral's field paths do).
      const key = Array.isArray(v) && /^\d+$/.test(selector.name) ? Number(selector.name) : selector.name;
      const c = isObject(v) || Array.isArray(v) ? childOf(walker, node, key) : undefined;
      return c ? [c] : [];
    }
    case "index": {
      const c = Array.isArray(v) ? childOf(walker, node, selector.index) : undefined;
      return c ? [c] : [];
    }
    case "slice": {
      if (!Array.isArray(v)) return [];
      const n = v.length;
      const step = selector.step ?? 1;
      const clamp = (x: number) => Math.min(Math.max(x < 0 ? n + x : x, step > 0 ? 0 : -1), step > 0 ? n : n - 1);
      const start = selector.start === undefined ? (step > 0 ? 0 : n - 1) : clamp(selector.start);
      const end = selector.end === undefined ? (step > 0 ? n : -1) : clamp(selector.end);
      const out: Node[] = [];
      for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(childOf(walker, node, i)!);
      return out;
    }
    case "filter": {
      const scope = (c: Node) => ({
        current: c.value,
        key: c.key,
        root: walker.root,
        child: (value: unknown, step: string | number) => childOf(walker, { value, pointer: "", key: undefined, keyPointer: "" }, step)?.value,
      });
      return children(walker, node).filter((c) => test(selector.expr, scope(c)));
    }
  }
}

/** The node and every node below it in document order, each object or array once (a loop, not recursion: specs nest deep). */
function descendants(walker: Walker, node: Node, seen: Set<unknown>, out: Node[]): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.value === "object" && n.value !== null) {
      if (seen.has(n.value)) continue;
      seen.add(n.value);
    }
    out.push(n);
    const below = children(walker, n);
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!);
  }
}

/**
 * Each value once (two `$ref`s to one component select it once, at its place); for `~`, each key once,
 * as two keys naming the same value are two places.
 */
function unique(nodes: Node[], byKey: boolean): Node[] {
  const seen = new Set<string>();
  return nodes.filter((n) => {
    const id = byKey ? n.keyPointer : n.pointer;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * What `path` selects in `walker.root` (or below `start`: a `then.field`); with a trailing `~`, the keys
 * instead (value: the key).
 */
export function query(walker: Walker, path: JsonPath, start?: Node): Node[] {
  let nodes: Node[] = [start ?? { ...follow(walker, walker.root, ""), key: undefined, keyPointer: "" }];
  for (const segment of path.segments) {
    let inputs = nodes;
    if (segment.descendant) {
      const seen = new Set<unknown>();
      inputs = [];
      for (const n of nodes) descendants(walker, n, seen, inputs);
    }
    const last = segment === path.segments.at(-1);
    nodes = unique(inputs.flatMap((n) => segment.selectors.flatMap((s) => select(walker, n, s))), last && path.keys);
  }
  if (!path.keys) return nodes;
  return nodes.filter((n) => n.key !== undefined).map((n) => ({ value: n.key, pointer: n.keyPointer, key: n.key, keyPointer: n.keyPointer }));
}
