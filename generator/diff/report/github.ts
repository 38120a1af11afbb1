/**
 * GitHub Actions annotations (oasdiff's `githubactions`): one per change, on the head spec. A change the
 * head shows is marked at its line, in the file holding it; a removal (located in the base) is marked on the head file as a whole,
 * since the base's line numbers are not the pull request's. Breaking for clients is an error, for servers
 * only a warning, the rest a notice.
 */
import { workflowCommand } from "../../diagnostics/ci-text.js";
import { RULES, type RuleInfo } from "../change.js";
import { levelOf, ordered, type DiffResult } from "./result.js";

/** `place` turns a file into the path GitHub resolves (ci-text.ts workspacePath); as written by default. */
export function github(results: readonly DiffResult[], place: (file: string) => string = (f) => f): string {
  let out = "";
  for (const r of results) {
    for (const c of ordered(r.changes)) {
      const level = c.breaking.client ? "error" : c.breaking.server ? "warning" : "notice";
      // Located in the head only when the head side holds the location (a change with no head side is shown in the base).
      const at = !(RULES[c.id] as RuleInfo).removal && c.head?.location?.line !== undefined ? c.head.location : undefined;
      const was = !at && c.location?.line !== undefined ? ` (at ${c.location.file}:${c.location.line}:${c.location.column ?? 1})` : "";
      // A change in a $ref'd file is marked in that file: its line is not the root spec's.
      out += workflowCommand(level, { file: place(at?.file ?? r.head), ...(at ? { line: at.line, column: at.column } : {}), title: `specforge diff: ${levelOf(c)} (${c.id})` }, `${c.message}${was}`);
    }
  }
  return out;
}
