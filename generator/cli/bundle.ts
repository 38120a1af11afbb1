/**
 * `specforge bundle <spec>`: the spec and every file its `$ref`s reach, as one document whose refs are all
 * local (the bundle stage `specforge generate` runs, as `redocly bundle` does), for tools that read one file.
 * The output is written whole or not at all: a bad ref leaves a previous bundle as it was.
 */
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { resolveInput } from "../load/location.js";
import { writeOutput } from "./output-file.js";
import { overlayFiles } from "./overlay-option.js";
import { refRootFolders } from "./ref-root-option.js";
import { removeUnusedComponents } from "../filter/filter.js";
import { printable } from "../diagnostics/printable.js";
import { bundledSpec, documentText, formatOf } from "./bundled-spec.js";

const HELP = `Usage:
  specforge bundle <spec> [--output <file>] [--format yaml|json] [--ref-root <dir>]... [--overlay <file>]... [--remove-unused-components]

<spec> is a file or an http(s) URL. Writes <spec> with every file its $refs reach brought in: path items in place, everything else under
components (named after the file's schema), so every $ref is local. Prints to stdout without --output.

Options:
  --output, -o <file> write the bundle to this file (replaced whole, only when bundling succeeds)
  --format <format>   yaml or json (default: the --output file's extension, else the spec's format)
  --ref-root <dir>    a folder outside the spec's own from which refs may load files (repeatable)
  --overlay <file>    an OpenAPI Overlay (1.0 or 1.1) applied to the spec first (repeatable, in order):
                      the bundle is the overlaid spec
  --remove-unused-components
                      leave out the components nothing in the paths, webhooks or other top-level parts
                      refers to, however indirectly (Redocly's option); security schemes stay
`;

export async function runBundle(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usage(`expected one spec, got ${positionals.length} argument(s)`, "run 'specforge bundle <spec> [--output <file>]'");
  const input = resolveInput(positionals[0]!);
  const format = formatOf(values.format, values.output, input);
  const { bundled, warnings } = await bundledSpec(input, { refRoots: refRootFolders(values["ref-root"]), overlays: overlayFiles(values.overlay) });
  for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  if (values["remove-unused-components"]) {
    const removed = removeUnusedComponents(bundled.document);
    process.stderr.write(`specforge bundle: ${removed.length} unused component(s) left out${removed.length ? `: ${printable(removed.slice(0, 5).map((p) => p.slice(1)).join(", "))}${removed.length > 5 ? ", ..." : ""}` : ""}\n`);
  }
  writeOutput(values.output, documentText(bundled.document, format));
  return 0;
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
