/**
 * `types: { enums: "values" }` (fixture enums-values): every component that is an enum of scalars gets a
 * `XValues` constant with the spec's values in order, typed against its union (the golden type-checks).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as withValues from "../fixtures/enums-values/generated/src/types.js";
import * as withObjects from "../fixtures/enums-object/generated/src/types.js";
import { enumMemberNames } from "../../generator/names/enum-members.js";
import { ROOT, tempDir } from "../helpers/project.js";
import { generate } from "../../generator/pipeline.js";

describe("enum values constants", () => {
  it("hold every scalar enum's values in the spec's order, and nothing else is a value", () => {
    const spec = parse(readFileSync(path.join(ROOT, "test/fixtures/enums/openapi.yaml"), "utf8")) as { components: { schemas: Record<string, { enum?: unknown[]; type?: unknown }> } };
    // scalar enums, but not one whose values cannot be of its type (VehicleKind: an object enum of strings)
    const expected = Object.entries(spec.components.schemas).filter(([, s]) => Array.isArray(s.enum) && s.enum.every((v) => v === null || typeof v !== "object") && s.type !== "object");
    expect(expected.length).toBeGreaterThan(3);
    const exported = withValues as Record<string, unknown>;
    for (const [key, schema] of expected) {
      const found = Object.entries(exported).filter(([, v]) => JSON.stringify(v) === JSON.stringify(schema.enum));
      expect(found.length, key).toBeGreaterThanOrEqual(1);
    }
    expect(Object.keys(exported).every((name) => name.endsWith("Values"))).toBe(true);
    expect(exported).not.toHaveProperty("VehicleKindValues");
  });

  it("are off by default: the types target emits no values", () => {
    const plain = readFileSync(path.join(ROOT, "test/fixtures/enums/generated/src/types.ts"), "utf8");
    expect(plain).not.toMatch(/^export const /m);
  });
});

describe("enum constant objects (types: { enums: object }, fixture enums-object)", () => {
  const spec = parse(readFileSync(path.join(ROOT, "test/fixtures/enums/openapi.yaml"), "utf8")) as { components: { schemas: Record<string, { enum?: unknown[]; type?: unknown }> } };

  it("are named as their types and hold the spec's values in order, by member", () => {
    const exported = withObjects as Record<string, Record<string, unknown>>;
    expect(Object.keys(exported).sort()).toEqual(["Kind", "Letter", "Level", "Priority", "Status"]);
    for (const name of Object.keys(exported)) expect(Object.values(exported[name]!), name).toEqual(spec.components.schemas[name]!.enum);
    expect(withObjects.Kind.InProgress).toBe("in progress");
    expect(withObjects.Kind.CamelCase2).toBe("camelCase");
    expect(withObjects.Status.NotFound2).toBe("Not Found");
    // x-enum-varnames names the members
    expect(withObjects.Priority).toEqual({ Lowest: -1, Normal: 0, High: 1, Critical: 100 });
    expect(withObjects.Level).toEqual({ Low: "low", High: "high", _1: 1, _2_5: 2.5, True: true, Null: null });
  });

  it.each([
    [["a", "A", "in progress", "UPPER_SNAKE", "", "3d", "#"], undefined, ["A", "A2", "InProgress", "UpperSnake", "Empty", "_3d", "Value"]],
    [[-1, 0, 1e21, 2.5, null, false], undefined, ["Minus1", "_0", "_1e_21", "_2_5", "Null", "False"]],
    // x-enum-varnames as written, made identifiers; one that cannot name every value is ignored
    [["a", "b"], ["first one", "__proto__"], ["firstone", "__proto__2"]],
    [["a", "b"], ["Only"], ["A", "B"]],
  ])("%j named %j: %j", (values, varnames, want) => {
    expect(enumMemberNames(varnames ? { "x-enum-varnames": varnames } : {}, values as Array<string | number | boolean | null>)).toEqual(want);
  });
});

describe("enum values constants with dates as Date", () => {
  it("are not made for a date-time enum, which is typed Date (its strings are not Dates)", async () => {
    const spec = path.join(tempDir(), "spec.yaml");
    writeFileSync(spec, "openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    When: { type: string, format: date-time, enum: ['2020-01-01T00:00:00Z'] }\n    Kind: { type: string, enum: [a, b] }\n");
    const typesFile = async (dates: "string" | "Date") =>
      (await generate({ input: spec, targets: ["types"], types: { enums: "values", dates } })).files.find((f) => f.path === "src/types.ts")!.contents;
    const asDate = await typesFile("Date");
    expect(asDate).not.toMatch(/WhenValues/);
    expect(asDate).toMatch(/export const KindValues = /);
    expect(await typesFile("string")).toMatch(/export const WhenValues = /);
  });
});
