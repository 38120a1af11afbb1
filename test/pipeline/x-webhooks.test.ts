/**
 * A 3.0 document's `x-webhooks` (GitHub's REST description keeps its webhooks there) is generated as 3.1's
 * `webhooks` by every target (upgrade/x-webhooks.ts, openapi/x-webhooks.ts), and diagnostics inside it name
 * `/x-webhooks/...` and the line where it is written. Before, `generate` left it out without a word.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { fileWriter, ROOT, tempDir } from "../helpers/project.js";

const FIXTURE = path.join(ROOT, "test/fixtures/webhooks-30");

const HEAD = `info: {title: Hooks, version: "1"}
paths: {}
`;
const HOOK = (body: string) => `    post:
      operationId: onPing
      requestBody:
        content:
          application/json:
            schema: ${body}
      responses:
        "200": {description: Received.}
`;

/** `generate` of one spec text (written as `openapi.yaml` in a fresh folder) and its warnings as `code pointer line`. */
async function run(text: string, targets?: Parameters<typeof generate>[0]["targets"]) {
  const spec = fileWriter(tempDir())("openapi.yaml", text);
  const result = await generate({ input: spec, packageName: "hooks", targets });
  const schema = result.files.find((f) => f.path === "src/schema.ts")?.contents ?? "";
  return { ...result, schema, warned: result.warnings.map((w) => `${w.code} ${w.location?.pointer} ${w.location?.line}`) };
}

describe("x-webhooks", () => {
  it("a 3.0 document's x-webhooks generate, in every target, what the same document written as 3.1 webhooks does", async () => {
    const text = readFileSync(path.join(FIXTURE, "openapi.yaml"), "utf8");
    expect(text).toMatch(/^openapi: 3\.0\.3$/m);
    const as31 = fileWriter(tempDir())("openapi.yaml", text.replace(/^openapi: 3\.0\.3$/m, "openapi: 3.1.0").replace(/^x-webhooks:$/m, "webhooks:"));
    // its `refunded` is a path item in its own file, whose ref names the document's components
    fileWriter(path.dirname(as31))("hooks/refunded.yaml", readFileSync(path.join(FIXTURE, "hooks/refunded.yaml"), "utf8"));
    const as30 = path.join(FIXTURE, "openapi.yaml");
    const a = await generate({ input: as30, packageName: "hooks" });
    const b = await generate({ input: as31, packageName: "hooks" });
    expect(a.warnings).toEqual([]);
    expect(a.ir.webhooks.map((op) => op.webhook)).toEqual(["issues-opened", "ping", "refunded"]);
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    for (const [i, f] of a.files.entries()) expect(f.contents, f.path).toBe(b.files[i]!.contents);
    const by = (p: string) => a.files.find((f) => f.path === p)!.contents;
    expect(by("src/schema.ts")).toContain(`export interface webhooks {\n    "issues-opened": {`);
    expect(by("src/validators.js")).toContain("export const webhookValidators");
    expect(by("src/validators.d.ts")).toContain("export declare const webhookValidators");
    expect(by("src/server.ts")).toContain("export function createWebhookHandler");
  });

  it("is read as 3.0 text: nullable and a media type's example inside it are normalized as webhooks' are", async () => {
    const { schema, warned } = await run(`openapi: 3.0.3\n${HEAD}x-webhooks:\n  ping:\n${HOOK("{type: object, properties: {zen: {type: string, nullable: true}}, example: {zen: null}}")}`, ["types"]);
    expect(warned).toEqual([]);
    expect(schema).toMatch(/webhooks \{\n {4}ping: \{/);
    expect(schema).toMatch(/zen\?: string \| null;/);
  });

  it("names /x-webhooks and the line where it is written in a warning and an error inside it", async () => {
    const hook = `    post:
      operationId: onPing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: Received.}
`;
    const { warned } = await run(`openapi: 3.0.3\n${HEAD}x-webhooks:\n  ping:\n${hook}`, ["types"]);
    expect(warned).toEqual(["ir/webhook-path-parameter /x-webhooks/ping/post/parameters/0 9"]);
    const broken = run(`openapi: 3.0.3\n${HEAD}x-webhooks:\n  ping:\n${HOOK("{$ref: '#/components/schemas/Missing'}")}`, ["types"]);
    await expect(broken).rejects.toBeInstanceOf(SpecforgeError);
    const diagnostics = await broken.then(() => [], (e: SpecforgeError) => e.diagnostics);
    expect(diagnostics.map((d) => `${d.code} ${d.location?.pointer} ${d.location?.line}:${d.location?.column}`)).toEqual([
      "ref/unresolved /x-webhooks/ping/post/requestBody/content/application~1json/schema/$ref 11:22",
    ]);
  });

  it("a $ref to one of them (#/x-webhooks/...) names it as #/webhooks/... does in 3.1; an unresolved one is quoted as written", async () => {
    const doc = (version: string, key: string, ref: string) => `openapi: ${version}
info: {title: Hooks, version: "1"}
paths:
  /subscriptions:
    post:
      operationId: subscribe
      responses: {"201": {description: Subscribed.}}
      callbacks:
        pinged:
          "{$request.body#/url}":
            $ref: "${ref}"
${key}:
  ping:
${HOOK("{type: string}")}`;
    const as30 = await run(doc("3.0.3", "x-webhooks", "#/x-webhooks/ping"));
    const as31 = await run(doc("3.1.0", "webhooks", "#/webhooks/ping"));
    expect(as30.warned).toEqual([]);
    expect(as30.files).toEqual(as31.files);
    expect(as30.ir.webhooks.map((op) => op.callback?.name ?? op.webhook)).toEqual(["ping", "pinged"]);
    const broken = await run(doc("3.0.3", "x-webhooks", "#/x-webhooks/pong")).then(() => [], (e: SpecforgeError) => e.diagnostics);
    expect(broken.map((d) => `${d.code} ${d.location?.line} ${d.message}`)).toEqual(["ref/unresolved 11 unresolved $ref '#/x-webhooks/pong' (did you mean 'ping'?)"]);
  });

  it("beside webhooks, is ignored with a warning at its line: the document's webhooks are its `webhooks`", async () => {
    const { schema, warned, ir } = await run(`openapi: 3.0.3\n${HEAD}webhooks:\n  pong:\n${HOOK("{type: string}").replace("onPing", "onPong")}x-webhooks:\n  ping:\n${HOOK("{type: string}")}`, ["types"]);
    expect(warned).toEqual(["upgrade/x-webhooks-ignored /x-webhooks 14"]);
    expect(ir.webhooks.map((op) => op.webhook)).toEqual(["pong"]);
    expect(schema).not.toContain("onPing");
  });

  it("that is no mapping is ignored with a warning at its line", async () => {
    const { warned, ir } = await run(`openapi: 3.0.3\n${HEAD}x-webhooks: [ping]\n`, ["types"]);
    expect(warned).toEqual(["upgrade/x-webhooks-ignored /x-webhooks 4"]);
    expect(ir.webhooks).toEqual([]);
  });

  // An extension may hold anything: one whose entries are not all path items is not webhooks (before, `generate` and `diff` stopped with check/not-an-object)
  const FREE_FORM: { name: string; hooks: string; at: string; line: number }[] = [
    { name: "a note", hooks: `x-webhooks:\n  note: "see https://example.com/webhooks"\n`, at: "/x-webhooks/note", line: 5 },
    { name: "a $ref in place of the whole", hooks: `x-webhooks:\n  $ref: "./hooks.yaml#/x-webhooks"\n`, at: "/x-webhooks/$ref", line: 5 },
    { name: "a path item beside a note", hooks: `x-webhooks:\n  ping:\n${HOOK("{type: string}")}  note: [see, docs]\n`, at: "/x-webhooks/note", line: 14 },
  ];
  for (const { name, hooks, at, line } of FREE_FORM) {
    it(`whose entries are not all path items (${name}) is ignored, whole, with a warning at the first that is not`, async () => {
      const { warned, ir, schema, warnings } = await run(`openapi: 3.0.3\n${HEAD}${hooks}`, ["types"]);
      expect(warned).toEqual([`upgrade/x-webhooks-ignored ${at} ${line}`]);
      expect(warnings[0]!.message).toMatch(/not a path item.*the whole of `x-webhooks` is ignored/);
      expect(ir.webhooks).toEqual([]);
      expect(schema).toContain("export type webhooks = Record<string, never>;");
    });
  }

  it("whose entries are not all path items is compared by diff as the extension it is: no webhooks, no failure", async () => {
    const write = fileWriter(tempDir());
    const base = await loadForDiff(write("base.yaml", `openapi: 3.0.3\n${HEAD}x-webhooks:\n  note: "see https://example.com/webhooks"\n`));
    const head = await loadForDiff(write("head.yaml", `openapi: 3.0.3\n${HEAD}x-webhooks:\n  note: "see http://example.com/webhooks"\n`));
    expect(base.document.webhooks).toBeUndefined();
    expect(diffSpecs(base, head)).toEqual([]);
  });

  it("of a 3.1 document is an extension as any other (3.1 has webhooks): not generated, no warning", async () => {
    const { warned, ir, schema } = await run(`openapi: 3.1.0\n${HEAD}x-webhooks:\n  ping:\n${HOOK("{type: string}")}`, ["types"]);
    expect(warned).toEqual([]);
    expect(ir.webhooks).toEqual([]);
    expect(schema).toContain("export type webhooks = Record<string, never>;");
  });

  it("of a Swagger 2.0 document is left as written (its text is 2.0's, which has no webhooks)", async () => {
    const { warned, ir } = await run(`swagger: "2.0"\n${HEAD}x-webhooks:\n  ping:\n    post:\n      parameters: [{name: body, in: body, schema: {type: string}}]\n      responses: {"200": {description: Received.}}\n`, ["types"]);
    expect(warned).toEqual([]);
    expect(ir.webhooks).toEqual([]);
  });
});
