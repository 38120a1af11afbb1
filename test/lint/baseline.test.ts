/**
 * `specforge lint --generate-ignore-file` and `specforge.lint-ignore.yaml` (Redocly's lint-ignore file):
 * today's findings accepted, later runs show only new ones; a malformed baseline is bad input (exit 2).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

const OKRA = path.join(ROOT, "specs/okra.yaml");

function findingLines(stdout: string): string[] {
  return stdout.split("\n").filter((l) => / (error|warning) [a-z0-9-]+: /.test(l));
}

describe("lint baseline (specforge.lint-ignore.yaml)", () => {
  it("accepts today's findings, then shows only new ones", () => {
    const dir = tempDir();
    copyFileSync(OKRA, path.join(dir, "okra.yaml"));
    const before = runCli(["lint", "okra.yaml"], dir);
    const found = findingLines(before.stdout);
    expect(found.length).toBeGreaterThan(0);

    const gen = runCli(["lint", "okra.yaml", "--generate-ignore-file"], dir);
    expect(gen.status).toBe(0);
    expect(gen.stderr).toContain(`${found.length} finding(s) of 1 spec(s) written to specforge.lint-ignore.yaml`);
    const baseline = parse(readFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "utf8")) as Record<string, Record<string, string[]>>;
    expect(Object.keys(baseline)).toEqual(["okra.yaml"]);
    const pointers = Object.values(baseline["okra.yaml"]!).flat();
    expect(pointers).toHaveLength(found.length);
    for (const line of found) expect(pointers).toContain(line.slice(line.lastIndexOf(" #/") + 1));

    const after = runCli(["lint", "okra.yaml"], dir);
    expect(after.status).toBe(0);
    expect(findingLines(after.stdout)).toEqual([]);
    expect(after.stderr).toContain(`${found.length} finding(s) skipped, accepted in specforge.lint-ignore.yaml`);

    // A new problem shows (and fails), the accepted ones stay quiet.
    const spec = readFileSync(path.join(dir, "okra.yaml"), "utf8");
    writeFileSync(path.join(dir, "okra.yaml"), spec.replace("operationId: findCustomer", "operationId: listCustomers"));
    const changed = runCli(["lint", "okra.yaml"], dir);
    expect(changed.status).toBe(1);
    expect(findingLines(changed.stdout)).toEqual([expect.stringMatching(/error operation-id-unique: /)]);
  });

  it("keys files relative to the config's folder, wherever lint runs from", () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "specs"));
    copyFileSync(OKRA, path.join(dir, "specs/okra.yaml"));
    writeFileSync(path.join(dir, "specforge.config.yaml"), "specs:\n  - { input: specs/okra.yaml, output: gen, packageName: okra }\n");
    mkdirSync(path.join(dir, "sub"));
    expect(runCli(["lint", "--config", "../specforge.config.yaml", "--generate-ignore-file"], path.join(dir, "sub")).status).toBe(0);
    expect(Object.keys(parse(readFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "utf8")) as object)).toEqual(["specs/okra.yaml"]);
    const again = runCli(["lint"], dir);
    expect(again.status).toBe(0);
    expect(findingLines(again.stdout)).toEqual([]);
  });

  it("refuses a malformed baseline with its place (exit 2)", () => {
    const dir = tempDir();
    copyFileSync(OKRA, path.join(dir, "okra.yaml"));
    writeFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "okra.yaml:\n  property-casing: /components/schemas/Bank\n");
    const r = runCli(["lint", "okra.yaml"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^specforge\.lint-ignore\.yaml:2:20 \(#\/okra\.yaml\/property-casing\) error lint\/baseline: 'okra\.yaml' rule 'property-casing' must be a list of entries \(.+--generate-ignore-file\)$/m);
    // a custom rule id with `/` or `~` is escaped in the pointer
    writeFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "okra.yaml:\n  acme/no~x: nope\n");
    expect(runCli(["lint", "okra.yaml"], dir).stderr).toMatch(/^specforge\.lint-ignore\.yaml:2:14 \(#\/okra\.yaml\/acme~1no~0x\) error lint\/baseline: /m);
    // each bad entry at its own line and column
    writeFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "okra.yaml:\n  property-casing:\n    - \"#/a\"\n    - /components/schemas/Bank\n");
    expect(runCli(["lint", "okra.yaml"], dir).stderr).toMatch(/^specforge\.lint-ignore\.yaml:4:7 \(#\/okra\.yaml\/property-casing\/1\) error lint\/baseline: 'okra\.yaml' rule 'property-casing': entry 2 must be a JSON pointer written as '#\/\.\.\.' /m);
    writeFileSync(path.join(dir, "specforge.lint-ignore.yaml"), "okra.yaml: [\n");
    const broken = runCli(["lint", "okra.yaml"], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^specforge\.lint-ignore\.yaml:\d+:\d+ error lint\/baseline: malformed YAML/m);
  });
});
