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

it("README.md's rule counts are the registry's", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const m = /checks specs against (\d+) rules \(docs\/rules\.md; (\d+) on by default/.exec(readme);
  expect(m, "README.md: 'checks specs against N rules (docs/rules.md; M on by default'").not.toBeNull();
  expect({ rules: Number(m![1]), on: Number(m![2]) }).toEqual({ rules: RULES.length, on: RULES.filter((r) => r.severity !== "off").length });
});
