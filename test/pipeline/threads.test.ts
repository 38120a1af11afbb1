/**
 * Large specs make `src/schema.ts` and compile their heaviest validator module on worker threads
 * (generator/threads/pool.ts); the output must be the same byte for byte as made inline, and a
 * problem of the spec the same diagnostic. Runs the built modules (`npm test` builds them first), since
 * the worker entry is the compiled JavaScript.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { buildSchemaSet } from "../../generator/emit/validators/schema-set.js";
import type { CompileInput, CompiledModule } from "../../generator/emit/validators/compile.js";
import type { SchemaFileInput } from "../../generator/emit/types/schema-file.js";
import { writableKeys } from "../../generator/emit/types/read-write-split.js";
import type { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { ROOT } from "../helpers/project.js";

const built = (file: string) => pathToFileURL(path.join(ROOT, "generator/dist", file)).href;
type Pool = { runOnThread: (task: "schema", input: SchemaFileInput) => Promise<string> };
type SchemaFile = { emitSchemaFile: (input: SchemaFileInput) => string };

describe("src/schema.ts on a worker thread", () => {
  it("is the same as made inline, read-write twins and options included", async () => {
    expect(existsSync(fileURLToPath(built("threads/worker.js")))).toBe(true);
    const { runOnThread } = (await import(built("threads/pool.js"))) as Pool;
    const { emitSchemaFile } = (await import(built("emit/types/schema-file.js"))) as SchemaFile;
    for (const spec of ["okra.yaml", "customer-v3.yaml"]) {
      const { ir } = await generate({ input: path.join(ROOT, "specs", spec), targets: ["types"] });
      const input: SchemaFileInput = { document: ir.document, title: ir.title, version: ir.version, options: { dates: "Date", immutable: true }, twins: writableKeys(ir.document) };
      const inline = emitSchemaFile(input);
      expect(inline).toContain("export interface components");
      expect((await runOnThread("schema", input)) === inline, spec).toBe(true);
    }
  });

  it("a key the types target cannot type fails with its diagnostic where it is written, not an internal error", async () => {
    const { runOnThread } = (await import(built("threads/pool.js"))) as Pool;
    const { emitSchemaFile } = (await import(built("emit/types/schema-file.js"))) as SchemaFile;
    const body = { content: { "application/json": { schema: { type: "object", properties: { "rate%": { type: "object", properties: { x: { type: "string" } } } } } } } };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ webhooks: { "100% sure": { post: { responses: { "200": { description: "ok" } } } } } }, "/webhooks/100% sure"],
      // a 3.2 `query` operation, which the copy openapi-typescript reads moves to a private path
      [{ paths: { "/a": { query: { requestBody: body, responses: { "200": { description: "ok" } } } } } }, "/paths/~1a/query/requestBody/content/application~1json/schema/properties/rate%"],
    ];
    for (const [parts, pointer] of cases) {
      const document = { openapi: "3.2.0", info: { title: "T", version: "1" }, paths: {}, ...parts };
      const input: SchemaFileInput = { document, title: "T", version: "1", options: {}, twins: undefined };
      const onThread = await runOnThread("schema", input).then(() => undefined, (e: unknown) => e);
      let inline: unknown;
      try {
        emitSchemaFile(input);
      } catch (e) {
        inline = e;
      }
      for (const failed of [onThread, inline]) {
        // the built modules' SpecforgeError class, not this source's: by name
        expect((failed as Error).name).toBe("SpecforgeError");
        expect((failed as SpecforgeError).diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([["types/percent-in-key", pointer]]);
      }
    }
  });
});

type CompileModules = (inputs: CompileInput[], threads: "never" | "always") => Promise<CompiledModule[]>;

describe("validator compiles on worker threads", () => {
  it("give the same code as inline, coercing and not", async () => {
    const { compileModules } = (await import(built("emit/validators/compile-threads.js"))) as { compileModules: CompileModules };
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
    const { compileModules } = (await import(built("emit/validators/compile-threads.js"))) as { compileModules: CompileModules };
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
