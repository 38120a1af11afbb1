/**
 * The samples module (`sampleX()` per component schema): every sample of our five APIs and of every fixture
 * with validators passes its own validator; samples taken from the spec's operation examples look like the
 * API's data; each call builds a fresh value; `overrides` are typed and applied; hostile keys stay data.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as lumyri from "../../generated/lumyri/src/samples.js";
import * as hostile from "../fixtures/hostile/generated/src/samples.js";
import { stringify } from "yaml";
import { generate } from "../../generator/pipeline.js";
import { importableSources, ROOT, tempDir, typecheckConsumer } from "../helpers/project.js";

type Module = Record<string, unknown>;

/** Samples that cannot pass, because their schema admits no value at all. */
const ADMITS_NOTHING: Record<string, string[]> = {
  "test/fixtures/enums/generated/src": ["sampleVehicleKind"], // `type: object` with string enum values
};

/** Every generated package folder (ours and the fixtures') whose samples have validators beside them. */
function packages(): string[] {
  const ours = readdirSync(path.join(ROOT, "generated")).map((d) => path.join(ROOT, "generated", d, "src"));
  const fixtures = readdirSync(path.join(ROOT, "test/fixtures"))
    .map((d) => path.join(ROOT, "test/fixtures", d, "generated/src"));
  return [...ours, ...fixtures].filter((src) => existsSync(path.join(src, "samples.ts")) && existsSync(path.join(src, "validators.js")));
}

describe("samples", () => {
  it.each(packages().map((p) => [path.relative(ROOT, p), p]))("%s: every sample passes its schema's validator", async (_, src) => {
    const samples = (await import(pathToFileURL(path.join(src, "samples.ts")).href)) as Module;
    const validators = (await import(pathToFileURL(path.join(src, "validators.js")).href)) as Module;
    const names = Object.keys(samples).filter((n) => n.startsWith("sample") && !ADMITS_NOTHING[path.relative(ROOT, src)]?.includes(n));
    expect(names.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const name of names) {
      const validate = validators[`validate${name.slice("sample".length)}`] as (v: unknown) => { ok: boolean; errors?: Array<{ path: string; message: string }> };
      expect(validate, name).toBeTypeOf("function");
      const result = validate((samples[name] as () => unknown)());
      if (!result.ok) failures.push(`${name}: ${result.errors!.map((e) => `${e.path} ${e.message}`).join("; ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("only where asked for: a package without `types: { samples: true }` has no samples module or export", () => {
    const parameters = path.join(ROOT, "test/fixtures/parameters/generated");
    expect(existsSync(path.join(parameters, "src/samples.ts"))).toBe(false);
    expect(readFileSync(path.join(parameters, "src/index.ts"), "utf8")).not.toContain("samples");
    const withSamples = JSON.parse(readFileSync(path.join(ROOT, "generated/lumyri/package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(Object.keys(withSamples.exports)).toContain("./samples");
    expect(readFileSync(path.join(ROOT, "generated/lumyri/src/index.ts"), "utf8")).toContain('export * from "./samples.js";');
  });

  it("a schema without examples of its own takes the value an operation's example shows at its place", () => {
    // Lumyri's Customer has no example; the listCustomers 200 example holds customers
    const c = lumyri.sampleCustomer();
    expect(c.first_name).not.toBe("string");
    expect(c.email).toMatch(/@/);
  });

  it("each call builds a fresh value; overrides replace top-level properties", () => {
    const a = lumyri.sampleCustomer();
    a.address![0]!.category = "Office";
    expect(lumyri.sampleCustomer().address![0]!.category).not.toBe("Office");
    const b = lumyri.sampleCustomer({ first_name: "Ada" });
    expect(b.first_name).toBe("Ada");
    expect(b.id).toBe(a.id);
    // @ts-expect-error: an override has its property's type
    lumyri.sampleCustomer({ first_name: 1 });
  });

  it("a sample over 4 KiB gives way to a smaller one only if that one still fits (an allOf part's override kept)", async () => {
    const spec = {
      openapi: "3.1.0",
      info: { title: "Big", version: "1" },
      paths: {},
      components: {
        schemas: {
          Base: { type: "object", required: ["country"], properties: { country: { type: "string", examples: ["IRL"] }, notes: { type: "string", examples: ["n".repeat(5000)] } } },
          // the second part narrows country; made with fewer optional properties it would be lost
          Uk: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { country: { enum: ["GBR"] } } }] },
        },
      },
    };
    const input = path.join(tempDir("specforge-samples-"), "openapi.yaml");
    writeFileSync(input, stringify(spec));
    const { files } = await generate({ input, targets: ["types", "validators"], types: { samples: true } });
    const src = importableSources(files);
    const samples = (await import(pathToFileURL(path.join(src, "samples.js")).href)) as { sampleUk: () => { country: string } };
    const validators = (await import(pathToFileURL(path.join(src, "validators.js")).href)) as { validateUk: (v: unknown) => { ok: boolean } };
    expect(samples.sampleUk().country).toBe("GBR");
    expect(validators.validateUk(samples.sampleUk()).ok).toBe(true);
  });

  it("an operation example with duplicate items is no sample of a uniqueItems schema; a schema's own example over 4 KiB gives way", async () => {
    // Before: U's sample was ["a", "a"] (its validator refused it), Big's the whole 125 KB example
    const spec = path.join(tempDir(), "openapi.json");
    const big = Array.from({ length: 3000 }, (_, i) => ({ id: i, name: "n".repeat(20) }));
    writeFileSync(spec, JSON.stringify({
      openapi: "3.1.0",
      info: { title: "s", version: "1" },
      paths: { "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": {
        schema: { type: "object", properties: { u: { $ref: "#/components/schemas/U" } } },
        examples: { one: { value: { u: ["a", "a"] } } },
      } } } } } } },
      components: { schemas: {
        U: { type: "array", items: { type: "string" }, uniqueItems: true },
        Item: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } },
        Big: { type: "array", items: { $ref: "#/components/schemas/Item" }, examples: [big] },
      } },
    }));
    const { files } = await generate({ input: spec, packageName: "s", types: { samples: true } });
    const src = importableSources(files);
    const samples = (await import(pathToFileURL(path.join(src, "samples.js")).href)) as Record<string, () => unknown>;
    const validators = (await import(pathToFileURL(path.join(src, "validators.js")).href)) as Record<string, (v: unknown) => { ok: boolean }>;
    expect(samples.sampleU!()).not.toEqual(["a", "a"]);
    expect(validators.validateU!(samples.sampleU!()).ok).toBe(true);
    expect(JSON.stringify(samples.sampleBig!()).length).toBeLessThanOrEqual(4096);
    expect(validators.validateBig!(samples.sampleBig!()).ok).toBe(true);
  });

  it("a nullable object schema (GitHub's `nullable-license-simple`): its sample's overrides type-check, as its object's properties", async () => {
    const dir = tempDir();
    const spec = path.join(dir, "openapi.json");
    const License = { type: ["object", "null"], required: ["key"], properties: { key: { type: "string" }, url: { type: ["string", "null"] } } };
    writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "n", version: "1" }, paths: {}, components: { schemas: { License } } }));
    for (const types of [{ samples: true }, { samples: true, dates: "Date" as const }]) {
      const { files } = await generate({ input: spec, packageName: "n", types });
      const consumer = ['import { sampleLicense } from "./samples.js";', 'export const a = sampleLicense({ key: "mit" });', "// @ts-expect-error: an override has its property's type", "sampleLicense({ key: 1 });"];
      expect(typecheckConsumer(path.join(dir, `pkg-${types.dates ?? "string"}`), files, consumer)).toEqual({ status: 0, output: "" });
    }
  }, 60_000);

  it("hostile keys in the spec's data are own properties of the sample, never a prototype", () => {
    const names = Object.keys(hostile).filter((n) => n.startsWith("sample"));
    let seen = 0;
    for (const name of names) {
      const value = (hostile as Module)[name] as (o?: object) => unknown;
      const v = value();
      if (v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, "__proto__")) {
        seen++;
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        // overrides spread over it keep it an own property too
        const merged = value({ extra: 1 }) as object;
        expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
        expect(Object.prototype.hasOwnProperty.call(merged, "__proto__")).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
