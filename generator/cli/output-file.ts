/**
 * `--output <file>` of lint and diff: the report written there. A path that cannot be written (no such
 * folder, no permission, a folder) is bad input (exit 2, one line naming the path), not an internal error.
 */
import { writeFileSync } from "node:fs";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";

export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (typeof err.code !== "string") throw e;
    const reason: Record<string, string> = { ENOENT: "its folder does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a folder", EROFS: "the file system is read-only", ENOTDIR: "a part of its path is not a folder" };
    throw new SpecforgeError([error("cli/output", `cannot write --output '${file}': ${reason[err.code] ?? err.code}`, undefined, err.code === "ENOENT" ? "create its folder, or give another path" : "give a file path you can write to")]);
  }
}
