/**
 * Bad input: exit code 2, one line per problem naming file:line:col (or the JSON pointer) with what to
 * do, and the previous output untouched. Each case runs the real CLI on a spec written to a temp folder.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI, runCli, snapshot, tempDir } from "../helpers/project.js";

const GOOD = `openapi: 3.1.0
info: { title: Good, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Customer" }
components:
  schemas:
    Customer: { type: object, properties: { id: { type: string } } }
`;

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  spec?: string;
  /** Each expected stderr line (in order), as a pattern. */
  lines: RegExp[];
}

const cases: Case[] = [
  {
    name: "malformed YAML",
    files: { "spec/api.yaml": "openapi: 3.1.0\ninfo:\n  title: x\n  version: [1\npaths: {}\n" },
    lines: [/^spec\/api\.yaml:\d+:\d+ error load\/invalid-yaml: malformed YAML: .+ \(fix the syntax at that position\)$/],
  },
  {
    // toJS made a cyclic object of it, and every later stage recursed until the stack overflowed (exit 70)
    name: "a YAML alias inside the node it names",
    files: { "spec/api.yaml": "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: &a\n      type: object\n      properties:\n        self: *a\n" },
    lines: [/^spec\/api\.yaml:9:15 error load\/cyclic-alias: the alias \*a is inside the node &a names: JSON cannot hold the cycle it makes \(use a \$ref for a recursive schema\)$/],
  },
  {
    // yaml's alias-count guard threw a ReferenceError: an internal error (exit 70), from a fetched ref too
    name: "a YAML alias bomb",
    files: { "spec/api.yaml": `openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\nx-a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${["a", "b", "c", "d", "e"].map((p, i) => `x-${"bcdef"[i]}: &${"bcdef"[i]} [${Array(10).fill(`*${p}`).join(", ")}]`).join("\n")}\n` },
    lines: [/^spec\/api\.yaml:1:1 error load\/invalid-yaml: malformed YAML: its aliases expand to too many nodes, as an alias bomb does \(write the repeated parts once and refer to them with \$ref\)$/],
  },
  {
    // the recursive stages after load overflowed the stack: an internal error (exit 70)
    name: "values nested deeper than any real spec",
    files: { "spec/api.json": `{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{},"components":{"schemas":{"A":${'{"items":'.repeat(4000)}{}${"}".repeat(4000)}}}}` },
    spec: "spec/api.json",
    lines: [/^spec\/api\.json:1:\d+ \(#\/components\/schemas\/A(\/items){254}\) error load\/too-deep: the document nests values deeper than 256 levels \(define the nested schemas as components and refer to them with \$ref\)$/],
  },
  {
    name: "malformed JSON",
    files: { "spec/api.json": '{"openapi": "3.1.0", "info": {"title": "x",, "version": "1"}, "paths": {}}' },
    spec: "spec/api.json",
    lines: [/^spec\/api\.json:1:\d+ error load\/invalid-json: malformed JSON: .+/],
  },
  {
    // JSON.parse kept the last of the two without a word; the same key in a YAML spec was an error already
    name: "a JSON key written twice, deep in the spec",
    files: {
      "spec/api.json": `{
  "openapi": "3.1.0",
  "info": { "title": "x", "version": "1" },
  "paths": {},
  "components": {
    "schemas": {
      "Pet": {
        "type": "object",
        "properties": { "id": { "type": "string" }, "name": { "type": "string" }, "id": { "type": "integer" } }
      }
    }
  }
}
`,
    },
    spec: "spec/api.json",
    lines: [/^spec\/api\.json:9:83 \(#\/components\/schemas\/Pet\/properties\) error load\/duplicate-key: the object has the key 'id' more than once: JSON\.parse would keep only the last \(remove one of the two\)$/],
  },
  {
    name: "a YAML key written twice (as it was)",
    files: { "spec/api.yaml": GOOD.replace("properties: { id: { type: string } }", "properties: { id: { type: string }, id: { type: integer } }") },
    lines: [/^spec\/api\.yaml:15:\d+ error load\/invalid-yaml: malformed YAML: Map keys must be unique \(fix the syntax at that position\)$/],
  },
  {
    name: "a key written twice in a $ref'd JSON file",
    files: {
      "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "./customer.json"'),
      "spec/customer.json": '{\n  "type": "object",\n  "required": ["id"],\n  "type": "array"\n}\n',
    },
    lines: [/^spec\/customer\.json:4:3 \(#\) error load\/duplicate-key: the object has the key 'type' more than once: JSON\.parse would keep only the last \(remove one of the two\)$/],
  },
  {
    // read as U+FFFD: the package's title and strings changed without a word (exit 0)
    name: "a spec saved as Latin-1: bytes that are no UTF-8",
    files: { "spec/api.yaml": Buffer.from(GOOD.replace("title: Good", "title: Caf\u00e9"), "latin1") },
    lines: [/^spec\/api\.yaml:2:19 error load\/not-utf8: the file is not UTF-8 text: byte 0xE9 is not UTF-8 here \(a file saved as Latin-1 or Windows-1252, or a character cut short\) \(save the file as UTF-8\)$/],
  },
  {
    name: "a referenced file cut inside a character",
    files: {
      "spec/api.yaml": GOOD.replace('"#/components/schemas/Customer"', "./customer.json"),
      "spec/customer.json": Buffer.concat([Buffer.from('{\n  "type": "object",\n  "title": "Cust\u00f6mer'), Buffer.from([0xc3])]),
    },
    lines: [/^spec\/customer\.json:3:21 error load\/not-utf8: the file is not UTF-8 text: byte 0xC3 is not UTF-8 here \(a file saved as Latin-1 or Windows-1252, or a character cut short\) \(save the file as UTF-8\)$/],
  },
  {
    name: "a spec saved as UTF-16 (Windows' Unicode)",
    files: { "spec/api.yaml": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, "utf16le")]) },
    lines: [/^spec\/api\.yaml:1:1 error load\/not-utf8: the file is not UTF-8 text: it is UTF-16 \(it opens with a UTF-16 byte order mark\) \(save the file as UTF-8 \(convert it from UTF-16\)\)$/],
  },
  {
    // the component took each file's definition in turn, forever: a stack overflow (exit 70)
    name: "a component that is a $ref to a file that is a $ref back",
    files: {
      "spec/api.yaml": GOOD.replace("Customer: { type: object, properties: { id: { type: string } } }", "Customer: { $ref: ./a.yaml }"),
      "spec/a.yaml": "$ref: ./b.yaml\n",
      "spec/b.yaml": "$ref: ./a.yaml\n",
    },
    lines: [/^spec\/b\.yaml:1:1 \(#\/\$ref\) error ref\/cycle: \$ref '\.\/a\.yaml' leads back to a file it came from: these files are \$refs to each other, never to a definition \(point one of their \$refs at a definition\)$/],
  },
  {
    name: "a $ref to a missing target, with a suggestion",
    files: { "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "#/components/schemas/Custmer"') },
    lines: [/^spec\/api\.yaml:12:25 \(#\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref\) error ref\/unresolved: unresolved \$ref '#\/components\/schemas\/Custmer' \(did you mean 'Customer'\?\) \(point the \$ref at an existing definition\)$/],
  },
  {
    name: "a $ref to a missing file",
    files: { "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "./nope.yaml"') },
    lines: [/^spec\/api\.yaml:12:25 .*error ref\/missing-file: \$ref '\.\/nope\.yaml': file not found \(fix the path of the referenced file\)$/],
  },
  {
    name: "a $ref escaping the spec's folder",
    files: {
      "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "../secret.yaml"'),
      "secret.yaml": "type: string\n",
    },
    lines: [/^spec\/api\.yaml:12:25 .*error ref\/outside-root: \$ref '\.\.\/secret\.yaml' leaves the spec's folder \(move the file next to the spec, or list its folder in the config's `refRoots` \(`--ref-root <folder>` for specforge bundle\)\)$/],
  },
  {
    name: "a $ref to the network",
    files: { "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "https://example.com/x.yaml"') },
    lines: [/^spec\/api\.yaml:12:25 .*error ref\/remote: .*a spec read from a file may refer to files only: its text does not choose what specforge fetches \(download the document and reference it by a relative path\)$/],
  },
  {
    name: "an unsupported OpenAPI version",
    files: { "spec/api.yaml": GOOD.replace("openapi: 3.1.0", "openapi: 4.0.0") },
    lines: [/^spec\/api\.yaml:1:1 \(#\/openapi\) error check\/unsupported-version: unsupported OpenAPI version '4\.0\.0'; specforge reads 3\.0\.x, 3\.1\.x and 3\.2\.x \(.+\)$/],
  },
  {
    name: "a Swagger version other than 2.0 (YAML's number 2 for an unquoted 2.0)",
    files: { "spec/api.yaml": "swagger: 2.0\ninfo: { title: x, version: \"1\" }\npaths: {}\n" },
    lines: [/^spec\/api\.yaml:1:1 \(#\/swagger\) error check\/unsupported-version: unsupported Swagger version 2 \(not a string\); specforge reads Swagger 2\.0 and OpenAPI 3\.0, 3\.1 and 3\.2 \(declare `swagger: "2\.0"` \(quoted/],
  },
  {
    name: "two operations whose identifiers collide after sanitizing, and a duplicate",
    files: {
      "spec/api.yaml": `openapi: 3.1.0
info: { title: x, version: "1" }
paths:
  /a:
    get: { operationId: get-user, responses: { "200": { description: ok } } }
  /b:
    get: { operationId: getUser, responses: { "200": { description: ok } } }
  /c:
    get: { operationId: get-user, responses: { "200": { description: ok } } }
`,
    },
    lines: [
      /^spec\/api\.yaml:7:12 \(#\/paths\/~1b\/get\/operationId\) error names\/operation-collision: operationId 'getUser' of GET \/b becomes 'getUser', as does 'get-user' of GET \/a \(give one of the two operations another operationId\)$/,
      /^spec\/api\.yaml:9:12 \(#\/paths\/~1c\/get\/operationId\) error names\/operation-collision: operationId 'get-user' of GET \/c is also used by GET \/a \(give one of the two operations another operationId\)$/,
    ],
  },
  {
    name: "several unresolved refs, one line each",
    files: {
      "spec/api.yaml": GOOD.replace('$ref: "#/components/schemas/Customer"', '$ref: "#/components/schemas/A"').replace("Customer: { type: object", "B: { $ref: '#/components/schemas/C' }\n    Customer: { type: object"),
    },
    lines: [/ref\/unresolved: unresolved \$ref '#\/components\/schemas\/A'/, /ref\/unresolved: unresolved \$ref '#\/components\/schemas\/C'/],
  },
  {
    name: "an undeclared path parameter",
    files: { "spec/api.yaml": GOOD.replace("/pets:", "/pets/{petId}:") },
    lines: [/^spec\/api\.yaml:5:5 \(#\/paths\/~1pets~1\{petId\}\/get\) error check\/path-parameter-undeclared: path parameter '\{petId\}' of 'GET \/pets\/\{petId\}' is not declared \(add it/],
  },
  {
    name: "a parameter in a query string written into the path",
    files: { "spec/api.yaml": GOOD.replace("/pets:", "/pets?kind={kind}:") },
    lines: [/^spec\/api\.yaml:5:5 \(#\/paths\/~1pets\?kind=\{kind\}\/get\) error check\/path-parameter-undeclared: path parameter '\{kind\}' of 'GET \/pets\?kind=\{kind\}' is not declared \(it stands in a query string, which a path does not hold: remove '\?kind=\{kind\}' from the path and declare its parameters with `in: query`\)$/],
  },
  {
    name: "schema keywords whose values JSON Schema does not allow (annotations, left out of the validators, are lint's)",
    files: { "spec/api.yaml": GOOD.replace("{ id: { type: string } }", "{ id: { type: string, pattern: 0 }, n: { type: int }, l: { type: array, items: { type: string }, minItems: -1 }, e: { type: string, examples: { a: x } } }") },
    lines: [
      /^spec\/api\.yaml:15:65 \(#\/components\/schemas\/Customer\/properties\/id\/pattern\) error check\/schema-keyword: schema keyword 'pattern' must be string, not 0 \(write the keyword's value as JSON Schema 2020-12 defines it\)$/,
      /^spec\/api\.yaml:15:\d+ \(#\/components\/schemas\/Customer\/properties\/n\/type\) error check\/schema-keyword: schema keyword 'type' must be one of "array", .*"string", not "int" /,
      /^spec\/api\.yaml:15:\d+ \(#\/components\/schemas\/Customer\/properties\/l\/minItems\) error check\/schema-keyword: schema keyword 'minItems' must be >= 0, not -1 /,
    ],
  },
  {
    name: "schema keywords the check stage does not walk into, or rarely written: still explained, never a crash",
    files: { "spec/api.yaml": GOOD.replace("{ id: { type: string } }", "{ id: { type: string }, e: { enum: [] } }, dependencies: { id: { type: 5 } }, $recursiveAnchor: true, title: 5") },
    lines: [
      /^spec\/api\.yaml:15:\d+ \(#\/components\/schemas\/Customer\/title\) error check\/schema-keyword: schema keyword 'title' must be string, not 5 /,
      /^spec\/api\.yaml:15:\d+ \(#\/components\/schemas\/Customer\/dependencies\/id\/type\) error check\/schema-keyword: /,
      /^spec\/api\.yaml:15:\d+ \(#\/components\/schemas\/Customer\/\$recursiveAnchor\) error check\/schema-keyword: /,
    ],
  },
  {
    // openapi-typescript read each as an object: an internal error (exit 70)
    name: "a parameter that is a string, and a response header that is a number",
    files: { "spec/api.yaml": GOOD.replace("      operationId: listPets\n", "      operationId: listPets\n      parameters: [limit]\n").replace("          description: ok\n", "          description: ok\n          headers: { X-Total: 5 }\n") },
    lines: [
      /^spec\/api\.yaml:7:20 \(#\/paths\/~1pets\/get\/parameters\/0\) error check\/parameter-not-object: parameter 0 of GET \/pets is not a mapping \(describe the parameter as a mapping with `name` and `in`, or a `\$ref`\)$/,
      /^spec\/api\.yaml:11:22 \(#\/paths\/~1pets\/get\/responses\/200\/headers\/X-Total\) error check\/header-not-object: header 'X-Total' of response 200 of GET \/pets is not a mapping /,
    ],
  },
];

const V32 = GOOD.replace("openapi: 3.1.0", "openapi: 3.2.0");
const ANCHORED = GOOD.replace("Customer: { type: object", "Customer: { $anchor: Customer, type: object");
const SCHEMA_AT = (ref: string) => GOOD.replace('$ref: "#/components/schemas/Customer"', `$ref: ${ref}`);

/** One row per check/ref code no other case reaches: the exact line (file:line:col, pointer, what, what to do). */
const exact: Array<[code: string, spec: string, line: string]> = [
  ["check/not-openapi", "- a\n- b\n", "spec/api.yaml:1:1 error check/not-openapi: the file is not an OpenAPI document (expected a mapping) (an OpenAPI document is a mapping with an `openapi: 3.1.0` key)"],
  ["check/missing-info", GOOD.replace("info: { title: Good, version: 1.0.0 }\n", ""), "spec/api.yaml:1:1 (#) error check/missing-info: missing `info` object (add `info` with `title` and `version`)"],
  ["check/path-not-absolute", GOOD.replace("/pets:", "pets:"), "spec/api.yaml:4:3 (#/paths/pets) error check/path-not-absolute: path 'pets' does not start with '/' (write paths relative to the server URL, starting with '/')"],
  ["check/operation-not-object", GOOD.replace("paths:\n", "paths:\n  /dogs: { get: 5 }\n"), "spec/api.yaml:4:12 (#/paths/~1dogs/get) error check/operation-not-object: GET /dogs is not an operation object (describe the operation as a mapping)"],
  ["check/headers-not-object", GOOD.replace("description: ok\n", "description: ok\n          headers: [X-Total]\n"), "spec/api.yaml:10:11 (#/paths/~1pets/get/responses/200/headers) error check/headers-not-object: the headers of response 200 of GET /pets are not a mapping (write `headers:` as a mapping of header names to headers)"],
  ["check/additional-operations", GOOD.replace("openapi: 3.1.0", "openapi: 3.2.0").replace("paths:\n", "paths:\n  /dogs: { additionalOperations: [LINK] }\n"), "spec/api.yaml:4:12 (#/paths/~1dogs/additionalOperations) error check/additional-operations: additionalOperations of /dogs is not a mapping of methods to operations (write `additionalOperations:` as a mapping, e.g. `LINK: { ... }`)"],
  // was "is a object": the value's kind in words, as check/not-an-object says it
  ["check/not-a-list", GOOD.replace("              schema:", "              prefixEncoding: { a: 1 }\n              schema:"), "spec/api.yaml:12:15 (#/paths/~1pets/get/responses/200/content/application~1json/prefixEncoding) error check/not-a-list: `prefixEncoding` is a mapping, not a list (write `prefixEncoding:` as a list)"],
  // 3.2: normalize dropped it unseen, malformed or not (lint reported it)
  ["check/not-a-list", V32.replace("              schema:", "              prefixEncoding: 5\n              schema:"), "spec/api.yaml:12:15 (#/paths/~1pets/get/responses/200/content/application~1json/prefixEncoding) error check/not-a-list: `prefixEncoding` is a number, not a list (write `prefixEncoding:` as a list)"],
  ["check/not-an-object", V32.replace("              schema:", "              prefixEncoding: [{ contentType: text/plain }, { headers: [X-A] }]\n              schema:"), "spec/api.yaml:12:63 (#/paths/~1pets/get/responses/200/content/application~1json/prefixEncoding/1/headers) error check/not-an-object: `headers` is a list, not a mapping (write `headers:` as a mapping)"],
  ["ref/not-a-string", SCHEMA_AT("5"), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/not-a-string: $ref must be a string (write the reference as a string such as '#/components/schemas/Name')"],
  ["ref/malformed", SCHEMA_AT('"#/components/schemas/%E0%A4"'), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/malformed: $ref '#/components/schemas/%E0%A4' has a malformed fragment (write the fragment as a JSON pointer: '#/components/schemas/Name')"],
  // was taken for an #anchor and left to the validators: "validators/unresolved-ref ... resolves against that $id"
  ["ref/malformed", SCHEMA_AT('"#components/schemas/Customer"'), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/malformed: $ref '#components/schemas/Customer' has a malformed fragment (write the fragment as a JSON pointer: '#/components/schemas/Name')"],
  // an anchor ref (JSON Schema 2020-12 §8.2.2) was left to the validators: "can't resolve reference #Custmer from id specforge:inline/0"
  ["ref/unresolved", ANCHORED.replace('"#/components/schemas/Customer"', '"#Custmer"'), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/unresolved: unresolved $ref '#Custmer': no schema declares the anchor 'Custmer' (did you mean 'Customer'?) (add `$anchor: Custmer` to the schema the $ref means, or point the $ref at it by its JSON pointer ('#/components/schemas/Name'))"],
  ["ref/ambiguous-anchor", ANCHORED.replace('"#/components/schemas/Customer"', '"#Customer"').replace("properties: { id: { type: string } }", "properties: { id: { $anchor: Customer, type: string } }"), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/ambiguous-anchor: $ref '#Customer' names the anchor 'Customer', which 2 schemas declare (#/components/schemas/Customer, #/components/schemas/Customer/properties/id) (rename all but one of those anchors: an anchor names one schema of its document)"],
  ["ref/unsupported-target", SCHEMA_AT('"#/info"'), "spec/api.yaml:12:25 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref) error ref/unsupported-target: $ref '#/info' points outside components, paths, webhooks and $defs (move the referenced object under components and reference it there)"],
];

describe("each check and ref diagnostic, exactly", () => {
  const dir = tempDir();
  const files = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  let before: Record<string, string>;
  beforeAll(() => {
    files("spec/good.yaml", GOOD);
    expect(runCli(["generate", "spec/good.yaml", "--out", "out", "--targets", "types"], dir).status).toBe(0);
    before = snapshot(path.join(dir, "out"));
  });

  it.each(exact)("%s: exit 2, the line, the previous package untouched", (_code, spec, line) => {
    files("spec/api.yaml", spec);
    const r = runCli(["generate", "spec/api.yaml", "--out", "out", "--targets", "types"], dir);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, "", `${line}\n`]);
    expect(snapshot(path.join(dir, "out"))).toEqual(before);
  });
});

describe("bad input", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  const write = (files: Record<string, string | Buffer>) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
  };

  it.each(cases.map((c) => [c.name, c] as const))("%s: exit 2, one line per problem, output untouched", (_n, c) => {
    write(c.files);
    // A previous good run's output, plus a file of the user's: neither may change.
    write({ "spec/good.yaml": GOOD });
    expect(runCli(["generate", "spec/good.yaml", "--out", "out"], dir).status).toBe(0);
    write({ "out/user-notes.txt": "mine" });
    const before = snapshot(path.join(dir, "out"));

    const r = runCli(["generate", c.spec ?? "spec/api.yaml", "--out", "out"], dir);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(c.lines.length);
    c.lines.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
    expect(r.stdout).toBe("");
    expect(snapshot(path.join(dir, "out"))).toEqual(before);
  });

  it("every bad spec of a config is reported, one line per problem; none of the config's packages is written", () => {
    const config = JSON.stringify({
      specs: ["a", "b", "c"].map((name) => ({ input: `spec/${name}.yaml`, output: `out/${name}`, packageName: name })),
    }, null, 2);
    write({ "spec/a.yaml": GOOD, "spec/b.yaml": GOOD, "spec/c.yaml": GOOD, "specforge.config.json": config });
    expect(runCli(["generate"], dir).status).toBe(0);
    const before = snapshot(path.join(dir, "out"));

    // a changes too: its new output is not written either, so the three packages stay of one generation
    write({
      "spec/a.yaml": GOOD.replace("title: Good", "title: Better"),
      "spec/b.yaml": GOOD.replace("Customer\" }", "Nope\" }"),
      "spec/c.yaml": GOOD.replace("/pets:", "/pets/{petId}:"),
    });
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^spec\/b\.yaml:12:25 .*unresolved \$ref '#\/components\/schemas\/Nope'/);
    expect(lines[1]).toMatch(/^spec\/c\.yaml:5:5 .*error check\/path-parameter-undeclared: path parameter '\{petId\}'/);
    expect(snapshot(path.join(dir, "out"))).toEqual(before);
  });

  it("a spec a config names that cannot be read is reported at its input in the config, with the spec's path", () => {
    write({
      "spec/good.yaml": GOOD,
      "spec/bad.yaml": GOOD.replace("Customer\" }", "Nope\" }"),
      "specforge.config.yaml": "specs:\n  - output: out/a\n    input: spec/opnapi.yml\n    packageName: a\n  - { input: spec/bad.yaml, output: out/b, packageName: b }\n",
    });
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "specforge.config.yaml:3:5 (#/specs/0/input) error load/unreadable: cannot read spec 'spec/opnapi.yml': file not found (check the path: `input` is relative to the config file's folder)",
      expect.stringMatching(/^spec\/bad\.yaml:12:25 .*unresolved \$ref '#\/components\/schemas\/Nope'/),
    ]);

    // a code config has no positions: the pointer; a config elsewhere: the spec's path as resolved
    write({ "conf/specforge.config.ts": 'export default { specs: [{ input: "openapi.yml", output: "out", packageName: "a" }] };\n' });
    const ts = runCli(["generate", "--config", "conf/specforge.config.ts"], dir);
    expect(ts.status).toBe(2);
    expect(ts.stderr).toBe("conf/specforge.config.ts#/specs/0/input error load/unreadable: cannot read spec 'conf/openapi.yml': file not found (check the path: `input` is relative to the config file's folder)\n");
    expect(() => snapshot(path.join(dir, "out"))).toThrow(/ENOENT/);
  });

  // each was reported at the overlay's bare path (a URL with no place at all), and a folder in Node's words (EISDIR)
  it("an overlay a config names that cannot be read, or is a URL, is reported at its entry of `overlays`, by generate and lint", () => {
    write({
      "spec/good.yaml": GOOD,
      "overlays/folder/x.txt": "",
      "specforge.config.yaml": "specs:\n  - input: spec/good.yaml\n    output: out\n    packageName: a\n    overlays: [overlays/missing.yaml, overlays/folder]\n",
    });
    const unreadable = [
      "specforge.config.yaml:5:16 (#/specs/0/overlays/0) error load/unreadable: cannot read overlay 'overlays/missing.yaml': file not found (check the path: `overlays` are relative to the config file's folder)",
      "specforge.config.yaml:5:39 (#/specs/0/overlays/1) error load/unreadable: cannot read overlay 'overlays/folder': it is a folder, not a file (check the path: `overlays` are relative to the config file's folder)",
    ];
    for (const command of ["generate", "lint"]) {
      const r = runCli([command], dir);
      expect(r.status, command).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), command).toEqual(unreadable);
    }
    write({ "specforge.config.yaml": "specs:\n  - input: spec/good.yaml\n    output: out\n    packageName: a\n    overlays:\n      - https://example.com/public.overlay.yaml\n" });
    const url = "specforge.config.yaml:6:9 (#/specs/0/overlays/0) error config/invalid: an overlay is read from a file, and https://example.com/public.overlay.yaml is a URL (download the overlay into the project and name its file)\n";
    expect(runCli(["generate"], dir).stderr).toBe(url);
    expect(runCli(["lint"], dir).stderr).toBe(url);
    expect(() => snapshot(path.join(dir, "out"))).toThrow(/ENOENT/);
  });

  // a missing folder generated with our templates without a word; a malformed override was an internal error (exit 70)
  it("a templates folder that is not one, or a malformed override in it: exit 2 at its place, output untouched", () => {
    write({ "spec/good.yaml": GOOD, "specforge.config.yaml": "specs:\n  - { input: spec/good.yaml, output: out, packageName: a }\n" });
    expect(runCli(["generate"], dir).status).toBe(0);
    const before = snapshot(path.join(dir, "out"));
    write({ "specforge.config.yaml": "templates: my-templates\nspecs:\n  - { input: spec/good.yaml, output: out, packageName: a, templates: spec/good.yaml }\n" });
    const r = runCli(["generate"], dir);
    expect([r.status, r.stderr]).toEqual([2, "specforge.config.yaml:3:59 (#/specs/0/templates) error config/invalid: the templates folder 'spec/good.yaml' is not a folder (check the path: `templates` is relative to the config file's folder)\n"]);
    write({ "specforge.config.yaml": "templates: my-templates\nspecs:\n  - { input: spec/good.yaml, output: out, packageName: a }\n" });
    expect(runCli(["generate"], dir).stderr).toBe("specforge.config.yaml:1:1 (#/templates) error config/invalid: the templates folder 'my-templates' does not exist (check the path: `templates` is relative to the config file's folder)\n");
    write({ "my-templates/package/README.md.hbs": "# {{md title}}\n\n{{#if description}}\n{{md description}}\n" });
    const malformed = runCli(["generate"], dir);
    // named relative to the working directory, as the spec and the config are (it was the absolute path)
    expect([malformed.status, malformed.stderr]).toEqual([2, "my-templates/package/README.md.hbs:5:1 error template/invalid: malformed template: the template ends inside a {{...}} or an open block (fix the Handlebars syntax at that position)\n"]);
    write({ "my-templates/package/README.md.hbs": "# {{{title}}}\n\n{{title}}\n" });
    const unsafe = runCli(["generate"], dir);
    const help = "(insert data only through {{ident x}}, {{str x}}, {{doc x}}, {{code x}}, {{key x}}, {{json x}} or {{md x}})";
    expect([unsafe.status, unsafe.stderr.trimEnd().split("\n")]).toEqual([2, [
      `my-templates/package/README.md.hbs:1:3 error template/unsafe: triple-brace mustache inserts raw text ${help}`,
      `my-templates/package/README.md.hbs:3:1 error template/unsafe: {{title}} inserts data without an escaping helper (ident, str, key, json, doc, code, md) ${help}`,
    ]]);
    expect(snapshot(path.join(dir, "out"))).toEqual(before);
  });

  // a mistyped refRoots entry was accepted silently: the ref it was meant to allow then failed as ref/outside-root
  it("a ref root that is no folder: exit 2 at its config entry (generate, lint) or as a usage error (bundle, join)", () => {
    write({ "spec/good.yaml": GOOD, "specforge.config.yaml": "specs:\n  - { input: spec/good.yaml, output: out, packageName: a }\n" });
    expect(runCli(["generate"], dir).status).toBe(0);
    const before = snapshot(path.join(dir, "out"));
    write({ "specforge.config.yaml": "specs:\n  - input: spec/good.yaml\n    output: out\n    packageName: a\n    refRoots: [spec, shraed]\n" });
    const missing = "specforge.config.yaml:5:22 (#/specs/0/refRoots/1) error config/invalid: the ref root 'shraed' does not exist (check the path: `refRoots` are folders relative to the config file's folder)\n";
    const r = runCli(["generate"], dir);
    expect([r.status, r.stderr]).toEqual([2, missing]);
    const lint = runCli(["lint"], dir);
    expect([lint.status, lint.stderr]).toEqual([2, missing]);
    expect(snapshot(path.join(dir, "out"))).toEqual(before);
    const bundle = runCli(["bundle", "spec/good.yaml", "--ref-root", "spec/good.yaml"], dir);
    expect([bundle.status, bundle.stderr]).toEqual([2, "error cli/usage: the ref root 'spec/good.yaml' is not a folder (check the path: --ref-root names a folder, relative to the working directory)\n"]);
    const join = runCli(["join", "spec/good.yaml", "spec/good.yaml", "--ref-root", "nowhere"], dir);
    expect(join.status).toBe(2);
    // every bad entry of every spec at once, by generate and lint alike
    write({ "spec/other.yaml": GOOD, "specforge.config.yaml": "specs:\n  - { input: spec/good.yaml, output: out, packageName: a, refRoots: [nope-a, spec/good.yaml] }\n  - { input: spec/other.yaml, output: out2, packageName: b, refRoots: [nope-b] }\n" });
    const all = [expect.stringMatching(/^specforge\.config\.yaml:2:\d+ \(#\/specs\/0\/refRoots\/0\) .*'nope-a' does not exist/), expect.stringMatching(/\(#\/specs\/0\/refRoots\/1\) .*'spec\/good\.yaml' is not a folder/), expect.stringMatching(/\(#\/specs\/1\/refRoots\/0\) .*'nope-b' does not exist/)];
    for (const command of ["generate", "lint"]) {
      const every = runCli([command], dir);
      expect([command, every.status, every.stderr.trimEnd().split("\n")]).toEqual([command, 2, all]);
    }
    // a folder that exists is taken as before, a URL folder too (checked when fetching)
    write({ "specforge.config.yaml": "specs:\n  - { input: spec/good.yaml, output: out, packageName: a, refRoots: [spec, 'https://example.com/schemas/'] }\n" });
    expect(runCli(["generate"], dir).status).toBe(0);
  });

  // /dev/zero was read whole: 9 GB of memory after a minute, and on. A pipe that ends is read as before.
  it("a spec that is an endless device is refused past 100 MiB; a pipe (process substitution) or stdin still reads", () => {
    const zero = runCli(["lint", "/dev/zero"], dir);
    expect([zero.status, zero.stderr]).toEqual([2, "/dev/zero error load/unreadable: cannot read spec: it is a stream (a pipe or device) that gave over 100 MiB (name the spec's file, or write the stream to a file first)\n"]);
    write({ "spec/good.yaml": GOOD });
    const piped = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" lint <(cat spec/good.yaml) --quiet`], { cwd: dir, encoding: "utf8" });
    expect([piped.status, piped.stderr]).toEqual([0, ""]);
    // /dev/stdin as a parent's spawn gives it (a socket, which cannot be opened by name: ENXIO before)
    for (const stdin of ["/dev/stdin", "/dev/fd/0"]) {
      const given = spawnSync(process.execPath, [CLI, "lint", stdin, "--quiet"], { cwd: dir, encoding: "utf8", input: GOOD });
      expect([stdin, given.status, given.stderr]).toEqual([stdin, 0, ""]);
    }
  });

  it("config mistakes are reported at their file:line:col and path in the config, in file order", () => {
    write({
      "specforge.config.json": JSON.stringify({ spec: [], specs: [{ input: 1, output: "o", packageName: "p", targets: ["types", "graphql", "clients"], extra: true, packagename: "q" }] }, null, 2),
    });
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "specforge.config.json:2:3 (#/spec) error config/invalid: unknown key 'spec' (did you mean 'specs'?) (the top level takes `specs`, `templates`, `lint`, `diff` and `fetch`)",
      "specforge.config.json:5:7 (#/specs/0/input) error config/invalid: 'input' must be a string (write it as a string)",
      "specforge.config.json:10:9 (#/specs/0/targets/1) error config/invalid: unknown target 'graphql' (targets are types, client, validators, server)",
      "specforge.config.json:11:9 (#/specs/0/targets/2) error config/invalid: unknown target 'clients' (did you mean 'client'?) (targets are types, client, validators, server)",
      "specforge.config.json:13:7 (#/specs/0/extra) error config/invalid: unknown key 'extra' (a spec takes input, output, packageName, packageVersion, targets, templates, refRoots, overlays, validators, client, types, filters, package)",
      "specforge.config.json:14:7 (#/specs/0/packagename) error config/invalid: unknown key 'packagename' (did you mean 'packageName'?) (a spec takes input, output, packageName, packageVersion, targets, templates, refRoots, overlays, validators, client, types, filters, package)",
    ]);
  });

  it("a JSON or YAML config's mistakes at file:line:col, a key written twice among them: exit 2, output untouched", () => {
    write({ "spec/good.yaml": GOOD, "specforge.config.json": JSON.stringify({ specs: [{ input: "spec/good.yaml", output: "out", packageName: "good" }] }, null, 2) });
    expect(runCli(["generate"], dir).status).toBe(0);
    const before = snapshot(path.join(dir, "out"));
    const fails = (config: Record<string, string>) => {
      rmSync(path.join(dir, "specforge.config.json"), { force: true });
      rmSync(path.join(dir, "specforge.config.yaml"), { force: true });
      write(config);
      const r = runCli(["generate"], dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(snapshot(path.join(dir, "out"))).toEqual(before);
      return r.stderr;
    };
    // JSON.parse kept the last 'output' without a word: the package went elsewhere
    expect(fails({ "specforge.config.json": '{\n  "specs": [\n    { "input": "spec/good.yaml", "output": "out", "packageName": "good", "output": "elsewhere" }\n  ]\n}\n' })).toBe(
      "specforge.config.json:3:74 (#/specs/0) error load/duplicate-key: the object has the key 'output' more than once: JSON.parse would keep only the last (remove one of the two)\n");
    expect(fails({ "specforge.config.yaml": "specs:\n  - input: spec/good.yaml\n    output: out\n    packageName: good\n    output: elsewhere\n" })).toMatch(
      /^specforge\.config\.yaml:5:5 error load\/invalid-yaml: malformed YAML: Map keys must be unique \(fix the syntax at that position\)\n$/);
    expect(fails({ "specforge.config.yaml": "specs:\n  - input: spec/good.yaml\n    output: out\n    packageName: good\n    targets: [types, graphql]\n    client: { query: 1 }\n" })).toBe([
      "specforge.config.yaml:5:22 (#/specs/0/targets/1) error config/invalid: unknown target 'graphql' (targets are types, client, validators, server)",
      "specforge.config.yaml:6:15 (#/specs/0/client/query) error config/invalid: invalid value for 'query' (use true or false)",
      "",
    ].join("\n"));
  });

  // written into package.json as given: npm refused to install or publish the package, long after generation
  it("a package name npm refuses (capitals, a space, a quote, empty) is bad input, from the config or --name; nothing written", () => {
    write({ "spec/good.yaml": GOOD, "specforge.config.yaml": 'specs:\n  - { input: spec/good.yaml, output: out/a, packageName: "My API" }\n  - { input: spec/good.yaml, output: out/b, packageName: "@acme/ok" }\n' });
    const r = runCli(["generate"], dir);
    expect([r.status, r.stderr]).toEqual([2, "specforge.config.yaml:2:45 (#/specs/0/packageName) error config/invalid: packageName 'My API' may not hold capital letters (write an npm package name, e.g. \"@acme/okra\" or \"okra-client\")\n"]);
    for (const [name, problem] of [["", "must be 1 to 214 characters long"], ['a"b', "may hold only letters, digits, '-', '.' and '_' (and @scope/)"], ["@a/b/c", "must be a name or @scope/name"], ["_x", "may not start with . or _"]]) {
      const cli = runCli(["generate", "spec/good.yaml", "--out", "out/c", "--name", name!], dir);
      expect([cli.status, cli.stderr]).toEqual([2, `error cli/usage: --name '${name}' ${problem} (write an npm package name, e.g. "@acme/okra" or "okra-client")\n`]);
    }
    expect(() => snapshot(path.join(dir, "out"))).toThrow(/ENOENT/);
    expect(runCli(["generate", "spec/good.yaml", "--out", "out/c", "--name", "@acme/okra-client.v2"], dir).status).toBe(0);
  });

  it("an unknown target and a missing --out are usage errors", () => {
    write({ "spec/good.yaml": GOOD });
    const unknown = runCli(["generate", "spec/good.yaml", "--out", "o", "--targets", "types,graphql"], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("error cli/usage: unknown target 'graphql' (available targets: types, client, validators, server)\n");
    const noOut = runCli(["generate", "spec/good.yaml"], dir);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/missing --out <dir>/);
  });

  it("an unknown option, or one without its value, is a usage error of every command (it was an internal error, exit 70)", () => {
    for (const command of ["generate", "init", "mock", "diff", "lint", "bundle", "join"]) {
      const r = runCli([command, "--bogus"], dir);
      expect(r.status, command).toBe(2);
      expect(r.stderr).toBe(`error cli/usage: Unknown option '--bogus' (run 'specforge ${command} --help')\n`);
    }
    expect(runCli(["lint", "--format"], dir).stderr).toBe("error cli/usage: Option '--format <value>' argument missing (run 'specforge lint --help')\n");
    expect(runCli(["init", "extra"], dir).stderr).toBe("error cli/usage: Unexpected argument 'extra' (run 'specforge init --help')\n");
  });
});
