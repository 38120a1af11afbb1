/**
 * Which URLs a fetched spec's refs may reach: those under the spec's folder (same origin, path prefix).
 * Table-driven over the tricks a hostile spec may write; `new URL` has already resolved the ref as the
 * load stage does.
 */
import { describe, expect, it } from "vitest";
import { headersFor } from "../../generator/load/fetch-headers.js";
import { isWithin, resolveFrom, scopeOf } from "../../generator/load/location.js";

const SPEC = "https://specs.example.com/api/v1/openapi.yaml";

describe("refs of a fetched spec stay in its folder", () => {
  const cases: Array<{ given: string; want: boolean }> = [
    { given: "./schemas/Pet.yaml", want: true },
    { given: "schemas/a..b.yaml", want: true },
    { given: "schemas/with%20space.yaml", want: true },
    { given: "HTTPS://SPECS.EXAMPLE.COM/api/v1/x.yaml", want: true },
    { given: "../secret.yaml", want: false },
    { given: "%2e%2e/secret.yaml", want: false },
    { given: "..\\secret.yaml", want: false },
    { given: "//evil.example/api/v1/x.yaml", want: false },
    { given: "https://specs.example.com@evil.example/api/v1/x.yaml", want: false },
    { given: "https://specs.example.com.evil.example/api/v1/x.yaml", want: false },
    { given: "https://specs.example.com:8443/api/v1/x.yaml", want: false },
    { given: "http://specs.example.com/api/v1/x.yaml", want: false },
    { given: "https://[::1]/api/v1/x.yaml", want: false },
    // Encoded separators: no dot segment to the URL parser, one to a server that decodes first (nginx).
    { given: "..%2f..%2fadmin/secret.yaml", want: false },
    { given: "schemas/..%2F..%2F..%2Fsecret.yaml", want: false },
    { given: "%2e%2e%2fsecret.yaml", want: false },
    { given: "..%5csecret.yaml", want: false },
    { given: "..;/secret.yaml", want: false },
    { given: "%zz/..%2fsecret.yaml", want: false },
  ];
  for (const { given, want } of cases) {
    it(`${given} -> ${want ? "inside" : "outside"}`, () => {
      expect(isWithin(resolveFrom(SPEC, given), scopeOf(SPEC))).toBe(want);
    });
  }
});

describe("fetch.headers globs send a header only to the hosts they name", () => {
  const cases: Array<{ glob: string; url: string; want: boolean }> = [
    { glob: "https://api.example.com/**", url: "https://api.example.com/specs/a.yaml", want: true },
    { glob: "https://api.example.com/**", url: "https://api.example.com.evil.example/specs/a.yaml", want: false },
    { glob: "https://*.example.com/**", url: "https://api.example.com/a.yaml", want: true },
    { glob: "https://*.example.com/**", url: "https://evil.example/?.example.com/a.yaml", want: false },
    { glob: "HTTPS://API.Example.com/specs/**", url: "https://api.example.com/specs/a.yaml", want: true },
    // `**` in the host does not cross the `/` that ends it
    { glob: "https://**.example.com/**", url: "https://a.b.example.com/a.yaml", want: true },
    { glob: "https://**.example.com/**", url: "https://evil.example/a.example.com/a.yaml", want: false },
  ];
  for (const { glob, url, want } of cases) {
    it(`${glob} ${want ? "matches" : "does not match"} ${url}`, () => {
      expect(headersFor([{ matches: glob, name: "Authorization", value: "token" }])(url)).toEqual(want ? { authorization: "token" } : {});
    });
  }
});
