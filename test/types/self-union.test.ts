/**
 * A component that is a union with itself (`Loop: { oneOf: [{ $ref: Loop }, { type: "null" }] }`): before,
 * openapi-typescript's `Loop: components["schemas"]["Loop"] | null` failed to type-check (TS2502) and every
 * validator answered `maxDepth` for every value (it called itself on the same value). Normalize drops the
 * self branch (it can never make a value valid: self-union.ts says why), so `Loop` is null alone, and the
 * types, validators, samples and lint say the same.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { lintFile } from "../../generator/lint/run.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

it("a union with itself type-checks, and its types, validators and samples agree on null and other values", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  const schemas = {
    Loop: { oneOf: [ref("Loop"), { type: "null" }] },
    LoopAny: { anyOf: [ref("LoopAny"), { type: "null" }] },
    LoopText: { oneOf: [ref("LoopText"), { type: ["string", "null"] }] },
    // nothing else: no value
    LoopOnly: { type: ["object", "null"], anyOf: [ref("LoopOnly")] },
    Holder: { type: "object", properties: { loop: ref("Loop"), text: ref("LoopText") } },
  };
  const paths: Record<string, unknown> = {};
  for (const name of Object.keys(schemas)) {
    paths[`/${name.toLowerCase()}`] = { get: { operationId: `get${name}`, responses: { "200": { description: "ok", content: { "application/json": { schema: ref(name) } } } } } };
  }
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths, components: { schemas } }, null, 2));
  const { files, warnings } = await generate({ input: spec, packageName: "self-union", targets: ["types", "validators", "client"], types: { samples: true } });
  expect(warnings.map((w) => `${w.code} ${w.location?.pointer}`)).toEqual(["Loop", "LoopAny", "LoopText", "LoopOnly"].map((n) => `normalize/self-union /components/schemas/${n}`));

  const consumer = [
    'import type { Loop, LoopAny, LoopText, Holder } from "./types.js";',
    "export const loop: Loop = null;",
    "export const loopAny: LoopAny = null;",
    'export const texts: LoopText[] = ["a", null];',
    'export const holder: Holder = { loop: null, text: "a" };',
    "// @ts-expect-error Loop is null alone",
    "export const notLoop: Loop = 1;",
    "// @ts-expect-error LoopAny is null alone",
    "export const notLoopAny: LoopAny = {};",
    "// @ts-expect-error LoopText is a string or null",
    "export const notText: LoopText = 1;",
  ];
  expect(typecheckConsumer(path.join(dir, "pkg"), files, consumer)).toEqual({ status: 0, output: "" });

  const src = importableSources(files);
  type Validate = (v: unknown) => { ok: boolean; errors?: Array<{ keyword: string }> };
  const v = (await import(pathToFileURL(path.join(src, "validators.js")).href)) as Record<string, Validate>;
  const accepted = (name: string) => [null, 1, "a", {}, []].filter((x) => v[`validate${name}`]!(x).ok);
  expect(accepted("Loop")).toEqual([null]);
  expect(accepted("LoopAny")).toEqual([null]);
  expect(accepted("LoopText")).toEqual([null, "a"]);
  expect(accepted("LoopOnly")).toEqual([]);
  // no maxDepth: the validator no longer calls itself
  expect(v.validateLoop!(1).errors!.map((e) => e.keyword)).not.toContain("maxDepth");

  const s = (await import(pathToFileURL(path.join(src, "samples.js")).href)) as Record<string, () => unknown>;
  for (const name of ["Loop", "LoopAny", "LoopText", "Holder"]) expect(v[`validate${name}`]!(s[`sample${name}`]!()).ok, name).toBe(true);

  const findings = await lintFile(spec);
  expect(findings.filter((f) => f.ruleId === "self-union").map((f) => f.pointer)).toEqual(["Loop", "LoopAny", "LoopText", "LoopOnly"].map((n) => `/components/schemas/${n}`));
}, 90_000);
