/**
 * A spec read for comparison: the same load -> upgrade -> bundle -> normalize -> check as generation, so 3.0
 * and 3.1 (a 3.0 document's `x-webhooks` as `webhooks`: upgrade/x-webhooks.ts) and multi-file specs compare
 * alike, and as `generate --bump` compares them. Throws `SpecforgeError` (exit 2) on bad input; what the
 * upgrade could not carry over (and so goes uncompared) comes back as `warnings`, as generate prints them.
 * With `filters`, only the operations they keep are compared; the entries that matched nothing come back
 * as `unmatched`.
 */
import { SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { loadSpec, type LoadOptions } from "../load/load-spec.js";
import { upgrade } from "../upgrade/upgrade.js";
import { readXWebhooks } from "../upgrade/x-webhooks.js";
import { bundle } from "../bundle/bundle.js";
import { normalize } from "../normalize/normalize.js";
import { checkDocument, checkVersion } from "../check/check.js";
import type { DiffDocument } from "./context.js";
import { filterOneOfTwo, type FilterProblem, type OperationFilters } from "../filter/filter.js";

export type { LoadOptions };

export interface DiffLoadOptions extends LoadOptions {
  /** The operations to compare, filtered where generate filters (after normalize, before the check). */
  filters?: OperationFilters;
}

export async function loadForDiff(file: string, options: DiffLoadOptions = {}): Promise<DiffDocument & { displayPath: string; warnings: Diagnostic[]; unmatched: FilterProblem[] }> {
  const { filters, ...load } = options;
  const { root, refs, warnings = [] } = readXWebhooks(upgrade(await loadSpec(file, load)));
  checkVersion(root);
  const bundled = bundle(root, { refs });
  const document = normalize(bundled.document);
  // what matched nothing here may match in the other spec: the caller decides (diff/filters.ts)
  const unmatched = filters ? filterOneOfTwo(document, filters, bundled.sources, "either spec") : [];
  const errors = checkDocument(document, bundled.sources).filter((d) => d.severity === "error");
  if (errors.length) throw new SpecforgeError(errors);
  // `warnings` is complete only now: the bundle adds the upgrade's findings in the fragments it reads
  return { document, locate: (pointer) => bundled.sources.locate(pointer), displayPath: root.displayPath, warnings, unmatched };
}
