/**
 * Answers that HTTP sends without a body (RFC 9110: 204, 205 and 304, and any answer to HEAD) under a
 * response documented with JSON through a range (`2XX`), `default`, or no 2xx at all (then read by its
 * Content-Type): there is no body to parse, so a success is a success and a 304 an `ApiError` with its
 * status, as fetch gives them (`response.body` null) and openapi-fetch and hey-api read them. A real server
 * on 127.0.0.1 sends each with `Content-Type: application/json`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inlinePackage } from "./helpers/inline-package.js";

const json = { "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } } };
const paths = {
  "/range": { put: { operationId: "putRange", responses: { "2XX": { description: "ok", content: json } } } },
  "/undocumented": { delete: { operationId: "deleteIt", responses: { default: { description: "error", content: json } } } },
  "/head": { head: { operationId: "headIt", responses: { "404": { description: "none" } } } },
  "/cached": { get: { operationId: "getCached", responses: { "200": { description: "ok", content: json }, default: { description: "error", content: json } } } },
};

type Method = { withResponse(input?: unknown, options?: unknown): Promise<{ status: number; data: unknown }> } & ((input?: unknown, options?: unknown) => Promise<unknown>);
let server: http.Server;
let api: Record<string, Method>;
/** The call's options asking the server for `status` (its test header). */
const answer = (status: number) => ({ headers: { "x-status": String(status) } });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    // JSON's type on every answer, and a HEAD answer's Content-Length, as the GET's headers would be
    const headers = { "content-type": "application/json", ...(req.method === "HEAD" ? { "content-length": "17" } : {}) };
    res.writeHead(Number(req.headers["x-status"]), headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const pkg = await inlinePackage("nullbodies", paths);
  api = pkg.client({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retry: false }) as unknown as Record<string, Method>;
});

afterAll(() => server.close());

it("a 204 or 205 under a documented 2XX range: a success without data, not a ResponseParseError", async () => {
  expect(await api.putRange!.withResponse(undefined, answer(204))).toMatchObject({ status: 204, data: undefined });
  expect(await api.putRange!.withResponse(undefined, answer(205))).toMatchObject({ status: 205, data: undefined });
});

it("a 204 of an operation that documents no 2xx, its Content-Type JSON: a success without data", async () => {
  expect(await api.deleteIt!.withResponse(undefined, answer(204))).toMatchObject({ status: 204, data: undefined });
});

it("a HEAD answer of an operation that documents no 2xx, with the GET's Content-Type: a success without data", async () => {
  expect(await api.headIt!.withResponse(undefined, answer(200))).toMatchObject({ status: 200, data: undefined });
});

it("a 304 under `default` (a conditional GET): the ApiError of status 304, without a body", async () => {
  const error = await api.getCached!(undefined, { headers: { ...answer(304).headers, "if-none-match": '"v1"' } }).then(() => expect.unreachable(), (e: unknown) => e);
  expect(error).toMatchObject({ name: "ApiError", status: 304, body: undefined });
});
