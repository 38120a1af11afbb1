/**
 * OpenAPI 3.2's QUERY and additional operations, and `in: querystring` parameters, of webhooks are typed in
 * `webhooks` as those of paths are in `paths` (openapi-typescript skips them; before, they were missing
 * from `webhooks` without a word), also in a document that has webhooks and no paths. The package type-checks.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { writePackage } from "../../generator/write/write-package.js";
import { tempDir, typecheckPackages } from "../helpers/project.js";

it("a webhook's query, additionalOperations and querystring are in the webhooks type", async () => {
  const dir = tempDir();
  const ok = { "200": { description: "ok" } };
  const selector = { name: "q", in: "querystring", required: true, content: { "application/json": { schema: { type: "object", required: ["since"], properties: { since: { type: "string" } } } } } };
  for (const withPaths of [true, false]) {
    const spec = path.join(dir, `openapi-${withPaths}.json`);
    writeFileSync(spec, JSON.stringify({
      openapi: "3.2.0",
      info: { title: "w", version: "1" },
      ...(withPaths ? { paths: { "/a": { get: { operationId: "getA", responses: ok } } } } : {}),
      webhooks: {
        stock: {
          query: { requestBody: { content: { "text/plain": { schema: { type: "string", minLength: 1 } } } }, responses: ok },
          additionalOperations: { PURGE: { operationId: "purgeStock", parameters: [selector], responses: ok } },
          get: { parameters: [selector], responses: ok },
        },
      },
    }));
    const { files } = await generate({ input: spec, packageName: "webhooks-32", targets: ["types"] });
    const schemaTs = files.find((f) => f.path === "src/schema.ts")!.contents;
    const webhooks = schemaTs.slice(schemaTs.indexOf("export interface webhooks"));
    expect(webhooks).toMatch(/\n {8}query: \{/);
    expect(webhooks).toMatch(/\n {8}additionalOperations: \{\n {12}PURGE: operations\["purgeStock"\];/);
    expect(schemaTs).not.toContain("specforge:operation:");
    // the querystring of the inline GET and of purgeStock (in operations)
    expect(schemaTs.match(/querystring: \{\n\s+since: string;/g)).toHaveLength(2);
    const out = path.join(dir, `pkg-${withPaths}`);
    writePackage(out, files);
    const tsc = typecheckPackages([out]);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }
});
