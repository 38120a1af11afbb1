/**
 * `specforge mock` pairs request and response examples by name (Microcks' convention): a request equal to
 * a named request example (body, parameters) gets the response example of that name, under whichever
 * status holds it (both compared with their schema defaults filled in, as the server reads a request; null is not the text "null"); `Prefer` still wins; `--no-example-match` turns it off. A real mock process on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { startServingCli } from "../helpers/serving-cli.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const SPEC = `openapi: 3.1.0
info: { title: Pairs, version: 1.0.0 }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: integer }
          examples:
            one: { value: 1 }
            two: { value: 2 }
        - name: lang
          in: query
          schema: { type: string, default: en }
          examples:
            two: { value: en }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { name: { type: string } } }
              examples:
                one: { value: { name: Rex } }
                two: { value: { name: Tom } }
        "404":
          description: none
          content:
            application/json:
              examples:
                missing: { value: { error: no such pet } }
  /payments:
    post:
      operationId: pay
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [card], properties: { card: { type: string }, amount: { type: integer }, currency: { type: string, default: USD } } }
            examples:
              accepted: { value: { card: "4242", amount: 10 } }
              declined: { value: { card: "0000", amount: 10 } }
              stolen: { $ref: "#/components/examples/StolenCard" }
      responses:
        "201":
          description: paid
          content:
            application/json:
              examples:
                accepted: { value: { status: paid } }
        "402":
          description: declined
          content:
            application/json:
              examples:
                declined: { value: { status: declined } }
                stolen: { $ref: "#/components/examples/Stolen" }
  /notes:
    post:
      operationId: addNote
      requestBody:
        content:
          application/json:
            schema: { type: object, properties: { text: { type: [string, "null"] } } }
            examples:
              word: { value: { text: "null" } }
              empty: { value: { text: null } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              examples:
                kept: { value: { kept: text } }
                word: { value: { kept: the word null } }
                empty: { value: { kept: nothing } }
components:
  examples:
    StolenCard: { value: { card: "6666", amount: 10 } }
    Stolen: { value: { status: stolen } }
`;

async function serve(...args: string[]) {
  const write = fileWriter(tempDir());
  return startServingCli("mock", [write("pairs.yaml", SPEC), "--port", "0", ...args]);
}

async function call(url: string, init: RequestInit = {}): Promise<[number, unknown]> {
  const res = await fetch(url, init);
  return [res.status, await res.json()];
}

const pay = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("specforge mock: request and response examples paired by name", () => {
  it("answers a request equal to a named example with the response example of that name", async () => {
    const { child, url } = await serve();
    try {
      expect(await call(`${url}/pets/2`)).toEqual([200, { name: "Tom" }]);
      expect(await call(`${url}/pets/1`)).toEqual([200, { name: "Rex" }]);
      // a parameter's example of the name holds too: lang, left out, is its default en
      expect(await call(`${url}/pets/2?lang=en`)).toEqual([200, { name: "Tom" }]);
      expect(await call(`${url}/pets/2?lang=fr`)).toEqual([200, { name: "Rex" }]);
      // no example of this value: the default answer, the first example
      expect(await call(`${url}/pets/7`)).toEqual([200, { name: "Rex" }]);
      // a body equal to `declined` (key order aside) gets `declined`, under 402
      expect(await call(`${url}/payments`, pay({ amount: 10, card: "0000" }))).toEqual([402, { status: "declined" }]);
      expect(await call(`${url}/payments`, pay({ card: "4242", amount: 10 }))).toEqual([201, { status: "paid" }]);
      // examples written as $refs to components/examples pair too (review: they were dropped), and answer Prefer
      expect(await call(`${url}/payments`, pay({ card: "6666", amount: 10 }))).toEqual([402, { status: "stolen" }]);
      expect(await call(`${url}/payments`, pay({ card: "4242", amount: 10 }, { prefer: "example=stolen" }))).toEqual([402, { status: "stolen" }]);
      // another body: the default answer
      expect(await call(`${url}/payments`, pay({ card: "1111", amount: 10 }))).toEqual([201, { status: "paid" }]);
      expect(await call(`${url}/payments`, pay({ card: "0000", amount: 10, extra: true }))).toEqual([201, { status: "paid" }]);
      // compared as the server reads both, defaults filled: the example leaves currency out, as may the request
      expect(await call(`${url}/payments`, pay({ card: "0000", amount: 10, currency: "USD" }))).toEqual([402, { status: "declined" }]);
      expect(await call(`${url}/payments`, pay({ card: "0000", amount: 10, currency: "EUR" }))).toEqual([201, { status: "paid" }]);
      // null is no text: the word "null" is not the example null, nor null the example "null"
      expect(await call(`${url}/notes`, pay({ text: null }))).toEqual([200, { kept: "nothing" }]);
      expect(await call(`${url}/notes`, pay({ text: "null" }))).toEqual([200, { kept: "the word null" }]);
      expect(await call(`${url}/notes`, pay({ text: "nil" }))).toEqual([200, { kept: "text" }]);
      // the request's own preference wins over a match
      expect(await call(`${url}/pets/2`, { headers: { prefer: "example=one" } })).toEqual([200, { name: "Rex" }]);
      expect(await call(`${url}/pets/2`, { headers: { prefer: "code=404" } })).toEqual([404, { error: "no such pet" }]);
      expect(await call(`${url}/pets/2?__example=one`)).toEqual([200, { name: "Rex" }]);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("--no-example-match always answers the default example; --dynamic keeps a matched example as written", async () => {
    const off = await serve("--no-example-match");
    try {
      expect(await call(`${off.url}/pets/2`)).toEqual([200, { name: "Rex" }]);
      expect(await call(`${off.url}/payments`, pay({ card: "0000", amount: 10 }))).toEqual([201, { status: "paid" }]);
    } finally {
      off.child.kill("SIGKILL");
    }
    const dynamic = await serve("--dynamic", "--seed", "3");
    try {
      expect(await call(`${dynamic.url}/pets/2`)).toEqual([200, { name: "Tom" }]);
    } finally {
      dynamic.child.kill("SIGKILL");
    }
  });
});
