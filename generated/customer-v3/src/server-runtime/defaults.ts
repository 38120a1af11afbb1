/**
 * Schema `default`s filled into a request before it is validated, as Fastify (ajv's `useDefaults`) does: an
 * absent property gets a copy of its default, so a handler reads `query.limit` as the spec says it is when
 * the client leaves it out. Where defaults are comes from the route table (`DefaultsNode`), worked out at
 * generation; nothing here reads a schema.
 */
import { hasOwn, setOwn } from "./params.js";
import type { DefaultsNode, Validate } from "./types.js";

/** Fills `value`'s absent properties, at every level `nodes[at]` describes. The caller owns `value` (parsed from the request). */
export function fillDefaults(nodes: readonly DefaultsNode[], at: number, value: unknown): void {
  // a list, not recursion: a recursive schema's plan follows the value as deep as it goes
  const todo: [number, unknown][] = [[at, value]];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    const [i, v] = next;
    const node = nodes[i];
    if (!node || v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      if (node.items !== undefined) for (const item of v) todo.push([node.items, item]);
      continue;
    }
    const o = v as Record<string, unknown>;
    // a default is taken as written: not filled in turn (a recursive schema whose default holds itself would never end)
    let filled: string[] | undefined;
    if (node.fill) {
      for (const [name, d] of node.fill) {
        if (hasOwn(o, name)) continue;
        setOwn(o, name, d !== null && typeof d === "object" ? JSON.parse(JSON.stringify(d)) : d);
        (filled ??= []).push(name);
      }
    }
    if (node.members) for (const [name, n] of node.members) if (hasOwn(o, name) && !filled?.includes(name)) todo.push([n, o[name]]);
    if (node.others !== undefined) for (const k of Object.keys(o)) if (!node.named?.includes(k)) todo.push([node.others, o[k]]);
  }
}

/** `validate` that first fills the value's defaults. */
export function withDefaults(nodes: readonly DefaultsNode[], at: number | undefined, validate: Validate | undefined): Validate | undefined {
  if (at === undefined || !validate) return validate;
  return (value) => {
    fillDefaults(nodes, at, value);
    return validate(value);
  };
}
