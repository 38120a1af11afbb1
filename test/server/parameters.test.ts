/**
 * Every parameter style the client writes, read back by the server (the parameters fixture): path
 * simple, label and matrix (lists and exploded objects), headers, cookies, query form (exploded or not),
 * space- and pipe-delimited, deepObject and JSON content; values coerced to their schema's types.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createParametersClient } from "../fixtures/parameters/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type ParametersHandlers } from "../fixtures/parameters/generated/src/server.js";
import { listen, type Listening } from "./helpers.js";

const got: Record<string, unknown>[] = [];
let server: Listening;
beforeAll(async () => {
  const mock = createMockHandlers();
  const handlers: ParametersHandlers = {
    ...mock,
    getPathStyles: (input) => {
      got.push({ path: input.path, headers: input.headers, cookies: input.cookies });
      return mock.getPathStyles(input);
    },
    getLabels: (input) => {
      got.push({ path: input.path });
      return mock.getLabels(input);
    },
    getFile: (input) => {
      got.push({ path: input.path });
      return mock.getFile(input);
    },
    getDoc: (input) => {
      got.push({ path: input.path });
      return mock.getDoc(input);
    },
    getNote: (input) => {
      got.push({ path: input.path, query: input.query, headers: input.headers, cookies: input.cookies });
      return mock.getNote(input);
    },
    cancelJob: (input) => {
      got.push({ path: input.path });
      return mock.cancelJob(input);
    },
    searchQueryStyles: (input) => {
      got.push({ query: input.query });
      return mock.searchQueryStyles(input);
    },
  };
  server = await listen(toNodeListener(createHandler(handlers, { security: mockSecurity })));
});
afterAll(() => server.close());

it("path, header and cookie styles arrive as the client sent them", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  const input = {
    path: { simpleArr: [1, 2], simpleObj: { x: 1, y: 2 }, labelArr: [3, 4], labelObj: { x: 3, y: 4 }, matrixArr: [5, 6], matrixObj: { x: 5, y: 6 } },
    headers: { "X-Ids": [7, 8], "X-Point": { x: 7, y: 8 } },
    cookies: { session: "s 1;2", prefs: ["a", "b"], pos: { x: 9, y: 10 } },
  };
  got.length = 0;
  await api.getPathStyles(input);
  expect(got).toEqual([input]);
});

it("query styles arrive as the client sent them", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  const query = {
    tags: ["a b", "c&d"],
    ids: [1, 2],
    point: { x: 1, y: 2 },
    box: { x: 3, y: 4 },
    words: ["hello", "world"],
    codes: [1, 2, 3],
    filter: { name: "rex", minAge: 2 },
    where: { name: "rex", minAge: 1 },
    page: 2,
  };
  got.length = 0;
  await api.searchQueryStyles({ query });
  expect(got).toEqual([{ query }]);
});

it("a content parameter that is not JSON (text/plain) is sent as its text, unquoted, and read back so", async () => {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  const api = createParametersClient({ baseUrl: server.url, hooks: [{ onRequest: (r) => void sent.push({ url: r.url, headers: { ...r.headers } }) }] });
  const input = { path: { slug: "a b" }, query: { q: "x y&z" }, headers: { "X-Note": "hello" }, cookies: { token: "abc" } };
  got.length = 0;
  await api.getNote(input);
  // as OpenAPI's media type registry says of text/plain: the string, not a JSON string ("abc" in quotes)
  expect(sent[0]!.url).toBe(`${server.url}/notes/a%20b?q=x%20y%26z`);
  expect(sent[0]!.headers).toMatchObject({ "x-note": "hello", cookie: "token=abc" });
  expect(got).toEqual([input]);
});

it("a delimited list's items and a delimited object's values keep the delimiter they hold", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  const query = { tags: ["x"], labels: ["a,b", "c", "d|e"], paths: ["usr|bin", "a,b"], pair: { from: "1,2", to: "3" }, page: 1 };
  got.length = 0;
  await api.searchQueryStyles({ query });
  expect(got).toEqual([{ query }]);
  // as another client writes them: literal delimiters between items, percent-encoded ones inside
  got.length = 0;
  const res = await fetch(`${server.url}/search?tags=x&labels=a%2Cb,c&paths=usr%7Cbin|a,b&pair=from,1%2C2,to,3`);
  expect(res.status).toBe(200);
  expect(got).toEqual([{ query: { tags: ["x"], labels: ["a,b", "c"], paths: ["usr|bin", "a,b"], pair: { from: "1,2", to: "3" }, page: 1 } }]);
  // a one-item list whose item holds the delimiter: sent encoded, with no literal delimiter, it stays one item
  got.length = 0;
  await api.searchQueryStyles({ query: { tags: ["x"], labels: ["Smith, John"], paths: ["x|y"], page: 1 } });
  expect(got).toEqual([{ query: { tags: ["x"], labels: ["Smith, John"], paths: ["x|y"], page: 1 } }]);
  // so is a joined string as URLSearchParams writes it (every delimiter encoded): one item each, as the style
  // reads it; an object whose names and values do not pair up is refused, not read as {} or a guess
  got.length = 0;
  const joined = new URLSearchParams({ tags: "x", labels: "a,b", paths: "usr|bin" });
  expect((await fetch(`${server.url}/search?${joined}`)).status).toBe(200);
  expect(got).toEqual([{ query: { tags: ["x"], labels: ["a,b"], paths: ["usr|bin"], page: 1 } }]);
  for (const pair of ["from,1,to", ",a,b", "from%2C1%2Cto%2C3"]) {
    const odd = await fetch(`${server.url}/search?tags=x&pair=${pair}`);
    expect(odd.status, pair).toBe(400);
    expect(((await odd.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer), pair).toEqual(["/query/pair"]);
  }
});

it("a cookie list's items keep the commas they hold; a cookie's lone percent sign is its own", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  const input = {
    path: { simpleArr: [1], simpleObj: { x: 1, y: 2 }, labelArr: [3], labelObj: { x: 3, y: 4 }, matrixArr: [5], matrixObj: { x: 5, y: 6 } },
    headers: { "X-Ids": [7] },
    cookies: { session: "100% off", prefs: ["a,b", "50%"] },
  };
  got.length = 0;
  await api.getPathStyles(input);
  expect(got).toEqual([input]);
  // an exploded list, 3.0's default for cookies, as the client sends it (an item's own comma kept), and as
  // others write it (commas between items); a browser's other cookies, a session's among them, stay out
  got.length = 0;
  await api.getPathStyles({ ...input, cookies: { ...input.cookies, tags: ["a", "b c", "d,e"] } });
  expect((got[0] as { cookies: unknown }).cookies).toEqual({ ...input.cookies, tags: ["a", "b c", "d,e"] });
  got.length = 0;
  const other = await fetch(`${server.url}/styles/1/x=1,y=2/.3/.x=3.y=4/;matrixArr=5/;x=5;y=6`, { headers: { "X-Ids": "7", cookie: "session=s; tags=a,b; _ga=GA1.2.3; sid=s%3ASECRET; tags=c" } });
  expect(other.status).toBe(200);
  expect((got[0] as { cookies: unknown }).cookies).toEqual({ session: "s", tags: ["a", "b", "c"] });
  // a parameter's value holding percent triplets arrives as given (its `%` sent as `%25`), and so does a
  // one-item list whose item holds the delimiter
  got.length = 0;
  await api.getPathStyles({ ...input, cookies: { session: "s%3Aabc.SIG", prefs: ["Smith, John"] } });
  expect((got[0] as { cookies: unknown }).cookies).toEqual({ session: "s%3Aabc.SIG", prefs: ["Smith, John"] });
  // from a client that does not percent-encode: a value that is no valid encoding is taken as it is
  got.length = 0;
  const res = await fetch(`${server.url}/styles/1/x=1,y=2/.3/.x=3.y=4/;matrixArr=5/;x=5;y=6`, { headers: { "X-Ids": "7", cookie: "session=100%; prefs=a,b" } });
  expect(res.status).toBe(200);
  expect((got[0] as { cookies: unknown }).cookies).toEqual({ session: "100%", prefs: ["a", "b"] });
  // from a writer that encodes every comma (the cookie package, Express's res.cookie): one item, as the
  // style reads it (an item's own comma is sent encoded)
  got.length = 0;
  const encoded = await fetch(`${server.url}/styles/1/x=1,y=2/.3/.x=3.y=4/;matrixArr=5/;x=5;y=6`, { headers: { "X-Ids": "7", cookie: "session=s; prefs=a%2Cb" } });
  expect(encoded.status).toBe(200);
  expect((got[0] as { cookies: unknown }).cookies).toEqual({ session: "s", prefs: ["a,b"] });
});

it("parameters sharing a segment with a literal keep the literal's character they hold", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  got.length = 0;
  await api.getFile({ path: { name: "my.file", ext: "tar.gz" } });
  await api.getDoc({ path: { doc: "v1.json" } });
  expect(got).toEqual([{ path: { name: "my.file", ext: "tar.gz" } }, { path: { doc: "v1.json" } }]);
  // as another client writes them, the literal unencoded in the values too: the last one is the literal
  got.length = 0;
  for (const p of ["/files/report.2024.csv", "/docs/v1.json.json", "/files/a%2Eb.c"]) expect((await fetch(server.url + p)).status).toBe(200);
  expect(got).toEqual([{ path: { name: "report.2024", ext: "csv" } }, { path: { doc: "v1.json" } }, { path: { name: "a.b", ext: "c" } }]);
  for (const p of ["/files/.csv", "/files/report.", "/docs/.json"]) expect((await fetch(server.url + p)).status).toBe(404);
  // a literal sent percent-encoded, in either case (RFC 3986 §2.1: .NET's UrlEncode writes `%3a`)
  got.length = 0;
  await api.cancelJob({ path: { job: "a:b" } });
  for (const p of ["/jobs/abc%3Acancel", "/jobs/abc%3acancel", "/jobs/abc:cancel"]) expect((await fetch(server.url + p, { method: "POST" })).status, p).toBe(200);
  expect(got).toEqual([{ path: { job: "a:b" } }, { path: { job: "abc" } }, { path: { job: "abc" } }, { path: { job: "abc" } }]);
});

it("a '+' in a path is a '+' (only a form's '+' is a space); an empty segment is no parameter's value", async () => {
  got.length = 0;
  expect((await fetch(`${server.url}/files/a+b.c%2Bd`)).status).toBe(200);
  expect(got).toEqual([{ path: { name: "a+b", ext: "c+d" } }]);
  expect((await fetch(`${server.url}/resources/`)).status).toBe(404);
});

it("exploded label values keep their dots (a file name, a decimal)", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  got.length = 0;
  await api.getLabels({ path: { names: ["a.txt", "b"], scale: { x: 1.5, y: 2 } } });
  expect(got).toEqual([{ path: { names: ["a.txt", "b"], scale: { x: 1.5, y: 2 } } }]);
});

it("a deepObject parameter's nested object arrives nested, as the client sends it in brackets", async () => {
  const api = createParametersClient({ baseUrl: server.url });
  const query = { tags: ["x"], filter: { name: "rex", born: { after: 2019, before: 2021 } }, page: 1 };
  got.length = 0;
  await api.searchQueryStyles({ query });
  expect(got).toEqual([{ query }]);
  got.length = 0;
  const res = await fetch(`${server.url}/search?tags=x&filter[born][after]=2019&filter%5Bborn%5D%5Bbefore%5D=2021`);
  expect(res.status).toBe(200);
  expect(got).toEqual([{ query: { tags: ["x"], filter: { born: { after: 2019, before: 2021 } }, page: 1 } }]);
  const bad = await fetch(`${server.url}/search?tags=x&filter[born][after]=soon`);
  expect(((await bad.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(["/query/filter/born/after"]);
  // nesting past 64 levels is refused before anything walks it, as a JSON parameter's is
  const deep = await fetch(`${server.url}/search?tags=x&filter${"[a]".repeat(65)}=1`);
  expect([deep.status, ((await deep.json()) as { errors: unknown[] }).errors]).toEqual([400, [{ pointer: "/query/filter", detail: "nests deeper than 64 levels" }]]);
  // names that reach a prototype are refused, as in a form body: a handler merging the object pollutes nothing
  got.length = 0;
  for (const q of ["filter[__proto__][isAdmin]=true", "filter[constructor][prototype][isAdmin]=true", "filter%5B__proto__%5D=x"]) {
    const res = await fetch(`${server.url}/search?tags=x&${q}`);
    expect(res.status, q).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string; detail: string }[] }).errors, q).toEqual([{ pointer: "/query/filter", detail: expect.stringMatching(/^has a forbidden member name '(__proto__|prototype)'$/) as unknown as string }]);
  }
  expect(got).toEqual([]);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});
