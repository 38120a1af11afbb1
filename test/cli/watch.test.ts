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
});
