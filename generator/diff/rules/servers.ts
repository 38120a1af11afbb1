/** Server URLs (document, path item or operation level): where clients send requests. */
import { isObject } from "../../openapi/kinds.js";
import { child, NOT_BREAKING, q, type DiffContext } from "../context.js";

function urlsOf(list: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(list)) return out;
  list.forEach((s, i) => {
    if (isObject(s) && typeof s.url === "string") out.set(s.url.replace(/\/+$/, ""), i);
  });
  return out;
}

/** Compares two `servers` lists; `label` names whose they are. */
export function compareServers(ctx: DiffContext, b: unknown, bPtr: string, h: unknown, hPtr: string, label: string): void {
  const bu = urlsOf(b);
  const hu = urlsOf(h);
  for (const [url, i] of bu) {
    if (hu.has(url)) continue;
    ctx.emit("server-removed", `${label}: server ${q(url)} removed (clients configured with it must move)`, { client: true, server: false }, { base: child(bPtr, String(i)), head: hPtr });
  }
  for (const [url, i] of hu) {
    if (bu.has(url)) continue;
    ctx.emit("server-added", `${label}: server ${q(url)} added`, NOT_BREAKING, { base: bPtr, head: child(hPtr, String(i)) });
  }
}
