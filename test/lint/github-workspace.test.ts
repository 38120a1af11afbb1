/**
 * `--format github` from a workflow step with `working-directory:`: GitHub places an annotation by its path
 * in the repository (GITHUB_WORKSPACE), so lint's and diff's annotations name files from there, not from
 * the step's folder (they missed their lines before). Without GITHUB_WORKSPACE, paths stay as written.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/project.js";

const repo = tempDir("specforge-workspace-");
const sub = path.join(repo, "services", "pets");
mkdirSync(sub, { recursive: true });
const spec = (summary: string) => `openapi: 3.1.0
info: {title: Pets, version: "1", license: {name: MIT}}
servers: [{url: "https://api.pets.dev"}]
paths:
  /pets:
    get:
      operationId: listPets
      ${summary}
      responses:
        "200": {description: ok}
`;
writeFileSync(path.join(sub, "base.yaml"), spec("summary: List pets"));
writeFileSync(path.join(sub, "api.yaml"), spec("description: no summary").replace("  /pets:", "  /cats:\n    get: {operationId: listCats, summary: List cats, responses: {'200': {description: ok}}}\n  /pets:"));

const run = (args: string[], workspace?: string) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: sub, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", GITHUB_WORKSPACE: workspace ?? "" } }).stdout;

describe("--format github names files from GITHUB_WORKSPACE", () => {
  it("lint", () => {
    expect(run(["lint", "api.yaml", "--format", "github"], repo)).toMatch(/^::warning file=services\/pets\/api\.yaml,line=8,col=5,title=specforge operation-summary::/m);
    expect(run(["lint", "api.yaml", "--format", "github"])).toMatch(/^::warning file=api\.yaml,line=8,col=5,/m);
  });

  it("lint --format codeclimate names them from GitLab's CI_PROJECT_DIR", () => {
    const gitlab = (dir?: string) =>
      JSON.parse(spawnSync(process.execPath, [CLI, "lint", "api.yaml", "--format", "codeclimate"], { cwd: sub, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI_PROJECT_DIR: dir ?? "" } }).stdout) as Array<{ check_name: string; location: { path: string; lines: { begin: number } } }>;
    expect(gitlab(repo).find((i) => i.check_name === "operation-summary")?.location).toEqual({ path: "services/pets/api.yaml", lines: { begin: 8 } });
    expect(gitlab().find((i) => i.check_name === "operation-summary")?.location).toEqual({ path: "api.yaml", lines: { begin: 8 } });
  });

  it("diff", () => {
    const out = run(["diff", "base.yaml", "api.yaml", "--format", "github"], repo);
    expect(out).toMatch(/^::warning file=services\/pets\/api\.yaml,line=6,col=5,title=specforge diff%3A breaking for servers \(operation-added\)::GET \/cats/m);
    expect(run(["diff", "base.yaml", "api.yaml", "--format", "github"])).toMatch(/^::warning file=api\.yaml,line=6,col=5,/m);
  });
});
