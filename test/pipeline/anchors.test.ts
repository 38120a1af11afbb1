/**
 * Plain-name anchors (`$ref: '#Pet'` naming `$anchor: Pet`, JSON Schema 2020-12 §8.2.2): the bundle rewrites
 * each into the pointer of the schema declaring it, so the types, the validators and the server read an
 * ordinary `#/components/...` ref (fixture anchors/). The validators refused the spec (`can't resolve
 * reference #Pet from id specforge:inline/3`) and the types read each such ref as `unknown`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatDiagnostic, SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { importableSources, ROOT, tempDir, typecheckConsumer } from "../helpers/project.js";

type Api = Record<string, (v: unknown) => { ok: boolean }>;

const FIXTURE = path.join(ROOT, "test/fixtures/anchors/openapi.yaml");
const pet = { id: 1, name: "Rex", tag: "dog", parent: { id: 2, name: "Max" }, friends: [{ id: 3, name: "Tom", tag: "cat" }] };

describe("the anchors fixture", () => {
  it("generates: its validators and types read each anchor ref as the schema the anchor names", async () => {
    const { files, ir } = await generate({ input: FIXTURE, packageName: "anchors", targets: ["types", "validators"] });
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api;
    const accepted: Array<[string, unknown]> = [
      ["Pet", pet],
      ["NewPet", { name: "Rex", tag: "cat" }],
      ["CreatePetRequest", { name: "Rex" }],
      ["SaveDraftRequest", { name: "Rex" }],
      ["ListPetsResponse200", [pet]],
      ["Resource", { size: 10 }],
    ];
    // each value breaks what an anchor ref names; the types refuse it too
    const refused: Array<[string, unknown]> = [
      ["Pet", { ...pet, tag: "cow" }], // Tag, in another file
      ["Pet", { ...pet, parent: { id: 2 } }], // Pet, recursively
      ["Pet", { ...pet, friends: [{ id: 3, name: "Tom", tag: 5 }] }],
      ["NewPet", { tag: "cat" }],
      ["SaveDraftRequest", { name: "Rex", tag: "bird" }], // NewPet, an operation's inline schema
      ["ListPetsResponse200", [{ id: 1 }]],
    ];
    // what only the validators refuse: PetName's bounds, Resource's own anchor, Pet's id
    const invalid: Array<[string, unknown]> = [["CreatePetRequest", { name: "" }], ["Pet", { ...pet, name: "x".repeat(21) }], ["Resource", { size: 11 }], ["ListPetsResponse200", [{ ...pet, id: 0 }]]];
    for (const [name, value] of accepted) expect([name, value, v[`validate${name}`]!(value).ok]).toEqual([name, value, true]);
    for (const [name, value] of [...refused, ...invalid]) expect([name, value, v[`validate${name}`]!(value).ok]).toEqual([name, value, false]);

    const consumer = [
      `import type { ${[...new Set([...accepted, ...refused].map(([n]) => n))].sort().join(", ")} } from "./types.js";`,
      ...accepted.map(([name, value], i) => `export const ok${i}: ${name} = ${JSON.stringify(value)};`),
      ...refused.map(([name, value], i) => `// @ts-expect-error refused by the validator too\nexport const no${i}: ${name} = ${JSON.stringify(value)};`),
    ];
    expect(typecheckConsumer(tempDir(), files, consumer)).toEqual({ status: 0, output: "" });

    // the document every emitter reads: pointers only, and no anchor outside the resource
    const text = JSON.stringify(ir.document);
    expect(text.match(/"\$ref":"[^"]*"/g)!.filter((r) => !r.startsWith('"$ref":"#/components/schemas/'))).toEqual(['"$ref":"#size"']);
    expect(text.match(/"\$anchor":"[^"]*"/g)).toEqual(['"$anchor":"size"']);
    expect(Object.keys((ir.document.components as { schemas: object }).schemas)).toEqual(["Pet", "Resource", "PetName", "Tag", "NewPet"]);
  });
});

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return path.join(dir, "api.yaml");
}

const spec = (schemas: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths: {}
components:
  schemas:
${schemas}`;

/** What generating says (one line per diagnostic, as the CLI prints them), or "ok". */
async function outcome(input: string, targets: Array<"types" | "validators"> = ["types", "validators"]): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(path.dirname(input));
  try {
    await generate({ input, packageName: "p", targets });
    return ["ok"];
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    return e.diagnostics.map((d) => formatDiagnostic(d));
  } finally {
    process.chdir(cwd);
  }
}

describe("anchor refs, each resolved once by the bundle", () => {
  it("an anchor naming nothing, two schemas, or one inside an $id resource is an error at the ref", async () => {
    const given = project({
      "api.yaml": spec(`    A: { $anchor: Same, type: string }
    B: { $anchor: Same, type: integer }
    R: { $id: "https://example.com/r", $defs: { In: { $anchor: Inner, type: string } } }
    Uses:
      type: object
      properties:
        typo: { $ref: "#Pett" }
        both: { $ref: "#Same" }
        inner: { $ref: "#Inner" }
    Pet: { $anchor: Pet, type: string }
`),
    });
    expect(await outcome(given)).toEqual([
      "api.yaml:12:17 (#/components/schemas/Uses/properties/typo/$ref) error ref/unresolved: unresolved $ref '#Pett': no schema declares the anchor 'Pett' (did you mean 'Pet'?) (add `$anchor: Pett` to the schema the $ref means, or point the $ref at it by its JSON pointer ('#/components/schemas/Name'))",
      "api.yaml:13:17 (#/components/schemas/Uses/properties/both/$ref) error ref/ambiguous-anchor: $ref '#Same' names the anchor 'Same', which 2 schemas declare (#/components/schemas/A, #/components/schemas/B) (rename all but one of those anchors: an anchor names one schema of its document)",
      "api.yaml:14:18 (#/components/schemas/Uses/properties/inner/$ref) error ref/unresolved: unresolved $ref '#Inner': the schema declaring the anchor 'Inner' (#/components/schemas/R/$defs/In) is inside a schema with an $id, whose anchors only refs inside it can name (point the $ref at that schema by its JSON pointer)",
    ]);
  });

  it("an anchor ref in another file names that file's anchor, not the spec's; a file's anchor can be named from the spec", async () => {
    const input = project({
      "api.yaml": spec(`    Tag: { $anchor: Tag, type: string }
    Box: { type: object, properties: { item: { $ref: "./items.yaml#Item" } } }
`),
      "items.yaml": "Item: { $anchor: Item, type: object, properties: { tag: { $ref: '#Tag' } } }\nTag: { $anchor: Tag, type: integer }\n",
    });
    const { ir } = await generate({ input, packageName: "p", targets: ["types", "validators"] });
    const schemas = (ir.document.components as { schemas: Record<string, { properties?: Record<string, unknown> }> }).schemas;
    expect(Object.keys(schemas)).toEqual(["Tag", "Box", "Item", "Tag2"]);
    expect(schemas.Box!.properties!.item).toEqual({ $ref: "#/components/schemas/Item" });
    expect(schemas.Item!.properties!.tag).toEqual({ $ref: "#/components/schemas/Tag2" });
    expect(schemas.Tag2).toEqual({ type: "integer" });
  });

  it("a schema that refers to itself by its own anchor is a cycle (check), reported where the ref is written", async () => {
    const input = project({ "api.yaml": spec("    Loop: { $anchor: Loop, $ref: '#Loop' }\n") });
    expect(await outcome(input, ["types"])).toEqual([
      "api.yaml:6:28 (#/components/schemas/Loop/$ref) error check/schema-cycle: schema /components/schemas/Loop refers to itself ($ref) without a property or an item in between: checking any value against it never ends (let the recursion go through `properties` or `items`, which step into the value, or remove the reference that closes the loop)",
    ]);
  });

  it("an anchored schema a pointer reaches deep inside a component compiles once hoisted (its $anchor was declared twice: 'resolves to more than one schema')", async () => {
    const input = project({
      "api.yaml": spec(`    Deep: { type: object, properties: { inner: { $anchor: Inner, type: integer } } }
    Uses: { type: object, properties: { a: { $ref: "#/components/schemas/Deep/properties/inner" }, b: { $ref: "#Inner" } } }
`),
    });
    expect(await outcome(input)).toEqual(["ok"]);
  });

  it("a malformed $anchor is left for the check stage to refuse, and names nothing", async () => {
    const malformed = project({ "api.yaml": spec("    A: { $anchor: '1st', type: string }\n") });
    expect(await outcome(malformed, ["types"])).toEqual([expect.stringMatching(/^api\.yaml:6:10 \(#\/components\/schemas\/A\/\$anchor\) error check\/schema-keyword: /)]);
    const named = project({ "api.yaml": spec("    A: { $anchor: 'A 1', type: string }\n    B: { $ref: '#A' }\n") });
    expect(await outcome(named, ["types"])).toEqual([expect.stringMatching(/^api\.yaml:7:10 .* error ref\/unresolved: unresolved \$ref '#A': no schema declares the anchor 'A' /)]);
  });
});
