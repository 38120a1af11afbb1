/**
 * Benchmark section "generation": our `generate --targets types` and our `generate` with all targets
 * (no --targets) against openapi-typescript (types only) and @hey-api/openapi-ts (default plugins:
 * types + sdk) on the same spec (GitHub's REST description; specs/okra.yaml with --quick), in one
 * interleaved run, plus one extra run of each of ours with --timings for the per-stage breakdown.
 *
 * Targets: foundation issue: types-only ours/openapi-typescript median wall <= 1.1x, median peak RSS
 * <= 1.5x; validators issue: all targets ours / openapi-typescript's types-only median wall <= 1.5x;
 * issue 8: all targets faster than @hey-api/openapi-ts types + sdk (ratio < 1x).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { measureNode, summarize } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atMost } from "./lib/targets.mjs";

export const TARGETS = { wall: 1.1, memory: 1.5, allTargetsWall: 1.5, allTargetsVsHeyApi: 1 };

const FULL_SPEC = "node_modules/@octokit/openapi/generated/api.github.com.json";
const QUICK_SPEC = "specs/okra.yaml";
const OURS = "generator/dist/cli/main.js";
const PEER = "node_modules/openapi-typescript/bin/cli.js";
// The CLI itself: bin/run.js only re-spawns Node on this file, which would hide its peak RSS from us.
const HEY_API = "node_modules/@hey-api/openapi-ts/dist/run.mjs";

export const generation = {
  name: "generation",
  title: "Generation: spec to TypeScript",

  /**
   * @param {{ repo: string, tmpRoot: string, runs: number, warmup: boolean, quick: boolean, progress: (line: string) => void }} ctx
   * @returns {Promise<{ text: string, markdown: string, targets: object[] }>}
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
    const hey = path.join(repo, HEY_API);
    if (!existsSync(hey)) throw new Error(`${HEY_API} not found: run 'npm install'`);

    const oursVersion = versionOf(path.join(repo, "package.json"));
    const peerVersion = versionOf(path.join(repo, "node_modules/openapi-typescript/package.json"));
    const heyVersion = versionOf(path.join(repo, "node_modules/@hey-api/openapi-ts/package.json"));
    // What "all targets" means today (generate without --targets), for the row's label.
    const { ALL_TARGETS } = await import(pathToFileURL(path.join(repo, "generator/dist/emit/emitter.js")).href);
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
      {
        name: `specforge ${oursVersion}, all targets (${ALL_TARGETS.join(", ")})`,
        script: ours,
        output: () => {
          const dir = mkdtempSync(path.join(tmpRoot, "ours-all-"));
          return { dir, out: dir };
        },
        args: (out) => ["generate", spec, "--out", out, "--quiet"],
        verify: (out) => existsSync(path.join(out, "src")) && readdirSync(path.join(out, "src")).length > 0,
      },
      {
        // Default plugins (no -p): @hey-api/typescript and @hey-api/sdk, plus the client bundle it copies.
        name: `@hey-api/openapi-ts ${heyVersion} (types + sdk)`,
        script: hey,
        output: () => {
          const dir = mkdtempSync(path.join(tmpRoot, "hey-"));
          return { dir, out: path.join(dir, "out") };
        },
        args: (out) => ["-i", spec, "-o", out],
        verify: (out) => existsSync(path.join(out, "types.gen.ts")) && existsSync(path.join(out, "sdk.gen.ts")),
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

    const stagesOf = async (tool, args) => {
      progress(`generation: one more ${tool.name} run with --timings (not part of the table)`);
      const timed = await runOnce(tool, args);
      const stageMatch = /^.*?: (load \d+ ms.*)$/m.exec(timed.stdout);
      if (!stageMatch) throw new Error(`could not find the stage line in 'specforge generate --timings' output:\n${timed.stdout}`);
      return stageMatch[1].trim();
    };
    const stages = await stagesOf(tools[0], (out) => ["generate", spec, "--out", out, "--targets", "types", "--timings"]);
    const stagesAll = await stagesOf(tools[2], (out) => ["generate", spec, "--out", out, "--timings"]);

    const stats = samples.map(summarize);
    const [o, p, a, h] = stats;
    const seconds = (v) => `${v.toFixed(2)} s`;
    const mebibytes = (v) => `${v.toFixed(0)} MiB`;
    const targets = [
      atMost("types alone, median wall vs openapi-typescript", { ours: o.medianWallS, peer: p.medianWallS, limit: TARGETS.wall, format: seconds }),
      atMost("all targets, median wall vs openapi-typescript (types only)", { ours: a.medianWallS, peer: p.medianWallS, limit: TARGETS.allTargetsWall, format: seconds }),
      atMost("all targets, median wall vs @hey-api/openapi-ts (types + sdk)", { ours: a.medianWallS, peer: h.medianWallS, limit: TARGETS.allTargetsVsHeyApi, format: seconds, strict: true }),
      atMost("types alone, median peak RSS vs openapi-typescript", { ours: o.medianRssMiB, peer: p.medianRssMiB, limit: TARGETS.memory, format: mebibytes }),
    ];

    const header = ["tool", "median wall (s)", "min (s)", "max (s)", "median peak RSS (MiB)"];
    const rows = tools.map((tool, i) => {
      const s = stats[i];
      return [tool.name, s.medianWallS.toFixed(2), s.minWallS.toFixed(2), s.maxWallS.toFixed(2), s.medianRssMiB.toFixed(0)];
    });
    const ratioHeader = ["ours vs peer", "ratio", "target", "status"];
    const ratioRows = targets.map((t) => [t.what, `${t.ratio.toFixed(2)}x`, t.target, t.met ? "met" : "NOT met"]);
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
      `specforge stages, all targets (one extra run with --timings): ${stagesAll}`,
    ].join("\n");

    const markdown = [
      `## ${this.title}`,
      "",
      `Spec: \`${specRel}\` (${specSize}). ${capitalize(how)}.`,
      "",
      `- ours: \`node ${OURS} generate <spec> --out <fresh empty dir> --targets types --quiet\``,
      `- peer: \`node ${PEER} <spec> -o <new file>\``,
      `- hey-api: \`node ${HEY_API} -i <spec> -o <new dir>\` (default plugins: types + sdk)`,
      `- ours, all targets: \`node ${OURS} generate <spec> --out <fresh empty dir> --quiet\` (no \`--targets\`: today ${ALL_TARGETS.join(", ")})`,
      "",
      markdownTable(header, rows),
      "",
      markdownTable(ratioHeader, ratioRows),
      "",
      "specforge stages (one extra run each with `--timings`, not part of the table):",
      "",
      "```",
      `types only:  ${stages}`,
      `all targets: ${stagesAll}`,
      "```",
      "",
      "Every run (wall s / peak RSS MiB), in order:",
      "",
      ...tools.map((tool, i) => {
        const s = stats[i];
        return `- ${tool.name}: ${s.wallsS.map((w, k) => `${w.toFixed(2)} / ${s.rssMiB[k].toFixed(0)}`).join(", ")}`;
      }),
    ].join("\n");

    return { text, markdown, targets };
  },
};

function versionOf(packageJson) {
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}

function capitalize(s) {
  return s[0].toUpperCase() + s.slice(1);
}
