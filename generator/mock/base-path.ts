/**
 * The path a spec's server puts before every operation's (`https://api.example.com/v2` → `/v2`), which
 * a generated client's default `baseUrl` carries: the mock answers under it as well as at the root, so a
 * client pointed at `http://127.0.0.1:4010/v2` works as one pointed at the root (Prism ignores `servers`
 * and answers such a client 404, its most asked-about limit).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ApiIR } from "../ir/types.js";
import { urlWithDefaults } from "../openapi/server-url.js";

/** The first server's path (its variables at their defaults), without a trailing slash; undefined at the root. */
export function serverBasePath(ir: ApiIR): string | undefined {
  const server = ir.servers[0];
  if (!server) return undefined;
  const url = urlWithDefaults(server.url, server.variables);
  let pathname: string;
  try {
    pathname = new URL(url, "http://mock.invalid").pathname;
  } catch {
    return undefined;
  }
  return basePathOf(pathname);
}

/** `/v2/` → `/v2`; the root (`/`, ``) → undefined. */
export function basePathOf(pathname: string): string | undefined {
  const trimmed = pathname.replace(/\/+$/, "");
  return trimmed === "" ? undefined : trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/**
 * Whether a URL under `base` may be an operation's own (`/v2/items`, or `/{tenant}/items` for `/v2`): then
 * taking `base` off would change which one answers.
 */
export function pathsUnder(ir: ApiIR, base: string): boolean {
  const wanted = base.split("/").slice(1);
  return ir.operations.some((op) => {
    const segments = op.path.split("/").slice(1);
    return segments.length >= wanted.length && wanted.every((w, i) => segments[i] === w || segments[i]!.includes("{"));
  });
}

/** Requests under `base` to `under` (a handler made with `basePath: base`), the others to `root`. */
export function underBasePath(base: string, under: RequestListener, root: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    if (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) under(req, res);
    else root(req, res);
  };
}
