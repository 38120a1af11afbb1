/**
 * A problem found in user input, carried from the stage that finds it to the CLI that prints it.
 * Modelled on kubb's diagnostics ({code, severity, message, help, location}); ours always name where
 * (file:line:col when the source is known, else the JSON pointer) and what to do.
 */
import { printable } from "./printable.js";

export type Severity = "error" | "warning";

export interface Location {
  /** File path as the user gave it (relative to the working directory when possible). */
  file?: string;
  /** JSON pointer inside that file, e.g. `/paths/~1pets/get`. */
  pointer?: string;
  line?: number;
  column?: number;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** What the user should do about it. */
  help?: string;
  location?: Location;
}

/** Thrown by a stage when input is unusable; the CLI prints every diagnostic and exits 2. */
export class SpecforgeError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "SpecforgeError";
    this.diagnostics = diagnostics;
  }
}

export function error(code: string, message: string, location?: Location, help?: string): Diagnostic {
  return { code, severity: "error", message, location, help };
}

/** Orders diagnostics of one file as they appear in it (line, then column; unplaced ones first). */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0);
}

export function warning(code: string, message: string, location?: Location, help?: string): Diagnostic {
  return { code, severity: "warning", message, location, help };
}

/**
 * One line: `file:line:col error code: message (help)`; falls back to `file#pointer`. Spec text in it (a key
 * with a newline, an ESC) is shown escaped (printable.ts): a response key `"20\n0"` split its problem over
 * two lines.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  const help = d.help ? ` (${d.help})` : "";
  return printable(`${where ? `${where} ` : ""}${d.severity} ${d.code}: ${d.message}${help}`);
}

export function formatLocation(loc: Location | undefined): string {
  if (!loc) return "";
  const file = loc.file ?? "";
  if (loc.line !== undefined) {
    const at = `${file}:${loc.line}:${loc.column ?? 1}`;
    return loc.pointer !== undefined ? `${at} (#${loc.pointer})` : at;
  }
  if (loc.pointer !== undefined) return `${file}#${loc.pointer}`;
  return file;
}

/** Collects diagnostics during a stage; `throwIfErrors` ends the run when any is an error. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.items.push(d);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
  throwIfErrors(): void {
    if (this.hasErrors) throw new SpecforgeError(this.items.filter((d) => d.severity === "error"));
  }
  warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "warning");
  }
}
