/**
 * Type tests: `tsc -p test/tsconfig.json` (part of `npm test`) fails if a line under `@ts-expect-error`
 * compiles, so each one proves a wrong input is rejected; `expectTypeOf` proves what results are. The
 * calls are never run (they sit in functions that are only type-checked).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { createBankingserviceClient } from "../../generated/bankingservice/src/client.js";
import { createCustomerV3Client } from "../../generated/customer-v3/src/client.js";
import { createLumyriClient } from "../../generated/lumyri/src/client.js";
import { createOkraClient, type OkraClient } from "../../generated/okra/src/client.js";
import type { Customer as OkraCustomer, CustomerListResponse } from "../../generated/okra/src/types.js";
import { createOnefiClient } from "../../generated/onefi/src/client.js";
import { createMediaTypesClient } from "../fixtures/media-types/generated/src/client.js";

const okra = createOkraClient();
const banking = createBankingserviceClient();
const lumyri = createLumyriClient();
const customerV3 = createCustomerV3Client();
const onefi = createOnefiClient();
const media = createMediaTypesClient();

function wrongInputs(): void {
  // @ts-expect-error the body is required
  void okra.listCustomers({});
  // @ts-expect-error the input is required when something in it is
  void okra.listCustomers();
  // @ts-expect-error a required body field is missing
  void okra.listCustomers({ body: { page: 1 } });
  // @ts-expect-error a body field of the wrong type
  void okra.findCustomer({ body: { key: "email", value: 1 } });
  // @ts-expect-error a required path parameter is missing
  void banking.getCustomer({ path: { profileId: "p" } });
  // @ts-expect-error a path parameter of the wrong type
  void banking.getCustomer({ path: { profileId: "p", customerId: 7 } });
  // @ts-expect-error an unknown query parameter
  void banking.listCustomers({ path: { profileId: "p" }, query: { pageSize: 1 } });
  // @ts-expect-error a value outside the enum
  void lumyri.listCustomers({ query: { order_by: "sideways" } });
  // @ts-expect-error email is required to create a customer
  void lumyri.createCustomer({ body: { first_name: "a", last_name: "b" } });
  // @ts-expect-error a required query parameter is missing
  void onefi.getUserStatus({ path: { customerId: "x" }, query: { strict: true } });
  // @ts-expect-error an operation without a body takes none
  void customerV3.getCustomer({ body: {} });
  // @ts-expect-error a media type the operation does not take
  void media.uploadDocument({ contentType: "text/csv", body: { title: "t" } });
  // @ts-expect-error a file only goes in a multipart body
  void media.uploadDocument({ body: { title: new Blob([]) } });
  // @ts-expect-error a per-call option of the wrong type
  void okra.findCustomer({ body: { key: "email", value: "a" } }, { timeoutMs: "1s" });
  // @ts-expect-error only paged operations have iterators
  void okra.findCustomer.items;
  // @ts-expect-error the page may be left out of a paged call, not the other required fields
  void okra.listCustomers.items({ body: {} });
}

function wrongOptions(): void {
  // @ts-expect-error a security scheme the spec does not have
  createOkraClient({ auth: { apiKey: "x" } });
  // @ts-expect-error a server variable value outside its enum
  createOkraClient({ serverVariables: { basePath: "v3" } });
  // @ts-expect-error basic credentials are a user name and a password, not a string
  createLumyriClient({ auth: { bearerAuth: { username: "u", password: "p" } } });
  // @ts-expect-error validators for an operation the client does not have
  createOkraClient({ validateResponses: { listCustomer: {} } });
  // @ts-expect-error a multipart list holds strings and files, not numbers
  void media.createProfile({ contentType: "multipart/form-data", body: { avatar: new Blob([]), handle: "h", photos: [1] } });
  // @ts-expect-error a retry policy field of the wrong type
  createOkraClient({ retry: { maxAttempts: "3" } });
}

function rightInputs(): void {
  void okra.listCustomers.items({ body: { limit: 50 } });
  void media.uploadDocument({ contentType: "multipart/form-data", body: { file: new Blob([]), note: "n" } });
  // an optional field takes a file too, alone or in a list (its type holds `undefined`: it was `string` only)
  void media.uploadDocument({ contentType: "multipart/form-data", body: { file: new Blob([]), note: new Blob(["n"]) } });
  void media.createProfile({ contentType: "multipart/form-data", body: { avatar: new Blob([]), handle: "h", photos: [new Blob([]), "p"] } });
  void customerV3.getCustomer();
  void customerV3.updateCustomer();
  createOkraClient({ auth: { bearerAuth: async () => "token" }, serverVariables: { basePath: "v2/sandbox" }, retry: false, timeoutMs: 5000 });
}

async function results(client: OkraClient): Promise<void> {
  expectTypeOf(await client.listCustomers({ body: { page: 1, limit: 1 } })).toEqualTypeOf<CustomerListResponse>();
  const { data, response } = await client.listCustomers.withResponse({ body: { page: 1, limit: 1 } });
  expectTypeOf(data).toEqualTypeOf<CustomerListResponse>();
  expectTypeOf(response).toEqualTypeOf<Response>();
  for await (const c of client.listCustomers.items({ body: { limit: 1 } })) expectTypeOf(c).toEqualTypeOf<OkraCustomer>();
  for await (const p of client.listCustomers.pages({ body: { limit: 1 } })) expectTypeOf(p).toEqualTypeOf<CustomerListResponse>();
  try {
    await client.flagCustomer({ body: { bank: "b", customer: "c" } });
  } catch (e) {
    if (client.flagCustomer.isError(e) && e.status === 401) expectTypeOf(e.body.message).toEqualTypeOf<string>();
  }
}

describe("types", () => {
  it("are checked by tsc (see the file); the functions here only exist to be type-checked", () => {
    expect([wrongInputs, wrongOptions, rightInputs, results].every((f) => typeof f === "function")).toBe(true);
  });
});
