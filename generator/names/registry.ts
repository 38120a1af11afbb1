/**
 * One namespace of exported names. Every identifier a package exports is decided here, once, before
 * any emitter runs (hey-api's worst bugs came from names decided piecemeal). A taken name gets the
 * lowest free numeric suffix, so the result depends only on the order of requests, which is document order.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  /** Claims `name` exactly; returns false when it is already taken. */
  claim(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  /** Claims `base`, or `base2`, `base3`, ... */
  allocate(base: string): string {
    if (this.claim(base)) return base;
    for (let n = 2; ; n++) {
      const candidate = `${base}${n}`;
      if (this.claim(candidate)) return candidate;
    }
  }
}
