/**
 * `specforge bundle <spec>`: the spec and every file its `$ref`s reach, as one document whose refs are all
 * local (the bundle stage `specforge generate` runs, as `redocly bundle` does), for tools that read one file.
 * The output is written whole or not at all: a bad ref leaves a previous bundle as it was.
 */
import path from "node:path";
import { stringify } from "yaml";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { bundle } from "../bundle/bundle.js";
import { loadSpec } from "../load/load-spec.js";
import { upgrade } from "../upgrade/upgrade.js";
import { isRemote, resolveInput } from "../load/location.js";
import { fetchHeadersFor } from "./config-fetch.js";
import { isObject } from "../openapi/kinds.js";
import { webhooksExtension } from "../openapi/x-webhooks.js";
import { writtenVersion } from "../load/source-file.js";
import { writeOutput } from "./output-file.js";
import { overlayFiles } from "./overlay-option.js";
import { removeUnusedComponents } from "../filter/filter.js";
import { printable } from "../diagnostics/printable.js";

const HELP = `Usage:
  specforge bundle <spec> [--output <file>] [--format yaml|json] [--ref-root <dir>]... [--overlay <file>]... [--remove-unused-components]

<spec> is a file or an http(s) URL. Writes <spec> with every file its $refs reach brought in: path items in place, everything else under
components (named after the file's schema), so every $ref is local. Prints to stdout without --output.

Options:
  --output <file>     write the bundle to this file (replaced whole, only when bundling succeeds)
  --format <format>   yaml or json (default: the --output file's extension, else the spec's format)
  --ref-root <dir>    a folder outside the spec's own from which refs may load files (repeatable)
  --overlay <file>    an OpenAPI Overlay (1.0 or 1.1) applied to the spec first (repeatable, in order):
                      the bundle is the overlaid spec
  --remove-unused-components
                      leave out the components nothing in the paths, webhooks or other top-level parts
                      refers to, however indirectly (Redocly's option); security schemes stay
`;

const FORMATS = ["yaml", "json"] as const;
type Format = (typeof FORMATS)[number];

export async function runBundle(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usage(`expected one spec, got ${positionals.length} argument(s)`, "run 'specforge bundle <spec> [--output <file>]'");
  const input = resolveInput(positionals[0]!);
  const format = formatOf(values.format, values.output, isRemote(input) ? new URL(input).pathname : input);
  const { root, refs, warnings = [] } = upgrade(await loadSpec(input, { refRoots: values["ref-root"], fetchHeaders: await fetchHeadersFor([input]), overlays: overlayFiles(values.overlay) }));
  // a 3.0 document's `x-webhooks` (when read as webhooks: openapi/x-webhooks.ts) are bundled in place as
  // `webhooks` would be; before, their refs to other files were left pointing at files the bundle does not keep
  const bundled = bundle(root, { refs, xWebhooks: isObject(root.value) && webhooksExtension(root.value, writtenVersion(root)) !== undefined });
  for (const w of [...warnings, ...bundled.diagnostics]) process.stderr.write(`${formatDiagnostic(w)}\n`);
  if (values["remove-unused-components"]) {
    const removed = removeUnusedComponents(bundled.document);
    process.stderr.write(`specforge bundle: ${removed.length} unused component(s) left out${removed.length ? `: ${printable(removed.slice(0, 5).map((p) => p.slice(1)).join(", "))}${removed.length > 5 ? ", ..." : ""}` : ""}\n`);
  }
  const text = format === "json"
    ? `${JSON.stringify(bundled.document, null, 2)}\n`
    // Shared objects are written out at each place, as in the files: no YAML anchors a reader must follow.
    : stringify(bundled.document, { aliasDuplicateObjects: false, lineWidth: 0 });
  if (values.output === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeOutput(path.resolve(values.output), text);
  return 0;
}

function formatOf(given: string | undefined, output: string | undefined, input: string): Format {
  if (given !== undefined) {
    if (!(FORMATS as readonly string[]).includes(given)) throw usage(`unknown format '${given}'`, `use one of: ${FORMATS.join(", ")}`);
    return given as Format;
  }
  const file = output ?? input;
  return /\.json$/i.test(file) ? "json" : "yaml";
}

function parseOptions(argv: string[]) {
  return parseCommandLine("bundle", {
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      format: { type: "string" },
      "ref-root": { type: "string", multiple: true },
      overlay: { type: "string", multiple: true },
      "remove-unused-components": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
