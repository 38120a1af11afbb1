/**
 * Visits every typed object of a document (each once) with its JSON pointer, using `kinds.ts`; `kind`:
 * what the value given is, when it is a part of a document (a file a `$ref` names).
 */
import { childrenOf, isObject, type JsonObject, type Kind } from "./kinds.js";
import { escapeSegment } from "./pointer.js";

export function forEachNode(document: JsonObject, fn: (node: JsonObject, kind: Kind, pointer: string) => void, kind: Kind = "Root"): void {
  const seen = new Set<object>();
  const visit = (value: unknown, kind: Kind, pointer: string): void => {
    if (!isObject(value) || seen.has(value)) return;
    seen.add(value);
    fn(value, kind, pointer);
    for (const child of childrenOf(value, kind)) visit(child.value, child.kind, pointer + child.segments.map((s) => `/${escapeSegment(s)}`).join(""));
  };
  visit(document, kind, "");
}

/** Calls `f` with every string `$ref` in `values`, anywhere (schemas, examples and extensions alike), and the object holding it. */
export function forEachRef(values: unknown[], f: (ref: string, holder: JsonObject) => void): void {
  const stack = [...values];
  while (stack.length > 0) {
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    for (const k in v) {
      const item = (v as JsonObject)[k];
      if (item && typeof item === "object") stack.push(item);
      else if (k === "$ref" && typeof item === "string") f(item, v as JsonObject);
    }
  }
}
