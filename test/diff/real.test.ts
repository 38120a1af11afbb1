/**
 * Real documents: two published versions of a public spec, our own specs against themselves and against
 * mutated copies, and a multi-file spec whose change is located in the file that holds it.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { loadForDiff } from "../../generator/diff/load.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { summarize } from "../../generator/diff/summarize.js";
import { ROOT, tempDir } from "../helpers/project.js";

const SPECS = ["bankingservice", "customer-v3", "lumyri", "okra", "onefi"].map((s) => path.join(ROOT, "specs", `${s}.yaml`));
const EXAMPLES = path.join(ROOT, "node_modules/@readme/oas-examples");

const ids = (changes: Array<{ id: string }>) => changes.map((c) => c.id);

describe("diff on real specs", () => {
  it("finds no change between a spec and itself", async () => {
    for (const spec of SPECS) expect(diffSpecs(await loadForDiff(spec), await loadForDiff(spec)), spec).toEqual([]);
  });

  it("is pure: the same answer twice, and neither document changed", async () => {
    const base = await loadForDiff(path.join(ROOT, "test/diff/pairs/composition/base.yaml"));
    const head = await loadForDiff(path.join(ROOT, "test/diff/pairs/composition/head.yaml"));
    const before = JSON.stringify([base.document, head.document]);
    const first = diffSpecs(base, head);
    expect(diffSpecs(base, head)).toEqual(first);
    expect(JSON.stringify([base.document, head.document])).toBe(before);
  });

  it("compares ReadMe's petstore as published for 3.0 and for 3.1 (3.0 normalized first)", async () => {
    // The two files describe the same API except uploadImage's body: multipart in 3.0, octet-stream in 3.1.
    const changes = diffSpecs(await loadForDiff(path.join(EXAMPLES, "3.0/yaml/petstore.yaml")), await loadForDiff(path.join(EXAMPLES, "3.1/yaml/petstore.yaml")));
    expect(changes.map((c) => `${c.id} ${c.message}`)).toEqual([
      "request-media-type-removed POST /pet/{petId}/uploadImage: request media type 'multipart/form-data' removed (clients sending it are refused)",
      "request-media-type-added POST /pet/{petId}/uploadImage: request media type 'application/octet-stream' added (servers must accept it)",
    ]);
    expect(changes[0]!.location).toMatchObject({ file: expect.stringMatching(/3\.0\/yaml\/petstore\.yaml$/), line: 260 });
    const simple = diffSpecs(await loadForDiff(path.join(EXAMPLES, "3.0/yaml/petstore-simple.yaml")), await loadForDiff(path.join(EXAMPLES, "3.1/yaml/petstore-simple.yaml")));
    expect(simple).toEqual([]);
  });

  it("classifies a mutated copy of okra", async () => {
    const dir = tempDir();
    const doc = parse(readFileSync(path.join(ROOT, "specs/okra.yaml"), "utf8"));
    delete doc.paths["/customers/remove"];
    doc.components.schemas.ListCustomersRequest.properties.limit.maximum = 100;
    doc.components.schemas.FindCustomerRequest.properties.key.maxLength = 64;
    doc.paths["/customers/flag"].post.operationId = "flagACustomer";
    const head = path.join(dir, "okra.yaml");
    writeFileSync(head, stringify(doc));
    const changes = diffSpecs(await loadForDiff(path.join(ROOT, "specs/okra.yaml")), await loadForDiff(head));
    expect(ids(changes).sort()).toEqual(["constraint-tightened", "constraint-tightened", "operation-id-changed", "operation-removed"]);
    expect(changes.every((c) => c.breaking.client)).toBe(true);
    expect(summarize(changes)).toMatchObject({ total: 4, breakingForClients: 4, client: "major" });
    const removed = changes.find((c) => c.id === "operation-removed")!;
    expect(removed.location).toMatchObject({ file: "specs/okra.yaml", line: 305 });
  });

  it("locates a change inside a file a multi-file spec references, and compares it with its bundled single-file form alike", async () => {
    const dir = tempDir();
    cpSync(path.join(ROOT, "test/fixtures/multi-file"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}generated`) });
    const pet = path.join(dir, "schemas/Pet.yaml");
    writeFileSync(pet, readFileSync(pet, "utf8").replace("required: [id, name]", "required: [id]"));
    const base = await loadForDiff(path.join(ROOT, "test/fixtures/multi-file/openapi.yaml"));
    const head = await loadForDiff(path.join(dir, "openapi.yaml"));
    const changes = diffSpecs(base, head);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => c.id))).toEqual(new Set(["property-became-optional"]));
    for (const c of changes) expect(c.location?.file).toMatch(/schemas\/Pet\.yaml$/);
    // The bundled document written as one file is the same API.
    const single = path.join(dir, "single.yaml");
    writeFileSync(single, stringify((await loadForDiff(path.join(ROOT, "test/fixtures/multi-file/openapi.yaml"))).document));
    expect(diffSpecs(base, await loadForDiff(single))).toEqual([]);
  });
});
