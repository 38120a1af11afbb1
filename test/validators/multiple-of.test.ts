/**
 * `multipleOf` as decimals: the generated validators accept 0.3 as a multiple of 0.1 (ajv's own test,
 * `0.3 / 0.1 === parseInt(0.3 / 0.1)`, refused it: 2.9999999999999996), refuse what is no multiple and an
 * overflowing quotient; lint's example check, the samples and the package runtime use the same test.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { isMultipleOf } from "../../generator/openapi/multiple-of.js";
import { multipleOf as runtimeMultipleOf } from "../../templates/validators/runtime.js";
import { lintFile } from "../../generator/lint/run.js";
import { importableSources, tempDir } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string }> }>;

const SPEC = `openapi: 3.1.0
info: { title: multiples, version: "1" }
paths: {}
components:
  schemas:
    Tenth: { type: number, multipleOf: 0.1, example: 0.3 }
    TenThousandth: { type: number, multipleOf: 0.0001 }
    Odd: { type: number, multipleOf: 0.123456789 }
    Three: { type: integer, multipleOf: 3 }
    Cents: { type: number, multipleOf: 0.01, minimum: 0.005 }
    Nano: { type: number, multipleOf: 5.77e-9 }
    Denormal: { type: number, multipleOf: 1e-320 }
`;

const CASES: Array<[string, number, boolean]> = [
  ["Tenth", 0.3, true], ["Tenth", 0.7, true], ["Tenth", -0.3, true], ["Tenth", 1e-1, true], ["Tenth", 0.33, false],
  ["Tenth", 0.1 + 0.2, false], // 0.30000000000000004: no decimal multiple
  ["TenThousandth", 0.0075, true], ["TenThousandth", 0.00751, false], ["TenThousandth", 1.5e-3, true], ["TenThousandth", 3e-5, false],
  ["Odd", 1e308, false], ["Odd", 0.246913578, true],
  ["Three", 9, true], ["Three", 10, false], ["Three", 2 ** 60, false], ["Three", 3 * 2 ** 50, true],
  ["Cents", 19.99, true], ["Cents", 1.005, false], ["Cents", 1.01, true],
  // Past 2^53 every quotient is a whole number: these were taken as multiples, and 1 / 1e-320 overflowed.
  ["Nano", 72304557, false], ["Nano", 577, true], ["Odd", 1e21, false], ["Tenth", 1e21, true], ["Denormal", 1, true], ["Denormal", 1.5e-320, false],
];

describe("multipleOf", () => {
  it("the generated validators test it as decimals", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.yaml"), SPEC);
    const { files } = await generate({ input: path.join(dir, "openapi.yaml"), targets: ["validators"] });
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as V;
    for (const [name, value, ok] of CASES) expect(v[`validate${name}`]!(value).ok, `${name} ${value}`).toBe(ok);
    expect(v.validateTenth!(0.33).errors).toEqual([expect.objectContaining({ keyword: "multipleOf", path: "" })]);
  });

  it("the package runtime and the generator answer alike (samples and lint use the generator's)", () => {
    const steps = [0.1, 0.01, 0.0001, 0.5, 0.123456789, 1e-8, 2.5, 3, 7, 1e-10];
    for (const step of steps) {
      for (let k = -40; k <= 40; k++) {
        for (const value of [k * step, k * step + step / 3, k / 7, k * 1e-9, 2 ** k]) {
          expect(runtimeMultipleOf(value, step), `${value} ${step}`).toBe(isMultipleOf(value, step));
        }
      }
    }
    for (const [, value, ok] of CASES.filter(([n]) => n === "Tenth")) expect(isMultipleOf(value, 0.1)).toBe(ok);
  });

  it("answers as exact decimal arithmetic on the numbers as written, also far from the safe integers", () => {
    const decimal = (x: number): [bigint, number] => {
      const [mantissa, exp = "0"] = String(x).split("e");
      const [whole, frac = ""] = mantissa!.split(".");
      return [BigInt(whole! + frac), Number(exp) - frac.length];
    };
    const exact = (value: number, step: number) => {
      const [[m, p], [n, q]] = [decimal(value), decimal(step)];
      const e = Math.min(p, q);
      return (m * 10n ** BigInt(p - e)) % (n * 10n ** BigInt(q - e)) === 0n;
    };
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 20_000; i++) {
      const places = rand(12);
      const step = Number(`${rand(999) + 1}e-${places}`);
      const multiple = Number(`${BigInt(Math.round(step * 10 ** places)) * BigInt(rand(1_000_000) - 500_000)}e-${places}`);
      for (const value of [multiple, Number(`${rand(1_000_000_000)}e-${rand(14)}`)]) {
        expect(isMultipleOf(value, step), `${value} ${step}`).toBe(exact(value, step));
        expect(runtimeMultipleOf(value, step), `${value} ${step}`).toBe(exact(value, step));
      }
    }
  });

  it("lint's example check accepts an example that is a decimal multiple", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.yaml"), SPEC);
    const findings = await lintFile(path.join(dir, "openapi.yaml"));
    expect(findings.filter((f) => f.ruleId === "example-valid")).toEqual([]);
  });
});
