/**
 * The lint baseline, `specforge.lint-ignore.yaml` (Redocly's `.redocly.lint-ignore.yaml`, same shape):
 * findings a team accepts as they are today, so lint can gate pull requests on an old spec from day one
 * and only new problems fail. Written by `specforge lint --generate-ignore-file`, read by every later run
 * from the config's folder (or the working directory). Each entry is exact: a file (relative to that
 * folder, or a URL), a rule id and the JSON pointer of one finding; a finding moved elsewhere shows again.
 * The file's shape, reading and writing are shared with diff's ignore file (config/ignore-file.ts).
 *
 *   specs/okra.yaml:
 *     operation-error-response:
 *       - "#/paths/~1customers/get/responses"
 */
import path from "node:path";
import { ignoreKeyOf, readIgnoreFile, writeIgnoreFile } from "../config/ignore-file.js";
import type { Finding } from "./types.js";

export const BASELINE_FILE = "specforge.lint-ignore.yaml";

/** file key -> rule id -> pointers ("#/..."). */
export type Baseline = Map<string, Map<string, Set<string>>>;

const HEADER = `# Lint findings accepted as they are (specforge lint --generate-ignore-file). specforge lint skips
# each one: file (relative to this folder), rule id, JSON pointer. Delete entries as you fix them.
`;

const FORMAT = {
  code: "lint/baseline",
  help: "write `<file>: { <rule-id>: ['#/json/pointer', ...] }`, or regenerate it with --generate-ignore-file",
  checkEntry: (entry: string) => (entry.startsWith("#") ? undefined : "must be a JSON pointer written as '#/...'"),
};

/** The baseline in `dir`, if there is one; a malformed file is an error (exit 2) naming the place. */
export function readBaseline(dir: string): Baseline | undefined {
  const entries = readIgnoreFile(path.join(dir, BASELINE_FILE), FORMAT);
  if (!entries) return undefined;
  return new Map([...entries].map(([file, rules]) => [file, new Map([...rules].map(([rule, list]) => [rule, new Set(list)]))]));
}

/** Whether `finding` is one the baseline accepts. */
export function inBaseline(baseline: Baseline, baseDir: string, finding: Finding): boolean {
  return baseline.get(ignoreKeyOf(finding.file, baseDir))?.get(finding.ruleId)?.has(`#${finding.pointer}`) ?? false;
}

/** Writes every finding into `dir`'s baseline (replacing it whole); returns its path. */
export function writeBaseline(dir: string, findings: Finding[]): string {
  const file = path.join(dir, BASELINE_FILE);
  writeIgnoreFile(file, HEADER, findings.map((f) => ({ file: ignoreKeyOf(f.file, dir), rule: f.ruleId, entry: `#${f.pointer}` })));
  return file;
}
