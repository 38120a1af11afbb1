/**
 * Parameter serialization, table-driven (given/want): every style and explode value of OpenAPI 3.1's
 * "Style Examples" table for a primitive, an array and an object, plus deepObject nesting, JSON content
 * parameters and the encoders. The runtime is the same file in every package; this one is the parameters
 * fixture's. The wire test at the end sends the same styles through a generated client to a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rt from "../fixtures/parameters/generated/src/client-runtime.js";
import { createParametersClient } from "../fixtures/parameters/generated/src/client.js";
import { startServer, type TestServer } from "./helpers/server.js";

const primitive = "blue";
const array = ["blue", "black", "brown"];
const object = { R: 100, G: 200, B: 150 };
const E = encodeURIComponent;

describe("styles (OpenAPI 3.1 style examples, name `color`)", () => {
  const table: Array<[string, rt.Serializer, unknown, string]> = [
    ["simple primitive", rt.simple, primitive, "blue"],
    ["simple array", rt.simple, array, "blue,black,brown"],
    ["simple explode array", rt.simpleExplode, array, "blue,black,brown"],
    ["simple object", rt.simple, object, "R,100,G,200,B,150"],
    ["simple explode object", rt.simpleExplode, object, "R=100,G=200,B=150"],
    ["label primitive", rt.label, primitive, ".blue"],
    ["label array", rt.label, array, ".blue,black,brown"],
    ["label explode array", rt.labelExplode, array, ".blue.black.brown"],
    ["label object", rt.label, object, ".R,100,G,200,B,150"],
    ["label explode object", rt.labelExplode, object, ".R=100.G=200.B=150"],
    ["matrix primitive", rt.matrix, primitive, ";color=blue"],
    ["matrix array", rt.matrix, array, ";color=blue,black,brown"],
    ["matrix explode array", rt.matrixExplode, array, ";color=blue;color=black;color=brown"],
    ["matrix object", rt.matrix, object, ";color=R,100,G,200,B,150"],
    ["matrix explode object", rt.matrixExplode, object, ";R=100;G=200;B=150"],
    ["form primitive", rt.form, primitive, "color=blue"],
    ["form array", rt.form, array, "color=blue,black,brown"],
    ["form explode array", rt.formExplode, array, "color=blue&color=black&color=brown"],
    ["form object", rt.form, object, "color=R,100,G,200,B,150"],
    ["form explode object", rt.formExplode, object, "R=100&G=200&B=150"],
    ["spaceDelimited array", rt.spaceDelimited, array, "color=blue%20black%20brown"],
    ["spaceDelimited object", rt.spaceDelimited, object, "color=R%20100%20G%20200%20B%20150"],
    ["pipeDelimited array", rt.pipeDelimited, array, "color=blue|black|brown"],
    ["pipeDelimited object", rt.pipeDelimited, object, "color=R|100|G|200|B|150"],
    ["deepObject object", rt.deepObject, object, "color[R]=100&color[G]=200&color[B]=150"],
    ["matrix empty", rt.matrix, "", ";color"],
    ["matrix explode empty", rt.matrixExplode, "", ";color"],
    ["label empty", rt.label, "", "."],
    ["simple empty", rt.simple, "", ""],
    ["form empty", rt.form, "", "color="],
    ["form explode empty", rt.formExplode, "", "color="],
  ];
  it.each(table)("%s", (_name, serialize, given, want) => {
    expect(serialize("color", given, E)).toBe(want);
  });
});

describe("values and encoding", () => {
  const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
  const table: Array<[string, () => string, string]> = [
    ["reserved characters in a query value are encoded", () => rt.formExplode("q", "a&b=c/d?e#f", E), "q=a%26b%3Dc%2Fd%3Fe%23f"],
    ["reserved characters stay with allowReserved, but '#'", () => rt.formExplode("q", "a/b?c:d@e#f", rt.encodeReserved), "q=a/b?c:d@e%23f"],
    ["percent-encoded triplets stay with allowReserved (RFC 6570 reserved expansion); a lone '%' is encoded", () => rt.formExplode("q", "100%25 a%2Fb%zz%", rt.encodeReserved), "q=100%25%20a%2Fb%25zz%25"],
    ["array items are encoded one by one, separators are not", () => rt.form("ids", ["a,b", "c d"], E), "ids=a%2Cb,c%20d"],
    ["an empty exploded array sends nothing", () => rt.formExplode("tags", [], E), ""],
    ["an empty array unexploded sends the name", () => rt.form("tags", [], E), "tags="],
    ["booleans and numbers as text", () => rt.formExplode("f", [true, 0, -1.5], E), "f=true&f=0&f=-1.5"],
    ["undefined object members are left out", () => rt.formExplode("p", { a: 1, b: undefined }, E), "a=1"],
    ["deepObject nests objects and repeats array keys", () => rt.deepObject("filter", { name: "rex", tags: ["a", "b"], age: { min: 1 } }, E), "filter[name]=rex&filter[tags]=a&filter[tags]=b&filter[age][min]=1"],
    ["deepObject keys are encoded", () => rt.deepObject("f", { "a b": "x&y" }, E), "f[a%20b]=x%26y"],
    ["a JSON content parameter in the query", () => rt.json("where", { name: "rex", minAge: 1 }, E), "where=%7B%22name%22%3A%22rex%22%2C%22minAge%22%3A1%7D"],
    ["a JSON content parameter in a header", () => rt.jsonValue("", { a: [1] }, (v) => v), '{"a":[1]}'],
    ["cookie values keep cookie-octets, encode the rest", () => rt.encodeCookie('a:b/c d;e,f"g\\h\u00e9\u{1F600}'), 'a:b/c%20d%3Be%2Cf%22g%5Ch%C3%A9%F0%9F%98%80'],
    ["cookie-octets by RFC 6265's ranges (%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E), but '%', stay; all else is encoded", () => rt.encodeCookie(ascii), ascii.replace(/[^\x21\x23\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/g, encodeURIComponent)],
    ["an exploded object's member name has its own '=' escaped, as a cookie's encoder keeps it", () => rt.cookieExplode("id", { "a=b": "c=d", "x y": "1" }, rt.encodeCookie), "a%3Db=c=d; x%20y=1"],
    ["and as allowReserved keeps it; unexploded, a name's '=' is no separator", () => rt.formExplode("p", { "a=b": "c=d" }, rt.encodeReserved) + " " + rt.cookie("id", { "a=b": "1" }, rt.encodeCookie), "a%3Db=c=d id=a=b,1"],
    ["exploded cookie arrays are separate pairs", () => rt.cookieExplode("p", ["a", "b"], rt.encodeCookie), "p=a; p=b"],
    ["unexploded cookie arrays are one pair", () => rt.cookie("p", ["a", "b"], rt.encodeCookie), "p=a,b"],
    ["a path value keeps '/', '?', '#', '%' inside its segment", () => rt.simple("id", "a/b?c#d%e", E), "a%2Fb%3Fc%23d%25e"],
    ["label: a value's own '.', the style's separator, is percent-encoded", () => rt.labelExplode("f", ["a.txt", "1.5"], E) + " " + rt.label("f", "v1.2", E), ".a%2Etxt.1%2E5 .v1%2E2"],
  ];
  it.each(table)("%s", (_name, given, want) => {
    expect(given()).toBe(want);
  });
});

describe("the parameters fixture's client on the wire", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(() => ({ body: {} }));
  });
  afterAll(() => server.close());

  it("path, header and cookie styles", async () => {
    const api = createParametersClient({ baseUrl: server.url });
    await api.getPathStyles({
      path: { simpleArr: [1, 2], simpleObj: { x: 1, y: 2 }, labelArr: [3, 4], labelObj: { x: 5, y: 6 }, matrixArr: [7, 8], matrixObj: { x: 9, y: 10 } },
      headers: { "X-Ids": [1, 2, 3], "X-Point": { x: 1, y: 2 } },
      cookies: { session: "s 1", prefs: ["dark", "compact"] },
    });
    const r = server.requests.at(-1)!;
    expect(r.url).toBe("/styles/1,2/x=1,y=2/.3,4/.x=5.y=6/;matrixArr=7,8/;x=9;y=10");
    expect([r.headers["x-ids"], r.headers["x-point"], r.headers.cookie]).toEqual(["1,2,3", "x=1,y=2", "session=s%201; prefs=dark,compact"]);
  });

  it("query styles, in the order the spec lists them", async () => {
    const api = createParametersClient({ baseUrl: server.url });
    await api.searchQueryStyles({
      query: { tags: ["a b", "c"], ids: [1, 2], point: { x: 1, y: 2 }, box: { x: 3, y: 4 }, words: ["x", "y"], codes: [5, 6], filter: { name: "rex", minAge: 2 }, where: { name: "r&x" }, page: 2 },
    });
    expect(server.requests.at(-1)!.url).toBe(
      "/search?tags=a%20b&tags=c&ids=1,2&x=1&y=2&box=x,3,y,4&words=x%20y&codes=5|6&filter[name]=rex&filter[minAge]=2&where=%7B%22name%22%3A%22r%26x%22%7D&page=2",
    );
  });

  it("two parameters in one segment ({name}.{ext}): a value's own '.', the literal between them, is percent-encoded", async () => {
    const api = createParametersClient({ baseUrl: server.url });
    await api.getFile({ path: { name: "my.file", ext: "tar.gz" } });
    await api.getDoc({ path: { doc: "v1.2" } });
    expect(server.requests.slice(-2).map((r) => r.url)).toEqual(["/files/my%2Efile.tar%2Egz", "/docs/v1%2E2.json"]);
  });

  it("a path-level parameter overridden by the operation, a shared header, and a 204", async () => {
    const api = createParametersClient({ baseUrl: server.url });
    server.handle(() => ({ status: 204 }));
    expect(await api.deleteResource({ path: { resourceId: 7 }, query: { verbose: true }, headers: { "X-Request-Id": "3fa85f64-5717-4562-b3fc-2c963f66afa6" } })).toBeUndefined();
    const r = server.requests.at(-1)!;
    expect([r.method, r.url, r.headers["x-request-id"]]).toEqual(["DELETE", "/resources/7?verbose=true", "3fa85f64-5717-4562-b3fc-2c963f66afa6"]);
  });
});
