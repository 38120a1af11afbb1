/**
 * `lint.overrides`: Spectral's per-file severities. Each entry names `files` (globs relative to the config's
 * folder, each optionally followed by `#<JSON pointer>` to cover one part of those files) and/or `formats`,
 * and sets `rules` severities there; with several matching entries the last wins:
 *   overrides:
 *     - files: ["specs/legacy/**", "specs/api.yaml#/paths/~1v1"]
 *       rules: { operation-summary: off, paths-kebab-case: error }
 * As in `lint.ignore`, a finding is matched by the file it is in (Spectral matches the root document only).
 */
import path from "node:path";
import { globToRegExp } from "../load/glob.js";
import { isObject } from "../openapi/kinds.js";
import { pointerFromFragment } from "../openapi/pointer.js";
import { FORMAT_NAMES, formatsMatch, isFormatName } from "./custom/formats.js";
import { settingOf } from "./custom/config.js";
import { alwaysOnProblem } from "./registry.js";
import type { Finding, RuleSetting } from "./types.js";

export interface OverrideEntry {
  files?: string[];
  formats?: string[];
  rules: Record<string, unknown>;
}

interface Problem {
  pointer: string;
  message: string;
  help: string;
}

/** Problems of `lint.overrides`; `known` tells rule ids (built-in and custom) apart from typos. */
export function validateOverrides(raw: unknown, known: (id: string) => boolean): Problem[] {
  const out: Problem[] = [];
  if (!Array.isArray(raw)) return [{ pointer: "/lint/overrides", message: "`overrides` must be a list", help: "list entries like { files: ['specs/legacy/**'], rules: { operation-summary: off } }" }];
  raw.forEach((entry, i) => {
    const at = `/lint/overrides/${i}`;
    if (!isObject(entry)) return void out.push({ pointer: at, message: "an override must be an object", help: "give `files` and/or `formats`, and `rules`" });
    for (const k of Object.keys(entry)) {
      if (!["files", "formats", "rules"].includes(k)) out.push({ pointer: `${at}/${k}`, message: `unknown key '${k}'`, help: k === "aliases" || k === "extends" ? `define ${k} at the top of lint (lint.aliases) or not at all; an override takes files, formats and rules` : "an override takes files, formats and rules" });
    }
    if (entry.files === undefined && entry.formats === undefined) out.push({ pointer: at, message: "an override needs `files`, `formats` or both", help: "e.g. files: ['specs/legacy/**']" });
    if (entry.files !== undefined) {
      if (!Array.isArray(entry.files) || entry.files.length === 0) out.push({ pointer: `${at}/files`, message: "`files` must be a list of globs", help: "e.g. files: ['specs/*.yaml', 'specs/api.yaml#/paths/~1v1']" });
      else entry.files.forEach((f, j) => {
        const hash = typeof f === "string" ? f.indexOf("#") : -1;
        if (typeof f !== "string" || f === "" || hash === 0) out.push({ pointer: `${at}/files/${j}`, message: "a `files` entry must be a glob, optionally with #<JSON pointer>", help: "e.g. 'specs/*.yaml' or 'specs/api.yaml#/paths'" });
        else if (hash > 0 && pointerFromFragment(f.slice(hash + 1)) === undefined) out.push({ pointer: `${at}/files/${j}`, message: `'${f.slice(hash)}' is not a JSON pointer fragment`, help: "write #/paths/~1pets (~1 for '/', ~0 for '~', %-escapes allowed)" });
      });
    }
    if (entry.formats !== undefined) {
      if (!Array.isArray(entry.formats) || entry.formats.length === 0) out.push({ pointer: `${at}/formats`, message: "`formats` must be a list of document formats", help: "e.g. formats: [oas3_0]" });
      else entry.formats.forEach((f, j) => {
        if (!isFormatName(f)) out.push({ pointer: `${at}/formats/${j}`, message: `unknown format '${String(f)}'`, help: `use one of ${FORMAT_NAMES.join(", ")}` });
      });
    }
    if (!isObject(entry.rules)) return void out.push({ pointer: `${at}/rules`, message: "an override needs `rules`, mapping rule ids to severities", help: "e.g. rules: { operation-summary: off }" });
    for (const [id, v] of Object.entries(entry.rules)) {
      if (!known(id)) out.push({ pointer: `${at}/rules/${id}`, message: `unknown rule '${id}'`, help: "see docs/rules.md for the rule ids, or define it under lint.custom" });
      else if (!settingOf(v)) out.push({ pointer: `${at}/rules/${id}`, message: `invalid setting for '${id}'`, help: isObject(v) ? "an override sets severities only: define the rule under lint.custom and set its severity here" : "use error, warn, info, hint or off" });
      else if (alwaysOnProblem(id, settingOf(v))) out.push({ pointer: `${at}/rules/${id}`, ...alwaysOnProblem(id, settingOf(v))! });
    }
  });
  return out;
}

interface Compiled {
  /** `base`: the folder the glob is relative to (the config's, or above it for a glob that starts with `../`). */
  files?: Array<{ base: string; glob: RegExp; pointer?: string }>;
  formats?: string[];
  rules: Map<string, RuleSetting>;
}

/** The overrides ready to apply. */
export class Overrides {
  private readonly entries: Compiled[];
  constructor(entries: OverrideEntry[] | undefined, baseDir: string) {
    this.entries = (entries ?? []).map((e) => ({
      files: e.files?.map((f) => {
        const hash = f.indexOf("#");
        // a ruleset above the working folder gives `../specs/legacy/**`: its leading `../` move the base up
        let glob = path.posix.normalize(hash < 0 ? f : f.slice(0, hash));
        let base = baseDir;
        while (glob.startsWith("../")) (glob = glob.slice(3)), (base = path.dirname(base));
        return { base, glob: globToRegExp(glob.replace(/^\.\//, "")), pointer: hash < 0 ? undefined : pointerFromFragment(f.slice(hash + 1)) };
      }),
      formats: e.formats,
      rules: new Map(Object.entries(e.rules).map(([id, v]) => [id, settingOf(v)!])),
    }));
  }

  /** Whether some override may turn `id` on (so a rule off by default still runs). */
  mayEnable(id: string): boolean {
    return this.entries.some((e) => { const s = e.rules.get(id); return s !== undefined && s !== "off"; });
  }

  /** The severity the last matching override gives a finding (in the file at `absolute`), if any. */
  severityOf(f: Finding, absolute: string, version: string | undefined): RuleSetting | undefined {
    let out: RuleSetting | undefined;
    const rel = (base: string) => path.relative(base, absolute).split(path.sep).join("/");
    for (const e of this.entries) {
      const setting = e.rules.get(f.ruleId);
      if (setting === undefined) continue;
      if (e.formats && (version === undefined || !formatsMatch(e.formats, version))) continue;
      if (e.files && !e.files.some((x) => x.glob.test(rel(x.base)) && (x.pointer === undefined || x.pointer === "" || f.pointer === x.pointer || f.pointer.startsWith(`${x.pointer}/`)))) continue;
      out = setting;
    }
    return out;
  }
}
