/** Colours in human output: only on a terminal, never with NO_COLOR, forced with FORCE_COLOR. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paletteFor } from "../../generator/diagnostics/colour.js";
import { CLI, ROOT } from "../helpers/project.js";

const ESC = "\u001b[";

describe("colours", () => {
  it("follow the TTY, NO_COLOR, TERM=dumb and FORCE_COLOR", () => {
    expect(paletteFor({ isTTY: true }, {}).red("x")).toBe(`${ESC}31mx${ESC}39m`);
    expect(paletteFor({ isTTY: false }, {}).red("x")).toBe("x");
    expect(paletteFor({ isTTY: true }, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(paletteFor({ isTTY: true }, { TERM: "dumb" }).red("x")).toBe("x");
    expect(paletteFor({ isTTY: false }, { FORCE_COLOR: "1" }).red("x")).toBe(`${ESC}31mx${ESC}39m`);
    expect(paletteFor({ isTTY: false }, { FORCE_COLOR: "0" }).red("x")).toBe("x");
  });

  it("lint's stylish output is coloured only when asked", () => {
    const spec = path.join(ROOT, "test/fixtures/hostile/openapi.yaml");
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [CLI, "lint", spec], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } }).stdout;
    expect(run({ FORCE_COLOR: "1" })).toContain(ESC);
    expect(run({ NO_COLOR: "1" })).not.toContain(ESC);
    expect(run({})).not.toContain(ESC); // a pipe is not a terminal
  });
});
