/**
 * The shape both ignore files share (Redocly's `.redocly.lint-ignore.yaml`): findings a team accepts as
 * they are, keyed by the spec file they belong to, then by rule id, then listed one entry a line:
 *
 *   specs/okra.yaml:
 *     operation-error-response:
 *       - "#/paths/~1customers/get/responses"
 *
 * `specforge lint` (lint/baseline.ts) lists JSON pointers; `specforge diff` (diff/ignore.ts) lists changes.
 * This module reads and writes the shape; each caller says what an entry is. A malformed file is bad input
 * (exit 2) named by file:line:col, so it can be fixed where it is.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Node } from "yaml";
import { yamlLib } from "../load/yaml-lib.js";
import { parseJson } from "../load/json-text.js";
import { error, SpecforgeError, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { isRemote } from "../load/location.js";
import { displayPathOf } from "../load/source-file.js";
import { escapeSegment } from "../openapi/pointer.js";
import { writeFileWhole } from "../write/write-file.js";

/** file key -> rule id -> entries, in the order written. */
export type IgnoreEntries = Map<string, Map<string, string[]>>;

export interface IgnoreFormat {
  /** Diagnostic code, e.g. `lint/baseline`. */
  code: string;
  /** What a valid file looks like, and how to get one (the help of every shape error). */
  help: string;
  /** Why `entry` is not a valid entry ("must be ..."), or undefined when it is. */
  checkEntry: (entry: string) => string | undefined;
}

/** The key a spec file has in an ignore file: its path relative to `baseDir` (`/`-separated), or its URL. */
export function ignoreKeyOf(file: string, baseDir: string): string {
  if (isRemote(file)) return file;
  return path.relative(baseDir, path.resolve(file)).split(path.sep).join("/");
}

/** Where an entry is written (file:line:col and its pointer in the file), by `entryKey(fileKey, rule, entry)`. */
export type EntryLocations = Map<string, Location>;

export const entryKey = (fileKey: string, rule: string, entry: string) => `${fileKey}\u0000${rule}\u0000${entry}`;

/** Reads `file`; undefined when it does not exist. `locations`, when given, gets where each kept entry is (the first, for an entry written twice). */
export function readIgnoreFile(file: string, format: IgnoreFormat, locations?: EntryLocations): IgnoreEntries | undefined {
  if (!existsSync(file)) return undefined;
  const display = displayPathOf(file);
  const text = readFileSync(file, "utf8");
  // a JSON file's syntax errors in JSON's terms (the YAML reader below, which places the entries, would say "malformed YAML")
  if (/\.json$/i.test(file)) parseJson(text, display, { syntax: format.code, duplicate: format.code });
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problems: Diagnostic[] = [];
  const at = (node: Node | null | undefined, pointer: string) => {
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file: display, line: pos.line, column: pos.col, ...(pointer ? { pointer } : {}) };
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push(error(format.code, `malformed YAML: ${e.message.split("\n")[0]}`, { file: display, line: pos.line, column: pos.col }, "fix the syntax there, or delete the file and generate it again"));
  }
  if (problems.length) throw new SpecforgeError(problems);
  const bad = (node: Node | null | undefined, pointer: string, message: string) => problems.push(error(format.code, message, at(node, pointer), format.help));

  const entries: IgnoreEntries = new Map();
  const root = doc.contents;
  if (root !== null && !(isScalar(root) && (root.value === null || root.value === undefined)) && !isMap(root)) bad(root, "", "the file must map spec files to rule ids");
  for (const filePair of isMap(root) ? root.items : []) {
    const fileKey = String(isScalar(filePair.key) ? filePair.key.value : filePair.key);
    const filePtr = `/${escapeSegment(fileKey)}`;
    const rules = filePair.value as Node | null;
    if (!isMap(rules)) {
      bad(rules ?? (filePair.key as Node), filePtr, `'${fileKey}' must map rule ids to lists of entries`);
      continue;
    }
    const byRule = entries.get(fileKey) ?? new Map<string, string[]>();
    for (const rulePair of rules.items) {
      const rule = String(isScalar(rulePair.key) ? rulePair.key.value : rulePair.key);
      const rulePtr = `${filePtr}/${escapeSegment(rule)}`;
      const list = rulePair.value as Node | null;
      if (!isSeq(list)) {
        bad(list ?? (rulePair.key as Node), rulePtr, `'${fileKey}' rule '${rule}' must be a list of entries`);
        continue;
      }
      const kept: string[] = [];
      list.items.forEach((item, i) => {
        const node = item as Node;
        const value = isScalar(node) ? node.value : undefined;
        const problem = typeof value === "string" ? format.checkEntry(value) : "is not a string";
        if (problem) bad(node, `${rulePtr}/${i}`, `'${fileKey}' rule '${rule}': entry ${i + 1} ${problem}`);
        else {
          kept.push(value as string);
          const key = entryKey(fileKey, rule, value as string);
          if (locations && !locations.has(key)) locations.set(key, at(node, `${rulePtr}/${i}`));
        }
      });
      byRule.set(rule, kept);
    }
    entries.set(fileKey, byRule);
  }
  if (problems.length) throw new SpecforgeError(problems);
  return entries;
}

/** Writes `entries` to `file` whole (replacing it), under `header` (comment lines). */
export function writeIgnoreFile(file: string, header: string, entries: Iterable<{ file: string; rule: string; entry: string }>): void {
  const out: Record<string, Record<string, string[]>> = {};
  let count = 0;
  for (const { file: key, rule, entry } of entries) {
    const list = ((out[key] ??= {})[rule] ??= []);
    if (!list.includes(entry)) list.push(entry);
    count++;
  }
  writeFileWhole(file, header + (count ? yamlLib().stringify(out, { lineWidth: 0 }) : "{}\n"));
}
