/**
 * Under load: 200 concurrent connections for 5 seconds against the node adapter, mixing valid requests
 * with bad JSON, invalid bodies and parameters, missing credentials, unknown paths and a handler that
 * throws. No 5xx but the thrower's, no dropped connection, and the heap back near where it started.
 */
import autocannon from "autocannon";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHandler, createMockHandlers, mockSecurity, toNodeListener, type LumyriHandlers } from "../../generated/lumyri/src/server.js";
import { listen, type Listening } from "./helpers.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const AUTH = { authorization: "Bearer t", "x-app-id": "14e43e28-7e6d-461e-b1c9-7c54736f4331" };
const JSON_AUTH = { ...AUTH, "content-type": "application/json" };
const CREATE = JSON.stringify({ first_name: "Ada", last_name: "Okafor", email: "ada@example.com", phone: "+2348012345678" });

let thrown = 0;
let server: Listening;
beforeAll(async () => {
  const mock = createMockHandlers();
  const handlers: LumyriHandlers<unknown> = {
    ...mock,
    deleteCustomers: () => {
      throw new Error("made to throw");
    },
  };
  server = await listen(toNodeListener(createHandler(handlers, { security: mockSecurity, onError: () => void thrown++ })));
});
afterAll(() => server.close());

it("200 connections for 5 s: no 5xx but the thrower's, no dropped connection, memory back", async () => {
  const requests = [
    { method: "POST", path: "/users/customers", headers: JSON_AUTH, body: CREATE },
    { method: "GET", path: "/users/customers?limit=10&page=2&search=ada", headers: AUTH },
    { method: "GET", path: "/users/customers/346dd239-cbe4-44fe-b9ee-be88fd2fa853", headers: AUTH },
    { method: "POST", path: "/users/customers", headers: JSON_AUTH, body: '{"first_name": ' },
    { method: "POST", path: "/users/customers", headers: JSON_AUTH, body: '{"first_name": 7, "email": "no"}' },
    { method: "GET", path: "/users/customers?limit=none", headers: AUTH },
    { method: "POST", path: "/users/customers", headers: { "content-type": "application/json" }, body: CREATE },
    { method: "GET", path: "/nowhere", headers: AUTH },
    { method: "PATCH", path: "/users/customers", headers: AUTH },
    { method: "DELETE", path: "/users/customers", headers: JSON_AUTH, body: '{"customer_ids":["fbea0f23-e783-44e8-9cdc-9c4f69430f88"]}' },
  ];
  const before = heap();
  const result = await autocannon({ url: server.url, connections: 200, duration: 5, requests });
  const after = heap();
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
  const total = Object.values(codes).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(5000);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.resets).toBe(0);
  expect(Object.keys(codes).sort()).toEqual(["200", "400", "401", "404", "405", "500"]);
  // Every 500 is the thrower's (autocannon does not count the replies in flight when time is up).
  expect(codes["500"]).toBeLessThanOrEqual(thrown);
  expect(thrown - codes["500"]!).toBeLessThanOrEqual(200);
  expect(thrown).toBeGreaterThan(total / 20);
  expect(after - before).toBeLessThan(16 * 1024 * 1024);
}, 30_000);
