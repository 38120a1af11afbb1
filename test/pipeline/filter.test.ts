/**
 * `filters`: which operations a package keeps, and what goes with the dropped ones (empty path items, and
 * components, security schemes and tags only they used); names that match nothing are errors.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError, formatDiagnostic } from "../../generator/diagnostics/diagnostic.js";
import { validateConfig } from "../../generator/config/config.js";
import type { OperationFilters } from "../../generator/filter/filter.js";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

const FIXTURE = path.join(ROOT, "test/fixtures/filters/openapi.yaml");

async function kept(filters: OperationFilters, input = FIXTURE) {
  const { ir } = await generate({ input, packageName: "p", targets: ["types"], filters });
  const doc = ir.document as Record<string, any>;
  return {
    operations: ir.operations.map((o) => o.operationId).sort(),
    schemas: Object.keys(doc.components?.schemas ?? {}),
    schemes: Object.keys(doc.components?.securitySchemes ?? {}),
    tags: (doc.tags ?? []).map((t: { name: string }) => t.name),
    paths: Object.keys(doc.paths ?? {}),
  };
}

async function problems(filters: OperationFilters, input = FIXTURE): Promise<string[]> {
  try {
    await generate({ input, packageName: "p", targets: ["types"], filters });
  } catch (e) {
    if (e instanceof SpecforgeError) return e.diagnostics.map(formatDiagnostic).map((l) => l.replace(/^\S+ /, ""));
    throw e;
  }
  return [];
}

describe("filters", () => {
  it("tags.include keeps the tagged operations; their schemas, discriminator mappings and path-level parameters stay", async () => {
    expect(await kept({ tags: { include: ["stores"] } })).toEqual({
      operations: ["createStore", "getStore"],
      schemas: ["Address", "Store", "StoreInput", "Money"],
      schemes: ["apiKey"],
      tags: ["stores"],
      paths: ["/stores/{storeId}", "/stores"],
    });
    const pets = await kept({ tags: { include: ["pets"] }, deprecated: false });
    expect(pets.operations).toEqual(["deletePet", "getPet", "listPets"]);
    // Cat is named only by Pet's discriminator mapping (a bare name), Dog by a ref in it.
    expect(pets.schemas).toEqual(["Pet", "Cat", "Dog", "Address", "DeleteConflict", "Money"]);
    expect(pets.schemes).toEqual(["apiKey", "adminToken"]);
  });

  it("an include list keeps what any include list names; excludes win; deprecated: false drops deprecated operations", async () => {
    const r = await kept({ tags: { include: ["pets"] }, operations: { include: ["getStore"], exclude: ["DELETE /pets/{petId}"] }, deprecated: false });
    expect(r.operations).toEqual(["getPet", "getStore", "listPets"]);
    expect(r.schemes).toEqual(["apiKey"]); // adminToken was deletePet's alone
    expect(r.tags).toEqual(["pets", "stores"]); // admin was deletePet's alone
    expect(r.paths).toEqual(["/pets", "/pets/{petId}", "/stores/{storeId}"]);
    expect((await kept({ tags: { exclude: ["pets"] } })).operations).toEqual(["createStore", "getStore"]);
    expect((await kept({ deprecated: false })).operations).not.toContain("listLegacyPets");
  });

  it("components no operation used stay; what a dropped operation shared with a kept one stays", async () => {
    const r = await kept({ operations: { exclude: ["createStore"] } });
    expect(r.schemas).toEqual(["Pet", "Cat", "Dog", "Address", "Store", "DeleteConflict", "LegacyPetPage", "LegacyPet", "Money"]);
    expect((await kept({})).schemas).toContain("StoreInput");
  });

  it("what a component no operation uses refers to stays, though only dropped operations used it too", async () => {
    const file = path.join(tempDir(), "api.yaml");
    const op = (id: string, schema: string) => ({ operationId: id, responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } } } });
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/a": { get: op("getA", "A") }, "/b": { get: op("getB", "B") } },
      components: { schemas: { A: { type: "object" }, B: { type: "object", properties: { c: { $ref: "#/components/schemas/C" } } }, C: { type: "string" }, Report: { type: "object", properties: { c: { $ref: "#/components/schemas/C" } } } } },
    }));
    expect((await kept({ operations: { include: ["getA"] } }, file)).schemas).toEqual(["A", "C", "Report"]);
  });

  it("a name that matches no operation is an error with the nearest name; so is a filter that keeps nothing", async () => {
    expect(await problems({ tags: { include: ["pet"] }, operations: { exclude: ["deletPet", "GET /pets/{id}"] } })).toEqual([
      "error filter/unknown-name: filters.tags.include: 'pet' is no tag of the spec (did you mean 'pets'?) (write a tag the spec has, or remove it)",
      "error filter/unknown-name: filters.operations.exclude: 'deletPet' is no operation of the spec (did you mean 'deletePet'?) (write an operationId or `METHOD /path` the spec has, or remove it)",
      "error filter/unknown-name: filters.operations.exclude: 'GET /pets/{id}' is no operation of the spec (did you mean 'GET /pets/{petId}'?) (write an operationId or `METHOD /path` the spec has, or remove it)",
    ]);
    expect(await problems({ tags: { exclude: ["pets", "stores"] } })).toEqual([
      "error filter/nothing-left: the filters leave none of the 6 operations of the spec (loosen `filters` (an include list keeps what any include list names))",
    ]);
  });

  it("an entry written /source/flags is a regular expression over the same strings as names (tags; operationId and METHOD /path)", async () => {
    expect((await kept({ operations: { include: ["/^GET \\/stores\\//"] } })).operations).toEqual(["getStore"]);
    expect((await kept({ operations: { include: ["/^get /i"], exclude: ["/legacy/"] } })).operations).toEqual(["getPet", "getStore", "listPets"]);
    expect((await kept({ operations: { include: ["/^(create|delete)/"] } })).operations).toEqual(["createStore", "deletePet"]);
    expect((await kept({ tags: { include: ["/^STORE/i"] } })).operations).toEqual(["createStore", "getStore"]);
    expect((await kept({ tags: { exclude: ["/^(admin|stores)$/"] } })).operations).toEqual(["getPet", "listLegacyPets", "listPets"]);
    // Not /source/flags (no closing slash, or letters that are no flags): an exact name, with the usual hint.
    expect(await problems({ operations: { include: ["/pets/{petId}"] } })).toEqual([
      "error filter/unknown-name: filters.operations.include: '/pets/{petId}' is no operation of the spec (write an operationId or `METHOD /path` the spec has, or remove it)",
    ]);
  });

  it("a pattern that matches nothing is an unknown-name error; an invalid or runaway one says so", async () => {
    expect(await problems({ tags: { include: ["/^admins?$/", "/^pet$/"] }, operations: { exclude: ["/^PUT /"] } })).toEqual([
      "error filter/unknown-name: filters.tags.include: '/^pet$/' matches no tag of the spec (write a pattern that matches a tag the spec has, or remove it)",
      "error filter/unknown-name: filters.operations.exclude: '/^PUT /' matches no operation of the spec (write a pattern that matches an operationId or `METHOD /path` the spec has, or remove it)",
    ]);
    // Through the API (no config check), an invalid pattern is still an error, not a crash.
    expect(await problems({ tags: { include: ["/(pets/"] } })).toEqual([
      "error filter/invalid-pattern: filters.tags.include: '/(pets/' is no valid regular expression: Invalid regular expression: /(pets/: Unterminated group (fix the pattern, or write the name itself)",
    ]);
    // Exponential backtracking on a name it rejects: stopped by the time limit, not a hung run.
    const file = path.join(tempDir(), "api.yaml");
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/a": { get: { operationId: `${"a".repeat(40)}!`, responses: { "204": { description: "ok" } } } } },
    }));
    const started = Date.now();
    expect(await problems({ operations: { include: ["/^(a+)+$/"] } }, file)).toEqual([
      "error filter/slow-pattern: filters.operations.include: '/^(a+)+$/' ran past the time limit on the spec's operation names (catastrophic backtracking) (write a pattern without nested repetition such as (a+)+)",
    ]);
    // bounded-regex.ts gives a test starved of the CPU up to ~5.3 s of wall time (250 + 1000 + 4000 ms): on a
    // busy machine the whole call passed 5 s; unbounded, 2^40 steps would take hours
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("extensions.exclude drops operations, or whole path items, that set an extension truthy; one set nowhere is an error", async () => {
    const file = path.join(tempDir(), "api.yaml");
    const op = (id: string, extra: Record<string, unknown> = {}) => ({ operationId: id, ...extra, responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${id}` } } } } } });
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/pets": { get: op("listPets"), post: op("createPet", { "x-internal": false }) },
        "/stats": { get: op("getStats", { "x-internal": true }) },
        "/beta": { "x-beta": "since 2026-01", get: op("getBeta"), delete: op("deleteBeta") },
      },
      components: { schemas: Object.fromEntries(["listPets", "createPet", "getStats", "getBeta", "deleteBeta"].map((n) => [n, { type: "string" }])) },
    }));
    // x-internal: false keeps createPet; the path item's x-beta takes both its operations and the schemas only they used
    expect(await kept({ extensions: { exclude: ["x-internal", "x-beta"] } }, file)).toMatchObject({ operations: ["createPet", "listPets"], schemas: ["listPets", "createPet"], paths: ["/pets"] });
    expect((await kept({ extensions: { exclude: ["/^x-b/"] } }, file)).operations).toEqual(["createPet", "getStats", "listPets"]);
    expect(await problems({ extensions: { exclude: ["x-interal", "/^x-alpha/"] } }, file)).toEqual([
      "error filter/unknown-name: filters.extensions.exclude: 'x-interal' is set on no operation or path item of the spec (did you mean 'x-internal'?) (write an extension set on an operation or path item of the spec, or remove it)",
      "error filter/unknown-name: filters.extensions.exclude: '/^x-alpha/' matches no extension of an operation or path item of the spec (write a pattern that matches an extension set on an operation or path item of the spec, or remove it)",
    ]);
  });

  it("a kept operation that refers into a dropped one is an error naming the ref, not a crash", async () => {
    const file = path.join(tempDir(), "api.yaml");
    const op = (id: string, params?: unknown) => ({ operationId: id, ...(params ? { parameters: params } : {}), responses: { "204": { description: "ok" } } });
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/a": { get: op("getA", [{ name: "q", in: "query", schema: { type: "string" } }]) },
        "/b": { get: op("getB", [{ $ref: "#/paths/~1a/get/parameters/0" }]) },
      },
    }));
    expect(await problems({ operations: { include: ["getB"] } }, file)).toEqual([
      "(#/paths/~1a/get/parameters/0) error filter/dangling-ref: a kept operation refers to '#/paths/~1a/get/parameters/0', which the filters drop (keep that operation too, or move what is shared under components)",
    ]);
  });

  it("webhooks are filtered by operationId and tag too", async () => {
    const file = path.join(tempDir(), "api.yaml");
    const hook = (id: string, tag: string) => ({ post: { operationId: id, tags: [tag], requestBody: { content: { "application/json": { schema: { $ref: `#/components/schemas/${id}` } } } }, responses: { "200": { description: "ok" } } } });
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      webhooks: { petAdded: hook("petAdded", "pets"), storeOpened: hook("storeOpened", "stores") },
      components: { schemas: { petAdded: { type: "object" }, storeOpened: { type: "object" } } },
    }));
    const r = await kept({ tags: { include: ["pets"] } }, file);
    expect(r.schemas).toEqual(["petAdded"]);
  });

  it("a webhook that is a $ref to a path item is filtered as one written in place", async () => {
    const file = path.join(tempDir(), "api.yaml");
    const op = (id: string, tag: string, deprecated = false) => ({ operationId: id, tags: [tag], ...(deprecated ? { deprecated } : {}), responses: { "204": { description: "ok" } } });
    writeFileSync(file, stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      webhooks: {
        refund: { $ref: "#/components/pathItems/Refund" },
        order: { $ref: "#/components/pathItems/Order" },
      },
      components: { pathItems: { Refund: { post: op("onRefund", "money") }, Order: { post: op("onOrder", "orders"), put: op("onOrderPut", "orders", true) } } },
    }));
    const hooks = async (filters: OperationFilters) => {
      const { ir } = await generate({ input: file, packageName: "p", targets: ["types"], filters });
      return ir.webhooks.map((o) => `${o.webhook} ${o.httpMethod}`);
    };
    expect(await problems({ operations: { exclude: ["onRefund"] } }, file)).toEqual([]);
    expect(await hooks({ operations: { exclude: ["onRefund"] } })).toEqual(["order PUT", "order POST"]);
    expect(await hooks({ tags: { include: ["money"] } })).toEqual(["refund POST"]);
    expect(await hooks({ deprecated: false })).toEqual(["refund POST", "order POST"]);
  });

  it("the config's filters are checked for shape, with the pointer of each problem", () => {
    const spec = (filters: unknown) => ({ specs: [{ input: "a.yaml", output: "out", packageName: "p", filters }] });
    expect(validateConfig(spec({ tags: { include: "pets" }, operation: {}, deprecated: "no", operations: { only: [] } }))).toEqual([
      { pointer: "/specs/0/filters/tags/include", message: "'include' must be a list of strings", help: "list tag names" },
      { pointer: "/specs/0/filters/operation", message: "unknown filter 'operation'", help: "filters: tags, operations, extensions, deprecated" },
      { pointer: "/specs/0/filters/deprecated", message: "invalid value for 'deprecated'", help: "use false to drop deprecated operations" },
      { pointer: "/specs/0/filters/operations/only", message: "unknown key 'only'", help: "use include or exclude" },
    ]);
    expect(validateConfig(spec({ tags: { include: ["pets"] }, deprecated: false }))).toEqual([]);
    expect(validateConfig(spec({ tags: { include: ["/^pets$/i", "/(x/", "/a/g"] }, operations: { exclude: ["/^GET /", "/a/ii"] } }))).toEqual([
      { pointer: "/specs/0/filters/tags/include/1", message: "'/(x/' is no valid regular expression: Invalid regular expression: /(x/: Unterminated group", help: "fix the pattern (written /source/flags), or write the name itself" },
      { pointer: "/specs/0/filters/tags/include/2", message: "'/a/g' is no valid regular expression: the g and y flags make each test start where the last ended", help: "fix the pattern (written /source/flags), or write the name itself" },
      { pointer: "/specs/0/filters/operations/exclude/1", message: "'/a/ii' is no valid regular expression: Invalid flags supplied to RegExp constructor 'ii'", help: "fix the pattern (written /source/flags), or write the name itself" },
    ]);
  });

  it("specforge generate with a config whose filter names a missing tag: exit 2, the problem at the entry's line in the config, nothing written", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "specforge.config.yaml"), stringify({ specs: [{ input: FIXTURE, output: "out", packageName: "p", filters: { tags: { include: ["pets", "store"] } } }] }));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^specforge\.config\.yaml:9:13 \(#\/specs\/0\/filters\/tags\/include\/1\) error filter\/unknown-name: filters\.tags\.include: 'store' is no tag of the spec \(did you mean 'stores'\?\)/);
    expect(runCli(["generate", "--check"], dir).status).not.toBe(0);
    // filters that keep nothing: at the spec's filters
    writeFileSync(path.join(dir, "specforge.config.yaml"), stringify({ specs: [{ input: FIXTURE, output: "out", packageName: "p", filters: { tags: { include: ["pets"], exclude: ["pets"] } } }] }));
    expect(runCli(["generate"], dir).stderr).toMatch(/^specforge\.config\.yaml:5:5 \(#\/specs\/0\/filters\) error filter\/nothing-left: /);
  });

  it("specforge generate with an invalid filter pattern: exit 2, the config key named", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "specforge.config.yaml"), stringify({ specs: [{ input: FIXTURE, output: "out", packageName: "p", filters: { operations: { include: ["/^GET (/"] } } }] }));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/specforge\.config\.yaml:8:13 \(#\/specs\/0\/filters\/operations\/include\/0\) error config\/invalid: '\/\^GET \(\/' is no valid regular expression: .*Unterminated group \(fix the pattern/);
  });
});
