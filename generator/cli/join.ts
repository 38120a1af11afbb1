/**
 * `specforge join <spec> <spec>...`: several OpenAPI specs as one (as `redocly join` does), for a gateway or
 * a portal that takes one spec of many services. Each spec is read as `specforge bundle` reads it (a
 * Swagger 2.0 one upgraded to 3.0, its `$ref`s to other files brought in), then joined (join/join.ts). The
 * output is written whole or not at all: a conflict leaves a previous output as it was.
 */
import { formatDiagnostic, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { baseNameOf, resolveInput } from "../load/location.js";
import { writeOutput } from "./output-file.js";
import { bundledSpec, documentText, formatOf } from "./bundled-spec.js";
import { refRootFolders } from "./ref-root-option.js";
import { joinDocuments } from "../join/join.js";
import type { JoinInput } from "../join/input.js";

const HELP = `Usage:
  specforge join <spec> <spec>... [--output <file>] [--format yaml|json] [--prefix-components-with-info-prop <prop>]
                 [--prefix-tags-with-info-prop <prop> | --prefix-tags-with-filename] [--without-x-tag-groups] [--ref-root <dir>]...

Joins two or more specs (files or http(s) URLs, each bundled: its $refs to other files brought in) into one. The first
is the main one: the output's openapi version, info, servers, security and externalDocs are its; where another
spec's root servers or security differ, they are written into its own path items and operations. Paths, webhooks,
tags and components are joined in the order the specs are given. The same method of a path in two specs, an
operationId two specs use, or a component two specs define differently is an error naming both places, and
nothing is written. 3.0 specs join 3.0 ones only (Swagger 2.0 is read as 3.0); 3.1 and 3.2 specs join each other,
a 3.2 one first (the output says the first spec's version).
Prints to stdout without --output.

Options:
  --output, -o <file>   write the joined spec to this file (replaced whole, only when joining succeeds)
  --format <format>     yaml or json (default: the --output file's extension, else the first spec's format)
  --prefix-components-with-info-prop <prop>
                        name every component of each spec <value of its info.<prop>>_<name> (title, version, ...),
                        and every $ref, discriminator mapping and security requirement naming it
  --prefix-tags-with-info-prop <prop>
                        name every tag of each spec <value of its info.<prop>>_<tag> (x-displayName keeps the tag)
  --prefix-tags-with-filename
                        name every tag of each spec <its file name>_<tag> (the specs' file names must differ)
  --without-x-tag-groups
                        write no x-tagGroups, not even a spec's own (by default: one group per spec, named by
                        its info.title, in place of the specs' own x-tagGroups, with a warning)
  --ref-root <dir>      a folder outside a spec's own from which refs may load files (repeatable)
`;

export async function runJoin(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length < 2) throw usage(`expected two or more specs, got ${positionals.length}`, "run 'specforge join <spec> <spec>... [--output <file>]'");
  if (values["prefix-tags-with-filename"] && values["prefix-tags-with-info-prop"] !== undefined) {
    throw usage("--prefix-tags-with-filename and --prefix-tags-with-info-prop both name the tags' prefix", "give one of them");
  }
  const specs = positionals.map((p) => resolveInput(p));
  // the same spec twice would be reported as each of its operations conflicting with itself
  specs.forEach((spec, i) => {
    const first = specs.indexOf(spec);
    const as = positionals[i] === positionals[first] ? "" : ` (again as '${positionals[i]}')`;
    if (first < i) throw usage(`the spec '${positionals[first]}' is given twice${as}`, "give each spec once");
  });
  const format = formatOf(values.format, values.output, specs[0]!);
  const refRoots = refRootFolders(values["ref-root"]);
  const inputs: JoinInput[] = [];
  const problems: Diagnostic[] = [];
  // every spec is read before any problem is reported: all of them at once, not one per run
  for (const spec of specs) {
    try {
      const { bundled, warnings } = await bundledSpec(spec, { refRoots });
      for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
      inputs.push({ fileName: baseNameOf(spec), document: bundled.document, sources: bundled.sources, renamed: new Map() });
    } catch (e) {
      if (!(e instanceof SpecforgeError)) throw e;
      problems.push(...e.diagnostics);
    }
  }
  if (problems.length > 0) throw new SpecforgeError(problems);
  const { document, warnings } = joinDocuments(inputs, {
    prefixComponentsWithInfoProp: values["prefix-components-with-info-prop"],
    prefixTagsWithInfoProp: values["prefix-tags-with-info-prop"],
    prefixTagsWithFilename: values["prefix-tags-with-filename"],
    withoutXTagGroups: values["without-x-tag-groups"],
  });
  for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  writeOutput(values.output, documentText(document, format));
  return 0;
}

function parseOptions(argv: string[]) {
  return parseCommandLine("join", {
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      format: { type: "string" },
      "prefix-components-with-info-prop": { type: "string" },
      "prefix-tags-with-info-prop": { type: "string" },
      "prefix-tags-with-filename": { type: "boolean", default: false },
      "without-x-tag-groups": { type: "boolean", default: false },
      "ref-root": { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
