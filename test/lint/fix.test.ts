/**
 * `specforge lint --fix` (fixFile) on its own: an empty operationId is replaced where it is, ids are made
 * unique against every operation of the document, and the file is otherwise left byte for byte as it was.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fixFile } from "../../generator/lint/fix.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-fix-");
const write = fileWriter(dir);
const read = (file: string) => readFileSync(file, "utf8");

describe("lint --fix", () => {
  it("replaces an empty operationId in place (YAML and JSON)", () => {
    const yaml = write("empty.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      summary: s\n      operationId: \"\"\n      responses: {'200': {description: ok}}\n");
    expect(fixFile(yaml).added).toEqual(["GET /pets -> getPets"]);
    expect(read(yaml)).toContain("      summary: s\n      operationId: getPets\n      responses:");
    expect(parse(read(yaml), { uniqueKeys: true }).paths["/pets"].get.operationId).toBe("getPets");
    const json = write("empty.json", '{\n  "openapi": "3.0.3",\n  "paths": {\n    "/pets": {\n      "get": {"summary": "s", "operationId": "", "responses": {}}\n    }\n  }\n}\n');
    expect(fixFile(json).added).toEqual(["GET /pets -> getPets"]);
    expect(read(json)).toContain('"summary": "s", "operationId": "getPets", "responses"');
  });

  // read as UTF-8 loosely, a Latin-1 "é" became U+FFFD and the file was written back so: the byte lost for good
  it("leaves a file that is not UTF-8 as it was, for the lint run to report (load/not-utf8)", () => {
    const file = write("latin1.yaml", "");
    const bytes = Buffer.from("openapi: 3.0.3\ninfo: {title: 'caf\xe9', version: '1'}\npaths:\n  /pets:\n    get:\n      responses: {'200': {description: ok}}\n", "latin1");
    writeFileSync(file, bytes);
    expect(fixFile(file).added).toEqual([]);
    expect(readFileSync(file)).toEqual(bytes);
  });

  // a missing file or a folder threw ENOENT/EISDIR out of lint --fix: exit 70 instead of the lint run's load/unreadable
  it("leaves a path it cannot read to the lint run", () => {
    expect(fixFile(`${dir}/missing.yaml`).added).toEqual([]);
    expect(fixFile(dir).added).toEqual([]);
  });

  it("makes ids unique against webhooks, callbacks and components' path items", () => {
    const file = write(
      "taken.yaml",
      `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
    post:
      operationId: add
      callbacks:
        done:
          '{$request.body#/url}':
            post: {operationId: getPets2, responses: {'200': {description: ok}}}
      responses: {'200': {description: ok}}
webhooks:
  newPet:
    post: {operationId: getPets, responses: {'200': {description: ok}}}
components:
  pathItems:
    R:
      get: {operationId: getPets3, responses: {'200': {description: ok}}}
`,
    );
    expect(fixFile(file).added).toEqual(["GET /pets -> getPets4"]);
  });

  it("leaves an operation a YAML alias repeats without an id: one id for both would clash", () => {
    const file = write(
      "aliased.yaml",
      "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: &op\n      responses: {'200': {description: ok}}\n  /b:\n    get: *op\n  /c:\n    get:\n      responses: {'200': {description: ok}}\n",
    );
    const before = read(file);
    expect(fixFile(file).added).toEqual(["GET /c -> getC"]);
    expect(read(file)).toBe(before.replace("  /c:\n    get:\n", "  /c:\n    get:\n      operationId: getC\n"));
  });

  it("leaves every other byte as it was: BOM, CRLF, long lines, flow style, comments (YAML)", () => {
    const before = [
      "\ufeffopenapi: 3.0.3",
      "info: {title: t, version: '1', description: \"This is a very long description line that goes well past eighty columns of text, surely it does\"}",
      "paths:",
      "  /pets:   # the pets",
      "    get: {responses: {'200': {description: ok}}}",
      "    post:",
      "      # create",
      "      responses:",
      "        '200': {description: ok}  # fine",
      "  /a/{id}:",
      "    get:",
      "       x-odd: 0o17",
      "       responses: { \"200\": { description: ok } }",
      "",
    ];
    const file = write("bytes.yaml", before.join("\r\n"));
    fixFile(file);
    const after = [...before];
    after.splice(4, 1, "    get: {operationId: getPets, responses: {'200': {description: ok}}}");
    after.splice(7, 0, "      operationId: postPets");
    after.splice(12, 0, "       operationId: getAById");
    expect(read(file)).toBe(after.join("\r\n"));
  });

  it("leaves every other byte as it was (JSON, one member a line and all on one line)", () => {
    const before = '{\r\n    "openapi": "3.0.3",\r\n    "paths": {\r\n        "/a": {\r\n            "get": {\r\n                "responses": {"200": {"description": "ok"}}\r\n            },\r\n            "put": {"responses": {}}\r\n        }\r\n    }\r\n}';
    const file = write("bytes.json", before);
    fixFile(file);
    expect(read(file)).toBe(
      before
        .replace('"get": {\r\n                "responses"', '"get": {\r\n                "operationId": "getA",\r\n                "responses"')
        .replace('"put": {"responses"', '"put": {"operationId": "putA", "responses"'),
    );
  });
});
