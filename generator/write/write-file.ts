/** One file written whole or not at all: beside its target, then renamed over it (a reader never sees half). */
import { renameSync, rmSync, writeFileSync } from "node:fs";

export function writeFileWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
