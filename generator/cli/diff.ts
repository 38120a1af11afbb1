/** `specforge diff`: two spec files, or head specs against a git revision; prints or writes a report. */
import path from "node:path";
import { formatDiagnostic, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { writeOutput } from "./output-file.js";
import { overlayFiles } from "./overlay-option.js";
import { diffSpecs, type DiffOptions } from "../diff/diff.js";
import { loadForDiff } from "../diff/load.js";
import type { Change } from "../diff/change.js";
import type { DiffResult } from "../diff/report/result.js";
import { stylish } from "../diff/report/stylish.js";
import { PLAIN, paletteFor } from "../diagnostics/colour.js";
import { json } from "../diff/report/json.js";
import { markdown } from "../diff/report/markdown.js";
import { github } from "../diff/report/github.js";
import { workspacePath } from "../diagnostics/ci-text.js";
import { junit } from "../diff/report/junit.js";
import { checkoutBase, type GitBase } from "./git-base.js";
import { isRemote } from "../load/location.js";
import { fetchHeadersFor } from "../config/fetch-headers.js";
import { additionalMethodsOf, applyDiffIgnore, IGNORE_FILE, readDiffIgnore, writeDiffIgnore } from "../diff/ignore.js";
import { displayPathOf } from "../load/source-file.js";
import { sectionConfig } from "./command-config.js";
import { withRuleLevels } from "../diff/rule-levels.js";
import type { JsonObject } from "../openapi/kinds.js";
import { diffFilters, FILTER_OPTIONS, unmatchedInEvery, type DiffFilters } from "../diff/filters.js";
import { filterEntryProblem } from "../filter/config-check.js";
import type { FilterProblem } from "../filter/filter.js";

const FORMATS = { stylish, json, markdown, github, junit } as const;
const FAIL_ON = ["breaking", "client", "server", "none"] as const;
const MAX_DEPRECATION_DAYS = 36500;

const HELP = `Usage:
  specforge diff <base-spec> <head-spec> [options]
  specforge diff --base <git-ref> <head-spec>... [options]

Compares two versions of an API and classifies each change as breaking for clients, for servers, or not.

Options:
  --base <git-ref>    read each base spec from git at this revision (the head specs' paths, as they were then)
  --format <format>   stylish (default), json, markdown (a pull-request comment), github (workflow
                      annotations) or junit
  --fail-on <what>    exit 1 when a change is: breaking (for clients), client (same), server (breaking for servers), none (default)
  --output <file>     write the report to a file instead of stdout
  --ignore-file <file>
                      accepted changes to skip (default: specforge.diff-ignore.yaml here, if there is one)
  --generate-ignore-file
                      accept every breaking change found now: write them to the ignore file (replacing it);
                      later runs skip them, and --fail-on counts only new ones
  --deprecation-days <N>
                      a new deprecation must set x-sunset at least N days from today (else reported, breaking for clients)
  --config <file>     config whose diff.rules and diff.filters apply (default: specforge.config.* here, if any)
  --overlay <file>    an OpenAPI Overlay (1.0 or 1.1) applied to both versions before they are compared
                      (repeatable, in order): compare what generate reads from a spec with overlays
  --filter-operation <operationId|"METHOD /path"|/regex/flags>
                      leave that operation out of both versions (repeatable; as generate's filters)
  --filter-extension <x-name|/regex/flags>
                      leave out operations and path items that set that extension truthy, e.g. x-internal (repeatable)

The config's diff.filters (as a spec's filters: tags, operations, extensions) choose the operations
compared in both versions; an entry that matches in neither is an error.
The config's diff.rules may reclassify any rule: off, non-breaking, breaking-client, breaking-server or
breaking (docs/diff.md). Removing an operation, parameter or property that was deprecated with an x-sunset date (YYYY-MM-DD) that
has come is reported, not breaking; removing one that was not deprecated breaks clients. Details: docs/diff.md.
`;

export async function runDiff(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = values.format as keyof typeof FORMATS;
  if (!Object.prototype.hasOwnProperty.call(FORMATS, format)) throw usage(`unknown format '${values.format}'`, `use one of: ${Object.keys(FORMATS).join(", ")}`);
  const failOn = values["fail-on"] as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw usage(`unknown --fail-on '${values["fail-on"]}'`, `use one of: ${FAIL_ON.join(", ")}`);

  let deprecationDays: number | undefined;
  if (values["deprecation-days"] !== undefined) {
    if (!/^\d+$/.test(values["deprecation-days"])) throw usage(`--deprecation-days expects a whole number of days, got '${values["deprecation-days"]}'`, "e.g. --deprecation-days 90");
    deprecationDays = Number(values["deprecation-days"]);
    // a century is notice enough; far more is past the last day a Date holds
    if (deprecationDays > MAX_DEPRECATION_DAYS) throw usage(`--deprecation-days expects a whole number of days up to ${MAX_DEPRECATION_DAYS}, got '${values["deprecation-days"]}'`, "e.g. --deprecation-days 90");
  }
  const options: DiffOptions = { deprecation: { now: () => new Date(), deprecationDays } };
  // the overlays of the working tree apply to the base as well: each side is read as generate reads it
  const overlays = overlayFiles(values.overlay);
  const ignorePath = path.resolve(values["ignore-file"] ?? IGNORE_FILE);
  const generating = values["generate-ignore-file"];
  // The ignore file is read first: a malformed one is bad input (exit 2) before any work.
  const ignore = generating ? undefined : readDiffIgnore(ignorePath);
  if (!generating && !ignore && values["ignore-file"] !== undefined) throw usage(`ignore file not found: ${values["ignore-file"]}`, "check the path, or write one with --generate-ignore-file");

  // the config is read before any spec: a malformed one is bad input (exit 2)
  const config = await sectionConfig(values.config, "specforge diff", "diff.rules and diff.filters");
  const levels = config?.config.diff;
  const filtering = diffFilters(levels?.filters, { operations: optionEntries(values["filter-operation"], "operations"), extensions: optionEntries(values["filter-extension"], "extensions") }, config?.place);
  const results = values.base !== undefined ? await againstGit(values.base, positionals, options, overlays, filtering) : [await againstFile(positionals, options, overlays, filtering)];
  for (const r of results) {
    const leveled = withRuleLevels(r.changes, levels);
    r.changes = leveled.changes;
    if (leveled.off) process.stderr.write(`specforge diff: ${leveled.off} change(s) of ${r.head} left out: their rules are off in diff.rules\n`);
  }
  // The head specs as given, in the order of their results: what the ignore file's keys name.
  const heads = values.base !== undefined ? positionals : [positionals[1]!];
  if (generating) {
    const count = writeDiffIgnore(ignorePath, results.map((r, i) => ({ head: heads[i]!, changes: r.changes })));
    process.stderr.write(`specforge diff: ${count} breaking change(s) of ${results.length} spec(s) written to ${displayPathOf(ignorePath)}; later runs skip them\n`);
    return 0;
  }
  if (ignore) {
    results.forEach((r, i) => {
      const { kept, skipped, unused, misspelled } = applyDiffIgnore(ignore, heads[i]!, r.changes, r.additionalMethods);
      r.changes = kept;
      if (skipped) r.accepted = { count: skipped, file: displayPathOf(ignore.file) };
      for (const d of misspelled) process.stderr.write(`${formatDiagnostic(d)}\n`);
      for (const u of unused) process.stderr.write(`specforge diff: ${displayPathOf(ignore.file)}: ${u} matched no change of ${r.head} (fixed, or moved): remove it\n`);
    });
  }
  const report =
    format === "stylish" ? stylish(results, values.output ? PLAIN : paletteFor(process.stdout))
    : format === "github" ? github(results, (f) => workspacePath(f, process.cwd(), process.env.GITHUB_WORKSPACE))
    : FORMATS[format](results);
  writeOutput(values.output, report);

  const changes = results.flatMap((r) => r.changes);
  const fails = (c: Change) => (failOn === "server" ? c.breaking.server : failOn === "none" ? false : c.breaking.client);
  return changes.some(fails) ? 1 : 0;
}

function parseOptions(argv: string[]) {
  return parseCommandLine("diff", {
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: "string" },
      format: { type: "string", default: "stylish" },
      "fail-on": { type: "string", default: "none" },
      output: { type: "string" },
      "deprecation-days": { type: "string" },
      "ignore-file": { type: "string" },
      "generate-ignore-file": { type: "boolean", default: false },
      overlay: { type: "string", multiple: true },
      config: { type: "string" },
      "filter-operation": { type: "string", multiple: true },
      "filter-extension": { type: "string", multiple: true },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

async function againstFile(positionals: string[], options: DiffOptions, overlays: string[] | undefined, filtering: DiffFilters | undefined): Promise<DiffResult> {
  if (positionals.length !== 2) throw usage(`expected a base and a head spec, got ${positionals.length} argument(s)`, "run 'specforge diff <base> <head>', or 'specforge diff --base <git-ref> <head>'");
  const fetchHeaders = await fetchHeadersFor(positionals);
  const base = await loadForDiff(positionals[0]!, { fetchHeaders, overlays, filters: filtering?.filters });
  const head = await loadForDiff(positionals[1]!, { fetchHeaders, overlays, filters: filtering?.filters });
  printWarnings(base.warnings);
  printWarnings(head.warnings);
  matchedSomewhere(filtering, [base.unmatched, head.unmatched]);
  return { base: base.displayPath, head: head.displayPath, changes: diffSpecs(base, head, options), additionalMethods: methodsOfBoth(base.document, head.document) };
}

async function againstGit(ref: string, heads: string[], options: DiffOptions, overlays: string[] | undefined, filtering: DiffFilters | undefined): Promise<DiffResult[]> {
  if (heads.length === 0) throw usage("no head spec given", "run 'specforge diff --base <git-ref> <spec>...'");
  // Every head is read before the checkout: a bad head spec is reported without touching git.
  const remote = heads.find(isRemote);
  if (remote) throw usage(`--base reads the base from git, which has no ${remote}`, "compare with a file path, or run 'specforge diff <base-url-or-file> <head>'");
  const loaded = [];
  for (const h of heads) loaded.push({ path: h, head: await loadForDiff(h, { overlays, filters: filtering?.filters }) });
  for (const { head } of loaded) printWarnings(head.warnings);
  const git: GitBase = checkoutBase(ref, heads);
  try {
    const results: DiffResult[] = [];
    for (const { path, head } of loaded) {
      const at = git.baseOf(path);
      if (!at) {
        matchedSomewhere(filtering, [head.unmatched]);
        results.push({ base: `${ref}:${path}`, head: head.displayPath, note: `new at this revision: ${path} did not exist at ${ref}, nothing to compare`, changes: [] });
        continue;
      }
      const base = await loadWithGitNames(git, at, overlays, filtering);
      matchedSomewhere(filtering, [base.unmatched, head.unmatched]);
      results.push({ base: at.display, head: head.displayPath, changes: diffSpecs(base, head, options), additionalMethods: methodsOfBoth(base.document, head.document) });
    }
    return results;
  } finally {
    git.dispose();
  }
}

/** Base files live in a temporary tree; messages name them `<ref>:<path>`. */
async function loadWithGitNames(git: GitBase, at: { file: string; display: string }, overlays: string[] | undefined, filtering: DiffFilters | undefined) {
  let base;
  try {
    base = await loadForDiff(at.file, { displayPath: at.display, overlays, filters: filtering?.filters });
  } catch (e) {
    if (e instanceof SpecforgeError) {
      for (const d of e.diagnostics) if (d.location?.file) d.location.file = git.display(d.location.file);
      throw new SpecforgeError(e.diagnostics.map((d) => ({ ...d, message: `(base ${git.ref}) ${d.message}` })));
    }
    throw e;
  }
  printWarnings(base.warnings.map((d) => ({ ...d, location: d.location?.file ? { ...d.location, file: git.display(d.location.file) } : d.location, message: `(base ${git.ref}) ${d.message}` })));
  const locate = base.locate;
  return {
    ...base,
    locate: (pointer: string) => {
      const loc = locate?.(pointer);
      return loc?.file ? { ...loc, file: git.display(loc.file) } : loc;
    },
  };
}

/** `--filter-operation` or `--filter-extension` values, each checked as the config checks an entry. */
function optionEntries(values: string[] | undefined, filter: "operations" | "extensions"): string[] {
  for (const v of values ?? []) {
    const problem = filterEntryProblem(filter, v);
    if (problem) throw usage(`${FILTER_OPTIONS[`${filter}.exclude`]} ${problem.message}`, problem.help);
  }
  return values ?? [];
}

/** A filter entry that matched in neither spec compared is bad input (diff/filters.ts says why). */
function matchedSomewhere(filtering: DiffFilters | undefined, sides: FilterProblem[][]): void {
  const problems = filtering ? unmatchedInEvery(sides, filtering.origin) : [];
  if (problems.length) throw new SpecforgeError(problems);
}

/** What a spec's upgrade left out of the comparison (a 2.0 form 3.0 cannot say, an ignored `x-webhooks`), on stderr as generate prints it. */
function printWarnings(warnings: Diagnostic[]): void {
  for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
}

function methodsOfBoth(base: JsonObject, head: JsonObject): Set<string> {
  return new Set([...additionalMethodsOf(base), ...additionalMethodsOf(head)]);
}
