/**
 * `specforge diff --generate-ignore-file` and `specforge.diff-ignore.yaml` (oasdiff's --err-ignore, in
 * the shape of lint's baseline): today's breaking changes accepted, later runs skip them and say how many,
 * `--fail-on` counts only the others; hand-written entries by operation, pointer and subject; a malformed
 * file is bad input (exit 2) at file:line:col.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../helpers/project.js";
import { applyDiffIgnore, entryOf, readDiffIgnore } from "../../generator/diff/ignore.js";
import type { Change } from "../../generator/diff/change.js";

const PAIRS = path.join(ROOT, "test/diff/pairs");

/** A temporary folder holding a pair as base.yaml and head.yaml. */
function pairIn(name: string): string {
  const dir = tempDir();
  copyFileSync(path.join(PAIRS, name, "base.yaml"), path.join(dir, "base.yaml"));
  copyFileSync(path.join(PAIRS, name, "head.yaml"), path.join(dir, "head.yaml"));
  return dir;
}

const changeLines = (stdout: string) => stdout.split("\n").filter((l) => /^ {2}\S+:\d+:\d+ {2}/.test(l));

describe("ignore-file entries", () => {
  const change = (c: Partial<Change>): Change => ({ id: "property-removed", message: "", breaking: { client: true, server: false }, ...c });
  const cases: Array<{ given: Change; want: string }> = [
    { given: change({ operation: "GET /pets", base: { pointer: "/paths/~1pets/get/parameters/0" } }), want: "GET /pets #/paths/~1pets/get/parameters/0" },
    // In a shared component: no operation (which one reaches it first may change).
    { given: change({ operation: "GET /pets", base: { pointer: "/components/schemas/Pet/properties/my name 100%" } }), want: "#/components/schemas/Pet/properties/my%20name%20100%25" },
    { given: change({ id: "enum-value-added", operation: "webhook newPet (POST)", head: { pointer: "/webhooks/newPet/post/requestBody/content/application~1json/schema/enum" }, subject: '"a b"' }), want: 'webhook newPet (POST) #/webhooks/newPet/post/requestBody/content/application~1json/schema/enum "a b"' },
    // a webhook's or callback's parameters, payload and answers keep the operation's rule ids, at the webhook or at the operation declaring the callback
    { given: change({ id: "parameter-added", operation: "webhook newPet (POST)", head: { pointer: "/webhooks/newPet/post/parameters/0" } }), want: "webhook newPet (POST) #/webhooks/newPet/post/parameters/0" },
    { given: change({ id: "response-status-removed", operation: "POST /subscriptions", base: { pointer: "/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post/responses/410" } }), want: "POST /subscriptions #/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post/responses/410" },
    // an additional method is written as the spec has it (case-sensitive), '#' and all (a token may hold one)
    { given: change({ operation: "M-SEARCH /a#b", base: { pointer: "/paths/~1a#b/additionalOperations/M-SEARCH" } }), want: "M-SEARCH /a#b #/paths/~1a#b/additionalOperations/M-SEARCH" },
    { given: change({ operation: "X#Y /a", base: { pointer: "/paths/~1a/additionalOperations/X#Y" } }), want: "X#Y /a #/paths/~1a/additionalOperations/X#Y" },
    { given: change({ operation: "webhook newPet (M-SEARCH)", base: { pointer: "/webhooks/newPet/additionalOperations/M-SEARCH" } }), want: "webhook newPet (M-SEARCH) #/webhooks/newPet/additionalOperations/M-SEARCH" },
  ];
  for (const { given, want } of cases) {
    it(`names ${given.id} at ${(given.base ?? given.head)!.pointer} as ${want}, and reads it back`, () => {
      expect(entryOf(given)).toBe(want);
      const dir = tempDir();
      writeFileSync(path.join(dir, "f.yaml"), `head.yaml:\n  ${given.id}:\n    - ${JSON.stringify(want)}\n`);
      const ignore = readDiffIgnore(path.join(dir, "f.yaml"))!;
      expect(applyDiffIgnore(ignore, path.join(dir, "head.yaml"), [given])).toEqual({ kept: [], skipped: 1, unused: [], misspelled: [] });
    });
  }
});

describe("specforge diff ignore file", () => {
  it("accepts today's breaking changes, then skips them, says how many, and fails only on new ones", () => {
    const dir = pairIn("operations");
    expect(runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir).status).toBe(1);

    const gen = runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file"], dir);
    expect([gen.status, gen.stdout, gen.stderr]).toEqual([0, "", "specforge diff: 3 breaking change(s) of 1 spec(s) written to specforge.diff-ignore.yaml; later runs skip them\n"]);
    const file = readFileSync(path.join(dir, "specforge.diff-ignore.yaml"), "utf8");
    expect(file.split("\n").filter((l) => !l.startsWith("#"))).toEqual([
      "head.yaml:",
      "  operation-removed:",
      '    - "POST /pets #/paths/~1pets/post"',
      '    - "GET /old #/paths/~1old/get"',
      "  operation-added:",
      '    - "GET /new #/paths/~1new/get"',
      "",
    ]);

    const after = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect(after.status).toBe(0);
    expect(after.stderr).toBe("");
    expect(after.stdout).toContain("  no other API changes\n  3 accepted change(s) skipped, listed in specforge.diff-ignore.yaml\n");
    expect(after.stdout).toMatch(/^0 change\(s\): .*; 3 accepted change\(s\) skipped$/m);
    expect(runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "server"], dir).status).toBe(0);

    // A new breaking change shows and fails; the accepted ones stay quiet.
    const head = readFileSync(path.join(dir, "head.yaml"), "utf8");
    writeFileSync(path.join(dir, "head.yaml"), head.replace(/  \/new:[\s\S]*$/, "  /new:\n    post: { operationId: newPost, responses: { \"204\": { description: ok } } }\n"));
    const changed = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "server"], dir);
    expect(changed.status).toBe(1);
    expect(changeLines(changed.stdout)).toEqual([expect.stringMatching(/breaking for servers {2}POST \/new: operation added/)]);
    // The accepted GET /new is gone from head: its entry matched nothing, and the run says so.
    expect(changed.stderr).toBe("specforge diff: specforge.diff-ignore.yaml: operation-added: GET /new #/paths/~1new/get matched no change of head.yaml (fixed, or moved): remove it\n");
  });

  it("reads back what it wrote for QUERY and additional operations (LINK, UNLINK: OpenAPI 3.2)", () => {
    // Before, an entry had to start with one of the eight 3.1 methods: the file it had just written was refused (exit 2).
    const dir = pairIn("operations-32");
    expect(runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file"], dir).status).toBe(0);
    const file = readFileSync(path.join(dir, "specforge.diff-ignore.yaml"), "utf8");
    expect(file).toContain('"QUERY /search #/paths/~1search/query/');
    expect(file).toContain('"LINK /items/{id} #/paths/~1items~1{id}/additionalOperations/LINK"');
    const after = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect([after.status, after.stderr]).toEqual([0, ""]);
    expect(after.stdout).toContain("4 accepted change(s) skipped");
  });

  it("names an entry whose method is a typo of a fixed one at file:line:col, with the method it likely means", () => {
    // Before, 'GTE /list' was read as an additional method and only said to match nothing.
    const dir = pairIn("operations-32");
    writeFileSync(path.join(dir, "specforge.diff-ignore.yaml"), [
      "head.yaml:",
      "  constraint-tightened:",
      "    - GTE /list", // GET, transposed
      "    - qeury /search", // QUERY is a fixed method too
      "  operation-added:",
      "    - UNLINK /items/{id}", // an additional operation of the head: accepted
      "  operation-removed:",
      "    - FROB /items/{id}", // no fixed method near: an additional method that matches nothing
      "    - PURGE /gone", // an additional operation of both specs: matches nothing, no hint
      "    - webhook newItem (PSOT)", // POST, transposed
      "",
    ].join("\n"));
    const run = runCli(["diff", "base.yaml", "head.yaml"], dir);
    expect(run.status).toBe(0);
    expect(run.stderr.split("\n")).toEqual([
      "specforge.diff-ignore.yaml:3:7 (#/head.yaml/constraint-tightened/0) warning diff/ignore-method: 'head.yaml' rule 'constraint-tightened': 'GTE /list' names the method 'GTE', no fixed method and no additional operation of either spec (did you mean GET?) (write 'GET /list'; until then the entry matches no change)",
      "specforge.diff-ignore.yaml:4:7 (#/head.yaml/constraint-tightened/1) warning diff/ignore-method: 'head.yaml' rule 'constraint-tightened': 'qeury /search' names the method 'qeury', no fixed method and no additional operation of either spec (did you mean QUERY?) (write 'QUERY /search'; until then the entry matches no change)",
      "specforge.diff-ignore.yaml:10:7 (#/head.yaml/operation-removed/2) warning diff/ignore-method: 'head.yaml' rule 'operation-removed': 'webhook newItem (PSOT)' names the method 'PSOT', no fixed method and no additional operation of either spec (did you mean POST?) (write 'webhook newItem (POST)'; until then the entry matches no change)",
      "specforge diff: specforge.diff-ignore.yaml: operation-removed: FROB /items/{id} matched no change of head.yaml (fixed, or moved): remove it",
      "specforge diff: specforge.diff-ignore.yaml: operation-removed: PURGE /gone matched no change of head.yaml (fixed, or moved): remove it",
      "",
    ]);
    // the typo'd entries accepted nothing: their changes are still reported
    expect(changeLines(run.stdout)).toEqual([expect.stringMatching(/QUERY \/search/), expect.stringMatching(/LINK \/items/), expect.stringMatching(/GET \/list/)]);
  });

  it("reports the accepted count in json and markdown", () => {
    const dir = pairIn("operations");
    runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file"], dir);
    const json = JSON.parse(runCli(["diff", "base.yaml", "head.yaml", "--format", "json"], dir).stdout);
    expect(json.accepted).toBe(3);
    expect(json.results[0]).toMatchObject({ accepted: { count: 3, file: "specforge.diff-ignore.yaml" }, changes: [] });
    expect(runCli(["diff", "base.yaml", "head.yaml", "--format", "markdown"], dir).stdout).toContain("No other API changes. 3 accepted change(s) not shown (listed in specforge.diff-ignore.yaml).");
  });

  it("matches hand-written entries by operation, by pointer, and by subject", () => {
    const dir = pairIn("parameter-schemas");
    const run = (entries: string) => {
      writeFileSync(path.join(dir, "specforge.diff-ignore.yaml"), entries);
      return runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    };
    // By operation: every change of that rule reported at GET /pets.
    const byOp = run("head.yaml:\n  constraint-tightened: [get /pets]\n  enum-value-removed: [GET /pets]\n");
    expect(byOp.status).toBe(0);
    expect(changeLines(byOp.stdout)).toEqual([expect.stringMatching(/enum value "adopted" added/)]);
    // By pointer and subject: only that enum value.
    const ptr = "#/paths/~1pets/get/parameters/1/schema/enum";
    expect(changeLines(run(`head.yaml:\n  enum-value-removed: ['${ptr} "pending"']\n`).stdout)).toHaveLength(2);
    const other = run(`head.yaml:\n  enum-value-removed: ['${ptr} "sold"']\n`);
    expect(other.status).toBe(1);
    expect(changeLines(other.stdout)).toHaveLength(3);
    expect(other.stderr).toMatch(/enum-value-removed: #\/paths\/~1pets\/get\/parameters\/1\/schema\/enum "sold" matched no change of head\.yaml/);
    // Another operation's entry does not match.
    expect(run(`head.yaml:\n  enum-value-removed: ['POST /pets ${ptr}']\n`).status).toBe(1);
    // Another head spec's entries are not this one's.
    expect(run("other.yaml:\n  enum-value-removed: [GET /pets]\n  constraint-tightened: [GET /pets]\n").status).toBe(1);
  });

  it("covers an operation's callbacks with an entry naming the operation, and reads back entries at callback pointers", () => {
    // A callback's changes are reported at the operation that declares it: `POST /subscriptions` accepts them all.
    const dir = pairIn("callbacks");
    writeFileSync(path.join(dir, "specforge.diff-ignore.yaml"), "head.yaml:\n  callback-removed: [POST /subscriptions]\n  callback-url-changed: [POST /subscriptions]\n");
    const byOp = runCli(["diff", "base.yaml", "head.yaml"], dir);
    expect(byOp.stderr).toBe("");
    expect(changeLines(byOp.stdout).filter((l) => / callback-(removed|url-changed)$/.test(l))).toEqual([]);
    expect(byOp.stdout).toMatch(/\d accepted change\(s\) skipped/);
    // other rules are not covered (onSoon's sunset, 2026-12-31, makes the count depend on the day: not counted)
    expect(changeLines(byOp.stdout).filter((l) => / callback-added$/.test(l))).toHaveLength(2);
    // Generated entries name pointers through runtime expressions ('{$request.body#~1cancelUrl}': a '#' inside
    // a word, not the start of a pointer) and are read back: every breaking change is accepted.
    const gen = runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file"], dir);
    expect(gen.status).toBe(0);
    const file = readFileSync(path.join(dir, "specforge.diff-ignore.yaml"), "utf8");
    expect(file).toContain('    - "POST /subscriptions #/paths/~1subscriptions/post/callbacks/onCancel/{$request.body#~1cancelUrl}/post"\n');
    const after = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect([after.status, after.stderr]).toEqual([0, ""]);
    expect(changeLines(after.stdout).every((l) => !/breaking for/.test(l))).toBe(true);
  });

  it("reads --ignore-file from elsewhere, keyed relative to its folder, and refuses a missing one", () => {
    const dir = pairIn("operations");
    mkdirSync(path.join(dir, "ci"));
    const gen = runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file", "--ignore-file", "ci/accepted.yaml"], dir);
    expect(gen.stderr).toContain("written to ci/accepted.yaml");
    expect(readFileSync(path.join(dir, "ci/accepted.yaml"), "utf8")).toContain("\n../head.yaml:\n");
    // Without the option the default file (absent here) is read: nothing is skipped.
    expect(runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir).status).toBe(1);
    expect(runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking", "--ignore-file", "ci/accepted.yaml"], dir).status).toBe(0);
    const missing = runCli(["diff", "base.yaml", "head.yaml", "--ignore-file", "nope.yaml"], dir);
    expect([missing.status, missing.stderr]).toEqual([2, "error cli/usage: ignore file not found: nope.yaml (check the path, or write one with --generate-ignore-file)\n"]);
  });

  it("refuses a malformed file with file:line:col and what to do (exit 2)", () => {
    const dir = pairIn("operations");
    const run = (text: string) => {
      writeFileSync(path.join(dir, "specforge.diff-ignore.yaml"), text);
      return runCli(["diff", "base.yaml", "head.yaml"], dir);
    };
    const syntax = run("head.yaml:\n  operation-removed: [\n");
    expect(syntax.status).toBe(2);
    expect(syntax.stderr).toMatch(/^specforge\.diff-ignore\.yaml:\d+:\d+ error diff\/ignore-file: malformed YAML: .+ \(fix the syntax there, or delete the file and generate it again\)$/m);
    const entry = run("head.yaml:\n  operation-removed:\n    - GET /old\n    - removed the old one\n    - '#paths/x'\n    - '#/a b c'\n");
    expect(entry.status).toBe(2);
    expect(entry.stderr.split("\n")).toEqual([
      "specforge.diff-ignore.yaml:4:7 (#/head.yaml/operation-removed/1) error diff/ignore-file: 'head.yaml' rule 'operation-removed': entry 2 must start with a method and a path ('GET /pets'), a webhook ('webhook newPet (POST)') or a JSON pointer ('#/...'), not 'removed the old one' (write `<head spec>: { <rule-id>: ['GET /path', '#/json/pointer', ...] }` (docs/diff.md), or regenerate it with 'specforge diff <base> <head> --generate-ignore-file')",
      expect.stringMatching(/^specforge\.diff-ignore\.yaml:5:7 \(#\/head\.yaml\/operation-removed\/2\) error diff\/ignore-file: 'head\.yaml' rule 'operation-removed': entry 3 has a JSON pointer that does not start with '\/' \('#paths\/x'\) /),
      expect.stringMatching(/^specforge\.diff-ignore\.yaml:6:7 \(#\/head\.yaml\/operation-removed\/3\) error diff\/ignore-file: 'head\.yaml' rule 'operation-removed': entry 4 has a subject that is not JSON \('b c'\)/),
      "",
    ]);
    expect(run("head.yaml: [GET /old]\n").stderr).toMatch(/^specforge\.diff-ignore\.yaml:1:12 \(#\/head\.yaml\) error diff\/ignore-file: 'head\.yaml' must map rule ids to lists of entries/m);
    // a JSON ignore file's syntax error and repeated key in JSON's terms, at their place
    writeFileSync(path.join(dir, "ignore.json"), '{"head.yaml": {"operation-removed": ["GET /old",]}}');
    const json = runCli(["diff", "base.yaml", "head.yaml", "--ignore-file", "ignore.json"], dir);
    expect(json.status).toBe(2);
    expect(json.stderr).toMatch(/^ignore\.json:1:\d+ error diff\/ignore-file: malformed JSON: /m);
    writeFileSync(path.join(dir, "ignore.json"), '{"head.yaml": {"operation-removed": ["GET /old"]},\n "head.yaml": {}}');
    expect(runCli(["diff", "base.yaml", "head.yaml", "--ignore-file", "ignore.json"], dir).stderr).toMatch(/^ignore\.json:2:2 .*error diff\/ignore-file: .*'head\.yaml' more than once/m);
    // --generate-ignore-file replaces a malformed file rather than reading it.
    const regen = runCli(["diff", "base.yaml", "head.yaml", "--generate-ignore-file"], dir);
    expect(regen.status).toBe(0);
    expect(runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir).status).toBe(0);
  });

  it("keys each head spec by its path with --base <git-ref>", () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: repo, encoding: "utf8" });
    mkdirSync(path.join(repo, "specs"));
    copyFileSync(path.join(PAIRS, "operations/base.yaml"), path.join(repo, "specs/api.yaml"));
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "base");
    copyFileSync(path.join(PAIRS, "operations/head.yaml"), path.join(repo, "specs/api.yaml"));
    expect(runCli(["diff", "--base", "main", "specs/api.yaml", "--generate-ignore-file"], repo).status).toBe(0);
    expect(readFileSync(path.join(repo, "specforge.diff-ignore.yaml"), "utf8")).toContain("\nspecs/api.yaml:\n  operation-removed:\n");
    const r = runCli(["diff", "--base", "main", "specs/api.yaml", "--fail-on", "breaking"], repo);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("3 accepted change(s) skipped");
  });
});
