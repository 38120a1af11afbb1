export function where(f: { file: string; line?: number; column?: number; pointer: string }): string {
  return f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : `${f.file}#${f.pointer}`;
}
