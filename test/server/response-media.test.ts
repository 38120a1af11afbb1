/**
 * A response documenting several media types (JSON, XML, CSV): the handler picks one by the `Content-Type`
 * it sets (by default the preferred one), the reply is serialized and validated as that one, and the mock
 * answers in the one `Accept` prefers (q-values, ranges), or 406 as Prism does. Over 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir, typecheckConsumer } from "../helpers/project.js";
import { exited, startServingCli } from "../helpers/serving-cli.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const pet = { type: "object", required: ["n"], properties: { n: { type: "string" } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "Negotiation", version: "1" },
  paths: {
    "/pet": {
      get: {
        operationId: "getPet",
        parameters: [{ name: "as", in: "query", schema: { type: "string" } }],
        responses: {
          "200": {
            description: "a pet, in three media types",
            content: {
              "application/json": { schema: pet, example: { n: "json" } },
              // an object example: the mock cannot write it as XML
              "application/xml": { schema: pet, example: { n: "xml" } },
              "text/csv": { schema: { type: "string" }, examples: { csv: { value: "n\nx" } } },
              "application/vnd.pet+json": { schema: pet, examples: { vnd: { value: { n: "vnd" } } } },
              "application/vnd.other+json": { schema: { type: "array" } },
            },
          },
          "204": { description: "nothing" },
        },
      },
    },
  },
};

/** The handler replies in the media type `?as=` names, with a body that fits it, or a wrong one (`bad-*`). */
const BODIES: Record<string, [string | undefined, unknown]> = {
  json: [undefined, { n: "j" }],
  jsonCharset: ["application/json; charset=utf-8", { n: "j" }],
  csv: ["text/csv", "n\nx"],
  xml: ["Application/XML", "<pet><n>x</n></pet>"],
  vnd: ["application/vnd.pet+json", { n: "v" }],
  other: ["application/vnd.other+json", [1, 2]],
  "bad-json": [undefined, { n: 1 }],
  "bad-vnd": ["application/vnd.pet+json", { n: 1 }],
  "bad-other": ["application/vnd.other+json", { n: "j" }],
  html: ["text/html", "<p>hi</p>"],
};
const handlers = {
  getPet: ({ query }: { query: { as?: string } }) => {
    const [type, body] = BODIES[query.as ?? "json"]!;
    return { status: 200, body, ...(type ? { headers: { "Content-Type": type } } : {}) };
  },
};

let mod: Record<string, (...a: unknown[]) => unknown>;
let files: Awaited<ReturnType<typeof generate>>["files"];
let server: Listening;
let mock: Listening;
const errors: string[] = [];
let input: string;
beforeAll(async () => {
  input = path.join(tempDir("specforge-negotiation-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  files = (await generate({ input, packageName: "negotiation" })).files;
  mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as typeof mod;
  const onError = (e: unknown) => errors.push((e as Error).message);
  server = await listen(mod.toNodeListener!(mod.createHandler!(handlers, { validateResponses: true, onError })) as never);
  mock = await listen(mod.toNodeListener!(mod.createHandler!(mod.createMockHandlers!(), { validateResponses: true, onError })) as never);
}, 60_000);
afterAll(() => Promise.all([server?.close(), mock?.close()]));

describe("a handler's reply", () => {
  it("is serialized as the media type its Content-Type names (by default the preferred JSON)", async () => {
    const got = async (as: string) => {
      const r = await raw(server.port, "GET", `/pet?as=${as}`);
      return [r.status, r.headers["content-type"], r.body];
    };
    expect(await got("json")).toEqual([200, "application/json", '{"n":"j"}']);
    expect(await got("jsonCharset")).toEqual([200, "application/json; charset=utf-8", '{"n":"j"}']);
    expect(await got("csv")).toEqual([200, "text/csv", "n\nx"]);
    expect(await got("xml")).toEqual([200, "Application/XML", "<pet><n>x</n></pet>"]);
    expect(await got("vnd")).toEqual([200, "application/vnd.pet+json", '{"n":"v"}']);
    // JSON of a schema of its own
    expect(await got("other")).toEqual([200, "application/vnd.other+json", "[1,2]"]);
    expect(errors).toEqual([]);
  });

  it("is validated against the schema of the media type it is sent as; an undocumented media type is refused", async () => {
    errors.length = 0;
    expect((await raw(server.port, "GET", "/pet?as=bad-json")).status).toBe(500);
    // the same schema as the preferred media type's: the same validator
    expect((await raw(server.port, "GET", "/pet?as=bad-vnd")).status).toBe(500);
    // another schema: its own validator
    expect((await raw(server.port, "GET", "/pet?as=bad-other")).status).toBe(500);
    expect((await raw(server.port, "GET", "/pet?as=html")).status).toBe(500);
    expect(errors).toEqual([
      "getPet replied a body that does not match status 200: /n must be string",
      "getPet replied a body that does not match status 200: /n must be string",
      "getPet replied a body that does not match status 200 (application/vnd.other+json): (root) must be array",
      "getPet replied Content-Type text/html with status 200, which documents application/json, application/xml, text/csv, application/vnd.pet+json, application/vnd.other+json",
    ]);
  });

  it("the handler types take each media type's body", () => {
    const result = typecheckConsumer(tempDir("specforge-negotiation-types-"), files, [
      `import type { NegotiationHandlers } from "./server.js";`,
      `import type { GetPetResponse200ApplicationVndOtherJson } from "./types.js";`,
      `import { validateGetPetResponse200ApplicationVndOtherJson } from "./validators.js";`,
      `export const checked = validateGetPetResponse200ApplicationVndOtherJson([1]);`,
      `export const ok: NegotiationHandlers["getPet"][] = [`,
      `  () => ({ status: 200, body: { n: "x" } }),`,
      `  () => ({ status: 200, body: "n\\nx", headers: { "content-type": "text/csv" } }),`,
      `  () => ({ status: 200, body: [1] as GetPetResponse200ApplicationVndOtherJson, headers: { "content-type": "application/vnd.other+json" } }),`,
      `];`,
      `// @ts-expect-error a number is no pet, no text and no list`,
      `export const bad: NegotiationHandlers["getPet"] = () => ({ status: 200, body: 42 });`,
    ]);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);
});

describe("the mock", () => {
  const answer = async (accept?: string) => {
    const r = await raw(mock.port, "GET", "/pet", accept === undefined ? {} : { accept });
    return [r.status, r.headers["content-type"], r.body];
  };

  it("answers in the media type Accept prefers among those it has an example or data for", async () => {
    expect(await answer()).toEqual([200, "application/json", '{"n":"json"}']);
    expect(await answer("text/csv")).toEqual([200, "text/csv", "n\nx"]);
    expect(await answer("application/xml;q=0.5, text/csv;q=0.9")).toEqual([200, "text/csv", "n\nx"]);
    expect(await answer("text/*")).toEqual([200, "text/csv", "n\nx"]);
    expect(await answer("*/*")).toEqual([200, "application/json", '{"n":"json"}']);
    expect(await answer("application/vnd.pet+json")).toEqual([200, "application/vnd.pet+json", '{"n":"vnd"}']);
    // the most specific range decides: JSON refused, anything else welcome
    expect(await answer("application/json;q=0, */*;q=0.1")).toEqual([200, "text/csv", "n\nx"]);
  });

  it("answers 406 with a problem when Accept takes none of them (an XML example it cannot write among them)", async () => {
    for (const accept of ["application/xml", "image/png", "text/csv;q=0"]) {
      const r = await raw(mock.port, "GET", "/pet", { accept });
      expect(r.status, accept).toBe(406);
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(json(r).detail).toContain("it can send application/json, text/csv, application/vnd.pet+json, application/vnd.other+json");
    }
  });

  it("Prefer: example=NAME answers in the media type that has it, among those Accept takes", async () => {
    const spec2 = (prefer: string, accept?: string) => raw(mock.port, "GET", "/pet", { prefer, ...(accept ? { accept } : {}) });
    const csv = await spec2("example=csv");
    expect([csv.status, csv.headers["content-type"], csv.body]).toEqual([200, "text/csv", "n\nx"]);
    expect((await spec2("example=csv", "application/json")).status).toBe(406);
    const vnd = await spec2("example=vnd", "application/*");
    expect([vnd.status, vnd.headers["content-type"], vnd.body]).toEqual([200, "application/vnd.pet+json", '{"n":"vnd"}']);
  });

  it("a response without content answers whatever Accept says", async () => {
    const r = await raw(mock.port, "GET", "/pet", { accept: "image/png", prefer: "code=204" });
    expect(r.status).toBe(204);
  });
});

describe("specforge mock --dynamic", () => {
  it("keeps an answer in the other media type Accept preferred as the mock made it; JSON is made anew", async () => {
    const { child, url } = await startServingCli("mock", [input, "--port", "0", "--dynamic"]);
    try {
      const csv = await fetch(`${url}/pet`, { headers: { accept: "text/csv" } });
      expect([csv.status, csv.headers.get("content-type"), await csv.text()]).toEqual([200, "text/csv", "n\nx"]);
      const made = await fetch(`${url}/pet`, { headers: { accept: "application/json" } });
      expect(made.status).toBe(200);
      expect(typeof ((await made.json()) as { n: unknown }).n).toBe("string");
    } finally {
      const gone = exited(child);
      child.kill("SIGTERM");
      expect(await gone).toBe(0);
    }
  }, 60_000);
});
