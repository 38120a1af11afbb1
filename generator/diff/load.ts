/**
 * A spec read for comparison: the same load -> bundle -> normalize -> check as generation, so 3.0 and 3.1
 * and multi-file specs compare alike. Throws `SpecforgeError` (exit 2) on bad input.
 */
import { SpecforgeError } from "../diagnostics/diagnostic.js";
import { loadSpec, type LoadOptions } from "../load/load-spec.js";
import { upgrade } from "../upgrade/upgrade.js";
import { bundle } from "../bundle/bundle.js";
import { normalize } from "../normalize/normalize.js";
import { checkDocument, checkVersion } from "../check/check.js";
import type { DiffDocument } from "./context.js";

export type { LoadOptions };

export async function loadForDiff(file: string, options: LoadOptions = {}): Promise<DiffDocument & { displayPath: string }> {
  const { root, refs } = upgrade(await loadSpec(file, options));
  checkVersion(root);
  const bundled = bundle(root, { refs });
  const document = normalize(bundled.document);
  const errors = checkDocument(document, bundled.sources).filter((d) => d.severity === "error");
  if (errors.length) throw new SpecforgeError(errors);
  return { document, locate: (pointer) => bundled.sources.locate(pointer), displayPath: root.displayPath };
}
