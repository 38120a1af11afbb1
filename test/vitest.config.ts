import { defineConfig } from "vitest/config";

/**
 * Files that need a module graph of their own: they replace a module (`vi.mock`) that another file may
 * have loaded already, read module state (remembered regex verdicts) that another file may have filled,
 * or load a module after replacing a global it reads at load (Hono's `Request`).
 */
const ISOLATED = ["test/pipeline/bounded-regex*.test.ts", "test/server/hono-global-request.test.ts"];

const shared = {
  exclude: ["**/node_modules/**", "test/fixtures/**"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    pool: "forks",
    // Vitest's default on 2 cores is one worker; most files wait on child processes and sockets, so two
    // files at a time: the suite took 626 s instead of 940 s on this machine (2026-12-06)
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // Every other file shares its worker's modules with the files before it: loading the generator's
        // modules again for each of ~220 files was 160 s of the suite's CPU (import 24 s without; the suite
        // 557 s instead of 727 s on this machine, 2026-12-07). Tests here restore what they change.
        test: { ...shared, name: "shared", include: ["test/**/*.test.ts"], exclude: [...shared.exclude, ...ISOLATED], isolate: false, setupFiles: ["test/helpers/web-globals.ts"] },
      },
      { extends: true, test: { ...shared, name: "isolated", include: ISOLATED } },
    ],
  },
});
