/**
 * A 3.0 document's `x-webhooks`: OpenAPI 3.0 has no webhooks, and GitHub's REST description (with Redocly,
 * which types it as 3.1's `webhooks` in 3.0 documents only) keeps its webhooks there. One rule, for `generate`
 * and `diff` (upgrade/x-webhooks.ts) and `lint` (rules/shared.ts) alike: in a 3.0 document, an `x-webhooks`
 * that is a mapping whose every entry is a path item (a mapping, possibly `{ $ref }`) is read as `webhooks`,
 * unless the document also has `webhooks` (then those are its webhooks, and `x-webhooks` is ignored). An
 * extension may hold anything (`note: "see ..."`, a `$ref` in place of the whole): one with any entry that is
 * not a path item is not taken for webhooks, and is ignored whole (reading the path items beside such an
 * entry would guess at what the author meant). In 3.1 and 3.2, which have `webhooks`, `x-webhooks` is an
 * extension as any other.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { escapeSegment } from "./pointer.js";
import { setOwn } from "./own.js";

export const X_WEBHOOKS = "x-webhooks";

/** What becomes of `document["x-webhooks"]`: read as `webhooks`, ignored (and why: `generate` warns, lint's `x-webhooks-ignored` reports), or there is none to read. */
export type XWebhooks = { read: JsonObject } | { ignored: Ignored } | undefined;

/** Why `x-webhooks` is ignored, and `at`: the pointer to report at (`/x-webhooks`, or the entry that is no path item). */
export interface Ignored {
  message: string;
  help: string;
  at: string;
}

/** `version`: the document's `openapi` as written (lint's document is already normalized to 3.1). */
export function xWebhooksOf(document: JsonObject, version: string): XWebhooks {
  const hooks = document[X_WEBHOOKS];
  if (hooks === undefined || !version.startsWith("3.0.")) return undefined;
  const at = `/${X_WEBHOOKS}`;
  if (!isObject(hooks)) {
    return { ignored: { message: `\`x-webhooks\` is ${what(hooks)}, not a mapping of webhooks: it is ignored`, help: "write `x-webhooks` as a mapping from each webhook's name to its path item, or remove it", at } };
  }
  const odd = Object.keys(hooks).filter((name) => !isObject(hooks[name]));
  if (odd.length > 0) return { ignored: notPathItems(hooks, odd) };
  if (document.webhooks !== undefined) {
    return {
      ignored: {
        message: "the document has both `webhooks` and `x-webhooks`: its webhooks are read from `webhooks`, and `x-webhooks` is ignored",
        help: "keep one: `x-webhooks` in an OpenAPI 3.0 document (`webhooks` is 3.1's), or `webhooks` after declaring `openapi: 3.1.0`",
        at,
      },
    };
  }
  return { read: hooks };
}

/** `x-webhooks` with entries (`odd`, in written order) that are no path item: ignored whole, reported at the first. */
function notPathItems(hooks: JsonObject, odd: string[]): Ignored {
  const [first] = odd as [string, ...string[]];
  const at = `/${X_WEBHOOKS}/${escapeSegment(first)}`;
  const more = odd.length > 1 ? ` (and ${odd.length - 1} more entr${odd.length > 2 ? "ies" : "y"}: ${odd.slice(1, 4).map((n) => `'${n}'`).join(", ")}${odd.length > 4 ? ", ..." : ""})` : "";
  const notFollowed = first === "$ref" ? "; a `$ref` in place of the whole mapping is not followed" : "";
  return {
    message: `\`x-webhooks\` entry '${first}' is ${what(hooks[first])}, not a path item${more}${notFollowed}: \`x-webhooks\` is read as webhooks only when every entry is a path item, so the whole of \`x-webhooks\` is ignored`,
    help: `${first === "$ref" ? "write the webhooks in place, each a path item or a `$ref` to one (`name: { $ref: './hooks.yaml#/x-webhooks/name' }`)" : "write every entry as a webhook's path item (a mapping of operations, or `{ $ref: ... }` to one) and move the others elsewhere"}; an \`x-webhooks\` not meant as webhooks can stay as it is`,
    at,
  };
}

function what(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

/** The `x-webhooks` a 3.0 document's webhooks are read from, if any. */
export function webhooksExtension(document: JsonObject, version: string): JsonObject | undefined {
  const found = xWebhooksOf(document, version);
  return found && "read" in found ? found.read : undefined;
}

/** `/webhooks/...` for a pointer under `/x-webhooks` (where a 3.0 document's webhooks are read), else undefined. */
export function asReadPointer(pointer: string): string | undefined {
  return pointer === `/${X_WEBHOOKS}` || pointer.startsWith(`/${X_WEBHOOKS}/`) ? `/webhooks${pointer.slice(X_WEBHOOKS.length + 1)}` : undefined;
}

/** `/x-webhooks/...` for a pointer under `/webhooks` (where a 3.0 document's webhooks are written), else the pointer. */
export function asWrittenPointer(pointer: string): string {
  return pointer === "/webhooks" || pointer.startsWith("/webhooks/") ? `/${X_WEBHOOKS}${pointer.slice("/webhooks".length)}` : pointer;
}

/** The document's keys in order, `webhooks` (holding `hooks`) in place of `x-webhooks`: the document as read. */
export function withWebhooks(document: JsonObject, hooks: unknown, value: (key: string, v: unknown) => unknown = (_k, v) => v): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(document)) setOwn(out, key === X_WEBHOOKS ? "webhooks" : key, key === X_WEBHOOKS ? value(key, hooks) : value(key, document[key]));
  return out;
}
