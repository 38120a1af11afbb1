/**
 * `--output <file>` of lint, diff, bundle and join: written whole or not at all (a previous file stays until
 * the new one is complete); without one, standard output. A path that cannot be written (no such folder, no
 * permission, a folder) is bad input (exit 2, one line naming the path), not an internal error.
 */
import path from "node:path";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";
import { writeFileWhole } from "../write/write-file.js";

export function writeOutput(file: string | undefined, text: string): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileWhole(path.resolve(file), text);
  } catch (e) {
    throw unwritable(e, `--output '${file}'`, "give a file path you can write to");
  }
}

/** A file system error of writing `what` as bad input (exit 2); anything else is rethrown as it is. */
export function unwritable(e: unknown, what: string, help: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code !== "string") return e;
  const reason: Record<string, string> = { ENOENT: "its folder does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a folder", EROFS: "the file system is read-only", ENOTDIR: "a part of its path is not a folder" };
  return new SpecforgeError([error("cli/output", `cannot write ${what}: ${reason[err.code] ?? err.code}`, undefined, err.code === "ENOENT" ? "create its folder, or give another path" : help)]);
}
