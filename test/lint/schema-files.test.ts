/**
 * `oas-schema` on what `$ref`s bring in from other files: each fragment is checked against the part of the
 * official schema for the kind of object the ref stands for (a path item, a schema, a parameter...), and
 * its problems are placed in that file.
 */
import { describe, expect, it } from "vitest";
import { lintFile } from "../../generator/lint/run.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-schema-files-");
const write = fileWriter(dir);

const schemaFindings = async (file: string) =>
  (await lintFile(file, { baseDir: dir })).filter((f) => f.ruleId === "oas-schema").map((f) => `${f.file.split("/").pop()}:${f.line}:${f.column} ${f.pointer} ${f.message}`);

describe("oas-schema in referenced files", () => {
  it("checks a path item, a schema and a parameter from other files, at their own positions", async () => {
    write("files/paths/pets.yaml", "post:\n  bogus2: 1\n  parameters:\n    - $ref: '../params.yaml#/Q'\n  responses:\n    '201': {description: made}\nput:\n  requestBody: {}\n  responses: {'204': {description: done}}\n");
    write("files/params.yaml", "Q: {name: q, in: query, schema: {type: string}, nope: 1}\n");
    write("files/comp/schemas.yaml", "Pet:\n  type: object\n  properties:\n    b: {type: strin}\n");
    const main = write(
      "files/main.yaml",
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    $ref: './paths/pets.yaml'\ncomponents:\n  schemas:\n    Pet: {$ref: './comp/schemas.yaml#/Pet'}\n",
    );
    expect(await schemaFindings(main)).toEqual([
      "schemas.yaml:4:9 /Pet/properties/b/type 'type' must be one of \"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"",
      "params.yaml:1:49 /Q/nope unknown property 'nope' in 'Q'",
      "pets.yaml:2:3 /post/bogus2 unknown property 'bogus2' in 'post'",
      "pets.yaml:8:3 /put/requestBody 'requestBody' is missing the required property 'content'",
    ]);
  });

  it("reports nothing for clean referenced files (3.1 too)", async () => {
    write("clean/item.yaml", "get:\n  responses:\n    '200': {description: ok}\n");
    write("clean/s.yaml", "S: {type: [string, 'null']}\n");
    for (const version of ["3.0.3", "3.1.0"]) {
      const main = write(`clean/main-${version}.yaml`, `openapi: ${version}\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: './item.yaml'}\ncomponents:\n  schemas:\n    S: {$ref: './s.yaml#/S'}\n`);
      const found = await schemaFindings(main);
      expect(found.filter((f) => !f.startsWith(`main`) && !(version === "3.0.3" && f.startsWith("s.yaml")))).toEqual([]);
    }
  });
});
