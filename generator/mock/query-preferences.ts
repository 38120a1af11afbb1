/**
 * Prism's query spelling of the mock's preferences (`?__code=404`, `__example=<name>`, `__dynamic=true`,
 * and `__delay=<ms>` in the same spelling),
 * taken out of the query before the request reaches the generated handler and passed on as `Prefer`
 * preferences, which the mock reads alike (after the request's own, so the query's win, as before). Left in
 * the query they were parameters like any other, and an operation whose query is an exploded object closed
 * to other members (`additionalProperties: false`) refused them with a 400. A value `Prefer` cannot carry
 * (a comma, a semicolon, a quote, a space) stays in the query, where the mock still reads it, as does a
 * name the spec declares as a query parameter of its own.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const NAMES = new Set(["__code", "__example", "__dynamic", "__delay"]);

/** `declared`: the query parameter names of the spec's operations, which stay parameters. */
export function withQueryPreferences(listener: Listener, declared: ReadonlySet<string>): Listener {
  const names = new Set([...NAMES].filter((n) => !declared.has(n)));
  return (req, res) => {
    // a fragment is no part of the query (an HTTP client does not send one; a raw request may)
    const url = (req.url ?? "").split("#")[0]!;
    const q = url.indexOf("?");
    if (q < 0 || names.size === 0 || !/__|%5f/i.test(url.slice(q))) return listener(req, res);
    const kept: string[] = [];
    const preferences: string[] = [];
    for (const pair of url.slice(q + 1).split("&")) {
      const eq = pair.indexOf("=");
      const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
      const value = decoded(eq < 0 ? "" : pair.slice(eq + 1));
      if (name !== undefined && names.has(name) && value !== undefined && /^[^\s,;"]*$/.test(value)) preferences.push(`${name.slice(2)}=${value}`);
      else kept.push(pair);
    }
    if (preferences.length) {
      req.url = url.slice(0, q) + (kept.length ? `?${kept.join("&")}` : "");
      const given = req.headers.prefer;
      req.headers.prefer = [given, ...preferences].filter(Boolean).join(", ");
    }
    listener(req, res);
  };
}

/** A query name or value as URLSearchParams reads it (`+` a space); undefined when not validly encoded. */
function decoded(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
