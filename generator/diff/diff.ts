/**
 * `diffSpecs(base, head)`: every change between two versions of an API, classified for clients and for
 * servers. Pure: it reads the two documents (bundled and normalized, see `load.ts`) and returns data.
 */
import type { Change } from "./change.js";
import { DiffContext, type DiffDocument } from "./context.js";
import { compareOperations } from "./rules/operations.js";
import { compareSecuritySchemes } from "./rules/security.js";
import { compareServers } from "./rules/servers.js";
import { compareWebhooks } from "./rules/webhooks.js";

import type { DeprecationPolicy } from "./sunset.js";

export type { DiffDocument } from "./context.js";
export type { DeprecationPolicy } from "./sunset.js";

export interface DiffOptions {
  /**
   * Apply the deprecation policy (sunset.ts): the CLI does, with today's date. Without it every removal is
   * breaking, and the result does not depend on the date (generated packages' version bumps: a removed
   * method breaks code calling it whatever was announced).
   */
  deprecation?: DeprecationPolicy;
}

export function diffSpecs(base: DiffDocument, head: DiffDocument, options: DiffOptions = {}): Change[] {
  const ctx = new DiffContext(base, head, options.deprecation);
  compareServers(ctx, base.document.servers, "/servers", head.document.servers, "/servers", "the API");
  compareOperations(ctx);
  compareWebhooks(ctx);
  compareSecuritySchemes(ctx);
  return ctx.changes;
}
