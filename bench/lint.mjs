/**
 * Benchmark section "lint": `specforge lint` against Redocly CLI's `lint --extends=recommended` on the
 * same spec (GitHub's REST description; specs/okra.yaml with --quick), interleaved, median wall time and
 * peak RSS. Both write their whole report as JSON to stdout; both exit 1 on this spec (it has errors), so
 * exit codes 0 and 1 count as a run. Children run in an empty folder (no redocly.yaml, no specforge config).
 *
 * Target (issue 6): ours / Redocly median wall <= 1.0x.
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { measureNode, summarize } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atMost } from "./lib/targets.mjs";

export const LINT_TARGET = 1.0;

const FULL_SPEC = "node_modules/@octokit/openapi/generated/api.github.com.json";
const QUICK_SPEC = "specs/okra.yaml";
const OURS = "generator/dist/cli/main.js";
const PEER = "node_modules/@redocly/cli/bin/cli.js";

export const lint = {
  name: "lint",
  title: "Lint: specforge lint vs redocly lint",

  async run(ctx) {
    const { repo, tmpRoot, runs, warmup, progress } = ctx;
    const specRel = ctx.quick ? QUICK_SPEC : FULL_SPEC;
    const spec = path.join(repo, specRel);
    const ours = path.join(repo, OURS);
    const peer = path.join(repo, PEER);
    if (!existsSync(spec)) throw new Error(`spec not found: ${specRel}`);
    if (!existsSync(ours)) throw new Error(`${OURS} not found: build it first with 'npx tsc -p tsconfig.json'`);
    if (!existsSync(peer)) throw new Error(`${PEER} not found: run 'npm install'`);
    const version = (file) => JSON.parse(readFileSync(path.join(repo, file), "utf8")).version;
    const cwd = mkdtempSync(path.join(tmpRoot, "lint-cwd-"));
    // No telemetry, no update check: Redocly must not touch the network (nor wait on it) while timed.
    process.env.REDOCLY_TELEMETRY = "off";
    process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = "true";
    process.env.REDOCLY_SUPPRESS_NOTIFICATIONS = "true";

    const tools = [
      { name: `specforge ${version("package.json")}`, script: ours, args: ["lint", spec, "--format", "json"], count: (out) => JSON.parse(out).findings.length },
      {
        name: `@redocly/cli ${version("node_modules/@redocly/cli/package.json")} (recommended)`,
        script: peer,
        args: ["lint", "--extends=recommended", "--format=json", "--max-problems=1000000", spec],
        count: (out) => JSON.parse(out.slice(out.indexOf("{"))).problems.length,
      },
    ];
    const runOnce = (tool) => measureNode({ label: tool.name, script: tool.script, args: tool.args, cwd, tmpDir: tmpRoot, okCodes: [0, 1] });

    const findings = [];
    if (warmup) {
      for (const tool of tools) {
        progress(`lint: warm-up ${tool.name}`);
        await runOnce(tool);
      }
    }
    const samples = tools.map(() => []);
    for (let i = 0; i < runs; i++) {
      const parts = [];
      for (const [t, tool] of tools.entries()) {
        const s = await runOnce(tool);
        if (i === 0) findings[t] = tool.count(s.stdout);
        samples[t].push(s);
        parts.push(`${tool.name} ${(s.wallMs / 1000).toFixed(2)} s`);
      }
      progress(`lint: run ${i + 1}/${runs}: ${parts.join(", ")}`);
    }

    const sums = samples.map(summarize);
    const ratio = sums[0].medianWallS / sums[1].medianWallS;
    const memRatio = sums[0].medianRssMiB / sums[1].medianRssMiB;
    const header = ["tool", "median wall (s)", "min (s)", "max (s)", "median peak RSS (MiB)", "findings"];
    const rows = tools.map((tool, i) => [tool.name, sums[i].medianWallS.toFixed(2), sums[i].minWallS.toFixed(2), sums[i].maxWallS.toFixed(2), sums[i].medianRssMiB.toFixed(0), String(findings[i])]);
    const ratioHeader = ["ours/redocly", "ratio", "target", "status"];
    const ratioRows = [
      ["lint wall (median)", `${ratio.toFixed(2)}x`, `<= ${LINT_TARGET.toFixed(1)}x`, ratio <= LINT_TARGET ? "met" : "NOT met"],
      ["lint memory (median peak RSS)", `${memRatio.toFixed(2)}x`, "-", "-"],
    ];
    const bytes = statSync(spec).size;
    const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
    const how = `${runs} run(s) each, interleaved${warmup ? ", after one untimed warm-up run each" : ", no warm-up"}`;
    const text = [`${this.title}: ${specRel} (${size}), ${how}`, "", textTable(header, rows), "", textTable(ratioHeader, ratioRows)].join("\n");
    const markdown = [
      `## ${this.title}`,
      "",
      `Spec: \`${specRel}\` (${size}). ${how[0].toUpperCase()}${how.slice(1)}. Findings differ in number: the rule sets differ (docs/lint-vs-redocly.md).`,
      "",
      `- ours: \`node ${OURS} lint <spec> --format json\``,
      `- peer: \`node ${PEER} lint --extends=recommended --format=json --max-problems=1000000 <spec>\``,
      "",
      markdownTable(header, rows),
      "",
      markdownTable(ratioHeader, ratioRows),
      "",
      "Every run (wall s / peak RSS MiB), in order:",
      "",
      ...tools.map((tool, i) => `- ${tool.name}: ${sums[i].wallsS.map((w, k) => `${w.toFixed(2)} / ${sums[i].rssMiB[k].toFixed(0)}`).join(", ")}`),
    ].join("\n");
    const secs = (n) => `${n.toFixed(2)} s`;
    const targets = [atMost("specforge lint vs redocly lint (recommended), median wall on GitHub's description", { ours: sums[0].medianWallS, peer: sums[1].medianWallS, limit: LINT_TARGET, format: secs })];
    return { text, markdown, targets };
  },
};
