/**
 * `request.signal`: a handler learns that its client went away before the reply was complete (a slow
 * lookup, an event stream), over 127.0.0.1 through the node adapter, Express and a Hono app served by
 * @hono/node-server (its `Request`'s signal), and from a Web `Request`'s own signal; a reply that completes leaves it unaborted.
 */
import { getRequestListener } from "@hono/node-server";
import express from "express";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createHandler, toExpressMiddleware, toNodeListener, type ServerSentEventsHandlers } from "../fixtures/server-sent-events/generated/src/server.js";
import type { RequestInfo } from "../fixtures/server-sent-events/generated/src/server-runtime/index.js";
import { listen, type Listening } from "./helpers.js";

const open: Listening[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Handlers whose `streamLogs` waits until its client goes away (or `release` is called), recording which. */
function waiting() {
  const seen: { request?: RequestInfo; outcome?: "aborted" | "released" } = {};
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handlers: ServerSentEventsHandlers = {
    streamTicks: () => ({ status: 404, body: { title: "unused" } }),
    streamLevels: () => ({ status: 200, body: [] }),
    streamLogs: async ({ request }) => {
      seen.request = request;
      const aborted = new Promise<"aborted">((resolve) => request.signal.addEventListener("abort", () => resolve("aborted")));
      seen.outcome = await Promise.race([aborted, released.then(() => "released" as const)]);
      return { status: 200, body: [{ data: "done" }] };
    },
  };
  return { handlers, seen, release };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await pause(10);
}

describe.each([
  ["node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener(h)],
  ["Express", (h: ReturnType<typeof createHandler>) => express().use(toExpressMiddleware(h))],
  ["Web handler through the node adapter", (h: ReturnType<typeof createHandler>) => toNodeListener((request: Request) => h(request))],
  ["Hono app on @hono/node-server", (h: ReturnType<typeof createHandler>) => getRequestListener(new Hono().all("*", (c) => h(c.req.raw)).fetch)],
])("request.signal (%s)", (_, adapt) => {
  it("is aborted when the client goes away before the reply", async () => {
    const { handlers, seen } = waiting();
    const s = await listen(adapt(createHandler(handlers)) as Parameters<typeof listen>[0]);
    open.push(s);
    const controller = new AbortController();
    const call = fetch(`${s.url}/logs`, { signal: controller.signal }).catch((e: unknown) => e);
    await until(() => seen.request !== undefined);
    expect(seen.request!.signal.aborted).toBe(false);
    controller.abort();
    await call;
    await until(() => seen.outcome !== undefined);
    expect(seen.outcome).toBe("aborted");
  });

  it("is aborted when first read after the client went away", async () => {
    let signal: AbortSignal | undefined;
    let left!: () => void;
    const gone = new Promise<void>((resolve) => (left = resolve));
    const s = await listen(adapt(createHandler({
      streamTicks: () => ({ status: 404, body: { title: "unused" } }),
      streamLevels: () => ({ status: 200, body: [] }),
      streamLogs: async ({ request }) => {
        await gone;
        await pause(50);
        signal = request.signal;
        return { status: 200, body: [] };
      },
    })) as Parameters<typeof listen>[0]);
    open.push(s);
    const controller = new AbortController();
    const call = fetch(`${s.url}/logs`, { signal: controller.signal }).catch((e: unknown) => e);
    await pause(30);
    controller.abort();
    await call;
    left();
    await until(() => signal !== undefined);
    expect(signal!.aborted).toBe(true);
  });

  it("stays unaborted when the reply completes", async () => {
    const { handlers, seen, release } = waiting();
    const s = await listen(adapt(createHandler(handlers)) as Parameters<typeof listen>[0]);
    open.push(s);
    const call = fetch(`${s.url}/logs`).then((r) => r.text());
    await until(() => seen.request !== undefined);
    release();
    expect(await call).toBe("data: done\n\n");
    await pause(20);
    expect(seen.outcome).toBe("released");
    expect(seen.request!.signal.aborted).toBe(false);
  });
});

describe("request.signal (Web handler)", () => {
  it("is the Request's own signal", async () => {
    const { handlers, seen } = waiting();
    const controller = new AbortController();
    const reply = createHandler(handlers)(new Request("http://127.0.0.1/logs", { signal: controller.signal }));
    await until(() => seen.request !== undefined);
    controller.abort();
    await reply;
    expect(seen.outcome).toBe("aborted");
  });
});
