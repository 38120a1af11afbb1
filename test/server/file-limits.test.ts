/**
 * Multipart file parts checked against what the spec says of them (the multipart-shapes fixture's
 * `updateProfile`), over real HTTP on 127.0.0.1 through the node adapter and the Web handler: each file's
 * size in bytes (`minLength`/`maxLength`), its part's media type (the encoding's `contentType`, ranges like
 * `image/*` included, else the schema's `contentMediaType`), per file in a list; `maxItems` by the validator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, toNodeListener, type MultipartShapesHandlers } from "../fixtures/multipart-shapes/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

type Profile = Parameters<MultipartShapesHandlers["updateProfile"]>[0]["body"];
let last: Profile | undefined;
const none = () => ({ status: 204 as const });
const handlers: MultipartShapesHandlers = {
  attach: none, withMeta: none, either: none, many: none, titled: none, counted: none, gallery: none, submitDocument: none, setAvatar: none, sendMessage: none, sendBundle: none, labelled: none,
  updateProfile: ({ body }) => {
    last = body;
    return { status: 204 };
  },
};

const file = (size: number, type: string, name = "f.bin") => new File([new Uint8Array(size).fill(7)], name, { type });
const png = (size = 8) => file(size, "image/png", "a.png");
type Errors = { pointer: string; detail: string; keyword?: string }[];

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Web handler", (h: ReturnType<typeof createHandler>) => toNodeListener((r: Request) => h(r))],
])("file parts by their schema, %s", (_name, adapt) => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(adapt(createHandler(handlers)) as never);
  });
  afterAll(() => server.close());

  const send = (parts: [string, string | File][]) => {
    const body = new FormData();
    for (const [name, value] of parts) body.append(name, value);
    return fetch(`${server.url}/profile`, { method: "POST", body });
  };
  const errors = async (res: Response): Promise<Errors> => {
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    return ((await res.json()) as { errors: Errors }).errors;
  };

  it("a valid upload reaches the handler with its files", async () => {
    last = undefined;
    const res = await send([["avatar", file(64, "image/jpeg", "me.jpg")], ["photos", png()], ["photos", file(64, "image/webp", "b.webp")], ["scan", file(100, "application/pdf", "s.pdf")], ["blob", file(8, "text/csv")]]);
    expect(res.status).toBe(204);
    expect(last!.avatar).toBeInstanceOf(File);
    expect(last!.avatar.name).toBe("me.jpg");
    expect(last!.avatar.type).toBe("image/jpeg");
    expect(last!.avatar.size).toBe(64);
    expect(last!.photos!.map((f) => f.name)).toEqual(["a.png", "b.webp"]);
    expect(last!.scan!.type).toBe("application/pdf");
  });

  it("a file over maxLength (in bytes) is a 400 at its pointer", async () => {
    const errs = await errors(await send([["avatar", file(65, "image/png")]]));
    expect(errs).toEqual([{ pointer: "/body/avatar", detail: "must be at most 64 bytes (is 65 bytes)", keyword: "maxLength" }]);
  });

  it("a file under minLength is a 400 at its pointer", async () => {
    const errs = await errors(await send([["avatar", file(3, "image/png")]]));
    expect(errs).toEqual([{ pointer: "/body/avatar", detail: "must be at least 4 bytes (is 3 bytes)", keyword: "minLength" }]);
  });

  it("a part whose type the encoding does not allow is a 400 naming what is allowed (the encoding overrides contentMediaType)", async () => {
    const errs = await errors(await send([["avatar", file(8, "image/gif")]]));
    expect(errs).toEqual([{ pointer: "/body/avatar", detail: "must be image/png or image/jpeg (the part's Content-Type is image/gif)" }]);
  });

  it("a range allows every type in it, and only those", async () => {
    expect((await send([["avatar", png()], ["photos", file(1, "image/svg+xml")], ["photos", file(1, "image/avif")]])).status).toBe(204);
    expect((await errors(await send([["avatar", png()], ["photos", file(1, "imagex/png")]]))).map((e) => e.pointer)).toEqual(["/body/photos/0"]);
  });

  it("a list's limits apply to each file: one bad file is a 400 at its index", async () => {
    const errs = await errors(await send([["avatar", png()], ["photos", png()], ["photos", file(8, "text/plain")], ["photos", png(65)]]));
    expect(errs.map((e) => [e.pointer, e.keyword])).toEqual([["/body/photos/1", undefined], ["/body/photos/2", "maxLength"]]);
  });

  it("a list longer than maxItems is a 400 from the validator", async () => {
    const errs = await errors(await send([["avatar", png()], ["photos", png()], ["photos", png()], ["photos", png()], ["photos", png()]]));
    expect(errs.map((e) => [e.pointer, e.keyword])).toEqual([["/body/photos", "maxItems"]]);
  });

  it("without an encoding, the schema's contentMediaType is the allowed type", async () => {
    expect((await send([["avatar", png()], ["scan", file(1, "application/pdf")]])).status).toBe(204);
    expect((await errors(await send([["avatar", png()], ["scan", png()]]))).map((e) => e.pointer)).toEqual(["/body/scan"]);
  });

  it("application/octet-stream allows any type; the size still holds", async () => {
    expect((await send([["avatar", png()], ["blob", file(8, "video/mp4")]])).status).toBe(204);
    expect((await errors(await send([["avatar", png()], ["blob", file(9, "application/octet-stream")]]))).map((e) => e.pointer)).toEqual(["/body/blob"]);
  });

  it("a part without a Content-Type is text/plain; one with parameters or capitals is compared by its bare type", async () => {
    const b = "x1y2";
    const part = (name: string, headers: string, content: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\n${headers}\r\n${content}\r\n`;
    const post = (body: string) => raw(server.port, "POST", "/profile", { "content-type": `multipart/form-data; boundary=${b}` }, body);
    const untyped = await post(part("avatar", "", "abcdefgh") + `--${b}--\r\n`);
    expect(json(untyped).errors).toEqual([{ pointer: "/body/avatar", detail: "must be image/png or image/jpeg (the part's Content-Type is text/plain)" }]);
    expect((await post(part("avatar", "Content-Type: Image/JPEG; name=x\r\n", "abcdefgh") + part("blob", "", "abc") + `--${b}--\r\n`)).status).toBe(204);
  });

  it("a text field sent for a file is an untyped file: refused where a type is required, a File where any goes", async () => {
    expect((await errors(await send([["avatar", "abcdefgh"]]))).map((e) => e.pointer)).toEqual(["/body/avatar"]);
    expect((await send([["avatar", png()], ["blob", "abc"]])).status).toBe(204);
    expect(last!.blob).toBeInstanceOf(File);
    expect(await last!.blob!.text()).toBe("abc");
  });
});
