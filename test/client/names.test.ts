/**
 * The client's names are decided in `names/` with every other exported name: the factory from the
 * package name's last segment, per-operation input and error types that yield (with a warning) to
 * schemas already holding their names, and method names that cannot turn the client into a thenable.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ROOT, tempDir } from "../helpers/project.js";

describe("client names", () => {
  it.each([
    ["@specforge-generated/okra", "createOkraClient", "OkraClient", "OkraClientOptions"],
    ["@specforge-generated/customer-v3", "createCustomerV3Client", "CustomerV3Client", "CustomerV3ClientOptions"],
    ["my-big_api", "createMyBigApiClient", "MyBigApiClient", "MyBigApiClientOptions"],
    ["@acme/3d", "create3dClient", "_3dClient", "_3dClientOptions"],
    ["@acme/parameters", "createParametersClient", "ParametersClient", "ParametersClientOptions"],
  ])("package %s: %s, %s, %s", async (packageName, clientFactory, client, clientOptions) => {
    const { ir } = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName, targets: ["types"] });
    expect(ir.names).toMatchObject({ clientFactory, client, clientOptions });
  });

  it("input, error and client names yield to schemas that hold them, with a warning; methods never become `then`", async () => {
    const spec = path.join(tempDir(), "openapi.yaml");
    writeFileSync(spec, [
      "openapi: 3.1.0",
      "info: { title: Pets, version: 1.0.0 }",
      "paths:",
      "  /pets:",
      "    get:",
      "      operationId: then",
      "      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/PetsClient' } } } } }",
      "components:",
      "  schemas:",
      "    PetsClient: { type: object }",
      "    ThenInput: { type: object }",
      "",
    ].join("\n"));
    const { ir, warnings, files } = await generate({ input: spec, packageName: "@acme/pets" });
    const op = ir.operations[0]!;
    expect([op.names.method, op.names.input, op.names.error]).toEqual(["then_", "ThenInput2", "ThenError"]);
    expect(ir.names.client).toBe("PetsClient2");
    expect(warnings.map((w) => w.message)).toContain("type 'ThenInput' for GET /pets is taken; exported as 'ThenInput2'");
    const client = files.find((f) => f.path === "src/client.ts")!.contents;
    expect(client).toContain("export interface PetsClient2 {");
    // its one 2xx status is the last type argument: what `withResponse()` narrows by
    expect(client).toContain("  then_: runtime.OperationMethod<ThenInput2, types.ThenResponse, ThenError, 200>;");
  });

  it("TanStack Query helpers: decided after every other name, a taken one gets a number, and asking for them renames nothing", async () => {
    const spec = path.join(tempDir(), "openapi.yaml");
    const paged = "x-pagination: { kind: page, page: { in: query, name: page }, firstPage: 1, items: /items, hasNextPage: /more }";
    writeFileSync(spec, [
      "openapi: 3.1.0",
      "info: { title: Tags, version: 1.0.0 }",
      "paths:",
      "  /tags:",
      `    get: { operationId: list, parameters: [{ name: page, in: query, schema: { type: integer } }], ${paged}, responses: { '200': { description: ok } } }`,
      "    delete: { operationId: delete, responses: { '204': { description: ok } } }",
      "  /tags/all:",
      "    get: { operationId: listInfinite, responses: { '200': { description: ok } } }",
      "  /tags/use:",
      "    get: { operationId: use, responses: { '200': { description: ok } } }",
      "    post: { operationId: useSuspense, responses: { '200': { description: ok } } }",
      "components:",
      "  schemas:",
      "    ListKey: { type: string }",
      "",
    ].join("\n"));
    const off = await generate({ input: spec, packageName: "@acme/tags", targets: ["client"] });
    const on = await generate({ input: spec, packageName: "@acme/tags", targets: ["client"], client: { query: true } });
    expect(on.ir.operations.map((o) => o.names.query)).toEqual([
      { key: "listKey", query: "listQuery", infinite: "listInfiniteQuery" },
      { key: "deleteKey", mutation: "deleteMutation" },
      { key: "listInfiniteKey", query: "listInfiniteQuery2" },
      // TanStack's own hooks are never taken: they would clash where both are imported
      { key: "useKey", query: "useQuery2" },
      { key: "useSuspenseKey", mutation: "useSuspenseMutation" },
    ]);
    const others = (files: { path: string; contents: string }[]) => files.filter((f) => f.path !== "src/query.ts" && f.path !== "package.json" && f.path !== "src/client-runtime.ts" && f.path !== ".specforge/manifest.json" && f.path !== "README.md");
    expect(others(on.files)).toEqual(others(off.files));
    expect(off.files.some((f) => f.path === "src/query.ts")).toBe(false);
    expect(on.files.find((f) => f.path === "src/query.ts")!.contents).toContain("export function deleteMutation(api: Pick<client.TagsClient, \"delete_\">, ");
  });
});
