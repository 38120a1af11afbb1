/**
 * `client: { query: true }` (fixture tanstack-query): the generated TanStack Query options, driven by a
 * real `QueryClient` of @tanstack/query-core against a real server on 127.0.0.1. The type tests at the end
 * are only type-checked (`tsc -p test`): what TanStack infers from the options, and inputs that must not compile.
 */
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { MutationObserver, QueryClient, QueryObserver, isCancelledError, type InfiniteData } from "@tanstack/query-core";
import { ApiError, RequestAbortedError, createTanstackQueryClient, type CreateNoteInput, type GetNoteInput, type ListNotesInput, type TanstackQueryClient } from "../fixtures/tanstack-query/generated/src/client.js";
import * as query from "../fixtures/tanstack-query/generated/src/query.js";
import type { Note, NotePage, Problem } from "../fixtures/tanstack-query/generated/src/types.js";
import { startServer, type Recorded, type TestServer } from "./helpers/server.js";

const { createNoteMutation, purgeNotesMutation, noteExistsQuery, getStatsKey, getNoteKey, getNoteQuery, getStatsQuery, listNotesInfiniteQuery, listNotesKey, listNotesQuery, searchNotesInfiniteQuery } = query;
const API = "@fixtures/tanstack-query";
const note = (id: string) => ({ id, text: `note ${id}` });

let server: TestServer;
let api: TanstackQueryClient;
let qc: QueryClient;
beforeAll(async () => {
  server = await startServer();
  api = createTanstackQueryClient({ baseUrl: server.url, retry: false });
});
afterAll(() => server.close());
afterEach(() => qc?.clear());

function client(): QueryClient {
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return qc;
}

/** Notes 1..7, three to a page, as `GET /notes?page=N` answers them. */
function notesByPage(req: Recorded) {
  const page = Number(new URLSearchParams(req.query).get("page"));
  const ids = [1, 2, 3, 4, 5, 6, 7].slice((page - 1) * 3, page * 3);
  return { body: { notes: ids.map((i) => note(String(i))), page, totalPages: 3 } };
}

describe("TanStack Query options from the client", () => {
  it("fetchQuery calls the operation under [package, method, input] and returns its body", async () => {
    server.handle((req) => ({ body: note(req.path.split("/").pop()!) }));
    const options = getNoteQuery(api, { path: { noteId: "n1" } });
    expect(options.queryKey).toEqual([API, "getNote", { path: { noteId: "n1" } }]);
    const data = await client().fetchQuery(options);
    expect(data).toEqual(note("n1"));
    expect(server.requests.at(-1)!.url).toBe("/notes/n1");
    // cached under that key: a second fetch within staleTime makes no request
    const count = server.requests.length;
    expect(await qc.fetchQuery({ ...getNoteQuery(api, { path: { noteId: "n1" } }), staleTime: Infinity })).toEqual(note("n1"));
    expect(server.requests.length).toBe(count);
    expect(qc.getQueryData(getNoteKey({ path: { noteId: "n1" } }))).toEqual(note("n1"));
  });

  it("an operation without input gets the key without input, and call options reach the request", async () => {
    server.handle(() => ({ body: { notes: 7 } }));
    const options = getStatsQuery(api, undefined, { headers: { "x-trace": "t1" } });
    expect(options.queryKey).toEqual([API, "getStats"]);
    expect(await client().fetchQuery(options)).toEqual({ notes: 7 });
    expect(server.requests.at(-1)!.headers["x-trace"]).toBe("t1");
  });

  it("a documented error rejects the query with the client's ApiError, narrowed by isError", async () => {
    server.handle(() => ({ status: 404, body: { error: "no such note" } }));
    const error: unknown = await client().fetchQuery(getNoteQuery(api, { path: { noteId: "gone" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!api.getNote.isError(error)) throw new Error("not getNote's error");
    expect(error.status).toBe(404);
    expect(error.body.error).toBe("no such note");
  });

  it("cancelling the query aborts its request through the query's signal", async () => {
    server.handle(() => ({ body: note("late"), delayMs: 60_000 }));
    let rejected!: (e: unknown) => void;
    const outcome = new Promise<unknown>((resolve) => (rejected = resolve));
    // the client's own method, watched: the call must end because its signal aborted
    const watched = Object.assign((...args: Parameters<TanstackQueryClient["getNote"]>) => api.getNote(...args).catch((e: unknown) => (rejected(e), Promise.reject(e))), api.getNote);
    const options = getNoteQuery({ getNote: watched }, { path: { noteId: "slow" } });
    const fetching = client().fetchQuery(options).catch((e: unknown) => e);
    while (server.requests.at(-1)?.url !== "/notes/slow") await new Promise((r) => setTimeout(r, 5));
    await qc.cancelQueries({ queryKey: getNoteKey() });
    expect(await outcome).toBeInstanceOf(RequestAbortedError);
    expect(isCancelledError(await fetching)).toBe(true);
  });

  it("fetchInfiniteQuery walks the pages of a query-paged operation until the last", async () => {
    server.handle(notesByPage);
    const before = server.requests.length;
    const options = listNotesInfiniteQuery(api, { query: { limit: 3 } });
    expect(options.queryKey).toEqual([API, "listNotes", { query: { limit: 3 } }, "infinite"]);
    expect(options.initialPageParam).toBe(1);
    const data = await client().fetchInfiniteQuery({ ...options, pages: 10 });
    expect(data.pageParams).toEqual([1, 2, 3]);
    expect(data.pages.flatMap((p) => p.notes.map((n) => n.id))).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/notes?page=1&limit=3", "/notes?page=2&limit=3", "/notes?page=3&limit=3"]);
    // the same pages as the client's own iterator
    const pages: NotePage[] = [];
    for await (const p of api.listNotes.pages({ query: { limit: 3 } })) pages.push(p);
    expect(pages).toEqual(data.pages);
  });

  it("starts at the input's page, and a body-paged read (POST) follows its nextPage to null", async () => {
    server.handle(notesByPage);
    const fromTwo = await client().fetchInfiniteQuery({ ...listNotesInfiniteQuery(api, { query: { page: 2 } }), pages: 10 });
    expect(fromTwo.pageParams).toEqual([2, 3]);
    server.handle((req) => {
      const { page } = JSON.parse(req.body) as { page: number };
      return { body: { notes: [note(`s${page}`)], next: page < 1 ? page + 1 : null } };
    });
    const before = server.requests.length;
    const data = await qc.fetchInfiniteQuery({ ...searchNotesInfiniteQuery(api, { body: { text: "a" } }), pages: 10 });
    expect(data.pageParams).toEqual([0, 1]);
    expect(server.requests.slice(before).map((r) => JSON.parse(r.body))).toEqual([{ text: "a", page: 0 }, { text: "a", page: 1 }]);
  });

  it("a MutationObserver posts the input's body and resolves to the typed result", async () => {
    server.handle((req) => ({ status: 201, body: { ...(JSON.parse(req.body) as object), id: "new" } }));
    const options = createNoteMutation(api, { headers: { "x-trace": "m1" } });
    expect(options.mutationKey).toEqual([API, "createNote"]);
    const observer = new MutationObserver(client(), options);
    const created = await observer.mutate({ body: { text: "hello", tags: ["a"] } });
    expect(created).toEqual({ id: "new", text: "hello", tags: ["a"] });
    const sent = server.requests.at(-1)!;
    expect([sent.method, sent.url, sent.headers["x-trace"], JSON.parse(sent.body)]).toEqual(["POST", "/notes", "m1", { text: "hello", tags: ["a"] }]);
    expect(observer.getCurrentResult().data).toEqual(created);
  });

  it("a response without a body (HEAD) is null data, as TanStack refuses undefined", async () => {
    server.handle(() => ({ status: 200 }));
    expect(await client().fetchQuery(noteExistsQuery(api, { path: { noteId: "a" } }))).toBeNull();
    expect(server.requests.at(-1)!.method).toBe("HEAD");
  });

  it("an operation's key without input is the key of its query called without input (getQueryData, setQueryData)", async () => {
    server.handle(() => ({ body: { notes: 4 } }));
    const qc = client();
    await qc.fetchQuery(getStatsQuery(api));
    expect(qc.getQueryData(getStatsKey())).toEqual({ notes: 4 });
    expect(getStatsQuery(api, {}).queryKey).toEqual(getStatsKey());
    // `{ query: undefined }` (an optional input spread from a form) is no input too, as TanStack hashes it.
    expect(listNotesKey({ query: undefined })).toEqual(listNotesKey());
    expect(listNotesKey({ query: { tag: "a" } })).toHaveLength(3);
  });

  it("a mutation whose input has nothing required is called without an argument", async () => {
    server.handle((req) => ({ body: { removed: req.url.includes("olderThanDays=30") ? 3 : 7 } }));
    const observer = new MutationObserver(client(), purgeNotesMutation(api));
    expect(await observer.mutate()).toEqual({ removed: 7 });
    expect(server.requests.at(-1)!.url).toBe("/notes/purge");
    expect(await observer.mutate({ query: { olderThanDays: 30 } })).toEqual({ removed: 3 });
  });

  it("invalidateQueries by an operation's key prefix refetches every input of it and nothing else", async () => {
    server.handle((req) => (req.path === "/stats" ? { body: { notes: 1 } } : { body: note(req.path.split("/").pop()!) }));
    client();
    const observers = [
      new QueryObserver(qc, getNoteQuery(api, { path: { noteId: "a" } })),
      new QueryObserver(qc, getNoteQuery(api, { path: { noteId: "b" } })),
      new QueryObserver(qc, getStatsQuery(api)),
    ];
    const stops = observers.map((o) => o.subscribe(() => undefined));
    await Promise.all(observers.map((o) => o.refetch()));
    const before = server.requests.length;
    await qc.invalidateQueries({ queryKey: getNoteKey() });
    expect(server.requests.slice(before).map((r) => r.url).sort()).toEqual(["/notes/a", "/notes/b"]);
    stops.forEach((stop) => stop());
  });

  it("a class-based stand-in whose methods use `this` is called on itself (query, infinite query, mutation)", async () => {
    // As a test double or a wrapper around the client is often written: methods on a prototype, state on `this`.
    class StandIn {
      readonly calls: string[] = [];
      #notes = new Map([["n1", note("n1")]]);
      async getNote(input: GetNoteInput) {
        this.calls.push(`getNote ${input.path.noteId}`);
        return this.#notes.get(input.path.noteId)!;
      }
      async listNotes(input?: ListNotesInput) {
        const page = input?.query?.page ?? 1;
        this.calls.push(`listNotes ${page}`);
        return { notes: [note(`p${page}`)], page, totalPages: 2 };
      }
      async createNote(input: CreateNoteInput) {
        this.calls.push("createNote");
        this.#notes.set("n2", { id: "n2", ...input.body });
        return this.#notes.get("n2")!;
      }
    }
    const stand = new StandIn();
    const standIn = stand as unknown as TanstackQueryClient;
    expect(await client().fetchQuery(getNoteQuery(standIn, { path: { noteId: "n1" } }))).toEqual(note("n1"));
    const pages = await qc.fetchInfiniteQuery({ ...listNotesInfiniteQuery(standIn), pages: 5 });
    expect(pages.pages.map((p) => p.page)).toEqual([1, 2]);
    expect(await new MutationObserver(qc, createNoteMutation(standIn)).mutate({ body: { text: "t" } })).toEqual({ id: "n2", text: "t" });
    expect(stand.calls).toEqual(["getNote n1", "listNotes 1", "listNotes 2", "createNote"]);
  });
});

// Type tests: never run, only type-checked.

async function inferred(qc: QueryClient, input: GetNoteInput): Promise<void> {
  expectTypeOf(await qc.fetchQuery(getNoteQuery(api, input))).toEqualTypeOf<Note>();
  expectTypeOf(await qc.fetchQuery(noteExistsQuery(api, input))).toEqualTypeOf<null>();
  expectTypeOf(new QueryObserver(qc, listNotesQuery(api)).getCurrentResult().data).toEqualTypeOf<NotePage | undefined>();
  expectTypeOf(await qc.fetchInfiniteQuery(listNotesInfiniteQuery(api))).toEqualTypeOf<InfiniteData<NotePage, number>>();
  expectTypeOf(await new MutationObserver(qc, createNoteMutation(api)).mutate({ body: { text: "t" } })).toEqualTypeOf<Note>();
  // an operation whose input has nothing required: mutate() without an argument
  expectTypeOf(await new MutationObserver(qc, purgeNotesMutation(api)).mutate()).toEqualTypeOf<{ removed: number }>();
  expectTypeOf(getNoteKey(input)).toEqualTypeOf<readonly [api: typeof API, operation: "getNote", input?: GetNoteInput]>();
  const { error } = new QueryObserver(qc, getNoteQuery(api, input)).getCurrentResult();
  if (api.getNote.isError(error) && error.status === 404) expectTypeOf(error.body).toEqualTypeOf<Problem>();
}

function wrongInputs(qc: QueryClient): void {
  // @ts-expect-error a required path parameter is missing
  void qc.fetchQuery(getNoteQuery(api, { path: {} }));
  // @ts-expect-error the input is required when something in it is
  getNoteQuery(api);
  // @ts-expect-error a path parameter of the wrong type
  getNoteQuery(api, { path: { noteId: 1 } });
  // @ts-expect-error the query's signal is the one that aborts
  getNoteQuery(api, { path: { noteId: "a" } }, { signal: new AbortController().signal });
  // @ts-expect-error a body field of the wrong type
  void new MutationObserver(qc, createNoteMutation(api)).mutate({ body: { text: 1 } });
  // @ts-expect-error a mutation whose input has something required needs it
  void new MutationObserver(qc, createNoteMutation(api)).mutate();
  // @ts-expect-error a paged operation's own query takes its page (its infinite query supplies it)
  query.searchNotesQuery(api, { body: { text: "a" } });
  // @ts-expect-error writes get a mutation, not a query
  void query.createNoteQuery;
  // @ts-expect-error an event stream gets no query
  void query.watchNotesQuery;
  // @ts-expect-error a client without the operation
  getNoteQuery({ getStats: api.getStats }, { path: { noteId: "a" } });
}

void inferred;
void wrongInputs;
