/**
 * A client generated with `types: { dates: "Date" }` (fixture dates-as-date), against a real server on
 * 127.0.0.1: response date-times arrive as Dates where the schema puts them (nested, in arrays, maps,
 * tuples, allOf, oneOf, recursion, error bodies), other strings stay strings even when they look like
 * dates, and Dates sent in parameters and bodies travel as ISO strings. The types say so too (`tsc -p test`).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, ResponseValidationError, createDatesAsDateClient } from "../fixtures/dates-as-date/generated/src/client.js";
import { isModelEvent, responseValidators, validateNewEvent } from "../fixtures/dates-as-date/generated/src/validators.js";
import type { ListEventsResponse, ModelEvent } from "../fixtures/dates-as-date/generated/src/types.js";
import { startServer, type TestServer } from "./helpers/server.js";

const LOOKS_LIKE_A_DATE = "2024-01-01T00:00:00Z";
const event = (startsAt = "2024-05-02T09:30:00Z") => ({
  id: "e1",
  title: LOOKS_LIKE_A_DATE,
  startsAt,
  endsAt: null,
  day: "2024-05-02",
  reminders: ["2024-05-01T09:30:00Z", "2024-05-01T10:30:00.250+02:00"],
  window: ["2024-05-02T09:00:00Z", 3],
  deadlines: { draft: "2024-04-20T00:00:00Z" },
  meta: { owner: LOOKS_LIKE_A_DATE },
  when: "soon",
  history: { created: "2024-04-01T08:00:00Z" },
});

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ body: { fetchedAt: "2024-05-01T12:00:00Z", items: [event()] } }));
});
afterAll(() => server.close());

describe("client with dates as Date", () => {
  it("revives the response's date-times where the schema has them, and only there", async () => {
    const api = createDatesAsDateClient({ baseUrl: server.url });
    const page = await api.listEvents({ query: { since: new Date(0) } });
    expect(page.fetchedAt).toBeInstanceOf(Date);
    expect(page.fetchedAt.getTime()).toBe(Date.UTC(2024, 4, 1, 12));
    const e = page.items[0]!;
    expect(e.startsAt.getTime()).toBe(Date.UTC(2024, 4, 2, 9, 30));
    expect(e.history.created.getTime()).toBe(Date.UTC(2024, 3, 1, 8));
    expect(e.reminders!.map((d) => d.getTime())).toEqual([Date.UTC(2024, 4, 1, 9, 30), Date.UTC(2024, 4, 1, 8, 30, 0, 250)]);
    expect(e.window![0]).toBeInstanceOf(Date);
    expect(e.window![1]).toBe(3);
    expect(e.deadlines!.draft).toBeInstanceOf(Date);
    expect(e.endsAt).toBeNull();
    // strings the schema does not mark stay strings, whatever they look like
    expect(e.title).toBe(LOOKS_LIKE_A_DATE);
    expect(e.meta).toEqual({ owner: LOOKS_LIKE_A_DATE });
    expect(e.day).toBe("2024-05-02");
    // oneOf a date-time or a word: the word stays
    expect(e.when).toBe("soon");
  });

  it("follows recursive schemas and revives documented error bodies", async () => {
    const api = createDatesAsDateClient({ baseUrl: server.url });
    const reply = (text: string, at: string, replies: unknown[] = []) => ({ text, postedAt: at, replies });
    server.handle(() => ({ body: reply("a", "2024-01-01T00:00:00Z", [reply("b", "2024-01-02T00:00:00Z", [reply("c", "2024-01-03T00:00:00Z")])]) }));
    const thread = await api.getThread({ path: { id: "t" } });
    expect(thread.replies[0]!.replies[0]!.postedAt).toEqual(new Date("2024-01-03T00:00:00Z"));
    expect(thread.replies[0]!.replies[0]!.postedAt).toBeInstanceOf(Date);

    server.handle(() => ({ status: 503, body: { title: "down", at: "2024-06-01T00:00:00Z" } }));
    const error = await api.listEvents({ query: { since: new Date(0) } }, { retry: false }).catch((e: unknown) => e);
    expect(api.listEvents.isError(error)).toBe(true);
    expect((error as ApiError<number, { at?: Date }>).body.at).toEqual(new Date("2024-06-01T00:00:00Z"));
  });

  it("sends Dates in the query, a header, the path and a JSON body as ISO strings", async () => {
    const api = createDatesAsDateClient({ baseUrl: server.url });
    const at = new Date(Date.UTC(2024, 4, 2, 9, 30, 15, 5));
    server.handle(() => ({ body: { fetchedAt: "2024-05-01T12:00:00Z", items: [] } }));
    await api.listEvents({ query: { since: at, until: null }, headers: { "x-as-of": at } });
    const sent = server.requests.at(-1)!;
    expect(new URLSearchParams(sent.query).get("since")).toBe("2024-05-02T09:30:15.005Z");
    expect(sent.query).toBe("since=2024-05-02T09%3A30%3A15.005Z");
    expect(sent.headers["x-as-of"]).toBe("2024-05-02T09:30:15.005Z");

    server.handle(() => ({ body: event() }));
    await api.getEventAt({ path: { at } });
    expect(server.requests.at(-1)!.path).toBe("/events/2024-05-02T09%3A30%3A15.005Z");

    server.handle(() => ({ status: 201, body: event() }));
    const body = { title: "t", startsAt: at, reminders: [at], deadlines: { x: at } };
    await api.createEvent({ body });
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({ title: "t", startsAt: at.toISOString(), reminders: [at.toISOString()], deadlines: { x: at.toISOString() } });
    // the caller's object is left as it was
    expect(body.startsAt).toBe(at);
  });

  it("with response validation, checks the wire's strings first and then revives", async () => {
    const api = createDatesAsDateClient({ baseUrl: server.url, validateResponses: responseValidators });
    server.handle(() => ({ body: event() }));
    const e = await api.getEventAt({ path: { at: new Date() } });
    expect(e.startsAt).toBeInstanceOf(Date);
    server.handle(() => ({ body: event("next tuesday") }));
    const error = await api.getEventAt({ path: { at: new Date() } }).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ issues: [expect.objectContaining({ path: "/startsAt", keyword: "format" })] });
  });

  it("types results with Date, and validators with the wire's strings", () => {
    expectTypeOf<ListEventsResponse["fetchedAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<ModelEvent["endsAt"]>().toEqualTypeOf<Date | null | undefined>();
    expectTypeOf<ModelEvent["day"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Awaited<ReturnType<ReturnType<typeof createDatesAsDateClient>["getEventAt"]>>["startsAt"]>().toEqualTypeOf<Date>();
    const checked = validateNewEvent({ title: "t", startsAt: "2024-05-02T09:30:00Z" });
    if (checked.ok) expectTypeOf(checked.value.startsAt).toEqualTypeOf<string>();
    expect(checked.ok).toBe(true);
    const unknownValue: unknown = JSON.parse(JSON.stringify(event()));
    if (isModelEvent(unknownValue)) expectTypeOf(unknownValue.history.created).toEqualTypeOf<string>();
    expect(isModelEvent(unknownValue)).toBe(true);
    // a Date object is not what the validators check: they see JSON
    expect(isModelEvent({ ...event(), startsAt: new Date() })).toBe(false);
  });
});

function wrongInputs(): void {
  const api = createDatesAsDateClient();
  // @ts-expect-error a date-time query parameter takes a Date
  void api.listEvents({ query: { since: "2024-01-01T00:00:00Z" } });
  // @ts-expect-error a calendar date stays a string
  void api.createEvent({ body: { title: "t", startsAt: new Date(), day: new Date() } });
}
void wrongInputs;
