/**
 * Prism's dynamic mode in `specforge mock`: `--dynamic` (or `Prefer: dynamic=true`) answers with a value
 * made anew from the response's schema on each request, valid against it (checked, else the static answer);
 * and the values random-value.ts makes for every JSON response of our five APIs and the fixtures, checked by
 * the generated validators.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { responseValidators } from "../../generated/lumyri/src/validators.js";
import { formats } from "../../generated/lumyri/src/formats.js";
import { generate } from "../../generator/pipeline.js";
import { preferredMedia } from "../../generator/ir/media.js";
import { randomValue, seededRandom } from "../../generator/openapi/random-value.js";
import { wantsDynamic } from "../../generator/mock/dynamic.js";
import { exited, startServingCli } from "../helpers/serving-cli.js";
import { importableSources, ROOT, runCli } from "../helpers/project.js";

const HEADERS = { authorization: "Bearer t", "x-app-id": "a" };
const LIST = "/users/customers?limit=2";

/** The battery below is the same on every run. */
const seeded = seededRandom;

describe("specforge mock --dynamic", () => {
  it("answers each request with new data valid against the response schema; dynamic=false and a named example get the spec's example", async () => {
    const { child, url, lines } = await startServingCli("mock", ["specs/lumyri.yaml", "--port", "0", "--dynamic"]);
    try {
      expect(lines[0]).toMatch(/\(5 operations, dynamic answers\) listening on/);
      const bodies: unknown[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await fetch(url + LIST, { headers: HEADERS });
        expect(r.status).toBe(200);
        bodies.push(await r.json());
      }
      for (const body of bodies) expect(responseValidators.listCustomers["200"](body)).toMatchObject({ ok: true });
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBeGreaterThan(1);

      const spec = JSON.parse(readFileSync(path.join(ROOT, "generated/lumyri/openapi.json"), "utf8"));
      const example = spec.paths["/users/customers"].get.responses["200"].content["application/json"].examples;
      const first = Object.values(example)[0] as { value: unknown };
      const fixed = await fetch(url + LIST, { headers: { ...HEADERS, prefer: "dynamic=false" } });
      expect(await fixed.json()).toEqual(first.value);
      const named = Object.keys(example)[0]!;
      expect(await (await fetch(`${url}${LIST}&__example=${named}`, { headers: HEADERS })).json()).toEqual(first.value);

      // a documented error status, made up too: Lumyri's 401 body
      const denied = await fetch(url + LIST, { headers: { ...HEADERS, prefer: "code=401" } });
      expect(denied.status).toBe(401);
      expect(responseValidators.listCustomers["401"](await denied.json())).toMatchObject({ ok: true });
    } finally {
      const gone = exited(child);
      child.kill("SIGTERM");
      expect(await gone).toBe(0);
    }
  });

  it("without --dynamic, Prefer: dynamic=true asks one request for made-up data", async () => {
    const { child, url } = await startServingCli("mock", ["specs/lumyri.yaml", "--port", "0"]);
    try {
      const a = await (await fetch(url + LIST, { headers: HEADERS })).json();
      const b = await (await fetch(url + LIST, { headers: HEADERS })).json();
      expect(b).toEqual(a);
      const made = await Promise.all([1, 2, 3].map(async () => (await fetch(`${url}${LIST}&__dynamic=true`, { headers: HEADERS })).json()));
      expect(made.some((m) => JSON.stringify(m) !== JSON.stringify(a))).toBe(true);
      for (const m of made) expect(responseValidators.listCustomers["200"](m)).toMatchObject({ ok: true });
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--seed N gives the same answers in the same order on every start; a seed that is no whole number is a usage error", async () => {
    const firstAnswers = async (seed: string) => {
      const { child, url } = await startServingCli("mock", ["specs/lumyri.yaml", "--port", "0", "--dynamic", "--seed", seed]);
      try {
        const out: string[] = [];
        for (let i = 0; i < 3; i++) out.push(await (await fetch(url + LIST, { headers: HEADERS })).text());
        return out;
      } finally {
        child.kill("SIGKILL");
      }
    };
    const a = await firstAnswers("42");
    expect(await firstAnswers("42")).toEqual(a);
    expect(await firstAnswers("43")).not.toEqual(a);
    const r = runCli(["mock", "specs/lumyri.yaml", "--dynamic", "--seed", "4.5"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--seed 4.5 is not a whole number");
  });

  it("reads the preference from Prefer or the query, the query winning; a named example is never replaced", () => {
    const req = (prefer: string | undefined, query = "") => ({ url: `/p${query}`, header: (n: string) => (n === "prefer" ? prefer : undefined) });
    expect(wantsDynamic(req(undefined), false)).toBe(false);
    expect(wantsDynamic(req(undefined), true)).toBe(true);
    expect(wantsDynamic(req("code=404, dynamic=true"), false)).toBe(true);
    expect(wantsDynamic(req('dynamic="false"'), true)).toBe(false);
    expect(wantsDynamic(req("dynamic=true", "?__dynamic=false"), false)).toBe(false);
    expect(wantsDynamic(req("example=one", "?__dynamic=true"), true)).toBe(false);
    expect(wantsDynamic(req(undefined, "?__example=one"), true)).toBe(false);
  });
});

describe("randomValue", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: {
      schemas: {
        Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } } },
        Cat: { type: "object", required: ["kind", "lives"], properties: { kind: { type: "string" }, lives: { type: "integer", minimum: 1, maximum: 9 } } },
        Dog: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, secret: { type: "string", writeOnly: true } } },
        Node: { type: "object", required: ["children"], properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } },
      },
    },
  };
  const many = (schema: unknown, n = 200) => Array.from({ length: n }, (_, i) => randomValue(doc, schema, seeded(i + 1)));

  it("keeps to types, bounds, lengths, formats and enums, and varies", () => {
    const ints = many({ type: "number", format: "int32", minimum: -5, maximum: 5 }) as number[];
    expect(ints.every((n) => Number.isInteger(n) && n >= -5 && n <= 5)).toBe(true);
    expect(new Set(ints).size).toBeGreaterThan(5);
    const multiples = many({ type: "number", multipleOf: 0.25, exclusiveMinimum: 0, maximum: 2 }) as number[];
    expect(multiples.every((n) => n > 0 && n <= 2 && Number.isInteger(n * 4))).toBe(true);
    const words = many({ type: "string", minLength: 3, maxLength: 6 }) as string[];
    expect(words.every((w) => w.length >= 3 && w.length <= 6)).toBe(true);
    expect((many({ type: "string", format: "date-time" }) as string[]).every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(d) && !Number.isNaN(Date.parse(d)))).toBe(true);
    expect((many({ type: "string", format: "uuid" }) as string[]).every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))).toBe(true);
    // every format the validators check (GitHub's meta root has uri-template URLs)
    for (const format of Object.keys(formats)) expect((many({ type: "string", format }, 20) as string[]).filter((v) => !formats[format]!(v)), format).toEqual([]);
    expect(new Set(many({ enum: ["a", "b", "c"] })).size).toBe(3);
    const lists = many({ type: "array", items: { type: "integer", minimum: 0, maximum: 3 }, minItems: 2, maxItems: 4, uniqueItems: true }) as number[][];
    expect(lists.every((l) => l.length >= 2 && l.length <= 4 && new Set(l).size === l.length)).toBe(true);
  });

  it("tags a discriminated branch with its mapping's name, leaves writeOnly properties out, stops a required recursion", () => {
    const pets = many({ $ref: "#/components/schemas/Pet" }) as Array<Record<string, unknown>>;
    expect(new Set(pets.map((p) => p.kind))).toEqual(new Set(["cat", "Dog"]));
    expect(pets.filter((p) => p.kind === "cat").every((p) => typeof p.lives === "number")).toBe(true);
    expect(pets.some((p) => "secret" in p)).toBe(false);
    const trees = many({ $ref: "#/components/schemas/Node" }, 20);
    // each value is finite JSON (the budget and depth end it) and holds its required property
    for (const t of trees) expect(t === undefined || Array.isArray((t as { children: unknown }).children)).toBe(true);
  });

  it("makes nothing where `false` (normalized to `not: {}`) admits nothing: a closed empty object, a tuple's rest, a property", () => {
    // GitHub's `empty-object`: `additionalProperties: false` reaches us as `{ not: {} }`
    expect(new Set(many({ type: "object", properties: {}, additionalProperties: { not: {} } }).map((v) => JSON.stringify(v)))).toEqual(new Set(["{}"]));
    const tuples = many({ type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: { not: {} }, minItems: 2 }) as unknown[][];
    expect(tuples.every((t) => t.length === 2 && typeof t[0] === "string" && Number.isInteger(t[1]))).toBe(true);
    expect(many({ type: "object", properties: { gone: { not: {} }, kept: { type: "integer" } } }).some((v) => "gone" in (v as object))).toBe(false);
    expect(many({ allOf: [{ type: "object" }, { not: {} }] }).every((v) => v === undefined)).toBe(true);
  });
});

/** The specs whose every JSON response random-value.ts is asked to make, and the responses that cannot be made. */
const SPECS = [
  "specs/okra.yaml", "specs/bankingservice.yaml", "specs/customer-v3.yaml", "specs/lumyri.yaml", "specs/onefi.yaml",
  "test/fixtures/composition/openapi.yaml", "test/fixtures/recursive/openapi.yaml", "test/fixtures/additional-properties/openapi.yaml",
  "test/fixtures/enums/openapi.yaml", "test/fixtures/formats/openapi.yaml", "test/fixtures/nullable-30/openapi.yaml",
  "test/fixtures/webhooks-31/openapi.yaml", "test/fixtures/openapi-30-misc/openapi.yaml", "test/fixtures/swagger-2/swagger.yaml",
  "test/fixtures/dates-as-date/openapi.yaml", "test/fixtures/media-types/openapi.yaml",
];

describe("random values for every JSON response", () => {
  it.each(SPECS)("%s: each response's schema gets a valid random value within the mock's 8 tries, and values vary", async (spec) => {
    const result = await generate({ input: path.join(ROOT, spec), targets: ["server"], packageName: "dynamic-check" });
    const dir = importableSources(result.files);
    const validators = (await import(pathToFileURL(path.join(dir, "validators.js")).href)) as {
      responseValidators: Record<string, Record<string, ((v: unknown) => { ok: boolean; errors?: Array<{ path: string; message: string }> }) | undefined>>;
    };
    const random = seeded(spec.length);
    const failed: string[] = [];
    let responses = 0;
    let varied = 0;
    for (const op of result.ir.operations) {
      for (const response of op.responses) {
        const media = preferredMedia(response.content);
        const validate = validators.responseValidators[op.names.method]?.[response.status];
        if (!media || !/[/+]json\b/i.test(media.mediaType) || !validate) continue;
        responses++;
        const made: unknown[] = [];
        let ok = false;
        let last = "";
        for (let i = 0; i < 8 && !ok; i++) {
          const value = randomValue(result.ir.document, media.schema ?? true, random);
          made.push(value);
          const check = validate(value);
          ok = check.ok;
          if (!ok) last = check.errors!.map((e) => `${e.path} ${e.message}`).join("; ");
        }
        if (!ok) failed.push(`${op.names.method} ${response.status}: ${last}`);
        const again = randomValue(result.ir.document, media.schema ?? true, random);
        if (JSON.stringify(again) !== JSON.stringify(made[0])) varied++;
      }
    }
    expect(responses).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    expect(varied).toBeGreaterThan(0);
  });
});
