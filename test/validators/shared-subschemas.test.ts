/**
 * Repeated subschemas compiled once (generator/emit/validators/shared-subschemas.ts): which copies move,
 * and, through the real pipeline and the generated code, that a shared one validates as its copies did.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { OutputFile } from "../../generator/write/write-package.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { shareRepeatedSubschemas } from "../../generator/emit/validators/shared-subschemas.js";
import { resolvePointer } from "../../generator/openapi/pointer.js";
import type { JsonObject } from "../../generator/openapi/kinds.js";
import { importableSources, tempDir } from "../helpers/project.js";

const doc = ($defs: JsonObject, shared?: JsonObject): JsonObject => ({ $id: "specforge:api", $defs, ...(shared ? { shared } : {}) });
const ref = (pointer: string) => ({ $ref: `specforge:api#/shared/${encodeURIComponent(pointer.replace(/\//g, "~1"))}` });
const S = { type: "string", minLength: 2 };
const T = { type: "integer", minimum: 1 };
const O = { type: "object", properties: { a: T, b: T } };
const O2 = { type: "object", properties: { a: T, b: S } };
const R = { type: "object", required: ["a", "b"], minProperties: 2 };

describe("shareRepeatedSubschemas", () => {
  const cases: Array<{ name: string; given: JsonObject; referrers?: unknown[]; want: JsonObject }> = [
    {
      name: "a schema written twice becomes one definition, keyed by its first copy's spec pointer",
      given: doc({ A: { properties: { x: S } }, B: { items: S } }),
      want: doc(
        { A: { properties: { x: ref("/components/schemas/A/properties/x") } }, B: { items: ref("/components/schemas/A/properties/x") } },
        { "/components/schemas/A/properties/x": S },
      ),
    },
    {
      name: "a definition itself is not replaced (it is a function already)",
      given: doc({ A: S, B: { items: S } }),
      want: doc({ A: S, B: { items: S } }),
    },
    {
      name: "the largest first: a copy written once inside a shared schema stays there",
      given: doc({ A: { properties: { p: { not: T } } }, B: { properties: { p: { not: T } } } }),
      want: doc(
        { A: { properties: { p: ref("/components/schemas/A/properties/p") } }, B: { properties: { p: ref("/components/schemas/A/properties/p") } } },
        { "/components/schemas/A/properties/p": { not: T } },
      ),
    },
    {
      name: "a shared schema refers to the smaller shared ones it holds",
      given: doc({ A: { items: O }, B: { items: O } }),
      want: doc(
        { A: { items: ref("/components/schemas/A/items") }, B: { items: ref("/components/schemas/A/items") } },
        {
          "/components/schemas/A/items": { type: "object", properties: { a: ref("/components/schemas/A/items/properties/a"), b: ref("/components/schemas/A/items/properties/a") } },
          "/components/schemas/A/items/properties/a": T,
        },
      ),
    },
    ...[
      ["$id", { $id: "https://x.test/s", ...S }],
      ["$anchor", { $anchor: "here", ...S }],
      ["$dynamicRef", { $dynamicRef: "#node" }],
      ["a relative $ref", { $ref: "#/x", ...S }],
      ["a copy inside $id", { $id: "https://x.test/o", items: O }],
    ].map(([what, schema]) => ({
      name: `left in place: a schema holding ${what as string}`,
      given: doc({ A: { items: schema as JsonObject }, B: { items: schema as JsonObject } }),
      want: doc({ A: { items: schema as JsonObject }, B: { items: schema as JsonObject } }),
    })),
    {
      name: "left in place: applied in place below a schema using unevaluatedProperties (its bookkeeping would cross a $ref), also one level further in",
      given: doc({ A: { allOf: [R, { anyOf: [R] }], unevaluatedProperties: false }, B: { allOf: [R], unevaluatedProperties: false } }),
      want: doc({ A: { allOf: [R, { anyOf: [R] }], unevaluatedProperties: false }, B: { allOf: [R], unevaluatedProperties: false } }),
    },
    {
      name: "a closed object moves whole, and what sits at its properties too (other instances, evaluated on their own)",
      given: doc({ A: { items: { properties: { o: O2 }, unevaluatedProperties: false } }, B: { items: { properties: { o: O2 }, unevaluatedProperties: false } }, C: { properties: { p: O2 } } }),
      want: doc(
        { A: { items: ref("/components/schemas/A/items") }, B: { items: ref("/components/schemas/A/items") }, C: { properties: { p: ref("/components/schemas/A/items/properties/o") } } },
        {
          "/components/schemas/A/items": { properties: { o: ref("/components/schemas/A/items/properties/o") }, unevaluatedProperties: false },
          "/components/schemas/A/items/properties/o": O2,
        },
      ),
    },
    {
      name: "left in place: a schema another $ref points into (the path must keep resolving); the target itself may move",
      given: doc({ A: { items: O }, B: { items: O }, C: { items: O } }),
      referrers: [{ $ref: "specforge:api#/$defs/A/items/properties/a" }],
      want: doc(
        {
          A: { items: { type: "object", properties: { a: ref("/components/schemas/A/items/properties/a"), b: ref("/components/schemas/A/items/properties/a") } } },
          B: { items: ref("/components/schemas/B/items") },
          C: { items: ref("/components/schemas/B/items") },
        },
        {
          "/components/schemas/A/items/properties/a": T,
          "/components/schemas/B/items": { type: "object", properties: { a: ref("/components/schemas/A/items/properties/a"), b: ref("/components/schemas/A/items/properties/a") } },
        },
      ),
    },
  ];
  for (const { name, given, referrers, want } of cases) {
    it(name, () => {
      expect(shareRepeatedSubschemas([given], { within: ["specforge:api"], referrers, minSize: 0 })).toEqual([want]);
    });
  }

  it("leaves other documents as they are", () => {
    const given = doc({ A: { items: O }, B: { items: O } });
    expect(shareRepeatedSubschemas([given], { within: ["specforge:api-request"], minSize: 0 })).toEqual([given]);
  });

  it("leaves schemas smaller than the threshold inline", () => {
    const given = doc({ A: { items: O }, B: { items: O } });
    expect(shareRepeatedSubschemas([given], { within: ["specforge:api"], minSize: 1000 })).toEqual([given]);
  });
});

// Through the pipeline: `Party` is written twice inline in `Order` (buyer, seller) and `Level` in
// `Filter` and `Alert`, each large enough to be shared.
const party = {
  type: "object",
  required: ["name", "country"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 200 },
    country: { type: "string", pattern: "^[A-Z]{2}$" },
    city: { type: "string", minLength: 1, maxLength: 100 },
    street: { type: "string", minLength: 1, maxLength: 200 },
    postcode: { type: "string", minLength: 1, maxLength: 20 },
  },
};
const level = { type: "integer", enum: Array.from({ length: 100 }, (_, i) => 100 + i) };
const spec = {
  openapi: "3.1.0",
  info: { title: "shared", version: "1" },
  paths: {
    "/orders": {
      get: {
        operationId: "listOrders",
        parameters: [{ name: "filter", in: "query", style: "deepObject", schema: { $ref: "#/components/schemas/Alert" } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Order" } } } } },
      },
    },
    "/orders/export": {
      get: {
        operationId: "exportOrders",
        parameters: [{ name: "filter", in: "query", style: "deepObject", schema: { $ref: "#/components/schemas/Alert" } }],
        responses: { "200": { description: "ok", content: { "text/csv": { schema: { type: "string" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Order: { type: "object", properties: { buyer: party, seller: party } },
      Filter: { type: "object", properties: { level } },
      Alert: { type: "object", properties: { level } },
    },
  },
};

type Issue = { path: string; keyword: string; schemaPath: string };
type Api = Record<string, (v: unknown) => { ok: boolean; value?: unknown; errors?: Issue[] }>;

async function generated(validators: ValidatorOptions): Promise<{ api: Api; files: OutputFile[] }> {
  const input = path.join(tempDir(), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, targets: ["validators"], validators });
  return { api: (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Api, files };
}
const validatorsFor = async (validators: ValidatorOptions) => (await generated(validators)).api;

const buyer = { name: "Ada", country: "GB" };

describe("shared subschemas in generated validators", () => {
  it("an issue inside a shared copy has its exact instance path and the first copy's schema path", async () => {
    const v = await validatorsFor({});
    const r = v.validateOrder!({ buyer, seller: { name: "Bea", country: "france" } });
    expect(r.errors).toEqual([expect.objectContaining({ path: "/seller/country", keyword: "pattern", schemaPath: "#/components/schemas/Order/properties/buyer/properties/country/pattern" })]);
    // The schema path resolves in the spec to a schema with that keyword.
    const target = resolvePointer(spec, r.errors![0]!.schemaPath.slice(1).replace(/\/pattern$/, ""));
    expect(target.value).toHaveProperty("pattern", "^[A-Z]{2}$");
    expect(v.validateOrder!({ buyer, seller: buyer }).ok).toBe(true);
    expect(v.validateAlert!({ level: 99 }).errors).toEqual([expect.objectContaining({ path: "/level", keyword: "enum", schemaPath: "#/components/schemas/Filter/properties/level/enum" })]);
  });

  it("parameters are coerced inside a shared copy (ajv passes the parent to the shared function)", async () => {
    const v = await validatorsFor({});
    expect(v.validateListOrdersQueryParams!({ filter: { level: "120" } })).toEqual({ ok: true, value: { filter: { level: 120 } } });
    // shared: Alert's level reports Filter's schema, the first copy
    expect(v.validateListOrdersQueryParams!({ filter: { level: "99" } }).errors).toEqual([
      expect.objectContaining({ path: "/filter/level", keyword: "enum", schemaPath: "#/components/schemas/Filter/properties/level/enum" }),
    ]);
  });

  it("operations with the same parameter schema share one compiled function", async () => {
    const { api, files } = await generated({});
    expect(files.find((f) => f.path === "src/validators-params-compiled.d.ts")?.contents.match(/export declare const/g)).toHaveLength(1);
    expect(api.validateExportOrdersQueryParams!({ filter: { level: "150" } })).toEqual({ ok: true, value: { filter: { level: 150 } } });
    expect(api.validateListOrdersQueryParams!({ filter: { level: "150" } })).toEqual({ ok: true, value: { filter: { level: 150 } } });
  });

  it("strip removes unknown properties inside a shared copy", async () => {
    const v = await validatorsFor({ unknownProperties: "strip" });
    expect(v.validateOrder!({ buyer: { ...buyer, extra: 1 }, seller: { ...buyer, extra: 2 } })).toEqual({ ok: true, value: { buyer, seller: buyer } });
    // still shared: the seller's issue names the buyer's schema
    expect(v.validateOrder!({ buyer, seller: { name: "", country: "GB" } }).errors).toEqual([
      expect.objectContaining({ path: "/seller/name", keyword: "minLength", schemaPath: "#/components/schemas/Order/properties/buyer/properties/name/minLength" }),
    ]);
  });
});

