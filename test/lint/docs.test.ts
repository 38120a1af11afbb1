/** docs/rules.md has one entry per registered rule, with the registry's severity and one-line explanation. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { RULES } from "../../generator/lint/registry.js";
import { ROOT } from "../helpers/project.js";

it("docs/rules.md and the rule registry agree", () => {
  const text = readFileSync(path.join(ROOT, "docs/rules.md"), "utf8");
  const documented = [...text.matchAll(/^### `([^`]+)` \((error|warn|off)\)\n\n(.+)$/gm)].map((m) => ({ id: m[1], severity: m[2], description: m[3] }));
  expect(documented).toEqual(RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description })));
});
