#!/usr/bin/env node
/**
 * `specforge lint` against Redocly CLI's `lint --extends=recommended` on the public set: every OpenAPI
 * 3.x document of @readme/oas-examples and GitHub's REST description. For each spec it lists the findings
 * Redocly has that we do not, and ours that Redocly does not, mapped by rule (REDOCLY_TO_OURS); a Redocly
 * rule we do not claim is counted apart. Two findings match when their rules map to each other and one's
 * JSON pointer equals or contains the other's (Redocly reports an example once per schema error, inside
 * the example; we report the example once).
 *
 *   npx tsc -p tsconfig.json && node bench/compare-lint.mjs [--out docs/lint-vs-redocly.md] [--only <substring>] [--details]
 *
 * `--details` lists each spec's differences (`--limit N` per spec and side, default 30).
 * Needs the build (generator/dist). Runs Redocly once per file (2 at a time), in an empty folder so no
 * redocly.yaml applies, with telemetry off. About 3 minutes on 2 cores.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repo = fileURLToPath(new URL("..", import.meta.url));
const OAS = path.join(repo, "node_modules/@readme/oas-examples");
const GITHUB = path.join(repo, "node_modules/@octokit/openapi/generated/api.github.com.json");
const REDOCLY = path.join(repo, "node_modules/@redocly/cli/bin/cli.js");

/**
 * Redocly rule -> ours, for the rules we claim to implement: the table `--ruleset redocly.yaml` reads
 * (generator/lint/redocly-config.ts), less `spec`, there for its severity only (`struct`'s old name), plus
 * the rules of the same id.
 */
const { REDOCLY_RULES } = await import(pathToFileURL(path.join(repo, "generator/dist/lint/redocly-config.js")).href);
const { spec: _old, ...claimed } = REDOCLY_RULES;
export const REDOCLY_TO_OURS = { ...claimed, "security-defined": "security-defined", "operation-summary": "operation-summary", "info-license": "info-license", "tag-description": "tag-description" };

/** Redocly findings of a mapped rule that our rule deliberately does not claim (see docs/lint-vs-redocly.md). */
const NOT_CLAIMED = [
  { rule: "security-defined", test: (r) => /^Every operation should have security defined/.test(r.message), why: "an operation without security is public; we only check that the schemes used exist" },
  { rule: "no-invalid-media-type-examples", test: (r) => /^Example validation errored/.test(r.message), why: "Redocly's own validator failed on the schema (e.g. 3.0 `nullable` without `type`), not a finding about the example" },
  { rule: "struct", test: (r) => /\/x-[^/]*(\/|$)/.test(r.pointer), why: "inside an x- extension: its contents are the extension's, not OpenAPI's, to define" },
];

function publicSpecs() {
  const oas = ["3.0", "3.1"].flatMap((v) =>
    ["json", "yaml"].flatMap((fmt) => readdirSync(path.join(OAS, v, fmt)).filter((f) => /\.(json|ya?ml)$/.test(f)).sort().map((f) => path.join(OAS, v, fmt, f))));
  return [...oas, GITHUB];
}

function runRedocly(file, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REDOCLY, "lint", "--extends=recommended", "--format=json", "--max-problems=100000", file], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_SUPPRESS_NOTIFICATIONS: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      const start = out.indexOf("{");
      try {
        const report = JSON.parse(out.slice(start));
        resolve(report.problems.map((p) => ({
          rule: p.ruleId,
          severity: p.severity,
          message: p.message,
          pointer: decodePointer(p.location?.[0]?.pointer ?? "#"),
          file: p.location?.[0]?.source?.ref ?? file,
        })));
      } catch {
        reject(new Error(`redocly gave no JSON report for ${file}:\n${err.slice(0, 2000)}`));
      }
    });
  });
}

function decodePointer(p) {
  const fragment = p.startsWith("#") ? p.slice(1) : p;
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const related = (a, b) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

async function pool(items, width, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" }, only: { type: "string" }, details: { type: "boolean", default: false }, limit: { type: "string", default: "30" } } });
  const { lintFile } = await import(pathToFileURL(path.join(repo, "generator/dist/lint/run.js")).href);
  const specs = publicSpecs().filter((s) => !values.only || s.includes(values.only));
  const cwd = mkdtempSync(path.join(os.tmpdir(), "specforge-compare-lint-"));
  const ours = [];
  for (const spec of specs) {
    let findings;
    try {
      findings = await lintFile(spec, { baseDir: cwd });
    } catch (e) {
      findings = [{ ruleId: "(unreadable)", message: e.message, pointer: "", severity: "error" }];
    }
    ours.push(findings);
  }
  process.stderr.write(`specforge linted ${specs.length} specs; running redocly...\n`);
  const theirs = await pool(specs, 2, (spec) => runRedocly(spec, cwd));
  rmSync(cwd, { recursive: true, force: true });

  const rows = [];
  const total = { redoclyOnly: {}, oursOnly: {}, matched: {}, unclaimed: {}, notClaimed: {} };
  const bump = (map, key, n = 1) => (map[key] = (map[key] ?? 0) + n);
  specs.forEach((spec, i) => {
    const name = spec === GITHUB ? "github api.github.com.json" : path.relative(OAS, spec);
    const our = ours[i];
    const red = theirs[i];
    const usedOurs = new Set();
    const row = { name, redoclyOnly: [], oursOnly: [], matched: 0 };
    for (const r of red) {
      const mapped = REDOCLY_TO_OURS[r.rule];
      if (!mapped) {
        bump(total.unclaimed, r.rule);
        continue;
      }
      const excluded = NOT_CLAIMED.find((n) => n.rule === r.rule && n.test(r));
      if (excluded) {
        bump(total.notClaimed, `${r.rule}: ${excluded.why}`);
        continue;
      }
      const hit = our.findIndex((o) => o.ruleId === mapped && related(o.pointer, r.pointer));
      if (hit >= 0) {
        usedOurs.add(hit);
        row.matched++;
        bump(total.matched, mapped);
      } else {
        row.redoclyOnly.push(`${r.rule} -> ${mapped} #${r.pointer}: ${r.message}`);
        bump(total.redoclyOnly, `${r.rule} -> ${mapped}`);
      }
    }
    const mappedRules = new Set(Object.values(REDOCLY_TO_OURS));
    our.forEach((o, j) => {
      if (usedOurs.has(j)) return;
      // Only rules both tools have are compared this way; our other rules have no Redocly counterpart.
      if (!mappedRules.has(o.ruleId)) return;
      if (red.some((r) => REDOCLY_TO_OURS[r.rule] === o.ruleId && related(o.pointer, r.pointer))) return;
      row.oursOnly.push(`${o.ruleId} #${o.pointer}: ${o.message}`);
      bump(total.oursOnly, o.ruleId);
    });
    rows.push(row);
  });

  const lines = [];
  lines.push(`Specs compared: ${specs.length} (${specs.length - 1} from @readme/oas-examples 3.0/3.1, and GitHub's REST description).`, "");
  const table = (title, map) => {
    lines.push(`### ${title}`, "", "| rule | findings |", "| --- | --- |");
    const entries = Object.entries(map).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) lines.push("| (none) | 0 |");
    for (const [k, v] of entries) lines.push(`| ${k} | ${v} |`);
    lines.push("");
  };
  table("Matched (both tools report it)", total.matched);
  table("Redocly only, on a rule we claim", total.redoclyOnly);
  table("Ours only, on a rule Redocly also has", total.oursOnly);
  table("Redocly findings of a mapped rule that we deliberately do not claim", total.notClaimed);
  table("Redocly rules we do not implement", total.unclaimed);
  lines.push("### Per spec (specs with a difference)", "", "| spec | matched | Redocly only | ours only |", "| --- | --- | --- | --- |");
  for (const row of rows) {
    if (row.redoclyOnly.length || row.oursOnly.length) lines.push(`| ${row.name} | ${row.matched} | ${row.redoclyOnly.length} | ${row.oursOnly.length} |`);
  }
  lines.push("");
  if (values.details) {
    for (const row of rows) {
      if (!row.redoclyOnly.length && !row.oursOnly.length) continue;
      lines.push(`#### ${row.name}`, "");
      for (const l of row.redoclyOnly.slice(0, Number(values.limit))) lines.push(`- Redocly only: ${l}`);
      for (const l of row.oursOnly.slice(0, Number(values.limit))) lines.push(`- ours only: ${l}`);
      lines.push("");
    }
  }
  const text = lines.join("\n");
  if (values.out) writeFileSync(values.out, `${text}\n`);
  process.stdout.write(`${text}\n`);
}

main().catch((e) => {
  process.stderr.write(`compare-lint: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
