/**
 * Generating the client: a malformed `x-pagination` is a diagnostic naming its place and what to do
 * (never a client that loops or reads the wrong field), and the runtime template can be replaced by a
 * user's template folder, file by file.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecforgeError } from "../../generator/diagnostics/diagnostic.js";
import { generate } from "../../generator/pipeline.js";
import { ROOT, tempDir } from "../helpers/project.js";

function specWith(pagination: string, extra = ""): string {
  const file = path.join(tempDir(), "openapi.yaml");
  writeFileSync(file, [
    "openapi: 3.1.0",
    "info: { title: Paged, version: 1.0.0 }",
    "paths:",
    "  /items:",
    "    get:",
    "      operationId: listItems",
    `      x-pagination: ${pagination}`,
    "      parameters: [{ name: page, in: query, schema: { type: integer } }]",
    extra,
    "      responses: { '200': { description: ok, content: { application/json: { schema: { type: object } } } } }",
    "",
  ].join("\n"));
  return file;
}

async function problems(file: string): Promise<string[]> {
  try {
    await generate({ input: file, packageName: "paged" });
  } catch (e) {
    if (e instanceof SpecforgeError) return e.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code}: ${d.message} (${d.help})`);
    throw e;
  }
  return [];
}

describe("x-pagination is checked", () => {
  const ok = "{ kind: page, page: { in: query, name: page }, items: /data, totalPages: /pages }";
  it("a well-formed one generates, with pages() and items()", async () => {
    expect(await problems(specWith(ok))).toEqual([]);
    const { files } = await generate({ input: specWith(ok), packageName: "paged" });
    expect(files.find((f) => f.path === "src/operations.js")!.contents).toContain('pagination: { in: "query", name: "page", first: 1, items: ["data"], total: ["pages"] },');
  });

  it.each([
    ["an unknown kind", "{ kind: keyset, page: { in: query, name: page }, items: /data, totalPages: /pages }", "x-pagination of GET /items: kind \"keyset\" is not supported (use `kind: page` (page numbers), `kind: cursor` (a cursor from the body or the last item), `kind: offset` (an item offset) or `kind: link` (the Link header's rel=\"next\"))"],
    ["a link's items pointer without its leading slash", "{ kind: link, items: data }", "items must be a JSON pointer into the response body, like /data/items"],
    ["an offset in no known place", "{ kind: offset, offset: { in: header, name: page }, items: /data }", "'offset' must be { in: query | body, name: <field> } (name the request field that holds the offset of the first item)"],
    ["an offset's size in a body that does not exist", "{ kind: offset, offset: { in: query, name: page }, size: { in: body, name: limit }, items: /data }", "'size' is in the body, but the operation has no request body"],
    ["a total without its leading slash", "{ kind: offset, offset: { in: query, name: page }, items: /data, total: count }", "total must be a JSON pointer into the response body, like /data/items"],
    ["a cursor in no known place", "{ kind: cursor, cursor: { in: path, name: page }, items: /data, nextCursor: /next }", "'cursor' must be { in: query | body, name: <field> } (name the request field that holds the cursor)"],
    ["a cursor parameter the operation lacks", "{ kind: cursor, cursor: { in: query, name: after }, items: /data, nextCursor: /next }", "'cursor' names query parameter 'after', which the operation does not declare"],
    ["a cursor read from nowhere", "{ kind: cursor, cursor: { in: query, name: page }, items: /data }", "needs one of nextCursor (in the body) and itemCursor (in the last item)"],
    ["a cursor read from two places", "{ kind: cursor, cursor: { in: query, name: page }, items: /data, nextCursor: /next, itemCursor: /id }", "needs one of nextCursor (in the body) and itemCursor (in the last item)"],
    ["an item cursor without its leading slash", "{ kind: cursor, cursor: { in: query, name: page }, items: /data, itemCursor: id }", "itemCursor must be a JSON pointer into an item, like /id"],
    ["a cursor without items", "{ kind: cursor, cursor: { in: query, name: page }, nextCursor: /next }", "has no 'items' pointer"],
    ["a page field in no known place", "{ kind: page, page: { in: header, name: page }, items: /data, nextPage: /next }", "'page' must be { in: query | body, name: <field> }"],
    ["a query parameter the operation lacks", "{ kind: page, page: { in: query, name: p }, items: /data, nextPage: /next }", "'page' names query parameter 'p', which the operation does not declare (declare the parameter or fix its name)"],
    ["a page in a body that does not exist", "{ kind: page, page: { in: body, name: page }, items: /data, nextPage: /next }", "'page' is in the body, but the operation has no request body"],
    ["no items pointer", "{ kind: page, page: { in: query, name: page }, nextPage: /next }", "has no 'items' pointer"],
    ["a pointer without its leading slash", "{ kind: page, page: { in: query, name: page }, items: data, nextPage: /next }", "items must be a JSON pointer into the response body, like /data/items"],
    ["no way to find the last page", "{ kind: page, page: { in: query, name: page }, items: /data }", "gives no way to detect the last page (add nextPage, hasNextPage or totalPages (with currentPage))"],
    ["a fractional first page", "{ kind: page, page: { in: query, name: page }, firstPage: 0.5, items: /data, nextPage: /next }", "firstPage must be an integer"],
  ])("%s", async (_name, pagination, message) => {
    const found = await problems(specWith(pagination));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^7:\d+ check\/x-pagination: /);
    expect(found[0]).toContain(message);
  });
});

describe("each kind's paging code is in the runtime only where an operation pages that way", () => {
  const runtimeOf = async (pagination: string) =>
    (await generate({ input: specWith(pagination), packageName: "paged" })).files.find((f) => f.path === "src/client-runtime.ts")!.contents;
  it.each([
    ["page", "{ kind: page, page: { in: query, name: page }, items: /data, totalPages: /pages }", ["function nextPage("], ["function nextCursor(", "function nextOffset(", "function nextLink("]],
    ["cursor", "{ kind: cursor, cursor: { in: query, name: page }, items: /data, nextCursor: /next }", ["function nextCursor("], ["function nextPage(", "function nextOffset("]],
    ["offset", "{ kind: offset, offset: { in: query, name: page }, items: /data }", ["function nextOffset("], ["function nextPage(", "function nextCursor("]],
    ["link", "{ kind: link, items: /data }", ["function linkPage(", "function nextLink("], ["function nextPage(", "function nextCursor(", "function nextOffset(", "function firstPage("]],
  ])("%s", async (_kind, pagination, present, absent) => {
    const runtime = await runtimeOf(pagination);
    for (const text of present) expect(runtime).toContain(text);
    for (const text of absent) expect(runtime).not.toContain(text);
  });

  it("none without paging", async () => {
    const { files } = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x" });
    expect(files.find((f) => f.path === "src/client-runtime.ts")!.contents).not.toContain("function pageAfter(");
  });
});

describe("the form encoders are in the runtime only where a body or the query string is a form", () => {
  const runtimeOf = async (spec: string) => (await generate({ input: path.join(ROOT, spec), packageName: "x" })).files.find((f) => f.path === "src/client-runtime.ts")!.contents;
  it.each([
    ["urlencoded and multipart bodies", "test/fixtures/form-encoding/openapi.yaml", true],
    ["an in: querystring parameter", "test/fixtures/openapi-32/openapi.yaml", true],
    ["JSON bodies only", "specs/bankingservice.yaml", false],
  ])("%s", async (_what, spec, forms) => {
    const runtime = await runtimeOf(spec);
    for (const text of ["function formBody(", "function multipartBody(", "function querystringText("]) expect(runtime.includes(text)).toBe(forms);
  });
});

describe("the runtime template", () => {
  it("a user's template folder replaces it", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "client"));
    writeFileSync(path.join(dir, "client/runtime.ts.hbs"), "// my runtime\nexport const createClient = () => ({});\n");
    const { files } = await generate({ input: path.join(ROOT, "specs/onefi.yaml"), packageName: "x", templates: dir });
    expect(files.find((f) => f.path === "src/client-runtime.ts")?.contents).toBe("// my runtime\nexport const createClient = () => ({});\n");
    expect(files.find((f) => f.path === "src/client.ts")?.contents).toContain("runtime.createClient(spec, options)");
  });

  it("names the Node version package.json's engines asks for", () => {
    const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const header = /Node (\d+)\+/.exec(readFileSync(path.join(ROOT, "templates/client/runtime.ts.hbs"), "utf8"))?.[1];
    expect(`>=${header}`).toBe(engines);
  });
});
