/**
 * What `specforge bundle` and `specforge join` share: a spec read as bundle reads it (loaded, a Swagger 2.0
 * one upgraded, every `$ref` made local), and a document written out as YAML or JSON.
 */
import { stringify } from "yaml";
import { usage } from "./args.js";
import { bundle, type Bundled } from "../bundle/bundle.js";
import { loadSpec } from "../load/load-spec.js";
import { upgrade } from "../upgrade/upgrade.js";
import { isRemote, resolveInput } from "../load/location.js";
import { fetchHeadersFor } from "../config/fetch-headers.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { webhooksExtension } from "../openapi/x-webhooks.js";
import { writtenVersion } from "../load/source-file.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface BundledSpec {
  bundled: Bundled;
  /** What the upgrade and the bundle stages warn of, in that order. */
  warnings: Diagnostic[];
}

/** `input` (a file or an http(s) URL) bundled; throws `SpecforgeError` for a spec that cannot be. */
export async function bundledSpec(input: string, options: { refRoots?: string[]; overlays?: string[] } = {}): Promise<BundledSpec> {
  const location = resolveInput(input);
  const { root, refs, warnings = [] } = upgrade(await loadSpec(location, { refRoots: options.refRoots, fetchHeaders: await fetchHeadersFor([location]), overlays: options.overlays }));
  // a 3.0 document's `x-webhooks` (when read as webhooks: openapi/x-webhooks.ts) are bundled in place as
  // `webhooks` would be; before, their refs to other files were left pointing at files the bundle does not keep
  const bundled = bundle(root, { refs, xWebhooks: isObject(root.value) && webhooksExtension(root.value, writtenVersion(root)) !== undefined });
  return { bundled, warnings: [...warnings, ...bundled.diagnostics] };
}

const FORMATS = ["yaml", "json"] as const;
export type Format = (typeof FORMATS)[number];

/** `--format` if given, else by the `--output` file's extension, else by `input`'s (a spec's path or URL). */
export function formatOf(given: string | undefined, output: string | undefined, input: string): Format {
  if (given !== undefined) {
    if (!(FORMATS as readonly string[]).includes(given)) throw usage(`unknown format '${given}'`, `use one of: ${FORMATS.join(", ")}`);
    return given as Format;
  }
  const file = output ?? (isRemote(input) ? new URL(input).pathname : input);
  return /\.json$/i.test(file) ? "json" : "yaml";
}

export function documentText(document: JsonObject, format: Format): string {
  return format === "json"
    ? `${JSON.stringify(document, null, 2)}\n`
    // Shared objects are written out at each place, as in the files: no YAML anchors a reader must follow.
    : stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}
