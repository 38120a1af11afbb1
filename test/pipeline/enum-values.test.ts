/**
 * `types: { enums: "values" }` (fixture enums-values): every component that is an enum of scalars gets a
 * `XValues` constant with the spec's values in order, typed against its union (the golden type-checks).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as withValues from "../fixtures/enums-values/generated/src/types.js";
import { ROOT } from "../helpers/project.js";

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
