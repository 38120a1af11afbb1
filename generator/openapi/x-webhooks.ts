/**
 * A 3.0 document's `x-webhooks`: OpenAPI 3.0 has no webhooks, and GitHub's REST description (with Redocly,
 * which types it as 3.1's `webhooks` in 3.0 documents only) keeps its webhooks there. One rule, for `generate`
 * and `diff` (upgrade/x-webhooks.ts) and `lint` (rules/shared.ts) alike: in a 3.0 document, a mapping `x-webhooks` is
 * read as `webhooks`, unless the document also has `webhooks` (then those are its webhooks, and
 * `x-webhooks` is ignored). In 3.1 and 3.2, which have `webhooks`, `x-webhooks` is an extension as any other.
 */
import { isObject, type JsonObject } from "./kinds.js";

export const X_WEBHOOKS = "x-webhooks";

/** What becomes of `document["x-webhooks"]`: read as `webhooks`, ignored (and why: `generate` warns, lint's `x-webhooks-ignored` reports), or there is none to read. */
export type XWebhooks = { read: JsonObject } | { ignored: { message: string; help: string } } | undefined;

/** `version`: the document's `openapi` as written (lint's document is already normalized to 3.1). */
export function xWebhooksOf(document: JsonObject, version: string): XWebhooks {
  const hooks = document[X_WEBHOOKS];
  if (hooks === undefined || !version.startsWith("3.0.")) return undefined;
  if (!isObject(hooks)) {
    const what = hooks === null ? "null" : Array.isArray(hooks) ? "a list" : `a ${typeof hooks}`;
    return { ignored: { message: `\`x-webhooks\` is ${what}, not a mapping of webhooks: it is ignored`, help: "write `x-webhooks` as a mapping from each webhook's name to its path item, or remove it" } };
  }
  if (document.webhooks !== undefined) {
    return {
      ignored: {
        message: "the document has both `webhooks` and `x-webhooks`: its webhooks are read from `webhooks`, and `x-webhooks` is ignored",
        help: "keep one: `x-webhooks` in an OpenAPI 3.0 document (`webhooks` is 3.1's), or `webhooks` after declaring `openapi: 3.1.0`",
      },
    };
  }
  return { read: hooks };
}

/** The `x-webhooks` a 3.0 document's webhooks are read from, if any. */
export function webhooksExtension(document: JsonObject, version: string): JsonObject | undefined {
  const found = xWebhooksOf(document, version);
  return found && "read" in found ? found.read : undefined;
}
