/**
 * The generated READMEs' client examples compile: the setup block and every per-operation call of each
 * of the five packages, of the dates-as-date fixture (`types: { dates: "Date" }`: its date-times must be
 * written as Dates) and of openapi-30-misc (readOnly/writeOnly), type-checked against the package's own sources (strict), so a README never shows a
 * call the client would refuse. Their validators example compiles too, on a value of unknown type.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { ROOT, tempDir, typecheckPackages } from "../helpers/project.js";

/** Package folders, relative to the repository. */
const PACKAGES = [
  ...["okra", "bankingservice", "customer-v3", "lumyri", "onefi"].map((api) => `generated/${api}`),
  "test/fixtures/dates-as-date/generated",
  // readOnly/writeOnly: a call made from the schema sends no readOnly property and the writeOnly ones
  "test/fixtures/openapi-30-misc/generated",
];

describe("README examples", () => {
  it("type-check for every operation of the five APIs and the dates-as-date fixture, and so does the validators example", () => {
    const dir = tempDir("specforge-readme-");
    let calls = 0;
    for (const [i, api] of PACKAGES.entries()) {
      const readme = readFileSync(path.join(ROOT, api, "README.md"), "utf8");
      const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
      const setup = blocks.findIndex((b) => b.includes("const api = "));
      expect(setup, api).toBeGreaterThanOrEqual(0);
      const examples = blocks.slice(setup + 1).filter((b) => b.includes("await api."));
      // one per row of the operations table
      const operations = readme.split("\n").filter((l) => /^\| \w+ \| (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE) /.test(l)).length;
      expect(examples.length, api).toBe(operations);
      calls += examples.length;
      const entry = JSON.stringify(path.join(ROOT, api, "src/index.js"));
      const source = [
        blocks[setup]!.replace(/ from "[^"]+";/, ` from ${entry};`),
        "export async function main(): Promise<void> {",
        ...examples.map((e) => `  {\n${e}  }`),
        "}",
        "",
      ].join("\n");
      mkdirSync(path.join(dir, String(i), "src"), { recursive: true });
      writeFileSync(path.join(dir, String(i), "src", "readme.ts"), source);
      // the client of some operations, its entries from ./operations
      const some = blocks.find((b) => b.includes("ClientWith("));
      expect(some, api).toBeDefined();
      const importing = (file: string) => ` from ${JSON.stringify(path.join(ROOT, api, "src", file))};`;
      writeFileSync(path.join(dir, String(i), "src", "readme-some.ts"), `${some!.replace(/ from "[^"]+\/client";/, importing("client.js")).replace(/ from "[^"]+\/operations";/, importing("operations.js"))}export { some };\n`);
      const validators = blocks.find((b) => b.includes("standardSchema("));
      expect(validators, api).toBeDefined();
      const validatorsEntry = JSON.stringify(path.join(ROOT, api, "src/validators.js"));
      writeFileSync(path.join(dir, String(i), "src", "readme-validators.ts"), `declare const json: unknown;\n${validators!.replace(/ from "[^"]+";/, ` from ${validatorsEntry};`)}export { schema, result };\n`);
    }
    expect(calls).toBeGreaterThanOrEqual(25);
    const r = typecheckPackages(PACKAGES.map((_, i) => path.join(dir, String(i))), { noUnusedLocals: false });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("README counts", () => {
  it("say how many operations and webhooks a long spec has beyond those shown", async () => {
    const dir = tempDir("specforge-readme-counts-");
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 103; i++) paths[`/items${i}`] = { get: { operationId: `getItem${i}`, responses: { "204": { description: "ok" } } } };
    const webhooks: Record<string, unknown> = {};
    for (let i = 0; i < 15; i++) webhooks[`hook${i}`] = { post: { responses: { "204": { description: "ok" } } } };
    const spec = path.join(dir, "many.json");
    writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "Many", version: "1" }, servers: [{ url: "https://many.test" }], paths, webhooks }));
    const { files } = await generate({ input: spec, packageName: "many" });
    const readme = files.find((f) => f.path === "README.md")!.contents;
    expect(readme).toContain("... and 3 more operations: see the table above.");
    expect(readme).toContain("hook11 (POST, handler hook11Webhook), and 3 more (`webhookSpec.operations` names them all).");
  });

  it("name the client's webhook sender, in a package without the server", async () => {
    const dir = tempDir("specforge-readme-sender-");
    const spec = path.join(dir, "hooks.json");
    writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "Hooks", version: "1" }, webhooks: { my_hook: { post: { operationId: "my_hook", responses: { "204": { description: "ok" } } } } } }));
    const { files } = await generate({ input: spec, packageName: "hooks", targets: ["client"] });
    const readme = files.find((f) => f.path === "README.md")!.contents.replace(/\s+/g, " ");
    expect(readme).toContain("The API's webhooks are sent by createHooksWebhookSender (options `baseUrl` and `auth`), one sender per subscriber");
    expect(readme).toContain("each webhook is a method (myHook, ...)");
  });
});

describe("README of a spec with webhooks only", () => {
  it("shows the webhook sender and receiver, and no operations table, client call or createHandler", async () => {
    const dir = tempDir("specforge-readme-hooks-");
    const spec = path.join(dir, "hooks.json");
    const webhooks = { ping: { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { zen: { type: "string" } } } } } }, responses: { "204": { description: "ok" } } } } };
    writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "Hooks", version: "1" }, webhooks }));
    const { files } = await generate({ input: spec, packageName: "hooks" });
    const readme = files.find((f) => f.path === "README.md")!.contents;
    expect(readme).not.toContain("| Operation |");
    expect(readme).not.toContain("const api = ");
    expect(readme).not.toContain("createHandler(handlers");
    expect(readme).toContain("every operation and webhook has aliases");
    expect(readme).toContain("The API's webhooks are sent by createHooksWebhookSender");
    expect(readme).toContain('import { createWebhookHandler, toNodeListener } from "hooks/server";');
    expect(readme).not.toMatch(/\n\n\n/);
  });
});

describe("README on the package as a package", () => {
  it("says it is ES modules only (require() from Node 20.19) and how to build and publish it, as its scripts do", async () => {
    for (const targets of [["types"], undefined] as const) {
      const { files } = await generate({ input: path.join(ROOT, "specs/okra.yaml"), packageName: "@acme/okra", targets: targets && [...targets] });
      const readme = files.find((f) => f.path === "README.md")!.contents;
      const scripts = (JSON.parse(files.find((f) => f.path === "package.json")!.contents) as { scripts: Record<string, string> }).scripts;
      expect(readme).toContain("ES modules only");
      expect(readme).toMatch(/`require\(\)` works on Node\s+20\.19 and later/);
      expect(readme).toMatch(/`module: "node16"` does not \(error TS1479\)/);
      expect(readme).toContain("## Building and publishing");
      expect(readme).toContain("npm run build  # empties dist/");
      expect(readme).toMatch(/npm pack\s+# or npm publish: both run prepack, which runs the build first/);
      expect(scripts.prepack).toBe("npm run build");
      expect(scripts.build).toMatch(/^node -e "require\('fs'\)\.rmSync\('dist'/);
      expect(readme).not.toMatch(/\n\n\n/);
    }
  });
});
