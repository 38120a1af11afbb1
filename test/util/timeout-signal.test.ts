/**
 * `timeoutSignal`: a timeout that fires inside `AbortSignal.any` though nothing else holds it, while the heap
 * is collected (Node 20's `AbortSignal.timeout` there is collected and never fires: nodejs/node#57736), and
 * that `clear()` stops.
 */
import { spawnSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { timeoutSignal } from "../../generator/util/timeout-signal.js";
import { ROOT } from "../helpers/project.js";

async function until(check: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
}

it("fires inside AbortSignal.any while the heap is collected, the handle dropped", async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  // only AbortSignal.any holds the timeout's signal, as a fetch given the combined signal does
  const combined = AbortSignal.any([new AbortController().signal, timeoutSignal(100).signal]);
  const collecting = setInterval(gc, 10);
  try {
    await until(() => combined.aborted, 2000);
  } finally {
    clearInterval(collecting);
  }
  expect([combined.aborted, (combined.reason as DOMException | undefined)?.name]).toEqual([true, "TimeoutError"]);
});

it("clear() stops it: the signal never aborts", async () => {
  const timeout = timeoutSignal(30);
  timeout.clear();
  await new Promise((r) => setTimeout(r, 100));
  expect(timeout.signal.aborted).toBe(false);
});

it("a timer left running keeps no process alive, as AbortSignal.timeout's does not", () => {
  const script = `import { timeoutSignal } from "./generator/dist/util/timeout-signal.js"; timeoutSignal(60_000);`;
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 10_000 });
  expect([r.status, r.stderr]).toEqual([0, ""]);
  expect(Date.now() - started).toBeLessThan(10_000);
});
