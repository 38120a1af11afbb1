/**
 * The mock's CORS headers that caches and browsers act on (cors.ts): `Vary` so that an answer made for one
 * origin is not served to another from a cache, a preflight's max age, and only the headers a script could
 * not read otherwise exposed (the CORS-safelisted ones need no listing).
 */
import { describe, expect, it } from "vitest";
import { startServingCli } from "../helpers/serving-cli.js";
import { raw } from "../server/helpers.js";

describe("specforge mock CORS", () => {
  it("varies by Origin, caches a preflight 10 minutes, exposes the answer's own headers only", async () => {
    const { child, url } = await startServingCli("mock", ["specs/onefi.yaml", "--port", "0"]);
    const port = Number(new URL(url).port);
    const path = "/users/2348123456789/status?channelCode=web";
    const origin = "http://localhost:3000";
    try {
      const preflight = await raw(port, "OPTIONS", path, { origin, "access-control-request-method": "GET" });
      expect([preflight.status, preflight.headers["access-control-max-age"], preflight.headers.vary]).toEqual([204, "600", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"]);
      const anonymous = await raw(port, "GET", path, { origin });
      expect([anonymous.status, anonymous.headers.vary]).toEqual([401, "Origin"]);
      // content-type and content-length are safelisted: a script reads them unlisted
      expect(String(anonymous.headers["access-control-expose-headers"]).split(", ").sort()).toEqual(["sl-violations", "www-authenticate"]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
