/** `--ref-root <dir>` (and a config's `refRoots`): folders refs may read from, URL folders for fetched specs. */
import { statSync } from "node:fs";
import { error, SpecforgeError, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { isRemote, resolveInput } from "../load/location.js";
import { displayPathOf } from "../load/source-file.js";

/**
 * Resolves each entry against `dir` (the working directory, or the config's folder). A local one must be a
 * folder: a mistyped path would only surface later as `ref/outside-root` for a file it was meant to allow,
 * blaming the ref instead of the setting. `placeOf`: where a config writes each entry, to report it there.
 */
export function refRootFolders(given: readonly string[] | undefined, dir = process.cwd(), placeOf?: (index: number) => Location): string[] | undefined {
  if (!given) return undefined;
  const problems: Diagnostic[] = [];
  const help = placeOf ? "check the path: `refRoots` are folders relative to the config file's folder" : "check the path: --ref-root names a folder, relative to the working directory";
  const roots = given.map((root, i) => {
    const resolved = resolveInput(root, dir);
    if (isRemote(resolved)) return resolved;
    const stat = statSync(resolved, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) problems.push(error(placeOf ? "config/invalid" : "cli/usage", `the ref root '${displayPathOf(resolved)}' ${stat ? "is not a folder" : "does not exist"}`, placeOf?.(i), help));
    return resolved;
  });
  if (problems.length > 0) throw new SpecforgeError(problems);
  return roots;
}
