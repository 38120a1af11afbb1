/**
 * `specforge lint`: rules over one OpenAPI document, each with an id, a default severity and a one-line
 * explanation (docs/rules.md has an entry per rule; a test keeps the two in step).
 */
import type { JsonObject } from "../openapi/kinds.js";
import type { SourceMap } from "../bundle/source-map.js";
import type { SourceFile } from "../load/source-file.js";

export type LintSeverity = "error" | "warn";
export type RuleSetting = LintSeverity | "off";

/** One problem: where (file:line:col and the JSON pointer in that file), how bad, which rule, what to do. */
export interface Finding {
  ruleId: string;
  severity: LintSeverity;
  message: string;
  help?: string;
  file: string;
  /** JSON pointer inside `file` ("" is the whole document). */
  pointer: string;
  line?: number;
  column?: number;
}

/** What a rule sees: the bundled document, normalized to OpenAPI 3.1, and how to report. */
export interface LintContext {
  /** The bundled, normalized document (3.0 input reads as 3.1; see generator/normalize). */
  document: JsonObject;
  /** The bundled document before normalizing (as the spec writes it), kept only when custom rules run. */
  written?: JsonObject;
  /** The root file as loaded (its `value` is the document before bundling and normalizing). */
  root: SourceFile;
  /** The version the document declared (`3.0.3`, `3.1.0`). */
  version: string;
  /** A 3.0 document's `x-webhooks` when it is read as `webhooks` (openapi/x-webhooks.ts), normalized as they are. */
  xWebhooks?: JsonObject;
  sources: SourceMap;
  /** Schemas the bundle hoisted out of deep local pointers: local ref -> the `$ref` as written (bundle.ts). */
  deepRefs: ReadonlyMap<string, string>;
  /** Objects that carried `example` before normalize moved it to `examples` (pointers then name `example`). */
  hadExample: WeakSet<object>;
  /**
   * Reports at a pointer of the bundled document; `parts`: which of the rule's checks found it, where another
   * linter splits the rule into several (rule-parts.ts).
   */
  report(pointer: string, message: string, help?: string, parts?: readonly string[]): void;
  /** Reports that the rule could not check at a pointer (a function of the user's threw): an error whatever its severity. */
  reportFailure(pointer: string, message: string, help?: string): void;
  /** Reports at a position already known (a file, line and column from a stage's diagnostic). */
  reportAt(location: { file?: string; pointer?: string; line?: number; column?: number }, message: string, help?: string): void;
  /** Results shared by several rules, computed once. */
  memo<T>(key: string, compute: () => T): T;
}

/** A `LintContext.memo` keeping its results in `store`. */
export function memoIn(store: Map<string, unknown>): LintContext["memo"] {
  return <T>(key: string, compute: () => T): T => {
    if (!store.has(key)) store.set(key, compute());
    return store.get(key) as T;
  };
}

export interface Rule {
  id: string;
  /** The default; "off" for a rule a config turns on (Redocly's recommended set leaves them off too). */
  severity: RuleSetting;
  /** One line: what the rule asks of a spec. */
  description: string;
  check(ctx: LintContext): void | Promise<void>;
}
