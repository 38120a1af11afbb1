/**
 * The config a command reads for a section of its own although it needs no config (`diff` for
 * `diff.rules` and `diff.filters`, `generate <spec> --bump` for `diff.rules`): the `--config` file, else
 * `specforge.config.*` in the working directory, if any. A config that is wrong for another reason (a lint
 * rule, a spec entry) stops the command too: its problems outside the section say why this command read it.
 */
import path from "node:path";
import { SpecforgeError } from "../diagnostics/diagnostic.js";
import { findConfig, loadConfig, type LoadedConfig } from "../config/config.js";

export async function sectionConfig(explicit: string | undefined, command: string, section: string): Promise<LoadedConfig | undefined> {
  const file = explicit ? path.resolve(explicit) : findConfig(process.cwd());
  if (!file) return undefined;
  try {
    return await loadConfig(file);
  } catch (e) {
    if (!(e instanceof SpecforgeError)) throw e;
    const why = `${command} reads this config for ${section}${explicit ? "" : "; --config names another"}`;
    const own = (pointer: string | undefined) => pointer !== undefined && pointer.split("/")[1] === section.split(".")[0];
    throw new SpecforgeError(e.diagnostics.map((d) => (own(d.location?.pointer) ? d : { ...d, help: d.help ? `${d.help}; ${why}` : why })));
  }
}
