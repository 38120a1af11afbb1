/**
 * The lint baseline, `specforge.lint-ignore.yaml` (Redocly's `.redocly.lint-ignore.yaml`, same shape):
 * findings a team accepts as they are today, so lint can gate pull requests on an old spec from day one
 * and only new problems fail. Written by `specforge lint --generate-ignore-file`, read by every later run
 * from the config's folder (or the working directory). Each entry is exact: a file (relative to that
 * folder, or a URL), a rule id and the JSON pointer of one finding; a finding moved elsewhere shows again.
 *
 *   specs/okra.yaml:
 *     operation-error-response:
 *       - "#/paths/~1customers/get/responses"
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, stringify } from "yaml";
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isRemote } from "../load/location.js";
import { escapeSegment } from "../openapi/pointer.js";
import { writeFileWhole } from "../write/write-file.js";
import type { Finding } from "./types.js";

export const BASELINE_FILE = "specforge.lint-ignore.yaml";

/** file key -> rule id -> pointers ("#/..."). */
export type Baseline = Map<string, Map<string, Set<string>>>;

const HEADER = `# Lint findings accepted as they are (specforge lint --generate-ignore-file). specforge lint skips
# each one: file (relative to this folder), rule id, JSON pointer. Delete entries as you fix them.
`;

/** The key a finding's file has in the baseline: its path relative to `baseDir` (`/`-separated), or its URL. */
function keyOf(file: string, baseDir: string): string {
  if (isRemote(file)) return file;
  return path.relative(baseDir, path.resolve(file)).split(path.sep).join("/");
}

/** The baseline in `dir`, if there is one; a malformed file is an error (exit 2) naming the place. */
export function readBaseline(dir: string): Baseline | undefined {
  const file = path.join(dir, BASELINE_FILE);
  if (!existsSync(file)) return undefined;
  const display = path.relative(process.cwd(), file) || BASELINE_FILE;
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter });
  const problems: Diagnostic[] = doc.errors.map((e) => {
    const at = lineCounter.linePos(e.pos[0]);
    return error("lint/baseline", `malformed YAML: ${e.message.split("\n")[0]}`, { file: display, line: at.line, column: at.col }, "fix the syntax, or delete the file and run 'specforge lint --generate-ignore-file'");
  });
  if (problems.length) throw new SpecforgeError(problems);
  const raw: unknown = doc.toJS();
  const baseline: Baseline = new Map();
  const bad = (pointer: string, message: string) =>
    problems.push(error("lint/baseline", message, { file: display, pointer }, "write `<file>: { <rule-id>: ['#/json/pointer', ...] }`, or regenerate it with --generate-ignore-file"));
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) bad("", "the baseline must map files to rules");
  for (const [fileKey, rules] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const at = `/${escapeSegment(fileKey)}`;
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
      bad(at, `'${fileKey}' must map rule ids to lists of JSON pointers`);
      continue;
    }
    const byRule = new Map<string, Set<string>>();
    for (const [rule, pointers] of Object.entries(rules)) {
      if (!Array.isArray(pointers) || pointers.some((p) => typeof p !== "string" || !p.startsWith("#"))) {
        bad(`${at}/${escapeSegment(rule)}`, `'${fileKey}' rule '${rule}' must list JSON pointers written as '#/...'`);
        continue;
      }
      byRule.set(rule, new Set(pointers as string[]));
    }
    baseline.set(fileKey, byRule);
  }
  if (problems.length) throw new SpecforgeError(problems);
  return baseline;
}

/** Whether `finding` is one the baseline accepts. */
export function inBaseline(baseline: Baseline, baseDir: string, finding: Finding): boolean {
  return baseline.get(keyOf(finding.file, baseDir))?.get(finding.ruleId)?.has(`#${finding.pointer}`) ?? false;
}

/** Writes every finding into `dir`'s baseline (replacing it whole); returns its path. */
export function writeBaseline(dir: string, findings: Finding[]): string {
  const out: Record<string, Record<string, string[]>> = {};
  for (const f of findings) {
    const rules = (out[keyOf(f.file, dir)] ??= {});
    const pointers = (rules[f.ruleId] ??= []);
    if (!pointers.includes(`#${f.pointer}`)) pointers.push(`#${f.pointer}`);
  }
  const file = path.join(dir, BASELINE_FILE);
  writeFileWhole(file, HEADER + (findings.length ? stringify(out, { lineWidth: 0 }) : "{}\n"));
  return file;
}
