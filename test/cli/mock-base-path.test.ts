/** Which path the mock also answers under: the first server's, unless an operation's own URLs may lie under it. */
import { describe, expect, it } from "vitest";
import { basePathOf, pathsUnder, serverBasePath } from "../../generator/mock/base-path.js";
import type { ApiIR } from "../../generator/ir/types.js";

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
});
