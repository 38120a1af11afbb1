/** Bundling refs across files: what lands where, what is allowed, and where problems are reported. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError, formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { ROOT, tempDir } from "../helpers/project.js";

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A root spec with `/pets` in its own file and these component schemas (YAML lines under `schemas:`). */
const specWith = (schemas: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /pets:
    $ref: "./paths/pets.yaml"
components:
  schemas:
${schemas}`;
const ROOT_SPEC = (ref: string) => specWith(`    Wrapper: { type: object, properties: { pet: { $ref: "${ref}" } } }\n`);

const PETS = `get:
  operationId: listPets
  responses:
    "200":
      description: ok
      content:
        application/json:
          schema: { type: array, items: { $ref: "../schemas/pet.yaml" } }
`;

describe("bundle", () => {
  it("inlines external path items and hoists external schemas under components, once", async () => {
    const dir = project({
      "spec/api.yaml": ROOT_SPEC("./schemas/pet.yaml"),
      "spec/paths/pets.yaml": PETS,
      "spec/schemas/pet.yaml": "type: object\nproperties:\n  tag: { $ref: '#/$defs/Tag' }\n$defs:\n  Tag: { type: string }\n",
    });
    const { ir } = await generate({ input: path.join(dir, "spec/api.yaml"), packageName: "p" });
    const schemas = ir.document.components as { schemas: Record<string, { $ref?: string; properties?: Record<string, { $ref?: string }> }> };
    expect(Object.keys(schemas.schemas)).toEqual(["Wrapper", "pet", "Tag"]);
    expect(schemas.schemas.Wrapper!.properties!.pet!.$ref).toBe("#/components/schemas/pet");
    expect(schemas.schemas.pet!.properties!.tag!.$ref).toBe("#/components/schemas/Tag");
    expect(ir.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(["get /pets listPets"]);
  });

  it("follows a path item that is itself a $ref, in the file it is written in; a loop of them is an error", async () => {
    const root = (ref: string) => `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    $ref: "${ref}"\n`;
    const other = `openapi: 3.1.0\ninfo: { title: o, version: "1" }\npaths:\n  /mid:\n    $ref: "#/paths/~1end"\n  /end:\n    get: { operationId: endOp, responses: { "200": { description: ok } } }\n  /x:\n    $ref: "#/paths/~1y"\n  /y:\n    $ref: "#/paths/~1x"\n`;
    const dir = project({ "api.yaml": root("./other.yaml#/paths/~1mid"), "loop.yaml": root("./other.yaml#/paths/~1x"), "other.yaml": other });
    const { ir } = await generate({ input: path.join(dir, "api.yaml"), packageName: "p" });
    expect(ir.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(["get /a endOp"]);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const failed = await generate({ input: "loop.yaml" }).catch((e: unknown) => e);
      expect((failed as SpecforgeError).diagnostics.map(formatDiagnostic)).toEqual([
        "other.yaml:11:5 (#/paths/~1y/$ref) error ref/cycle: $ref '#/paths/~1x' leads back to a path item it came from: these path items refer to each other, never to one with operations (point one of their $refs at a path item with its operations)",
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("what stands beside a path item's $ref is read in the file it is written in: its refs resolve, and its problems point, there", async () => {
    const api = (tenant: string) => `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /pets:
    $ref: "./paths.yaml#/pets"
    parameters:
      - $ref: "#/components/parameters/${tenant}"
components:
  parameters:
    Tenant: { name: x-tenant, in: header, required: true, schema: { type: string } }
`;
    // paths.yaml has no components: the sibling's ref was resolved there (ref/unresolved at paths.yaml)
    const paths = `pets:\n  parameters:\n    - { $ref: "#/limit" }\n  get: { operationId: listPets, responses: { "200": { description: ok } } }\nlimit: { name: limit, in: query, schema: { type: integer } }\n`;
    const dir = project({ "api.yaml": api("Tenant"), "paths.yaml": paths, "typo.yaml": api("Tennant") });
    const { ir } = await generate({ input: path.join(dir, "api.yaml"), packageName: "p" });
    const [op] = ir.operations;
    // the siblings override the target's keys (`parameters` here), as 3.1 lets them
    expect(Object.values(op!.parameters).flat().map((p) => p.name)).toEqual(["x-tenant"]);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const failed = await generate({ input: "typo.yaml" }).catch((e: unknown) => e);
      expect((failed as SpecforgeError).diagnostics.map(formatDiagnostic)).toEqual([
        "typo.yaml:7:9 (#/paths/~1pets/parameters/0/$ref) error ref/unresolved: unresolved $ref '#/components/parameters/Tennant' (did you mean 'Tenant'?) (point the $ref at an existing definition)",
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("a loop of path item refs through the root, or within it, is ref/cycle; a chain is followed up to 64 path items", async () => {
    const head = `openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n`;
    const hops = 62;
    const chain = Array.from({ length: hops }, (_, i) => `  /p${i}:\n    $ref: "#/paths/~1p${i + 1}"\n`).join("");
    const dir = project({
      "through.yaml": `${head}  /a:\n    $ref: "./one.yaml#/paths/~1p"\n`,
      "one.yaml": `${head}  /p:\n    $ref: "./through.yaml#/paths/~1a"\n`,
      "self.yaml": `${head}  /a:\n    $ref: "#/paths/~1a"\n`,
      "pair.yaml": `${head}  /a:\n    $ref: "#/paths/~1b"\n  /b:\n    $ref: "#/paths/~1a"\n`,
      "long.yaml": `${head}  /a:\n    $ref: "./chain.yaml#/paths/~1p0"\n`,
      "chain.yaml": `${head}${chain}  /p${hops}:\n    get: { operationId: endOp, responses: { "200": { description: ok } } }\n`,
    });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const failures = await Promise.all(["through.yaml", "self.yaml", "pair.yaml"].map((f) => generate({ input: f }).then(() => undefined, (e: unknown) => (e as SpecforgeError).diagnostics.map(formatDiagnostic))));
      expect(failures.map((d) => d?.map((x) => x.split(" error ")[0] + " " + x.split(" ")[3]))).toEqual([
        ["one.yaml:5:5 (#/paths/~1p/$ref) ref/cycle:"],
        ["self.yaml:5:5 (#/paths/~1a/$ref) ref/cycle:"],
        ["pair.yaml:7:5 (#/paths/~1b/$ref) ref/cycle:"],
      ]);
      const { ir } = await generate({ input: "long.yaml" });
      expect(ir.operations.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(["get /a endOp"]);
      // one more path item on the way is refused: each path item of the root on a chain follows the rest again
      writeFileSync("longer.yaml", `${head}  /a:\n    $ref: "./chain.yaml#/paths/~1x"\n`);
      writeFileSync("chain.yaml", `${head}  /x:\n    $ref: "#/paths/~1y"\n  /y:\n    $ref: "#/paths/~1p0"\n${chain}  /p${hops}:\n    get: { operationId: endOp, responses: { "200": { description: ok } } }\n`);
      const refused = await generate({ input: "longer.yaml" }).catch((e: unknown) => (e as SpecforgeError).diagnostics.map(formatDiagnostic));
      expect(refused).toEqual([expect.stringMatching(/^chain\.yaml:\d+:5 \(#\/paths\/~1p61\/\$ref\) error ref\/chain-too-long: \$ref '#\/paths\/~1p62' is the 65th of path item \$refs/)]);
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);

  it("reports a problem inside a referenced file at that file's line and column", async () => {
    const dir = project({
      "spec/api.yaml": ROOT_SPEC("./schemas/pet.yaml"),
      "spec/paths/pets.yaml": PETS,
      "spec/schemas/pet.yaml": "type: object\nproperties:\n  tag:\n    $ref: '#/$defs/Tga'\n$defs:\n  Tag: { type: string }\n",
    });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await generate({ input: "spec/api.yaml" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecforgeError);
      expect((e as SpecforgeError).diagnostics.map(formatDiagnostic)).toEqual([
        "spec/schemas/pet.yaml:4:5 (#/properties/tag/$ref) error ref/unresolved: unresolved $ref '#/$defs/Tga' (did you mean 'Tag'?) (point the $ref at an existing definition)",
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it("reads files outside the spec's folder only from the configured refRoots", async () => {
    const files = {
      "spec/api.yaml": ROOT_SPEC("../shared/pet.yaml"),
      "spec/paths/pets.yaml": PETS.replace("../schemas/pet.yaml", "../../shared/pet.yaml"),
      "shared/pet.yaml": "type: object\n",
    };
    const dir = project(files);
    await expect(generate({ input: path.join(dir, "spec/api.yaml") })).rejects.toThrow(/ref\/outside-root/);
    const { ir } = await generate({ input: path.join(dir, "spec/api.yaml"), refRoots: [path.join(dir, "shared")] });
    expect(Object.keys((ir.document.components as { schemas: object }).schemas)).toEqual(["Wrapper", "pet"]);
  });

  it("never follows a symlink out of the spec's folder", async () => {
    const { symlinkSync } = await import("node:fs");
    const dir = project({ "spec/api.yaml": ROOT_SPEC("./link.yaml"), "spec/paths/pets.yaml": PETS.replace("../schemas/pet.yaml", "../link.yaml"), "secret.yaml": "type: string\n" });
    symlinkSync(path.join(dir, "secret.yaml"), path.join(dir, "spec/link.yaml"));
    await expect(generate({ input: path.join(dir, "spec/api.yaml") })).rejects.toThrow(/leaves the spec's folder/);
  });

  it("a component that is only a ref to a file takes the file's definition under its own name; refs to the file point at it", async () => {
    const dir = project({
      "spec/api.yaml": specWith(`    Pet: { $ref: "./schemas/pet.yaml" }
    Animal: { $ref: "./schemas/pet.yaml" }
    Described: { $ref: "./schemas/tag.yaml", description: "a sibling keeps the ref" }
`),
      "spec/paths/pets.yaml": PETS,
      "spec/schemas/pet.yaml": "type: object\nproperties:\n  parent: { $ref: '#' }\n  tag: { $ref: './tag.yaml' }\n",
      "spec/schemas/tag.yaml": "type: string\n",
    });
    const { ir } = await generate({ input: path.join(dir, "spec/api.yaml"), packageName: "p" });
    const doc = ir.document as any;
    expect(Object.keys(doc.components.schemas)).toEqual(["Pet", "Animal", "Described", "tag"]);
    expect(doc.components.schemas.Pet).toEqual({ type: "object", properties: { parent: { $ref: "#/components/schemas/Pet" }, tag: { $ref: "#/components/schemas/tag" } } });
    expect(doc.components.schemas.Animal).toEqual({ $ref: "#/components/schemas/Pet" });
    expect(doc.components.schemas.Described).toEqual({ $ref: "#/components/schemas/tag", description: "a sibling keeps the ref" });
    // The path item, walked before components, refers to the file the slot took.
    expect(doc.paths["/pets"].get.responses["200"].content["application/json"].schema.items).toEqual({ $ref: "#/components/schemas/Pet" });
  });

  it("the multi-file fixture bundles schemas from YAML and JSON files", async () => {
    const { ir } = await generate({ input: path.join(ROOT, "test/fixtures/multi-file/openapi.yaml") });
    expect(ir.schemas.map((s) => s.key)).toEqual(expect.arrayContaining(["Pet", "Owner", "Error"]));
  });
});
