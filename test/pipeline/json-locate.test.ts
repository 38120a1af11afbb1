/**
 * The JSON locator (load stage) agrees with the YAML parser's positions for the same text (JSON is YAML),
 * in any order of lookups, missing pointers included.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { jsonLocator } from "../../generator/load/json-locate.js";
import { parseSourceText } from "../../generator/load/source-file.js";
import { escapeSegment } from "../../generator/openapi/pointer.js";
import { ROOT } from "../helpers/project.js";

function pointers(value: unknown, at = "", out: string[] = []): string[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pointers(v, `${at}/${i}`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pointers(v, `${at}/${escapeSegment(k)}`, out);
  return out;
}

describe("jsonLocator", () => {
  it("finds every pointer of a real JSON spec where the YAML parser does, in shuffled order", () => {
    const json = path.join(ROOT, "node_modules/@readme/oas-examples/3.1/json/petstore.json");
    const file = parseSourceText("/petstore.yaml", "petstore.yaml", readFileSync(json, "utf8"));
    const all = pointers(file.value);
    const shuffled = all.map((p, i) => ({ p, k: (i * 7919) % all.length })).sort((a, b) => a.k - b.k).map((x) => x.p);
    const locate = jsonLocator(file.text);
    for (const p of [...shuffled, "/paths/~1nope", "/info/title/deeper"]) expect(locate(p), p).toEqual(file.locate(p));
    expect(all.length).toBeGreaterThan(500);
  });

  it("handles escapes, odd keys and nested arrays", () => {
    const text = '{"a\\"b": [1, {"~/x": [[], {"c": "}]\\\\"}]}],\n  "": {"d": null},\n"e":true}';
    const file = parseSourceText("/x.yaml", "x.yaml", text);
    const locate = jsonLocator(text);
    for (const p of pointers(file.value).reverse()) expect(locate(p), p).toEqual(file.locate(p));
  });
});
