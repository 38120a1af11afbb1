/**
 * Schemas with their own `$id` (schema resources), whose `$ref`s ajv resolves: a legal one generates and
 * validates as JSON Schema 2020-12 says; one that cannot be compiled is an error at its place (exit 2),
 * never a crash.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { importableSources, runCli, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean }>;

function specFile(schemas: Record<string, unknown>): string {
  const dir = tempDir();
  const file = path.join(dir, "openapi.yaml");
  writeFileSync(file, stringify({ openapi: "3.1.0", info: { title: "resources", version: "1" }, paths: {}, components: { schemas } }));
  return file;
}

async function validators(file: string): Promise<V> {
  const { files } = await generate({ input: file, targets: ["validators"] });
  return (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
}

// JSON-Schema-Test-Suite ref.json: the embedded resource's own `$ref` points inside it, at its `$defs`.
const RELATIVE_URIS_AND_DEFS = {
  $id: "http://example.com/schema-relative-uri-defs1.json",
  properties: {
    foo: { $id: "schema-relative-uri-defs2.json", $defs: { inner: { properties: { bar: { type: "string" } } } }, $ref: "#/$defs/inner" },
  },
  $ref: "schema-relative-uri-defs2.json",
};

describe("schema resources", () => {
  it("a $ref to an embedded resource whose own $ref points inside it resolves there", async () => {
    const v = await validators(specFile({ Outer: RELATIVE_URIS_AND_DEFS }));
    expect(v.validateOuter!({ foo: { bar: "a" }, bar: "a" }).ok).toBe(true);
    expect(v.validateOuter!({ foo: { bar: 1 }, bar: "a" }).ok).toBe(false);
    expect(v.validateOuter!({ foo: { bar: "a" }, bar: 1 }).ok).toBe(false);
  });

  it("a URN resource, referenced by its $id, resolves its own pointer refs", async () => {
    const v = await validators(specFile({
      Urn: { $id: "https://x.test/urn-holder.json", $ref: "urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed", $defs: { foo: { $id: "urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed", $defs: { bar: { type: "string" } }, $ref: "#/$defs/bar" } } },
    }));
    expect(v.validateUrn!("bar").ok).toBe(true);
    expect(v.validateUrn!(12).ok).toBe(false);
  });

  it("$refs that loop with no keyword in between: an error at the schema, not a stack overflow", async () => {
    // a loop of the document's own refs is the check stage's (check/schema-cycle, broken-structure.test.ts), before any compile
    const loops = specFile({ A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } });
    const inside = specFile({ R: { $id: "http://x.test/r.json", $defs: { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } }, $ref: "#/$defs/a" } });
    for (const file of [inside]) {
      const e = await generate({ input: file, targets: ["validators"] }).then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(SpecforgeError);
      expect((e as SpecforgeError).diagnostics).toEqual([expect.objectContaining({ code: "validators/ref-loop", location: expect.objectContaining({ pointer: expect.stringMatching(/^\/components\/schemas\/[AR]$/), line: expect.any(Number) }) })]);
    }
    // a resource whose own $ref is itself compiles (ajv does not follow it), and then overflowed the stack on every value validated
    const self = specFile({ S: { $id: "https://x.test/s.json", $ref: "https://x.test/s.json" } });
    const root = specFile({ H: { $id: "https://x.test/h.json", type: "object", $ref: "#" } });
    for (const file of [self, root]) {
      const e = await generate({ input: file, targets: ["validators"] }).then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(SpecforgeError);
      expect((e as SpecforgeError).diagnostics).toEqual([expect.objectContaining({ code: "validators/ref-loop", location: expect.objectContaining({ pointer: expect.stringMatching(/^\/components\/schemas\/[SH]$/) }) })]);
    }
    const r = runCli(["generate", inside, "--out", path.join(path.dirname(inside), "out"), "--targets", "validators"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^\S*openapi\.yaml:\d+:\d+ \(#\/components\/schemas\/R\) error validators\/ref-loop: the schema cannot be compiled: its \$refs lead back/);
    const l = runCli(["generate", loops, "--out", path.join(path.dirname(loops), "out"), "--targets", "validators"]);
    expect(l.status).toBe(2);
    expect(l.stderr).toMatch(/^\S*openapi\.yaml:\d+:\d+ \(#\/components\/schemas\/B\/\$ref\) error check\/schema-cycle: schema \/components\/schemas\/A refers to itself \(\$ref -> \$ref\)/);
  });

  it("a $ref in a resource that resolves to no schema: exit 2 with the schema's place, not an internal error", () => {
    const file = specFile({ A: { $id: "https://x.test/a.json", $ref: "http://localhost:1234/integer.json" } });
    const r = runCli(["generate", file, "--out", path.join(path.dirname(file), "out"), "--targets", "validators"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^\S*openapi\.yaml:\d+:\d+ \(#\/components\/schemas\/A\) error validators\/unresolved-ref: the schema cannot be compiled: can't resolve reference http:\/\/localhost:1234\/integer\.json from id https:\/\/x\.test\/a\.json \(/),
    ]);
  });

  it("the ref.json schema in a spec file: the CLI generates it", () => {
    const file = specFile({ Outer: RELATIVE_URIS_AND_DEFS });
    const r = runCli(["generate", file, "--out", path.join(path.dirname(file), "out"), "--targets", "validators"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("a $schema naming a meta-schema specforge does not have: exit 2 at the schema; lint checks the rest", async () => {
    const file = specFile({
      A: { $id: "https://x.test/a.json", $schema: "https://x.test/meta.json", type: "number", examples: [1] },
      B: { type: "number", examples: ["one"] },
    });
    const r = runCli(["generate", file, "--out", path.join(path.dirname(file), "out"), "--targets", "validators"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\(#\/components\/schemas\/A\) error validators\/unknown-meta-schema: the schema resource 'https:\/\/x\.test\/a\.json' cannot be compiled: its \$schema 'https:\/\/x\.test\/meta\.json' names a meta-schema specforge does not have \(/);
    const findings = await lintFile(file);
    expect(findings.filter((f) => f.ruleId === "example-valid").map((f) => f.pointer)).toEqual(["/components/schemas/B/examples/0"]);
  });

  it("a $ref to an $id of the spec from a schema without $id: a clear error, exit 2", () => {
    const file = specFile({ Urn: { $ref: "urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed", $defs: { foo: { $id: "urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed", type: "string" } } } });
    const r = runCli(["generate", file, "--out", path.join(path.dirname(file), "out"), "--targets", "validators"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^\S*openapi\.yaml:\d+:\d+ \(#\/components\/schemas\/Urn\/\$ref\) error ref\/id-outside-resource: \$ref 'urn:uuid:deadbeef-4321-ffff-ffff-1234feebdaed' names the \$id of a schema in this document, .* \(give the schema that holds this \$ref an absolute \$id /),
    ]);
  });
});
