/**
 * `text/event-stream` responses end to end on 127.0.0.1 (the server-sent-events fixture): the generated
 * client reads events as they arrive from a hand-written server (line endings, comments, multi-line data,
 * fields split across chunks) and from the generated server, whose handlers return events (an async
 * generator) sent as they come, through the node adapter and the Web handler; the mock sends an example as
 * one event. Leaving a stream early closes it on both sides.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, createServerSentEventsClient, NetworkError, ResponseParseError, type ServerSentEvent } from "../fixtures/server-sent-events/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type ServerSentEventsHandlers } from "../fixtures/server-sent-events/generated/src/server.js";
import type { Tick } from "../fixtures/server-sent-events/generated/src/types.js";
import { listen, type Listening } from "./helpers.js";

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const s = await listen(listener);
  open.push(s);
  return s;
}

/** The levels stream where a test does not read it. */
const noLevels = () => ({ status: 200 as const, body: [] });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server writing `chunks` of an event stream, `gap` ms apart; `left` resolves when the connection
 * closes, with how many chunks were written by then.
 */
async function handWritten(chunks: string[], gap = 5, status = 200, type = "text/event-stream") {
  let written = 0;
  let closed!: (written: number) => void;
  const left = new Promise<number>((resolve) => (closed = resolve));
  const s = await serve(async (req, res) => {
    res.on("close", () => closed(written));
    res.writeHead(status, { "content-type": type });
    res.flushHeaders();
    for (const c of chunks) {
      if (res.destroyed) return;
      res.write(c);
      written++;
      await pause(gap);
    }
    res.end();
  });
  return { client: createServerSentEventsClient({ baseUrl: s.url, retry: false }), left };
}

async function all<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

/** The events' data read until the stream ends or breaks, and how it broke. */
async function untilBroken<T>(stream: AsyncIterable<{ data: T }>): Promise<{ seen: T[]; error: unknown }> {
  const seen: T[] = [];
  try {
    for await (const e of stream) seen.push(e.data);
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

describe("the client reads an event stream", () => {
  it("as the HTML standard parses it: CR, LF and CRLF, comments, multi-line data, event, id, retry, chunks split anywhere", async () => {
    const { client } = await handWritten([
      ": a comment first\r\n",
      "data: line one\ndata: line two\n\n",
      "event: status\rid: 7\rdata: {\"x\"", ": 1}\r\r",
      "retry: 2500\r",
      "\ndata:no space\n", "\n",
      "data: split\r", "\ndata: crlf\r\n\r\n",
      "id\ndata\n\n",
      "data: dropped: the stream ends inside it\n",
    ]);
    const stream = await client.streamLogs();
    expectTypeOf(stream).toEqualTypeOf<AsyncGenerator<ServerSentEvent<string>, void, undefined>>();
    // text data keeps its schema's type: a string enum stays its union
    expectTypeOf<Awaited<ReturnType<typeof client.streamLevels>>>().toEqualTypeOf<AsyncGenerator<ServerSentEvent<"info" | "warn">, void, undefined>>();
    expect(await all(stream)).toEqual([
      { event: "message", data: "line one\nline two", id: "" },
      { event: "status", data: '{"x": 1}', id: "7" },
      { event: "message", data: "no space", id: "7", retry: 2500 },
      // a CRLF split across chunks is one line end, not two (which would end the event early)
      { event: "message", data: "split\ncrlf", id: "7", retry: 2500 },
      // a bare `id` line sets the last event ID to ""; `retry` holds until the stream changes it
      { event: "message", data: "", id: "", retry: 2500 },
    ]);
  });

  it("an id holding U+0000 and a retry that is not all digits are ignored, as the HTML standard says", async () => {
    const { client } = await handWritten(["id: 1\nretry: 300\ndata: a\n\n", "id: 2\u00003\nretry: 5s\ndata: b\n\n"]);
    expect(await all(await client.streamLogs())).toEqual([
      { event: "message", data: "a", id: "1", retry: 300 },
      { event: "message", data: "b", id: "1", retry: 300 },
    ]);
  });

  it("parses each event's data as JSON where the schema is not a string, and checks it is JSON", async () => {
    const good = await handWritten(['data: {"seq": 1, "label": "a"}\n\n', 'data: {"seq": 2}\n\n']);
    const ticks = await all(await good.client.streamTicks({ query: { from: 1 } }));
    expectTypeOf(ticks[0]!.data).toEqualTypeOf<Tick>();
    expect(ticks.map((t) => t.data)).toEqual([{ seq: 1, label: "a" }, { seq: 2 }]);

    const bad = await handWritten(['data: {"seq": 1}\n\n', "data: not json\n\n"]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const t of await bad.client.streamTicks()) seen.push(t.data);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ seq: 1 }]);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).bodyText).toBe("not json");
  });

  it("delivers each event when it arrives, before the stream ends, and leaving the loop closes the connection", async () => {
    const { client, left } = await handWritten(Array.from({ length: 200 }, (_, i) => `data: {"seq": ${i}}\n\n`), 20);
    const seen: number[] = [];
    for await (const t of await client.streamTicks()) {
      seen.push(t.data.seq);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    // the server saw the client go long before its 200 events were written
    expect(await left).toBeLessThan(200);
  });

  it("a stream given back unread (return() before any event) closes the connection too", async () => {
    const { client, left } = await handWritten(Array.from({ length: 200 }, (_, i) => `data: {"seq": ${i}}\n\n`), 20);
    const stream = await client.streamTicks();
    await stream.return(undefined);
    expect(await left).toBeLessThan(200);
  });

  it("a blank line that is a lone CR ends its event at once, at the end of a chunk or of the stream", async () => {
    const { client } = await handWritten(["data: a\r\r", "data: b\n\r", "data: c\r\r"], 30);
    const seen: string[] = [];
    for await (const e of await client.streamLogs()) seen.push(e.data);
    expect(seen).toEqual(["a", "b", "c"]);
  });

  it("timeoutMs bounds the wait for the headers, not the stream; the caller's signal still ends it", async () => {
    const { client } = await handWritten(["data: {\"seq\": 0}\n\n", "data: {\"seq\": 1}\n\n", "data: {\"seq\": 2}\n\n"], 120);
    expect((await all(await client.streamTicks(undefined, { timeoutMs: 100 }))).length).toBe(3);

    const slow = await handWritten(Array.from({ length: 50 }, (_, i) => `data: {"seq": ${i}}\n\n`), 50);
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const t of await slow.client.streamTicks(undefined, { signal: controller.signal, timeoutMs: 10_000 })) {
        seen.push(t.data.seq);
        if (seen.length === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([0, 1]);
    expect((error as Error).name).toBe("RequestAbortedError");
    await slow.left;
  });

  it("with reconnect, a stream that breaks is asked for again from the last event's id, after the delay it set", async () => {
    const lastEventIds: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      lastEventIds.push(req.headers["last-event-id"] as string | undefined);
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (lastEventIds.length === 1) {
        // two events, then the connection breaks in the middle of a third
        res.write("retry: 20\nid: 1\ndata: a\n\nid: 2\ndata: b\n\ndata: cut", () => setTimeout(() => res.destroy(), 20));
      } else res.end("id: 3\ndata: c\n\n");
    });
    const client = createServerSentEventsClient({ baseUrl: s.url, retry: false });
    const seen = (await all(await client.streamLogs(undefined, { reconnect: 1 }))).map((e) => `${e.id}:${e.data}`);
    expect(seen).toEqual(["1:a", "2:b", "3:c"]);
    expect(lastEventIds).toEqual([undefined, "2"]);

    // without it (the default), the break is the caller's: a NetworkError after the events that arrived
    lastEventIds.length = 0;
    const { seen: once, error } = await untilBroken(await client.streamLogs());
    expect(once).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(NetworkError);
    expect(lastEventIds).toEqual([undefined]);
  });

  it("each reconnection keeps the last event ID and delay the stream set, and a failed reconnect request is tried again", async () => {
    const lastEventIds: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      lastEventIds.push(req.headers["last-event-id"] as string | undefined);
      const n = lastEventIds.length;
      // the third request fails before any answer
      if (n === 3) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "text/event-stream" });
      const cut = () => setTimeout(() => res.destroy(), 20);
      if (n === 1) res.write("retry: 20\nid: 1\ndata: a\n\n", cut);
      else if (n === 2) res.write("data: b\n\n", cut);
      else res.end("id: 4\ndata: d\n\n");
    });
    const client = createServerSentEventsClient({ baseUrl: s.url, retry: false });
    const seen = (await all(await client.streamLogs(undefined, { reconnect: 3 }))).map((e) => `${e.id}:${e.data}:${e.retry}`);
    expect(seen).toEqual(["1:a:20", "1:b:20", "4:d:20"]);
    expect(lastEventIds).toEqual([undefined, "1", "1", "1"]);
  });

  it("an id whose event the break cut short is not resumed from: Last-Event-ID is the last dispatched event's (HTML standard)", async () => {
    const lastEventIds: (string | undefined)[] = [];
    const s = await serve((req, res) => {
      lastEventIds.push(req.headers["last-event-id"] as string | undefined);
      res.writeHead(200, { "content-type": "text/event-stream" });
      // event 2's id and data arrive, its blank line never does; a bare id with a blank line is dispatched (no event)
      if (lastEventIds.length === 1) res.write("retry: 20\nid: 1\ndata: a\n\nid: 2\ndata: b\n", () => setTimeout(() => res.destroy(), 20));
      else if (lastEventIds.length === 2) res.write("data: b\n\nid: 3\n\nid: 4\n", () => setTimeout(() => res.destroy(), 20));
      else res.end("id: 5\ndata: e\n\n");
    });
    const client = createServerSentEventsClient({ baseUrl: s.url, retry: false });
    const seen = (await all(await client.streamLogs(undefined, { reconnect: 2 }))).map((e) => `${e.id}:${e.data}`);
    expect(seen).toEqual(["1:a", "1:b", "5:e"]);
    expect(lastEventIds).toEqual([undefined, "1", "3"]);
  });

  it("return() while waiting to reconnect: no new request", async () => {
    let requests = 0;
    const s = await serve((req, res) => {
      requests++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("retry: 200\ndata: a\n\n", () => setTimeout(() => res.destroy(), 20));
    });
    const client = createServerSentEventsClient({ baseUrl: s.url, retry: false });
    const stream = await client.streamLogs(undefined, { reconnect: 2 });
    expect((await stream.next()).value).toMatchObject({ data: "a" });
    const pending = stream.next(); // meets the break, then waits 200 ms to reconnect
    await pause(80);
    await stream.return(undefined);
    expect((await pending).done).toBe(true);
    await pause(300);
    expect(requests).toBe(1);
  });

  it("an error status is read whole and thrown as the documented error", async () => {
    const { client } = await handWritten(['{"title":"no such stream"}'], 0, 404, "application/json");
    const error = await client.streamTicks().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError<number, unknown>).body).toEqual({ title: "no such stream" });
  });
});

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Web handler", (h: ReturnType<typeof createHandler>) => toNodeListener((request: Request) => h(request))],
  // a real Request in, the handler's own streamed Response out, passed on by the bridge as it comes
  ["Web handler, real Request and Response", (h: ReturnType<typeof createHandler>) => toNodeListener(async (request: Request) => {
    const response = await h(new Request(request.url, { method: request.method, headers: request.headers }));
    return new Response(response.body, response);
  })],
])("the generated server sends events as they come (%s)", (_, adapt) => {
  async function start(handlers: ServerSentEventsHandlers, options: Parameters<typeof createHandler>[1] = {}) {
    const s = await serve(adapt(createHandler(handlers, options)));
    return createServerSentEventsClient({ baseUrl: s.url, retry: false });
  }

  it("a handler's async generator becomes the stream: fields, JSON data, headers", async () => {
    let finished = false;
    async function* ticks(from: number) {
      try {
        for (let seq = from; ; seq++) {
          yield { data: { seq, label: `tick\n${seq}` }, id: `t${seq}`, event: seq % 2 ? "odd" : "even" };
          await pause(10);
        }
      } finally {
        finished = true;
      }
    }
    const client = await start({
      streamTicks: ({ query }) => ({ status: 200, body: ticks(query.from ?? 0) }),
      streamLogs: () => ({ status: 200, body: [{ data: "one\ntwo" }, { data: "three", retry: 1000 }] }),
      streamLevels: () => ({ status: 200, body: [{ data: "warn" }] }),
    });
    const { data: stream, response, status, headers } = await client.streamTicks.withResponse({ query: { from: 5 } });
    // a stream's answer is withResponse()'s as any other: its status, its documented headers (none here)
    expect([status, headers]).toEqual([200, {}]);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const seen: ServerSentEvent<Tick>[] = [];
    for await (const e of stream) {
      seen.push(e);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([
      { event: "odd", data: { seq: 5, label: "tick\n5" }, id: "t5" },
      { event: "even", data: { seq: 6, label: "tick\n6" }, id: "t6" },
      { event: "odd", data: { seq: 7, label: "tick\n7" }, id: "t7" },
    ]);
    // the client left: the handler's generator is ended (at its next event)
    for (let i = 0; i < 100 && !finished; i++) await pause(10);
    expect(finished).toBe(true);
    expect(await all(await client.streamLogs())).toEqual([
      { event: "message", data: "one\ntwo", id: "" },
      { event: "message", data: "three", id: "", retry: 1000 },
    ]);
  });

  it("a line break in an event name or id stays inside its field", async () => {
    const client = await start({
      streamTicks: () => ({ status: 404, body: { title: "unused" } }),
      streamLevels: noLevels,
      streamLogs: () => ({ status: 200, body: [{ data: "x", event: "a\ndata: injected", id: "1\r\nevent: other" }] }),
    });
    expect(await all(await client.streamLogs())).toEqual([{ event: "a data: injected", data: "x", id: "1  event: other" }]);
  });

  it("with validateResponses, an event failing its schema ends the stream and goes to onError", async () => {
    const errors: string[] = [];
    const client = await start(
      {
        streamTicks: () => ({ status: 200, body: [{ data: { seq: 1 } }, { data: { seq: -1 } }, { data: { seq: 3 } }] }),
        streamLogs: () => ({ status: 200, body: [] }),
        streamLevels: noLevels,
      },
      { validateResponses: true, onError: (e, ctx) => errors.push(`${ctx.kind}: ${(e as Error).message}`) },
    );
    const { seen, error } = await untilBroken(await client.streamTicks());
    expect(seen).toEqual([{ seq: 1 }]);
    expect(error).toBeInstanceOf(NetworkError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^response-validation: streamTicks sent an event whose data does not match its schema: \/seq /);
  });

  it("a handler whose events throw ends the stream and goes to onError; the events sent stay sent", async () => {
    const errors: unknown[] = [];
    const client = await start(
      {
        streamLogs: () => ({
          status: 200,
          body: (async function* () {
            yield { data: "before" };
            throw new Error("boom");
          })(),
        }),
        streamTicks: () => ({ status: 404, body: { title: "unused" } }),
        streamLevels: noLevels,
      },
      { onError: (e) => errors.push(e) },
    );
    const { seen, error } = await untilBroken(await client.streamLogs());
    expect(seen).toEqual(["before"]);
    // the connection is cut, so the client knows the stream failed rather than ended
    expect(error).toBeInstanceOf(NetworkError);
    expect((errors[0] as Error).message).toBe("boom");
  });

  it("a client that leaves before the handler has its stream: the events never start, nothing waits forever", async () => {
    let started = false;
    let finished = false;
    let replied!: () => void;
    const reply = new Promise<void>((resolve) => (replied = resolve));
    const s = await serve(adapt(createHandler({
      streamTicks: () => ({ status: 404, body: { title: "unused" } }),
      streamLevels: noLevels,
      streamLogs: async () => {
        await pause(100);
        replied();
        return {
          status: 200,
          body: (async function* () {
            started = true;
            try {
              for (;;) {
                yield { data: "x".repeat(1 << 16) };
                await pause(1);
              }
            } finally {
              finished = true;
            }
          })(),
        };
      },
    })));
    const controller = new AbortController();
    const call = fetch(`${s.url}/logs`, { signal: controller.signal }).catch(() => undefined);
    await pause(30);
    controller.abort();
    await call;
    await reply;
    for (let i = 0; i < 100 && started && !finished; i++) await pause(10);
    expect(!started || finished).toBe(true);
  });

  it("HEAD answers with the stream's headers and no events", async () => {
    let started = false;
    const s = await serve(adapt(createHandler({
      streamTicks: () => ({ status: 404, body: { title: "unused" } }),
      streamLevels: noLevels,
      streamLogs: () => ({
        status: 200,
        body: (async function* () {
          started = true;
          yield { data: "x" };
        })(),
      }),
    })));
    const res = await fetch(`${s.url}/logs`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(await res.text()).toBe("");
    expect(started).toBe(false);
  });

  it("the mock sends the spec's example as the one event of the stream", async () => {
    const client = await start(createMockHandlers(), { security: mockSecurity });
    expect(await all(await client.streamTicks())).toEqual([{ event: "message", data: { seq: 1, label: "first" }, id: "" }]);
  });
});

describe("the Web handler's own Response", () => {
  it("streams the events as its body, for Bun, Deno or an edge runtime to send", async () => {
    const handler = createHandler({
      streamTicks: () => ({ status: 200, body: [{ data: { seq: 1 }, id: "a" }, { data: { seq: 2 }, event: "last" }] }),
      streamLogs: () => ({ status: 200, body: [] }),
      streamLevels: noLevels,
    });
    const res = await handler(new Request("http://127.0.0.1/ticks"));
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.body).toBeInstanceOf(ReadableStream);
    expect(await res.text()).toBe('id: a\ndata: {"seq":1}\n\nevent: last\ndata: {"seq":2}\n\n');
  });
});
