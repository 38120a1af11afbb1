/**
 * The generated client of each of our five APIs against its generated mock, over 127.0.0.1: every
 * operation answered with the spec's example (checked by the client's response validators too), a
 * documented error chosen with `Prefer: code=...`, and a 401 when the credentials an operation requires
 * are missing, as the real server would answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as okra from "../../generated/okra/src/index.js";
import * as bankingservice from "../../generated/bankingservice/src/index.js";
import * as customerV3 from "../../generated/customer-v3/src/index.js";
import * as lumyri from "../../generated/lumyri/src/index.js";
import * as onefi from "../../generated/onefi/src/index.js";
import { loadSpec, operationIds, requestExample, responseExample } from "../client/helpers/spec-examples.js";
import { listen, type Listening } from "./helpers.js";

type Call = (input?: unknown, options?: { headers?: Record<string, string> }) => Promise<unknown>;
type Client = Record<string, Call>;

interface Api {
  name: string;
  pkg: { createHandler: (h: never, o: never) => okra.WebHandler; createMockHandlers: () => unknown; mockSecurity: unknown; responseValidators: unknown; toNodeListener: typeof okra.toNodeListener };
  client: (options: { baseUrl: string; auth?: Record<string, string>; validateResponses?: unknown; retry?: false }) => unknown;
  auth: Record<string, string>;
  /** Parameters of each operation (bodies come from the spec's request examples). */
  params: Record<string, Record<string, unknown>>;
  /** A documented error status to ask for with `Prefer: code=`, and the operation to ask it of. */
  error: [operation: string, status: number];
}

const ID = "346dd239-cbe4-44fe-b9ee-be88fd2fa853";
const APIS: Api[] = [
  { name: "okra", pkg: okra as never, client: okra.createOkraClient as never, auth: { bearerAuth: "sk_test" }, params: {}, error: ["findCustomer", 401] },
  {
    name: "bankingservice", pkg: bankingservice as never, client: bankingservice.createBankingserviceClient as never, auth: { oauth2: "token" },
    params: {
      listCustomers: { path: { profileId: "prof-1" }, query: { page: 0, size: 20 } },
      createCustomer: { path: { profileId: "prof-1" } },
      getCustomer: { path: { profileId: "prof-1", customerId: "6f1c2b7e" } },
      updateCustomer: { path: { profileId: "prof-1", customerId: "6f1c2b7e" } },
      deleteCustomer: { path: { profileId: "prof-1", customerId: "6f1c2b7e" } },
    },
    error: ["getCustomer", 404],
  },
  { name: "customer-v3", pkg: customerV3 as never, client: customerV3.createCustomerV3Client as never, auth: { sessionCookie: "s3ss10n" }, params: {}, error: ["getCustomer", 401] },
  {
    name: "lumyri", pkg: lumyri as never, client: lumyri.createLumyriClient as never, auth: { bearerAuth: "jwt", appId: "14e43e28-7e6d-461e-b1c9-7c54736f4331" },
    params: {
      listCustomers: { query: { limit: 1, page: 1, search: "Xuan Thuy & co/2", sort_by: "name", order_by: "desc" } },
      getCustomer: { path: { customerId: ID } },
      updateCustomer: { path: { customerId: "dfe225ef-2a38-481b-83bd-c93b72cb2542" } },
    },
    error: ["createCustomer", 400],
  },
  { name: "onefi", pkg: onefi as never, client: onefi.createOnefiClient as never, auth: { bearerAuth: "t" }, params: { getUserStatus: { path: { customerId: "2348123456789" }, query: { channelCode: "web", strict: true } } }, error: ["getUserStatus", 401] },
];

describe.each(APIS)("$name: generated client against generated mock", (api) => {
  const spec = loadSpec(api.name);
  let server: Listening;
  const log: string[] = [];
  let client: Client;
  let anonymous: Client;

  beforeAll(async () => {
    const handler = api.pkg.createHandler(api.pkg.createMockHandlers() as never, {
      security: api.pkg.mockSecurity,
      validateResponses: true,
      onError: (e: unknown) => log.push(String(e)),
    } as never);
    server = await listen(api.pkg.toNodeListener(handler));
    client = api.client({ baseUrl: server.url, auth: api.auth, validateResponses: api.pkg.responseValidators, retry: false }) as Client;
    anonymous = api.client({ baseUrl: server.url, retry: false }) as Client;
  });
  afterAll(() => server.close());

  const input = (id: string) => {
    const body = spec.operations.get(id)!.operation.requestBody ? requestExample(spec, id) : undefined;
    return { ...api.params[id], ...(body === undefined ? {} : { body }) };
  };

  it.each(operationIds(spec))("%s answers with the spec's example", async (id) => {
    const result = await client[id]!(input(id));
    expect(result).toEqual(responseExample(spec, id, "200"));
    expect(log).toEqual([]);
  });

  it("a documented error with Prefer: code", async () => {
    const [id, status] = api.error;
    const error = (await client[id]!(input(id), { headers: { prefer: `code=${status}` } }).catch((e: unknown) => e)) as { status?: number };
    expect(error.status).toBe(status);
  });

  it("missing credentials: 401 before any handler runs", async () => {
    const secured = operationIds(spec).find((id) => {
      const op = spec.operations.get(id)!.operation;
      const security = (op.security ?? spec.document.security) as unknown[] | undefined;
      return security !== undefined && security.length > 0 && !security.some((s) => Object.keys(s as object).length === 0);
    })!;
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.status).toBe(404);
    const error = (await anonymous[secured]!(input(secured)).catch((e: unknown) => e)) as { status?: number; response?: Response };
    expect(error.status).toBe(401);
    expect(error.response?.headers.get("www-authenticate")).toBeTruthy();
  });
});

describe("mock: Prefer chooses the answer", () => {
  const okraMock = okra.createHandler(okra.createMockHandlers(), { security: okra.mockSecurity, validateResponses: true });
  const onefiMock = onefi.createHandler(onefi.createMockHandlers(), { security: onefi.mockSecurity, validateResponses: true });
  const find = (prefer?: string) =>
    okraMock(new Request("http://mock.test/customers/find-customers-by", {
      method: "POST",
      headers: { authorization: "Bearer x", "content-type": "application/json", ...(prefer ? { prefer } : {}) },
      body: JSON.stringify({ key: "email", value: "a@example.com" }),
    }));
  const okraSpec = loadSpec("okra");
  const onefiSpec = loadSpec("onefi");

  it("example=NAME: the response holding that example, with its status", async () => {
    const res = await find("example=invalidToken");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(responseExample(okraSpec, "findCustomer", "401"));
  });

  it("code=N: that documented status; a status only `default` covers gets the default's example", async () => {
    expect((await find("code=401")).status).toBe(401);
    const res = await onefiMock(new Request("http://mock.test/users/2348123456789/status?channelCode=web", { headers: { authorization: "Bearer x", prefer: "code=503" } }));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(responseExample(onefiSpec, "getUserStatus", "default"));
  });

  it("without Prefer: the first 2xx and its first example", async () => {
    const res = await find();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(responseExample(okraSpec, "findCustomer", "200"));
  });

  it("the query's __code and __example (Prism's spelling) choose as Prefer does, and win over it", async () => {
    const ask = (query: string, prefer?: string) =>
      okraMock(new Request(`http://mock.test/customers/find-customers-by?${query}`, {
        method: "POST",
        headers: { authorization: "Bearer x", "content-type": "application/json", ...(prefer ? { prefer } : {}) },
        body: JSON.stringify({ key: "email", value: "a@example.com" }),
      }));
    expect((await ask("__code=401")).status).toBe(401);
    expect((await ask("__code=401", "code=200")).status).toBe(401);
    const named = await ask("__example=invalidToken");
    expect(named.status).toBe(401);
    expect(await named.json()).toEqual(responseExample(okraSpec, "findCustomer", "401"));
    const both = await ask("__code=401&__example=invalidToken", "code=200");
    expect(both.status).toBe(401);
    expect(await both.json()).toEqual(responseExample(okraSpec, "findCustomer", "401"));
  });

  it("a status or an example the operation does not document: a 500 problem naming what it documents", async () => {
    const outside = await onefiMock(new Request("http://mock.test/users/2348123456789/status?channelCode=web&__code=099", { headers: { authorization: "Bearer x" } }));
    expect(outside.status).toBe(500);
    expect(((await outside.json()) as { detail: string }).detail).toContain("cannot answer status 099");
    const code = await find("code=418");
    expect(code.status).toBe(500);
    expect(code.headers.get("content-type")).toBe("application/problem+json");
    const codeProblem = (await code.json()) as { detail: string };
    expect(codeProblem.detail).toContain("cannot answer status 418");
    expect(codeProblem.detail).toContain("it documents 200, 401");
    const example = await find("example=nope");
    expect(example.status).toBe(500);
    const exampleProblem = (await example.json()) as { detail: string };
    expect(exampleProblem.detail).toContain('cannot answer an example named "nope"');
    expect(exampleProblem.detail).toContain('"invalidToken" (401)');
    const elsewhere = (await (await find("code=200, example=invalidToken")).json()) as { detail: string };
    expect(elsewhere.detail).toContain('an example named "invalidToken" with status 200');
  });
});
