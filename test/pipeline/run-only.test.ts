/**
 * `generate({ runOnly: true })`, what `specforge mock` and `proxy` import: only the modules that run, as
 * emitted. No types target (type-only), no package files, no formatting; validators without the type guards
 * and assertions no table uses, the server without its handlers' member types. What runs is the package's
 * own: the compiled validators, the runtime, the route table and the mock data are the same text.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ROOT } from "../helpers/project.js";

const SPEC = path.join(ROOT, "specs/okra.yaml");

describe("generate({ runOnly: true })", () => {
  it("emits only the server's and validators' modules that run, the code that runs as in the package", async () => {
    const [full, run] = await Promise.all([
      generate({ input: SPEC, targets: ["server"], packageName: "specforge-mock" }),
      generate({ input: SPEC, targets: ["server"], packageName: "specforge-mock", runOnly: true }),
    ]);
    const text = (files: typeof full.files, p: string) => files.find((f) => f.path === p)?.contents;
    const paths = run.files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith("src/server-runtime/"))).toEqual([
      "src/formats.ts", "src/idna.ts", "src/server-table.js", "src/server.ts", "src/validators-compiled.js", "src/validators-runtime.ts", "src/validators-standard-schema.ts", "src/validators.js",
    ]);
    expect(paths.filter((p) => p.startsWith("src/server-runtime/"))).toEqual(full.files.map((f) => f.path).filter((p) => p.startsWith("src/server-runtime/")));
    for (const p of paths.filter((p) => p !== "src/server.ts" && p !== "src/validators.js")) expect(text(run.files, p), p).toBe(text(full.files, p));

    const validators = text(run.files, "src/validators.js")!;
    expect(validators).not.toMatch(/export (?:const|function) (?:is|assert)[A-Z]|from "\.\/types\.js"/);
    // every table's validator is there, as the package has it (each `validateX` whole, its body included)
    const fullValidators = text(full.files, "src/validators.js")!;
    const validateBlocks = fullValidators.match(/^export function validate\w*\([^\n]*\n(?: [^\n]*\n)*\}$/gm) ?? [];
    expect(validateBlocks.length).toBeGreaterThan(10);
    for (const block of validateBlocks) expect(validators).toContain(block);
    expect(validators.slice(validators.indexOf("export const operationValidators"))).toBe(fullValidators.slice(fullValidators.indexOf("export const operationValidators")));

    const server = text(run.files, "src/server.ts")!;
    expect(server).toMatch(/export interface SpecforgeMockHandlers<P = unknown> \{\n\}/);
    expect(server.slice(server.indexOf("export function createHandler"))).toBe(text(full.files, "src/server.ts")!.slice(text(full.files, "src/server.ts")!.indexOf("export function createHandler")));
    // the route table and mock data (src/server-table.js, compared whole above) are what the server reads
    expect(text(run.files, "src/server-table.js")).toMatch(/^export const serverSpec = \{$(?:.|\n)*^export const mockData = \{$/m);
  });
});
