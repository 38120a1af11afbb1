/** `specforge generate`: from the config, or one spec with `--out`. */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { error, SpecforgeError, formatDiagnostic, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { reportFailure } from "./report-failure.js";
import { findConfig, loadConfig } from "../config/config.js";
import { configImports, loadConfigsFresh } from "../config/fresh-import.js";
import { generate, GenerateError, type GenerateOptions, type GenerateResult } from "../pipeline.js";
import { checkWritable, diffPackage, isUnchanged, notAFolder, writePackage } from "../write/write-package.js";
import { holdingSignals } from "../write/signals.js";
import { ALL_TARGETS, type Target } from "../emit/emitter.js";
import { displayPathOf } from "../load/source-file.js";
import { isRemote, resolveInput } from "../load/location.js";
import { watchAndRerun } from "./watch.js";
import { overlayFiles } from "./overlay-option.js";
import { refRootFolders } from "./ref-root-option.js";
import { PACKAGE_NAME_HELP, packageNameProblem } from "../config/package-name.js";
import { atConfigPlaces, type ConfigPlaces } from "./config-places.js";
import { sectionConfig } from "./command-config.js";
import { isObject } from "../openapi/kinds.js";
import type { PreviousPackage } from "../release/release.js";

const HELP = `Usage:
  specforge generate [--config <file>] [--check]
  specforge generate <spec> --out <dir> [--targets ${ALL_TARGETS.join(",")}] [--name <package>] [--overlay <file>]... [--check]

Options:
  --out <dir>        package folder to write (with a spec argument)
  --targets <list>   comma-separated targets (default: all: ${ALL_TARGETS.join(", ")})
  --name <package>   package name (default: from the spec's title)
  --overlay <file>   an OpenAPI Overlay (1.0 or 1.1) applied to the spec first (repeatable, applied in order)
  --config <file>    config file (default: specforge.config.{ts,mts,mjs,js,json,yaml,yml} in this folder)
  --check            write nothing; exit 1 and list the files that differ from what would be generated
  --bump             raise each package's version by what changed in its spec since it was last
                     generated (major: breaking, minor: additions, patch: other) and add a CHANGELOG.md entry
  --watch            generate again whenever a spec, a file it references, the config or a module the
                     config imports changes
  --json             print the result as JSON (packages with files written, or drift with --check)
  --timings          print each stage's time
  --quiet            print errors only
`;

interface Job extends GenerateOptions, ConfigPlaces {
  out: string;
  /** The spec's entry in the config is unusable as it stands (an invalid URL): reported with the other specs' problems. */
  failed?: SpecforgeError;
}

type Values = { out?: string; targets?: string; name?: string; overlay?: string[]; config?: string; check: boolean; timings: boolean; quiet: boolean; json: boolean; bump: boolean };

export async function runGenerate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("generate", {
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      targets: { type: "string" },
      name: { type: "string" },
      overlay: { type: "string", multiple: true },
      config: { type: "string" },
      check: { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      bump: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!values.watch) return (await generateOnce(positionals, values)).code;
  if (values.check) throw usage("--watch and --check do not go together", "use --check in CI, --watch while editing");
  const remote = positionals.find(isRemote);
  if (remote) throw usage(`--watch watches files, and ${remote} is a URL`, "generate from a URL without --watch, or watch a downloaded copy");
  loadConfigsFresh();
  // What to watch before a run has succeeded: the config or the spec named on the command line, and the overlays.
  let known = new Set(positionals.length ? [...positionals.filter((p) => !isRemote(p)).map((p) => path.resolve(p)), ...(overlayFiles(values.overlay) ?? [])] : [values.config ? path.resolve(values.config) : findConfig(process.cwd())].filter((f): f is string => f !== undefined));
  return watchAndRerun(async () => {
    try {
      const { inputs } = await generateOnce(positionals, values);
      known = new Set(inputs.filter((i) => !isRemote(i)));
    } catch (e) {
      reportFailure(e);
      process.stderr.write("nothing written: fix the problem(s) above and save again\n");
      // a run that failed (a bad overlay, say) still names what it was to read: the config's specs and overlays,
      // and what the specs' refs read or missed (the file an error is in, or one a $ref names that is not there yet)
      for (const file of await declaredFiles(positionals, values)) known.add(file);
      // and the config's own modules as far as its load got (one of them may be what failed)
      for (const config of [...known]) for (const file of configImports(config)) known.add(file);
      if (e instanceof GenerateError) for (const file of e.inputs) if (!isRemote(file)) known.add(file);
    }
    return { files: [...known] };
  }, (line) => {
    if (!values.quiet) process.stderr.write(`${line}\n`);
  });
}

/** The files a run is to read before it reads them: each job's spec (a file) and overlays, and the config; none when the config is unreadable. */
async function declaredFiles(positionals: string[], values: Values): Promise<string[]> {
  try {
    const { jobs, configFile } = await resolveJobs(positionals, values);
    return [...(configFile ? [configFile] : []), ...jobs.flatMap((j) => [j.input, ...(j.overlays ?? [])]).filter((f) => !isRemote(f)).map((f) => path.resolve(f))];
  } catch {
    return [];
  }
}

/** One generation of every job; resolves to the exit code and every file it read (config included). */
async function generateOnce(positionals: string[], values: Values): Promise<{ code: number; inputs: string[] }> {
  const { jobs, configFile } = await resolveJobs(positionals, values);
  const log = (line: string) => {
    if (!values.quiet && !values.json) process.stdout.write(`${line}\n`);
  };

  // Everything is generated in memory first: one bad spec means nothing is written at all (the config's
  // packages change together or not at all; each package's previous output stays as it was). Every spec
  // is still generated, so that the problems of all of them are reported in one run.
  const results: Array<{ job: Job; result: GenerateResult }> = [];
  const problems: Diagnostic[] = [];
  const failedInputs: string[] = [];
  for (const job of jobs) {
    if (job.failed) {
      problems.push(...job.failed.diagnostics);
      continue;
    }
    const onStage = progress(job, values);
    try {
      results.push({ job, result: await generate({ ...job, onStage, previous: readPrevious(job.out), bump: values.bump }) });
    } catch (e) {
      if (onStage) process.stderr.write("\r\x1b[K"); // the status line gives way to the problems
      if (!(e instanceof SpecforgeError)) throw e;
      if (e instanceof GenerateError) failedInputs.push(...e.inputs);
      problems.push(...atConfigPlaces(e, job).diagnostics);
    }
  }
  if (problems.length) throw new GenerateError(problems, [...failedInputs, ...results.flatMap(({ result }) => result.inputs)]);

  // A package folder holding a user's file this run would replace: refused before any package is written.
  // --check writes nothing, but an output that cannot be a folder is bad input there too.
  const display = (file: string) => displayPathOf(path.resolve(file));
  const refused = results.flatMap(({ job, result }) => {
    if (!values.check) return checkWritable(job.out, result.files, display);
    const notFolder = notAFolder(job.out, display);
    return notFolder ? [notFolder] : [];
  });
  if (refused.length > 0) throw new SpecforgeError(refused);

  let drift = 0;
  const report: Array<Record<string, unknown>> = [];
  // the writes run without a break (synchronous): a Ctrl-C during them ends the process once they are done
  await holdingSignals(() => {
    for (const { job, result } of results) {
      const out = displayPathOf(path.resolve(job.out));
      if (!values.quiet) for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
      if (values.timings) log(`${out}: ${result.timings.map((t) => `${t.stage} ${t.ms.toFixed(0)} ms`).join(", ")}`);
      const timings = Object.fromEntries(result.timings.map((t) => [t.stage, Math.round(t.ms)]));
      if (values.check) {
        const diff = diffPackage(job.out, result.files);
        report.push({ output: out, upToDate: isUnchanged(diff), differs: diff.changed, missing: diff.added, stale: diff.removed, timings });
        if (isUnchanged(diff)) continue;
        drift++;
        if (values.json) continue;
        for (const f of diff.changed) process.stdout.write(`${out}/${f}: differs\n`);
        for (const f of diff.added) process.stdout.write(`${out}/${f}: missing\n`);
        for (const f of diff.removed) process.stdout.write(`${out}/${f}: stale (no longer generated)\n`);
      } else {
        const diff = writePackage(job.out, result.files);
        report.push({ output: out, written: [...diff.added, ...diff.changed], unchanged: diff.unchanged.length, removed: diff.removed, timings });
        log(`${out}: ${diff.added.length + diff.changed.length} written, ${diff.unchanged.length} unchanged, ${diff.removed.length} removed`);
        const r = result.release;
        if (r.from !== undefined) log(`${out}: version ${r.from} -> ${r.version} (${r.kind}: ${r.changes.length} change(s), see CHANGELOG.md)`);
        // only after a comparison: a pinned version or a package without its spec was not compared (their warnings say so)
        else if (r.compared && r.changes.length === 0) log(`${out}: version ${r.version} kept (no change since it was last generated)`);
      }
    }
  });
  if (values.json) process.stdout.write(`${JSON.stringify({ packages: report }, null, 2)}\n`);
  const inputs = [...new Set([...(configFile ? [configFile, ...configImports(configFile)] : []), ...results.flatMap(({ result }) => result.inputs)])];
  if (values.check && drift > 0) {
    if (!values.json) process.stdout.write(`${drift} package(s) out of date: run 'npm run generate' (or 'specforge generate') and commit the result\n`);
    return { code: 1, inputs };
  }
  return { code: 0, inputs };
}

async function resolveJobs(positionals: string[], values: Values): Promise<{ jobs: Job[]; configFile?: string }> {
  const targets = values.targets === undefined ? undefined : parseTargets(values.targets);
  if (positionals.length > 0) {
    if (positionals.length > 1) throw usage(`expected one spec, got ${positionals.length}`, "pass one spec per run, or list them in a config");
    if (!values.out) throw usage("missing --out <dir>", "name the package folder to write, e.g. --out generated/my-api");
    const nameProblem = values.name === undefined ? undefined : packageNameProblem(values.name);
    if (nameProblem) throw usage(`--name '${values.name}' ${nameProblem}`, PACKAGE_NAME_HELP);
    // --bump versions by the changes as `specforge diff` classifies them here: the config's diff.rules
    const diffLevels = values.bump ? (await sectionConfig(values.config, "specforge generate --bump", "diff.rules"))?.config.diff : undefined;
    return { jobs: [{ input: positionals[0]!, out: values.out, targets, packageName: values.name, overlays: overlayFiles(values.overlay), diffLevels }] };
  }
  if (values.overlay) throw usage("--overlay goes with a spec argument", "list a spec's overlays in the config under `overlays:`, or run 'specforge generate <spec> --out <dir> --overlay <file>'");
  const file = values.config ? path.resolve(values.config) : findConfig(process.cwd());
  if (!file) throw usage("no spec given and no specforge.config.{ts,mts,mjs,js,json,yaml,yml} here", "run 'specforge generate <spec> --out <dir>' or add a config");
  const { dir, config, place } = await loadConfig(file);
  if (!config.specs) throw usage(`${displayPathOf(file)} lists no specs`, "add `specs:` with each spec's input and output");
  const at = (p: string) => path.resolve(dir, p);
  const jobs = config.specs.map((s, i): Job => {
    const inputPlace = place(`/specs/${i}/input`);
    const overlayPlace = (j: number) => place(`/specs/${i}/overlays/${j}`);
    const overlayPlaces = s.overlays?.map((_, j) => overlayPlace(j));
    try {
      return {
        input: resolveInput(s.input, dir),
        inputPlace,
        overlayPlaces,
        out: at(s.output),
        packageName: s.packageName,
        packageVersion: s.packageVersion,
        targets: targets ?? s.targets,
        templates: s.templates ? templatesFolder(at(s.templates), place(`/specs/${i}/templates`)) : config.templates ? templatesFolder(at(config.templates), place("/templates")) : undefined,
        refRoots: refRootFolders(s.refRoots, dir, (j) => place(`/specs/${i}/refRoots/${j}`)),
        overlays: overlayFiles(s.overlays, dir, overlayPlace),
        diffLevels: config.diff,
        validators: s.validators,
        client: s.client,
        types: s.types,
        filters: s.filters,
        filtersPlace: (pointer) => place(`/specs/${i}/filters${pointer}`),
        packageVersionPlace: s.packageVersion === undefined ? undefined : place(`/specs/${i}/packageVersion`),
        package: s.package,
        fetchHeaders: config.fetch?.headers,
      };
    } catch (e) {
      if (!(e instanceof SpecforgeError)) throw e;
      return { input: s.input, out: at(s.output), inputPlace, failed: atConfigPlaces(e, { input: s.input, inputPlace }) };
    }
  });
  return { jobs, configFile: file };
}

/** A config's templates folder, which must be one: a mistyped path would generate with our templates without a word. */
function templatesFolder(dir: string, place: Location): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SpecforgeError([error("config/invalid", `the templates folder '${displayPathOf(dir)}' ${existsSync(dir) ? "is not a folder" : "does not exist"}`, place, "check the path: `templates` is relative to the config file's folder")]);
  }
  return dir;
}

function parseTargets(list: string): Target[] {
  const targets = list.split(",").map((t) => t.trim()).filter(Boolean);
  for (const t of targets) {
    if (!(ALL_TARGETS as readonly string[]).includes(t)) {
      throw usage(`unknown target '${t}'`, `available targets: ${ALL_TARGETS.join(", ")}`);
    }
  }
  return targets as Target[];
}


const STAGES = ["load", "bundle", "normalize", "check", "ir", "emit", "format"];

/**
 * On a terminal, one status line per spec rewritten as stages end (`specs/x.yaml: emit...`), cleared at
 * the end; a run that took over 2 s leaves a line with every stage's time. Nothing when not a TTY.
 */
function progress(job: Job, values: Values): GenerateOptions["onStage"] {
  if (!process.stderr.isTTY || values.quiet || values.json) return undefined;
  const name = displayPathOf(resolveInput(job.input));
  const done: string[] = [];
  let total = 0;
  return ({ stage, ms }) => {
    done.push(`${stage} ${ms.toFixed(0)} ms`);
    total += ms;
    const next = STAGES[STAGES.indexOf(stage) + 1];
    if (next) process.stderr.write(`\r\x1b[K${name}: ${next}...`);
    else process.stderr.write(`\r\x1b[K${total > 2000 ? `${name}: ${done.join(", ")}\n` : ""}`);
  };
}

/** What a package folder holds from its last generation: version, spec and changelog (each if readable). */
function readPrevious(out: string): PreviousPackage | undefined {
  const read = (file: string) => {
    try {
      return readFileSync(path.join(out, file), "utf8");
    } catch {
      return undefined;
    }
  };
  const json = (text: string | undefined): unknown => {
    try {
      return text === undefined ? undefined : JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const manifest = json(read("package.json"));
  if (!isObject(manifest)) return undefined;
  const spec = json(read("openapi.json"));
  return {
    version: typeof manifest.version === "string" ? manifest.version : undefined,
    spec: isObject(spec) ? spec : undefined,
    changelog: read("CHANGELOG.md"),
    specFile: displayPathOf(path.resolve(out, "openapi.json")),
  };
}
