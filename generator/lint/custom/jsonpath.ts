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

/**
 * A selected value. Pointers are made only when asked for: a deep scan of GitHub's description meets a
 * million values and reports a few.
 */
export class Node {
  private cachedKeyPointer: string | undefined;
  constructor(
    readonly value: unknown,
    /** The property name or index it was reached by (undefined for the root). */
    readonly key: string | number | undefined,
    readonly parent: Node | undefined,
    /** Where a followed `$ref` led (or a place known beforehand). */
    private readonly target?: string,
  ) {}
  /** JSON pointer of the place the key is written (the parent's entry). */
  get keyPointer(): string {
    if (this.cachedKeyPointer !== undefined) return this.cachedKeyPointer;
    // Up the parents (a loop: specs nest deep) to one whose pointer is known, then down again.
    const chain: Node[] = [];
    for (let n: Node = this; ; n = n.parent!) {
      chain.push(n);
      const p = n.parent;
      if (!p || p.target !== undefined || p.cachedKeyPointer !== undefined) break;
    }
    let base = chain.at(-1)!.parent?.pointer ?? "";
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      c.cachedKeyPointer = c.parent ? `${base}/${escapeSegment(String(c.key))}` : "";
      base = c.pointer;
    }
    return this.cachedKeyPointer!;
  }
  /** JSON pointer of the value (of the `$ref`'s target when one was followed). */
  get pointer(): string {
    return this.target ?? this.keyPointer;
  }
  /** The key itself as the value, at the place it is written (`~`, `field: "@key"`). */
  keyAsValue(): Node {
    return new Node(this.key, this.key, this.parent, this.keyPointer);
  }
}

export interface Walker {
  root: unknown;
  /** Follows `$ref`s (as `resolved: true`) or not. */
  resolve: boolean;
}

/** The value behind local `$ref`s and the pointer of its target; the value itself when it is none or one does not resolve. */
export function follow(walker: Walker, value: unknown): { value: unknown; target?: string } {
  let current: { value: unknown; target?: string } = { value };
  if (!walker.resolve) return current;
  for (let hops = 0; hops < 32 && isObject(current.value) && typeof current.value.$ref === "string"; hops++) {
    const ref = current.value.$ref;
    const target = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    const found = target === undefined ? undefined : resolvePointer(walker.root, target);
    if (target === undefined || !found?.found) break;
    current = { value: found.value, target };
  }
  return current;
}

export function rootNode(walker: Walker): Node {
  const { value, target } = follow(walker, walker.root);
  return new Node(value, undefined, undefined, target);
}

export function childOf(walker: Walker, parent: Node, key: string | number): Node | undefined {
  const v = parent.value;
  let raw: unknown;
  let index = key;
  if (Array.isArray(v) && typeof key === "number") {
    index = key < 0 ? v.length + key : key;
    if (index < 0 || index >= v.length) return undefined;
    raw = v[index];
  } else if (isObject(v) && typeof key === "string" && Object.prototype.hasOwnProperty.call(v, key)) raw = v[key];
  else return undefined;
  const { value, target } = follow(walker, raw);
  return new Node(value, index, parent, target);
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
      // On an object an index is a property name (`responses[default,400]`), as jsonpath-plus reads it.
      const c = Array.isArray(v) ? childOf(walker, node, selector.index) : isObject(v) ? childOf(walker, node, String(selector.index)) : undefined;
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
        child: (value: unknown, step: string | number) => childOf(walker, new Node(value, undefined, undefined), step)?.value,
      });
      return children(walker, node).filter((c) => test(selector.expr, scope(c)));
    }
  }
}

/**
 * The node and every object and array below it, in document order, each once (a loop, not recursion:
 * specs nest deep). Strings and numbers are left out: a selector after `..` picks children of containers.
 */
function descendants(walker: Walker, node: Node, seen: Set<unknown>, out: Node[]): void {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n.value;
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    out.push(n);
    const keys: Array<string | number> = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const raw = (v as Record<string | number, unknown>)[keys[i]!];
      if (typeof raw === "object" && raw !== null) stack.push(childOf(walker, n, keys[i]!)!);
    }
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
  let nodes: Node[] = [start ?? rootNode(walker)];
  for (const segment of path.segments) {
    if (segment.parent) {
      nodes = unique(nodes.flatMap((n) => (n.parent ? [n.parent] : [])), false);
      continue;
    }
    let inputs = nodes;
    if (segment.descendant) {
      const seen = new Set<unknown>();
      inputs = [];
      for (const n of nodes) descendants(walker, n, seen, inputs);
    }
    const last = segment === path.segments.at(-1);
    if (segment.selectors.length === 0) {
      nodes = unique(inputs, last && path.keys);
      continue;
    }
    nodes = unique(inputs.flatMap((n) => segment.selectors.flatMap((s) => select(walker, n, s))), last && path.keys);
  }
  if (!path.keys) return nodes;
  return nodes.filter((n) => n.key !== undefined).map((n) => n.keyAsValue());
}
