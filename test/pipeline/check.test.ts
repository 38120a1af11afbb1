/** The check stage's pattern rules, given/want. */
import { describe, expect, it } from "vitest";
import { checkPatterns } from "../../generator/check/patterns.js";
import { SourceMap } from "../../generator/bundle/source-map.js";
import { parseSourceText } from "../../generator/load/source-file.js";

function findings(pattern: string): string[] {
  const doc = { openapi: "3.1.0", info: {}, paths: {}, components: { schemas: { S: { type: "string", pattern } } } };
  const file = parseSourceText("/x/spec.json", "spec.json", JSON.stringify(doc, null, 2));
  return checkPatterns(doc, new SourceMap(file)).map((d) => `${d.severity} ${d.code} ${d.location?.line}:${d.location?.column}`);
}

describe("patterns", () => {
  it.each([
    ["^(a+)+$", ["warning check/catastrophic-pattern 9:9"]],
    ["^(\\w*)*x$", ["warning check/catastrophic-pattern 9:9"]],
    ["^([a-z]{1,}\\.)+com$", ["warning check/catastrophic-pattern 9:9"]],
    // nested at any depth, through non-capturing groups too
    ["^((a+))+$", ["warning check/catastrophic-pattern 9:9"]],
    ["^(?:(?:[a-z]+)-?)+$", ["warning check/catastrophic-pattern 9:9"]],
    // a repeated alternation is not nested repetition (lint's guard times it all the same)
    ["^(a|b)+$", []],
    ["^(ab){3}$", []],
    ["^[a-z+*]+$", []],
    ["^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==)?$", []],
    ["^\\d{3}-\\d{4}$", []],
    // generation goes on, the validators leave it unchecked (test/validators/foreign-patterns.test.ts)
    ["^(unclosed", ["warning check/invalid-pattern 9:9"]],
  ])("%s", (pattern, want) => expect(findings(pattern)).toEqual(want));

  it("a patternProperties key that does not compile is an error: it decides which properties additionalProperties checks", () => {
    const doc = { openapi: "3.1.0", info: {}, paths: {}, components: { schemas: { S: { type: "object", patternProperties: { "^(x": {} }, additionalProperties: false } } } };
    const file = parseSourceText("/x/spec.json", "spec.json", JSON.stringify(doc, null, 2));
    expect(checkPatterns(doc, new SourceMap(file)).map((d) => `${d.severity} ${d.code}`)).toEqual(["error check/invalid-pattern"]);
  });

});
