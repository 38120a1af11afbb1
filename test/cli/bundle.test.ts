/**
 * `specforge bundle`: one file whose every `$ref` is local, that generates exactly what the split spec
 * generates; bad refs exit 2 with the place and leave a previous bundle as it was.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli, tempDir } from "../helpers/project.js";
import { refsOf, resolves } from "../helpers/refs.js";

const MULTI = path.join(ROOT, "test/fixtures/multi-file");

describe("specforge bundle", () => {
  it("writes the multi-file fixture as one document whose refs are local and resolve, components keeping their names", () => {
    const out = path.join(tempDir(), "api.json");
    const r = runCli(["bundle", path.join(MULTI, "openapi.yaml"), "--output", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref.startsWith("#/"), ref).toBe(true);
      expect(resolves(doc, ref), ref).toBe(true);
    }
    // A component that was only a ref to a file holds that file's definition, under its own name.
    expect(Object.keys(doc.components.schemas)).toEqual(["Pet", "Owner", "Error", "PetList", "Address"]);
    expect(doc.components.schemas.Pet).toMatchObject({ type: "object", description: "A pet; its owner lives in a sibling JSON file." });
    expect(doc.paths["/pets"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Pet" });
  });

  it("generates from the bundle the same types, schema and validators as from the split spec", () => {
    const dir = tempDir();
    expect(runCli(["bundle", path.join(MULTI, "openapi.yaml"), "-o", path.join(dir, "api.yaml")]).status).toBe(0);
    const gen = runCli(["generate", path.join(dir, "api.yaml"), "--out", path.join(dir, "out"), "--quiet"]);
    expect(gen.stderr).toBe("");
    for (const file of ["openapi.json", "src/types.ts", "src/schema.ts", "src/validators.js", "src/validators.d.ts", "src/validators-compiled.js"]) {
      expect(readFileSync(path.join(dir, "out", file), "utf8"), file).toBe(readFileSync(path.join(MULTI, "generated", file), "utf8"));
    }
  });

  it("brings in what a 3.0 document's x-webhooks refer to (GitHub's form), which generates as the split spec does", () => {
    const fixture = path.join(ROOT, "test/fixtures/webhooks-30");
    const dir = tempDir();
    const r = runCli(["bundle", path.join(fixture, "openapi.yaml"), "-o", path.join(dir, "api.yaml")]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const doc = parse(readFileSync(path.join(dir, "api.yaml"), "utf8"));
    // its `refunded` is a path item in hooks/refunded.yaml: before, the bundle kept that ref to a file it does not hold
    expect(refsOf(doc["x-webhooks"]).filter((ref) => !ref.startsWith("#/"))).toEqual([]);
    expect(doc["x-webhooks"].refunded.post).toBeDefined();
    const gen = runCli(["generate", path.join(dir, "api.yaml"), "--out", path.join(dir, "out"), "--quiet", "--targets", "types"]);
    expect(gen.stderr).toBe("");
    for (const file of ["src/types.ts", "src/schema.ts"]) {
      expect(readFileSync(path.join(dir, "out", file), "utf8"), file).toBe(readFileSync(path.join(fixture, "generated", file), "utf8"));
    }
  });

  it("prints YAML to stdout for a YAML spec, JSON with --format json, with no YAML anchors for shared objects", () => {
    const yaml = runCli(["bundle", path.join(MULTI, "openapi.yaml")]);
    expect(yaml.status).toBe(0);
    expect(yaml.stdout).not.toMatch(/[&*]a\d+\b/);
    const json = runCli(["bundle", path.join(MULTI, "openapi.yaml"), "--format", "json"]);
    expect(JSON.parse(json.stdout)).toEqual(parse(yaml.stdout));
  });

  it("a bad ref: exit 2, the file, line and column and what to do; the previous bundle untouched", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "schemas"));
    writeFileSync(path.join(dir, "api.yaml"), "openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: ./schemas/pet.yaml\n");
    writeFileSync(path.join(dir, "schemas/pet.yaml"), "type: object\nproperties:\n  tag:\n    $ref: '#/$defs/Tga'\n$defs:\n  Tag: { type: string }\n");
    writeFileSync(path.join(dir, "out.yaml"), "previous\n");
    const r = runCli(["bundle", "api.yaml", "-o", "out.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "schemas/pet.yaml:4:5 (#/properties/tag/$ref) error ref/unresolved: unresolved $ref '#/$defs/Tga' (did you mean 'Tag'?) (point the $ref at an existing definition)",
    ]);
    expect(readFileSync(path.join(dir, "out.yaml"), "utf8")).toBe("previous\n");
  });

  it("a spec that is no mapping (a list): exit 2 at its first line; the previous bundle untouched", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "api.yaml"), "- openapi: 3.1.0\n");
    writeFileSync(path.join(dir, "out.yaml"), "previous\n");
    const r = runCli(["bundle", "api.yaml", "-o", "out.yaml"], dir);
    expect([r.status, r.stderr]).toEqual([2, "api.yaml:1:1 error load/not-an-object: the spec is not a JSON/YAML object (an OpenAPI document is a mapping with an `openapi` key)\n"]);
    expect(readFileSync(path.join(dir, "out.yaml"), "utf8")).toBe("previous\n");
  });

  it("a bad command line: exit 2 with what to do", () => {
    expect(runCli(["bundle"]).stderr).toMatch(/expected one spec, got 0 argument\(s\) \(run 'specforge bundle <spec>/);
    const r = runCli(["bundle", path.join(MULTI, "openapi.yaml"), "--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown format 'xml' \(use one of: yaml, json\)/);
  });
});

describe("specforge bundle --remove-unused-components", () => {
  it("leaves out what nothing outside components reaches, keeps what a used one refers to, and the result generates", () => {
    const dir = tempDir();
    const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
    write("api.yaml", `openapi: 3.0.3
info: { title: Unused, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      security: [{ key: [] }]
      parameters: [{ $ref: "#/components/parameters/Limit" }]
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }
  /boxes:
    get:
      operationId: getItem
      responses:
        "200": { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Box/properties/item" } } } }
x-webhooks:
  ping:
    post:
      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Hook" } } } }
      responses: { "200": { description: ok } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: x-key }
    unusedScheme: { type: http, scheme: basic }
  parameters:
    Limit: { name: limit, in: query, schema: { $ref: "./shared.yaml#/Count" } }
    Offset: { name: offset, in: query, schema: { type: integer } }
  schemas:
    Pet: { type: object, properties: { tag: { $ref: "#/components/schemas/Tag" } } }
    Tag: { type: string }
    Box: { type: object, properties: { item: { type: string }, lid: { $ref: "#/components/schemas/Lid" } } }
    Lid: { type: boolean }
    Hook: { type: object }
    Unused: { type: object, properties: { chain: { $ref: "#/components/schemas/OnlyFromUnused" } } }
    OnlyFromUnused: { type: string }
`);
    write("shared.yaml", "Count: { type: integer, minimum: 0 }\nNeverUsed: { type: string }\n");
    const r = runCli(["bundle", "api.yaml", "--remove-unused-components", "--format", "json"], dir);
    expect(r.status, r.stderr).toBe(0);
    // the ref into Box is bundled as a component of its own (`item`), so Box and its Lid are used by nothing
    expect(r.stderr).toBe("specforge bundle: 5 unused component(s) left out: components/parameters/Offset, components/schemas/Box, components/schemas/Lid, components/schemas/Unused, components/schemas/OnlyFromUnused\n");
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(["Count", "Hook", "Pet", "Tag", "item"]);
    expect(Object.keys(doc.components.parameters)).toEqual(["Limit"]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["key", "unusedScheme"]);
    for (const ref of refsOf(doc)) expect(resolves(doc, ref), ref).toBe(true);
    writeFileSync(path.join(dir, "bundled.json"), r.stdout);
    expect(runCli(["generate", "bundled.json", "--out", "out", "--quiet"], dir).status).toBe(0);
    // without the option, everything stays
    expect(Object.keys(JSON.parse(runCli(["bundle", "api.yaml", "--format", "json"], dir).stdout).components.schemas)).toContain("Unused");
  });

  it("keeps the kinds of a used base's discriminator, a link's operationRef target and components' extensions (review)", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "api.yaml"), `openapi: 3.1.0
info: { title: Kinds, version: "1" }
paths:
  /pets:
    get:
      operationId: getPet
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } }
          links:
            next: { operationRef: "#/components/pathItems/Other/get" }
components:
  x-vendor: { keep: me }
  pathItems:
    Other: { get: { operationId: other, responses: { "204": { description: none } } } }
  schemas:
    Pet: { type: object, required: [petType], properties: { petType: { type: string } }, discriminator: { propertyName: petType } }
    Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: object, required: [huntingSkill], properties: { huntingSkill: { type: string } } }] }
    Puppy: { allOf: [{ $ref: "#/components/schemas/Cat" }] }
    Lonely: { type: string }
`);
    const r = runCli(["bundle", "api.yaml", "--remove-unused-components", "--format", "json"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("specforge bundle: 1 unused component(s) left out: components/schemas/Lonely\n");
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.components.schemas)).toEqual(["Pet", "Cat", "Puppy"]);
    expect(doc.components.pathItems.Other.get.operationId).toBe("other");
    expect(doc.components["x-vendor"]).toEqual({ keep: "me" });
  });
});
