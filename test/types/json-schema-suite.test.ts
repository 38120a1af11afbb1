/**
 * The types agree with the validators: every valid instance of the JSON-Schema-Test-Suite (draft 2020-12)
 * that the generated validator accepts is written, as a literal, to a constant of the schema's generated
 * type, and the package type-checks. The count that compiles may only go up (`typesAssignable` in
 * validators/conformance-floor.json). What still fails is printed: schemas without `type` typed as objects
 * (as every peer types them), literals with properties a closed type does not name, and keywords no
 * TypeScript type says (`patternProperties` beside others, `dependentSchemas`, `unevaluated*`).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import { importableSources, tempDir, TSC } from "../helpers/project.js";
import { asResource, serveSuite, SUITE, SUITE_ORIGIN, suiteFiles, type Group, type SuiteServer } from "../validators/conformance.js";

const floor = JSON.parse(readFileSync(path.join(import.meta.dirname, "../validators/conformance-floor.json"), "utf8")) as Record<string, number>;

let server: SuiteServer;
beforeAll(async () => {
  server = await serveSuite();
});
afterAll(() => server.close());

it("valid instances the validators accept compile against the generated types; the count never goes down", async () => {
  const out = tempDir();
  const packages: string[] = [];
  /** `<package>:<line of use.ts>` -> the instance written there. */
  const lines = new Map<string, string>();
  for (const file of suiteFiles()) {
    const groups = JSON.parse(readFileSync(file, "utf8").split(SUITE_ORIGIN).join(server.origin)) as Group[];
    const name = path.relative(SUITE, file).replace(/\.json$/, "").replace(/[^a-z0-9]+/gi, "-");
    const spec = { openapi: "3.1.0", info: { title: name, version: "1.0.0" }, paths: {}, components: { schemas: Object.fromEntries(groups.map((g, i) => [`T${i}`, asResource(g.schema, `https://specforge.test/${name}/${i}.json`)])) } };
    let files;
    try {
      ({ files } = await generate({ input: server.publish(`${name}.types.json`, JSON.stringify(spec)), targets: ["types", "validators"] }));
    } catch {
      continue; // a file the validators cannot compile (dynamicRef): the conformance test counts it
    }
    const api = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Record<string, (v: unknown) => { ok: boolean }>;
    const use = ['import type * as T from "./types.js";'];
    groups.forEach((g, i) =>
      g.tests.forEach((t, j) => {
        if (!t.valid || !api[`validateT${i}`]!(t.data).ok) return;
        use.push(`export const v${i}_${j}: T.T${i} = ${JSON.stringify(t.data)};`);
        lines.set(`${name}:${use.length}`, `${name} / ${g.description} / ${t.description}`);
      }),
    );
    writePackage(path.join(out, name), files);
    writeFileSync(path.join(out, name, "src/use.ts"), `${use.join("\n")}\n`);
    packages.push(path.join(out, name));
  }
  const config = path.join(out, "tsconfig.json");
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, skipLibCheck: true, noEmit: true };
  writeFileSync(config, JSON.stringify({ compilerOptions, include: packages.map((p) => path.join(p, "src/use.ts")) }));
  const tsc = spawnSync(process.execPath, [TSC, "-p", config], { encoding: "utf8", maxBuffer: 256 << 20 });
  const failing = new Set<string>();
  const elsewhere: string[] = [];
  for (const line of tsc.stdout.split("\n")) {
    const m = /([^/\\]+)[/\\]src[/\\](\S+)\((\d+),\d+\): error/.exec(line);
    if (!m) continue;
    if (m[2] === "use.ts" && lines.has(`${m[1]}:${m[3]}`)) failing.add(lines.get(`${m[1]}:${m[3]}`)!);
    else elsewhere.push(line); // an error in the generated package itself
  }
  const assignable = lines.size - failing.size;
  console.info(`types: ${assignable}/${lines.size} accepted instances compile\n  ${[...failing].join("\n  ")}`);
  expect(elsewhere).toEqual([]);
  expect(lines.size).toBeGreaterThan(600);
  expect(assignable).toBeGreaterThanOrEqual(floor.typesAssignable!);
  if (assignable > floor.typesAssignable!) console.info(`new record: set "typesAssignable" to ${assignable} in conformance-floor.json`);
}, 600_000);
