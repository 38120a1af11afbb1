/**
 * An input's root `servers` and `security` apply to each of its operations. The joined document's are the
 * first input's, so where another input's say otherwise they are written into its path items (`servers`)
 * and operations (`security`) that do not say their own: joined, each operation is still served and
 * secured as its spec said (redocly-cli #2118: one root `servers` list for all made operations of one
 * service callable at another's URL). An input without root `servers` is served where the joined document
 * is; one without root `security` has open operations, written `security: []` when the first's is not.
 * A path item written as a `$ref` gets them where it points (input.ts pathItemsOf).
 */
import { canonical } from "../openapi/canonical.js";
import { operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { pathItemsOf, type JoinInput } from "./input.js";

export function moveRootSettingsDown(input: JoinInput, main: JsonObject): void {
  const { document } = input;
  const cache = new WeakMap<object, string>();
  const differs = (key: string) => canonical(document[key] ?? null, cache) !== canonical(main[key] ?? null, cache);
  const servers = Array.isArray(document.servers) && differs("servers") ? document.servers : undefined;
  const security = differs("security") ? (Array.isArray(document.security) ? document.security : []) : undefined;
  if (servers === undefined && security === undefined) return;
  for (const { key, item } of pathItemsOf(input)) {
    // a webhook is a request the API sends: the servers it is served from say nothing of it
    if (servers && key === "paths" && item.servers === undefined) item.servers = structuredClone(servers);
    if (!security) continue;
    for (const { operation } of operationsOfItem(item)) if (operation.security === undefined) operation.security = structuredClone(security);
  }
}
