/**
 * Setting a property whose name comes from a spec. `obj[name] = v` with `name === "__proto__"` replaces
 * the object's prototype instead of adding a property; spec text must never do that.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/** An own property's value, never one from the prototype (a spec's name may be `constructor` or `__proto__`). */
export function own<T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}
