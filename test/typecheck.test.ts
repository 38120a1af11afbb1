/**
 * Every golden package type-checks under `tsc --strict`, with the package's own tsconfig options; and
 * the types target makes no runtime code at all, so no spec text can run (the hostile fixture is the test).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { goldenJobs, listFiles, TSC, tempDir, typecheckPackages } from "./helpers/project.js";

const jobs = goldenJobs();

describe("generated packages", () => {
  it("type-check under tsc --strict with their own compiler options", () => {
    const own = JSON.parse(readFileSync(path.join(jobs[0]!.out, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    expect(own.compilerOptions.strict).toBe(true);
    const { rootDir: _r, outDir: _o, declaration: _d, ...options } = own.compilerOptions;
    const r = typecheckPackages(jobs.map((j) => j.out), options);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("type-check broken code as broken (the check above can fail)", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "bad.ts"), 'import type { Customer } from "' + path.join(jobs[0]!.out, "src/types.js") + '";\nconst c: Customer = { nope: 1 };\nexport { c };\n');
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" }, files: ["bad.ts"] }));
    const r = spawnSync(process.execPath, [TSC, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/TS2353|TS2322|TS2739/);
  });

  it.each(jobs.map((j) => [j.name, j.out] as const))("%s: the types target compiles to no runtime statements", (_n, out) => {
    for (const file of listFiles(out).filter((f) => /^src\/(schema|types|index)\.ts$/.test(f))) {
      const js = ts.transpileModule(readFileSync(path.join(out, file), "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true },
      }).outputText;
      const statements = js.split("\n").map((l) => l.trim()).filter((l) => l && l !== "export {};" && !/^export \* from "\.\/[a-z-]+\.js";$/.test(l));
      expect(statements, `${file} emits runtime code`).toEqual([]);
    }
  });
});
