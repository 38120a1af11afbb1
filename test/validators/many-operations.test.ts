/**
 * The validators module of a spec with many operations type-checks at a cost linear in their number
 * (Microsoft Graph: 11,422 operations, 56,000 validators; before, tsc ran out of 4 GB after 13 minutes).
 * Two shapes make that so, asserted here on every golden package and on a spec of 500 operations:
 * - `validateX` and `isX` are function declarations. A table entry naming a `const` costs tsc a walk of the
 *   module's control flow back to that const (past every declaration in between: quadratic over the
 *   file); a function has no flow to walk.
 * - Every exported table has its type written out. Declaration emit (the package's tsconfig has
 *   `declaration: true`) would otherwise spell out the inferred type, and gives up past a million
 *   characters (TS7056): the 500 operations below pass that.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import { goldenJobs, tempDir, typecheckPackages } from "../helpers/project.js";

/** `count` operations (a list and a create per path) whose long names make long table entries. */
function manyOperations(count: number): object {
  const problem = { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } } };
  const json = (schema: object) => ({ "application/json": { schema } });
  const paths: Record<string, object> = {};
  for (let i = 0; i < count / 2; i++) {
    const name = `${"InventoryItemOfTheNorthernDistributionCentre".repeat(6)}${i}`;
    paths[`/regions/{regionId}/items${i}`] = {
      parameters: [{ name: "regionId", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: `list${name}`,
        parameters: [{ name: "top", in: "query", schema: { type: "integer", minimum: 0 } }],
        responses: { "200": { description: "ok", content: json({ type: "array", items: { $ref: "#/components/schemas/Item" } }) }, "4XX": problem, "5XX": problem },
      },
      post: {
        operationId: `create${name}`,
        requestBody: { required: true, content: json({ type: "object", required: ["name"], properties: { name: { type: "string" } } }) },
        responses: { "201": { description: "ok", content: json({ $ref: "#/components/schemas/Item" }) }, "4XX": problem, "5XX": problem },
      },
    };
  }
  return {
    openapi: "3.0.1",
    info: { title: "Many operations", version: "1.0.0" },
    paths,
    components: {
      schemas: {
        Item: { type: "object", required: ["id"], properties: { id: { type: "string" }, size: { type: "number" } } },
        Problem: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
      },
    },
  };
}

/** What in a validators module would make tsc superlinear: exported consts of functions, tables without a type. */
function superlinearShapes(source: string): string[] {
  const file = ts.createSourceFile("validators.d.ts", source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const name = d.name.getText(file);
      if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) found.push(`${name}: a const of a function`);
      else if (!d.type) found.push(`${name}: no written type`);
    }
  }
  return found;
}

describe("validators of many operations", () => {
  it("every golden validators module declares functions and writes its tables' types", () => {
    const modules = goldenJobs().map((j) => path.join(j.out, "src/validators.d.ts")).filter((f) => existsSync(f));
    expect(modules.length).toBeGreaterThan(10);
    for (const f of modules) {
      const source = readFileSync(f, "utf8");
      expect(superlinearShapes(source), f).toEqual([]);
      expect(source, f).toMatch(/^export declare const operationValidators: \{$/m);
    }
  });

  it("500 operations: the package type-checks with declaration emit on (TS7056 before)", async () => {
    const dir = tempDir();
    const input = path.join(dir, "openapi.json");
    writeFileSync(input, JSON.stringify(manyOperations(500)));
    const { files, ir } = await generate({ input, targets: ["validators"] });
    expect(ir.operations).toHaveLength(500);
    const validators = files.find((f) => f.path === "src/validators.d.ts")!.contents;
    expect(superlinearShapes(validators)).toEqual([]);
    const out = path.join(dir, "package");
    writePackage(out, files);
    const r = typecheckPackages([out], { declaration: true });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);
});
