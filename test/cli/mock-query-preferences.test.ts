/**
 * Prism's query spelling of the mock's preferences (query-preferences.ts, dynamic.ts) where its value is
 * one `Prefer` cannot carry or is left out: `?__example=big dog` (a space) and `one,two` (a comma) still name
 * that example (in `Prefer` a quoted string names it, RFC 7240), and a
 * bare `?__dynamic` asks for a made-up answer as `__dynamic=true` does; a
 * dynamic answer is made for a JSON reply only (a text one the request's Accept chose is the example).
 */
import { describe, expect, it } from "vitest";
import { startServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Prefs, version: "1" }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { type: array, items: { type: string } }, examples: { one: { value: [rex] }, "big dog": { value: [rex, tom] }, "one,two": { value: [rex, tom, max] } } } }
  /tokens:
    get:
      operationId: getToken
      responses:
        "200":
          description: ok
          content:
            application/json: { schema: { type: string, format: uuid }, example: 00000000-0000-0000-0000-000000000000 }
            text/plain: { schema: { type: string }, example: a token }
`;

describe("specforge mock query preferences", () => {
  it("names an example whose name holds a space or a comma, takes a bare __dynamic as true, and leaves a text answer static", async () => {
    const spec = fileWriter(tempDir())("prefs.yaml", SPEC);
    const { child, url } = await startServingCli("mock", [spec, "--port", "0"]);
    const get = async (target: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`${url}${target}`, { headers });
      return [r.status, await r.json()];
    };
    try {
      expect(await get("/pets")).toEqual([200, ["rex"]]);
      expect(await get("/pets?__example=big%20dog")).toEqual([200, ["rex", "tom"]]);
      expect(await get("/pets?__example=big+dog")).toEqual([200, ["rex", "tom"]]);
      // a comma: the query's value stays there whole; Prefer carries it quoted (RFC 7240), unquoted it ends the preference
      expect(await get("/pets?__example=one,two")).toEqual([200, ["rex", "tom", "max"]]);
      expect(await get("/pets", { prefer: 'example="one,two"' })).toEqual([200, ["rex", "tom", "max"]]);
      expect(await get("/pets", { prefer: "example=one,two" })).toEqual([200, ["rex"]]);
      const example = "00000000-0000-0000-0000-000000000000";
      expect(await get("/tokens")).toEqual([200, example]);
      const [status, made] = await get("/tokens?__dynamic");
      expect(status).toBe(200);
      expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(made).not.toBe(example);
      // dynamic answers are made for JSON: one the request's Accept chose in text is the spec's example
      const text = await fetch(`${url}/tokens?__dynamic=true`, { headers: { accept: "text/plain" } });
      expect([text.status, text.headers.get("content-type"), await text.text()]).toEqual([200, "text/plain", "a token"]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
