/**
 * Customer API v3 end to end: the session cookie (`sessionid`, an API key in a cookie) on every
 * operation that requires it, none on the two whose security is optional when no session is given, an
 * optional body left out, a cookie header of the caller's merged with the session's, trailing slashes kept.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createCustomerV3Client, type CustomerV3Client } from "../../generated/customer-v3/src/client.js";
import type { Customer, CustomerUpdateForm, LanguagePreference, LanguageSelection } from "../../generated/customer-v3/src/types.js";
import { exchange, startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, operationIds, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("customer-v3");
let server: TestServer;
let signedIn: CustomerV3Client;
let anonymous: CustomerV3Client;
const SESSION = "k7x:1tZ9q2:abc-DEF_123";

beforeAll(async () => {
  server = await startServer();
  signedIn = createCustomerV3Client({ baseUrl: server.url, auth: { sessionCookie: SESSION } });
  anonymous = createCustomerV3Client({ baseUrl: server.url });
});
afterAll(() => server.close());

const JSON_HEADERS = { accept: "application/json", "content-type": "application/json" };
const cases: Record<string, { call: () => Promise<unknown>; method: string; url: string; headers: Record<string, string>; body?: unknown }> = {
  getCustomer: { call: () => signedIn.getCustomer(), method: "GET", url: "/api/v3/customer/", headers: { accept: "application/json", cookie: `sessionid=${SESSION}` } },
  getCustomerUpdateForm: { call: () => signedIn.getCustomerUpdateForm(), method: "GET", url: "/api/v3/customer/update/", headers: { accept: "application/json", cookie: `sessionid=${SESSION}` } },
  updateCustomer: { call: () => signedIn.updateCustomer({ body: { first_name: "Amira", "x y": [1] } }), method: "POST", url: "/api/v3/customer/update/", headers: { ...JSON_HEADERS, cookie: `sessionid=${SESSION}` }, body: { first_name: "Amira", "x y": [1] } },
  getCustomerLanguage: { call: () => anonymous.getCustomerLanguage(), method: "GET", url: "/api/v3/customer/language/", headers: { accept: "application/json" } },
  updateCustomerLanguage: { call: () => signedIn.updateCustomerLanguage({ body: { language: "en" } }), method: "POST", url: "/api/v3/customer/language/", headers: { ...JSON_HEADERS, cookie: `sessionid=${SESSION}` }, body: { language: "en" } },
};

describe("customer-v3 client, every operation on the wire", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(cases).sort()).toEqual(operationIds(spec));
  });

  it.each(Object.entries(cases))("%s sends the documented request and returns the example", async (id, c) => {
    const example = responseExample(spec, id, "200");
    const { result, sent } = await exchange(server, example, c.call);
    expect(wire(sent)).toEqual({ method: c.method, url: c.url, headers: c.headers, body: c.body ?? "" });
    expect(result).toEqual(example);
  });

  it("types each result", () => {
    expectTypeOf(signedIn.getCustomer).returns.resolves.toEqualTypeOf<Customer>();
    expectTypeOf(signedIn.updateCustomer).returns.resolves.toEqualTypeOf<CustomerUpdateForm>();
    expectTypeOf(signedIn.getCustomerLanguage).returns.resolves.toEqualTypeOf<LanguagePreference>();
    expectTypeOf(signedIn.updateCustomerLanguage).returns.resolves.toEqualTypeOf<LanguageSelection>();
  });

  it("the optional body can be left out: no body, no content type", async () => {
    server.handle(() => ({ body: responseExample(spec, "updateCustomer", "200") }));
    await signedIn.updateCustomer();
    expect(wire(server.requests.at(-1)!)).toEqual({ method: "POST", url: "/api/v3/customer/update/", headers: { accept: "application/json", cookie: `sessionid=${SESSION}` }, body: "" });
  });

  it("an operation whose security is optional sends the session when there is one", async () => {
    server.handle(() => ({ body: responseExample(spec, "getCustomerLanguage", "200") }));
    await signedIn.getCustomerLanguage();
    expect(server.requests.at(-1)!.headers.cookie).toBe(`sessionid=${SESSION}`);
  });

  it("the caller's own cookies are kept beside the session; a value outside cookie-octet is percent-encoded", async () => {
    const client = createCustomerV3Client({ baseUrl: server.url, headers: { Cookie: "csrftoken=t0k" }, auth: { sessionCookie: async () => "a b;c" } });
    server.handle(() => ({ body: responseExample(spec, "getCustomer", "200") }));
    await client.getCustomer();
    expect(server.requests.at(-1)!.headers.cookie).toBe("csrftoken=t0k; sessionid=a%20b%3Bc");
  });

  it("a session as the server set it goes back as it is: its percent triplets kept, a lone % encoded", async () => {
    const client = createCustomerV3Client({ baseUrl: server.url, auth: { sessionCookie: "s%3Aabc.SIG 100%" } });
    server.handle(() => ({ body: responseExample(spec, "getCustomer", "200") }));
    await client.getCustomer();
    expect(server.requests.at(-1)!.headers.cookie).toBe("sessionid=s%3Aabc.SIG%20100%25");
  });
});
