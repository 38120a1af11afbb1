/**
 * The hostile fixture's client against its mock: spec text (quotes, `${`, `*\/`, U+2028, `__proto__`,
 * reserved words) in names, parameters and examples is data on both sides. Parameters arrive decoded
 * once, the `__proto__` of an example is an own property of what is sent and received, and nothing of the
 * spec runs.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createHostileClient } from "../fixtures/hostile/generated/src/client.js";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type HostileHandlers } from "../fixtures/hostile/generated/src/server.js";
import { listen, type Listening } from "./helpers.js";

let server: Listening;
const inputs: Record<string, unknown>[] = [];
const forms: unknown[] = [];
beforeAll(async () => {
  const mock = createMockHandlers();
  const handlers: HostileHandlers = {
    ...mock,
    getUserById: (input) => {
      inputs.push({ path: input.path, query: input.query, headers: input.headers, cookies: input.cookies });
      return mock.getUserById(input);
    },
    postForm: (input) => {
      forms.push(input.body);
      return mock.postForm(input);
    },
  };
  server = await listen(toNodeListener(createHandler(handlers, { security: mockSecurity, validateResponses: true })));
});
afterAll(() => server.close());

it("talks to its client; nothing of the spec runs on either side", async () => {
  const exit = vi.spyOn(process, "exit").mockImplementation(() => {
    throw new Error("process.exit called");
  });
  try {
    const api = createHostileClient({ baseUrl: server.url });
    // parameters named `__defineGetter__`, `__proto__`, `__lookupGetter__` left out: none sent (Object.prototype's were, as text)
    const user = await api.getUserById({ path: { userId: '../"; process.exit(1); "?x#y' }, query: { 名前: "${process.exit(1)}" }, headers: {}, cookies: {} });
    // (A header named `x-${evil}` is no HTTP token: fetch itself refuses to send it; the server fills in its
    // default, the spec's text as a value.)
    expect(inputs).toEqual([{ path: { userId: '../"; process.exit(1); "?x#y' }, query: { 名前: "${process.exit(1)}" }, headers: { "x-${evil}": "`whoami` ${evil}" }, cookies: {} }]);
    expect(Object.getOwnPropertyDescriptor(user, "__proto__")?.value).toEqual({ polluted: true });
    expect(user.toString).toBe("${process.exit(1)}");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await api.delete_({ path: { userId: "*/" } });
    expect(await api.class_({ body: { default: "`x`", template: "</script>", new: 1 } })).toMatchObject({ then: expect.any(String) });
    // a form's encoding naming hostile properties: bracket notation as data on both sides, `__proto__` an own field
    const form = JSON.parse('{"\\"]}); process.exit(1); //": { "`${n}`": 2 }, "__proto__": { "polluted": true }, "constructor": [1, 2] }') as never;
    await expect(api.postForm({ body: form })).resolves.toBeUndefined();
    expect(forms).toEqual([form]);
    expect(Object.getOwnPropertyDescriptor(forms[0], "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
  } finally {
    exit.mockRestore();
  }
});

it("answers a Web-standard Request too: a header parameter named by no HTTP token is one no request carries", async () => {
  // `Headers.get("x-${evil}")` threw a TypeError: every request to the operation was a 500 (Hono, Bun, Deno, Workers)
  const handler = createHandler(createMockHandlers(), { security: mockSecurity, forwardErrors: true });
  const res = await handler(new Request("http://api.test/users/a"));
  expect(res.status).toBe(200);
});
