/**
 * Values made from a schema (samples, and the mock's answers where a response has no example) honour
 * `multipleOf`, `if`/`then`/`else` and `not`. Before, `sampleHalf()` was 2 (`multipleOf: 2.5` on an integer),
 * a parcel's sample lacked the weight `then` asks for, `NotFirst` was the enum value `not` forbids (also when
 * an operation's example showed such values), and the mock answered those with 500s (its own response
 * validation refused them).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "../server/helpers.js";

const SCHEMAS: Record<string, unknown> = {
  // multipleOf
  Cents: { type: "number", multipleOf: 0.01, minimum: 0.005 },
  Sevens: { type: "integer", multipleOf: 7, minimum: 10, maximum: 20 },
  Half: { type: "integer", multipleOf: 2.5 },
  Thirds: { type: "integer", multipleOf: 3, exclusiveMaximum: 3 },
  // 201 * 0.01 is 2.0100000000000002, no decimal multiple; 2.01 is one (the validators test multipleOf as decimals)
  Hundredths: { type: "number", multipleOf: 0.01, minimum: 2.01, maximum: 2.05 },
  // if/then/else
  Shipping: {
    type: "object", required: ["kind"],
    properties: { kind: { enum: ["parcel", "letter"] }, weight: { type: "number" }, size: { type: "string" } },
    if: { properties: { kind: { const: "parcel" } } }, then: { required: ["weight"], properties: { weight: { minimum: 5 } } }, else: { required: ["size"] },
  },
  Letter: {
    type: "object", required: ["kind"], properties: { kind: { enum: ["letter", "parcel"] }, size: { type: "string", enum: ["A4", "A5"] } },
    if: { properties: { kind: { const: "parcel" } } }, then: { required: ["weight"] }, else: { required: ["size"], properties: { size: { const: "A5" } } },
  },
  Bounded: { type: "integer", if: { minimum: 0 }, then: { minimum: 10, maximum: 12 }, else: { maximum: -5 } },
  // not
  NotFirst: { type: "string", enum: ["a", "b"], not: { const: "a" } },
  NotString: { type: ["string", "integer"], not: { type: "string" } },
  NotSmall: { type: "integer", not: { enum: [1, 2] } },
  NoC: { type: "object", properties: { a: { type: "string" }, c: { type: "string" } }, not: { required: ["c"] } },
  NotTrue: { type: "boolean", not: { const: true } },
};

const dir = tempDir("specforge-sample-keywords-");
const spec = path.join(dir, "openapi.json");
const ok = (name: string) => ({ "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } } });
const paths: Record<string, unknown> = Object.fromEntries(Object.keys(SCHEMAS).map((name) => [`/${name.toLowerCase()}`, { get: { operationId: `get${name}`, responses: ok(name) } }]));
// an operation's example showing values that break them: not taken as their samples (it was, before)
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
paths["/order"] = { get: { operationId: "getOrder", responses: { "200": { description: "ok", content: { "application/json": {
  schema: { type: "object", properties: { shipping: ref("Shipping"), notFirst: ref("NotFirst"), cents: ref("Hundredths") } },
  examples: { broken: { value: { shipping: { kind: "parcel", size: "A4" }, notFirst: "a", cents: 2.015 } } },
} } } } } };
writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "k", version: "1" }, servers: [{ url: "https://k.example.test" }], paths, components: { schemas: SCHEMAS } }));

type Validate = (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string }> };
const modules = generate({ input: spec, packageName: "k", types: { samples: true } }).then(({ files }) => {
  const src = importableSources(files);
  return Promise.all(["samples.js", "validators.js", "index.js"].map((f) => import(pathToFileURL(path.join(src, f)).href) as Promise<Record<string, unknown>>));
});

describe("samples and mock answers honour multipleOf, if/then/else and not", () => {
  let server: Listening | undefined;
  afterAll(() => server?.close());

  it("every sample passes its validator", async () => {
    const [samples, validators] = await modules;
    const failures = Object.keys(SCHEMAS).flatMap((name) => {
      const value = (samples![`sample${name}`] as () => unknown)();
      const result = (validators![`validate${name}`] as Validate)(value);
      return result.ok ? [] : [`${name} ${JSON.stringify(value)}: ${result.errors!.map((e) => `${e.path} ${e.keyword}`).join(", ")}`];
    });
    expect(failures).toEqual([]);
    const sample = (name: string) => (samples![`sample${name}`] as () => unknown)();
    expect([sample("Cents"), sample("Sevens"), sample("Half"), sample("Thirds"), sample("Hundredths")]).toEqual([1, 14, 0, 0, 2.01]);
    expect(sample("Shipping")).toEqual({ kind: "parcel", weight: 5, size: "string" });
    expect(sample("Letter")).toEqual({ kind: "letter", size: "A5" });
    expect([sample("Bounded"), sample("NotFirst"), sample("NotString"), sample("NoC"), sample("NotTrue")]).toEqual([10, "b", 1, { a: "string" }, false]);
  });

  it("the mock answers each with a value its own response validation accepts", async () => {
    const [, validators, pkg] = await modules;
    const errors: string[] = [];
    const handler = (pkg!.createHandler as (...a: unknown[]) => unknown)((pkg!.createMockHandlers as () => unknown)(), { validateResponses: true, onError: (e: unknown) => errors.push(String(e)) });
    server = await listen((pkg!.toNodeListener as (h: unknown) => never)(handler));
    for (const name of Object.keys(SCHEMAS)) {
      const res = await fetch(`${server.url}/${name.toLowerCase()}`);
      expect(res.status, name).toBe(200);
      expect((validators![`validate${name}`] as Validate)(await res.json()).ok, name).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
