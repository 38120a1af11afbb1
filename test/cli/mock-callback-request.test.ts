/**
 * What `specforge mock` sends as a callback (mock/callback-request.ts): a credential where each kind of
 * scheme puts it, required headers as `style: simple` writes them, the body as its media type carries it,
 * and a made-up body the validator accepts when the static one is refused.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ApiIR } from "../../generator/ir/types.js";
import { callbackRequest } from "../../generator/mock/callback-request.js";
import { seededRandom } from "../../generator/openapi/random-value.js";
import { tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Calls, version: 1.0.0 }
paths:
  /a:
    post:
      operationId: start
      responses:
        '200': { description: Ok. }
      callbacks:
        bearer:
          '{$request.query.to}':
            post:
              security: [{ bearer: [] }]
              requestBody: { content: { text/plain: { schema: { type: string }, example: hello } } }
              responses: { '200': { description: Ok. } }
        custom:
          '{$request.query.to}':
            post:
              security: [{ digest: [] }, { bearer: [] }]
              responses: { '200': { description: Ok. } }
        oauth:
          '{$request.query.to}':
            post:
              security: [{ oauth: [write] }]
              responses: { '200': { description: Ok. } }
        form:
          '{$request.query.to}':
            post:
              security: [{ keyed: [] }]
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema: { type: object }
                    example: { a: '1', list: [x, y], n: 2 }
              responses: { '200': { description: Ok. } }
        multipart:
          '{$request.query.to}':
            post:
              requestBody:
                content:
                  multipart/form-data:
                    schema: { type: object }
                    example: { name: pic, size: 3 }
              responses: { '200': { description: Ok. } }
        wildcard:
          '{$request.query.to}':
            post:
              requestBody: { content: { '*/*': { schema: { type: object }, example: { a: 1 } } } }
              responses: { '200': { description: Ok. } }
        fetch:
          '{$request.query.to}':
            get:
              parameters:
                - { name: X-List, in: header, required: true, schema: { type: array, items: { type: integer } }, example: [1, 2] }
                - { name: X-Pairs, in: header, required: true, schema: { type: object }, example: { a: 1, b: 2 } }
                - { name: X-Exploded, in: header, required: true, explode: true, schema: { type: object }, example: { a: 1, b: 2 } }
                - { name: X-Made, in: header, required: true, schema: { type: string, enum: [made] } }
                - { name: X-Json, in: header, required: true, content: { application/json: { schema: { type: object }, example: { a: [1] } } } }
              requestBody: { content: { application/json: { schema: { type: object }, example: { never: sent } } } }
              responses: { '200': { description: Ok. } }
        queried:
          '{$request.query.to}':
            post:
              security: [{ cookied: [] }]
              parameters:
                - { name: token, in: query, required: true, schema: { type: string }, example: "a b&c" }
                - { name: ids, in: query, required: true, schema: { type: array, items: { type: integer } }, example: [1, 2] }
                - { name: tags, in: query, required: true, explode: false, schema: { type: array, items: { type: string } }, example: [x, y] }
                - { name: pipes, in: query, required: true, style: pipeDelimited, explode: false, schema: { type: array, items: { type: string } }, example: [x, y] }
                - { name: filter, in: query, required: true, style: deepObject, explode: true, schema: { type: object }, example: { kind: a, n: 2 } }
                - { name: page, in: query, required: true, schema: { type: object }, example: { size: 5 } }
                - { name: optional, in: query, schema: { type: string }, example: never }
                - { name: session, in: cookie, required: true, schema: { type: string }, example: "s;1" }
                - { name: prefs, in: cookie, required: true, schema: { type: array, items: { type: string } }, example: [dark, wide] }
              responses: { '200': { description: Ok. } }
        counted:
          '{$request.query.to}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: { type: object, required: [n], properties: { n: { type: integer, minimum: 0, maximum: 1000 } } }
              responses: { '200': { description: Ok. } }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
    digest: { type: http, scheme: Digest }
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://auth.example.test/token', scopes: { write: w } } } }
    keyed: { type: apiKey, in: header, name: X-Key }
    cookied: { type: apiKey, in: cookie, name: sid }
`;

let ir: ApiIR;
beforeAll(async () => {
  const file = path.join(tempDir(), "calls.yaml");
  writeFileSync(file, SPEC);
  ir = (await generate({ input: file, targets: ["server"], packageName: "calls" })).ir;
});

const request = (name: string, ...rest: Parameters<typeof callbackRequest> extends [unknown, unknown, ...infer R] ? R : never) =>
  callbackRequest(ir, ir.webhooks.find((w) => w.callback?.name === name)!, ...rest);

describe("a callback request the mock sends", () => {
  it.each([
    { name: "bearer", want: { method: "POST", headers: { authorization: "Bearer mock", "content-type": "text/plain" }, query: [], body: "hello" } },
    // the first requirement's schemes: a scheme other than basic and bearer keeps its own name
    { name: "custom", want: { method: "POST", headers: { authorization: "Digest mock" }, query: [] } },
    { name: "oauth", want: { method: "POST", headers: { authorization: "Bearer mock" }, query: [] } },
    { name: "wildcard", want: { method: "POST", headers: { "content-type": "application/json" }, query: [], body: '{"a":1}' } },
    {
      name: "fetch",
      // no body on a GET; each required header from its example (else its schema), as `style: simple` writes it
      want: { method: "GET", headers: { "X-List": "1,2", "X-Pairs": "a,1,b,2", "X-Exploded": "a=1,b=2", "X-Made": "made", "X-Json": '{"a":[1]}' }, query: [] },
    },
  ])("$name", ({ name, want }) => {
    expect(request(name, undefined)).toEqual(want);
  });

  it("each required query and cookie parameter from its example, as its style writes it; optional ones left out", () => {
    const r = request("queried", undefined);
    expect(r.query).toEqual([
      ["token", "a b&c"],
      ["ids", "1"], ["ids", "2"],
      ["tags", "x,y"],
      ["pipes", "x|y"],
      ["filter[kind]", "a"], ["filter[n]", "2"],
      ["size", "5"],
    ]);
    // the parameters' cookies with the scheme's, values encoded as the generated client encodes them
    expect(r.headers).toEqual({ cookie: "session=s%3B1; prefs=dark,wide; sid=mock" });
  });

  it("a form: fields, a list one field per item; multipart: FormData, its type left to fetch", () => {
    const form = request("form", undefined);
    expect(form.headers).toEqual({ "X-Key": "mock", "content-type": "application/x-www-form-urlencoded" });
    expect(String(form.body)).toBe("a=1&list=x&list=y&n=2");
    const multipart = request("multipart", undefined);
    expect(multipart.headers).toEqual({});
    expect([...(multipart.body as FormData).entries()]).toEqual([["name", "pic"], ["size", "3"]]);
  });

  it("without an example: the static sample the validator accepts, else a made-up one it accepts, else the static one", () => {
    const n = (r: ReturnType<typeof callbackRequest>) => (JSON.parse(r.body as string) as { n: number }).n;
    // the static sample: the number nearest 1 within its bounds (sample-value.ts)
    expect(n(request("counted", undefined))).toBe(1);
    expect(n(request("counted", { body: () => ({ ok: true }) }))).toBe(1);
    const big = n(request("counted", { body: (v) => ({ ok: (v as { n: number }).n > 500 }) }, seededRandom(7)));
    expect(big).toBeGreaterThan(500);
    expect(n(request("counted", { bodies: { "application/json": () => ({ ok: false }) } }, seededRandom(7)))).toBe(1);
  });
});
