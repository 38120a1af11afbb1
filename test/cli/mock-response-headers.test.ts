/**
 * `specforge mock` and a response's documented headers: each is sent, the optional ones too (as Prism sends
 * them: a client reading `X-RateLimit-Remaining` or `X-Total-Count` reads the mock's), its example or a
 * value made from its schema, written as `style: simple` writes it (a list `a,b`, as the generated client
 * splits it; it was JSON, `["a","b"]`). An optional header HTTP cannot carry (a name that is no token, a
 * value past U+00FF) or that frames the body (`Content-Length`, `Content-Encoding`) is left out.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServingCli, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Headers, version: "1" }
paths:
  /widgets:
    get:
      operationId: listWidgets
      responses:
        "200":
          description: the widgets
          headers:
            X-Total-Count: { schema: { type: integer }, example: 42 }
            X-RateLimit-Remaining: { schema: { type: integer, minimum: 1 } }
            X-Tags: { schema: { type: array, items: { type: string } }, example: [red, blue] }
            X-Shard-Ids: { required: true, schema: { type: array, items: { type: integer } }, example: [3, 5] }
            X-Point: { explode: true, schema: { type: object, properties: { x: { type: integer } } }, example: { x: 1 } }
            X-Not A Token: { schema: { type: string } }
            X-Arrow: { schema: { type: string }, example: "a → b" }
            Content-Encoding: { schema: { type: string }, example: gzip }
            Content-Length: { schema: { type: integer }, example: 999 }
            X-Filter: { content: { application/json: { schema: { type: object, properties: { q: { type: string } } }, example: { q: red } } } }
            X-Note: { content: { text/plain: { schema: { type: string }, example: plain words } } }
            X-Made: { content: { application/json: { schema: { type: object, required: [n], properties: { n: { type: integer } } } } } }
          content:
            application/json:
              schema: { type: array, items: { type: object } }
              example: [{ id: 1 }]
`;

let cli: ServingCli;
beforeAll(async () => {
  const spec = path.join(tempDir(), "headers.yaml");
  writeFileSync(spec, SPEC);
  cli = await startServingCli("mock", [spec, "--port", "0"]);
});
afterAll(() => cli?.child.kill("SIGKILL"));

describe("specforge mock: a response's documented headers", () => {
  it("sends each, optional ones too, written as style: simple; leaves out what HTTP cannot carry or what frames the body", async () => {
    const r = await fetch(`${cli.url}/widgets`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([{ id: 1 }]);
    const headers = Object.fromEntries([...r.headers].filter(([name]) => name.startsWith("x-") || name.startsWith("content-")));
    expect(headers).toEqual({
      "x-total-count": "42",
      "x-ratelimit-remaining": "1",
      "x-tags": "red,blue",
      "x-shard-ids": "3,5",
      "x-point": "x=1",
      // a content header: its media type's example (else data from its schema) as that media type writes it
      "x-filter": '{"q":"red"}',
      "x-note": "plain words",
      "x-made": '{"n":1}',
      "content-type": "application/json",
      "content-length": "10",
    });
  });
});
