/** `--overlay <file>` (and a config's `overlays`): files only, resolved against the working directory (or the config's folder). */
import path from "node:path";
import { usage } from "./args.js";
import { isRemote } from "../load/location.js";

export function overlayFiles(given: readonly string[] | undefined, dir = process.cwd()): string[] | undefined {
  if (!given) return undefined;
  const remote = given.find(isRemote);
  // an overlay changes what is generated: it is a file of the project, reviewed with it, never fetched
  if (remote) throw usage(`an overlay is read from a file, and ${remote} is a URL`, "download the overlay into the project and name its file");
  return given.map((o) => path.resolve(dir, o));
}
