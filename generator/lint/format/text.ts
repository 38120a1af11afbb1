/** Spec text is untrusted in every output: terminal control characters never reach a terminal raw. */
export function printable(text: string): string {
  // C0/C1 controls (ESC starts terminal sequences), DEL, and the Unicode line/paragraph separators.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function where(f: { file: string; line?: number; column?: number; pointer: string }): string {
  return f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : `${f.file}#${f.pointer}`;
}
