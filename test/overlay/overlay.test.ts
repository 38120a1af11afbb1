/**
 * OpenAPI Overlays (1.0, 1.1) applied to a spec as it is read: the merge rules, removal by filter, copy,
 * actions in order; bad overlays exit 2 with one line per problem at the overlay's line and column and
 * leave a previous package as it was; generate (config and --overlay), lint, bundle and a URL spec see the
 * overlaid document.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../generator/load/load-spec.js";
import { upgrade } from "../../generator/upgrade/upgrade.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { CLI, fileWriter, runCli, tempDir, type CliResult } from "../helpers/project.js";
import { startServingCli } from "../helpers/serving-cli.js";

function runCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const SPEC = `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
tags: [{ name: pets }]
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets, internal]
      parameters:
        - { name: limit, in: query, schema: { type: integer } }
        - { name: dummy, in: query, schema: { type: string } }
        - { name: dummy2, in: query, schema: { type: string } }
      responses:
        "200": { description: ok, content: { application/json: { schema: { type: array, items: { $ref: "#/components/schemas/Pet" } } } } }
  /internal/stats:
    get:
      operationId: stats
      x-internal: true
      responses: { "204": { description: none } }
components:
  schemas:
    Pet: { type: object, required: [id], properties: { id: { type: string } } }
`;

function overlay(version: string, actions: string): string {
  return `overlay: ${version}\ninfo: { title: test, version: 1.0.0 }\nactions:\n${actions}`;
}

/** The spec's root document after `overlays` (texts, written as files in order). */
async function applied(overlays: string[], spec = SPEC): Promise<{ value: Record<string, any>; warnings: string[] }> {
  const write = fileWriter(tempDir());
  const specFile = write("spec.yaml", spec);
  const files = overlays.map((text, i) => write(`o${i}.overlay.yaml`, text));
  const loaded = upgrade(await loadSpec(specFile, { overlays: files }));
  return { value: loaded.root.value as Record<string, any>, warnings: (loaded.warnings ?? []).map((w) => `${w.code} ${w.message}`) };
}

describe("applying an overlay", () => {
  it("merges an update recursively: primitives replace, arrays concatenate, objects merge, new keys are added", async () => {
    const { value } = await applied([overlay("1.1.0", `  - target: $.components.schemas.Pet
    update:
      required: [name]
      properties: { id: { format: uuid }, name: { type: string } }
      description: A pet
`)]);
    expect(value.components.schemas.Pet).toEqual({
      type: "object",
      required: ["id", "name"],
      properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
      description: "A pet",
    });
  });

  it("appends to an array target: 1.1 concatenates an array value, 1.0 appends it as one entry", async () => {
    const action = `  - target: $.tags\n    update: [{ name: a }, { name: b }]\n`;
    expect((await applied([overlay("1.1.0", action)])).value.tags).toEqual([{ name: "pets" }, { name: "a" }, { name: "b" }]);
    expect((await applied([overlay("1.0.0", action)])).value.tags).toEqual([{ name: "pets" }, [{ name: "a" }, { name: "b" }]]);
    const one = `  - target: $.tags\n    update: { name: c }\n`;
    expect((await applied([overlay("1.0.0", one)])).value.tags).toEqual([{ name: "pets" }, { name: "c" }]);
  });

  it("replaces a primitive target (1.1) and removes items a filter selects, however their indexes shift", async () => {
    const { value } = await applied([overlay("1.1.0", `  - target: $.info.title
    update: Pet Store
  - target: $.paths.*.get.parameters[?@.name == 'dummy' || @.name == 'dummy2']
    remove: true
  - target: $.paths.*.get.tags[?@ == 'internal']
    remove: true
  - target: $.paths[?@.get['x-internal'] == true]
    remove: true
`)]);
    expect(value.info.title).toBe("Pet Store");
    expect(value.paths["/pets"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["limit"]);
    expect(value.paths["/pets"].get.tags).toEqual(["pets"]);
    expect(Object.keys(value.paths)).toEqual(["/pets"]);
  });

  it("runs actions in order, each on the result of the last: copy, then remove, is a move", async () => {
    const { value } = await applied([overlay("1.1.0", `  - target: $.components.schemas
    update: { Animal: {} }
  - target: $.components.schemas.Animal
    copy: $.components.schemas.Pet
  - target: $.components.schemas.Pet
    remove: true
`)]);
    expect(Object.keys(value.components.schemas)).toEqual(["Animal"]);
    expect(value.components.schemas.Animal).toEqual({ type: "object", required: ["id"], properties: { id: { type: "string" } } });
  });

  it("applies several overlays in the order given", async () => {
    const { value } = await applied([
      overlay("1.1.0", `  - target: $.info\n    update: { description: first }\n`),
      overlay("1.1.0", `  - target: $.info.description\n    update: second\n`),
    ]);
    expect(value.info.description).toBe("second");
  });

  it("acts once on a node a target selects twice", async () => {
    const { value } = await applied([overlay("1.1.0", `  - target: $['tags','tags']\n    update: { name: once }\n`)]);
    expect(value.tags).toEqual([{ name: "pets" }, { name: "once" }]);
  });

  it("keeps an overlay's __proto__ key as data", async () => {
    const { value } = await applied([overlay("1.1.0", `  - target: $.info\n    update: { __proto__: { polluted: true }, x-a: 1 }\n`)]);
    expect(Object.prototype.hasOwnProperty.call(value.info, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value.info as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("warns of a target that selects nothing, at the overlay's line, and changes nothing", async () => {
    const { value, warnings } = await applied([overlay("1.1.0", `  - target: $.paths['/nothing']\n    remove: true\n`)]);
    expect(Object.keys(value.paths)).toEqual(["/pets", "/internal/stats"]);
    expect(warnings).toEqual([expect.stringMatching(/^overlay\/no-match the target \$\.paths\['\/nothing'\] selects nothing in \S*spec\.yaml: the action changed nothing$/)]);
  });

  it("changes each place a YAML alias repeats once: the copy shares no object between places", async () => {
    const spec = `openapi: 3.1.0
info: { title: A, version: "1" }
paths:
  /a:
    get:
      parameters: &params
        - { name: x, in: query }
        - { name: y, in: query }
        - { name: z, in: query }
      responses: { "204": { description: none } }
  /b:
    get:
      parameters: *params
      responses: { "204": { description: none } }
`;
    const names = (value: Record<string, any>) => ["/a", "/b"].map((p) => value.paths[p].get.parameters.map((q: { name: string }) => q.name).join(","));
    expect(names((await applied([overlay("1.1.0", `  - target: $.paths.*.get.parameters[0]\n    remove: true\n`)], spec)).value)).toEqual(["y,z", "y,z"]);
    expect(names((await applied([overlay("1.1.0", `  - target: $.paths.*.get.parameters\n    update: [{ name: w, in: query }]\n`)], spec)).value)).toEqual(["x,y,z,w", "x,y,z,w"]);
    expect(names((await applied([overlay("1.1.0", `  - target: $.paths['/a'].get.parameters[?@.name == 'z']\n    remove: true\n`)], spec)).value)).toEqual(["x,y", "x,y,z"]);
    // an alias inside the overlay's own update is copied per place too
    const shared = await applied([overlay("1.1.0", `  - target: $.paths.*.get\n    update: { x-a: &v { n: 1 }, x-b: *v }\n  - target: $.paths['/a'].get['x-a']\n    update: { n: 2 }\n`)], spec);
    expect([shared.value.paths["/a"].get["x-a"].n, shared.value.paths["/a"].get["x-b"].n, shared.value.paths["/b"].get["x-a"].n]).toEqual([2, 1, 1]);
  });

  it("copies only what an action writes: what it leaves shares objects with the spec as read, which stays as it was", async () => {
    // 300 aliases of one large list: copying every place out (as the first version did) made it 300 lists
    const spec = `openapi: 3.1.0\ninfo: { title: A, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    S0: { enum: &big [${Array.from({ length: 2000 }, (_, i) => i).join(", ")}] }\n${Array.from({ length: 300 }, (_, i) => `    S${i + 1}: { enum: *big }\n`).join("")}`;
    const write = fileWriter(tempDir());
    const specFile = write("spec.yaml", spec);
    const loaded = await loadSpec(specFile, { overlays: [write("o.overlay.yaml", overlay("1.1.0", `  - target: $.info\n    update: { description: hi }\n  - target: $.components.schemas.S7.enum\n    update: [2000]\n`))] });
    const schemas = (loaded.root.value as Record<string, any>).components.schemas;
    expect(schemas.S1.enum).toBe(schemas.S300.enum);
    expect(schemas.S7.enum).not.toBe(schemas.S1.enum);
    expect([schemas.S7.enum.length, schemas.S1.enum.length]).toEqual([2001, 2000]);
    expect((loaded.root.value as Record<string, any>).info.description).toBe("hi");
  });

  it("refuses a result nested deeper than a spec may be, as a spec that deep is", async () => {
    const deep = (n: number) => "{ a: ".repeat(n) + "1" + " }".repeat(n);
    const spec = `openapi: 3.1.0\ninfo: { title: A, version: "1" }\npaths: {}\nx-deep: ${deep(200)}\n`;
    const error = await applied([overlay("1.1.0", `  - target: $['x-deep']${".a".repeat(199)}\n    update: { b: ${deep(100)} }\n`)], spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecforgeError);
    expect((error as SpecforgeError).diagnostics.map((d) => d.code)).toEqual(["load/too-deep"]);
  });

  it("targets a Swagger 2.0 document as written, before it is read as 3.0", async () => {
    const swagger = `swagger: "2.0"\ninfo: { title: S, version: "1" }\npaths: {}\ndefinitions:\n  Pet: { type: object }\n`;
    const { value } = await applied([overlay("1.1.0", `  - target: $.definitions.Pet\n    update: { description: from the overlay }\n`)], swagger);
    expect(value.components.schemas.Pet.description).toBe("from the overlay");
  });
});

describe("bad overlays", () => {
  it("reports every problem of the file at once, each at its line and column, exit 2", () => {
    const write = fileWriter(tempDir());
    const spec = write("spec.yaml", SPEC);
    const bad = write("bad.overlay.yaml", `overlay: 1.2.0
info: { title: bad }
actions:
  - target: $.paths.*.get[?@.x-internal]
    remove: true
  - target: $.info
    update: { title: x }
    copy: $.info
  - target: $.info
`);
    const r = runCli(["bundle", spec, "--overlay", bad]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/(^|\/)bad\.overlay\.yaml:1:1 \(#\/overlay\) error overlay\/invalid: Overlay 1\.2\.0 is not supported/),
      expect.stringMatching(/(^|\/)bad\.overlay\.yaml:2:1 \(#\/info\) error overlay\/invalid: `info` must be an object with a string `title` and `version`/),
      expect.stringMatching(/(^|\/)bad\.overlay\.yaml:4:5 \(#\/actions\/0\/target\) error overlay\/invalid: '\$\.paths\.\*\.get\[\?@\.x-internal\]' is not an RFC 9535 JSONPath at character 19/),
      expect.stringMatching(/(^|\/)bad\.overlay\.yaml:6:5 \(#\/actions\/1\) error overlay\/invalid: the action has both `update` and `copy`/),
      expect.stringMatching(/(^|\/)bad\.overlay\.yaml:9:5 \(#\/actions\/2\) error overlay\/invalid: the action has no `update`, `copy` or `remove: true`/),
    ]);
    expect(r.stdout).toBe("");
  });

  it.each([
    ["an update that cannot merge", `  - target: $.components.schemas.Pet\n    update: { properties: oops }\n`, /o\.overlay\.yaml:5:15 \(#\/actions\/0\/update\/properties\) error overlay\/inapplicable: cannot merge a string into an object at \/components\/schemas\/Pet\/properties/],
    ["a primitive update of an object", `  - target: $.paths.*\n    update: 3\n`, /error overlay\/inapplicable: the target \/paths\/~1pets is an object: the update must be an object/],
    ["a copy of two nodes", `  - target: $.info\n    copy: $.paths.*\n`, /error overlay\/inapplicable: copy \$\.paths\.\* selects 2 nodes; it must select exactly one/],
    ["removing the document", `  - target: $\n    remove: true\n`, /error overlay\/inapplicable: an action cannot remove the whole document/],
    ["targets of mixed kinds", `  - target: $.paths['/pets'].get.*\n    update: x\n`, /error overlay\/inapplicable: the target \$\.paths\['\/pets'\]\.get\.\* selects primitive and array and object nodes; an update needs them all of one kind/],
  ])("%s is an error at the action, exit 2", (_, actions, want) => {
    const write = fileWriter(tempDir());
    const spec = write("spec.yaml", SPEC);
    const file = write("o.overlay.yaml", overlay("1.1.0", actions));
    const r = runCli(["bundle", spec, "--overlay", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(want);
  });

  it("places a merge conflict at its key in the overlay, and refuses an overlay given by URL", () => {
    const write = fileWriter(tempDir());
    const spec = write("spec.yaml", SPEC);
    const file = write("o.overlay.yaml", overlay("1.1.0", `  - target: $
    update:
      info:
        title: T
      components: null
`));
    const r = runCli(["bundle", spec, "--overlay", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/o\.overlay\.yaml:8:7 \(#\/actions\/0\/update\/components\) error overlay\/inapplicable: cannot merge null into an object at \/components/);
    const url = runCli(["bundle", spec, "--overlay", "https://example.com/o.overlay.yaml"]);
    expect(url.status).toBe(2);
    expect(url.stderr).toMatch(/an overlay is read from a file, and https:\/\/example\.com\/o\.overlay\.yaml is a URL/);
  });

  it("leaves a previous package as it was, and names a missing overlay file", () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    const spec = write("spec.yaml", SPEC);
    const out = path.join(dir, "out");
    expect(runCli(["generate", spec, "--out", out, "--quiet"]).status).toBe(0);
    const before = readFileSync(path.join(out, "src/types.ts"), "utf8");
    const bad = write("bad.overlay.yaml", overlay("1.1.0", `  - target: $.info\n    update: []\n`));
    const r = runCli(["generate", spec, "--out", out, "--overlay", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.overlay\.yaml:5:5 \(#\/actions\/0\/update\) error overlay\/inapplicable: the target \/info is an object/);
    const missing = runCli(["generate", spec, "--out", out, "--overlay", path.join(dir, "missing.yaml")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing\.yaml error load\/unreadable: cannot read overlay: file not found \(check the path\)\n$/);
    expect(readFileSync(path.join(out, "src/types.ts"), "utf8")).toBe(before);
  });
});

describe("the commands read the overlaid spec", () => {
  it("generate: a config's `overlays`, relative to it, shape the package; --overlay without a spec is a usage error", () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("specs/pets.yaml", SPEC);
    write("overlays/public.overlay.yaml", overlay("1.1.0", `  - target: $.paths[?@.get['x-internal'] == true]
    remove: true
  - target: $.components.schemas.Pet.properties
    update: { nickname: { type: string } }
`));
    write("specforge.config.yaml", `specs:\n  - input: specs/pets.yaml\n    output: out\n    packageName: pets\n    targets: [types, client]\n    overlays: [overlays/public.overlay.yaml]\n`);
    const r = runCli(["generate", "--quiet"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const client = readFileSync(path.join(dir, "out/src/client.ts"), "utf8");
    expect(client).toContain("listPets");
    expect(client).not.toContain("stats");
    expect(readFileSync(path.join(dir, "out/src/schema.ts"), "utf8")).toMatch(/nickname\?: string/);
    const usage = runCli(["generate", "--overlay", "overlays/public.overlay.yaml"], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--overlay goes with a spec argument/);
  });

  it("lint: the config's overlays and --overlay apply before the rules run", () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("spec.yaml", SPEC.replace("      operationId: stats\n", ""));
    const lint = (...args: string[]) => runCli(["lint", "spec.yaml", "--format", "json", ...args], dir);
    const ruleIds = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
    expect(ruleIds(lint().stdout)).toContain("operation-id");
    write("ids.overlay.yaml", overlay("1.1.0", `  - target: $.paths['/internal/stats'].get\n    update: { operationId: stats }\n`));
    expect(ruleIds(lint("--overlay", "ids.overlay.yaml").stdout)).not.toContain("operation-id");
    write("specforge.config.yaml", `specs:\n  - input: spec.yaml\n    output: out\n    packageName: p\n    overlays: [ids.overlay.yaml]\n`);
    expect(ruleIds(lint().stdout)).not.toContain("operation-id");
    // what the overlay says of itself goes to stderr, not into the spec's findings under another rule
    write("none.overlay.yaml", overlay("1.1.0", `  - target: $.nothing\n    remove: true\n`));
    const none = lint("--overlay", "none.overlay.yaml");
    expect(none.stderr).toMatch(/none\.overlay\.yaml:4:5 \(#\/actions\/0\/target\) warning overlay\/no-match/);
    expect(JSON.stringify(JSON.parse(none.stdout).findings)).not.toContain("selects nothing");
    // after the overlay removed a parameter, a finding inside that list is placed at the list, not at the item now at its index
    write("shift.overlay.yaml", overlay("1.1.0", `  - target: $.paths['/pets'].get.parameters[?@.name == 'limit']\n    remove: true\n`));
    const params = JSON.parse(lint("--overlay", "shift.overlay.yaml").stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "parameter-description");
    expect(params.map((f: { line: number }) => f.line)).toEqual([9, 9]);
    write("broken.overlay.yaml", "overlay: 1.1.0\n");
    const bad = lint("--overlay", "broken.overlay.yaml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.overlay\.yaml:1:1 \(#\/info\) error overlay\/invalid/);
  });

  it("bundle writes the overlaid spec; a URL spec's overlay may add a $ref the fetch then follows", async () => {
    const routes: Record<string, string> = {
      "/api/spec.yaml": SPEC,
      "/api/toy.yaml": "Toy: { type: object, properties: { squeaks: { type: boolean } } }\n",
    };
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? "");
      const body = routes[req.url ?? ""];
      if (body === undefined) res.writeHead(404).end();
      else res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/spec.yaml`;
      const write = fileWriter(tempDir());
      const file = write("toy.overlay.yaml", overlay("1.1.0", `  - target: $.components.schemas.Pet.properties\n    update: { toy: { $ref: "toy.yaml#/Toy" } }\n`));
      // the CLI in a child process, waited for without blocking this process's server
      const r = await runCliAsync(["bundle", url, "--overlay", file, "--format", "json"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const bundled = JSON.parse(r.stdout);
      expect(bundled.components.schemas.Pet.properties.toy).toEqual({ $ref: "#/components/schemas/Toy" });
      expect(bundled.components.schemas.Toy.properties.squeaks).toEqual({ type: "boolean" });
      expect(requests).toEqual(["/api/spec.yaml", "/api/toy.yaml"]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("generate --watch watches the overlays before a run has succeeded", async () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("spec.yaml", SPEC);
    write("w.overlay.yaml", overlay("1.1.0", `  - target: $.info\n    update: 1\n`));
    const child = spawn(process.execPath, [CLI, "generate", "spec.yaml", "--out", "out", "--targets", "types", "--overlay", "w.overlay.yaml", "--watch"], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (what: string, check: () => boolean) => {
      const end = Date.now() + 20_000;
      while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor("the failed run", () => stderr.includes("watching 2 file(s)"));
      expect(stderr).toMatch(/w\.overlay\.yaml:5:5 \(#\/actions\/0\/update\) error overlay\/inapplicable/);
      write("w.overlay.yaml", overlay("1.1.0", `  - target: $.info\n    update: { title: Fixed }\n`));
      await waitFor("the run after the fix", () => existsSync(path.join(dir, "out/src/schema.ts")));
      expect(readFileSync(path.join(dir, "out/package.json"), "utf8")).toContain("fixed");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it("mock: --overlay shapes what is served (an example changed, an operation removed)", async () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    const spec = write("spec.yaml", SPEC.replace('"200": { description: ok, content: { application/json: { schema:', '"200": { description: ok, content: { application/json: { example: [{ id: from-spec }], schema:'));
    // arrays concatenate in a merge: replacing one is a remove, then an update
    const file = write("m.overlay.yaml", overlay("1.1.0", `  - target: $.paths['/pets'].get.responses['200'].content['application/json'].example
    remove: true
  - target: $.paths['/pets'].get.responses['200'].content['application/json']
    update: { example: [{ id: from-overlay }] }
  - target: $.paths['/internal/stats']
    remove: true
`));
    const { child, url } = await startServingCli("mock", [spec, "--port", "0", "--overlay", file]);
    try {
      const pets = await fetch(`${url}/pets`);
      expect(pets.status).toBe(200);
      expect(await pets.json()).toEqual([{ id: "from-overlay" }]);
      expect((await fetch(`${url}/internal/stats`)).status).toBe(404);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("diff: --overlay applies to both versions, so a change the overlay hides is no change", () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("old.yaml", SPEC);
    // the head drops the internal operation, which the public overlay removes from both anyway
    write("new.yaml", SPEC.replace(/  \/internal\/stats:[\s\S]*?(?=components:)/, ""));
    write("public.overlay.yaml", overlay("1.1.0", `  - target: $.paths[?@.get['x-internal'] == true]\n    remove: true\n`));
    const raw = runCli(["diff", "old.yaml", "new.yaml", "--format", "json", "--fail-on", "breaking"], dir);
    expect(raw.status).toBe(1);
    expect(raw.stdout).toContain("/internal/stats");
    const overlaid = runCli(["diff", "old.yaml", "new.yaml", "--format", "json", "--fail-on", "breaking", "--overlay", "public.overlay.yaml"], dir);
    // the head has no internal path left for the overlay to remove: said, not an error
    expect(overlaid.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^public\.overlay\.yaml:4:5 \(#\/actions\/0\/target\) warning overlay\/no-match: .* selects nothing in new\.yaml/)]);
    expect(overlaid.status).toBe(0);
    expect(JSON.parse(overlaid.stdout).results[0].changes).toEqual([]);
  });

  it("a bad overlay in a config is reported with the other specs' problems, nothing written", () => {
    const dir = tempDir();
    const write = fileWriter(dir);
    write("a.yaml", SPEC);
    write("a.overlay.yaml", overlay("1.1.0", `  - target: $.info\n    update: 1\n`));
    write("specforge.config.yaml", `specs:\n  - { input: a.yaml, output: out-a, packageName: a, targets: [types], overlays: [a.overlay.yaml] }\n  - { input: a.yaml, output: out-b, packageName: b, targets: [types] }\n`);
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^a\.overlay\.yaml:5:5 \(#\/actions\/0\/update\) error overlay\/inapplicable/)]);
    expect(existsSync(path.join(dir, "out-a"))).toBe(false);
    expect(existsSync(path.join(dir, "out-b"))).toBe(false);
  });
});

it("an overlay is read as data: a parse error is a load error at its place", async () => {
  const write = fileWriter(tempDir());
  const spec = write("spec.yaml", SPEC);
  const bad = write("bad.overlay.yaml", "overlay: 1.1.0\ninfo: [\n");
  await expect(loadSpec(spec, { overlays: [bad] })).rejects.toThrow(SpecforgeError);
  const r = runCli(["bundle", spec, "--overlay", bad]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/bad\.overlay\.yaml:\d+:\d+ error load\/invalid-yaml/);
});
