/**
 * Multipart bodies whose file parts sit where the generator cannot relax the schema as data (the
 * multipart-shapes fixture), served on 127.0.0.1: a `$ref` with keywords beside it, `allOf` members, `oneOf`
 * branches, `additionalProperties`, a component named like the operation's body type. Valid requests reach
 * the handler with their files as `File`s and their fields coerced; invalid fields are still a 400 naming them.
 */
import express from "express";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createHandler, toExpressMiddleware, toNodeListener, type MultipartShapesHandlers } from "../fixtures/multipart-shapes/generated/src/server.js";
import { listen, type Listening } from "./helpers.js";

let last: Record<string, unknown> | undefined;
const record = ({ body }: { body: unknown }) => {
  last = body as Record<string, unknown>;
  return { status: 204 as const };
};
const handlers: MultipartShapesHandlers = { attach: record, withMeta: record, either: record, many: record, titled: record, counted: record, updateProfile: record, gallery: record, submitDocument: record, setAvatar: record, sendMessage: record, sendBundle: record, labelled: record };

const file = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: "application/octet-stream" });
function form(fields: Record<string, string | File>): FormData {
  const out = new FormData();
  for (const [name, value] of Object.entries(fields)) out.append(name, value);
  return out;
}

let server: Listening;
const post = (path: string, body: FormData) => fetch(`${server.url}${path}`, { method: "POST", body });
const pointers = async (res: Response) => {
  expect(res.status).toBe(400);
  return ((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort();
};
beforeAll(async () => {
  server = await listen(toNodeListener(createHandler(handlers)));
});
afterAll(() => server.close());

describe("multipart file parts wherever the schema puts them", () => {
  it("a component named like the body type: the file passes, the title is required", async () => {
    last = undefined;
    expect((await post("/attach", form({ title: "t", file: file("a.bin") }))).status).toBe(204);
    expect(last!.file).toBeInstanceOf(File);
    expect((last!.file as File).name).toBe("a.bin");
    expect(await pointers(await post("/attach", form({ file: file("a.bin") })))).toEqual(["/body/title"]);
  });

  it("allOf with a referenced component: its fields are coerced (count is a number) and checked", async () => {
    last = undefined;
    expect((await post("/with-meta", form({ count: "3", file: file("m.bin") }))).status).toBe(204);
    expect(last!.count).toBe(3);
    expect(last!.file).toBeInstanceOf(File);
    expect(await pointers(await post("/with-meta", form({ count: "0", file: file("m.bin") })))).toEqual(["/body/count"]);
  });

  it("oneOf: the file branch accepts a file (its minLength is not held against the placeholder), the other branch a link", async () => {
    expect((await post("/either", form({ file: file("e.bin"), note: "n" }))).status).toBe(204);
    expect(last!.file).toBeInstanceOf(File);
    expect((await post("/either", form({ url: "https://example.com/x" }))).status).toBe(204);
    expect((await post("/either", form({ note: "neither" }))).status).toBe(400);
  });

  it("additionalProperties of binary (with a minLength): any number of files under any names", async () => {
    expect((await post("/many", form({ a: file("a.bin"), b: file("b.bin") }))).status).toBe(204);
    expect(Object.values(last!).map((f) => (f as File).name)).toEqual(["a.bin", "b.bin"]);
  });

  it("a $ref with keywords beside it: both apply (title required, at most 3 characters)", async () => {
    expect((await post("/titled", form({ title: "abc", file: file("t.bin") }))).status).toBe(204);
    expect(await pointers(await post("/titled", form({ file: file("t.bin") })))).toEqual(["/body/title"]);
    expect(await pointers(await post("/titled", form({ title: "much too long", file: file("t.bin") })))).toEqual(["/body/title"]);
    expect(await pointers(await post("/titled", form({ title: "abc" })))).toEqual(["/body/file"]);
  });
});

describe("a multipart body another Express middleware parsed (multer leaves text fields in req.body)", () => {
  let app: Listening;
  beforeAll(async () => {
    const e = express();
    // as multer does: the whole stream read, then the text fields in req.body
    e.use((req, _res, next) => {
      if (!String(req.headers["content-type"]).startsWith("multipart/")) return next();
      req.on("end", () => {
        (req as { body?: unknown }).body = JSON.parse(String(req.headers["x-fields"]));
        next();
      });
      req.resume();
    });
    e.use(toExpressMiddleware(createHandler(handlers)));
    app = await listen(e);
  });
  afterAll(() => app.close());

  const send = (fields: Record<string, string>) =>
    fetch(`${app.url}/counted`, { method: "POST", body: form(fields), headers: { "x-fields": JSON.stringify(fields) } });

  it("has its fields coerced by type, as a body read by the adapter", async () => {
    last = undefined;
    expect((await send({ count: "3", urgent: "true" })).status).toBe(204);
    expect(last).toEqual({ count: 3, urgent: true });
  });

  it("and validated", async () => {
    expect(await pointers(await send({ count: "0" }))).toEqual(["/body/count"]);
  });
});

describe("handler types of files wherever the schema puts them", () => {
  type Body<K extends keyof MultipartShapesHandlers> = Parameters<MultipartShapesHandlers[K]>[0]["body"];
  it("types a file in a oneOf branch and in additionalProperties as File, other fields as they are", () => {
    expectTypeOf<Extract<Body<"either">, { file: unknown }>["file"]>().toEqualTypeOf<File>();
    expectTypeOf<Extract<Body<"either">, { url: unknown }>["url"]>().toEqualTypeOf<string>();
    expectTypeOf<Body<"many">[string]>().toEqualTypeOf<File>();
    expectTypeOf<Body<"withMeta">["count"]>().toEqualTypeOf<number>();
    expectTypeOf<Body<"withMeta">["file"]>().toEqualTypeOf<File>();
  });

  it("types a part that one branch says is a file and another text as either (sent as text, it stays text)", () => {
    expectTypeOf<Body<"sendMessage">["body"]>().toEqualTypeOf<File | string>();
    // kind a's other parts are files; kind b is closed (additionalProperties: false): no other part at all
    expectTypeOf<Extract<Body<"sendBundle">, { kind: "a" }>[string]>().toEqualTypeOf<File>();
    expectTypeOf<Extract<Body<"sendBundle">, { kind: "b" }>>().not.toHaveProperty("other");
  });
});
