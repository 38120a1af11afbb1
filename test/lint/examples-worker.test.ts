/**
 * The example rules on a worker thread (examples-worker.ts) report what they report on the main thread, in
 * the same order among the other rules' findings. The worker runs from the built files only, so this
 * lints through generator/dist (as the CLI tests do).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { lintFile as LintFile } from "../../generator/lint/run.js";
import { ROOT, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-worker-");

// 3.0: a schema's `example` moves to `examples` (findings name `example`); x-webhooks read as webhooks;
// examples by $ref; readOnly in a request; a wrong default; a tie of place between two rules' findings.
const SPEC = `openapi: 3.0.3
info: {title: Pets, version: "1", description: Pets., contact: {email: a@b.c}, license: {name: MIT, url: "https://mit.edu"}}
servers: [{url: "https://api.example.com"}]
tags: [{name: pets, description: Pets.}]
paths:
  /pets/{id}:
    get:
      operationId: getPet
      summary: Get a pet
      description: One pet.
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, description: The id., schema: {type: integer, default: "zero"}, example: "seven"}
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
              examples:
                good: {value: {id: 1, name: Rex}}
                bad: {value: {id: "one", name: 2, color: red}}
                shared: {$ref: "#/components/examples/BadPet"}
        "404": {description: None.}
    put:
      operationId: putPet
      summary: Put a pet
      description: Replace a pet.
      tags: [pets]
      parameters:
        - {name: id, in: path, required: true, description: The id., schema: {type: integer}}
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
            example: {id: 3, name: Tom, born: "2020-01-01"}
      responses:
        "204": {description: Done.}
        "400": {description: Bad.}
x-webhooks:
  petAdopted:
    post:
      operationId: onAdopted
      summary: Adopted
      description: A pet was adopted.
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Pet"}
            example: {id: 4, nick: Rex}
      responses:
        "204": {description: Received.}
components:
  examples:
    BadPet: {value: {id: 2, name: [Max]}}
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, example: "one"}
        name: {type: string, minLength: 2, default: 5}
        born: {type: string, format: date, readOnly: true, example: "yesterday"}
        tags: {type: array, items: {type: string, enum: [a, b]}, example: [a, c, 3]}
      example: {id: 1}
`;

describe("example rules on a worker thread", () => {
  it("report what they report on the main thread, in the same order", async () => {
    const built = pathToFileURL(path.join(ROOT, "generator/dist/lint/run.js")).href;
    expect(existsSync(fileURLToPath(new URL("../threads/worker.js", built)))).toBe(true);
    const { lintFile } = (await import(built)) as { lintFile: typeof LintFile };
    const file = path.join(dir, "pets.yaml");
    writeFileSync(file, SPEC);
    const here = await lintFile(file, { threads: "never" });
    const worker = await lintFile(file, { threads: "always" });
    expect(worker).toEqual(here);
    const examples = here.filter((f) => f.ruleId === "example-valid" || f.ruleId === "default-valid");
    expect(examples.length).toBeGreaterThan(10);
    expect(new Set(examples.map((f) => f.ruleId))).toEqual(new Set(["example-valid", "default-valid"]));
    expect(examples.map((f) => f.pointer)).toEqual(expect.arrayContaining([
      "/components/schemas/Pet/example", // moved by normalize, reported where written
      "/x-webhooks/petAdopted/post/requestBody/content/application~1json/example", // unknown property nick
      "/components/examples/BadPet/value/name",
    ]));
  });
});
