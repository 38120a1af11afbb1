/** What the readers of other linters' settings (spectral-ruleset.ts, redocly-config.ts) share. */
import { byPosition, error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { realpathSync } from "node:fs";
import path from "node:path";
import { displayPathOf, readSourceFile, type SourceFile } from "../load/source-file.js";
import { isObject } from "../openapi/kinds.js";
import type { LintConfig } from "./config.js";
import type { RuleSetting } from "./types.js";

export interface ReadRuleset {
  lint: LintConfig;
  /** Things read and not acted on, one line each (shown unless --quiet). */
  notes: string[];
}

/** A ruleset file as read: its value, and where each pointer of it is written. */
export type RulesetSource = Pick<SourceFile, "value" | "displayPath" | "locate">;

/** Rules about reading the spec at all: on whatever a ruleset turns off (Spectral and Redocly report these too). */
export { ALWAYS_ON as ALWAYS } from "./registry.js";

/** Two settings for one specforge rule (two rules of theirs map to it): the stricter wins. */
export const RANK: Record<RuleSetting, number> = { off: 0, warn: 1, error: 2 };

/** Where a pointer of a ruleset read with others (`extends`) is written: the file, and the pointer there. */
export interface Place {
  source: RulesetSource;
  pointer: string;
}

/**
 * Collects problems at pointers of `source`, each placed at its file:line:col (`placeOf` says in which file
 * a pointer is written, for a ruleset merged from several); `done` throws them, each file's in order.
 * Rulesets read together share `problems`.
 */
export function problemsOf(source: RulesetSource, placeOf: (pointer: string) => Place = (pointer) => ({ source, pointer }), problems: Diagnostic[] = []) {
  const sorted = () => {
    const files = [...new Set(problems.map((p) => p.location?.file))];
    const fileOf = (d: Diagnostic) => files.indexOf(d.location?.file);
    return problems.sort((a, b) => fileOf(a) - fileOf(b) || byPosition(a, b));
  };
  return {
    bad(written: string, message: string, help: string): void {
      const { source: file, pointer } = placeOf(written);
      // The root of an empty file has no node to locate: its place is the file's start (before, `file#`).
      const at = file.locate(pointer) ?? (pointer === "" ? { line: 1, column: 1 } : undefined);
      problems.push(error("lint/ruleset", message, { file: file.displayPath, pointer, ...(at ? { line: at.line, column: at.column } : {}) }, help));
    },
    done(): void {
      if (problems.length) throw new SpecforgeError(sorted());
    },
    /** The error to throw where nothing more can be read (a problem was just reported). */
    failure(): SpecforgeError {
      return new SpecforgeError(sorted());
    },
  };
}

/** A name in `extends` that is a file's path: relative (`./`, `../`), absolute, or ending in .yaml/.yml/.json. */
export const isRulesetPath = (name: string) => /^\.\.?[\\/]/.test(name) || path.isAbsolute(name) || /\.(ya?ml|json)$/i.test(name);

/**
 * The file an `extends` entry of `from` names: relative to `from`'s folder, a `\` read as `/` on every
 * platform, as Spectral's own path handling does (a ruleset written on Windows extends `.\base.yaml`).
 */
function extendedPath(from: string, name: string): string {
  return path.resolve(path.dirname(from), path.sep === "/" ? name.replace(/\\/g, "/") : name);
}

/** An extended ruleset file, read; `fail` hears why it cannot be (missing, malformed, not a ruleset). */
function readExtended(file: string, fail: (message: string, help: string) => void): RulesetSource | undefined {
  let read: RulesetSource;
  try {
    read = readSourceFile(file);
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    const first = e.diagnostics[0]!;
    const at = first.location?.line ? `${first.location.file}:${first.location.line}:${first.location.column} ` : "";
    const message = first.code === "load/unreadable" ? first.message.replace(/^cannot read spec:/, `cannot read ${displayPathOf(file)}:`) : `${at}${first.message}`;
    fail(message, first.code === "load/unreadable" ? "check the path: it is relative to the folder of the file naming it" : first.help ?? "fix that file");
    return undefined;
  }
  if (!isObject(read.value)) {
    fail(`${read.displayPath} ${read.value === null || read.value === undefined ? "is empty" : "is not a ruleset (a mapping)"}`, "write its `extends` and/or `rules`");
    return undefined;
  }
  return read;
}

/**
 * The error of an `extends` entry naming `target`, when it is a file of the chain being read (compared by
 * real path: a folder linked into itself would otherwise lead to the same file under ever longer paths).
 */
function cycleOf(name: string, chain: string[], target: string): string | undefined {
  const real = (f: string) => {
    try {
      return realpathSync(f);
    } catch {
      return f;
    }
  };
  const at = real(target);
  if (!chain.some((f) => real(f) === at)) return undefined;
  return `extends '${name}' makes a cycle: ${[...chain, target].map((f) => displayPathOf(f)).join(" -> ")}`;
}

/**
 * The ruleset file that the `extends` entry `name` of `chain`'s last file names (both readers: Spectral's and
 * Redocly's), read; undefined, `fail` told why at that entry, where it closes a cycle or cannot be read.
 */
export function readExtends(name: string, chain: string[], fail: (message: string, help: string) => void): { file: string; source: RulesetSource } | undefined {
  const file = extendedPath(chain[chain.length - 1]!, name);
  const cycle = cycleOf(name, chain, file);
  if (cycle) return void fail(cycle, "remove one of the extends of that chain");
  const source = readExtended(file, (message, help) => fail(`extends '${name}': ${message}`, help));
  return source && { file, source };
}
