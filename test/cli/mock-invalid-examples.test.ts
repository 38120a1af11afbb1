/**
 * `specforge mock` and an example that contradicts its schema (Zoom's type placeholders, Jira's JSON
 * written as strings): sent as it is, as Prism sends it, with the violations in Prism's `sl-violations`
 * header and one line on stderr; `--errors` refuses it as before. Data made from a schema and request
 * validation are as they were. `--no-validate-request` answers an invalid request anyway, its violations in
 * the same header (Prism #2695).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServingCli, stderrLines, until, type ServingCli } from "../helpers/serving-cli.js";
import { tempDir } from "../helpers/project.js";
import { raw } from "../server/helpers.js";

const SPEC = `openapi: 3.1.0
info: { title: Placeholders, version: "1" }
paths:
  /meetings/{id}:
    get:
      operationId: getMeeting
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200":
          description: a meeting
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Meeting" }
              examples:
                placeholders: { value: { id: "integer", topic: "string", settings: '{"mute":true}', code: "ABC", "rate/min": "integer" } }
                good: { value: { id: 7, topic: "Standup", settings: { mute: true }, code: "abc" } }
  /rooms:
    get:
      operationId: listRooms
      responses:
        "200":
          description: the rooms
          content:
            application/json:
              schema: { type: array, items: { type: object, required: [name], properties: { name: { type: string } } } }
    post:
      operationId: addRoom
      security: [{ bearer: [] }]
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, required: [name], properties: { name: { type: string } } }
      responses:
        "201":
          description: added
          content:
            application/json:
              schema: { type: object, required: [name], properties: { name: { type: string } } }
              example: { name: "Blue" }
components:
  securitySchemes:
    bearer: { type: http, scheme: bearer }
  schemas:
    Meeting:
      type: object
      required: [id, topic]
      properties:
        id: { type: integer }
        topic: { type: string }
        settings: { type: object, properties: { mute: { type: boolean } } }
        code: { type: string, pattern: "^[a-zé]+$" }
        rate/min: { type: integer }
`;

const PLACEHOLDERS = { id: "integer", topic: "string", settings: '{"mute":true}', code: "ABC", "rate/min": "integer" };

/** The mock on its own port, with its stdout and stderr lines. */
async function mock(args: string[], text = SPEC): Promise<ServingCli & { errors: string[] }> {
  const dir = tempDir();
  const spec = path.join(dir, "placeholders.yaml");
  writeFileSync(spec, text);
  const cli = await startServingCli("mock", [spec, "--port", "0", ...args]);
  const errors = stderrLines(cli.child);
  running.push(cli);
  return { ...cli, errors };
}

const running: ServingCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

describe("specforge mock: an example that contradicts its schema", () => {
  it("is sent as it is, its violations in the sl-violations header (ASCII JSON, as Prism's) and one stderr line naming the operation and pointers", async () => {
    const { url, lines, errors } = await mock([]);
    const answer = await fetch(`${url}/meetings/7`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(PLACEHOLDERS);
    const header = answer.headers.get("sl-violations")!;
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(header)).toEqual([
      { location: ["response", "body", "id"], severity: "Error", code: "type", message: "must be integer" },
      { location: ["response", "body", "settings"], severity: "Error", code: "type", message: "must be object" },
      { location: ["response", "body", "code"], severity: "Error", code: "pattern", message: "must match the pattern ^[a-zé]+$" },
      { location: ["response", "body", "rate/min"], severity: "Error", code: "type", message: "must be integer" },
    ]);
    await until(() => errors.length > 0);
    expect(errors).toEqual([
      `getMeeting sent the spec's example "placeholders" of status 200 as it is, though it contradicts the schema: /id must be integer; /settings must be object; /code must match the pattern ^[a-zé]+$; /rate~1min must be integer`,
    ]);
    expect(lines.filter((l) => l.startsWith("GET "))).toEqual([expect.stringMatching(/^GET \/meetings\/7 200 getMeeting \d+ ms$/)]);
  });

  it("a valid example, data made from a schema and an invalid request are as before; a browser may read the header (CORS)", async () => {
    const { url, errors } = await mock([]);
    const good = await fetch(`${url}/meetings/7`, { headers: { prefer: "example=good" } });
    expect([good.status, good.headers.get("sl-violations")]).toEqual([200, null]);
    const rooms = await fetch(`${url}/rooms`);
    expect([rooms.status, rooms.headers.get("sl-violations")]).toEqual([200, null]);
    const invalid = await fetch(`${url}/meetings/seven`);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("sl-violations")).toBeNull();
    const port = Number(new URL(url).port);
    const browser = await raw(port, "GET", "/meetings/7", { origin: "http://localhost:3000" });
    expect(browser.status).toBe(200);
    expect(String(browser.headers["access-control-expose-headers"]).split(", ")).toContain("sl-violations");
    await until(() => errors.length > 0);
    expect(errors).toHaveLength(1);
  });

  it("--errors refuses it with a 500 problem, as before, and says to correct the example", async () => {
    const { url, lines, errors } = await mock(["--errors"]);
    const answer = await fetch(`${url}/meetings/7`);
    expect(answer.status).toBe(500);
    expect(answer.headers.get("sl-violations")).toBeNull();
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    await until(() => errors.length > 0);
    expect(errors).toEqual([expect.stringMatching(/^getMeeting replied a body that does not match status 200 \(the spec's example "placeholders" of status 200, which contradicts the schema: correct the example\): \/id must be integer; /)]);
    expect(lines.filter((l) => l.startsWith("GET "))).toEqual([expect.stringMatching(/^GET \/meetings\/7 500 getMeeting \d+ ms$/)]);
  });

  it("keeps the header within what clients take: long locations cut short, entries dropped past 8 KiB", async () => {
    // 20 wrong members with 1,500-character names (each "é" six characters escaped): the header was ~180 kB and Node's fetch failed (UND_ERR_HEADERS_OVERFLOW)
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${String(i).padStart(2, "0")}${"é".repeat(1500)}`, "not a number"]));
    const spec = JSON.stringify({
      openapi: "3.1.0",
      info: { title: "Wide", version: "1" },
      paths: { "/wide": { get: { operationId: "getWide", responses: { "200": { description: "wide", content: { "application/json": { schema: { type: "object", additionalProperties: { type: "integer" } }, example: wide } } } } } } },
    });
    const { url } = await mock([], spec);
    const answer = await fetch(`${url}/wide`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(wide);
    const header = answer.headers.get("sl-violations")!;
    expect(header.length).toBeLessThanOrEqual(8192);
    const listed = JSON.parse(header) as { location: string[]; code: string }[];
    expect(listed.length).toBeGreaterThan(3);
    expect(listed.length).toBeLessThan(20);
    for (const v of listed) {
      expect(v.code).toBe("type");
      expect(v.location[2]).toMatch(/^k\d\dé{194}\.\.\.$/);
    }
  });
});

describe("specforge mock --no-validate-request", () => {
  it("answers a request whose parameters or body break their schemas, the violations in sl-violations and one stderr line", async () => {
    const { url, lines, errors } = await mock(["--no-validate-request"]);
    const answer = await fetch(`${url}/meetings/seven`, { headers: { prefer: "example=good" } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: 7, topic: "Standup", settings: { mute: true }, code: "abc" });
    expect(JSON.parse(answer.headers.get("sl-violations")!)).toEqual([{ location: ["request", "path", "id"], severity: "Error", code: "type", message: "must be integer" }]);
    const added = await fetch(`${url}/rooms`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: JSON.stringify({ name: 7, extra: true }) });
    expect(added.status).toBe(201);
    expect(JSON.parse(added.headers.get("sl-violations")!)).toEqual([{ location: ["request", "body", "name"], severity: "Error", code: "type", message: "must be string" }]);
    await until(() => errors.length > 1);
    expect(errors).toEqual(["getMeeting answers a request that is not valid: /path/id must be integer", "addRoom answers a request that is not valid: /body/name must be string"]);
    expect(lines.filter((l) => /^(GET|POST) /.test(l))).toEqual([expect.stringMatching(/^GET \/meetings\/seven 200 getMeeting \d+ ms$/), expect.stringMatching(/^POST \/rooms 201 addRoom \d+ ms$/)]);
  });

  it("lists the request's violations before those of an example that contradicts its schema", async () => {
    const { url } = await mock(["--no-validate-request"]);
    const answer = await fetch(`${url}/meetings/seven`);
    expect(answer.status).toBe(200);
    const locations = (JSON.parse(answer.headers.get("sl-violations")!) as { location: string[] }[]).map((v) => v.location.join("/"));
    expect(locations).toEqual(["request/path/id", "response/body/id", "response/body/settings", "response/body/code", "response/body/rate/min"]);
  });

  it("still refuses what it cannot read or who has no credentials, and without the flag an invalid request is a 400", async () => {
    const { url } = await mock(["--no-validate-request"]);
    const anonymous = await fetch(`${url}/rooms`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"name":"Blue"}' });
    expect(anonymous.status).toBe(401);
    const broken = await fetch(`${url}/rooms`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: '{"name":' });
    expect(broken.status).toBe(400);
    const media = await fetch(`${url}/rooms`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "text/plain" }, body: "Blue" });
    expect(media.status).toBe(415);
    const strict = await mock([]);
    const refused = await fetch(`${strict.url}/rooms`, { method: "POST", headers: { authorization: "Bearer x", "content-type": "application/json" }, body: '{"name":7}' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("sl-violations")).toBeNull();
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([{ pointer: "/body/name", detail: "must be string", keyword: "type" }]);
  });
});
