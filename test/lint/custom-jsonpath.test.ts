/**
 * The JSONPath of custom rules' `given`: what each form selects (pointers of the selected values), `~` keys,
 * `..` deep scans, filters, `$ref`s followed or not, and paths that do not parse (with the character).
 * Table-driven: `given` is the path, `want` the pointers selected in DOC, in order.
 */
import { describe, expect, it } from "vitest";
import { parseJsonPath, JsonPathError } from "../../generator/lint/custom/jsonpath-parse.js";
import { query } from "../../generator/lint/custom/jsonpath.js";

const DOC = {
  paths: {
    "/pets": {
      get: { tags: ["pets"], parameters: [{ $ref: "#/components/parameters/Limit" }, { name: "q", in: "query", required: true }] },
      post: { deprecated: true, parameters: [{ name: "X-Id", in: "header" }] },
    },
    "/pets/{id}": { $ref: "#/components/pathItems/Pet" },
  },
  components: {
    parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } } },
    pathItems: { Pet: { delete: { parameters: [{ name: "id", in: "path" }] } } },
    schemas: { Node: { type: "object", properties: { next: { $ref: "#/components/schemas/Node" } } } },
  },
};

const select = (path: string, resolve = true) => query({ root: DOC, resolve }, parseJsonPath(path)).map((n) => n.pointer);
const values = (path: string) => query({ root: DOC, resolve: true }, parseJsonPath(path)).map((n) => n.value);

describe("custom rules' JSONPath", () => {
  const cases: Array<{ given: string; want: string[]; resolve?: boolean }> = [
    { given: "$", want: [""] },
    { given: "$.paths[*]", want: ["/paths/~1pets", "/components/pathItems/Pet"] },
    { given: "$.paths[*]~", want: ["/paths/~1pets", "/paths/~1pets~1{id}"] },
    { given: "$.paths['/pets'][get,post]", want: ["/paths/~1pets/get", "/paths/~1pets/post"] },
    { given: '$.paths["/pets"].get.parameters[-1]', want: ["/paths/~1pets/get/parameters/1"] },
    { given: "$.paths['/pets'].get.parameters[0]", want: ["/components/parameters/Limit"] },
    { given: "$.paths['/pets'].get.parameters[0]", want: ["/paths/~1pets/get/parameters/0"], resolve: false },
    { given: "$.paths['/pets'].get.parameters[0:1]", want: ["/components/parameters/Limit"] },
    { given: "$.paths['/pets'].get.parameters[::-1]", want: ["/paths/~1pets/get/parameters/1", "/components/parameters/Limit"] },
    { given: "$.paths[*][*].parameters[?(@.in == 'query')]", want: ["/components/parameters/Limit", "/paths/~1pets/get/parameters/1"] },
    { given: "$.paths[*][*].parameters[?(@.in === 'query' && !@.required)]", want: ["/components/parameters/Limit"] },
    { given: "$.paths[*][?(@property === 'post' || @.deprecated)]", want: ["/paths/~1pets/post"] },
    { given: "$..parameters[?(@.schema.maximum > 10)]", want: ["/components/parameters/Limit"] },
    { given: "$..[?(@.in == 'path')].name", want: ["/components/pathItems/Pet/delete/parameters/0/name"] },
    // Each object once: Limit is met through the operation's $ref first, and not again under components.
    { given: "$..name", want: ["/components/parameters/Limit/name", "/paths/~1pets/get/parameters/1/name", "/paths/~1pets/post/parameters/0/name", "/components/pathItems/Pet/delete/parameters/0/name"] },
    { given: "$..$ref", want: [] },
    { given: "$..$ref", want: ["/paths/~1pets/get/parameters/0/$ref", "/paths/~1pets~1{id}/$ref", "/components/schemas/Node/properties/next/$ref"], resolve: false },
    { given: "$.components.schemas..next", want: ["/components/schemas/Node"] },
    { given: "$.nothing[*]", want: [] },
    // jsonpath-plus's forms that Spectral rulesets use: `.[` as `[`, and `^` for the parent.
    { given: "$.paths.[*].[get]", want: ["/paths/~1pets/get"] },
    { given: "$.paths[*][*].parameters[?(@.in == 'header')]^", want: ["/paths/~1pets/post/parameters"] },
    { given: "$..[?(@.in == 'query')]^^", want: ["/paths/~1pets/get"] },
    { given: "$.paths[*][*].parameters^", want: ["/paths/~1pets/get", "/paths/~1pets/post", "/components/pathItems/Pet/delete"] },
    { given: "$.components.parameters.Limit.name^^", want: ["/components/parameters"] },
    // String methods, called from a fixed table: on anything else than a string they give undefined.
    { given: "$.paths[*][*].parameters[?(@.name.match(/^x-/i))]", want: ["/paths/~1pets/post/parameters/0"] },
    { given: "$.paths[*][*].parameters[?(@.name.toLowerCase() === 'x-id')].in", want: ["/paths/~1pets/post/parameters/0/in"] },
    { given: "$.paths[*][?(@property.indexOf('po') === 0 || @property.endsWith('ete'))]", want: ["/paths/~1pets/post", "/components/pathItems/Pet/delete"] },
    { given: "$.paths[*][*].parameters[?(@.name.includes('mi') && !@.name.startsWith('q'))]", want: ["/components/parameters/Limit"] },
    { given: "$..[?(@.schema.match(/int/))]", want: [] },
    // A list's own indexOf and includes, as in JavaScript (Spectral's filters are JavaScript).
    { given: "$.paths[*][?(@.tags.includes('pets'))]", want: ["/paths/~1pets/get"] },
    { given: "$.paths[*][?(@.tags.indexOf('pets') === 0 && !@.tags.includes('cats'))]", want: ["/paths/~1pets/get"] },
    { given: "$.paths[?(@property.match(/[/]pets$/))]", want: ["/paths/~1pets"] },
  ];
  for (const { given, want, resolve } of cases) {
    it(`${given}${resolve === false ? " (resolved: false)" : ""}`, () => expect(select(given, resolve)).toEqual(want));
  }

  it("`~` gives the keys themselves as values", () => {
    expect(values("$.paths[*]~")).toEqual(["/pets", "/pets/{id}"]);
    expect(values("$.paths['/pets'].get.parameters[*]~")).toEqual([0, 1]);
  });

  it("a deep scan of a deeply nested document neither recurses nor loops on a $ref cycle", () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    const root = { deep, loop: { $ref: "#/loop" }, a: { $ref: "#/b" }, b: { $ref: "#/a" } };
    expect(query({ root, resolve: true }, parseJsonPath("$..x")).map((n) => n.value)).toEqual([1]);
  });

  it("filters nest up to 64 levels, and chain any number of `||` and `&&` terms", () => {
    const doc = { paths: { a: { get: 1 }, b: { put: 1 } } };
    const run = (given: string) => query({ root: doc, resolve: true }, parseJsonPath(given)).map((n) => n.pointer);
    expect(run(`$.paths[?(${"!".repeat(64)}@.get)]`)).toEqual(["/paths/a"]);
    expect(run(`$.paths[?(${"(".repeat(63)}!@.get${")".repeat(63)})]`)).toEqual(["/paths/b"]);
    const terms = (op: string, last: string) => [...Array.from({ length: 20_000 }, (_, i) => `@.x${i}`), last].join(` ${op} `);
    expect(run(`$.paths[?(${terms("||", "@.put")})]`)).toEqual(["/paths/b"]);
    expect(run(`$.paths[?(${terms("&&", "@.put")})]`)).toEqual([]);
    expect(run(`$.paths[?(@.get && (${terms("||", "!@.x")}))]`)).toEqual(["/paths/a"]);
  });

  // JavaScript's (and so Spectral's) `==` and ordering: a numeric string meets a number as that number.
  const RESPONSES = { responses: { "200": { code: 5 }, "404": { code: "5" }, default: { code: "five" } } };
  const coerced: Array<{ given: string; want: string[] }> = [
    { given: "$.responses[?(@property >= 400)]", want: ["/responses/404"] },
    { given: "$.responses[?(@property < 300)]", want: ["/responses/200"] },
    { given: "$.responses[?(400 <= @property)]", want: ["/responses/404"] },
    { given: "$.responses[?(@property == 200)]", want: ["/responses/200"] },
    { given: "$.responses[?(@property != 200)]", want: ["/responses/404", "/responses/default"] },
    { given: "$.responses[?(@property === 200)]", want: [] },
    { given: "$.responses[?(@property !== '200')]", want: ["/responses/404", "/responses/default"] },
    { given: "$.responses[?(@.code == '5')]", want: ["/responses/200", "/responses/404"] },
    { given: "$.responses[?(@.code === '5')]", want: ["/responses/404"] },
    { given: "$.responses[?(@.code >= '5')]", want: ["/responses/200", "/responses/404", "/responses/default"] },
    { given: "$.responses[?(@.code > 4)]", want: ["/responses/200", "/responses/404"] },
    // Strings order as strings (as in JavaScript), and a string that is not a number never meets one.
    { given: "$.responses[?(@property > '3')]", want: ["/responses/404", "/responses/default"] },
    { given: "$.responses[?(@.code == 0 || @.code < 0 || @.code > 0 && @.code == 'five')]", want: [] },
  ];
  for (const { given, want } of coerced) {
    it(`${given} (a numeric string against a number)`, () => expect(query({ root: RESPONSES, resolve: true }, parseJsonPath(given)).map((n) => n.pointer)).toEqual(want));
  }

  const bad: Array<{ given: string; want: RegExp; at: number }> = [
    { given: "paths[*]", want: /starts with '\$'/, at: 0 },
    { given: "$.paths[*", want: /unclosed '\['/, at: 7 },
    { given: "$.paths~.x", want: /'~' may only end the path/, at: 7 },
    { given: "$.a[?(@.x = 1)]", want: /unexpected '='/, at: 10 },
    // A filter is read as data: JavaScript in it is a parse error, never code run.
    { given: "$.a[?(@.constructor.constructor('return process')())]", want: /'constructor\(\)' is not a method a filter may call/, at: 20 },
    { given: "$.a[?(@.x.match('a'))]", want: /match\(\) takes a regular expression/, at: 16 },
    { given: "$.a[?(@.x.indexOf(/a/))]", want: /indexOf\(\) takes a quoted string/, at: 18 },
    { given: "$.a[?(@.x.match(/a)]", want: /unclosed regular expression/, at: 16 },
    { given: "$.a[?(@.x.match(/(/))]", want: /invalid regular expression/, at: 16 },
    { given: "$.a[?(process.exit())]", want: /unexpected 'p' in the filter/, at: 6 },
    // jsonpath-plus's other @-names are named, not "unexpected 'p'" one past the '@'.
    { given: "$.a[?(@parentProperty === 'x')]", want: /'@parentProperty' is not read in filters/, at: 6 },
    { given: "$.a[?(@parent.type)]", want: /'@parent' is not read in filters/, at: 6 },
    { given: "$.a[1::0]", want: /step cannot be 0/, at: 4 },
    { given: "$.a['x", want: /unclosed quote/, at: 4 },
    // Number("-") is NaN: `[-]` once selected a node at `.../NaN`.
    { given: "$.paths[-]", want: /digits after '-'/, at: 8 },
    { given: "$.a[-:2]", want: /digits after '-'/, at: 4 },
    { given: "$.a[1:-]", want: /digits after '-'/, at: 4 },
    // Nesting is capped so that a config cannot overflow the stack (it once crashed with a RangeError).
    { given: `$.paths[?(${"!".repeat(20_000)}@.get)]`, want: /nests deeper than 64/, at: 74 },
    { given: `$.paths[?(${"(".repeat(20_000)}@.get${")".repeat(20_000)})]`, want: /nests deeper than 64/, at: 74 },
  ];
  for (const { given, want, at } of bad) {
    it(`rejects ${given.length > 60 ? `${given.slice(0, 57)}...` : given}`, () => {
      let caught: unknown;
      try {
        parseJsonPath(given);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(JsonPathError);
      expect((caught as JsonPathError).message).toMatch(want);
      expect((caught as JsonPathError).at).toBe(at);
    });
  }
});
