/**
 * What a parsed JSON value may not hold: nesting deeper than `maxDepth` (before any validator or handler
 * recurses into it), `__proto__` keys and `constructor.prototype` (however escaped in the text), so no later
 * merge or copy can reach a prototype. One iterative walk; shared by bodies and by parameters whose members
 * travel as JSON text.
 */
export function jsonLimitBroken(value: unknown, maxDepth: number): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop() as object;
    const d = depths.pop()!;
    if (d > maxDepth) return `is nested deeper than ${maxDepth} levels`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && typeof item === "object") {
          stack.push(item);
          depths.push(d + 1);
        }
      }
      continue;
    }
    for (const k in v) {
      const child = (v as Record<string, unknown>)[k];
      if (forbiddenMember(k, child)) return `has a forbidden key '${k}'`;
      if (child !== null && typeof child === "object") {
        stack.push(child);
        depths.push(d + 1);
      }
    }
  }
  return undefined;
}

/** A member no merge may meet: `__proto__`, or `constructor` holding a `prototype`. */
export function forbiddenMember(key: string, value: unknown): boolean {
  return key === "__proto__" || (key === "constructor" && value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "prototype"));
}
