import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { serveSuite, suiteFiles, SUITE } from "../validators/conformance.js";

it("soundness", async () => {
  const server = await serveSuite();
  const out = tempDir();
  const lines: string[] = [];
  const where = new Map<string, string>();
  let total = 0, genFail = 0;
  const pkgs: string[] = [];
  for (const file of suiteFiles()) {
    const groups = JSON.parse(readFileSync(file, "utf8").split("http://localhost:1234").join(server.origin)) as any[];
    const name = path.relative(SUITE, file).replace(/\.json$/, "").replace(/[^a-z0-9]+/gi, "-");
    const spec = { openapi: "3.1.0", info: { title: name, version: "1.0.0" }, paths: {}, components: { schemas: Object.fromEntries(groups.map((g, i) => [`T${i}`, typeof g.schema === "object" && !("$id" in g.schema) ? { $id: `https://specforge.test/${name}/${i}.json`, ...g.schema } : g.schema])) } };
    const input = server.publish(`${name}.openapi.json`, JSON.stringify(spec));
    let files;
    try { ({ files } = await generate({ input, targets: ["types", "validators"] })); } catch (e) { genFail++; lines.push(`GENFAIL ${name}: ${(e as Error).message.split("\n")[0]}`); continue; }
    const api = await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href) as any;
    const use: string[] = [`import type * as T from "./types.js";`];
    groups.forEach((g, i) => g.tests.forEach((t: any, j: number) => {
      if (!api[`validateT${i}`]?.(t.data).ok) return;
      total++;
      use.push(`export const v${i}_${j}: T.T${i} = ${JSON.stringify(t.data)};`);
      where.set(`${name}:${use.length}`, `${name} / ${g.description} / ${t.description} :: ${JSON.stringify(t.data).slice(0, 80)}`);
    }));
    const dir = path.join(out, name);
    writePackage(dir, files);
    writeFileSync(path.join(dir, "src/use.ts"), use.join("\n") + "\n");
    pkgs.push(dir);
  }
  await server.close();
  const cfg = path.join(out, "tsconfig.json");
  writeFileSync(cfg, JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, skipLibCheck: true, noEmit: true }, include: pkgs.map((p) => path.join(p, "src/use.ts")) }));
  const r = spawnSync(process.execPath, [path.join(process.cwd(), "node_modules/typescript/bin/tsc"), "-p", cfg], { encoding: "utf8", maxBuffer: 256 << 20 });
  const bad = new Map<string, string[]>();
  for (const l of (r.stdout + r.stderr).split("\n")) {
    const m = /([^/]+)\/src\/(\S+)\((\d+),\d+\): (error TS\d+: .*)/.exec(l);
    if (!m) continue;
    const key = m[2] === "use.ts" ? where.get(`${m[1]}:${m[3]}`) ?? `${m[1]}:${m[3]}` : `${m[1]}/${m[2]}:${m[3]}`;
    if (!bad.has(key)) bad.set(key, []);
    bad.get(key)!.push(m[4]!.slice(0, 160));
  }
  const report = [`valid instances: ${total}, not assignable (or errors): ${bad.size}, generation failures: ${genFail}`, ...lines, ...[...bad].map(([k, v]) => `${k}\n    ${v[0]}`)];
  writeFileSync("/tmp/soundness.txt", report.join("\n"));
}, 600_000);
