/**
 * Text for CI systems, shared by `lint` and `diff` reports: GitHub Actions workflow commands and XML (JUnit).
 * Spec text goes through here escaped, so a message cannot end a command early, start another, or break
 * the XML.
 */

import path from "node:path";

/**
 * A file as GitHub places an annotation: relative to the repository (`GITHUB_WORKSPACE`), not to the
 * step's `working-directory` the paths in a report are written from. A URL, a file outside the workspace,
 * or no workspace: the path as it is.
 */
export function workspacePath(file: string, cwd: string, workspace: string | undefined): string {
  if (!workspace || /^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const rel = path.relative(workspace, path.resolve(cwd, file));
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

/**
 * `%`, CR and LF, as the runner decodes a command's message (actions/toolkit command.ts); the other
 * controls (ESC starts terminal sequences in the step's log), the line separators and the bidirectional
 * overrides as `\uXXXX`, never raw (diagnostics/printable.ts).
 */
function escapeData(s: string): string {
  return s
    .replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")
    .replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A property value also escapes `:` and `,`, which end a property. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export interface AnnotationPlace {
  file: string;
  line?: number;
  column?: number;
  title: string;
}

/** `::error file=...,line=...,col=...,title=...::message`: an annotation on the pull request's line. */
export function workflowCommand(level: "error" | "warning" | "notice", at: AnnotationPlace, message: string): string {
  const props = [`file=${escapeProperty(at.file)}`];
  if (at.line !== undefined) props.push(`line=${at.line}`, `col=${at.column ?? 1}`);
  props.push(`title=${escapeProperty(at.title)}`);
  return `::${level} ${props.join(",")}::${escapeData(message)}\n`;
}

/** XML 1.0 text or attribute value; characters XML cannot hold at all (most C0 controls, lone surrogates) as `\uXXXX`. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
