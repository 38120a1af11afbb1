/**
 * docs/configuration.md names everything a spec entry of the config takes: each key (in the example config),
 * each option of each target (a row of that target's table) and each package.json field (in the `package:`
 * example). A key the config validator accepts and the page leaves out is one no reader finds.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { SPEC_KEYS, TARGET_OPTIONS } from "../../generator/config/config.js";
import { PACKAGE_FIELDS } from "../../generator/config/package-fields.js";
import { ROOT } from "../helpers/project.js";

const page = readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");

/** The `| \`option\` |` rows of the table after "Options of the <target> target". */
function tableRows(target: string): string[] {
  const at = page.indexOf(`Options of the ${target} target`);
  expect(at, `no table of the ${target} target's options`).toBeGreaterThan(-1);
  const table = page.slice(at).split("\n\n")[1] ?? "";
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

it("every target option the config takes has its row in docs/configuration.md", () => {
  for (const [target, options] of Object.entries(TARGET_OPTIONS)) expect(tableRows(target).sort(), target).toEqual(Object.keys(options).sort());
});

it("every key of a spec entry and every package field is in docs/configuration.md's examples", () => {
  const yamlKeys = new Set([...page.matchAll(/^\s*-?\s*([A-Za-z]+):/gm)].map((m) => m[1]!));
  expect(Object.keys(SPEC_KEYS).filter((k) => !yamlKeys.has(k))).toEqual([]);
  expect(Object.keys(PACKAGE_FIELDS).filter((k) => !yamlKeys.has(k))).toEqual([]);
});
