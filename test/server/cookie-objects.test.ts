/**
 * An object in a cookie, by OpenAPI 3.1's style table: `style: form, explode: true` (the default for cookies)
 * sends each property as a cookie of its own name (`Cookie: role=admin; firstName=Alex`), `explode: false`
 * the object as one cookie of names and values in turn (`id=role,admin,firstName,Alex`). The generated
 * client sends both so and the server reads both back, an exploded object from the cookies its schema
 * declares as properties only (a browser's other cookies stay out). Client and raw requests over 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { json, listen, raw, type Listening } from "./helpers.js";

const echo = { "200": { description: "what the server read", content: { "application/json": { schema: { type: "object" } } } } };
const person = {
  type: "object",
  properties: { role: { type: "string" }, firstName: { type: "string" }, age: { type: "integer" }, prefs: { type: "object", properties: { dark: { type: "boolean" } } } },
  additionalProperties: false,
};
const op = (operationId: string, parameters: object[]) => ({ get: { operationId, parameters, responses: echo } });
const spec = {
  openapi: "3.1.0",
  info: { title: "Cookies", version: "1" },
  paths: {
    "/exploded": op("exploded", [{ name: "id", in: "cookie", schema: person }, { name: "session", in: "cookie", schema: { type: "string" } }]),
    "/joined": op("joined", [{ name: "id", in: "cookie", style: "form", explode: false, schema: person }]),
    "/names": op("names", [{ name: "id", in: "cookie", schema: { type: "object", properties: { "first name": { type: "string" }, "Zoë": { type: "string" }, "x,y": { type: "string" }, "a=b": { type: "string" }, "100%": { type: "string" } }, additionalProperties: false } }]),
    "/required": op("required", [{ name: "id", in: "cookie", required: true, schema: { type: "object", properties: { role: { type: "string" } }, required: ["role"] } }]),
  },
};

let server: Listening;
let client: Record<string, (input?: unknown) => Promise<unknown>>;
beforeAll(async () => {
  const input = path.join(tempDir("specforge-cookie-objects-"), "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const { files } = await generate({ input, packageName: "cookies" });
  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => any>;
  const answer = ({ cookies, request }: { cookies?: unknown; request: { header(n: string): string | undefined } }) => ({ status: 200, body: { cookies: cookies ?? {}, sent: request.header("cookie") } });
  server = await listen(mod.toNodeListener!(mod.createHandler!({ exploded: answer, joined: answer, names: answer, required: answer }, {})));
  client = mod.createCookiesClient!({ baseUrl: server.url, retry: false });
}, 60_000);
afterAll(() => server?.close());

const id = { role: "admin", firstName: "Alex" };

describe("explode true: each property its own cookie", () => {
  it("the client sends them so and the server reads them back", async () => {
    expect(await client.exploded!({ cookies: { id } })).toEqual({ cookies: { id }, sent: "role=admin; firstName=Alex" });
  });

  it("typed by the schema, a nested object as JSON text, beside another cookie parameter", async () => {
    const full = { role: "a b;c", firstName: "Zoë", age: 41, prefs: { dark: true } };
    expect(await client.exploded!({ cookies: { id: full, session: "s1" } })).toEqual({
      cookies: { id: full, session: "s1" },
      sent: "role=a%20b%3Bc; firstName=Zo%C3%AB; age=41; prefs={%22dark%22:true}; session=s1",
    });
  });

  it("a browser's other cookies stay out (a closed object is no 400 for them)", async () => {
    const res = await raw(server.port, "GET", "/exploded", { cookie: "_ga=GA1.2.3; role=admin; sid=s%3ASECRET; firstName=Alex; session=s" });
    expect(res.status).toBe(200);
    expect(json(res).cookies).toEqual({ id, session: "s" });
    expect(json(await raw(server.port, "GET", "/exploded", { cookie: "_ga=GA1.2.3; session=s" })).cookies).toEqual({ session: "s" });
  });

  it("member names a cookie name cannot hold travel percent-encoded ('=' too) and are read back decoded", async () => {
    const names = { "first name": "A", "Zoë": "B", "x,y": "C", "a=b": "D", "100%": "E" };
    expect(await client.names!({ cookies: { id: names } })).toEqual({ cookies: { id: names }, sent: "first%20name=A; Zo%C3%AB=B; x%2Cy=C; a%3Db=D; 100%25=E" });
    // one that is no percent-encoding (`100%`, from a client that does not encode) is taken as it is, as a value is
    const res = await raw(server.port, "GET", "/names", { cookie: "first%20name=A; 100%=x; a=b=no; Zo%C3%AB=B" });
    expect(json(res).cookies).toEqual({ id: { "first name": "A", "100%": "x", "Zoë": "B" } });
  });

  it("a required object without its cookies is a 400 naming it", async () => {
    const res = await raw(server.port, "GET", "/required", { cookie: "_ga=1" });
    expect(res.status).toBe(400);
    expect(res.body).toContain("/cookie");
    expect(json(await raw(server.port, "GET", "/required", { cookie: "role=admin" })).cookies).toEqual({ id: { role: "admin" } });
  });
});

describe("explode false: one cookie of names and values", () => {
  it("the client sends id=role,admin,firstName,Alex and the server reads it back", async () => {
    expect(await client.joined!({ cookies: { id } })).toEqual({ cookies: { id }, sent: "id=role,admin,firstName,Alex" });
    expect(json(await raw(server.port, "GET", "/joined", { cookie: "role=x; id=role,admin,firstName,Alex" })).cookies).toEqual({ id });
  });
});
