/**
 * Benchmark section "generation": our `generate --targets types` against openapi-typescript on the same
 * spec (GitHub's REST description; specs/okra.yaml with --quick), in one interleaved run, plus one extra
 * run of ours with --timings for the per-stage breakdown.
 *
 * Targets (foundation issue): ours/peer median wall <= 1.1x, median peak RSS <= 1.5x.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { measureNode, summarize } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";

export const TARGETS = { wall: 1.1, memory: 1.5 };

const FULL_SPEC = "node_modules/@octokit/openapi/generated/api.github.com.json";
const QUICK_SPEC = "specs/okra.yaml";
const OURS = "generator/dist/cli/main.js";
const PEER = "node_modules/openapi-typescript/bin/cli.js";

export const generation = {
  name: "generation",
  title: "Generation: spec to TypeScript types",

  /**
   * @param {{ repo: string, tmpRoot: string, runs: number, warmup: boolean, quick: boolean, progress: (line: string) => void }} ctx
   * @returns {Promise<{ text: string, markdown: string }>}
   */
  async run(ctx) {
    const { repo, tmpRoot, runs, warmup, progress } = ctx;
    const specRel = ctx.quick ? QUICK_SPEC : FULL_SPEC;
    const spec = path.join(repo, specRel);
    const ours = path.join(repo, OURS);
    const peer = path.join(repo, PEER);
    if (!existsSync(spec)) throw new Error(`spec not found: ${specRel}`);
    if (!existsSync(ours)) throw new Error(`${OURS} not found: build it first with 'npx tsc -p tsconfig.json'`);
    if (!existsSync(peer)) throw new Error(`${PEER} not found: run 'npm install'`);

    const oursVersion = versionOf(path.join(repo, "package.json"));
    const peerVersion = versionOf(path.join(repo, "node_modules/openapi-typescript/package.json"));
    // Children run in an empty folder so neither picks up a config from the repo (openapi-typescript
    // reads ./redocly.yaml; specforge reads ./specforge.config.* only without a spec, but be symmetric).
    const cwd = mkdtempSync(path.join(tmpRoot, "cwd-"));

    // Both tools write their whole output on every run: ours into a fresh empty folder (never the
    // skip-unchanged path), the peer into a file that does not exist yet. Outputs are deleted after
    // each run, outside the timed region.
    const tools = [
      {
        name: `specforge ${oursVersion}`,
        script: ours,
        output: () => {
          const dir = mkdtempSync(path.join(tmpRoot, "ours-"));
          return { dir, out: dir };
        },
        args: (out) => ["generate", spec, "--out", out, "--targets", "types", "--quiet"],
        verify: (out) => existsSync(path.join(out, "src")) && readdirSync(path.join(out, "src")).length > 0,
      },
      {
        name: `openapi-typescript ${peerVersion}`,
        script: peer,
        output: () => {
          const dir = mkdtempSync(path.join(tmpRoot, "peer-"));
          return { dir, out: path.join(dir, "schema.d.ts") };
        },
        args: (out) => [spec, "-o", out],
        verify: (out) => existsSync(out) && statSync(out).size > 0,
      },
    ];

    const runOnce = async (tool, args = tool.args) => {
      const { dir, out } = tool.output();
      try {
        const sample = await measureNode({ label: tool.name, script: tool.script, args: args(out), cwd, tmpDir: tmpRoot });
        if (!tool.verify(out)) throw new Error(`${tool.name} exited 0 but wrote no output at ${out}`);
        return sample;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    if (warmup) {
      for (const tool of tools) {
        progress(`generation: warm-up ${tool.name}`);
        await runOnce(tool);
      }
    }

    const samples = tools.map(() => []);
    for (let i = 0; i < runs; i++) {
      const parts = [];
      for (const [t, tool] of tools.entries()) {
        const s = await runOnce(tool);
        samples[t].push(s);
        parts.push(`${tool.name} ${(s.wallMs / 1000).toFixed(2)} s ${(s.maxRssKiB / 1024).toFixed(0)} MiB`);
      }
      progress(`generation: run ${i + 1}/${runs}: ${parts.join(", ")}`);
    }

    progress(`generation: one more ${tools[0].name} run with --timings (not part of the table)`);
    const timed = await runOnce(tools[0], (out) => ["generate", spec, "--out", out, "--targets", "types", "--timings"]);
    const stageMatch = /^.*?: (load \d+ ms.*)$/m.exec(timed.stdout);
    if (!stageMatch) throw new Error(`could not find the stage line in 'specforge generate --timings' output:\n${timed.stdout}`);
    const stages = stageMatch[1].trim();

    const [o, p] = samples.map(summarize);
    const wallRatio = o.medianWallS / p.medianWallS;
    const memRatio = o.medianRssMiB / p.medianRssMiB;
    const status = (ratio, target) => (ratio <= target ? "met" : "NOT met");

    const header = ["tool", "median wall (s)", "min (s)", "max (s)", "median peak RSS (MiB)"];
    const rows = tools.map((tool, i) => {
      const s = i === 0 ? o : p;
      return [tool.name, s.medianWallS.toFixed(2), s.minWallS.toFixed(2), s.maxWallS.toFixed(2), s.medianRssMiB.toFixed(0)];
    });
    const ratioHeader = ["ours/peer", "ratio", "target", "status"];
    const ratioRows = [
      ["wall (median)", `${wallRatio.toFixed(2)}x`, `<= ${TARGETS.wall}x`, status(wallRatio, TARGETS.wall)],
      ["memory (median peak RSS)", `${memRatio.toFixed(2)}x`, `<= ${TARGETS.memory}x`, status(memRatio, TARGETS.memory)],
    ];
    const bytes = statSync(spec).size;
    const specSize = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
    const how = `${runs} run(s) each, interleaved${warmup ? ", after one untimed warm-up run each" : ", no warm-up"}`;

    const text = [
      `${this.title}: ${specRel} (${specSize}), ${how}`,
      "",
      textTable(header, rows),
      "",
      textTable(ratioHeader, ratioRows),
      "",
      `specforge stages (one extra run with --timings): ${stages}`,
    ].join("\n");

    const markdown = [
      `## ${this.title}`,
      "",
      `Spec: \`${specRel}\` (${specSize}). ${capitalize(how)}.`,
      "",
      `- ours: \`node ${OURS} generate <spec> --out <fresh empty dir> --targets types --quiet\``,
      `- peer: \`node ${PEER} <spec> -o <new file>\``,
      "",
      markdownTable(header, rows),
      "",
      markdownTable(ratioHeader, ratioRows),
      "",
      "specforge stages (one extra run with `--timings`, not part of the table):",
      "",
      "```",
      stages,
      "```",
      "",
      "Every run (wall s / peak RSS MiB), in order:",
      "",
      ...tools.map((tool, i) => {
        const s = i === 0 ? o : p;
        return `- ${tool.name}: ${s.wallsS.map((w, k) => `${w.toFixed(2)} / ${s.rssMiB[k].toFixed(0)}`).join(", ")}`;
      }),
    ].join("\n");

    return { text, markdown };
  },
};

function versionOf(packageJson) {
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}

function capitalize(s) {
  return s[0].toUpperCase() + s.slice(1);
}
