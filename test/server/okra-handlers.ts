/** Okra handlers the adapter tests share: a principal from the bearer token "good", one customer found. */
import type { OkraHandlers } from "../../generated/okra/src/server.js";

const CUSTOMER = { _id: "5f45097a1c2e3b0017a4d2c9", name: "Ada Okafor", email: ["ada@example.com"], phone: ["08031234567"] };
export const handlers: OkraHandlers<string> = {
  listCustomers: () => ({ status: 401, body: { status: "error", message: "no" } }),
  findCustomer: ({ body, principal }) => ({ status: 200, body: { status: "success", message: `${principal} looked up ${body.value}`, data: CUSTOMER } as never }),
  flagCustomer: () => ({ status: 200 }),
  unflagCustomer: () => ({ status: 200 }),
  removeCustomer: () => ({ status: 401, body: { status: "error", message: "no" } }),
};
export const HEADERS = { authorization: "Bearer good", "content-type": "application/json" };
export const bearerAuth = (t: string) => (t === "good" ? "ada" : null);
