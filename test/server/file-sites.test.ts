/**
 * Multipart files whose rules hold only where their schema applies (the multipart-shapes fixture), over real
 * HTTP on 127.0.0.1 through the node adapter and the Web handler: `additionalProperties` of files (`gallery`:
 * every part but the title is a PNG of 2 to 16 bytes) and a file in `oneOf` branches with different rules
 * (`submitDocument`: a photo is a PNG of at most 16 bytes, a scan a PDF of at most 64). A request the spec's
 * schema accepts is accepted, one it refuses is refused: the file's rule counts in the branch the rest of
 * the body selects. A body that is the component named like its type (`setAvatar`) is validated by a
 * validator of its own, files relaxed, not by the component's (whose `minLength` the placeholder would fail).
 * A part one branch says is a file and another text stays text when sent as text (`sendMessage`), judged by
 * the branch that applies; an `additionalProperties` rule holds for every name its own schema object does not
 * list, even one another branch declares (`sendBundle`, `labelled`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler, toNodeListener, type MultipartShapesHandlers } from "../fixtures/multipart-shapes/generated/src/server.js";
import { listen, type Listening } from "./helpers.js";

let last: Record<string, unknown> | undefined;
const none = () => ({ status: 204 as const });
const record = ({ body }: { body: unknown }) => {
  last = body as Record<string, unknown>;
  return { status: 204 as const };
};
const handlers: MultipartShapesHandlers = {
  attach: none, withMeta: none, either: none, many: none, titled: none, counted: none, updateProfile: none,
  gallery: record, submitDocument: record, setAvatar: record, sendMessage: record, sendBundle: record, labelled: record,
};

const file = (size: number, type: string, name = "f.bin") => new File([new Uint8Array(size).fill(7)], name, { type });
const png = (size: number) => file(size, "image/png", "a.png");
const pdf = (size: number) => file(size, "application/pdf", "s.pdf");
type Errors = { pointer: string; detail: string; keyword?: string }[];

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Web handler", (h: ReturnType<typeof createHandler>) => toNodeListener((r: Request) => h(r))],
])("file rules where the validator decides they apply, %s", (_name, adapt) => {
  let server: Listening;
  beforeAll(async () => {
    server = await listen(adapt(createHandler(handlers)) as never);
  });
  afterAll(() => server.close());

  const send = (path: string, parts: [string, string | File][]) => {
    const body = new FormData();
    for (const [name, value] of parts) body.append(name, value);
    return fetch(`${server.url}${path}`, { method: "POST", body });
  };
  const errors = async (res: Response): Promise<Errors> => {
    expect(res.status).toBe(400);
    return ((await res.json()) as { errors: Errors }).errors;
  };

  describe("additionalProperties of files", () => {
    it("valid files under any names reach the handler as Files", async () => {
      last = undefined;
      expect((await send("/gallery", [["title", "t"], ["front", png(16)], ["back", png(2)]])).status).toBe(204);
      expect(last!.title).toBe("t");
      expect([last!.front, last!.back].map((f) => (f as File).size)).toEqual([16, 2]);
    });

    it("a file too big is a 400 at /body/<name>", async () => {
      const errs = await errors(await send("/gallery", [["title", "t"], ["front", png(16)], ["back", png(17)]]));
      expect(errs).toEqual([{ pointer: "/body/back", detail: "must be at most 16 bytes (is 17 bytes)", keyword: "maxLength" }]);
    });

    it("a file too small is a 400 at /body/<name>", async () => {
      const errs = await errors(await send("/gallery", [["title", "t"], ["a~b/c", png(1)]]));
      expect(errs).toEqual([{ pointer: "/body/a~0b~1c", detail: "must be at least 2 bytes (is 1 byte)", keyword: "minLength" }]);
    });

    it("a file of the wrong type is a 400 at /body/<name>", async () => {
      const errs = await errors(await send("/gallery", [["title", "t"], ["front", pdf(4)]]));
      expect(errs).toEqual([{ pointer: "/body/front", detail: "must be image/png (the part's Content-Type is application/pdf)" }]);
    });

    it("a text part under another name is an untyped file, checked as one; the named title stays text", async () => {
      expect((await errors(await send("/gallery", [["title", "t"], ["note", "hello"]]))).map((e) => e.pointer)).toEqual(["/body/note"]);
      expect((await send("/gallery", [["title", "t"]])).status).toBe(204);
    });
  });

  describe("a body that is the component named like its type (SetAvatarRequest)", () => {
    it("is validated with its files relaxed: a file within its byte limits is accepted, one over them refused", async () => {
      last = undefined;
      expect((await send("/avatar", [["image", png(8)]])).status).toBe(204);
      expect((last!.image as File).size).toBe(8);
      const errs = await errors(await send("/avatar", [["image", png(17)]]));
      expect(errs).toEqual([{ pointer: "/body/image", detail: "must be at most 16 bytes (is 17 bytes)", keyword: "maxLength" }]);
    });
  });

  describe("a file in oneOf branches with different rules", () => {
    it("a file valid for its branch is accepted", async () => {
      last = undefined;
      expect((await send("/document", [["kind", "photo"], ["file", png(16)]])).status).toBe(204);
      expect((last!.file as File).size).toBe(16);
      expect((await send("/document", [["kind", "scan"], ["file", pdf(64)]])).status).toBe(204);
      expect((last!.file as File).type).toBe("application/pdf");
    });

    it("a file valid for no branch is refused, with what each branch's rule found", async () => {
      const errs = await errors(await send("/document", [["kind", "scan"], ["file", pdf(65)]]));
      expect(errs.filter((e) => e.pointer === "/body/file")).toEqual([
        { pointer: "/body/file", detail: "must be at most 16 bytes (is 65 bytes)", keyword: "maxLength" },
        { pointer: "/body/file", detail: "must be image/png (the part's Content-Type is application/pdf)" },
        { pointer: "/body/file", detail: "must be at most 64 bytes (is 65 bytes)", keyword: "maxLength" },
      ]);
      expect(errs.some((e) => e.pointer === "/body" && e.detail === "must match exactly one schema")).toBe(true);
      expect(errs.some((e) => e.detail === "must not match the schema")).toBe(false);
    });

    it("a file valid only for the branch the rest of the body does not select is refused", async () => {
      const errs = await errors(await send("/document", [["kind", "scan"], ["file", png(10)]]));
      expect(errs.filter((e) => e.pointer === "/body/file").map((e) => e.detail)).toContain("must be application/pdf (the part's Content-Type is image/png)");
      expect((await errors(await send("/document", [["kind", "photo"], ["file", pdf(10)]]))).map((e) => e.pointer)).toContain("/body/file");
    });
  });

  describe("a part that is a file in one branch and text in another", () => {
    it("sent as text for the text branch, reaches the handler as the text, judged by that branch's schema", async () => {
      last = undefined;
      expect((await send("/message", [["kind", "text"], ["body", "hello"]])).status).toBe(204);
      expect(last!.body).toBe("hello");
      const errs = await errors(await send("/message", [["kind", "text"], ["body", "hi"]]));
      expect(errs.filter((e) => e.pointer === "/body/body")).toEqual([{ pointer: "/body/body", detail: "must have at least 3 characters", keyword: "minLength" }]);
    });

    it("sent as a file for the file branch, is a File checked by its rule", async () => {
      last = undefined;
      expect((await send("/message", [["kind", "file"], ["body", file(16, "application/octet-stream")]])).status).toBe(204);
      expect((last!.body as File).size).toBe(16);
      const errs = await errors(await send("/message", [["kind", "file"], ["body", file(17, "application/octet-stream")]]));
      expect(errs.filter((e) => e.pointer === "/body/body")).toContainEqual({ pointer: "/body/body", detail: "must be at most 16 bytes (is 17 bytes)", keyword: "maxLength" });
    });

    it("text where the file branch applies is judged by the file's schema as text", async () => {
      last = undefined;
      expect((await send("/message", [["kind", "file"], ["body", "short"]])).status).toBe(204);
      expect(last!.body).toBe("short");
      const errs = await errors(await send("/message", [["kind", "file"], ["body", "x".repeat(17)]]));
      expect(errs.filter((e) => e.pointer === "/body/body").map((e) => e.detail)).toContain("must have at most 16 characters");
    });

    it("text for a name only patternProperties declare stays text", async () => {
      last = undefined;
      expect((await send("/labelled", [["title", "t"], ["meta_a", "hello"], ["pic", file(4, "image/png")]])).status).toBe(204);
      expect(last!.meta_a).toBe("hello");
      expect((last!.pic as File).size).toBe(4);
    });
  });

  describe("additionalProperties of files, beside names other branches declare", () => {
    it("a file over the rule under a name only the other branch declares is refused", async () => {
      const errs = await errors(await send("/bundle", [["kind", "a"], ["big", file(100, "application/octet-stream")]]));
      expect(errs.filter((e) => e.pointer === "/body/big")).toEqual([{ pointer: "/body/big", detail: "must be at most 4 bytes (is 100 bytes)", keyword: "maxLength" }]);
      last = undefined;
      expect((await send("/bundle", [["kind", "a"], ["big", file(4, "application/octet-stream")]])).status).toBe(204);
      expect((last!.big as File).size).toBe(4);
      expect((await send("/bundle", [["kind", "b"], ["big", file(100, "application/octet-stream")]])).status).toBe(204);
    });

    it("a file over the top level's rule under a name only an anyOf branch declares is refused", async () => {
      const errs = await errors(await send("/labelled", [["title", "t"], ["big", file(100, "application/octet-stream")]]));
      expect(errs).toEqual([{ pointer: "/body/big", detail: "must be at most 4 bytes (is 100 bytes)", keyword: "maxLength" }]);
    });

    it("a single file sent twice is a 400 that says so", async () => {
      const twice: [string, File][] = [["x", file(2, "application/octet-stream")], ["x", file(2, "application/octet-stream")]];
      expect((await errors(await send("/bundle", [["kind", "a"], ...twice]))).filter((e) => e.pointer === "/body/x")).toEqual([{ pointer: "/body/x", detail: "must be a single value" }]);
      expect(await errors(await send("/labelled", [["title", "t"], ...twice]))).toEqual([{ pointer: "/body/x", detail: "must be a single value" }]);
    });
  });
});
