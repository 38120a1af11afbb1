/**
 * What a set of changes means for a version number, for each side: `major` when something breaks it,
 * `minor` when something was added, `patch` otherwise (notes such as deprecations), `none` for no change.
 * Issue 7 bumps generated packages with it: a client package follows `client`, a server package `server`.
 */
import { RULES, type Change } from "./change.js";

export type Bump = "major" | "minor" | "patch" | "none";

export interface Summary {
  total: number;
  breakingForClients: number;
  breakingForServers: number;
  nonBreaking: number;
  client: Bump;
  server: Bump;
  /** The larger of the two: for a package both sides use (the types). */
  overall: Bump;
}

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
const max = (a: Bump, b: Bump): Bump => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

export function bumpOf(change: Change, side: "client" | "server"): Bump {
  return change.breaking[side] ? "major" : RULES[change.id].bump;
}

export function summarize(changes: readonly Change[]): Summary {
  let client: Bump = "none";
  let server: Bump = "none";
  for (const c of changes) {
    client = max(client, bumpOf(c, "client"));
    server = max(server, bumpOf(c, "server"));
  }
  return {
    total: changes.length,
    breakingForClients: changes.filter((c) => c.breaking.client).length,
    breakingForServers: changes.filter((c) => c.breaking.server).length,
    nonBreaking: changes.filter((c) => !c.breaking.client && !c.breaking.server).length,
    client,
    server,
    overall: max(client, server),
  };
}
