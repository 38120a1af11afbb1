/** Templates insert data only through escaping helpers; users can override ours file by file. */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkTemplate, loadTemplates } from "../../generator/codegen/templates.js";
import { CALLBACK_RUNTIME_FILES, SERVER_RUNTIME_FILES } from "../../generator/emit/server/index.js";
import { generate } from "../../generator/pipeline.js";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { ROOT, tempDir } from "../helpers/project.js";

function templateFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(path.join(dir, e)).isDirectory() ? templateFiles(path.join(dir, e)) : [path.join(dir, e)]));
}

describe("templates", () => {
  const ours = templateFiles(path.join(ROOT, "templates"));

  it.each(ours.map((f) => [path.relative(ROOT, f), f]))("%s uses no triple braces and no bare mustache", (_n, file) => {
    const source = readFileSync(file, "utf8");
    expect(source).not.toMatch(/\{\{\{/);
    expect(() => checkTemplate(source, file)).not.toThrow();
  });

  it.each([
    ["{{{name}}}", /triple-brace/],
    ["{{name}}", /without an escaping helper/],
    ["{{ident}}", /without an escaping helper/],
    ["{{#raw}}x{{/raw}}", /unknown block helper/],
  ])("rejects %s", (source, message) => {
    expect(() => checkTemplate(source, "t.hbs")).toThrow(message);
  });

  // the position was written into the message ("2:3 triple-brace ..."), so the line read t.hbs error ... 2:3
  it("an unsafe mustache is reported at its line and column, each one", () => {
    try {
      checkTemplate("ok {{str a}}\n  {{{b}}} {{c}}\n{{#raw}}x{{/raw}}", "t.hbs");
      expect.unreachable();
    } catch (e) {
      expect((e as SpecforgeError).diagnostics.map((d) => [d.location, d.message])).toEqual([
        [{ file: "t.hbs", line: 2, column: 3 }, "triple-brace mustache inserts raw text"],
        [{ file: "t.hbs", line: 2, column: 11 }, "{{c}} inserts data without an escaping helper (ident, str, key, json, doc, code, md)"],
        [{ file: "t.hbs", line: 3, column: 1 }, "unknown block helper {{#raw}}"],
      ]);
      expect((e as SpecforgeError).diagnostics[2]!.help).toBe("use one of {{#if}}, {{#unless}}, {{#each}}, {{#with}}");
    }
  });

  // Handlebars' parse error escaped as an internal error (exit 70, its stack) for a user's override
  it.each([
    ["{{#if x}}\nyes\n", 3, 1, "the template ends inside a {{...}} or an open block"],
    ["a\n  b {{str name}} {{/if}}", 2, 18, "a {{/...}} that closes no open block"],
    ["{{else}}", 1, 1, "{{else}} outside a block"],
    ["hello {{!-- x", 1, 7, "unrecognized text"], // where the unclosed comment opens
    ["x\n{{#if a}}y{{/each}}", 2, 4, "if doesn't match each"],
    // more than the 20 characters Handlebars shows of the line before the token
    [`${"x".repeat(30)} {{else}}`, 1, 32, "{{else}} outside a block"],
    ["line one here\nabc {{#if a}}{{/if}} {{else}}", 2, 22, "{{else}} outside a block"],
  ])("a malformed template %j is bad input at its line and column", (source, line, column, problem) => {
    try {
      checkTemplate(source, "t.hbs");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecforgeError);
      expect((e as SpecforgeError).diagnostics).toEqual([
        { code: "template/invalid", severity: "error", message: `malformed template: ${problem}`, location: { file: "t.hbs", line, column }, help: "fix the Handlebars syntax at that position" },
      ]);
    }
  });

  it("the server emitter ships every file of templates/server/runtime/ and no other (callback-url.ts where the spec has callbacks)", () => {
    const folder = readdirSync(path.join(ROOT, "templates/server/runtime")).map((f) => f.replace(/\.ts$/, ""));
    expect([...SERVER_RUNTIME_FILES, ...CALLBACK_RUNTIME_FILES].sort()).toEqual(folder.sort());
  });

  it("a missing field is an error, not an empty string", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.hbs"), "{{str missing}}");
    // a field given as undefined reaches the helper; one not given at all is refused before (below)
    expect(() => loadTemplates(dir).render("t.hbs", { missing: undefined })).toThrow(/expects a string, got undefined/);
    expect(() => loadTemplates(dir).render("t.hbs", {})).toThrow(/reads 'missing', which this specforge version does not give it/);
    writeFileSync(path.join(dir, "u.hbs"), "{{str a.b}}");
    expect(() => loadTemplates(dir).render("u.hbs", { a: undefined })).toThrow(/"a" not defined|Cannot read properties of undefined/);
  });

  it("helpers escape for where the text lands", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.hbs"), "{{str s}}|{{doc s}}|{{md s}}|{{key s}}");
    const out = loadTemplates(dir).render("t.hbs", { s: '*/ "x" <b>`' });
    expect(out).toBe('"*/ \\"x\\" <b>`"|/** *\\/ "x" <b>` */\n|\\*/ "x" &lt;b&gt;\\`|"*/ \\"x\\" <b>`"');
    writeFileSync(path.join(dir, "i.hbs"), "{{ident s}}");
    expect(() => loadTemplates(dir).render("i.hbs", { s: "a;b" })).toThrow(/not a safe identifier/);
  });

  it("an override that fails says which file and what to do", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "client"), { recursive: true });
    // client-table.js.hbs before createXClientWith read one field, `table`, since split in two
    writeFileSync(path.join(dir, "client/client-table.js.hbs"), "export const spec = {{code table}};\n");
    const failed = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["client"], templates: dir }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SpecforgeError);
    const [d] = (failed as SpecforgeError).diagnostics;
    expect(d).toMatchObject({ code: "template/override-failed", location: { file: path.join(dir, "client/client-table.js.hbs") } });
    expect(d!.message).toBe("your template client/client-table.js.hbs reads 'table', which this specforge version does not give it");
    expect(d!.help).toMatch(/compare it with templates\/client\/client-table\.js\.hbs of this specforge version/);
    // a field it is given, used the wrong way: the helper's error, in the same words
    writeFileSync(path.join(dir, "client/client-table.js.hbs"), "export const spec = {{str spec}};\n");
    const misused = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["client"], templates: dir }).catch((e: unknown) => e);
    expect((misused as SpecforgeError).diagnostics.map((x) => x.message)).toEqual(["your template client/client-table.js.hbs failed: {{str}} expects a string, got object"]);
  });

  it("a copy of validators.ts.hbs, since split into validators.js.hbs and validators.d.ts.hbs, is refused, not silently unread", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "validators"), { recursive: true });
    const old = path.join(dir, "validators/validators.ts.hbs");
    writeFileSync(old, "export const x = 1;\n");
    const failed = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["validators"], templates: dir }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SpecforgeError);
    expect((failed as SpecforgeError).diagnostics.map((d) => [d.code, d.message, d.location?.file])).toEqual([
      ["template/override-failed", "your template validators/validators.ts.hbs is no longer read: this specforge version renders validators/validators.js.hbs and validators/validators.d.ts.hbs in its place", old],
    ]);
    // without the validators target it is not read either way: no error
    const types = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["types"], templates: dir });
    expect(types.files.some((f) => f.path === "src/types.ts")).toBe(true);
    // the two that replace it are each overridable
    rmSync(old);
    writeFileSync(path.join(dir, "validators/validators.d.ts.hbs"), "/* mine */ {{doc title}}");
    const mine = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["validators"], templates: dir });
    expect(mine.files.find((f) => f.path === "src/validators.d.ts")!.contents).toMatch(/^\/\* mine \*\/ \/\*\* Runtime validators and type guards of /);
    expect(mine.files.find((f) => f.path === "src/validators.js")!.contents).toMatch(/^export function validate/m);
  });

  it("an override testing a field that is not given is refused, not read as false (strict mode does not check a block's argument)", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "package"), { recursive: true });
    const readme = path.join(dir, "package/README.md.hbs");
    const run = () => generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", targets: ["types"], templates: dir });
    // `{{#if}}` on a misspelt (or since renamed) field rendered nothing, silently
    writeFileSync(readme, "# {{md packageName}}\n{{#if hasClinet}}client{{/if}}{{#unless serverTarget}}-{{/unless}}\n");
    const failed = await run().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SpecforgeError);
    expect((failed as SpecforgeError).diagnostics.map((d) => [d.code, d.message, d.location?.file])).toEqual([
      ["template/override-failed", "your template package/README.md.hbs reads 'hasClinet', 'serverTarget', which this specforge version does not give it", readme],
    ]);
    // what ours reads may be absent from the data (an optional field): an override may test it too; inside
    // `{{#each}}` the fields are the items', not checked here
    const ours = readFileSync(path.join(ROOT, "templates/package/README.md.hbs"), "utf8");
    writeFileSync(readme, `${ours}\n{{#each operations}}{{#if anyFieldOfTheItem}}x{{/if}}{{/each}}\n`);
    expect((await run()).files.find((f) => f.path === "README.md")?.contents).toContain("# ");
    // the root read from inside a block: `../`, `@root.`, an `{{#each}}`'s `{{else}}`
    writeFileSync(readme, "{{#each operations}}{{#if ../packageNme}}a{{/if}}{{#if @root.titel}}b{{/if}}{{else}}{{#if noOperatons}}c{{/if}}{{/each}}\n");
    const nested = await run().catch((e: unknown) => e);
    expect((nested as SpecforgeError).diagnostics.map((d) => d.message)).toEqual(["your template package/README.md.hbs reads 'packageNme', 'titel', 'noOperatons', which this specforge version does not give it"]);
    // an inline partial reads where it is used (here an item's fields): not checked against the root
    writeFileSync(readme, '{{#*inline "op"}}{{md anyFieldOfTheItem}}{{/inline}}{{md packageName}}\n');
    expect((await run()).files.find((f) => f.path === "README.md")?.contents).toBe("x\n");
  });

  it("client.ts.hbs still gets the fields its copies before createXClientWith read, so they keep the validators", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "client"), { recursive: true });
    writeFileSync(path.join(dir, "client/client.ts.hbs"), "{{#if validation}}{{code validation.note}}|{{code validation.senderNote}}{{/if}}|{{#if validateRequests}}requests{{/if}}|{{#if validateResponses}}responses{{/if}}\n");
    const input = path.join(ROOT, "test/fixtures/validated-requests/openapi.yaml");
    const { files } = await generate({ input, packageName: "x", targets: ["client"], client: { validateRequests: true, validateResponses: true }, templates: dir });
    const note = "// generated with `client: { validateRequests: true, validateResponses: true }`: calls and";
    expect(files.find((f) => f.path === "src/client.ts")?.contents).toBe(
      `${note} responses are checked unless the caller says otherwise|${note} replies are checked unless the caller says otherwise|requests|responses\n`,
    );
  });

  it("a user's template folder overrides ours file by file", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "package"), { recursive: true });
    writeFileSync(path.join(dir, "package/README.md.hbs"), "# Custom {{md packageName}}\n");
    const { files } = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", templates: dir });
    expect(files.find((f) => f.path === "README.md")?.contents).toBe("# Custom x\n");
    expect(files.find((f) => f.path === "src/types.ts")?.contents).toMatch(/export type UserStatusResponse =/);
  });
});
