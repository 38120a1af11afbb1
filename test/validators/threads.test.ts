/**
 * Large specs compile their heaviest validator module on a worker thread (generator/emit/validators/compile-threads.ts);
 * the code must be the same byte for byte as compiled inline. Runs the built modules (`npm test` builds
 * them first), since the worker entry is the compiled JavaScript.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { buildSchemaSet } from "../../generator/emit/validators/schema-set.js";
import type { CompileInput, CompiledModule } from "../../generator/emit/validators/compile.js";
import { ROOT } from "../helpers/project.js";

type CompileModules = (inputs: CompileInput[], threads: "never" | "always") => Promise<CompiledModule[]>;

describe("validator compiles on worker threads", () => {
  it("give the same code as inline, coercing and not", async () => {
    const built = pathToFileURL(path.join(ROOT, "generator/dist/emit/validators/compile-threads.js")).href;
    expect(existsSync(fileURLToPath(new URL("./compile-worker.js", built)))).toBe(true);
    const { compileModules } = (await import(built)) as { compileModules: CompileModules };
    const { ir } = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), targets: ["types"] });
    const set = buildSchemaSet(ir, {});
    const input = (coerceTypes: boolean): CompileInput => ({
      documents: set.documents,
      exports: set.entries.filter((e) => !e.aliasOf).map((e, i) => ({ name: `v${i}`, ref: e.ref, schema: e.schema, pointer: e.pointer })),
      allErrors: true,
      coerceTypes,
      specPointers: true,
    });
    const inputs = [input(false), input(true)];
    const inline = await compileModules(inputs, "never");
    const threaded = await compileModules(inputs, "always");
    expect(threaded.map((m) => m.code.length)).toEqual(inline.map((m) => m.code.length));
    expect(threaded[0]!.code === inline[0]!.code && threaded[1]!.code === inline[1]!.code).toBe(true);
    expect(inline[0]!.code).not.toBe(inline[1]!.code);
    expect(inline[0]!.code).toContain("export const v0 =");
    // Only the first input goes to the thread: the coercing compile there too.
    const swapped = await compileModules([inputs[1]!, inputs[0]!], "always");
    expect(swapped[0]!.code === inline[1]!.code && swapped[1]!.code === inline[0]!.code).toBe(true);
  });

  it("a spec's schema that cannot be compiled fails with its diagnostic there too, not an internal error", async () => {
    const built = pathToFileURL(path.join(ROOT, "generator/dist/emit/validators/compile-threads.js")).href;
    const { compileModules } = (await import(built)) as { compileModules: CompileModules };
    const input: CompileInput = {
      documents: [{ $id: "specforge:api", $defs: { A: { $ref: "specforge:api#/$defs/B" }, B: { $ref: "specforge:api#/$defs/A" } } }],
      exports: [{ name: "v0", ref: "specforge:api#/$defs/A", pointer: "/components/schemas/A" }],
      allErrors: true,
    };
    for (const threads of ["never", "always"] as const) {
      const e = await compileModules([input], threads).then(() => undefined, (err: unknown) => err);
      expect((e as Error).name, threads).toBe("SpecforgeError");
      expect((e as { diagnostics: unknown[] }).diagnostics).toEqual([expect.objectContaining({ code: "validators/ref-loop", location: { pointer: "/components/schemas/A" } })]);
    }
  });
});
