/**
 * Lint reads a 3.0 document's `x-webhooks` as `generate` does (openapi/x-webhooks.ts): as webhooks, their
 * `$ref`s to other files followed by the bundle. Before, a path item in its own file under `x-webhooks` was
 * not linted, and the component only it used was reported as unused.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { lintFile } from "../../generator/lint/run.js";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { fileWriter, ROOT, tempDir } from "../helpers/project.js";

const FIXTURE = path.join(ROOT, "test/fixtures/webhooks-30");

it("finds in a 3.0 document's x-webhooks what it finds in the same document's 3.1 webhooks, where each is written", async () => {
  const text = readFileSync(path.join(FIXTURE, "openapi.yaml"), "utf8");
  const refunded = readFileSync(path.join(FIXTURE, "hooks/refunded.yaml"), "utf8").replace(/^  operationId: onRefunded\n/m, "");
  const lint = async (spec: string) => {
    const write = fileWriter(tempDir());
    write("hooks/refunded.yaml", refunded);
    const findings = await lintFile(write("openapi.yaml", spec), { threads: "never" });
    return findings.map((f) => `${f.ruleId} ${path.basename(f.file)}#${f.pointer} ${f.line}:${f.column}`);
  };
  const as30 = await lint(text);
  const as31 = await lint(text.replace(/^openapi: 3\.0\.3$/m, "openapi: 3.1.0").replace(/^x-webhooks:$/m, "webhooks:"));
  expect(as30).toContain("operation-id refunded.yaml#/post 1:1");
  expect(as30).toContain("operation-id openapi.yaml#/x-webhooks/ping/post 52:5");
  expect(as30.filter((f) => f.startsWith("unused-components"))).toEqual([]);
  expect(as30).toEqual(as31.map((f) => f.replace("#/webhooks/", "#/x-webhooks/")));
});

it("reads a $ref to one of them (#/x-webhooks/...) as it reads #/webhooks/... in 3.1, not as a ref outside components", async () => {
  const doc = (version: string, key: string) => `openapi: ${version}
info: {title: Hooks, version: "1"}
paths:
  /subscriptions:
    post:
      operationId: subscribe
      responses: {"201": {description: Subscribed.}}
      callbacks:
        pinged:
          "{$request.body#/url}":
            $ref: "#/${key}/ping"
${key}:
  ping:
    post:
      responses: {"200": {description: Received.}}
`;
  const lint = async (text: string) => (await lintFile(fileWriter(tempDir())("openapi.yaml", text), { threads: "never" })).map((f) => `${f.ruleId} ${f.pointer} ${f.line}:${f.column}`);
  const as30 = await lint(doc("3.0.3", "x-webhooks"));
  expect(as30.filter((f) => f.startsWith("ref-resolves"))).toEqual([]);
  expect(as30).toEqual((await lint(doc("3.1.0", "webhooks"))).map((f) => f.replace("/webhooks/", "/x-webhooks/")));
});

it("ignores an x-webhooks whose entries are not all path items where and as generate does (an extension may hold anything)", async () => {
  const head = `openapi: 3.0.3\ninfo: {title: Hooks, version: "1"}\npaths: {}\n`;
  const ping = `  ping:\n    post:\n      responses: {"200": {description: Received.}}\n`;
  for (const hooks of [`x-webhooks:\n  note: "see https://example.com/webhooks"\n`, `x-webhooks:\n  $ref: "./hooks.yaml#/x-webhooks"\n`, `x-webhooks:\n${ping}  note: 1\n`]) {
    const spec = fileWriter(tempDir())("openapi.yaml", head + hooks);
    const linted = (await lintFile(spec, { threads: "never" })).filter((f) => f.ruleId === "x-webhooks-ignored" || f.ruleId === "operation-id");
    const generated = await generate({ input: spec, packageName: "hooks", targets: ["types"] });
    expect(generated.ir.webhooks, hooks).toEqual([]);
    // the path item `ping` beside the note is not linted as a webhook either (it has no operationId)
    expect(linted.map((f) => `${f.ruleId} ${f.pointer} ${f.line} ${f.message}`), hooks).toEqual(generated.warnings.map((w) => `x-webhooks-ignored ${w.location?.pointer} ${w.location?.line} ${w.message}`));
  }
});

it("runs generation's check and IR stages on x-webhooks read as webhooks: what generate warns or stops at there, lint reports where it is written", async () => {
  const doc = (version: string, key: string, hook: string) => `openapi: ${version}
info: {title: Hooks, version: "1"}
paths: {}
${key}:
  ping:
    post:
      operationId: onPing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: Received., content: {application/json: {schema: {type: string}}}}
${hook}`;
  const codes = ["webhook-path-parameter", "null-body-content", "generator-compat", "generator-renames"];
  const lint = async (text: string) =>
    (await lintFile(fileWriter(tempDir())("openapi.yaml", text), { threads: "never" })).filter((f) => codes.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.pointer} ${f.line}:${f.column}`);
  const warned = ["webhook-path-parameter /x-webhooks/ping/post/parameters/0 9:11", "null-body-content /x-webhooks/ping/post/responses/204/content 11:41"];
  expect(await lint(doc("3.0.3", "x-webhooks", ""))).toEqual(warned);
  expect(await lint(doc("3.1.0", "webhooks", ""))).toEqual(warned.map((f) => f.replace("/x-webhooks/", "/webhooks/")));
  // a status generate stops at (check/response-status), and the same spec's generate warnings, where lint reports them
  const stops = doc("3.0.3", "x-webhooks", `  pong:\n    post:\n      responses: {"2XY": {description: Odd.}}\n`);
  const spec = fileWriter(tempDir())("openapi.yaml", stops);
  const generated = await generate({ input: spec, packageName: "hooks", targets: ["types"] }).then(() => [], (e: SpecforgeError) => e.diagnostics);
  expect(generated.map((d) => `${d.code} ${d.location?.pointer} ${d.location?.line}:${d.location?.column}`)).toEqual(["check/response-status /x-webhooks/pong/post/responses/2XY 14:19"]);
  expect(await lint(stops)).toEqual(["generator-compat /x-webhooks/pong/post/responses/2XY 14:19"]);
});

it("resolves a callback's $ref to one of them (#/x-webhooks/...) in generation's stages, as generate does", async () => {
  const text = `openapi: 3.0.3
info: {title: Hooks, version: "1"}
paths:
  /subscriptions:
    post:
      operationId: subscribe
      responses: {"201": {description: Subscribed.}}
      callbacks:
        pinged:
          "{$request.body#/url}":
            $ref: "#/x-webhooks/ping"
x-webhooks:
  ping:
    post:
      operationId: onPing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: Received.}}
`;
  const findings = await lintFile(fileWriter(tempDir())("openapi.yaml", text), { threads: "never" });
  expect(findings.filter((f) => f.ruleId === "webhook-path-parameter" || f.ruleId === "generator-compat").map((f) => `${f.ruleId} ${f.pointer} ${f.line}`)).toEqual([
    "webhook-path-parameter /x-webhooks/ping/post/parameters/0 17",
  ]);
});
