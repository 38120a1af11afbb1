/**
 * The handler types (checked by `tsc -p test`, which `npm test` runs): a handler receives its operation's
 * validated parts and principal, and may return only a documented `{ status, body }` pair.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { BankingserviceHandlers } from "../../generated/bankingservice/src/server.js";
import { createHandler, type Forbidden, type OnefiHandlers, type OnefiServerOptions } from "../../generated/onefi/src/server.js";
import type { GetCustomerPathParams, ListCustomersQueryParams, Problem } from "../../generated/bankingservice/src/types.js";
import type { GetUserStatusQueryParams, GetUserStatusResponseDefault } from "../../generated/onefi/src/types.js";
import type { MediaTypesHandlers } from "../fixtures/media-types/generated/src/server.js";
import type { CreateProfileRequest, CreateProfileRequestForm, CreateProfileRequestMultipart, Document, GetDocumentContentResponse404, ModelError } from "../fixtures/media-types/generated/src/types.js";
import type { WithFiles } from "../fixtures/media-types/generated/src/server-runtime/index.js";

type Reply<H, K extends keyof H> = H[K] extends (...args: never[]) => infer R ? Awaited<R> : never;
type Input<H, K extends keyof H> = H[K] extends (input: infer I) => unknown ? I : never;

describe("handler types", () => {
  it("inputs are the operation's typed parts and the principal type", () => {
    expectTypeOf<Input<BankingserviceHandlers<{ user: string }>, "getCustomer">["path"]>().toEqualTypeOf<GetCustomerPathParams>();
    // `page` and `size` have defaults, which the server fills in
    expectTypeOf<Input<BankingserviceHandlers<{ user: string }>, "listCustomers">["query"]>().toEqualTypeOf<{ [K in keyof ListCustomersQueryParams]-?: NonNullable<ListCustomersQueryParams[K]> }>();
    expectTypeOf<Input<BankingserviceHandlers<{ user: string }>, "getCustomer">["principal"]>().toEqualTypeOf<{ user: string } | undefined>();
    expectTypeOf<Input<OnefiHandlers, "getUserStatus">["query"]>().toEqualTypeOf<{ channelCode: string; strict: boolean }>();
    // what a client sends: `strict` may be left out
    expectTypeOf<GetUserStatusQueryParams>().toEqualTypeOf<{ channelCode: string; strict?: boolean }>();
  });

  it("a body is the union of its media types' bodies; a multipart one has Files where its schema says binary", () => {
    type Body = Input<MediaTypesHandlers, "createProfile">["body"];
    expectTypeOf<Body>().toEqualTypeOf<CreateProfileRequest | CreateProfileRequestForm | WithFiles<CreateProfileRequestMultipart, "avatar" | "photos">>();
    type Multipart = Extract<Body, { avatar: unknown }>;
    expectTypeOf<Multipart["avatar"]>().toEqualTypeOf<File>();
    expectTypeOf<Multipart["photos"]>().toEqualTypeOf<File[] | undefined>();
    expectTypeOf<Multipart["handle"]>().toEqualTypeOf<string>();
  });

  it("a status with the wrong body, an undocumented status or a body where none is documented does not compile", () => {
    const ok: Reply<BankingserviceHandlers, "getCustomer"> = { status: 404, body: { type: "about:blank", title: "Not Found", status: 404 } as Problem };
    // @ts-expect-error 404 documents a Problem, not a customer
    const wrongBody: Reply<BankingserviceHandlers, "getCustomer"> = { status: 404, body: { id: "x" } };
    // @ts-expect-error 418 is not documented
    const undocumented: Reply<BankingserviceHandlers, "getCustomer"> = { status: 418, body: {} as Problem };
    // @ts-expect-error onefi's 401 documents no body
    const bodyWhereNone: Reply<OnefiHandlers, "getUserStatus"> = { status: 401, body: { responseCode: "99" } };
    // `default` takes any other status with its body.
    const fallback: Reply<OnefiHandlers, "getUserStatus"> = { status: 503, body: { responseCode: "99", responseMessage: "down" } as GetUserStatusResponseDefault };
    expect([ok, wrongBody, undocumented, bodyWhereNone, fallback]).toHaveLength(5);
  });

  it("a status takes the body of the most precise response documenting it: its own code, then its range, then default", () => {
    type R = Reply<MediaTypesHandlers, "getDocumentContent">;
    const error = { code: "down", message: "later" } as ModelError;
    const problem = { title: "Not found", status: 404 } as GetDocumentContentResponse404;
    const exact: R = { status: 404, body: problem };
    const range: R = { status: 410, body: "Gone for good." };
    const fallback: R = { status: 503, body: error };
    // @ts-expect-error 404 has its own response: the 4XX text is not its body
    const rangeBodyOnExact: R = { status: 404, body: "Not here." };
    // @ts-expect-error 410 falls under 4XX, not under default
    const defaultBodyInRange: R = { status: 410, body: error };
    // @ts-expect-error 200 has its own response: default's body is not its body
    const defaultBodyOnExact: R = { status: 200, body: error };
    // @ts-expect-error a status is 100 to 599
    const outOfRange: R = { status: 700, body: error };
    expect([exact, range, fallback, rangeBodyOnExact, defaultBodyInRange, defaultBodyOnExact, outOfRange]).toHaveLength(7);
  });

  it("reply headers are typed from the response's headers: a required one must be there, an enum takes its values", () => {
    const doc: Document = { id: "d", title: "t" } as Document;
    const created: Reply<MediaTypesHandlers, "uploadDocument"> = { status: 201, body: doc, headers: { Location: "/documents/d", "X-Rate-Remaining": 9, "X-Storage": "hot", "cache-control": "no-store" } };
    // @ts-expect-error 201 requires its Location header
    const noLocation: Reply<MediaTypesHandlers, "uploadDocument"> = { status: 201, body: doc };
    // @ts-expect-error X-Storage is hot or cold
    const badEnum: Reply<MediaTypesHandlers, "uploadDocument"> = { status: 201, body: doc, headers: { Location: "/d", "X-Storage": "warm" } };
    // @ts-expect-error Location is text, not an object
    const badValue: Reply<MediaTypesHandlers, "uploadDocument"> = { status: 201, body: doc, headers: { Location: { href: "/d" } } };
    // A response without documented headers takes any header as text; `default` takes any other status with its body.
    const other: Reply<MediaTypesHandlers, "uploadDocument"> = { status: 503, body: { code: "down", message: "later" } as ModelError, headers: { "retry-after": 30 } };
    expect([created, noLocation, badEnum, badValue, other]).toHaveLength(5);
  });

  it("options require one hook per security scheme, which may answer forbidden()", () => {
    expectTypeOf<OnefiServerOptions<string>["security"]>().toEqualTypeOf<{ bearerAuth: (credential: string, ctx: import("../../generated/onefi/src/server-runtime/index.js").SecurityContext) => string | Forbidden | null | undefined | Promise<string | Forbidden | null | undefined> }>();
    const handlers: OnefiHandlers = { getUserStatus: () => ({ status: 401 }) };
    // @ts-expect-error the spec's bearerAuth scheme needs its hook
    expect(() => createHandler(handlers, {})).not.toThrow();
  });
});
