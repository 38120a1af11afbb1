/**
 * OneFi end to end: a path parameter that is an email or an MSISDN, a required and a boolean query
 * parameter, the bearer token; the body-less 401 and the `default` error response as typed `ApiError`s.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ApiError, createOnefiClient, type GetUserStatusError, type OnefiClient } from "../../generated/onefi/src/client.js";
import type { ErrorResponse, UserStatusResponse } from "../../generated/onefi/src/types.js";
import { startServer, type TestServer } from "./helpers/server.js";
import { loadSpec, operationIds, responseExample } from "./helpers/spec-examples.js";
import { wire } from "./helpers/wire.js";

const spec = loadSpec("onefi");
let server: TestServer;
let api: OnefiClient;

beforeAll(async () => {
  server = await startServer();
  api = createOnefiClient({ baseUrl: server.url, auth: { bearerAuth: "onefi-token" } });
});
afterAll(() => server.close());

describe("onefi client, every operation on the wire", () => {
  it("covers every operation of the spec", () => {
    expect(operationIds(spec)).toEqual(["getUserStatus"]);
  });

  it("getUserStatus sends the documented request and returns the example", async () => {
    const example = responseExample(spec, "getUserStatus", "200");
    server.handle(() => ({ body: example }));
    const result = await api.getUserStatus({ path: { customerId: "2348123456789" }, query: { channelCode: "0002", strict: true } });
    expect(wire(server.requests.at(-1)!)).toEqual({
      method: "GET",
      url: "/users/2348123456789/status?channelCode=0002&strict=true",
      headers: { authorization: "Bearer onefi-token", accept: "application/json" },
      body: "",
    });
    expect(result).toEqual(example);
    expectTypeOf(result).toEqualTypeOf<UserStatusResponse | ErrorResponse>();
  });

  it("an email as the path value is encoded inside its segment; optional query parameters left out are not sent", async () => {
    server.handle(() => ({ body: responseExample(spec, "getUserStatus", "200") }));
    await api.getUserStatus({ path: { customerId: "ada+loans@example.com" }, query: { channelCode: "CH ONE" } });
    expect(server.requests.at(-1)!.url).toBe("/users/ada%2Bloans%40example.com/status?channelCode=CH%20ONE");
  });

  it("the 401 without a body is ApiError<401, undefined>", async () => {
    server.handle(() => ({ status: 401, body: "" }));
    const error = await api.getUserStatus({ path: { customerId: "x" }, query: { channelCode: "1" } }).catch((e: unknown) => e);
    if (!api.getUserStatus.isError(error)) throw error;
    expect(error.status).toBe(401);
    expect(error.body).toBeUndefined();
  });

  it("an undocumented error status falls to `default`, whose status type excludes the documented 401", async () => {
    server.handle(() => ({ status: 500, body: responseExample(spec, "getUserStatus", "default") }));
    const error = await api.getUserStatus({ path: { customerId: "x" }, query: { channelCode: "1" } }, { retry: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    if (!api.getUserStatus.isError(error)) throw error;
    expectTypeOf(error).toEqualTypeOf<GetUserStatusError>();
    expect(error.status).toBe(500);
    if (error.status !== 401) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    if (error.status === 401) expectTypeOf(error.body).toEqualTypeOf<undefined>();
    expectTypeOf<401>().not.toExtend<Extract<GetUserStatusError, { body: ErrorResponse }>["status"]>();
    expect(error.body).toEqual({ responseCode: "96", responseMessage: "Oops. Something went wrong. Please try again later" });
  });
});
