/**
 * What a parsed JSON value may not hold: nesting deeper than `maxDepth` (before any validator or handler
 * recurses into it), `__proto__` keys and `constructor.prototype` (however escaped in the text), so no later
 * merge or copy can reach a prototype. One iterative walk; shared by bodies and by parameters whose members
 * travel as JSON text.
 */
export function jsonLimitBroken(value: unknown, maxDepth: number): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const stack = STACK;
  let top = 0;
  let high = 2;
  stack[top++] = value;
  stack[top++] = 1;
  try {
    while (top) {
      const d = stack[--top] as number;
      const v = stack[--top] as object;
      if (d > maxDepth) return `is nested deeper than ${maxDepth} levels`;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item !== null && typeof item === "object") {
            stack[top++] = item;
            stack[top++] = d + 1;
          }
        }
      } else {
        for (const k in v) {
          const child = (v as Record<string, unknown>)[k];
          if (forbiddenMember(k, child)) return `has a forbidden key '${k}'`;
          if (child !== null && typeof child === "object") {
            stack[top++] = child;
            stack[top++] = d + 1;
          }
        }
      }
      if (top > high) high = top;
    }
    return undefined;
  } finally {
    // no request's values stay reachable from here (a walk cut short left some above the mark)
    if (top > high) high = top;
    // a big body's room is let go, not kept for the small ones
    if (high > 1024) stack.length = 0;
    else for (let i = 0; i < high; i++) stack[i] = undefined;
  }
}

/**
 * The walk's pending values and their depths, side by side, in one list kept from call to call and never
 * shortened: lists made per body (and grown, and trimmed as they empty) were most of what a small JSON
 * request allocated here. The walk never calls out, so no other walk runs while one does.
 */
const STACK: unknown[] = [];

/** A member no merge may meet: `__proto__`, or `constructor` holding a `prototype`. */
export function forbiddenMember(key: string, value: unknown): boolean {
  return key === "__proto__" || (key === "constructor" && value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "prototype"));
}
