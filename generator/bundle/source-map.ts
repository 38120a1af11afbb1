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

  /**
   * This map read with pointers under `from` standing for those under `to`: lint runs generation's stages on
   * a 3.0 document's `x-webhooks` as `webhooks` (rules/generator.ts), and locates them where they are written.
   */
  renamed(from: string, to: string): SourceMap {
    return new RenamedSourceMap(this, this.root, (pointer) => (pointer === from || pointer.startsWith(`${from}/`) ? to + pointer.slice(from.length) : pointer));
  }
}

class RenamedSourceMap extends SourceMap {
  constructor(
    private readonly inner: SourceMap,
    root: SourceFile,
    private readonly rename: (pointer: string) => string,
  ) {
    super(root);
  }

  override add(): void {
    throw new Error("a renamed SourceMap is a view: add to the map it renames");
  }

  override origin(bundledPointer: string): { file: SourceFile; pointer: string } {
    return this.inner.origin(this.rename(bundledPointer));
  }
}
