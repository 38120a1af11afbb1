/**
 * Node module hooks of fresh-import.ts, run on Node's hooks thread. A module that a config's load imports by
 * path (`./base.mjs`, not a package) gets that load's `specforge-load` query, so that Node, which caches a
 * module by URL, reads it again; its own path imports follow. Each such module is posted to the loading thread.
 */
import type { InitializeHook, ResolveHook } from "node:module";
import type { MessagePort } from "node:worker_threads";

let port: MessagePort | undefined;

export const initialize: InitializeHook<{ port: MessagePort }> = (data) => {
  port = data.port;
};

export const resolve: ResolveHook = async (specifier, context, next) => {
  const load = context.parentURL && /[?&]specforge-load=(\d+)/.exec(context.parentURL)?.[1];
  if (!load || !/^(\.{0,2}\/|file:)/.test(specifier)) return next(specifier, context);
  // posted before the resolution is answered: the loading thread finds it queued once the import is done
  const read = (url: string) => port?.postMessage({ load: Number(load), url });
  let resolved: Awaited<ReturnType<typeof next>>;
  try {
    resolved = await next(specifier, context);
  } catch (e) {
    // a module not there (yet) is watched too: creating it runs again
    read(new URL(specifier, context.parentURL).href);
    throw e;
  }
  if (!resolved.url.startsWith("file:")) return resolved;
  read(resolved.url);
  const url = new URL(resolved.url);
  url.searchParams.set("specforge-load", load);
  return { ...resolved, url: url.href };
};
