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

export type { DiffDocument } from "./context.js";

export function diffSpecs(base: DiffDocument, head: DiffDocument): Change[] {
  const ctx = new DiffContext(base, head);
  compareServers(ctx, base.document.servers, "/servers", head.document.servers, "/servers", "the API");
  compareOperations(ctx);
  compareWebhooks(ctx);
  compareSecuritySchemes(ctx);
  return ctx.changes;
}
