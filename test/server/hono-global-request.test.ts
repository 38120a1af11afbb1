/**
 * @hono/node-server's `serve()` replaces the global `Request` and `Response` with subclasses of its own
 * (its default, `overrideGlobalObjects`). The node adapter's lazy request and response forward every
 * member of those classes, inherited ones too: loaded after the replacement, they forwarded only the
 * subclass's own few, and `request.clone()` ran Node's code on the lazy object (a TypeError, a 500).
 */
import { serve } from "@hono/node-server";
import { afterAll, expect, it } from "vitest";
import { listen } from "./helpers.js";

const original = { Request: globalThis.Request, Response: globalThis.Response };
afterAll(() => Object.assign(globalThis, original));

it("a Web handler behind toNodeListener reads, clones and answers with the globals Hono's serve() installed", async () => {
  const hono = serve({ fetch: () => new Response("x"), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => hono.close(() => resolve()));
  expect(globalThis.Request).not.toBe(original.Request);
  // loaded after the replacement, as in an app that starts Hono first (this file has a module graph of its own: test/vitest.config.ts)
  const { toNodeListener } = await import("../../generated/okra/src/server-runtime/index.js");
  const l = await listen(
    toNodeListener(async (request: Request) => {
      const copy = request.clone();
      const body = (await request.json()) as unknown;
      const echoed = new Response(JSON.stringify({ body, again: await copy.text(), method: request.method }), { status: 201 });
      return new Response(await echoed.clone().text(), { status: echoed.status, headers: { "content-type": "application/json" } });
    }),
  );
  try {
    const res = await fetch(`${l.url}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ body: { a: 1 }, again: '{"a":1}', method: "POST" });
  } finally {
    await l.close();
  }
});
