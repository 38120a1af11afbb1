/**
 * A client of some operations (`createOkraClientWith({ listCustomers, findCustomer })`, each entry from the
 * package's `./operations`), as hey-api's and Kubb's per-operation functions let an app bundle only what it
 * calls: the same requests on the wire as the whole client (a real server on 127.0.0.1), only the methods
 * given, the generated request validation and date revival wired in as in the whole client's factory; and
 * what it is for: a bundle (rolldown, as the bench bundles) of an app calling one method holds one entry.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createOkraClient, createOkraClientWith, type OkraClient } from "../../generated/okra/src/client.js";
import { findCustomer, listCustomers, removeCustomer } from "../../generated/okra/src/operations.js";
import { createValidatedRequestsClientWith, RequestValidationError } from "../fixtures/validated-requests/generated/src/client.js";
import { createItem } from "../fixtures/validated-requests/generated/src/operations.js";
import { createDatesAsDateClientWith } from "../fixtures/dates-as-date/generated/src/client.js";
import { getThread } from "../fixtures/dates-as-date/generated/src/operations.js";
import { listCustomers as lumyriListCustomers } from "../../generated/lumyri/src/operations.js";
import { ROOT, tempDir } from "../helpers/project.js";
import { exchange, startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, requestExample, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("okra");
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const options = () => ({ baseUrl: `${server.url}/v2/`, auth: { bearerAuth: "sk_live_123" } });

describe("createOkraClientWith", () => {
  it("has the methods given and no others", () => {
    const some = createOkraClientWith({ listCustomers, findCustomer }, options());
    expect(Object.keys(some).sort()).toEqual(["findCustomer", "listCustomers"]);
    expect(typeof some.listCustomers.items).toBe("function");
    expectTypeOf(some).toEqualTypeOf<Pick<OkraClient, "listCustomers" | "findCustomer">>();
  });

  it("sends what the whole client sends and returns the same result", async () => {
    const some = createOkraClientWith({ listCustomers, removeCustomer }, options());
    const whole = createOkraClient(options());
    const calls: Array<[string, (c: Pick<OkraClient, "listCustomers" | "removeCustomer">) => Promise<unknown>]> = [
      ["listCustomers", (c) => c.listCustomers({ body: requestExample(spec, "listCustomers") as never })],
      ["removeCustomer", (c) => c.removeCustomer({ body: requestExample(spec, "removeCustomer") as never })],
    ];
    for (const [id, call] of calls) {
      const example = responseExample(spec, id, "200");
      const ours = await exchange(server, example, () => call(some));
      const theirs = await exchange(server, example, () => call(whole));
      expect(wire(ours.sent)).toEqual(wire(theirs.sent));
      expect(wire(ours.sent)).toMatchObject({ method: "POST", headers: { authorization: "Bearer sk_live_123" } });
      expect(ours.result).toEqual(example);
    }
  });

  it("pages through x-pagination as the whole client does", async () => {
    const some = createOkraClientWith({ listCustomers }, options());
    const page = (n: number, customers: unknown[]) => ({ status: "success", data: { customers, pagination: { page: n, totalPages: 2, nextPage: n + 1, hasNextPage: n < 2 } } });
    server.handle((req) => {
      const n = (JSON.parse(req.body) as { page: number }).page;
      return { body: page(n, [{ id: `c${n}` }]) };
    });
    const ids: unknown[] = [];
    for await (const c of some.listCustomers.items({ body: { limit: 1 } })) ids.push((c as { id: unknown }).id);
    expect(ids).toEqual(["c1", "c2"]);
  });

  it("takes each entry under its own method's name only", () => {
    // never called: the lines under @ts-expect-error fail `tsc -p test/tsconfig.json` if they compile
    const wrong = () => {
      // @ts-expect-error an entry under another operation's name
      createOkraClientWith({ listCustomers: findCustomer });
      // @ts-expect-error not a method of the client
      createOkraClientWith({ listAll: listCustomers });
      // @ts-expect-error a method that was not given
      void createOkraClientWith({ findCustomer }).listCustomers;
      // @ts-expect-error lumyri's listCustomers: another package's entry of the same name
      createOkraClientWith({ listCustomers: lumyriListCustomers });
      // @ts-expect-error an entry written by hand, shaped as one
      createOkraClientWith({ listCustomers: { method: "DELETE", path: "/admin", responses: {} } });
    };
    expect(typeof wrong).toBe("function");
  });
});

describe("generated options reach a client of some operations", () => {
  it("client: { validateRequests: true }: a bad call is refused before anything is sent", async () => {
    const api = createValidatedRequestsClientWith({ createItem }, { baseUrl: server.url });
    const before = server.requests.length;
    const refused = await api.createItem({ path: { org: "acme" }, body: { name: "", email: "not an email" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RequestValidationError);
    expect((refused as RequestValidationError).issues.map((i) => `${i.path} ${i.keyword}`).sort()).toEqual(["/body/email format", "/body/name minLength"]);
    expect(server.requests.length).toBe(before);
  });

  it("types: { dates: Date }: date-times in responses become Dates", async () => {
    const api = createDatesAsDateClientWith({ getThread }, { baseUrl: server.url });
    server.handle(() => ({ body: { text: "a", postedAt: "2024-01-01T00:00:00Z", replies: [] } }));
    const thread = await api.getThread({ path: { id: "t" } });
    expect(thread.postedAt).toBeInstanceOf(Date);
    expect(thread.postedAt.getTime()).toBe(Date.UTC(2024, 0, 1));
  });
});

describe("what a bundler keeps", () => {
  /** The package's modules as JavaScript, types erased (as the bench's client section does). */
  function transpile(from: string, to: string): void {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      const src = path.join(from, entry);
      if (statSync(src).isDirectory()) continue;
      if (entry.endsWith(".js")) writeFileSync(path.join(to, entry), readFileSync(src));
      else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) {
        const js = ts.transpileModule(readFileSync(src, "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
        writeFileSync(path.join(to, entry.replace(/\.ts$/, ".js")), js);
      }
    }
  }

  /** Minified ESM of `source`, an app beside the package's modules (in `pkg/`). */
  async function bundler(dir: string) {
    const { rolldown } = await import("rolldown");
    return async (name: string, source: string) => {
      writeFileSync(path.join(dir, name), source);
      const b = await rolldown({ input: path.join(dir, name), logLevel: "silent" });
      const { output } = await b.generate({ format: "esm", minify: true });
      await b.close();
      return output[0].code;
    };
  }
  // every entry of the table has a `responses` field, a property name minifiers keep
  const entries = (code: string) => code.match(/responses:\{/g)?.length ?? 0;
  const exported = (file: string) => (readFileSync(path.join(ROOT, file), "utf8").match(/^export const /gm) ?? []).length;

  it("an app calling one method through createBankingserviceClientWith bundles that operation's entry alone", async () => {
    const dir = tempDir();
    transpile(path.join(ROOT, "generated/bankingservice/src"), path.join(dir, "pkg"));
    const bundle = await bundler(dir);
    const call = 'getCustomer({ path: { profileId: "p", customerId: "c" } })';
    const whole = await bundle("whole.js", `import { createBankingserviceClient } from "./pkg/client.js";\nconsole.log(await createBankingserviceClient().${call});\n`);
    const some = await bundle("some.js", `import { createBankingserviceClientWith } from "./pkg/client.js";\nimport { getCustomer } from "./pkg/operations.js";\nconsole.log(await createBankingserviceClientWith({ getCustomer }).${call});\n`);
    const operations = exported("generated/bankingservice/src/operations.js");
    expect(operations).toBeGreaterThan(1);
    expect(entries(whole)).toBe(operations);
    expect(entries(some)).toBe(1);
    expect(some).toContain("customerId");
    expect(some.length).toBeLessThan(whole.length);
  }, 60_000);

  it("an infinite query helper (client: { query: true }) brings its own operation's entry, not the table", async () => {
    const dir = tempDir();
    transpile(path.join(ROOT, "test/fixtures/tanstack-query/generated/src"), path.join(dir, "pkg"));
    const bundle = await bundler(dir);
    const app = await bundle("infinite.js", [
      'import { createTanstackQueryClientWith } from "./pkg/client.js";',
      'import { listNotes } from "./pkg/operations.js";',
      'import { listNotesInfiniteQuery } from "./pkg/query.js";',
      "console.log(listNotesInfiniteQuery(createTanstackQueryClientWith({ listNotes }), {}));",
      "",
    ].join("\n"));
    expect(exported("test/fixtures/tanstack-query/generated/src/operations.js")).toBeGreaterThan(1);
    expect(entries(app)).toBe(1);
  }, 60_000);
});
