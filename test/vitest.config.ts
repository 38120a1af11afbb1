import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "test/fixtures/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default on 2 cores is one worker; most files wait on child processes and sockets, so two
    // files at a time: the suite took 626 s instead of 940 s on this machine (2026-12-06)
    maxWorkers: 2,
  },
});
