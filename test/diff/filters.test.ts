/**
 * `specforge diff` filters: the config's `diff.filters` (a spec's `filters`) and `--filter-operation` /
 * `--filter-extension` leave operations out of base and head alike before they are compared; an entry
 * that matches in one spec only is fine, one that matches in neither is an error (exit 2).
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../generator/diff/diff.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { validateConfig } from "../../generator/config/config.js";
import type { OperationFilters } from "../../generator/filter/filter.js";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const BASE = `openapi: 3.1.0
info: { title: Pets, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      responses: { "200": { description: ok } }
  /internal/stats:
    get:
      operationId: getStats
      x-internal: true
      responses: { "200": { description: ok } }
  /beta:
    x-beta: true
    get:
      operationId: getBeta
      responses: { "200": { description: ok } }
    delete:
      operationId: deleteBeta
      responses: { "204": { description: gone } }
`;
/** The head keeps only `/pets`, and requires a new parameter there: one change no filter hides. */
const HEAD_WITHOUT_INTERNAL = BASE.replace(/ {2}\/internal\/stats:[\s\S]*?(?= {2}\/beta:)/, "");
const HEAD_PETS_ONLY = BASE.replace(/ {2}\/internal\/stats:[\s\S]*$/, "");

function project(base: string, head: string, files: Record<string, string> = {}): string {
  const dir = tempDir();
  const write = fileWriter(dir);
  write("base.yaml", base);
  write("head.yaml", head);
  for (const [name, text] of Object.entries(files)) write(name, text);
  return dir;
}

const ids = (stdout: string): string[] => JSON.parse(stdout).results.flatMap((r: { changes: Array<{ id: string; operation?: string }> }) => r.changes.map((c) => `${c.id} ${c.operation}`));

describe("diff filters, in process", () => {
  async function changes(filters: OperationFilters | undefined, base = BASE, head = HEAD_WITHOUT_INTERNAL) {
    const dir = project(base, head);
    const b = await loadForDiff(`${dir}/base.yaml`, { filters });
    const h = await loadForDiff(`${dir}/head.yaml`, { filters });
    return { ids: diffSpecs(b, h).map((c) => `${c.id} ${c.operation}`), unmatched: [b.unmatched, h.unmatched] };
  }

  it("an x-internal operation removed: operation-removed without the filter, no change with it", async () => {
    expect((await changes(undefined)).ids).toEqual(["operation-removed GET /internal/stats"]);
    // head has no x-internal left: unmatched there, which is no error since base has it
    const filtered = await changes({ extensions: { exclude: ["x-internal"] } });
    expect(filtered.ids).toEqual([]);
    expect(filtered.unmatched.map((u) => u.map((p) => p.list))).toEqual([[], ["extensions.exclude"]]);
  });

  it("an extension on a path item drops all its operations; a falsy one drops nothing", async () => {
    expect((await changes(undefined, BASE, HEAD_PETS_ONLY)).ids).toEqual(["operation-removed GET /internal/stats", "operation-removed GET /beta", "operation-removed DELETE /beta"]);
    expect((await changes({ extensions: { exclude: ["x-beta"] } }, BASE, HEAD_PETS_ONLY)).ids).toEqual(["operation-removed GET /internal/stats"]);
    expect((await changes({ extensions: { exclude: ["/^x-(internal|beta)$/"] } }, BASE, HEAD_PETS_ONLY)).ids).toEqual([]);
    const falsy = BASE.replace("x-internal: true", "x-internal: false");
    expect((await changes({ extensions: { exclude: ["x-internal"] } }, falsy, HEAD_WITHOUT_INTERNAL.replace("x-internal: true", "x-internal: false"))).ids).toEqual(["operation-removed GET /internal/stats"]);
  });

  it("an entry that matches in one spec only comes back unmatched for that spec alone", async () => {
    const r = await changes({ operations: { exclude: ["getStats"] } });
    expect(r.ids).toEqual([]);
    expect(r.unmatched[0]).toEqual([]);
    expect(r.unmatched[1]).toEqual([
      { code: "filter/unknown-name", list: "operations.exclude", index: 0, message: "'getStats' is no operation of either spec", help: "write an operationId or `METHOD /path` either spec has, or remove it" },
    ]);
  });

  it("each version is filtered on its own: an operation made x-internal in head is removed; a renamed path variable needs a pattern", async () => {
    const madeInternal = BASE.replace("operationId: listPets", "operationId: listPets\n      x-internal: true");
    expect((await changes({ extensions: { exclude: ["x-internal"] } }, BASE, madeInternal)).ids).toEqual(["operation-removed GET /pets"]);
    const withId = (name: string) => BASE.replace("  /beta:", `  /pets/{${name}}:\n    get:\n      operationId: getPet\n      parameters: [{ name: ${name}, in: path, required: true, schema: { type: string } }]\n      responses: { "200": { description: ok } }\n  /beta:`);
    // one route to diff; named as written, only base's; a pattern names both
    expect((await changes({ operations: { exclude: ["GET /pets/{id}"] } }, withId("id"), withId("petId"))).ids).toEqual(["operation-added GET /pets/{petId}"]);
    expect((await changes({ operations: { exclude: ["/^GET \\/pets\\/\\{[^}]+\\}$/"] } }, withId("id"), withId("petId"))).ids).toEqual([]);
  });

  it("an include list compares only what it names, in both specs: an included operation head removed is reported", async () => {
    expect((await changes({ operations: { include: ["getStats", "listPets"] } })).ids).toEqual(["operation-removed GET /internal/stats"]);
    expect((await changes({ operations: { include: ["listPets"] } })).ids).toEqual([]);
  });

  it("the config's diff.filters are checked as a spec's filters are, at their pointers", () => {
    expect(validateConfig({ diff: { filters: { extensions: { exclude: ["internal", "/(x/"], include: ["x-a"] }, operation: {} } } })).toEqual([
      { pointer: "/diff/filters/extensions/exclude/0", message: "'internal' is no extension name", help: "extensions start with x-: write 'x-internal'" },
      { pointer: "/diff/filters/extensions/exclude/1", message: "'/(x/' is no valid regular expression: Invalid regular expression: /(x/: Unterminated group", help: "fix the pattern (written /source/flags), or write the name itself" },
      { pointer: "/diff/filters/extensions/include", message: "unknown key 'include'", help: "use exclude" },
      { pointer: "/diff/filters/operation", message: "unknown filter 'operation'", help: "filters: tags, operations, extensions, deprecated" },
    ]);
    expect(validateConfig({ diff: { filters: { tags: { exclude: ["beta"] }, extensions: { exclude: ["x-internal", "/^x-beta/"] } }, rules: { "operation-removed": "off" } } })).toEqual([]);
    // what generate's filters take, but for a diff misleading: a deprecation would read as a removal
    expect(validateConfig({ diff: { filters: { deprecated: false } } })).toEqual([
      { pointer: "/diff/filters/deprecated", message: "`deprecated` filters nothing in a diff: an operation deprecated in head would be compared as removed", help: "leave it out; diff reports deprecations, and removals after their x-sunset, itself" },
    ]);
  });
});

describe("specforge diff --filter-operation / --filter-extension / diff.filters", () => {
  it("--filter-extension x-internal: exit 0 and no change under --fail-on breaking; without it, operation-removed and exit 1", () => {
    const dir = project(BASE, HEAD_WITHOUT_INTERNAL);
    const without = runCli(["diff", "base.yaml", "head.yaml", "--format", "json", "--fail-on", "breaking"], dir);
    expect(without.status).toBe(1);
    expect(ids(without.stdout)).toEqual(["operation-removed GET /internal/stats"]);
    const filtered = runCli(["diff", "base.yaml", "head.yaml", "--format", "json", "--fail-on", "breaking", "--filter-extension", "x-internal"], dir);
    expect(filtered.stderr).toBe("");
    expect(filtered.status).toBe(0);
    expect(ids(filtered.stdout)).toEqual([]);
  });

  it("--filter-operation takes an operationId, a `METHOD /path` or a /regex/flags, repeatable", () => {
    const dir = project(BASE, HEAD_PETS_ONLY);
    const run = (...filters: string[]) => ids(runCli(["diff", "base.yaml", "head.yaml", "--format", "json", ...filters.flatMap((f) => ["--filter-operation", f])], dir).stdout);
    expect(run("/^(get|delete)(Stats|Beta)$/")).toEqual([]);
    expect(run("/beta/i")).toEqual(["operation-removed GET /internal/stats"]);
    expect(run("getStats", "GET /beta")).toEqual(["operation-removed DELETE /beta"]);
  });

  it("a typo'd value exits 2 with one line saying what to write; an entry matching in one spec only is fine", () => {
    const dir = project(BASE, HEAD_WITHOUT_INTERNAL);
    const run = (...args: string[]) => runCli(["diff", "base.yaml", "head.yaml", ...args], dir);
    const cases: Array<[string[], string]> = [
      [["--filter-extension", "internal"], "error cli/usage: --filter-extension 'internal' is no extension name (extensions start with x-: write 'x-internal')"],
      [["--filter-extension", "x-interal"], "error filter/unknown-name: --filter-extension: 'x-interal' is set on no operation or path item of either spec (did you mean 'x-internal'?) (write an extension set on an operation or path item of either spec, or remove it)"],
      [["--filter-operation", "getStatz"], "error filter/unknown-name: --filter-operation: 'getStatz' is no operation of either spec (did you mean 'getStats'?) (write an operationId or `METHOD /path` either spec has, or remove it)"],
      [["--filter-operation", "/^PUT /"], "error filter/unknown-name: --filter-operation: '/^PUT /' matches no operation of either spec (write a pattern that matches an operationId or `METHOD /path` either spec has, or remove it)"],
      [["--filter-operation", "/(/"], "error cli/usage: --filter-operation '/(/' is no valid regular expression: Invalid regular expression: /(/: Unterminated group (fix the pattern (written /source/flags), or write the name itself)"],
    ];
    for (const [args, line] of cases) {
      const r = run(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`${line}\n`);
    }
    // getStats is only in base (head removed it): filtered there, no error
    expect(run("--filter-operation", "getStats", "--fail-on", "breaking").status).toBe(0);
  });

  it("diff.filters in the config: applied with diff.rules and the ignore file; the command line adds to it; an unmatched entry named at its line", () => {
    const head = HEAD_PETS_ONLY.replace("operationId: listPets", "operationId: listPets\n      parameters: [{ name: limit, in: query, required: true, schema: { type: integer } }]");
    const dir = project(BASE, head, {
      "specforge.config.yaml": "diff:\n  filters:\n    extensions: { exclude: [x-internal] }\n  rules:\n    parameter-added: non-breaking\n",
      "specforge.diff-ignore.yaml": "head.yaml:\n  operation-removed:\n    - DELETE /beta\n",
    });
    const r = runCli(["diff", "base.yaml", "head.yaml", "--format", "json", "--fail-on", "breaking"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).results[0].changes.map((c: { id: string; operation: string; breaking: unknown }) => [c.id, c.operation, c.breaking])).toEqual([
      ["parameter-added", "GET /pets", { client: false, server: false }],
      ["operation-removed", "GET /beta", { client: true, server: false }],
    ]);
    const more = runCli(["diff", "base.yaml", "head.yaml", "--format", "json", "--fail-on", "breaking", "--filter-extension", "x-beta"], dir);
    expect(more.stderr).toBe("specforge diff: specforge.diff-ignore.yaml: operation-removed: DELETE /beta matched no change of head.yaml (fixed, or moved): remove it\n");
    expect(more.status).toBe(0);
    expect(ids(more.stdout)).toEqual(["parameter-added GET /pets"]);

    fileWriter(dir)("specforge.config.yaml", "diff:\n  filters:\n    operations:\n      exclude: [getBetaa]\n");
    const typo = runCli(["diff", "base.yaml", "head.yaml", "--filter-extension", "x-internal"], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe("specforge.config.yaml:4:17 (#/diff/filters/operations/exclude/0) error filter/unknown-name: diff.filters.operations.exclude: 'getBetaa' is no operation of either spec (did you mean 'getBeta'?) (write an operationId or `METHOD /path` either spec has, or remove it)\n");
  });

  it("--overlay applies first: an extension an overlay sets is filtered in both specs", () => {
    const dir = project(BASE.replace("x-internal: true", "summary: stats"), HEAD_WITHOUT_INTERNAL, {
      "mark.overlay.yaml": "overlay: 1.0.0\ninfo: { title: mark, version: 1.0.0 }\nactions:\n  - target: $.paths['/beta']\n    update: { x-internal: true }\n  - target: $.paths['/internal/stats'].get\n    update: { x-internal: true }\n",
    });
    const r = runCli(["diff", "base.yaml", "head.yaml", "--format", "json", "--overlay", "mark.overlay.yaml", "--filter-extension", "x-internal"], dir);
    expect(r.status).toBe(0);
    expect(ids(r.stdout)).toEqual([]);
  });
});

describe("specforge diff --base <git-ref> with filters", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

  it("filters the base read from the revision as the head; an entry matching only the base is fine, in neither an error", () => {
    const repo = tempDir();
    const write = fileWriter(repo);
    write("api.yaml", BASE);
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "base");
    write("api.yaml", HEAD_WITHOUT_INTERNAL);
    const status = git(repo, "status", "--porcelain");

    const raw = runCli(["diff", "--base", "main", "api.yaml", "--format", "json", "--fail-on", "breaking"], repo);
    expect(raw.status).toBe(1);
    expect(ids(raw.stdout)).toEqual(["operation-removed GET /internal/stats"]);
    for (const filter of [["--filter-extension", "x-internal"], ["--filter-operation", "GET /internal/stats"]]) {
      const r = runCli(["diff", "--base", "main", "api.yaml", "--format", "json", "--fail-on", "breaking", ...filter], repo);
      expect(r.stderr, filter.join(" ")).toBe("");
      expect(r.status).toBe(0);
      expect(ids(r.stdout)).toEqual([]);
    }
    const neither = runCli(["diff", "--base", "main", "api.yaml", "--filter-operation", "getStatz"], repo);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toMatch(/^error filter\/unknown-name: --filter-operation: 'getStatz' is no operation of either spec \(did you mean 'getStats'\?\)/);
    expect(git(repo, "status", "--porcelain")).toBe(status);
  });
});
