/**
 * A server generated with `types: { dates: "Date" }` (fixture dates-as-date), served on 127.0.0.1: after
 * validation, date-time parameters and body fields reach the handler as Dates; Dates a handler returns go
 * out as ISO strings, and development response validation checks them as sent. An invalid date-time is a 400.
 * The handler types say Date (`tsc -p test`).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createHandler, createMockHandlers, toNodeListener, type DatesAsDateHandlers } from "../fixtures/dates-as-date/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

type Input<K extends keyof DatesAsDateHandlers> = Parameters<DatesAsDateHandlers[K]>[0];

const seen: Record<string, unknown>[] = [];
const handlers: DatesAsDateHandlers = {
  ...createMockHandlers(),
  listEvents: ({ query, headers }) => {
    seen.push({ since: query.since, until: query.until, day: query.day, asOf: headers["x-as-of"] });
    return { status: 200, body: { fetchedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), items: [] } };
  },
  createEvent: ({ body }) => {
    seen.push({ body });
    const event = "opensAt" in body ? { title: body.title, startsAt: body.opensAt } : body;
    return { status: 201, body: { ...event, id: "e1", history: { created: new Date(0) } } };
  },
  getEventAt: ({ path }) => {
    seen.push({ at: path.at });
    return { status: 404 };
  },
};

let server: Listening;
let validating: Listening;
beforeAll(async () => {
  server = await listen(toNodeListener(createHandler(handlers)));
  validating = await listen(toNodeListener(createHandler(handlers, { validateResponses: true, onError: () => {} })));
});
afterAll(async () => {
  await server.close();
  await validating.close();
});

describe("server with dates as Date", () => {
  it("hands the query, header and path date-times to the handler as Dates", async () => {
    seen.length = 0;
    const r = await raw(server.port, "GET", "/events?since=2024-05-01T10:00:00%2B02:00&day=2024-05-01", { "x-as-of": "2024-05-01T08:00:00.5Z" });
    expect(r.status).toBe(200);
    expect(seen).toEqual([{ since: new Date("2024-05-01T08:00:00Z"), until: undefined, day: "2024-05-01", asOf: new Date("2024-05-01T08:00:00.500Z") }]);
    expect(seen[0]!.since).toBeInstanceOf(Date);
    await raw(server.port, "GET", "/events/2024-05-01T08%3A00%3A00Z");
    expect(seen.at(-1)).toEqual({ at: new Date(Date.UTC(2024, 4, 1, 8)) });
  });

  it("sends a returned Date as its ISO string", async () => {
    const r = await raw(server.port, "GET", "/events?since=2024-05-01T10:00:00Z");
    expect(json(r)).toEqual({ fetchedAt: "2024-01-02T03:04:05.006Z", items: [] });
  });

  it("revives the JSON body (nested, arrays, maps, tuples, oneOf) and answers with ISO strings", async () => {
    seen.length = 0;
    const sent = {
      title: "2024-01-01T00:00:00Z",
      startsAt: "2024-05-02T09:30:00Z",
      reminders: ["2024-05-01T09:30:00Z"],
      window: ["2024-05-02T09:00:00Z", 3],
      deadlines: { draft: "2024-04-20T00:00:00Z" },
      meta: { note: "2024-04-20T00:00:00Z" },
      when: "later",
    };
    const r = await raw(server.port, "POST", "/events", { "content-type": "application/json" }, JSON.stringify(sent));
    expect(r.status).toBe(201);
    const body = seen[0]!.body as Record<string, unknown>;
    expect(body.startsAt).toEqual(new Date("2024-05-02T09:30:00Z"));
    expect((body.reminders as unknown[])[0]).toBeInstanceOf(Date);
    expect((body.window as unknown[])[0]).toBeInstanceOf(Date);
    expect((body.deadlines as Record<string, unknown>).draft).toBeInstanceOf(Date);
    expect(body.title).toBe(sent.title);
    expect(body.meta).toEqual(sent.meta);
    expect(body.when).toBe("later");
    expect(json(r)).toEqual({ ...sent, startsAt: "2024-05-02T09:30:00.000Z", reminders: ["2024-05-01T09:30:00.000Z"], window: ["2024-05-02T09:00:00.000Z", 3], deadlines: { draft: "2024-04-20T00:00:00.000Z" }, id: "e1", history: { created: "1970-01-01T00:00:00.000Z" } });
  });

  it("revives a form body by its own schema: its date-time fields, not the JSON body's", async () => {
    seen.length = 0;
    const form = "title=t&opensAt=2024-05-02T09%3A30%3A00Z&startsAt=2024-05-03T00%3A00%3A00Z&reminders=2024-05-01T09%3A30%3A00Z";
    const r = await raw(server.port, "POST", "/events", { "content-type": "application/x-www-form-urlencoded" }, form);
    expect(r.status).toBe(201);
    // `startsAt` is a date-time in the JSON body's schema but free text in the form's
    expect(seen[0]!.body).toEqual({ title: "t", opensAt: new Date("2024-05-02T09:30:00Z"), startsAt: "2024-05-03T00:00:00Z", reminders: [new Date("2024-05-01T09:30:00Z")] });
    expect(typeof (seen[0]!.body as Record<string, unknown>).startsAt).toBe("string");
  });

  it("refuses an invalid date-time with a 400 before the handler runs", async () => {
    seen.length = 0;
    const q = await raw(server.port, "GET", "/events?since=yesterday");
    expect(q.status).toBe(400);
    expect(json(q).errors).toEqual([expect.objectContaining({ pointer: "/query/since", keyword: "format" })]);
    const b = await raw(server.port, "POST", "/events", { "content-type": "application/json" }, JSON.stringify({ title: "t", startsAt: "2024-13-01T00:00:00Z" }));
    expect(b.status).toBe(400);
    expect(json(b).errors).toEqual([expect.objectContaining({ pointer: "/body/startsAt", keyword: "format" })]);
    expect(seen).toEqual([]);
  });

  it("validates replies as they are sent: a Date passes as its ISO string", async () => {
    const r = await raw(validating.port, "GET", "/events?since=2024-05-01T10:00:00Z");
    expect(r.status).toBe(200);
    expect(json(r).fetchedAt).toBe("2024-01-02T03:04:05.006Z");
  });

  it("mock answers stay JSON, valid as sent", async () => {
    const r = await raw(validating.port, "GET", "/threads/t1");
    expect(r.status).toBe(200);
    expect(typeof json(r).postedAt).toBe("string");
  });

  it("types handler inputs and replies with Date", () => {
    expectTypeOf<Input<"listEvents">["query"]["since"]>().toEqualTypeOf<Date>();
    expectTypeOf<Extract<Input<"createEvent">["body"], { opensAt: unknown }>["opensAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<Exclude<Input<"createEvent">["body"], { opensAt: unknown }>["startsAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<Input<"getEventAt">["path"]["at"]>().toEqualTypeOf<Date>();
    // @ts-expect-error a reply's date-time is a Date, not a string
    const wrong: ReturnType<DatesAsDateHandlers["getThread"]> = { status: 200, body: { text: "t", postedAt: "2024-01-01T00:00:00Z", replies: [] } };
    void wrong;
  });
});
