/**
 * Upgrade stage, for `generate` and `diff`: a 3.0 document's `x-webhooks` (openapi/x-webhooks.ts says
 * when) becomes its `webhooks` before bundling, so every later stage and every target (types, validators,
 * the client's webhook sender, the server's webhook receiver, the README) reads them as it reads 3.1's, and
 * the bundle follows their refs. The root keeps its text: a pointer under `/webhooks` is placed and named under `/x-webhooks`,
 * where it is written, and a `$ref` to `#/x-webhooks/...` reaches it (`valuePointer`). Lint reads
 * `x-webhooks` where it is (rules/shared.ts, bundle's `xWebhooks`); `specforge bundle` writes the document as
 * given (a 3.0 document with `webhooks` would not be 3.0).
 */
import type { LoadedSpec } from "../load/load-spec.js";
import { locateEach, placeOf, writtenVersion, type SourceFile } from "../load/source-file.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { asReadPointer, asWrittenPointer, withWebhooks, xWebhooksOf } from "../openapi/x-webhooks.js";
import { warning } from "../diagnostics/diagnostic.js";

export function readXWebhooks(loaded: LoadedSpec): LoadedSpec {
  const doc = loaded.root.value;
  if (!isObject(doc) || typeof doc.openapi !== "string") return loaded;
  // a Swagger 2.0 document's `x-webhooks` are not 3.0's text: the upgrade left them as written
  const found = xWebhooksOf(doc, writtenVersion(loaded.root));
  if (found === undefined) return loaded;
  if ("ignored" in found) {
    // the upgrade's own list (a Swagger 2.0 spec's fragments add theirs to it as the bundle reads them)
    const warnings = loaded.warnings ?? [];
    warnings.push(warning("upgrade/x-webhooks-ignored", found.ignored.message, placeOf(loaded.root, found.ignored.at), found.ignored.help));
    return { ...loaded, warnings };
  }
  // a new root mapping, `webhooks` where `x-webhooks` was; the values are the file's (the bundle works on them in place, as on any root's)
  return { ...loaded, root: renamedRoot(loaded.root, withWebhooks(doc, found.read)) };
}

/** `file` holding `value`, whose `/webhooks` is the file's `/x-webhooks` (after any earlier upgrade's moves). */
function renamedRoot(file: SourceFile, value: JsonObject): SourceFile {
  const asWritten = asWrittenPointer;
  const locate = (pointer: string) => file.locate(asWritten(pointer));
  return {
    ...file,
    value,
    writtenPointer: (pointer) => file.writtenPointer?.(asWritten(pointer)) ?? asWritten(pointer),
    // a `$ref` to `#/x-webhooks/...` names a webhook (as one to `#/webhooks/...` does in 3.1)
    valuePointer: (pointer) => asReadPointer(pointer) ?? file.valuePointer?.(pointer) ?? pointer,
    locate,
    locateMany: (pointers) => locateEach(locate, pointers),
  };
}
