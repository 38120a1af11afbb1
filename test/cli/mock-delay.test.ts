/**
 * `specforge mock --delay`: answers wait the given time (or a draw in a range, the same with --seed), a
 * request's `Prefer: delay=` or `?__delay=` sets its own, a client that leaves is not waited for, preflights
 * are not delayed; a bad value exits 2. A real mock process on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { startServingCli } from "../helpers/serving-cli.js";
import { runCli } from "../helpers/project.js";

const SPEC = "specs/onefi.yaml";
const PATH = "/users/2348123456789/status?channelCode=web";
const AUTH = { authorization: "Bearer x" };

async function timed(url: string, init: RequestInit = {}): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  const res = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - start };
}

describe("specforge mock --delay", () => {
  it("waits before each answer; Prefer: delay and ?__delay set one request's wait; a preflight does not wait", async () => {
    const { child, url, lines } = await startServingCli("mock", [SPEC, "--port", "0", "--delay", "400"]);
    try {
      const slow = await timed(`${url}${PATH}`);
      expect(slow.status).toBe(200);
      expect(slow.ms).toBeGreaterThanOrEqual(390);
      const none = await timed(`${url}${PATH}`, { headers: { prefer: "delay=0" } });
      expect(none.status).toBe(200);
      expect(none.ms).toBeLessThan(390);
      const query = await timed(`${url}${PATH}&__delay=0`);
      expect(query.status).toBe(200);
      expect(query.ms).toBeLessThan(390);
      // the query's wins over the header's, as for __code and __example
      const both = await timed(`${url}${PATH}&__delay=0`, { headers: { prefer: "delay=5000" } });
      expect(both.ms).toBeLessThan(390);
      const longer = await timed(`${url}${PATH}`, { headers: { prefer: "code=200, delay=700" } });
      expect(longer.ms).toBeGreaterThanOrEqual(690);
      // read as every Prefer reader reads it (mock/prefer.ts): a `;` parameter counts, a quoted comma is the value's
      const parameter = await timed(`${url}${PATH}`, { headers: { prefer: "code=200; delay=0" } });
      expect(parameter.ms).toBeLessThan(390);
      const quoted = await timed(`${url}${PATH}`, { headers: { prefer: 'note="a, delay=0"' } });
      expect(quoted.ms).toBeGreaterThanOrEqual(390);
      const preflight = await timed(`${url}${PATH}`, { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" } });
      expect(preflight.status).toBe(204);
      expect(preflight.ms).toBeLessThan(390);
      // the log names the request as it came, the query's __delay taken out as the other Prism preferences are
      expect(lines.filter((l) => l.startsWith("GET "))).toHaveLength(7);
      expect(lines.some((l) => l.includes("__delay"))).toBe(false);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("a client that leaves during the wait is not answered, and the mock goes on", async () => {
    const { child, url, lines } = await startServingCli("mock", [SPEC, "--port", "0", "--delay", "800"]);
    try {
      await expect(fetch(`${url}${PATH}`, { headers: AUTH, signal: AbortSignal.timeout(100) })).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 1000));
      // the request left before its answer: no log line for it
      expect(lines.filter((l) => l.startsWith("GET "))).toEqual([]);
      expect((await timed(`${url}${PATH}`, { headers: { prefer: "delay=0" } })).status).toBe(200);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("draws a range's waits the same way on every start with --seed", async () => {
    const waits = async () => {
      const { child, url } = await startServingCli("mock", [SPEC, "--port", "0", "--delay", "50-650", "--seed", "7"]);
      try {
        const out: number[] = [];
        for (let i = 0; i < 3; i++) out.push((await timed(`${url}${PATH}`)).ms);
        return out;
      } finally {
        child.kill("SIGKILL");
      }
    };
    const [a, b] = [await waits(), await waits()];
    for (const ms of [...a, ...b]) {
      expect(ms).toBeGreaterThanOrEqual(45);
      expect(ms).toBeLessThan(1500);
    }
    // the same draws: each wait within the noise of its twin, far less than the range's width apart
    a.forEach((ms, i) => expect(Math.abs(ms - b[i]!)).toBeLessThan(200));
  });

  it.each(["soon", "500-100", "70000", "1.5"])("--delay %s is a usage error, exit 2", (value) => {
    const r = runCli(["mock", SPEC, "--port", "0", "--delay", value]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a wait in milliseconds/);
  });
});
