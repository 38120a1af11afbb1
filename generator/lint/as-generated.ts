/**
 * Lint's document as `generate` reads it, for the rules that run generation's check and IR stages
 * (rules/generator.ts): a 3.0 document's `x-webhooks`, when read as webhooks (openapi/x-webhooks.ts), is its
 * `webhooks`, as upgrade/x-webhooks.ts makes it before generation bundles, and a `$ref` to one of them
 * (`#/x-webhooks/...`, which lint's bundle leaves as written) reads `#/webhooks/...`, as generation's bundle
 * rewrites it (so the IR says once what a webhook and a callback sharing its path item both hold). Pointers
 * under `/webhooks` are located under `/x-webhooks`, where they are written.
 */
import type { SourceMap } from "../bundle/source-map.js";
import type { JsonObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";
import { fragmentOf, pointerFromFragment } from "../openapi/pointer.js";
import { asReadPointer, withWebhooks, X_WEBHOOKS } from "../openapi/x-webhooks.js";
import type { LintContext } from "./types.js";

export function asGenerated(ctx: Pick<LintContext, "document" | "sources" | "xWebhooks">): { document: JsonObject; sources: SourceMap } {
  if (!ctx.xWebhooks) return { document: ctx.document, sources: ctx.sources };
  const done = new Map<object, unknown>();
  const document = withWebhooks(ctx.document, ctx.xWebhooks, (_key, value) => renameRefs(value, done));
  return { document, sources: ctx.sources.renamed("/webhooks", `/${X_WEBHOOKS}`) };
}

/** `#/webhooks/...` for a `$ref` to `#/x-webhooks/...`; undefined for any other. */
function renamedRef(ref: string): string | undefined {
  const pointer = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
  const read = pointer === undefined ? undefined : asReadPointer(pointer);
  return read === undefined ? undefined : fragmentOf(read);
}

/**
 * `value` with every `$ref` to `#/x-webhooks/...` renamed: objects holding none are the document's own, the
 * others shallow copies (the document, which lint's other rules read, is left as it is). `done`: each object
 * once (a shared one stays shared).
 */
function renameRefs(value: unknown, done: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = done.get(value);
  if (known !== undefined) return known;
  done.set(value, value); // until done, itself (a cycle ends here)
  const list = Array.isArray(value);
  let copy: Record<string, unknown> | unknown[] | undefined;
  for (const [key, child] of list ? value.entries() : Object.entries(value)) {
    const next = !list && key === "$ref" && typeof child === "string" ? (renamedRef(child) ?? child) : renameRefs(child, done);
    if (next === child) continue;
    copy ??= list ? [...value] : Object.defineProperties({}, Object.getOwnPropertyDescriptors(value));
    if (Array.isArray(copy)) copy[key as number] = next;
    else setOwn(copy, String(key), next);
  }
  done.set(value, copy ?? value);
  return copy ?? value;
}
