/**
 * JSON text of the user's (load/json-text.ts): a key written twice in one object, which JSON.parse keeps the
 * last of in silence, is an error at the second key's line:col with the object's pointer; the cheap count
 * that lets a file without one through agrees with the full scan.
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { duplicateKeys, hasDuplicateKeys, keysParsed, membersWritten } from "../../generator/load/json-duplicates.js";
import { parseJson, parseJsonIfValid } from "../../generator/load/json-text.js";
import { ROOT } from "../helpers/project.js";

/** Each problem as `line:col pointer key`, or the value when there is none. */
function read(text: string): string[] | unknown {
  try {
    return parseJson(text, "f.json");
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    return e.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code} #${d.location?.pointer ?? "-"} ${d.message}`);
  }
}

const twice = (key: string) => `the object has the key '${key}' more than once: JSON.parse would keep only the last`;

const cases: Array<{ name: string; given: string; want: unknown }> = [
  { name: "no repeated key", given: '{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}', want: { a: { a: 1 }, b: [{ a: 1 }, { a: 2 }] } },
  { name: "at the top", given: '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}', want: [`4:3 load/duplicate-key # ${twice("a")}`] },
  { name: "deep, inside arrays", given: '{"x": [0, [1, {"y": {"k": 1, "k": 2}}]]}', want: [`1:30 load/duplicate-key #/x/1/1/y ${twice("k")}`] },
  { name: "whitespace before the colon", given: '{"a" : 1,\n"a"\t:\n2}', want: [`2:1 load/duplicate-key # ${twice("a")}`] },
  { name: "equal once unescaped", given: '{"ab": 1, "a\\u0062": 2}', want: [`1:11 load/duplicate-key # ${twice("ab")}`] },
  { name: "escaped quotes and backslashes in keys and values", given: '{"s": "\\":", "k\\\\": 1, "k\\\\" :2, "q\\"": 3}', want: [`1:24 load/duplicate-key # ${twice("k\\")}`] },
  { name: "three times: two lines", given: '{"a": 1, "a": 2, "a": 3}', want: [`1:10 load/duplicate-key # ${twice("a")}`, `1:18 load/duplicate-key # ${twice("a")}`] },
  { name: "in the value JSON.parse dropped, and beside it", given: '{"a": {"b": 1, "b": 2}, "a": {}}', want: [`1:16 load/duplicate-key #/a ${twice("b")}`, `1:25 load/duplicate-key # ${twice("a")}`] },
  { name: "__proto__, an own key to JSON.parse", given: '{"__proto__": 1, "__proto__": 2}', want: [`1:18 load/duplicate-key # ${twice("__proto__")}`] },
  { name: "a key needing pointer escapes", given: '{"p": {"/a~b": 1, "/a~b": 2}}', want: [`1:19 load/duplicate-key #/p ${twice("/a~b")}`] },
  { name: "a control character in the key is shown escaped", given: '{"a\\nb": 1, "a\\nb": 2}', want: [`1:13 load/duplicate-key # ${twice("a\\u000ab")}`] },
  { name: "a BOM is dropped", given: '\ufeff{"a": 1}', want: { a: 1 } },
  { name: "malformed", given: '{"a": 1,, "b": 2}', want: [expect.stringMatching(/^1:9 load\/invalid-json #- malformed JSON: /)] },
  { name: "CRLF lines", given: '{\r\n"a": 1,\r\n  "a": 2\r\n}', want: [`3:3 load/duplicate-key # ${twice("a")}`] },
];

describe("JSON text of the user's", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_n, { given, want }) => {
    expect(read(given)).toEqual(want);
  });

  it("text that is not JSON is undefined to parseJsonIfValid (it may be YAML), a repeated key still an error", () => {
    expect(parseJsonIfValid("{a: 1}", "f.yaml")).toBeUndefined();
    expect(() => parseJsonIfValid('{"a": 1, "a": 2}', "f.yaml")).toThrow(/f\.yaml:1:10 \(#\) error load\/duplicate-key/);
  });

  it("a caller's own codes", () => {
    expect(() => parseJson('{"a": 1, "a": 2}', "package.json", { duplicate: "init/package-json" })).toThrow(/error init\/package-json: the object has the key 'a'/);
    expect(() => parseJson("{", "package.json", { syntax: "init/package-json" })).toThrow(/package\.json:1:2 error init\/package-json: malformed JSON/);
  });

  it("the count agrees with the full scan on real specs, and finds a key repeated anywhere in them", () => {
    const file = path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");
    const text = readFileSync(file, "utf8");
    const value = JSON.parse(text) as unknown;
    expect(membersWritten(text)).toBe(keysParsed(value));
    expect(membersWritten(text)).toBeGreaterThan(100_000);
    expect(duplicateKeys(text)).toEqual([]);
    // The first "description" member of the last path written a second time, just after itself.
    const at = text.lastIndexOf('"description": "');
    const end = text.indexOf("\n", at);
    const copy = `${text.slice(0, end)}\n${text.slice(text.lastIndexOf("\n", at) + 1, end)}${text.slice(end)}`;
    expect(hasDuplicateKeys(copy, JSON.parse(copy))).toBe(true);
    const found = duplicateKeys(copy);
    expect(found).toHaveLength(1);
    expect(found[0]!.key).toBe("description");
    expect(found[0]!.offset).toBe(end + 1 + (at - text.lastIndexOf("\n", at) - 1));
  });
});
