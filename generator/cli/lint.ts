/** `specforge lint <spec...>`: rules over specs, findings in five formats (docs/rules.md). */
import { statSync } from "node:fs";
import path from "node:path";
import { parseCommandLine, usage } from "./args.js";
import { unwritable, writeOutput } from "./output-file.js";
import { overlayFiles } from "./overlay-option.js";
import { refRootFolders } from "./ref-root-option.js";
import { findConfig, loadConfig } from "../config/config.js";
import { packageVersion } from "../package-root.js";
import { customRulesOf, lintFile, type LintOptions } from "../lint/run.js";
import { isRemote, resolveInput } from "../load/location.js";
import { fixFile } from "../lint/fix.js";
import { BASELINE_FILE, readBaseline, writeBaseline } from "../lint/baseline.js";
import { FORMATS, isFormat, makeReport } from "../lint/format/report.js";
import { stylish } from "../lint/format/stylish.js";
import { github } from "../lint/format/github.js";
import { codeclimate } from "../lint/format/codeclimate.js";
import { workspacePath } from "../diagnostics/ci-text.js";
import { readRuleset, withRuleset } from "../lint/ruleset.js";
import { configFunctions, loadUserFunctions } from "../lint/custom/user-functions.js";
import { PLAIN, paletteFor } from "../diagnostics/colour.js";
import { displayPathOf } from "../load/source-file.js";
import type { Finding } from "../lint/types.js";
import { formatDiagnostic, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { atConfigPlaces } from "./config-places.js";

const HELP = `Usage:
  specforge lint <spec...> [options]
  specforge lint [options]              every spec the config lists

Options:
  --format <name>      stylish (default), json, sarif, github, junit, codeclimate (GitLab Code Quality)
  --max-warnings <N>   exit 1 when there are more than N warnings (default, or -1: warnings never fail)
  --config <file>      config file (default: specforge.config.{ts,mts,mjs,js,json,yaml,yml} in this folder, if any)
  --ruleset <file>     a Spectral ruleset (.spectral.yaml) to lint with: its rules, aliases, overrides,
                       spectral:oas severities, the ruleset files it extends and its JavaScript
                       functions, which run (docs/rules.md); also lint.ruleset in the config
  --output <file>      write the report to a file instead of stdout
  --overlay <file>     an OpenAPI Overlay (1.0 or 1.1) applied to each spec first (repeatable, in order);
                       a spec the config lists gets its own \`overlays\` too
  --fix                add missing operationIds (derived from method and path) before linting
  --generate-ignore-file
                       accept every current finding: write them to specforge.lint-ignore.yaml (in the
                       config's folder, else here), which later runs skip; only new findings then show
  --quiet              report errors only (the summary then counts errors alone)

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings), 2 bad input (an unreadable
file, a bad config or command line). Rules and their ids: docs/rules.md.
`;

export async function runLint(argv: string[]): Promise<number> {
  // `--max-warnings -1` (ESLint's "no limit"): node's parser takes `-1` for an option and calls the value ambiguous
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--max-warnings" && /^-\d+$/.test(argv[i + 1] ?? "")) args.push(`--max-warnings=${argv[++i]}`);
    else args.push(argv[i]!);
  }
  const { values, positionals } = parseCommandLine("lint", {
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "stylish" },
      "max-warnings": { type: "string" },
      config: { type: "string" },
      ruleset: { type: "string" },
      overlay: { type: "string", multiple: true },
      output: { type: "string" },
      fix: { type: "boolean", default: false },
      "generate-ignore-file": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = values.format!;
  if (!isFormat(format)) throw usage(`unknown format '${format}'`, `use one of ${Object.keys(FORMATS).join(", ")}`);
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    if (!/^(\d+|-1)$/.test(values["max-warnings"])) throw usage(`--max-warnings expects a whole number (or -1: no limit), got '${values["max-warnings"]}'`, "e.g. --max-warnings 0");
    maxWarnings = values["max-warnings"] === "-1" ? undefined : Number(values["max-warnings"]);
  }

  const configFile = values.config ? path.resolve(values.config) : findConfig(process.cwd());
  const loaded = configFile ? await loadConfig(configFile) : undefined;
  let options: LintOptions = { ...loaded?.config.lint, baseDir: loaded?.dir ?? process.cwd(), fetchHeaders: loaded?.config.fetch?.headers };
  if (loaded?.config.lint?.functions?.length) options.userFunctions = configFunctions(loaded.config.lint, loaded.dir, loaded.place);
  // A ruleset runs its functions: it is read from a file the user has, never fetched.
  const remote = [values.ruleset, loaded?.config.lint?.ruleset].find((r) => r !== undefined && isRemote(r));
  if (remote) throw usage(`the ruleset ${remote} is a URL: specforge reads a ruleset from a file only`, "download it (and the files it extends, its functions) and give its path");
  const rulesetFile = values.ruleset ? path.resolve(values.ruleset) : loaded?.config.lint?.ruleset ? path.resolve(loaded.dir, loaded.config.lint.ruleset) : undefined;
  if (rulesetFile) {
    const ruleset = readRuleset(rulesetFile, options.baseDir!);
    if (!values.quiet) for (const note of ruleset.notes) process.stderr.write(`specforge lint: ${displayPathOf(rulesetFile)}: ${note}\n`);
    options = { ...withRuleset(options, ruleset, displayPathOf(rulesetFile)), baseDir: options.baseDir, fetchHeaders: options.fetchHeaders };
  }
  // The functions of the config and the ruleset run in this process, as a code config does; a bad file is exit 2 here.
  await loadUserFunctions(Object.values(options.userFunctions ?? {}), options.functionTimeoutMs);
  let specs = positionals.map((p) => resolveInput(p));
  if (specs.length === 0) {
    if (!loaded?.config.specs?.length) throw usage("no spec given and no config listing specs", "run 'specforge lint <spec...>'");
    specs = loaded.config.specs.map((s) => resolveInput(s.input, loaded.dir));
  }

  if (values.fix) {
    const remote = specs.find(isRemote);
    if (remote) throw usage(`--fix edits files, and ${remote} is a URL`, "download the spec and lint its file with --fix");
    // a pipe's fixed text went back into the pipe and was linted as if a file had been fixed; /dev/zero read forever
    const stream = specs.find((s) => {
      const stat = statSync(s, { throwIfNoEntry: false });
      return stat !== undefined && !stat.isFile() && !stat.isDirectory();
    });
    if (stream) throw usage(`--fix edits files, and ${displayPathOf(stream)} is a pipe or device`, "write the spec to a file and lint that file with --fix");
    for (const spec of specs) {
      let added: string[];
      try {
        added = fixFile(spec).added;
      } catch (e) {
        throw unwritable(e, `the fixed spec '${displayPathOf(spec)}'`, "make the file writable, or lint without --fix");
      }
      for (const line of added) process.stderr.write(`${displayPathOf(spec)}: added operationId ${line}\n`);
    }
  }

  const baseDir = options.baseDir!;
  const generating = values["generate-ignore-file"];
  // The baseline is read first: a malformed one is bad input (exit 2) before any work.
  const baseline = generating ? undefined : readBaseline(baseDir);
  let baselined = 0;
  const findings: Finding[] = [];
  const problems: Diagnostic[] = [];
  for (const spec of specs) {
    const i = loaded?.config.specs?.findIndex((s) => resolveInput(s.input, loaded.dir) === spec) ?? -1;
    const listed = loaded?.config.specs?.[i];
    // what generate reads: the config's overlays of the spec, then the command line's
    const overlayPlace = (j: number) => loaded!.place(`/specs/${i}/overlays/${j}`);
    const listedOverlays = overlayFiles(listed?.overlays, loaded?.dir, listed && overlayPlace) ?? [];
    const overlays = [...listedOverlays, ...(overlayFiles(values.overlay) ?? [])];
    const onWarning = (w: Diagnostic) => void (values.quiet || process.stderr.write(`${formatDiagnostic(w)}\n`));
    try {
      const refRoots = refRootFolders(listed?.refRoots, loaded?.dir, listed && ((j) => loaded!.place(`/specs/${i}/refRoots/${j}`)));
      findings.push(...(await lintFile(spec, { ...options, refRoots, overlays, baseline, onWarning, onBaselined: () => baselined++ })));
    } catch (e) {
      if (!(e instanceof SpecforgeError)) throw e;
      // a file the config names (with no spec given on the command line) is reported where the config names it
      const atConfig = listed && positionals.length === 0;
      problems.push(...(atConfig ? atConfigPlaces(e, { input: spec, inputPlace: loaded!.place(`/specs/${i}/input`), overlays: listedOverlays, overlayPlaces: listed.overlays?.map((_, j) => overlayPlace(j)) }) : e).diagnostics);
    }
  }
  // every spec is read before any problem is reported: all of them at once, not one per run
  if (problems.length > 0) throw new SpecforgeError(problems);
  if (generating) {
    const file = writeBaseline(baseDir, findings);
    process.stderr.write(`specforge lint: ${findings.length} finding(s) of ${specs.length} spec(s) written to ${displayPathOf(file)}; later runs skip them\n`);
    return 0;
  }
  if (baselined > 0 && !values.quiet) process.stderr.write(`specforge lint: ${baselined} finding(s) skipped, accepted in ${BASELINE_FILE}\n`);
  const shown = values.quiet ? findings.filter((f) => f.severity === "error") : findings;
  const report = makeReport(specs.map((s) => displayPathOf(s)), shown, packageVersion(), customRulesOf(options), values.quiet);
  const text =
    format === "stylish" ? stylish(report, values.output ? PLAIN : paletteFor(process.stdout))
    : format === "github" ? github(report, (f) => workspacePath(f, process.cwd(), process.env.GITHUB_WORKSPACE))
    : format === "codeclimate" ? codeclimate(report, (f) => workspacePath(f, process.cwd(), process.env.CI_PROJECT_DIR))
    : FORMATS[format](report);
  writeOutput(values.output, text);

  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && !values.quiet && warnings > maxWarnings) {
    process.stderr.write(`specforge lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
