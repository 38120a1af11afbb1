/**
 * The config's `diff.rules` (oasdiff's severity levels): a rule's changes left out, made non-breaking or
 * breaking for one side, in `specforge diff` and in `generate --bump`; a bad entry is a config error at its
 * line and column.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateDiffConfig, withRuleLevels } from "../../generator/diff/rule-levels.js";
import type { Change } from "../../generator/diff/change.js";
import { fileWriter, ROOT, runCli, tempDir } from "../helpers/project.js";

const BASE = `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      responses: { "200": { description: ok } }
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "204": { description: gone } }
`;
const HEAD = BASE.replace(/ {2}\/pets\/\{id\}:[\s\S]*$/, "").replace("operationId: listPets", "operationId: getPets");

describe("withRuleLevels", () => {
  const change = (id: Change["id"], client: boolean, server: boolean): Change => ({ id, message: id, breaking: { client, server } });
  const given = [change("operation-removed", true, false), change("operation-id-changed", false, false), change("operation-added", false, true)];
  it.each([
    [{}, [[true, false], [false, false], [false, true]]],
    [{ "operation-removed": "non-breaking" }, [[false, false], [false, false], [false, true]]],
    [{ "operation-id-changed": "breaking" }, [[true, false], [true, true], [false, true]]],
    [{ "operation-id-changed": "breaking-client", "operation-added": "breaking-server" }, [[true, false], [true, false], [false, true]]],
    [{ "operation-removed": "off" }, [[false, false], [false, true]]],
  ] as const)("%j", (rules, want) => {
    expect(withRuleLevels(given, { rules }).changes.map((c) => [c.breaking.client, c.breaking.server])).toEqual(want);
  });
  it("leaves the changes as they are without a config", () => {
    expect(withRuleLevels(given, undefined)).toEqual({ changes: given, off: 0 });
  });
  it("says in its message that a level reclassified a change, and counts what an off rule left out", () => {
    const { changes, off } = withRuleLevels(given, { rules: { "operation-removed": "non-breaking", "operation-added": "breaking-server", "operation-id-changed": "off" } });
    expect(changes.map((c) => c.message)).toEqual(["operation-removed (non-breaking by diff.rules)", "operation-added"]);
    expect(off).toBe(1);
  });
});

describe("specforge diff with diff.rules", () => {
  function setup(config: string) {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("old.yaml", BASE);
    write("new.yaml", HEAD);
    write("specforge.config.yaml", config);
    const diff = (...args: string[]) => runCli(["diff", "old.yaml", "new.yaml", "--format", "json", "--fail-on", "breaking", ...args], dir);
    return { dir, write, diff };
  }
  const ids = (stdout: string) => (JSON.parse(stdout) as { results: Array<{ changes: Array<{ id: string; breaking: { client: boolean } }> }> }).results[0]!.changes.map((c) => `${c.id}:${c.breaking.client}`);

  it("reclassifies each rule as the config says, for --fail-on too", () => {
    const t = setup("diff:\n  rules: {}\n");
    const before = t.diff();
    expect(before.status).toBe(1);
    expect(ids(before.stdout).sort()).toEqual(["operation-id-changed:true", "operation-removed:true"]);

    t.write("specforge.config.yaml", "diff:\n  rules:\n    operation-removed: non-breaking\n");
    const one = t.diff();
    expect(one.status).toBe(1);
    expect(ids(one.stdout).sort()).toEqual(["operation-id-changed:true", "operation-removed:false"]);

    t.write("specforge.config.yaml", "diff:\n  rules:\n    operation-removed: off\n    operation-id-changed: non-breaking\n");
    const quiet = t.diff();
    expect(quiet.stderr).toBe("specforge diff: 1 change(s) of new.yaml left out: their rules are off in diff.rules\n");
    expect(quiet.status).toBe(0);
    expect(ids(quiet.stdout)).toEqual(["operation-id-changed:false"]);

    // --config names another file
    t.write("servers.yaml", "diff:\n  rules:\n    operation-id-changed: breaking-server\n");
    expect(ids(t.diff("--config", "servers.yaml").stdout).sort()).toEqual(["operation-id-changed:false", "operation-removed:true"]);
  });

  it("a misspelled rule or level is a config error at its line, exit 2, before any spec is read", () => {
    const t = setup("diff:\n  rules:\n    operation-remove: off\n    operation-added: loud\n");
    const r = t.diff();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "specforge.config.yaml:3:5 (#/diff/rules/operation-remove) error config/invalid: unknown diff rule 'operation-remove' (did you mean 'operation-removed'?) (the rule ids are listed in docs/diff.md)",
      "specforge.config.yaml:4:5 (#/diff/rules/operation-added) error config/invalid: 'loud' is not a diff rule level (use off, non-breaking, breaking-client, breaking-server or breaking)",
    ]);
  });
});

it("generate --bump versions by the same classification", () => {
  const dir = tempDir();
  const write = fileWriter(dir);
  write("pets.yaml", BASE);
  const config = (rules: string) => write("specforge.config.yaml", `specs:\n  - { input: pets.yaml, output: pkg, packageName: pets, targets: [types] }\n${rules}`);
  config("");
  expect(runCli(["generate", "--quiet"], dir).status).toBe(0);
  const version = () => (JSON.parse(readFileSync(path.join(dir, "pkg/package.json"), "utf8")) as { version: string }).version;
  expect(version()).toBe("1.0.0");
  write("pets.yaml", HEAD);
  // the removal and the renamed operationId break clients by default (2.0.0); this API's config says they do not
  config("diff:\n  rules:\n    operation-removed: non-breaking\n    operation-id-changed: non-breaking\n");
  const r = runCli(["generate", "--bump"], dir);
  expect(r.status, r.stderr).toBe(0);
  expect(version()).toBe("1.0.1");
  expect(readFileSync(path.join(dir, "pkg/CHANGELOG.md"), "utf8")).not.toContain("### Breaking changes");
  // a spec named on the command line reads the config here for --bump's diff.rules too, as specforge diff does
  write("pets.yaml", BASE);
  expect(runCli(["generate", "pets.yaml", "--out", "one", "--targets", "types", "--quiet"], dir).status).toBe(0);
  write("pets.yaml", HEAD);
  const one = runCli(["generate", "pets.yaml", "--out", "one", "--targets", "types", "--bump"], dir);
  expect(one.status, one.stderr).toBe(0);
  expect(one.stdout).toContain("one: version 1.0.0 -> 1.0.1");
});

it("docs/diff.md's example of diff.rules is a valid config, and a broken config says why diff read it", () => {
  const docs = readFileSync(path.join(ROOT, "docs/diff.md"), "utf8");
  const block = /## Reclassifying rules[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)![1]!;
  expect(validateDiffConfig((parse(block) as { diff: unknown }).diff)).toEqual([]);
  const dir = tempDir();
  const write = fileWriter(dir);
  write("a.yaml", BASE);
  write("specforge.config.yaml", "lint:\n  rules:\n    no-such-rule: error\n");
  const r = runCli(["diff", "a.yaml", "a.yaml"], dir);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^specforge\.config\.yaml:3:5 .*no-such-rule.*specforge diff reads this config for diff\.rules and diff\.filters; --config names another\)$/m);
});
