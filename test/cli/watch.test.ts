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

describe("generate --watch", () => {
  it("regenerates on a referenced file's change, survives a broken save, stops on SIGTERM", async () => {
    const dir = tempDir("specforge-watch-");
    writeFileSync(path.join(dir, "main.yaml"), MAIN);
    writeFileSync(path.join(dir, "schemas.yaml"), schemas(""));
    const child = spawn(process.execPath, [CLI, "generate", "main.yaml", "--out", "out", "--targets", "types", "--watch"], { cwd: dir });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const types = () => readFileSync(path.join(dir, "out/src/schema.ts"), "utf8");
    const watching = () => stderr.split("watching 2 file(s)").length - 1;
    try {
      await waitFor("the first run", () => watching() === 1);
      expect(types()).not.toContain("tag?:");

      writeFileSync(path.join(dir, "schemas.yaml"), schemas("\n    tag: { type: string }"));
      await waitFor("the run after editing schemas.yaml", () => watching() === 2);
      expect(types()).toContain("tag?: string");

      const before = types();
      writeFileSync(path.join(dir, "main.yaml"), MAIN.replace("paths:", "paths: [oops"));
      await waitFor("the failed run", () => stderr.includes("nothing written"));
      expect(stderr).toMatch(/main\.yaml:\d+:\d+ error /);
      expect(types()).toBe(before);

      writeFileSync(path.join(dir, "main.yaml"), MAIN.replace("listPets", "listAllPets"));
      await waitFor("the run after the fix", () => watching() === 4);
      expect(types()).toContain("listAllPets");
      expect(stdout).toContain("out: ");
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
    const child = spawn(process.execPath, [CLI, "generate", "main.yaml", "--out", "out", "--targets", "types", "--watch"], { cwd: dir });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const types = () => readFileSync(path.join(dir, "out/src/schema.ts"), "utf8");
    const runs = () => stdout.split("out: ").length - 1;
    const failures = () => stderr.split("nothing written").length - 1;
    // each run ends by saying what it watches, once it does: a save before that line could be missed
    const watching = () => stderr.split("watching ").length - 1;
    try {
      await waitFor("the first run", () => watching() === 1);

      writeFileSync(path.join(dir, "tag.yaml"), "Tag: { type: strin }\n");
      writeFileSync(path.join(dir, "schemas.yaml"), schemas('\n    tag: { $ref: "./tag.yaml#/Tag" }'));
      await waitFor("the run failing in tag.yaml", () => failures() === 1 && watching() === 2);
      expect(stderr).toMatch(/tag\.yaml:1:\d+ .*error check\/schema-keyword/);
      writeFileSync(path.join(dir, "tag.yaml"), "Tag: { type: string }\n");
      await waitFor("the run after fixing tag.yaml", () => runs() === 2 && watching() === 3);
      expect(types()).toMatch(/\btag\?: /);

      writeFileSync(path.join(dir, "schemas.yaml"), schemas('\n    owner: { $ref: "./owner.yaml#/Owner" }'));
      await waitFor("the run missing owner.yaml", () => failures() === 2 && watching() === 4);
      expect(stderr).toContain("ref/missing-file");
      writeFileSync(path.join(dir, "owner.yaml"), "Owner: { type: string }\n");
      await waitFor("the run after adding owner.yaml", () => runs() === 3);
      expect(types()).toMatch(/\bowner\?: /);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
