/** Security read off the IR, for the emitters that serve or send webhooks. */
import type { ApiIR } from "./types.js";

/** The security schemes the webhooks name: the receiver checks and the sender sends only these (the document's `security` is not theirs). */
export function webhookSchemes(ir: ApiIR): Set<string> {
  return new Set(ir.webhooks.flatMap((op) => op.security.flatMap((req) => Object.keys(req))));
}
