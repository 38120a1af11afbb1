/**
 * `specforge mock --stateful` paging at its edges (stateful-page.ts): a page parameter counted from its
 * default 0, a size of 0, the page and size written back, the pages of an empty list, a cursor list's `""`
 * end cursor where its schema allows no null, an empty cursor, and a cursor the mock never gave (a 400, as
 * Stripe answers an unknown `starting_after`, not an empty page a client would read as the list's end).
 * One real mock process on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, stderrLines, until, type ServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";

/** A collection `/name` listing `Item`s as `list` says, its GET taking `parameters` (`refusal`: more of its responses), and its item path. */
const collection = (name: string, parameters: string, list: string, extra = "", refusal = "") => `
  /${name}:
    get:
      operationId: list_${name}
${extra}      parameters:
${parameters}
      responses:
        "200": { description: a page, content: { application/json: ${list} } }
${refusal}    post:
      operationId: create_${name}
      requestBody: { content: { application/json: { schema: { type: object, properties: { status: { type: string } } } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } } }
  /${name}/{id}:
    get:
      operationId: get_${name}
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { "200": { description: one, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } } }
`;
const param = (name: string, schema: string) => `        - { name: ${name}, in: query, schema: ${schema} }\n`;
const items = `items: { type: array, items: { $ref: "#/components/schemas/Item" } }`;

const SPEC = `openapi: 3.1.0
info: { title: Paging, version: "1" }
paths:${collection(
  "pages",
  param("page", "{ type: integer, default: 0 }") + param("size", "{ type: integer, default: 2 }"),
  `{ schema: { type: object, required: [items], properties: { page: { type: integer }, size: { type: integer }, total: { type: integer }, ${items} } }, example: { page: 0, size: 2, total: 9, items: [] } }`,
)}${collection(
  "offsets",
  param("offset", "{ type: integer, minimum: 0 }") + param("limit", "{ type: integer, minimum: 0 }"),
  `{ schema: { type: object, required: [items], properties: { total: { type: integer }, ${items} } }, example: { total: 9, items: [] } }`,
)}${collection(
  "found",
  param("from", "{ type: integer }") + param("max", "{ type: integer }"),
  `{ schema: { type: object, required: [hits], properties: { found: { type: integer }, hits: ${items.slice(7)} } }, example: { found: 9, hits: [] } }`,
  "      x-pagination: { kind: offset, offset: { in: query, name: from }, size: { in: query, name: max }, items: /hits, total: /found }\n",
)}${collection(
  "numbered",
  param("p", "{ type: integer }") + param("n", "{ type: integer }") + param("status", "{ type: string }"),
  `{ schema: { type: object, required: [data], properties: { current: { type: integer }, pages: { type: integer }, data: ${items.slice(7)} } }, example: { current: 1, pages: 9, data: [] } }`,
  "      x-pagination: { kind: page, page: { in: query, name: p }, size: { in: query, name: n }, firstPage: 1, items: /data, currentPage: /current, totalPages: /pages }\n",
)}${collection(
  "things",
  param("cursor", "{ type: string }") + param("limit", "{ type: integer }"),
  `{ schema: { type: object, required: [data, next], properties: { next: { type: string }, has_more: { type: boolean }, data: ${items.slice(7)} } }, example: { next: abc, has_more: true, data: [] } }`,
  "      x-pagination: { kind: cursor, cursor: { in: query, name: cursor }, items: /data, nextCursor: /next, hasNextPage: /has_more }\n",
)}${collection(
  "accounts",
  param("starting_after", "{ type: string }") + param("limit", "{ type: integer }") + param("status", "{ type: string }"),
  `{ schema: { type: object, required: [data], properties: { has_more: { type: boolean }, data: ${items.slice(7)} } }, example: { has_more: false, data: [] } }`,
  "      x-pagination: { kind: cursor, cursor: { in: query, name: starting_after }, itemCursor: /id, items: /data, hasNextPage: /has_more }\n",
  `        "400": { description: refused, content: { application/json: { schema: { type: object, properties: { error: { type: string } } }, example: { error: no such object } } } }\n`,
)}  /hooks:
    get:
      operationId: listHooks
      parameters:
${param("page", "{ type: integer }")}${param("per_page", "{ type: integer, default: 2 }")}      responses:
        "200":
          description: a page
          headers: { Link: { schema: { type: string }, example: '<https://api.example.com/hooks?page=2>; rel="next"' } }
          content: { application/json: { schema: ${items.slice(7)} } }
    post:
      operationId: createHook
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "201": { description: made, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } } }
  /hooks/{id}:
    get:
      operationId: getHook
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { "200": { description: one, content: { application/json: { schema: { $ref: "#/components/schemas/Item" } } } } }
components:
  schemas:
    Item: { type: object, required: [id], properties: { id: { type: integer }, status: { type: string } } }
`;

let cli: ServingCli;
let errors: string[];
beforeAll(async () => {
  cli = await startServingCli("mock", [fileWriter(tempDir())("paging.yaml", SPEC), "--port", "0", "--stateful"]);
  errors = stderrLines(cli.child);
  for (const name of ["pages", "offsets", "found", "numbered", "things", "accounts", "hooks"]) {
    for (let i = 0; i < 3; i++) {
      const made = await fetch(`${cli.url}/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "open" }) });
      expect(made.status).toBe(201);
    }
  }
});
afterAll(() => cli?.child.kill("SIGKILL"));

async function get(target: string): Promise<[number, unknown]> {
  const res = await fetch(`${cli.url}${target}`);
  return [res.status, res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text()];
}
const ids = (list: Array<{ id: number }>) => list.map((e) => e.id);

describe("specforge mock --stateful paging", () => {
  it("counts pages from 0 where the page parameter's default is 0, and writes the page and size asked for back", async () => {
    const [status, first] = (await get("/pages")) as [number, { page: number; size: number; total: number; items: Array<{ id: number }> }];
    expect([status, first.page, first.size, first.total, ids(first.items)]).toEqual([200, 0, 2, 3, [1, 2]]);
    const [, second] = (await get("/pages?page=1&size=1")) as [number, { page: number; size: number; items: Array<{ id: number }> }];
    expect([second.page, second.size, ids(second.items)]).toEqual([1, 1, [2]]);
  });

  it("answers a size of 0 with no entities and their total (the count-only request), an offset of 0 from the first; x-pagination's total set", async () => {
    expect(await get("/offsets?offset=0&limit=0")).toEqual([200, { total: 3, items: [] }]);
    expect(await get("/offsets?offset=0&limit=2")).toEqual([200, { total: 3, items: [{ id: 1, status: "open" }, { id: 2, status: "open" }] }]);
    // x-pagination's offset and size, and its total wherever it points
    expect(await get("/found?from=1&max=1")).toEqual([200, { found: 3, hits: [{ id: 2, status: "open" }] }]);
  });

  it("gives a page of size 0 no next page, which would never reach what is left: no Link, no next cursor", async () => {
    const link = await fetch(`${cli.url}/hooks?per_page=0&page=2`);
    expect([link.status, await link.json(), link.headers.get("link")]).toEqual([200, [], null]);
    const next = await fetch(`${cli.url}/hooks?page=1`);
    expect([await next.json(), next.headers.get("link")]).toEqual([[{ id: 1, status: "open" }, { id: 2, status: "open" }], '</hooks?page=2&per_page=2>; rel="next"']);
    expect(await get("/things?limit=0&cursor=1")).toEqual([200, { next: "", has_more: false, data: [] }]);
  });

  it("says one page, the first, of a list with nothing in it; a page before the first is the first", async () => {
    expect(await get("/numbered?p=2&n=2")).toEqual([200, { current: 2, pages: 2, data: [{ id: 3, status: "open" }] }]);
    expect(await get("/numbered?status=closed")).toEqual([200, { current: 1, pages: 1, data: [] }]);
    // a page before the first is the first, and says so: its number written back, its next link the second
    expect(await get("/numbered?p=0&n=2")).toEqual([200, { current: 1, pages: 2, data: [{ id: 1, status: "open" }, { id: 2, status: "open" }] }]);
    const before = await fetch(`${cli.url}/hooks?page=0`);
    expect([await before.json(), before.headers.get("link")]).toEqual([[{ id: 1, status: "open" }, { id: 2, status: "open" }], '</hooks?page=2&per_page=2>; rel="next"']);
  });

  it("ends a cursor list with the next cursor \"\" where its schema allows no null; an empty cursor starts at the first", async () => {
    expect(await get("/things?limit=2&cursor=")).toEqual([200, { next: "2", has_more: true, data: [{ id: 1, status: "open" }, { id: 2, status: "open" }] }]);
    expect(await get("/things?limit=2&cursor=2")).toEqual([200, { next: "", has_more: false, data: [{ id: 3, status: "open" }] }]);
    // its own cursor past the end of a list that has shrunk: an empty last page
    expect(await get("/things?cursor=7")).toEqual([200, { next: "", has_more: false, data: [] }]);
  });

  it("refuses a cursor naming no entity with the documented 400 (one line on stderr says why), one it never gave with a 400 problem", async () => {
    expect(await get("/accounts?starting_after=1&limit=1")).toEqual([200, { has_more: true, data: [{ id: 2, status: "open" }] }]);
    expect(await get("/accounts?starting_after=9")).toEqual([400, { error: "no such object" }]);
    await until(() => errors.length >= 1);
    expect(errors).toEqual(["listAccounts: no entity has the cursor 9 (query parameter starting_after): refused with the documented 400"]);
    const [status, problem] = await get("/things?cursor=abc");
    expect([status, problem]).toEqual([400, expect.objectContaining({ status: 400, detail: "The mock gave no cursor abc (query parameter cursor): start without one, or pass one a page of this list gave." })]);
  });

  it("places an item cursor the query's filter leaves out (changed since the page before) where it is in the list", async () => {
    const closed = await fetch(`${cli.url}/accounts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "closed" }) });
    expect(closed.status).toBe(201);
    expect(await get("/accounts?status=closed&starting_after=2")).toEqual([200, { has_more: false, data: [{ id: 4, status: "closed" }] }]);
    expect(await get("/accounts?status=open&starting_after=4")).toEqual([200, { has_more: false, data: [] }]);
  });
});
