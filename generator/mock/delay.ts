/**
 * `specforge mock --delay <ms>|<min>-<max>`: every answer waits that long (a range: a uniform draw per
 * request, the same sequence on every start with --seed), so a front end can be tried against a slow API
 * (Prism #1140 asks for it). A request's own `Prefer: delay=<ms>` (or Prism-style `?__delay=<ms>`) sets its
 * wait, 0 for none. The wait comes before the request is read; a client that goes away meanwhile is never
 * answered. CORS preflights are answered outside this wrapper, at once.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { preferencesOf } from "./prefer.js";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Longer than any client waits by default; a typo of a few zeros should not hold a request for an hour. */
export const MAX_DELAY_MS = 60_000;

export interface Delay {
  min: number;
  max: number;
}

export function withDelay(listener: Listener, delay: Delay | undefined, random: () => number): Listener {
  return (req, res) => {
    const ms = preferredDelay(req.headers.prefer) ?? (delay ? delay.min + Math.floor(random() * (delay.max - delay.min + 1)) : 0);
    if (ms <= 0) return listener(req, res);
    const timer = setTimeout(() => {
      res.off("close", gone);
      listener(req, res);
    }, ms);
    const gone = () => clearTimeout(timer);
    res.once("close", gone);
  };
}

/**
 * A request's `Prefer: delay=<ms>`, capped at MAX_DELAY_MS; undefined when it names none (or no number). The
 * last one wins: the query's `__delay` comes after the header's (query-preferences.ts), and the query
 * wins there as it does for `__code` and `__example`.
 */
function preferredDelay(prefer: string | string[] | undefined): number | undefined {
  if (!prefer) return undefined;
  let ms: number | undefined;
  for (const [name, value] of preferencesOf(prefer)) {
    if (name === "delay" && value !== undefined && /^\d{1,9}$/.test(value)) ms = Math.min(Number(value), MAX_DELAY_MS);
  }
  return ms;
}
