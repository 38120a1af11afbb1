/**
 * A form body's value made from its schema (the README's example call) against the generated mock over
 * 127.0.0.1. The client leaves empty lists and objects out of a form (as qs does), so a required list made
 * empty (deeper than optional properties go: Stripe's `features.subscription_cancel.cancellation_reason.options`,
 * `phases[0].items` of objects with optional properties only) arrived missing and the server answered 400
 * "is required": 3 of Stripe's 452 operations. `synthesizeForm` fills them; JSON values stay as they were.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { synthesize, synthesizeForm } from "../../generator/openapi/sample-value.js";
import { importableSources, tempDir } from "../helpers/project.js";
import { listen, type Listening } from "./helpers.js";

const options = { anyOf: [{ type: "array", items: { type: "string", enum: ["too_expensive", "unused"] } }, { type: "string", enum: [""] }] };
const body = {
  type: "object",
  properties: {
    features: { type: "object", properties: { cancel: { type: "object", properties: {
      reason: { type: "object", required: ["enabled", "options"], properties: { enabled: { type: "boolean" }, options } },
    } } } },
    phases: { type: "array", items: { type: "object", properties: { plan: { type: "object", required: ["items"], properties: {
      items: { type: "array", items: { type: "object", properties: { price: { type: "string" }, quantity: { type: "integer" } } } },
    } } } } },
  },
};

let server: Listening | undefined;
afterAll(() => server?.close());

it("a form body made from the schema carries its required lists: the README's call passes the server's validation", async () => {
  const dir = tempDir("specforge-form-lists-");
  const spec = path.join(dir, "openapi.json");
  const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } } };
  writeFileSync(spec, JSON.stringify({
    openapi: "3.1.0", info: { title: "Portal", version: "1" }, servers: [{ url: "https://portal.example.test" }],
    paths: { "/configurations": { post: { operationId: "createConfiguration", requestBody: { required: true, content: { "application/x-www-form-urlencoded": {
      schema: body,
      encoding: { features: { style: "deepObject", explode: true }, phases: { style: "deepObject", explode: true } },
    } } }, responses: ok } } },
  }));
  const { files, ir } = await generate({ input: spec, packageName: "portal" });
  const readme = files.find((f) => f.path === "README.md")!.contents;
  expect(readme).toMatch(/"options": \[\s*"too_expensive"\s*\]/);

  const mod = (await import(pathToFileURL(path.join(importableSources(files), "index.js")).href)) as Record<string, (...a: unknown[]) => unknown>;
  const handler = mod.createHandler!(mod.createMockHandlers!(), { validateResponses: true });
  server = await listen(mod.toNodeListener!(handler) as never);
  const client = mod.createPortalClient!({ baseUrl: server.url, retry: false }) as { createConfiguration: (input: unknown) => Promise<unknown> };
  const schema = ir.operations[0]!.requestBody!.content[0]!.schema;

  await expect(client.createConfiguration({ body: synthesizeForm(ir.document, schema) })).resolves.toBeDefined();
  // the JSON value (as before): its empty lists are left out of the form, and the server misses them
  const before = synthesize(ir.document, schema) as { features: { cancel: { reason: { options: unknown[] } } } };
  expect(before.features.cancel.reason.options).toEqual([]);
  await expect(client.createConfiguration({ body: before })).rejects.toMatchObject({ status: 400 });
}, 60_000);
