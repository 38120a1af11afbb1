/**
 * generator/openapi/kinds.ts `childrenOf(schema, "Schema")` reads a schema's own keys instead of asking for
 * each of the 21 subschema keywords; the order it lists children in (maps, then single schemas, then lists,
 * each in the keywords' fixed order) is what every typed walk meets first, which is output (the first
 * union's tags). A differential test against the lookup-per-keyword version it replaced.
 */
import { describe, expect, it } from "vitest";
import { random } from "../helpers/random.js";
import { childrenOf, type JsonObject } from "../../generator/openapi/kinds.js";

const MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const ONE = ["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else", "contentSchema"];
const LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const OTHER = ["type", "required", "enum", "const", "description", "x-extra", "default", "examples"];

/** The version replaced: one lookup per keyword, in the keywords' order. */
function byLookups(node: JsonObject): Array<{ segments: string[]; value: unknown }> {
  const out: Array<{ segments: string[]; value: unknown }> = [];
  for (const k of MAPS) {
    const map = node[k];
    if (typeof map === "object" && map !== null && !Array.isArray(map)) for (const name of Object.keys(map)) out.push({ segments: [k, name], value: (map as JsonObject)[name] });
  }
  for (const k of ONE) {
    const v = node[k];
    if ((typeof v === "object" && v !== null && !Array.isArray(v)) || typeof v === "boolean") out.push({ segments: [k], value: v });
  }
  for (const k of LISTS) {
    const list = node[k];
    if (Array.isArray(list)) list.forEach((value, i) => out.push({ segments: [k, String(i)], value }));
  }
  return out;
}


/** A value a keyword may hold in a spec, well-formed or not (a list where a schema belongs, a string, ...). */
function anyValue(next: () => number): unknown {
  const pick = Math.floor(next() * 6);
  return [{ type: "string" }, true, false, [{ type: "integer" }, false], "text", { a: { type: "number" }, b: true }][pick];
}

describe("childrenOf a schema", () => {
  it("lists the same children in the same order as one lookup per keyword, whatever the keys' order", () => {
    const next = random(42);
    for (let round = 0; round < 500; round++) {
      const keys = [...MAPS, ...ONE, ...LISTS, ...OTHER].filter(() => next() < 0.3);
      // shuffled: the written order of a schema's keys is not the order of its children
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [keys[i], keys[j]] = [keys[j]!, keys[i]!];
      }
      const node: JsonObject = {};
      for (const k of keys) node[k] = anyValue(next);
      const got = childrenOf(node, "Schema").map(({ segments, value }) => ({ segments, value }));
      expect(got).toEqual(byLookups(node));
    }
  });

  it("puts maps first, then single schemas, then lists", () => {
    const node: JsonObject = { oneOf: [{}], not: {}, properties: { a: {} }, items: true };
    expect(childrenOf(node, "Schema").map((c) => c.segments.join("/"))).toEqual(["properties/a", "items", "not", "oneOf/0"]);
  });
});
