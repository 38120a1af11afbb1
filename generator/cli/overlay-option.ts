/** `--overlay <file>` (and a config's `overlays`): files only, resolved against the working directory (or the config's folder). */
import path from "node:path";
import { error, SpecforgeError, type Location } from "../diagnostics/diagnostic.js";
import { isRemote } from "../load/location.js";

/** `placeOf`: where a config writes each overlay, so that a wrong one is reported there (a command line has no place). */
export function overlayFiles(given: readonly string[] | undefined, dir = process.cwd(), placeOf?: (index: number) => Location): string[] | undefined {
  if (!given) return undefined;
  const remote = given.findIndex(isRemote);
  // an overlay changes what is generated: it is a file of the project, reviewed with it, never fetched
  if (remote >= 0) throw new SpecforgeError([error(placeOf ? "config/invalid" : "cli/usage", `an overlay is read from a file, and ${given[remote]} is a URL`, placeOf?.(remote), "download the overlay into the project and name its file")]);
  return given.map((o) => path.resolve(dir, o));
}
