/**
 * Maps pointers in the bundled document back to the file and pointer they came from, so a diagnostic
 * found after bundling still names `file:line:col`. Only hoisted or inlined subtrees are recorded; the
 * rest of the bundled document is the root file itself.
 */
import type { Location } from "../diagnostics/diagnostic.js";
import { placeOf, type SourceFile } from "../load/source-file.js";

export class SourceMap {
  private readonly prefixes: Array<{ bundled: string; file: SourceFile; pointer: string }> = [];
  constructor(private readonly root: SourceFile) {}

  add(bundledPointer: string, file: SourceFile, pointer: string): void {
    this.prefixes.push({ bundled: bundledPointer, file, pointer });
  }

  /** The file a bundled pointer comes from and its pointer there (no line and column: see `locate`). */
  origin(bundledPointer: string): { file: SourceFile; pointer: string } {
    let best: { bundled: string; file: SourceFile; pointer: string } | undefined;
    for (const p of this.prefixes) {
      if ((bundledPointer === p.bundled || bundledPointer.startsWith(`${p.bundled}/`)) && (!best || p.bundled.length > best.bundled.length)) best = p;
    }
    return { file: best?.file ?? this.root, pointer: best ? best.pointer + bundledPointer.slice(best.bundled.length) : bundledPointer };
  }

  /** The location of a bundled pointer, with line and column. */
  locate(bundledPointer: string): Location {
    const { file, pointer } = this.origin(bundledPointer);
    return placeOf(file, pointer);
  }
}
