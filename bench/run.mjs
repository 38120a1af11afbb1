#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark section, prints its tables, and writes them as markdown to
 * bench/results.md (or --out <file>). A section is a module exporting { name, title, run(ctx) }
 * that resolves to { text, markdown }; add new ones to SECTIONS.
 *
 *   node bench/run.mjs [--runs N] [--quick] [--out <file>] [--only <section,...>]
 *
 * Exit code 0 whether or not a target is met (this is a report), 1 if a tool fails or the bench breaks.
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

const SECTIONS = [generation, client, validators, formats, server, lint];

const HELP = `Usage: node bench/run.mjs [options]

  --runs <N>        timed runs per tool / rounds per validator cell, interleaved (default 5; 1 with --quick)
  --quick           smoke run: small spec (specs/okra.yaml), no warm-up, few iterations and client calls, results to a temp file
  --out <file>      where to write the markdown results (default bench/results.md; a temp file with --quick)
  --only <list>     comma-separated sections to run (${SECTIONS.map((s) => s.name).join(", ")})
  --help            this text
`;

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
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
      texts.push(result.text);
      markdowns.push(result.markdown);
    }
  } finally {
    rmSync(tmpRoot, { recursive: true, force: true });
  }

  const env = environment(runs, quick);
  process.stdout.write(`\n${env.text}\n\n${texts.join("\n\n")}\n\n`);
  writeFileSync(outFile, `${env.markdown}\n\n${markdowns.join("\n\n")}\n`);
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
  return { text, markdown };
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
