/**
 * What `specforge mock` and `proxy` load before they can answer: not prettier (they never format), not
 * openapi-typescript (no types target), and TypeScript only through `require` (spec-server.ts: as an ES
 * module import, Node first scans its 9 MB of CommonJS for names, a second of GitHub's start-up). Read from
 * the sources' static imports, `import type` left out (erased).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/project.js";

/** The packages a source file reaches through static value imports, following relative ones. */
function staticPackages(entry: string): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;"']*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const source = path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts"));
      if (existsSync(source)) visit(source);
    }
  };
  visit(path.join(ROOT, entry));
  return [...packages].sort();
}

describe("specforge mock and proxy load what they use", () => {
  it.each(["generator/cli/mock.ts", "generator/cli/proxy.ts"])("%s imports neither prettier, openapi-typescript nor TypeScript as ES module", (entry) => {
    const packages = staticPackages(entry);
    // the walk reaches the templates' engine (a check that it follows the relative imports at all)
    expect(packages).toContain("handlebars");
    expect(packages.filter((p) => p === "typescript" || p === "prettier" || p.startsWith("openapi-typescript"))).toEqual([]);
  });
});
