/** Which path the mock also answers under: the first server's, unless an operation's own URLs may lie under it. */
import { describe, expect, it } from "vitest";
import { basePathOf, pathsUnder, serverBasePath } from "../../generator/mock/base-path.js";
import type { ApiIR } from "../../generator/ir/types.js";
import { startServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Based, version: "1" }
servers: [{ url: "https://api.example.com/v2" }]
paths:
  /:
    get:
      operationId: home
      parameters: [{ name: q, in: query, schema: { type: string } }]
      responses: { "200": { description: ok, content: { application/json: { schema: { type: string }, example: home } } } }
  /pets:
    get:
      operationId: listPets
      responses: { "200": { description: ok, content: { application/json: { schema: { type: array }, example: [rex] } } } }
`;

const api = (url: string | undefined, paths: string[], variables: Record<string, { default: string }> = {}) =>
  ({ servers: url === undefined ? [] : [{ url, variables }], operations: paths.map((path) => ({ path })) }) as unknown as ApiIR;

describe("the mock's base path", () => {
  it("is the first server's path, its variables at their defaults, without a trailing slash", () => {
    expect(serverBasePath(api("https://api.example.com/v2/", []))).toBe("/v2");
    expect(serverBasePath(api("https://{host}/{basePath}", [], { host: { default: "h.test" }, basePath: { default: "v2/sandbox" } }))).toBe("/v2/sandbox");
    expect(serverBasePath(api("/api", []))).toBe("/api");
    expect(serverBasePath(api("https://api.example.com", []))).toBeUndefined();
    expect(serverBasePath(api(undefined, []))).toBeUndefined();
    expect([basePathOf("/"), basePathOf("v2/"), basePathOf("/v2")]).toEqual([undefined, "/v2", "/v2"]);
  });

  it("is not taken off where an operation's own URL may lie under it, a template included", () => {
    expect(pathsUnder(api("/v2", ["/items", "/items/{id}"]), "/v2")).toBe(false);
    expect(pathsUnder(api("/v2", ["/v2/items"]), "/v2")).toBe(true);
    // /v2/items is the tenant v2's items
    expect(pathsUnder(api("/v2", ["/{tenant}/items"]), "/v2")).toBe(true);
    expect(pathsUnder(api("/v2/sandbox", ["/v2/{env}"]), "/v2/sandbox")).toBe(true);
    expect(pathsUnder(api("/v2/sandbox", ["/v2"]), "/v2/sandbox")).toBe(false);
  });

  it("answers the base path itself with a query as the root (specforge mock)", async () => {
    const { child, url } = await startServingCli("mock", [fileWriter(tempDir())("based.yaml", SPEC), "--port", "0"]);
    const get = async (target: string) => {
      const r = await fetch(`${url}${target}`);
      return [r.status, await r.json()];
    };
    try {
      expect(await get("/v2?q=1")).toEqual([200, "home"]);
      expect(await get("/v2")).toEqual([200, "home"]);
      expect(await get("/v2/pets?q=1")).toEqual([200, ["rex"]]);
      expect(await get("/?q=1")).toEqual([200, "home"]);
      expect((await get("/v2x?q=1"))[0]).toBe(404);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
