/**
 * `specforge diff` as a user runs it: formats, exit codes, --output, bad input, the markdown comment's
 * escaping of hostile spec text, and `--base <git-ref>` in a temporary git repository.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/project.js";

const PAIRS = "test/diff/pairs";
const pair = (name: string) => [`${PAIRS}/${name}/base.yaml`, `${PAIRS}/${name}/head.yaml`];

describe("specforge diff (CLI)", () => {
  it("prints one stylish line per change with file:line:col and exits 0 without --fail-on", () => {
    const r = runCli(["diff", ...pair("operations")]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      `${PAIRS}/operations/head.yaml (against ${PAIRS}/operations/base.yaml)`,
      `  ${PAIRS}/operations/base.yaml:6:5  breaking for clients  POST /pets: operation removed; it was not deprecated: deprecate it first, with an x-sunset date  operation-removed`,
      `  ${PAIRS}/operations/base.yaml:8:5  breaking for clients  GET /old: operation removed (the whole path is gone); it was deprecated, but without an x-sunset date to remove it after  operation-removed`,
      `  ${PAIRS}/operations/head.yaml:7:5  breaking for servers  GET /new: operation added (servers must implement it)  operation-added`,
      "",
      "3 change(s): 2 breaking for clients, 1 breaking for servers, 0 not breaking (version bump: clients major, servers major)",
      "",
    ]);
  });

  it("exits 1 with --fail-on when a change matches, 0 otherwise", () => {
    expect(runCli(["diff", ...pair("operations"), "--fail-on", "breaking"]).status).toBe(1);
    expect(runCli(["diff", ...pair("operations"), "--fail-on", "server"]).status).toBe(1);
    // Only additions and notes: nothing breaks clients.
    expect(runCli(["diff", ...pair("servers").reverse(), "--fail-on", "server"]).status).toBe(0);
    expect(runCli(["diff", ...pair("operation-metadata"), "--fail-on", "none"]).status).toBe(0);
    expect(runCli(["diff", ...pair("equivalent-30-31"), "--fail-on", "breaking"]).status).toBe(0);
  });

  it("writes json with the summary and every change, to --output", () => {
    const out = path.join(tempDir(), "diff.json");
    const r = runCli(["diff", ...pair("responses"), "--format", "json", "--output", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.summary).toMatchObject({ total: 10, breakingForClients: 5, breakingForServers: 4, nonBreaking: 3, client: "major", server: "major" });
    expect(report.results[0].changes[0]).toMatchObject({
      id: "response-media-type-removed",
      breaking: { client: true, server: true },
      operation: "POST /pets",
      base: { pointer: "/paths/~1pets/post/responses/201/content/application~1xml" },
      location: { file: `${PAIRS}/responses/base.yaml`, line: 16, column: 13 },
    });
  });

  it("reports bad input with exit 2, one line per problem", () => {
    const missing = runCli(["diff", `${PAIRS}/operations/base.yaml`, "nope.yaml"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^nope\.yaml error load\/unreadable: cannot read spec: file not found/m);
    expect(runCli(["diff", `${PAIRS}/operations/base.yaml`]).stderr).toMatch(/expected a base and a head spec, got 1/);
    const format = runCli(["diff", ...pair("operations"), "--format", "html"]);
    expect([format.status, format.stderr]).toEqual([2, "error cli/usage: unknown format 'html' (use one of: stylish, json, markdown, github, junit)\n"]);
    expect(runCli(["diff", ...pair("operations"), "--fail-on", "sometimes"]).status).toBe(2);
  });

  it("refuses schemas nested too deep to compare with exit 2 and one line saying where and what to do", () => {
    // 1,500 components, each a property of the one before (or its allOf member): lint and generate take it
    const dir = tempDir();
    const chain = (link: (next: string) => unknown, max: number) => {
      const schemas: Record<string, unknown> = { S1500: { type: "string", maxLength: max } };
      for (let i = 0; i < 1500; i++) schemas[`S${i}`] = link(`#/components/schemas/S${i + 1}`);
      const body = { content: { "application/json": { schema: { $ref: "#/components/schemas/S0" } } } };
      return JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/a": { post: { requestBody: body, responses: { "200": { description: "ok" } } } } }, components: { schemas } });
    };
    const kinds = { property: (next: string) => ({ type: "object", properties: { c: { $ref: next } } }), member: (next: string) => ({ allOf: [{ $ref: next }] }) };
    for (const [kind, link] of Object.entries(kinds)) {
      writeFileSync(path.join(dir, "base.json"), chain(link, 10));
      writeFileSync(path.join(dir, "head.json"), chain(link, 5));
      const r = runCli(["diff", "base.json", "head.json"], dir);
      expect([r.status, r.stderr.split("\n").length], kind).toEqual([2, 2]);
      expect(r.stderr, kind).toMatch(/^(base|head)\.json:1:\d+ \(#\/components\/schemas\/S\d+[^)]*\) error diff\/too-deep: POST \/a.*: schemas nest deeper than 256 levels, too deep to compare \(break the chain/);
    }
  });

  it("writes GitHub annotations on the head spec (removals on the file as a whole) and JUnit cases failing for breaking changes", () => {
    const [base, head] = pair("operations");
    const gh = runCli(["diff", base!, head!, "--format", "github"]);
    expect(gh.status).toBe(0);
    expect(gh.stdout.split("\n")).toEqual([
      `::error file=${head},title=specforge diff%3A breaking for clients (operation-removed)::POST /pets: operation removed; it was not deprecated: deprecate it first, with an x-sunset date (at ${base}:6:5)`,
      `::error file=${head},title=specforge diff%3A breaking for clients (operation-removed)::GET /old: operation removed (the whole path is gone); it was deprecated, but without an x-sunset date to remove it after (at ${base}:8:5)`,
      `::warning file=${head},line=7,col=5,title=specforge diff%3A breaking for servers (operation-added)::GET /new: operation added (servers must implement it)`,
      "",
    ]);
    const junit = runCli(["diff", ...pair("servers"), "--format", "junit"]).stdout;
    expect(junit).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="specforge diff" tests="\d+" failures="\d+">/);
    const cases = [...junit.matchAll(/<testcase [^>]*?(\/?)>(?:\n\s*<failure type="([^"]+)")?/g)].map((m) => (m[1] ? "pass" : m[2]));
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases)).toEqual(new Set(["pass", "breaking for clients"].filter((x) => cases.includes(x))));
  });

  it("marks a change in a $ref'd file at its line in that file, not at that line of the root spec", () => {
    const dir = tempDir();
    const root = `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  /pets:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: "pet.yaml" }\n`;
    for (const side of ["a", "b"]) {
      mkdirSync(path.join(dir, side));
      writeFileSync(path.join(dir, side, "api.yaml"), root);
    }
    writeFileSync(path.join(dir, "a", "pet.yaml"), "type: object\nproperties:\n  name: { type: string }\n");
    writeFileSync(path.join(dir, "b", "pet.yaml"), "type: object\n\nproperties:\n  name: { type: integer }\n");
    const gh = runCli(["diff", "a/api.yaml", "b/api.yaml", "--format", "github"], dir).stdout;
    expect(gh).toBe("::error file=b/pet.yaml,line=4,col=11,title=specforge diff%3A breaking for clients and servers (type-changed)::GET /pets response 200 (application/json), 'name': type changed from string to integer\n");
  });

  it("keeps hostile spec text inside one annotation and one XML attribute", () => {
    const dir = tempDir();
    const spec = (extra: string) => `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  /things:\n    get:\n      operationId: list\n      parameters:\n        - { name: "a::error x\\n%0A::b,c\\"<x>&", in: query, schema: { type: string${extra} } }\n      responses: { "200": { description: ok } }\n`;
    writeFileSync(path.join(dir, "base.yaml"), spec(""));
    writeFileSync(path.join(dir, "head.yaml"), spec(", maxLength: 3"));
    const gh = runCli(["diff", "base.yaml", "head.yaml", "--format", "github"], dir).stdout;
    expect(gh.split("\n").filter(Boolean)).toHaveLength(1);
    expect(gh).toContain("%0A%250A");
    const junit = runCli(["diff", "base.yaml", "head.yaml", "--format", "junit"], dir).stdout;
    expect(junit).toContain('message="GET /things query parameter &apos;a::error x\n%0A::b,c&quot;&lt;x&gt;&amp;&apos;: maxLength 3 added (tightened)"');
  });

  it("writes a markdown comment in which spec text cannot format, link, mention or break the table", () => {
    const dir = tempDir();
    const hostile = "a|b`c`<img src=x onerror=alert(1)>@team **bold** [link](http://x) $x$ ![i](y)";
    const spec = (extra: string) => `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  /things:\n    get:\n      operationId: list\n      parameters:\n        - { name: ${JSON.stringify(hostile)}, in: query, schema: { type: string${extra} } }\n      responses: { "200": { description: ok } }\n`;
    writeFileSync(path.join(dir, "base.yaml"), spec(""));
    writeFileSync(path.join(dir, "head.yaml"), spec(", enum: [\"x\\ny|z\"]"));
    const r = runCli(["diff", "base.yaml", "head.yaml", "--format", "markdown"], dir);
    expect(r.status).toBe(0);
    const rows = r.stdout.split("\n").filter((l) => l.startsWith("| :"));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // Exactly the four cell separators of the row, and none of the characters GitHub would act on.
    expect(row.split("|")).toHaveLength(6);
    expect(row.replace(/<br>/g, "")).not.toMatch(/[<>`@*[\]$]/);
    expect(row).toContain("&#64;team");
    expect(r.stdout).toMatch(/^### API changes: 1 breaking for clients, 0 breaking for servers, 0 not breaking$/m);
  });
});

describe("specforge diff: the deprecation policy", () => {
  const op = (name: string, extra = "") => `  /${name}: { get: { operationId: ${name}${extra}, responses: { "204": { description: ok } } } }\n`;
  const spec = (paths: string) => `openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n${paths}`;
  // Dates far from any day the tests run on: the CLI uses today's date.
  const past = ', deprecated: true, x-sunset: "2020-01-01"';
  const future = ', deprecated: true, x-sunset: "2999-01-01"';

  it("passes --fail-on breaking when what is removed was deprecated and its sunset has come, fails otherwise", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "base.yaml"), spec(op("keep") + op("old", past)));
    writeFileSync(path.join(dir, "head.yaml"), spec(op("keep")));
    const ok = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("base.yaml:5:11  not breaking  GET /old: operation removed (the whole path is gone); its x-sunset 2020-01-01 has come (it was deprecated with notice)  operation-removed-after-sunset");

    writeFileSync(path.join(dir, "base.yaml"), spec(op("keep") + op("old", future)));
    const early = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect(early.status).toBe(1);
    expect(early.stdout).toContain("GET /old: operation removed (the whole path is gone); it was deprecated, but removed before its sunset 2999-01-01  operation-removed");

    writeFileSync(path.join(dir, "base.yaml"), spec(op("keep") + op("old")));
    const never = runCli(["diff", "base.yaml", "head.yaml", "--fail-on", "breaking"], dir);
    expect(never.status).toBe(1);
    expect(never.stdout).toContain("it was not deprecated: deprecate it first, with an x-sunset date  operation-removed");
  });

  it("with --deprecation-days, fails a deprecation whose sunset is too near (or missing), passes one far enough", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "base.yaml"), spec(op("a")));
    writeFileSync(path.join(dir, "soon.yaml"), spec(op("a", past)));
    writeFileSync(path.join(dir, "none.yaml"), spec(op("a", ", deprecated: true")));
    writeFileSync(path.join(dir, "later.yaml"), spec(op("a", future)));
    const soon = runCli(["diff", "base.yaml", "soon.yaml", "--deprecation-days", "30", "--fail-on", "breaking"], dir);
    expect(soon.status).toBe(1);
    expect(soon.stdout).toMatch(/soon\.yaml:4:\d+  breaking for clients  GET \/a: deprecated with x-sunset 2020-01-01, sooner than --deprecation-days 30 allows \(on or after \d{4}-\d{2}-\d{2}\)  deprecation-sunset-too-soon/);
    expect(runCli(["diff", "base.yaml", "none.yaml", "--deprecation-days", "30", "--fail-on", "breaking"], dir).stdout).toMatch(/GET \/a: deprecated without an x-sunset date \(--deprecation-days 30 asks for one/);
    expect(runCli(["diff", "base.yaml", "later.yaml", "--deprecation-days", "30", "--fail-on", "breaking"], dir).status).toBe(0);
    // Without the option, a deprecation is a note whatever its sunset.
    expect(runCli(["diff", "base.yaml", "soon.yaml", "--fail-on", "breaking"], dir).status).toBe(0);
    const bad = runCli(["diff", "base.yaml", "soon.yaml", "--deprecation-days", "a month"], dir);
    expect([bad.status, bad.stderr]).toEqual([2, "error cli/usage: --deprecation-days expects a whole number of days, got 'a month' (e.g. --deprecation-days 90)\n"]);
    // a day past what a Date holds was an internal error (exit 70: toISOString of an invalid time)
    const far = runCli(["diff", "base.yaml", "soon.yaml", "--deprecation-days", "999999999"], dir);
    expect([far.status, far.stderr]).toEqual([2, "error cli/usage: --deprecation-days expects a whole number of days up to 36500, got '999999999' (e.g. --deprecation-days 90)\n"]);
  });
});

describe("specforge diff --base <git-ref>", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

  it("reads a multi-file base from the revision, names it <ref>:<path>, and leaves the repository as it was", () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, "api/schemas"), { recursive: true });
    const pet = "type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n  name: { type: string }\n";
    writeFileSync(path.join(repo, "api/openapi.yaml"), 'openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json: { schema: { $ref: "./schemas/Pet.yaml" } }\n');
    writeFileSync(path.join(repo, "api/schemas/Pet.yaml"), pet);
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "base");
    writeFileSync(path.join(repo, "api/schemas/Pet.yaml"), pet.replace("  name: { type: string }\n", ""));
    writeFileSync(path.join(repo, "api/new.yaml"), 'openapi: 3.1.0\ninfo: { title: N, version: "1" }\npaths: {}\n');
    const status = git(repo, "status", "--porcelain");

    const r = runCli(["diff", "--base", "main", "api/openapi.yaml", "api/new.yaml", "--format", "json", "--fail-on", "breaking"], repo);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.results[0]).toMatchObject({ base: "main:api/openapi.yaml", head: "api/openapi.yaml" });
    expect(report.results[0].changes.map((c: { id: string; location: unknown }) => [c.id, c.location])).toEqual([
      ["property-removed", { file: "main:api/schemas/Pet.yaml", pointer: "/properties/name", line: 5, column: 3 }],
    ]);
    expect(report.results[1]).toMatchObject({ head: "api/new.yaml", note: expect.stringMatching(/did not exist at main/), changes: [] });
    expect(git(repo, "status", "--porcelain")).toBe(status);

    // A base that does not load is bad input, named by its place in the revision.
    writeFileSync(path.join(repo, "api/schemas/Pet.yaml"), "type: [oops\n");
    git(repo, "commit", "-qam", "broken");
    writeFileSync(path.join(repo, "api/schemas/Pet.yaml"), pet);
    const broken = runCli(["diff", "--base", "HEAD", "api/openapi.yaml"], repo);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^HEAD:api\/schemas\/Pet\.yaml:\d+:\d+ error load\/invalid-yaml: \(base HEAD\) malformed YAML/m);
  });

  it("says on stderr what a spec's upgrade left out of the comparison, the base's named <ref>:<path>, as generate does", () => {
    const repo = tempDir();
    // free-form `x-webhooks` (not path items) is ignored: generate and lint warn, and so does diff now
    const spec = (url: string) => `openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths: {}\nx-webhooks:\n  note: "${url}"\n`;
    writeFileSync(path.join(repo, "a.yaml"), spec("https://example.com/hooks"));
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "base");
    writeFileSync(path.join(repo, "b.yaml"), spec("http://example.com/hooks"));

    const files = runCli(["diff", "a.yaml", "b.yaml"], repo);
    expect(files.status).toBe(0);
    expect(files.stdout).toMatch(/^0 change\(s\)/m);
    const lines = (stderr: string) => stderr.trimEnd().split("\n").map((l) => l.replace(/ is a string, not a path item: .* so the whole of `x-webhooks` is ignored \(.*\)$/, " ..."));
    expect(lines(files.stderr)).toEqual([
      "a.yaml:5:3 (#/x-webhooks/note) warning upgrade/x-webhooks-ignored: `x-webhooks` entry 'note' ...",
      "b.yaml:5:3 (#/x-webhooks/note) warning upgrade/x-webhooks-ignored: `x-webhooks` entry 'note' ...",
    ]);

    const againstGit = runCli(["diff", "--base", "main", "a.yaml"], repo);
    expect(againstGit.status).toBe(0);
    expect(lines(againstGit.stderr)).toEqual([
      "a.yaml:5:3 (#/x-webhooks/note) warning upgrade/x-webhooks-ignored: `x-webhooks` entry 'note' ...",
      "main:a.yaml:5:3 (#/x-webhooks/note) warning upgrade/x-webhooks-ignored: (base main) `x-webhooks` entry 'note' ...",
    ]);
  });

  it("refuses an unknown ref with exit 2, and never lets a shell see the ref", () => {
    const repo = tempDir();
    writeFileSync(path.join(repo, "a.yaml"), 'openapi: 3.1.0\ninfo: { title: T, version: "1" }\npaths: {}\n');
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "base");
    const unknown = runCli(["diff", "--base", "origin/nope", "a.yaml"], repo);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error diff\/git: unknown git ref 'origin\/nope' \(fetch it first/);
    const evil = runCli(["diff", "--base", "HEAD;touch pwned $(touch pwned2)", "a.yaml"], repo);
    expect(evil.status).toBe(2);
    expect(existsSync(path.join(repo, "pwned")) || existsSync(path.join(repo, "pwned2"))).toBe(false);
    expect(runCli(["diff", "--base", "--upload-pack=x", "a.yaml"], repo).status).toBe(2);
  });
});

describe("specforge diff on odd values", () => {
  it("a security value written as a mapping is reported by its JSON, a discriminator's is bad input: not an internal error", () => {
    // Before: exit 70, String() of { toString: 1 } (diff reads specs the generator's checks never saw)
    const dir = tempDir();
    const doc = (propertyName: string, mapping: string, tokenUrl: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
components:
  securitySchemes:
    o: { type: oauth2, flows: { clientCredentials: { tokenUrl: ${tokenUrl}, scopes: { read: r } } } }
security: [{ o: [read] }]
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf: [{ type: object }, { type: array }]
                discriminator: { propertyName: ${propertyName}, mapping: { x: ${mapping} } }
`;
    writeFileSync(path.join(dir, "base.yaml"), doc("kind", '"#/a"', '"https://a.test/t"'));
    writeFileSync(path.join(dir, "head.yaml"), doc("kind", '"#/a"', "{ toString: 1 }"));
    const r = runCli(["diff", "base.yaml", "head.yaml"], dir);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(`tokenUrl changed from 'https://a.test/t' to '{"toString":1}'`);
    // a discriminator's propertyName or mapping value that is no text is now the check stage's (generation
    // threw on it too): bad input, each at its place
    writeFileSync(path.join(dir, "head.yaml"), doc("{ toString: 1 }", "{ toString: 1 }", '"https://a.test/t"'));
    const odd = runCli(["diff", "base.yaml", "head.yaml"], dir);
    expect(odd.status).toBe(2);
    expect(odd.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^head\.yaml:17:\d+ \(#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema\/discriminator\/propertyName\) error check\/schema-keyword: discriminator `propertyName` must be a property name, not \{"toString":1\}/),
      expect.stringMatching(/^head\.yaml:17:\d+ \(#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema\/discriminator\/mapping\) error check\/schema-keyword: discriminator `mapping` must be a mapping of values to schema names or \$refs/),
    ]);
  });
});
