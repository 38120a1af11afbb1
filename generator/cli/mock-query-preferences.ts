/**
 * Prism's query spelling of the mock's preferences (`?__code=404`, `__example=<name>`, `__dynamic=true`),
 * taken out of the query before the request reaches the generated handler and passed on as `Prefer`
 * preferences, which the mock reads alike (after the request's own, so the query's win, as before). Left in
 * the query they were parameters like any other, and an operation whose query is an exploded object closed
 * to other members (`additionalProperties: false`) refused them with a 400. A value `Prefer` cannot carry
 * (a comma, a semicolon, a quote, a space) stays in the query, where the mock still reads it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const NAMES = new Set(["__code", "__example", "__dynamic"]);

export function withQueryPreferences(listener: Listener): Listener {
  return (req, res) => {
    const url = req.url ?? "";
    const q = url.indexOf("?");
    if (q < 0 || !url.includes("__", q)) return listener(req, res);
    const kept: string[] = [];
    const preferences: string[] = [];
    for (const pair of url.slice(q + 1).split("&")) {
      const eq = pair.indexOf("=");
      const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
      const value = decoded(eq < 0 ? "" : pair.slice(eq + 1));
      if (name !== undefined && NAMES.has(name) && value !== undefined && /^[^\s,;"]*$/.test(value)) preferences.push(`${name.slice(2)}=${value}`);
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
