/** How the CLI says that something failed: the command itself, or one run of `--watch` (generate, mock). */
import { formatDiagnostic, SpecforgeError } from "../diagnostics/diagnostic.js";

/**
 * `e` on stderr: bad input one line per problem, anything else an internal error with its stack (a bug of
 * ours). Whether it was bad input (exit 2, not 70).
 */
export function reportFailure(e: unknown): boolean {
  if (e instanceof SpecforgeError) {
    for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return true;
  }
  process.stderr.write(`specforge: internal error, please report it with the spec that caused it:\n${(e as Error)?.stack ?? String(e)}\n`);
  return false;
}
