/**
 * A generated package's version and changelog, from the spec it was last generated from (kept in the
 * package as `openapi.json`) and the one it is generated from now, classified by `specforge diff`.
 * Pure: the CLI reads the previous package and passes it in.
 *
 * - The version is the config's `packageVersion` when set; else the later of the spec's `info.version`
 *   and the package's current version (a bumped package keeps its version on later runs).
 * - With `bump`, the current version goes up by what changed, for the side the package serves (client
 *   targets follow what breaks clients, the server target what breaks servers, both: either), and a
 *   CHANGELOG.md entry lists the changes in words. Without changes, nothing moves.
 */
import { diffSpecs } from "../diff/diff.js";
import { withRuleLevels, type DiffConfig } from "../diff/rule-levels.js";
import { summarize, type Bump } from "../diff/summarize.js";
import type { Change } from "../diff/change.js";
import type { Diagnostic, Location } from "../diagnostics/diagnostic.js";
import { warning } from "../diagnostics/diagnostic.js";
import type { JsonObject } from "../openapi/kinds.js";
import { bumpVersion, maxVersion, semverOf } from "./semver.js";

export interface PreviousPackage {
  /** `version` of the package's package.json. */
  version?: string;
  /** Its `openapi.json`: the spec it was generated from. */
  spec?: JsonObject;
  /** Its CHANGELOG.md. */
  changelog?: string;
  /** Where its openapi.json is, as messages name it. */
  specFile?: string;
}

export interface ReleaseInput {
  document: JsonObject;
  specVersion: string;
  configVersion?: string;
  /** Where the config sets it (file:line:col and pointer), for the warning that --bump leaves it. */
  configVersionPlace?: Location;
  previous?: PreviousPackage;
  bump: boolean;
  side: "client" | "server" | "both";
  /** The config's `diff` section: rules reclassified for this API. */
  levels?: DiffConfig;
}

export interface Release {
  version: string;
  /** What changed since the previous spec (empty without a comparison). */
  changes: Change[];
  kind: Bump;
  /** The version compared against, when the version moved. */
  from?: string;
  /** Whether the spec was compared with the previous one (--bump, and a recorded spec to compare with). */
  compared: boolean;
  /** Whose breaking changes count for this package. */
  side: ReleaseInput["side"];
  warnings: Diagnostic[];
}

export function planRelease(input: ReleaseInput): Release {
  const specVersion = semverOf(input.specVersion);
  const previous = input.previous;
  const current = previous?.version ? maxVersion(semverOf(previous.version), specVersion) : specVersion;
  if (input.configVersion !== undefined) {
    const warnings = input.bump ? [warning("release/pinned", `packageVersion ${input.configVersion} is set in the config: --bump leaves it`, input.configVersionPlace, "remove packageVersion from the config to let --bump set the version")] : [];
    return { version: input.configVersion, changes: [], kind: "none", side: input.side, warnings, compared: false };
  }
  if (!input.bump || !previous?.version) return { version: current, changes: [], kind: "none", side: input.side, warnings: [], compared: false };
  if (!previous.spec) {
    // at the file it lacks: with several packages in a config, "the package" alone named none of them
    const place = previous.specFile === undefined ? undefined : { file: previous.specFile };
    const note = warning("release/no-previous-spec", "the package has no readable openapi.json, the spec it was generated from (an older specforge did not write one): version kept, nothing compared", place, "this run records the spec; the next --bump compares with it");
    return { version: current, changes: [], kind: "none", side: input.side, warnings: [note], compared: false };
  }
  const { changes } = withRuleLevels(diffSpecs({ document: previous.spec }, { document: input.document }), input.levels);
  const summary = summarize(changes);
  const kind = input.side === "client" ? summary.client : input.side === "server" ? summary.server : summary.overall;
  if (kind === "none") return { version: current, changes, kind, side: input.side, warnings: [], compared: true };
  return { version: maxVersion(bumpVersion(semverOf(previous.version), kind), specVersion), changes, kind, from: previous.version, side: input.side, warnings: [], compared: true };
}
