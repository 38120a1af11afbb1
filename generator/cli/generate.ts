/** `specforge generate`: from the config, or one spec with `--out`. */
import path from "node:path";
import { parseArgs } from "node:util";
import { SpecforgeError, error, formatDiagnostic } from "../diagnostics/diagnostic.js";
import { findConfig, loadConfig } from "../config/config.js";
import { generate, type GenerateOptions, type GenerateResult } from "../pipeline.js";
import { diffPackage, isUnchanged, writePackage } from "../write/write-package.js";
import { ALL_TARGETS, type Target } from "../emit/emitter.js";
import { displayPathOf } from "../load/source-file.js";

const HELP = `Usage:
  specforge generate [--config <file>] [--check]
  specforge generate <spec> --out <dir> [--targets ${ALL_TARGETS.join(",")}] [--name <package>] [--check]

Options:
  --out <dir>        package folder to write (with a spec argument)
  --targets <list>   comma-separated targets (default: all: ${ALL_TARGETS.join(", ")})
  --name <package>   package name (default: from the spec's title)
  --config <file>    config file (default: specforge.config.{json,yaml,yml,mjs,js} in this folder)
  --check            write nothing; exit 1 and list the files that differ from what would be generated
  --timings          print each stage's time
  --quiet            print errors only
`;

interface Job extends GenerateOptions {
  out: string;
}

export async function runGenerate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      targets: { type: "string" },
      name: { type: "string" },
      config: { type: "string" },
      check: { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const jobs = await resolveJobs(positionals, values);
  const log = (line: string) => {
    if (!values.quiet) process.stdout.write(`${line}\n`);
  };

  // Everything is generated in memory first: one bad spec means nothing is written at all.
  const results: Array<{ job: Job; result: GenerateResult }> = [];
  for (const job of jobs) results.push({ job, result: await generate(job) });

  let drift = 0;
  for (const { job, result } of results) {
    const out = displayPathOf(path.resolve(job.out));
    if (!values.quiet) for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    if (values.timings) log(`${out}: ${result.timings.map((t) => `${t.stage} ${t.ms.toFixed(0)} ms`).join(", ")}`);
    if (values.check) {
      const diff = diffPackage(job.out, result.files);
      if (isUnchanged(diff)) continue;
      drift++;
      for (const f of diff.changed) process.stdout.write(`${out}/${f}: differs\n`);
      for (const f of diff.added) process.stdout.write(`${out}/${f}: missing\n`);
      for (const f of diff.removed) process.stdout.write(`${out}/${f}: stale (no longer generated)\n`);
    } else {
      const diff = writePackage(job.out, result.files);
      log(`${out}: ${diff.added.length + diff.changed.length} written, ${diff.unchanged.length} unchanged, ${diff.removed.length} removed`);
    }
  }
  if (values.check && drift > 0) {
    process.stdout.write(`${drift} package(s) out of date: run 'npm run generate' (or 'specforge generate') and commit the result\n`);
    return 1;
  }
  return 0;
}

async function resolveJobs(positionals: string[], values: { out?: string; targets?: string; name?: string; config?: string }): Promise<Job[]> {
  const targets = values.targets === undefined ? undefined : parseTargets(values.targets);
  if (positionals.length > 0) {
    if (positionals.length > 1) throw usage(`expected one spec, got ${positionals.length}`, "pass one spec per run, or list them in a config");
    if (!values.out) throw usage("missing --out <dir>", "name the package folder to write, e.g. --out generated/my-api");
    return [{ input: positionals[0]!, out: values.out, targets, packageName: values.name }];
  }
  const file = values.config ? path.resolve(values.config) : findConfig(process.cwd());
  if (!file) throw usage("no spec given and no specforge.config.{json,yaml,yml,mjs,js} here", "run 'specforge generate <spec> --out <dir>' or add a config");
  const { dir, config } = await loadConfig(file);
  if (!config.specs) throw usage(`${displayPathOf(file)} lists no specs`, "add `specs:` with each spec's input, output and packageName");
  const at = (p: string) => path.resolve(dir, p);
  return config.specs.map((s) => ({
    input: at(s.input),
    out: at(s.output),
    packageName: s.packageName,
    packageVersion: s.packageVersion,
    targets: targets ?? s.targets,
    templates: s.templates ? at(s.templates) : config.templates ? at(config.templates) : undefined,
    refRoots: s.refRoots?.map(at),
    validators: s.validators,
  }));
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

function usage(message: string, help: string): SpecforgeError {
  return new SpecforgeError([error("cli/usage", message, undefined, help)]);
}
