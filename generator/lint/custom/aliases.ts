/**
 * `lint.aliases`: Spectral's named JSONPaths. A custom rule's `given` may start with `#Name` and go on
 * with more path (`#PathItem[get,post]`, `#Info.description`):
 *   aliases:
 *     PathItem: [ "$.paths[*]" ]                     # plain: a list of paths
 *     Parameter:                                     # scoped: the first target whose formats fit the document
 *       targets:
 *         - { formats: [oas3], given: [ "#PathItem.parameters[*]", "$.components.parameters[*]" ] }
 * Aliases may use aliases; a loop or an unknown name is a config error.
 */
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment } from "../../openapi/pointer.js";
import { formatsMatch, FORMAT_NAMES, isFormatName } from "./formats.js";

interface Target {
  formats?: string[];
  given: string[];
}
export type Aliases = ReadonlyMap<string, Target[]>;

export interface AliasProblem {
  pointer: string;
  message: string;
  help: string;
}

const NAME = /^#([A-Za-z0-9_-]+)/;

const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");

/** Reads `lint.aliases`; every problem is one entry with its pointer into the config. */
export function compileAliases(raw: unknown, problems: AliasProblem[]): Aliases {
  const out = new Map<string, Target[]>();
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    problems.push({ pointer: "/lint/aliases", message: "`aliases` must map names to JSONPaths", help: 'e.g. aliases: { PathItem: ["$.paths[*]"] }' });
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    const at = `/lint/aliases/${escapeSegment(name)}`;
    const before = problems.length;
    if (!/^[A-Za-z0-9_-]+$/.test(name)) problems.push({ pointer: at, message: `invalid alias name '${name}'`, help: "use letters, digits, '-' and '_'" });
    let targets: Target[] = [];
    if (stringList(value)) targets = [{ given: value }];
    else if (isObject(value) && Array.isArray(value.targets) && value.targets.length > 0) {
      for (const k of Object.keys(value)) if (k !== "targets" && k !== "description") problems.push({ pointer: `${at}/${escapeSegment(k)}`, message: `unknown key '${k}'`, help: "a scoped alias takes description and targets" });
      value.targets.forEach((t, i) => {
        const where = `${at}/targets/${i}`;
        if (!isObject(t) || !stringList(t.given) || !Array.isArray(t.formats) || t.formats.length === 0) {
          problems.push({ pointer: where, message: "an alias target needs `formats` and `given` (lists)", help: 'e.g. { formats: [oas3], given: ["$.components.parameters[*]"] }' });
          return;
        }
        t.formats.forEach((f, j) => {
          if (!isFormatName(f)) problems.push({ pointer: `${where}/formats/${j}`, message: `unknown format '${String(f)}'`, help: `use one of ${FORMAT_NAMES.join(", ")}` });
        });
        targets.push({ formats: t.formats as string[], given: t.given });
      });
    } else problems.push({ pointer: at, message: `alias '${name}' must be a list of JSONPaths or { targets: [...] }`, help: 'e.g. PathItem: ["$.paths[*]"]' });
    if (problems.length === before) out.set(name, targets);
  }
  return out;
}

export class AliasError extends Error {}

/**
 * The JSONPaths a `given` stands for in a document of `version`: itself when it names no alias, else
 * each path of the alias (expanded in turn) followed by the rest of the text.
 */
export function expandGiven(text: string, aliases: Aliases, version: string, using: string[] = []): string[] {
  const m = NAME.exec(text);
  if (!m) return [text];
  const name = m[1]!;
  if (using.includes(name)) throw new AliasError(`alias '${name}' uses itself (${[...using, name].map((n) => `#${n}`).join(" -> ")})`);
  const targets = aliases.get(name);
  if (!targets) throw new AliasError(`unknown alias '#${name}'`);
  const rest = text.slice(m[0].length);
  const target = targets.find((t) => !t.formats || formatsMatch(t.formats, version));
  return (target?.given ?? []).flatMap((g) => expandGiven(g, aliases, version, [...using, name]).map((p) => `${p}${rest}`));
}
