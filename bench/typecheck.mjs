/**
 * Benchmark section "typecheck": what the generated code costs its consumer's compiler. `tsc --noEmit`
 * (the repo's typescript) over a one-file consumer of each output, in one interleaved run:
 *   ours  the package `specforge generate --targets types,client` writes (the surface comparable to the
 *         peer's), its src/*.ts; the consumer creates the client and makes one typed call;
 *   peer  openapi-typescript's `schema.d.ts` with openapi-fetch: `createClient<paths>()` and the same call.
 * Spec: GitHub's REST description (specs/okra.yaml with --quick). Both projects share one tsconfig
 * (strict, NodeNext, lib ES2022 + DOM, `types: []`, `skipLibCheck: false` so every file of both
 * outputs, and openapi-fetch's declarations, is checked in full; `skipDefaultLibCheck` spares
 * TypeScript's own lib.*.d.ts, a fixed cost of both sides that would only blur the ratio). tsc must exit 0: a consumer that
 * does not type-check fails the bench.
 *
 * Target (issue 8): ours no slower than openapi-typescript + openapi-fetch (median wall ratio <= 1x).
 * Peak RSS is shown, not a target.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { measureNode, summarize } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atMost } from "./lib/targets.mjs";

export const TARGETS = { wall: 1 };

const OURS = "generator/dist/cli/main.js";
const OPENAPI_TS = "node_modules/openapi-typescript/bin/cli.js";
const TSC = "node_modules/typescript/bin/tsc";

/** The spec and the one call each consumer makes (same operation, same arguments). */
const SPECS = {
  full: {
    spec: "node_modules/@octokit/openapi/generated/api.github.com.json",
    ours: "client.reposGet({ path: { owner: \"octocat\", repo: \"Hello-World\" } })",
    peer: "client.GET(\"/repos/{owner}/{repo}\", { params: { path: { owner: \"octocat\", repo: \"Hello-World\" } } })",
  },
  quick: {
    spec: "specs/okra.yaml",
    ours: "client.listCustomers({ body: { page: 1, limit: 10 } })",
    peer: "client.POST(\"/customers/list\", { body: { page: 1, limit: 10 } })",
  },
};

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    types: [],
  },
};

export const typecheck = {
  name: "typecheck",
  title: "Type-check cost of the output: tsc --noEmit",

  /**
   * @param {{ repo: string, tmpRoot: string, runs: number, warmup: boolean, quick: boolean, progress: (line: string) => void }} ctx
   * @returns {Promise<{ text: string, markdown: string, targets: object[] }>}
   */
  async run(ctx) {
    const { repo, tmpRoot, runs, warmup, progress } = ctx;
    const chosen = ctx.quick ? SPECS.quick : SPECS.full;
    const spec = path.join(repo, chosen.spec);
    for (const [file, fix] of [[OURS, "build it first with 'npx tsc -p tsconfig.json'"], [OPENAPI_TS, "run 'npm install'"], [TSC, "run 'npm install'"], [chosen.spec, "run 'npm install'"]]) {
      if (!existsSync(path.join(repo, file))) throw new Error(`${file} not found: ${fix}`);
    }

    // One project folder; node_modules links to the repo's so `openapi-fetch` resolves as a consumer's would.
    const dir = path.join(tmpRoot, "typecheck");
    mkdirSync(dir, { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');

    progress(`typecheck: generating ${chosen.spec} with specforge (types, client) and openapi-typescript (untimed)`);
    const run = promisify(execFile);
    await run(process.execPath, [path.join(repo, OURS), "generate", spec, "--out", path.join(dir, "ours"), "--targets", "types,client", "--quiet"], { cwd: dir, maxBuffer: 2 ** 26 });
    await run(process.execPath, [path.join(repo, OPENAPI_TS), spec, "-o", path.join(dir, "peer", "schema.d.ts")], { cwd: dir, maxBuffer: 2 ** 26 });

    const factory = /^export function (create\w+Client)\(/m.exec(readFileSync(path.join(dir, "ours/src/client.ts"), "utf8"))?.[1];
    if (!factory) throw new Error("typecheck: no `export function create...Client(` in our generated client.ts");
    writeFileSync(
      path.join(dir, "ours.ts"),
      [
        `import { ${factory} } from "./ours/src/index.js";`,
        `const client = ${factory}({ baseUrl: "https://api.example.com" });`,
        `export async function call() {`,
        `  return await ${chosen.ours};`,
        `}`,
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(dir, "peer.ts"),
      [
        `import createClient from "openapi-fetch";`,
        `import type { paths } from "./peer/schema.js";`,
        `const client = createClient<paths>({ baseUrl: "https://api.example.com" });`,
        `export async function call() {`,
        `  return await ${chosen.peer};`,
        `}`,
        "",
      ].join("\n"),
    );
    for (const name of ["ours", "peer"]) {
      writeFileSync(path.join(dir, `tsconfig.${name}.json`), `${JSON.stringify({ ...TSCONFIG, files: [`${name}.ts`] }, null, 2)}\n`);
    }

    const version = (pkg) => JSON.parse(readFileSync(path.join(repo, "node_modules", pkg, "package.json"), "utf8")).version;
    const oursVersion = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")).version;
    const tools = [
      { name: `specforge ${oursVersion} (types + client)`, project: "tsconfig.ours.json" },
      { name: `openapi-typescript ${version("openapi-typescript")} + openapi-fetch ${version("openapi-fetch")}`, project: "tsconfig.peer.json" },
    ];
    const tsc = path.join(repo, TSC);
    const once = (tool) => measureNode({ label: `tsc -p ${tool.project}`, script: tsc, args: ["-p", tool.project], cwd: dir, tmpDir: tmpRoot });

    if (warmup) {
      for (const tool of tools) {
        progress(`typecheck: warm-up ${tool.name}`);
        await once(tool);
      }
    }
    const samples = tools.map(() => []);
    for (let i = 0; i < runs; i++) {
      const parts = [];
      for (const [t, tool] of tools.entries()) {
        const s = await once(tool);
        samples[t].push(s);
        parts.push(`${tool.name} ${(s.wallMs / 1000).toFixed(2)} s ${(s.maxRssKiB / 1024).toFixed(0)} MiB`);
      }
      progress(`typecheck: run ${i + 1}/${runs}: ${parts.join(", ")}`);
    }

    const stats = samples.map(summarize);
    const [o, p] = stats;
    const targets = [
      atMost("tsc --noEmit, median wall vs openapi-typescript + openapi-fetch", { ours: o.medianWallS, peer: p.medianWallS, limit: TARGETS.wall, format: (v) => `${v.toFixed(2)} s` }),
    ];
    const sizes = {
      ours: ["client-runtime.ts", "client.ts", "index.ts", "schema.ts", "types.ts"].filter((f) => existsSync(path.join(dir, "ours/src", f))).reduce((n, f) => n + statSync(path.join(dir, "ours/src", f)).size, 0),
      peer: statSync(path.join(dir, "peer/schema.d.ts")).size,
    };
    const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;

    const header = ["consumer of", "median wall (s)", "min (s)", "max (s)", "median peak RSS (MiB)"];
    const rows = tools.map((tool, i) => [tool.name, stats[i].medianWallS.toFixed(2), stats[i].minWallS.toFixed(2), stats[i].maxWallS.toFixed(2), stats[i].medianRssMiB.toFixed(0)]);
    const ratioRows = [
      ...targets.map((t) => [t.what, `${t.ratio.toFixed(2)}x`, t.target, t.met ? "met" : "NOT met"]),
      ["tsc peak RSS, median, ours vs peer", `${(o.medianRssMiB / p.medianRssMiB).toFixed(2)}x`, "-", "-"],
    ];
    const how = `${runs} run(s) each, interleaved${warmup ? ", after one untimed warm-up run each" : ", no warm-up"}`;
    const text = [
      `${this.title}: ${chosen.spec}, ${how}; generated sources ours ${mb(sizes.ours)}, peer ${mb(sizes.peer)}`,
      "",
      textTable(header, rows),
      "",
      textTable(["ours vs peer", "ratio", "target", "status"], ratioRows),
    ].join("\n");
    const markdown = [
      `## ${this.title}`,
      "",
      `Spec: \`${chosen.spec}\`. ${how[0].toUpperCase()}${how.slice(1)}. Each: \`node ${TSC} -p tsconfig.<ours|peer>.json\` in one folder, over a one-file consumer:`,
      "",
      "```ts",
      `// ours.ts: ${mb(sizes.ours)} of generated src (specforge generate <spec> --out ours --targets types,client)`,
      readFileSync(path.join(dir, "ours.ts"), "utf8").trimEnd(),
      `// peer.ts: ${mb(sizes.peer)} schema.d.ts (openapi-typescript <spec> -o peer/schema.d.ts)`,
      readFileSync(path.join(dir, "peer.ts"), "utf8").trimEnd(),
      "```",
      "",
      `tsconfig (both): \`${JSON.stringify(TSCONFIG.compilerOptions)}\`, \`files\` the one consumer.`,
      "",
      markdownTable(header, rows),
      "",
      markdownTable(["ours vs peer", "ratio", "target", "status"], ratioRows),
      "",
      "Every run (wall s / peak RSS MiB), in order:",
      "",
      ...tools.map((tool, i) => `- ${tool.name}: ${stats[i].wallsS.map((w, k) => `${w.toFixed(2)} / ${stats[i].rssMiB[k].toFixed(0)}`).join(", ")}`),
    ].join("\n");
    return { text, markdown, targets };
  },
};
