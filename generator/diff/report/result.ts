/** What the reporters print: one comparison per head spec. */
import { shownSide, type Change } from "../change.js";
import type { Location } from "../../diagnostics/diagnostic.js";

export interface DiffResult {
  /** How to name the base (a file, or `<ref>:<path>`). */
  base: string;
  head: string;
  /** Set when there was nothing to compare (the spec is new at the base ref). */
  note?: string;
  changes: Change[];
  /** Changes left out because the ignore file accepts them (they are not in `changes`). */
  accepted?: { count: number; file: string };
  /** The additional operations' methods of both specs (`LINK`): what the ignore file's methods are checked against. Not printed. */
  additionalMethods?: ReadonlySet<string>;
}

/** Breaking for clients first, then for servers, then the rest; the rules' order within each. */
export function ordered(changes: readonly Change[]): Change[] {
  const rank = (c: Change) => (c.breaking.client ? 0 : c.breaking.server ? 1 : 2);
  return changes.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i).map((x) => x.c);
}

export function where(c: Change): string {
  const loc: Location | undefined = c.location;
  if (loc?.line !== undefined) return `${loc.file ?? ""}:${loc.line}:${loc.column ?? 1}`;
  return `#${shownSide(c)?.pointer ?? ""}`;
}

export function levelOf(c: Change): string {
  if (c.breaking.client && c.breaking.server) return "breaking for clients and servers";
  if (c.breaking.client) return "breaking for clients";
  if (c.breaking.server) return "breaking for servers";
  return "not breaking";
}
