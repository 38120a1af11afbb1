/** Where a config names a spec and its overlays: a file there that cannot be read is the config's mistake. */
import { SpecforgeError, type Location } from "../diagnostics/diagnostic.js";
import { isRemote } from "../load/location.js";
import { displayPathOf } from "../load/source-file.js";

export interface ConfigPlaces {
  input: string;
  /** For a spec listed in a config: where its `input` is written there (a spec that cannot be read is reported at it). */
  inputPlace?: Location;
  overlays?: string[];
  /** Where the config writes each of `overlays` (an overlay that cannot be read is reported there). */
  overlayPlaces?: Location[];
}

/**
 * A spec or overlay named in a config that cannot be read (or fetched) is a mistake in the config: reported
 * at its `input` there (`specforge.config.yaml:3:12`, `specforge.config.ts#/specs/0/input`) or its entry of
 * `overlays`, the file's path in the message. Problems inside a file that was read keep their own place.
 */
export function atConfigPlaces(e: SpecforgeError, job: ConfigPlaces): SpecforgeError {
  if (!job.inputPlace) return e;
  const spec = displayPathOf(job.input);
  const overlays = (job.overlays ?? []).map((o) => displayPathOf(o));
  return new SpecforgeError(e.diagnostics.map((d) => {
    if (d.code !== "load/unreadable" || d.location?.line !== undefined) return d;
    const overlay = overlays.indexOf(d.location?.file ?? "");
    const overlayPlace = overlay >= 0 ? job.overlayPlaces?.[overlay] : undefined;
    if (overlayPlace) {
      const message = d.message.replace(/^cannot read overlay/, `cannot read overlay '${overlays[overlay]}'`);
      return { ...d, message, location: overlayPlace, help: "check the path: `overlays` are relative to the config file's folder" };
    }
    if (d.location?.file !== spec) return d;
    const message = d.message.replace(/^cannot (read|fetch) spec/, (said) => `${said} '${spec}'`);
    return { ...d, message, location: job.inputPlace, help: isRemote(job.input) ? d.help : "check the path: `input` is relative to the config file's folder" };
  }));
}
