/**
 * openapi-typescript's `--immutable` and `--alphabetize` as `types:` options: the types
 * read as openapi-typescript prints them with those flags, and every target compiles against them (a client
 * call, a handler, a validator's guard, a sample), checked by compiling code that uses them.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

const spec = {
  openapi: "3.1.0",
  info: { title: "opts", version: "1" },
  paths: {
    "/teams": {
      post: {
        operationId: "createTeam",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Team" } } } },
        responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Team" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Team: {
        type: "object",
        required: ["zone", "members", "name"],
        properties: {
          zone: { type: "string" },
          name: { type: "string" },
          members: { type: "array", minItems: 1, maxItems: 3, items: { $ref: "#/components/schemas/Member" } },
        },
      },
      Member: { type: "object", required: ["id"], properties: { id: { type: "integer" }, tags: { type: "array", items: { type: "string" } } } },
    },
  },
};

async function schemaOf(types: Record<string, unknown>): Promise<{ schema: string; files: Array<{ path: string; contents: string }> }> {
  const dir = tempDir();
  const input = path.join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "opts", types: { samples: true, ...types } });
  return { schema: files.find((f) => f.path === "src/schema.ts")!.contents, files };
}

it("without the options the types are openapi-typescript's defaults", async () => {
  const { schema } = await schemaOf({});
  expect(schema).not.toContain("readonly");
  expect(schema).toMatch(/members: components\["schemas"\]\["Member"\]\[\];/);
  expect(schema.indexOf("zone: string")).toBeLessThan(schema.indexOf("name: string"));
});

it("immutable and alphabetize shape the types, and every target compiles against them", async () => {
  const { schema, files } = await schemaOf({ immutable: true, alphabetize: true });
  expect(schema).toMatch(/readonly members: readonly components\["schemas"\]\["Member"\]\[\];/);
  expect(schema.indexOf("readonly name: string")).toBeLessThan(schema.indexOf("readonly zone: string"));
  const result = typecheckConsumer(tempDir(), files, [
    'import { createOptsClient } from "./client.js";',
    'import { createHandler, type OptsHandlers } from "./server.js";',
    'import { isTeam } from "./validators.js";',
    'import { sampleTeam } from "./samples.js";',
    'import type { Team } from "./types.js";',
    'const api = createOptsClient({ baseUrl: "http://127.0.0.1:1" });',
    'const members = [{ id: 1, tags: ["a"] }] as const;',
    'export const created: Promise<Team> = api.createTeam({ body: { zone: "eu", name: "core", members } });',
    "const handlers: OptsHandlers = { createTeam: ({ body }) => ({ status: 201, body }) };",
    "export const handler = createHandler(handlers, {});",
    "declare const value: unknown;",
    "if (isTeam(value)) {",
    "  // @ts-expect-error: immutable",
    '  value.name = "x";',
    "  // @ts-expect-error: readonly arrays",
    "  value.members[0].tags?.push(\"b\");",
    "}",
    "export const sample: Team = sampleTeam();",
  ]);
  expect(result).toEqual({ status: 0, output: "" });
});
