#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark section, prints one summary table of every target first, then
 * each section's tables, and writes the same as markdown to bench/results.md (or --out <file>).
 *
 *   node bench/run.mjs [--runs N] [--quick] [--out <file>] [--json <file>] [--only <section,...>]
 *
 * Exit code 0 whether or not a target is met (this is a report), 1 if a tool fails or the bench breaks.
 *
 * The section protocol (how to add one, e.g. `server` or `lint`, in a few lines):
 *   1. A module bench/<name>.mjs exports `{ name, title, async run(ctx) }`, and one line adds it to
 *      SECTIONS below. `ctx` is { repo, tmpRoot, runs, warmup, quick, progress(line) }: repo root,
 *      a scratch folder removed after the run, timed runs per tool (5 by default, 1 with --quick),
 *      whether to do untimed warm-ups, the smoke flag (use a small input, finish in seconds), and
 *      a logger for progress lines (stderr).
 *   2. `run` resolves to { text, markdown, targets }: its own tables as plain text and as markdown
 *      (starting with `## <title>`), and `targets` (at least one), one row per target the issues set:
 *        { what, ours, peer, ratio, target, met }
 *      built with bench/lib/targets.mjs, e.g.
 *        targets: [atLeast("requests/s, node adapter vs Fastify", { ours: oursRps, peer: fastifyRps, limit: 1, format: (v) => `${v.toFixed(0)} req/s` })]
 *      (atMost for lower-is-better, atLeast for higher-is-better, bound for an absolute budget,
 *      unmeasured when a figure could not be taken this run: it counts as NOT met).
 *   3. Measure ours and the peer in the same run, interleaved; compare ratios, never absolute figures
 *      across runs. Add the exact commands to bench/README.md and a check to test/bench-smoke.test.ts
 *      only if the section's own tables need one: the summary rows are checked for every section.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { client } from "./client.mjs";
import { generation } from "./generation.mjs";
import { validators } from "./validators.mjs";
import { formats } from "./formats.mjs";
import { server } from "./server.mjs";
import { lint } from "./lint.mjs";
import { typecheck } from "./typecheck.mjs";
import { SUMMARY_HEADER, checked, summaryCells } from "./lib/targets.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";

const SECTIONS = [generation, typecheck, client, validators, formats, server, lint];

const HELP = `Usage: node bench/run.mjs [options]

  --runs <N>        timed runs per tool / rounds per validator cell, interleaved (default 5; 1 with --quick)
  --quick           smoke run: small spec (specs/okra.yaml), no warm-up, few iterations and client calls, results to a temp file
  --out <file>      where to write the markdown results (default bench/results.md; a temp file with --quick)
  --json <file>     also write the environment and every target row as JSON
  --only <list>     comma-separated sections to run (${SECTIONS.map((s) => s.name).join(", ")})
  --help            this text
`;

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      json: { type: "string" },
      only: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const quick = values.quick;
  const runs = values.runs === undefined ? (quick ? 1 : 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs expects a positive integer, got '${values.runs}'`);
  const sections = selectSections(values.only);
  const repo = fileURLToPath(new URL("..", import.meta.url));
  const outFile = path.resolve(
    values.out ?? (quick ? path.join(os.tmpdir(), `specforge-bench-quick-${process.pid}.md`) : path.join(repo, "bench", "results.md")),
  );

  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "specforge-bench-"));
  const texts = [];
  const markdowns = [];
  const targets = [];
  try {
    for (const section of sections) {
      const result = await section.run({
        repo,
        tmpRoot,
        runs,
        warmup: !quick,
        quick,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
      if (!Array.isArray(result?.targets) || result.targets.length === 0) throw new Error(`section ${section.name} returned no target rows (see the protocol at the top of bench/run.mjs)`);
      for (const row of result.targets) targets.push({ section: section.name, ...checked(row) });
      texts.push(result.text);
      markdowns.push(result.markdown);
    }
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }

  const env = environment(runs, quick);
  const summaryRows = targets.map((t) => summaryCells(t.section, t));
  const met = targets.filter((t) => t.met).length;
  const tally = `${met} of ${targets.length} targets met`;
  const summaryText = `Targets (${tally}; ratios are ours / peer measured in this same run):\n\n${textTable(SUMMARY_HEADER, summaryRows, 2)}`;
  const summaryMarkdown = `## Targets\n\n${tally}; each ratio is ours / the peer measured in this same run.\n\n${markdownTable(SUMMARY_HEADER, summaryRows, 2)}`;
  process.stdout.write(`\n${env.text}\n\n${summaryText}\n\n${texts.join("\n\n")}\n\n`);
  writeFileSync(outFile, `${env.markdown}\n\n${summaryMarkdown}\n\n${markdowns.join("\n\n")}\n`);
  if (values.json) writeFileSync(path.resolve(values.json), `${JSON.stringify({ ...env.facts, targets }, null, 2)}\n`);
  const shown = path.relative(process.cwd(), outFile);
  process.stdout.write(`results written to ${shown.startsWith("..") || path.isAbsolute(shown) ? outFile : shown}\n`);
  return 0;
}

function selectSections(only) {
  if (!only) return SECTIONS;
  const names = only.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown section(s): ${unknown.join(", ")} (known: ${SECTIONS.map((s) => s.name).join(", ")})`);
  return SECTIONS.filter((s) => names.includes(s.name));
}

function environment(runs, quick) {
  const cpus = os.cpus();
  const model = cpus[0]?.model?.trim() ?? "unknown model";
  const date = new Date().toISOString();
  const machine = `${cpus.length} CPUs (${model}), ${os.platform()} ${os.arch()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  const mode = quick ? "quick smoke run, --quick" : "full run";
  const facts = { date, cpus: cpus.length, cpuModel: model, node: process.version, platform: `${os.platform()} ${os.arch()}`, runs, quick };
  const text = [`date: ${date}`, `machine: ${machine}`, `node: ${process.version}`, `runs: ${runs} per tool (${mode})`].join("\n");
  const markdown = [
    "# specforge benchmark results",
    "",
    `Written by \`${quick ? "node bench/run.mjs --quick" : "npm run bench"}\`; see bench/README.md for what is measured and how to reproduce it.`,
    "",
    `- Date: ${date}`,
    `- Machine: ${machine}`,
    `- Node: ${process.version}`,
    `- Runs: ${runs} per tool (${mode})`,
  ].join("\n");
  return { text, markdown, facts };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bench: ${e?.message ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
