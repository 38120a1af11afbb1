/**
 * `specforge lint` as a user runs it: our five specs lint with zero errors, exit codes (0 clean, 1 errors or
 * too many warnings, 2 bad input), a parse error located by line and column, `--output`, `--fix` keeping
 * YAML comments, and the config's `lint` section (severities, ignores).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { fileWriter, runCli, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-cli-");
const write = fileWriter(dir);

const WARN_ONLY = `openapi: 3.1.0
info: {title: W, version: "1", license: {name: MIT}}
paths:
  /pets:
    # Lists pets.
    get:
      summary: List pets
      responses:
        "200": {description: ok}
        "404": {description: none}
servers: [{url: "https://api.pets.dev"}]
`;

describe("specforge lint (CLI)", () => {
  it("lints the five specs of the config with zero errors", () => {
    const r = runCli(["lint", "--format", "json"]);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout);
    expect(report.files).toHaveLength(5);
    expect(report.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("exits 1 on an error, with file:line:col in the stylish output", () => {
    const file = write("broken.yaml", "openapi: 3.1.0\ninfo: {title: B, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Nope'\n");
    const r = runCli(["lint", file], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yaml:8:11 error ref-resolves: unresolved \$ref '#\/components\/responses\/Nope'/m);
  });

  it("a parameter listed twice is an error (exit 1), the same spec without it clean (exit 0)", () => {
    const spec = (limits: number) => `openapi: 3.1.0
info: {title: D, version: "1", license: {name: MIT}}
servers: [{url: "https://api.pets.dev"}]
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
      parameters:
${"        - {name: limit, in: query, description: how many, schema: {type: integer}}\n".repeat(limits)}      responses:
        "200": {description: ok}
        "404": {description: none}
`;
    const twice = runCli(["lint", write("twice.yaml", spec(2))], dir);
    expect([twice.status, twice.stdout]).toEqual([
      1,
      "twice.yaml:11:11 error parameters-unique: parameter 'limit' (in query) is listed twice in GET /pets (remove the duplicate) #/paths/~1pets/get/parameters/1\n1 file linted: 1 error, 0 warnings\n",
    ]);
    expect(runCli(["lint", write("once.yaml", spec(1))], dir).status).toBe(0);
  });

  it("reports a spec that does not parse as a finding with its position (exit 1)", () => {
    const file = write("bad.json", '{\n  "openapi": "3.1.0",\n  "info": }\n');
    const r = runCli(["lint", file], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^bad\.json:3:11 error parse: malformed JSON/m);
  });

  it("exits 2 on a file that cannot be read, and on a bad config", () => {
    const missing = runCli(["lint", path.join(dir, "nope.yaml")], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.yaml error load\/unreadable: cannot read spec: file not found/);
    // --fix on a pipe wrote the fixed text back into it and linted that as if a file were fixed; /dev/zero read forever
    const zero = runCli(["lint", "--fix", "/dev/zero"], dir);
    expect([zero.status, zero.stderr]).toEqual([2, "error cli/usage: --fix edits files, and /dev/zero is a pipe or device (write the spec to a file and lint that file with --fix)\n"]);
    // every spec is read before any problem is reported (lint stopped at the first it could not read)
    const two = runCli(["lint", path.join(dir, "nope.yaml"), write("fine.yaml", WARN_ONLY), path.join(dir, "nada.yaml")], dir);
    expect(two.status).toBe(2);
    expect(two.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/nope\.yaml error load\/unreadable: /), expect.stringMatching(/nada\.yaml error load\/unreadable: /)]);
    const config = write("bad.config.yaml", "lint:\n  rules:\n    no-such-rule: error\n");
    const bad = runCli(["lint", write("w.yaml", WARN_ONLY), "--config", config], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.config\.yaml:3:5 \(#\/lint\/rules\/no-such-rule\) error config\/invalid: unknown rule 'no-such-rule'/);
  });

  it("warnings fail only past --max-warnings; --quiet shows errors only; --output writes the report", () => {
    const file = write("warn.yaml", WARN_ONLY);
    expect(runCli(["lint", file], dir).status).toBe(0);
    const strict = runCli(["lint", file, "--max-warnings", "0"], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/warning operation-id: GET \/pets has no operationId \(add 'operationId: getPets'/);
    expect(runCli(["lint", file, "--max-warnings", "1"], dir).status).toBe(0);
    const quiet = runCli(["lint", file, "--quiet", "--max-warnings", "0"], dir);
    expect(quiet.status).toBe(0);
    // the warning is hidden, not absent: the summary says what was looked for (it said "no problems")
    expect(quiet.stdout).toBe("1 file linted: no errors\n");
    expect(runCli(["lint", file, "--quiet", "--format", "junit"], dir).stdout).toContain('name="warn.yaml has no errors"');
    const errorCfg = write("quiet.config.yaml", "lint:\n  rules:\n    operation-id: error\n");
    const both = runCli(["lint", write("both.yaml", WARN_ONLY.replace(", license: {name: MIT}", "")), "--quiet", "--config", errorCfg], dir);
    expect(both.status).toBe(1);
    // the error, and no "0 warnings" where info-license warned
    expect(both.stdout).toMatch(/ error operation-id: .*\n1 file linted: 1 error\n$/);
    expect(both.stdout).not.toContain("info-license");
    const out = path.join(dir, "report.sarif");
    const r = runCli(["lint", file, "--format", "sarif", "--output", out], dir);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).runs[0].results[0]).toMatchObject({ ruleId: "operation-id", level: "warning" });
  });

  it("--max-warnings -1 means no limit (ESLint's); other negative numbers are bad input", () => {
    const file = write("mw.yaml", WARN_ONLY);
    const r = runCli(["lint", file, "--max-warnings", "-1"], dir);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const bad = runCli(["lint", file, "--max-warnings", "-2"], dir);
    expect([bad.status, bad.stderr]).toEqual([2, "error cli/usage: --max-warnings expects a whole number (or -1: no limit), got '-2' (e.g. --max-warnings 0)\n"]);
  });

  it("an --output that cannot be written is bad input: one line naming the path, exit 2 (lint and diff)", () => {
    const file = write("out.yaml", WARN_ONLY);
    const missing = path.join(dir, "no-such-folder", "report.txt");
    for (const args of [["lint", file, "--output", missing], ["diff", file, file, "--output", missing], ["lint", file, "--output", dir]]) {
      const r = runCli(args, dir);
      expect(r.status).toBe(2);
      const target = args[args.length - 1]!;
      expect(r.stderr).toBe(`error cli/output: cannot write --output '${target}': ${target === dir ? "it is a folder (give a file path you can write to)" : "its folder does not exist (create its folder, or give another path)"}\n`);
    }
  });

  it("the config's lint section turns rules off and ignores places", () => {
    const file = write("cfg.yaml", WARN_ONLY);
    const off = write("off.config.yaml", "lint:\n  rules:\n    operation-id: off\n");
    expect(runCli(["lint", file, "--config", off, "--max-warnings", "0"], dir).status).toBe(0);
    const errorCfg = write("err.config.yaml", "lint:\n  rules:\n    operation-id: error\n");
    expect(runCli(["lint", file, "--config", errorCfg], dir).stdout).toMatch(/error operation-id/);
    const ignore = write("ignore.config.yaml", "lint:\n  ignore:\n    - files: 'cf?.yaml'\n      pointer: /paths/~1pets\n      rules: [operation-id]\n");
    expect(runCli(["lint", file, "--config", ignore, "--max-warnings", "0"], dir).status).toBe(0);
    const elsewhere = write("ignore2.config.yaml", "lint:\n  ignore:\n    - files: 'other/**'\n");
    expect(runCli(["lint", file, "--config", elsewhere, "--max-warnings", "0"], dir).status).toBe(1);
  });

  it("--fix adds the derived operationIds and keeps the YAML's comments", () => {
    const file = write("fix.yaml", WARN_ONLY.replace("  /pets:\n", "  /pets:\n    post:\n      summary: Add\n      responses:\n        '201': {description: ok}\n        '400': {description: bad}\n"));
    const r = runCli(["lint", file, "--fix", "--max-warnings", "0"], dir);
    expect(r.stderr).toContain("added operationId GET /pets -> getPets");
    expect(r.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("    # Lists pets.\n    get:\n      operationId: getPets\n");
    expect(text).toContain("operationId: postPets");
  });

  it("--fix names OpenAPI 3.2's QUERY and additional operations too, unique against their ids (YAML and JSON)", () => {
    // Before, only the fixed methods were fixed: PURGE kept no id though the finding says --fix adds one, and its id was not counted as taken
    const ops = { get: { responses: { "200": { description: "ok" } } }, query: { responses: { "200": { description: "ok" } } }, additionalOperations: { PURGE: { responses: { "200": { description: "ok" } } }, "M-SEARCH": { operationId: "getA", responses: { "200": { description: "ok" } } } } };
    const spec = { openapi: "3.2.0", info: { title: "F", version: "1" }, paths: { "/a": ops } };
    for (const name of ["fix32.yaml", "fix32.json"]) {
      const file = write(name, name.endsWith(".json") ? JSON.stringify(spec, null, 2) : stringify(spec));
      const r = runCli(["lint", file, "--fix"], dir);
      expect(r.stderr).toContain(`added operationId PURGE /a -> purgeA`);
      const fixed = (name.endsWith(".json") ? JSON.parse(readFileSync(file, "utf8")) : parse(readFileSync(file, "utf8"))).paths["/a"];
      expect([fixed.get.operationId, fixed.query.operationId, fixed.additionalOperations.PURGE.operationId, fixed.additionalOperations["M-SEARCH"].operationId]).toEqual(["getA2", "queryA", "purgeA", "getA"]);
    }
  });

  it("--fix leaves a JSON spec with a key written twice as it is, and lint reports the key (its rewrite lost the first one)", () => {
    const text = `{\n  "openapi": "3.1.0",\n  "info": {"title": "J", "version": "1"},\n  "x-owner": "team-a",\n  "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},\n  "x-owner": "team-b"\n}\n`;
    const file = write("twice.json", text);
    const r = runCli(["lint", file, "--fix"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("twice.json:6:3 error parse: the object has the key 'x-owner' more than once: JSON.parse would keep only the last (remove one of the two)");
    expect(readFileSync(file, "utf8")).toBe(text);
    // malformed JSON was an internal error (exit 70) under --fix
    const bad = write("bad.json", '{"openapi": "3.1.0",, "paths": {}}');
    const b = runCli(["lint", bad, "--fix"], dir);
    expect(b.status).toBe(1);
    expect(b.stdout).toContain("bad.json:1:21 error parse: malformed JSON: ");
    expect(readFileSync(bad, "utf8")).toBe('{"openapi": "3.1.0",, "paths": {}}');
  });

  it("--fix on JSON keeps its indentation; generate refuses a config that has only a lint section", () => {
    const file = write("fix.json", `{\n    "openapi": "3.1.0",\n    "info": {"title": "J", "version": "1"},\n    "paths": {"/a/{id}": {"get": {"responses": {"200": {"description": "ok"}}}}}\n}\n`);
    runCli(["lint", file, "--fix"], dir);
    const fixed = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(fixed.paths["/a/{id}"].get)).toEqual(["operationId", "responses"]);
    expect(fixed.paths["/a/{id}"].get.operationId).toBe("getAById");
    expect(readFileSync(file, "utf8")).toMatch(/^\{\n {4}"openapi"/);
    const own = tempDir("specforge-lint-cfg-");
    writeFileSync(path.join(own, "specforge.config.yaml"), "lint:\n  rules:\n    operation-id: off\n");
    const r = runCli(["generate"], own);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/specforge\.config\.yaml lists no specs/);
  });
});
