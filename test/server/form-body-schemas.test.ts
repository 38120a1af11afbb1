/**
 * Each request media type validated by its own schema, over real HTTP on 127.0.0.1 (the media-types
 * fixture): `createProfile`'s urlencoded and multipart schemas differ from its JSON one, and a multipart
 * body is validated field by field (pattern, enum, bounds, repeated fields, a JSON part) with its file
 * parts checked for presence only; problems point at the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMediaTypesClient } from "../fixtures/media-types/generated/src/client.js";
import { createHandler, serverSpec, toNodeListener } from "../fixtures/media-types/generated/src/server.js";
import { createWebHandler } from "../fixtures/media-types/generated/src/server-runtime/index.js";
import { operationValidators } from "../fixtures/media-types/generated/src/validators.js";
import { listen, type Listening } from "./helpers.js";
import { bodies, handlers } from "./media-types-handlers.js";

type Issue = { pointer: string; detail: string; keyword?: string };

async function problems(res: Response): Promise<Issue[]> {
  expect(res.status).toBe(400);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return ((await res.json()) as { errors: Issue[] }).errors.sort((a, b) => a.pointer.localeCompare(b.pointer));
}

const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: "image/png" });

/** A multipart profile: an avatar, two photos and valid fields, each replaceable. */
function profileForm(fields: Record<string, string | string[] | File | undefined> = {}): FormData {
  const all: Record<string, string | string[] | File | File[] | undefined> = {
    avatar: png("me.png"), photos: [png("a.png"), png("b.png")], handle: "ada_l", role: "member", age: "30",
    topics: ["rock", "jazz"], settings: JSON.stringify({ theme: "dark" }), ...fields,
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(all)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) form.append(name, v);
  return form;
}

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Web handler", (h: ReturnType<typeof createHandler>) => toNodeListener((r: Request) => h(r))],
])("request bodies by media type, %s", (_name, adapt) => {
  let server: Listening;
  const post = (path: string, body: FormData | URLSearchParams | string, headers?: Record<string, string>) => fetch(`${server.url}${path}`, { method: "POST", body, headers });
  beforeAll(async () => {
    server = await listen(adapt(createHandler(handlers)) as never);
  });
  afterAll(() => server.close());

  it("a null field the generated client sends (an empty value) is null where the schema allows it, else a 400", async () => {
    const api = createMediaTypesClient({ baseUrl: server.url });
    await api.createProfile({ contentType: "application/x-www-form-urlencoded", body: { handle: "ada_l", newsletter: false, invitedBy: null } });
    expect(bodies.last).toEqual({ handle: "ada_l", newsletter: false, invitedBy: null });
    await api.createProfile({ contentType: "multipart/form-data", body: { avatar: png("me.png"), handle: "ada_l", verified: null } });
    expect((bodies.last as Record<string, unknown>).verified).toBeNull();
    expect(await problems(await post("/profiles", new URLSearchParams([["handle", "ada_l"], ["newsletter", ""]])))).toEqual([
      { pointer: "/body/newsletter", detail: "must be boolean", keyword: "type" },
    ]);
  });

  it("urlencoded: valid by its own schema (the JSON one would want displayName) is a 201, fields coerced", async () => {
    const res = await post("/profiles", new URLSearchParams([["handle", "ada_l"], ["newsletter", "true"], ["age", "30"], ["topics", "news"], ["topics", "sport"]]));
    expect(res.status).toBe(201);
    expect(bodies.last).toEqual({ handle: "ada_l", newsletter: true, age: 30, topics: ["news", "sport"] });
  });

  it("urlencoded: its own schema's pattern, bounds, enum and maxItems are a 400 naming each field", async () => {
    const form = new URLSearchParams([["handle", "Ada-L"], ["displayName", "Ada"], ["newsletter", "true"], ["age", "7"], ...["news", "cinema", "sport", "music"].map((t): [string, string] => ["topics", t])]);
    expect((await problems(await post("/profiles", form))).map((e) => [e.pointer, e.keyword])).toEqual([
      ["/body/age", "minimum"], ["/body/handle", "pattern"], ["/body/topics", "maxItems"], ["/body/topics/1", "enum"],
    ]);
  });

  it("JSON: still its own schema's (displayName required, no pattern on handle)", async () => {
    const headers = { "content-type": "application/json" };
    expect(await problems(await post("/profiles", JSON.stringify({ handle: "ada_l", newsletter: true }), headers))).toEqual([
      { pointer: "/body/displayName", detail: "is required", keyword: "required" },
    ]);
    expect((await post("/profiles", JSON.stringify({ handle: "Ada-L", displayName: "Ada" }), headers)).status).toBe(201);
  });

  it("multipart: valid fields and files are a 201; the handler gets Files, coerced fields and the parsed JSON part", async () => {
    const res = await post("/profiles", profileForm());
    expect(res.status).toBe(201);
    const body = bodies.last as { avatar: File; photos: File[]; age: number; topics: string[]; settings: unknown };
    expect(body.avatar).toBeInstanceOf(File);
    expect(body.avatar.name).toBe("me.png");
    expect(body.photos.map((p) => [p instanceof File, p.name])).toEqual([[true, "a.png"], [true, "b.png"]]);
    expect([body.age, body.topics, body.settings]).toEqual([30, ["rock", "jazz"], { theme: "dark" }]);
  });

  it("multipart: invalid non-file fields are a 400 naming each (pattern, enum, minimum, an item, the JSON part's property, too many files)", async () => {
    const form = profileForm({ handle: "Bad Handle", role: "owner", age: "5", topics: ["ok", "x"], settings: JSON.stringify({ theme: "blue" }) });
    form.append("photos", png("c.png"));
    expect((await problems(await post("/profiles", form))).map((e) => [e.pointer, e.keyword])).toEqual([
      ["/body/age", "minimum"], ["/body/handle", "pattern"], ["/body/photos", "maxItems"], ["/body/role", "enum"], ["/body/settings/theme", "enum"], ["/body/topics/1", "minLength"],
    ]);
  });

  it("multipart: a missing file part is a 400 naming it", async () => {
    expect(await problems(await post("/profiles", profileForm({ avatar: undefined })))).toEqual([{ pointer: "/body/avatar", detail: "is required", keyword: "required" }]);
  });

  it("multipart: a file part sent as text is an untyped file, refused where the encoding names its types", async () => {
    // (where any type goes, it reaches the handler as a File: test/server/file-limits.test.ts)
    expect(await problems(await post("/profiles", profileForm({ avatar: "not really a png" })))).toEqual([
      { pointer: "/body/avatar", detail: "must be image/png or image/jpeg (the part's Content-Type is text/plain)" },
    ]);
  });

  it("multipart: a text field sent as a file part is read as its text, then validated", async () => {
    expect((await post("/profiles", profileForm({ age: new File(["31"], "age.txt") }))).status).toBe(201);
    expect((bodies.last as { age: unknown }).age).toBe(31);
    expect((await problems(await post("/profiles", profileForm({ handle: new File(["Bad Handle"], "h.txt") })))).map((e) => e.pointer)).toEqual(["/body/handle"]);
  });

  it("multipart: a JSON part is validated by the schema it references", async () => {
    const form = new FormData();
    form.append("file", new File([new Uint8Array([37, 80, 68, 70])], "a.pdf", { type: "application/pdf" }));
    form.append("meta", new Blob([JSON.stringify({ title: "Report", pages: 0 })], { type: "application/json" }));
    expect(await problems(await post("/documents", form))).toEqual([{ pointer: "/body/meta/pages", detail: "must be >= 1", keyword: "minimum" }]);
  });
});

describe("multipart files and a validator that returns a copy (as `unknownProperties: strip` does)", () => {
  let server: Listening;
  beforeAll(async () => {
    const multipart = operationValidators.createProfile.bodies["multipart/form-data"];
    // structuredClone turns a File into a nameless Blob: the runtime must not let the validator see them.
    const copying = { ...operationValidators, createProfile: { ...operationValidators.createProfile, bodies: { ...operationValidators.createProfile.bodies, "multipart/form-data": (v: unknown) => multipart(structuredClone(v)) } } };
    server = await listen(toNodeListener(createWebHandler(serverSpec, handlers, copying, undefined, {})));
  });
  afterAll(() => server.close());

  it("the handler still gets the Files as they came", async () => {
    const res = await fetch(`${server.url}/profiles`, { method: "POST", body: profileForm() });
    expect(res.status).toBe(201);
    const body = bodies.last as { avatar: File; photos: File[] };
    expect([body.avatar instanceof File, body.avatar.name]).toEqual([true, "me.png"]);
    expect(body.photos.map((p) => p.name)).toEqual(["a.png", "b.png"]);
  });
});
