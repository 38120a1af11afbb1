/**
 * A `filters` entry: an exact name, or a regular expression written `/source/flags` (hey-api's
 * `parser.filters` form, e.g. `/^GET \/api\/v1\//`). Parsed in one place for the config check (which
 * reports a bad pattern with its pointer) and the filter stage (which tests it).
 */

/** `/source/flags`, the flags limited to the letters JavaScript knows, so `/pets/{petId}` stays a name. */
const PATTERN = /^\/(.+)\/([dgimsuvy]*)$/s;

export type FilterEntry = { kind: "name"; name: string } | { kind: "pattern"; re: RegExp } | { kind: "invalid"; reason: string };

export function parseFilterEntry(entry: string): FilterEntry {
  const m = PATTERN.exec(entry);
  if (!m) return { kind: "name", name: entry };
  const [, source, flags] = m as unknown as [string, string, string];
  // test() with g or y starts where the last test ended: one name's result would depend on the one before.
  if (/[gy]/.test(flags)) return { kind: "invalid", reason: "the g and y flags make each test start where the last ended" };
  try {
    return { kind: "pattern", re: new RegExp(source, flags) };
  } catch (e) {
    return { kind: "invalid", reason: (e as Error).message };
  }
}
