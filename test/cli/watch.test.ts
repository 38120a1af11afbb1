/** `generate --watch` through the built CLI: referenced files, broken saves, stopping. */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/project.js";

const MAIN = `openapi: 3.1.0
info: { title: Watched, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "./schemas.yaml#/Pet" }
`;
const schemas = (extra: string) => `Pet:
  type: object
  properties:
    name: { type: string }${extra}
`;

async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The CLI with `args` in `dir`, its output gathered as it comes. */
function watchProcess(dir: string, args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir });
  const out = { stderr: "", stdout: "" };
  child.stderr.on("data", (d) => (out.stderr += d));
  child.stdout.on("data", (d) => (out.stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out };
}

describe("generate --watch", () => {
  it("regenerates on a referenced file's change, survives a broken save, stops on SIGTERM", async () => {
    const dir = tempDir("specforge-watch-");
    writeFileSync(path.join(dir, "main.yaml"), MAIN);
    writeFileSync(path.join(dir, "schemas.yaml"), schemas(""));
    const { child, exited, out } = watchProcess(dir, ["generate", "main.yaml", "--out", "out", "--targets", "types", "--watch"]);
    const types = () => readFileSync(path.join(dir, "out/src/schema.ts"), "utf8");
    const watching = () => out.stderr.split("watching 2 file(s)").length - 1;
    try {
      await waitFor("the first run", () => watching() === 1);
      expect(types()).not.toContain("tag?:");

      writeFileSync(path.join(dir, "schemas.yaml"), schemas("\n    tag: { type: string }"));
      await waitFor("the run after editing schemas.yaml", () => watching() === 2);
      expect(types()).toContain("tag?: string");

      const before = types();
      writeFileSync(path.join(dir, "main.yaml"), MAIN.replace("paths:", "paths: [oops"));
      await waitFor("the failed run", () => out.stderr.includes("nothing written"));
      expect(out.stderr).toMatch(/main\.yaml:\d+:\d+ error /);
      expect(types()).toBe(before);

      writeFileSync(path.join(dir, "main.yaml"), MAIN.replace("listPets", "listAllPets"));
      await waitFor("the run after the fix", () => watching() === 4);
      expect(types()).toContain("listAllPets");
      expect(out.stdout).toContain("out: ");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  // a failed run watched only what the last good run read: fixing the file the error named, or adding the file a
  // $ref missed, ran nothing until another watched file was saved
  it("after a failed run, runs again when the file its error names is fixed, or the file a $ref missed appears", async () => {
    const dir = tempDir("specforge-watch-");
    writeFileSync(path.join(dir, "main.yaml"), MAIN);
    writeFileSync(path.join(dir, "schemas.yaml"), schemas(""));
    const { child, exited, out } = watchProcess(dir, ["generate", "main.yaml", "--out", "out", "--targets", "types", "--watch"]);
    const types = () => readFileSync(path.join(dir, "out/src/schema.ts"), "utf8");
    const runs = () => out.stdout.split("out: ").length - 1;
    const failures = () => out.stderr.split("nothing written").length - 1;
    // each run ends by saying what it watches, once it does: a save before that line could be missed
    const watching = () => out.stderr.split("watching ").length - 1;
    try {
      await waitFor("the first run", () => watching() === 1);

      writeFileSync(path.join(dir, "tag.yaml"), "Tag: { type: strin }\n");
      writeFileSync(path.join(dir, "schemas.yaml"), schemas('\n    tag: { $ref: "./tag.yaml#/Tag" }'));
      await waitFor("the run failing in tag.yaml", () => failures() === 1 && watching() === 2);
      expect(out.stderr).toMatch(/tag\.yaml:1:\d+ .*error check\/schema-keyword/);
      writeFileSync(path.join(dir, "tag.yaml"), "Tag: { type: string }\n");
      await waitFor("the run after fixing tag.yaml", () => runs() === 2 && watching() === 3);
      expect(types()).toMatch(/\btag\?: /);

      writeFileSync(path.join(dir, "schemas.yaml"), schemas('\n    owner: { $ref: "./owner.yaml#/Owner" }'));
      await waitFor("the run missing owner.yaml", () => failures() === 2 && watching() === 4);
      expect(out.stderr).toContain("ref/missing-file");
      writeFileSync(path.join(dir, "owner.yaml"), "Owner: { type: string }\n");
      await waitFor("the run after adding owner.yaml", () => runs() === 3);
      expect(types()).toMatch(/\bowner\?: /);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

// Node caches a module by URL (CommonJS by file name) for the life of the process: a config's own helpers were
// neither watched nor read again, and a CommonJS config was not even read again itself
describe("generate --watch with a code config", () => {
  const start = (dir: string) => {
    writeFileSync(path.join(dir, "main.yaml"), MAIN);
    writeFileSync(path.join(dir, "schemas.yaml"), schemas(""));
    const { child, exited, out } = watchProcess(dir, ["generate", "--watch"]);
    const manifest = () => JSON.parse(readFileSync(path.join(dir, "out/package.json"), "utf8")) as { name: string; version: string };
    const watching = (n: number) => () => out.stderr.split("watching ").length - 1 === n;
    return { child, exited, manifest, watching, stderr: () => out.stderr };
  };

  it("runs again when a module the config imports is saved, and reads it anew (ES module and CommonJS helpers)", async () => {
    const dir = tempDir("specforge-watch-");
    writeFileSync(path.join(dir, "base.mjs"), 'export const name = "pets-one";\n');
    writeFileSync(path.join(dir, "version.cjs"), 'module.exports = { version: "1.0.0" };\n');
    const config = (extra: string) => `import { name } from "./base.mjs";\nimport v from "./version.cjs";\nexport default { specs: [{ input: "main.yaml", output: "out", packageName: name, packageVersion: v.version, targets: ["types"] }] };${extra}\n`;
    writeFileSync(path.join(dir, "specforge.config.mjs"), config(""));
    const run = start(dir);
    try {
      await waitFor("the first run", run.watching(1));
      expect(run.stderr()).toContain("watching 5 file(s)");
      expect(run.manifest()).toMatchObject({ name: "pets-one", version: "1.0.0" });

      writeFileSync(path.join(dir, "base.mjs"), 'export const name = "pets-two";\n');
      await waitFor("the run after editing base.mjs", run.watching(2));
      expect(run.manifest().name).toBe("pets-two");

      writeFileSync(path.join(dir, "version.cjs"), 'module.exports = { version: "2.0.0" };\n');
      await waitFor("the run after editing version.cjs", run.watching(3));
      expect(run.manifest().version).toBe("2.0.0");

      writeFileSync(path.join(dir, "base.mjs"), 'export { name } from "./name.mjs";\n');
      await waitFor("the run missing name.mjs", () => run.stderr().includes("nothing written") && run.watching(4)());
      writeFileSync(path.join(dir, "name.mjs"), 'export const name = "pets-three";\n');
      await waitFor("the run after adding name.mjs", run.watching(5));
      expect(run.manifest().name).toBe("pets-three");
    } finally {
      run.child.kill("SIGTERM");
    }
    expect(await run.exited).toBe(0);
  }, 60_000);

  it("reads a CommonJS config and what it requires anew on each save", async () => {
    const dir = tempDir("specforge-watch-");
    writeFileSync(path.join(dir, "package.json"), '{ "type": "commonjs" }\n');
    writeFileSync(path.join(dir, "base.js"), 'module.exports = { name: "pets-one" };\n');
    const config = (version: string) => `const { name } = require("./base.js");\nmodule.exports = { specs: [{ input: "main.yaml", output: "out", packageName: name, packageVersion: "${version}", targets: ["types"] }] };\n`;
    writeFileSync(path.join(dir, "specforge.config.js"), config("1.0.0"));
    const run = start(dir);
    try {
      await waitFor("the first run", run.watching(1));
      expect(run.manifest()).toMatchObject({ name: "pets-one", version: "1.0.0" });

      writeFileSync(path.join(dir, "specforge.config.js"), config("1.1.0"));
      await waitFor("the run after editing the config", run.watching(2));
      expect(run.manifest().version).toBe("1.1.0");

      writeFileSync(path.join(dir, "base.js"), 'module.exports = { name: "pets-two" };\n');
      await waitFor("the run after editing base.js", run.watching(3));
      expect(run.manifest().name).toBe("pets-two");
    } finally {
      run.child.kill("SIGTERM");
    }
    expect(await run.exited).toBe(0);
  }, 60_000);
});
