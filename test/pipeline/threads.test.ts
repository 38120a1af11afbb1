/**
 * Large specs make `src/schema.ts` and compile their heaviest validator module on worker threads
 * (generator/threads/pool.ts); the output must be the same byte for byte as made inline, and a
 * problem of the spec the same diagnostic. Runs the built modules (`npm test` builds them first), since
 * the worker entry is the compiled JavaScript.
 */
import path from "node:path";
import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { buildSchemaSet } from "../../generator/emit/validators/schema-set.js";
import type { CompileInput, CompiledModule } from "../../generator/emit/validators/compile.js";
import type { SchemaFileInput } from "../../generator/emit/types/schema-file.js";
import { writableKeys } from "../../generator/emit/types/read-write-split.js";
import type { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { isObject } from "../../generator/openapi/kinds.js";
import { ROOT, tempDir } from "../helpers/project.js";

const built = (file: string) => pathToFileURL(path.join(ROOT, "generator/dist", file)).href;
type Pool = { ThreadGroup: new () => { run: (task: "schema", input: SchemaFileInput) => Promise<string> } };
type SchemaFile = { emitSchemaFile: (input: SchemaFileInput) => string };

describe("src/schema.ts on a worker thread", () => {
  it("is the same as made inline, read-write twins and options included", async () => {
    expect(existsSync(fileURLToPath(built("threads/worker.js")))).toBe(true);
    const { ThreadGroup } = (await import(built("threads/pool.js"))) as Pool;
    const threads = new ThreadGroup();
    const { emitSchemaFile } = (await import(built("emit/types/schema-file.js"))) as SchemaFile;
    for (const spec of ["okra.yaml", "customer-v3.yaml"]) {
      const { ir } = await generate({ input: path.join(ROOT, "specs", spec), targets: ["types"] });
      const input: SchemaFileInput = { document: ir.document, title: ir.title, version: ir.version, options: { dates: "Date", immutable: true }, twins: writableKeys(ir.document) };
      const inline = emitSchemaFile(input);
      expect(inline).toContain("export interface components");
      expect((await threads.run("schema", input)) === inline, spec).toBe(true);
    }
  });

  it("a key the types target cannot type fails with its diagnostic where it is written, not an internal error", async () => {
    const { ThreadGroup } = (await import(built("threads/pool.js"))) as Pool;
    const threads = new ThreadGroup();
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
      const onThread = await threads.run("schema", input).then(() => undefined, (e: unknown) => e);
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

/** A large 3.1 spec (threads on `auto`): `count` object schemas named `<prefix>N`, one webhook keyed `hook`. */
function largeSpec(prefix: string, count: number, hook: string): string {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const properties: Record<string, unknown> = {};
    for (let j = 0; j < 12; j++) {
      properties[`p${j}`] = [{ type: "string", pattern: `^[a-z]{${j}}[0-9]*$`, maxLength: 40 }, { type: "string", format: "date-time" }, { type: "array", items: { $ref: `#/components/schemas/${prefix}${(i + j) % count}` } }, { type: "integer", minimum: j }][j % 4];
    }
    schemas[`${prefix}${i}`] = { type: "object", required: ["p0", "p1"], properties, additionalProperties: false };
  }
  const ok = { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${prefix}0` } } } } };
  return JSON.stringify({ openapi: "3.1.0", info: { title: prefix, version: "1" }, paths: { "/a": { get: { operationId: "getA", responses: ok } } }, webhooks: { [hook]: { post: { responses: ok } } }, components: { schemas } });
}

describe("a failed generate()", () => {
  it("stops the threads it started, and only those: another run in the process keeps its own", async () => {
    type Generate = typeof generate;
    const { generate: generateBuilt } = (await import(built("pipeline.js"))) as { generate: Generate };
    const dir = tempDir("specforge-thread-stop-");
    const good = path.join(dir, "good.json");
    const bad = path.join(dir, "bad.json");
    writeFileSync(good, largeSpec("Good", 800, "sure"));
    // its types fail on their thread at once (a bare '%'), while its validators compile on another for seconds
    writeFileSync(bad, largeSpec("Bad", 800, "100% sure"));
    // every worker the runs send a task to: whose task (by its input), when it ended and how
    const workers: Array<{ run: "good" | "bad"; task: string; exitedAt?: number; code?: number }> = [];
    const postMessage = Worker.prototype.postMessage;
    const post = vi.spyOn(Worker.prototype, "postMessage").mockImplementation(function (this: Worker, input: unknown) {
      const seen: (typeof workers)[number] = { run: JSON.stringify(input).includes('"Bad0"') ? "bad" : "good", task: isObject(input) && "exports" in input ? "validators" : "other" };
      workers.push(seen);
      this.once("exit", (code) => Object.assign(seen, { exitedAt: performance.now(), code }));
      postMessage.call(this, input);
    });
    let failedAt = 0;
    try {
      const [goodRun, badRun] = await Promise.allSettled([
        generateBuilt({ input: good, packageName: "good" }),
        generateBuilt({ input: bad, packageName: "bad" }).finally(() => (failedAt = performance.now())),
      ]);
      expect(badRun.status).toBe("rejected");
      expect(((badRun as PromiseRejectedResult).reason as SpecforgeError).diagnostics.map((d) => d.code)).toEqual(["types/percent-in-key"]);
      expect(goodRun.status).toBe("fulfilled");
      for (let waited = 0; workers.some((w) => w.exitedAt === undefined) && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    } finally {
      post.mockRestore();
    }
    const compile = workers.filter((w) => w.task === "validators");
    expect(compile.map((w) => w.run).sort()).toEqual(["bad", "good"]);
    const badCompile = compile.find((w) => w.run === "bad")!;
    // ended by the failure (terminated: code 1) right after it, not when its compile was done (code 0)
    expect(badCompile.code).toBe(1);
    expect(badCompile.exitedAt! - failedAt).toBeLessThan(2000);
    // the other run's threads answered and ended of themselves
    expect(workers.filter((w) => w.run === "good").map((w) => w.code)).toEqual([0, 0]);
  }, 180_000);
});
