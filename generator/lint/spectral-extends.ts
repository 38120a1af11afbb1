/**
 * A Spectral ruleset and the rulesets its `extends` names, read and merged as Spectral merges them
 * (its docs, "Extending Rulesets"; @stoplight/spectral-core ruleset.ts and mergers/rules.ts):
 *   extends: spectral:oas | ./base.spectral.yaml | [./base.spectral.yaml, recommended | all | off]
 * - Each extended ruleset (a YAML or JSON file, its path relative to the ruleset naming it) is read the same
 *   way, its own `extends` too; a cycle is an error naming the chain.
 * - Rules merge in order: each extended ruleset's rules, a later one's replacing an earlier's of the same
 *   name, then the ruleset's own `rules`: a definition merged onto the rule of that name, a severity
 *   (`error`, `off`, `true`, ...) set on it.
 * - `[file, off]` turns off every rule the file brings (its own and those it inherits, as Spectral since its
 *   fix of issue #2211); the ruleset's own `rules` may turn one on again. `[file, recommended]` (the default)
 *   runs the file's own rules but those marked `recommended: false`, `[file, all]` all of them.
 * - An extended ruleset's `formats` and `documentationUrl` apply to the rules it defines; its `overrides`
 *   are not applied (Spectral applies those of the ruleset it runs with only: a note); its aliases are
 *   shared (Spectral keeps them to its own rules): one alias name defined differently in two files is an error.
 * - Each file's `functions` are looked for in its own functionsDir (relative to it, `functions` by default) and
 *   shared as aliases are: one name listed by two files from two folders is an error.
 * Errors are at `file:line:col` of the file they are written in; one about an extended file (missing,
 * malformed, a cycle) at the `extends` entry naming it.
 */
import path from "node:path";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment, unescapeSegment } from "../openapi/pointer.js";
import { FORMAT_NAMES, isFormatName } from "./custom/formats.js";
import { SPECTRAL_CORE } from "./custom/functions.js";
import { isFunctionName } from "./custom/user-functions.js";
import { settingOf } from "./custom/config.js";
import { isRulesetPath, readExtends, type Place, type RulesetSource } from "./ruleset-read.js";
import { isBuiltInName } from "./spectral-names.js";

export type Mode = "off" | "recommended" | "all";

/** One `rules` entry as merged. */
export interface RuleEntry {
  /** A severity as written (for a built-in rule), or a rule's definition. */
  value: unknown;
  definition: boolean;
  /** A definition's: false when a mode or a severity turned it off. */
  enabled: boolean;
  /** Defined first in an extended ruleset, whose formats and documentationUrl it already carries. */
  inherited: boolean;
  /** Where it is written: "" the entry, else where each key of a definition comes from. */
  places: Map<string, Place>;
}

export interface SpectralChain {
  /** The ruleset's own keys as written (Spectral 5's `except` read as overrides). */
  raw: Record<string, unknown>;
  /** spectral:oas's mode, as the last ruleset to extend it says; undefined when none does. */
  builtIns?: Mode;
  /** Rulesets for other documents extended somewhere (asyncapi, arazzo): their rule ids are skipped. */
  otherFormats: Set<string>;
  /** The ruleset's own `formats`, when valid. */
  formats?: string[];
  rules: Map<string, RuleEntry>;
  aliases: Map<string, { value: unknown; place: Place }>;
  /** The functions of the user's each file lists, by name (functions.ts). */
  functions: Map<string, FunctionEntry>;
  notes: string[];
}

/** A name in a ruleset's `functions`: its file is `<dir>/<name>.js` (or .mjs, .cjs). */
export interface FunctionEntry {
  name: string;
  /** The functionsDir of the file listing it, absolute. */
  dir: string;
  place: Place;
}

type Bad = (place: Place, message: string, help: string) => void;
type Note = (line: string) => void;

const KEYS = ["description", "extends", "rules", "aliases", "overrides", "formats", "documentationUrl", "functions", "functionsDir", "parserOptions"];

/** A definition with its ruleset's defaults: `formats` and `<documentationUrl>#<id>`, unless it has its own. */
export function withDefaults(id: string, value: Record<string, unknown>, formats: unknown, documentationUrl: unknown): Record<string, unknown> {
  return {
    ...(formats !== undefined && value.formats === undefined ? { formats } : {}),
    ...(typeof documentationUrl === "string" && value.documentationUrl === undefined ? { documentationUrl: `${documentationUrl}#${id}` } : {}),
    ...value,
  };
}

/** Reads the ruleset `source` (at `file`, absolute) and every ruleset it extends, merged. */
export function readSpectralChain(source: RulesetSource, file: string, bad: Bad): SpectralChain {
  const notes: string[] = [];
  const note = (line: string) => void notes.push(line);
  const own = checkedRuleset(source, bad, note);
  const state = readOne(source, own, [file], undefined, bad, note);
  return { raw: own.raw, builtIns: state.builtIns, otherFormats: state.otherFormats, formats: own.formats, rules: state.rules, aliases: state.aliases, functions: state.functions, notes };
}

interface State {
  builtIns?: Mode;
  otherFormats: Set<string>;
  rules: Map<string, RuleEntry>;
  aliases: Map<string, { value: unknown; place: Place }>;
  functions: Map<string, FunctionEntry>;
}

/** A ruleset file's own keys, checked: what is not read is an error or a note. */
function checkedRuleset(source: RulesetSource, bad: Bad, note: Note): { raw: Record<string, unknown>; formats?: string[] } {
  const at = (pointer: string): Place => ({ source, pointer });
  let raw = source.value as Record<string, unknown>;
  // Spectral 5's `except: { "file#pointer": [rule, ...] }` is Spectral 6's overrides turning those rules off there.
  if (isObject(raw.except)) {
    const { except, ...rest } = raw;
    const converted = Object.entries(except).map(([where, ids]) => ({ files: [where], rules: Object.fromEntries((Array.isArray(ids) ? ids : []).map((id) => [id, "off"])) }));
    raw = { ...rest, overrides: [...(Array.isArray(rest.overrides) ? rest.overrides : []), ...converted] };
    note("except is Spectral 5's: read as overrides turning those rules off at those places (Spectral 6 wants overrides)");
  }
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) bad(at(`/${escapeSegment(k)}`), `unknown key '${k}'`, `a Spectral ruleset takes ${KEYS.join(", ")}`);
  // Only functions listed are loaded: `functions: []`, or a functionsDir with none listed, runs no code.
  const listed = Array.isArray(raw.functions) ? raw.functions.length > 0 : raw.functions !== undefined;
  if (!listed && raw.functionsDir !== undefined) note("functionsDir is not read: the ruleset lists no functions to load from it");
  if (raw.parserOptions !== undefined) note("parserOptions are not read: duplicate keys are always an error, as YAML 1.2 says");
  // The ruleset's formats, which its rules inherit: checked here, so a mistake is shown where it is written.
  const formats = raw.formats;
  if (formats === undefined) return { raw };
  if (!Array.isArray(formats) || formats.length === 0) bad(at("/formats"), "`formats` must be a list of document formats", "e.g. formats: [oas3]");
  else formats.forEach((f, i) => { if (!isFormatName(f)) bad(at(`/formats/${i}`), `unknown format '${String(f)}'`, `use one of ${FORMAT_NAMES.join(", ")}`); });
  return Array.isArray(formats) && formats.length > 0 && formats.every(isFormatName) ? { raw, formats } : { raw };
}

/**
 * The rules, aliases and spectral:oas mode of one ruleset (`chain` ends with its file), its extends merged
 * in; `mode` is how the ruleset extending it takes it (undefined: it is the one lint runs with).
 */
function readOne(source: RulesetSource, own: { raw: Record<string, unknown>; formats?: string[] }, chain: string[], mode: Mode | undefined, bad: Bad, note: Note): State {
  const { raw } = own;
  const at = (pointer: string): Place => ({ source, pointer });
  const state: State = { otherFormats: new Set(), rules: new Map(), aliases: new Map(), functions: new Map() };
  const extendsList = raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
  extendsList.forEach((entry, i) => {
    const pointer = Array.isArray(raw.extends) ? `/extends/${i}` : "/extends";
    // Spectral's schema takes a pair [ruleset, mode] and nothing shorter or longer.
    if (Array.isArray(entry) && entry.length !== 2) return bad(at(pointer), `an extends pair is [ruleset, mode], and this one has ${entry.length} item${entry.length === 1 ? "" : "s"}`, "write e.g. extends: [[spectral:oas, recommended]], or extends: spectral:oas");
    const [name, how] = Array.isArray(entry) ? entry : [entry, "recommended"];
    if (how !== "recommended" && how !== "all" && how !== "off") return bad(at(pointer), `unknown extends mode '${String(how)}'`, "use recommended, all or off");
    // Spectral runs these only on AsyncAPI and Arazzo documents: on the OpenAPI ones lint reads, none applies.
    if (name === "spectral:asyncapi" || name === "spectral:arazzo") {
      state.otherFormats.add(name.slice("spectral:".length));
      return void note(`extends ${name}: its rules check ${name === "spectral:asyncapi" ? "AsyncAPI" : "Arazzo"} documents only, and specforge lints OpenAPI; skipped`);
    }
    if (name === "spectral:oas") return merge(state, { builtIns: how, otherFormats: new Set(), rules: new Map(), aliases: new Map(), functions: new Map() }, bad);
    // Spectral 4's spectral:oas2 / spectral:oas3 became spectral:oas in Spectral 5 (and 6 rejects them too).
    if (name === "spectral:oas2" || name === "spectral:oas3") return bad(at(pointer), `extends '${name}' is Spectral 4's ruleset name`, "write extends: spectral:oas, which covers OpenAPI 2 and 3 since Spectral 5");
    const paste = "or paste its rules, aliases and overrides into this ruleset";
    if (typeof name !== "string") return bad(at(pointer), "extends entry is not read: it must name a ruleset", "write spectral:oas or the path of a ruleset file, e.g. ./base.spectral.yaml");
    // `extends: [./base.yaml, off]` is two rulesets to Spectral, the second named `off`: the pair goes inside the list.
    if (!Array.isArray(entry) && (name === "off" || name === "all" || name === "recommended")) {
      const before = i > 0 && typeof extendsList[i - 1] === "string" ? String(extendsList[i - 1]) : "./base.spectral.yaml";
      return bad(at(pointer), `extends '${name}' is a mode, not a ruleset: a ruleset and its mode are a pair inside the list`, `write extends: [[${before}, ${name}]]`);
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(name) && !path.isAbsolute(name)) {
      if (name.startsWith("spectral:")) return bad(at(pointer), `extends '${name}' is not read: specforge's built-in rules stand for spectral:oas only`, `use spectral:oas, ${paste}`);
      return bad(at(pointer), `extends '${name}' is a URL: specforge reads extended rulesets from files only`, `download it beside this ruleset and extend its path (e.g. ./style.spectral.yaml), ${paste}`);
    }
    if (/\.(c|m)?[jt]s$/i.test(name)) return bad(at(pointer), `extends '${name}' is a JavaScript ruleset: specforge does not run a ruleset's code`, `write it as YAML or JSON, ${paste}`);
    if (!isRulesetPath(name)) return bad(at(pointer), `extends '${name}' names an npm package: specforge reads extended rulesets from files only`, `extend the package's YAML or JSON ruleset by its path (e.g. ./node_modules/${name}/ruleset.yaml), ${paste}`);
    const found = readExtends(name, chain, (message, help) => bad(at(pointer), message, help));
    if (!found) return;
    const { file: target, source: read } = found;
    // Notes about an extended file are said with its name.
    const subNote: Note = (line) => note(`${read.displayPath}: ${line}`);
    const sub = readOne(read, checkedRuleset(read, bad, subNote), [...chain, target], how, bad, subNote);
    if (how === "off") turnOff(sub);
    merge(state, sub, bad);
  });

  // The ruleset's own rules, merged onto those it extends.
  if (isObject(raw.rules)) {
    for (const [id, value] of Object.entries(raw.rules)) {
      const place = at(`/rules/${escapeSegment(id)}`);
      const before = state.rules.get(id);
      if (before?.definition) {
        mergeOnto(before, value, place);
        // A ruleset's documentationUrl is that of each rule it names which has none (Spectral), an inherited one too.
        const def = before.value as Record<string, unknown>;
        if (typeof raw.documentationUrl === "string" && def.documentationUrl === undefined) {
          before.value = { ...def, documentationUrl: `${raw.documentationUrl}#${id}` };
          before.places.set("documentationUrl", at("/documentationUrl"));
        }
      }
      else if (isObject(value) && (value.given !== undefined || value.then !== undefined || !isBuiltInName(id))) {
        // A rule of its own: the mode it is extended with says whether it runs; one marked `recommended: false`
        // runs only under `all`, in the ruleset lint runs too (Spectral's Rule: `enabled = recommended`).
        const enabled = mode === "all" || (mode !== "off" && value.recommended !== false);
        const defined = mode === undefined ? value : withDefaults(id, value, own.formats, raw.documentationUrl);
        const places = new Map<string, Place>([["", place]]);
        for (const k of Object.keys(defined)) places.set(k, k in value ? at(`${place.pointer}/${escapeSegment(k)}`) : at(`/${k}`));
        state.rules.set(id, { value: defined, definition: true, enabled, inherited: mode !== undefined, places });
      } else state.rules.set(id, { value, definition: false, enabled: true, inherited: mode !== undefined, places: new Map([["", place]]) });
    }
  }
  if (isObject(raw.aliases)) {
    for (const [name, value] of Object.entries(raw.aliases)) addAlias(state, name, { value, place: at(`/aliases/${escapeSegment(name)}`) }, bad);
  }
  for (const entry of functionsOf(raw, chain[chain.length - 1]!, at, bad, note)) addFunction(state, entry, bad);
  // The ruleset lint runs with has these checked with its lint section; an extended one's are checked here.
  if (mode !== undefined && raw.rules !== undefined && !isObject(raw.rules)) bad(at("/rules"), "`rules` must map rule ids to rules or severities", "e.g. rules: { operation-description: off }");
  if (mode !== undefined && raw.aliases !== undefined && !isObject(raw.aliases)) bad(at("/aliases"), "`aliases` must map names to JSONPaths", 'e.g. aliases: { PathItem: ["$.paths[*]"] }');
  if (mode !== undefined && raw.overrides !== undefined) {
    note(`overrides are not applied: Spectral applies those of the ruleset it runs with only (move them there)`);
  }
  return state;
}

/** A severity or a definition set on a rule defined before (Spectral's mergeRule). */
function mergeOnto(entry: RuleEntry, value: unknown, place: Place): void {
  const def = entry.value as Record<string, unknown>;
  if (typeof value === "boolean") {
    entry.enabled = value;
    return;
  }
  if (isObject(value)) {
    entry.value = { ...def, ...value };
    entry.enabled = true;
    entry.places.set("", place);
    for (const k of Object.keys(value)) entry.places.set(k, { source: place.source, pointer: `${place.pointer}/${escapeSegment(k)}` });
    return;
  }
  entry.value = { ...def, severity: value };
  entry.enabled = value !== "off";
  entry.places.set("severity", place);
}

/** `[file, off]`: every rule the file brings is off (an invalid severity is left for its error). */
function turnOff(state: State): void {
  if (state.builtIns !== undefined) state.builtIns = "off";
  for (const entry of state.rules.values()) {
    if (entry.definition) entry.enabled = false;
    else if (typeof entry.value === "boolean" || settingOf(entry.value) !== undefined || (isObject(entry.value) && settingOf(entry.value.severity) !== undefined)) entry.value = "off";
  }
}

/** An extended ruleset's rules and aliases merged into `into`: the later one's rule of a name wins. */
function merge(into: State, from: State, bad: Bad): void {
  if (from.builtIns !== undefined) {
    // A later spectral:oas brings its rules afresh: what was set on them before is gone, as in Spectral.
    into.builtIns = from.builtIns;
    for (const id of [...into.rules.keys()]) if (isBuiltInName(id)) into.rules.delete(id);
  }
  for (const f of from.otherFormats) into.otherFormats.add(f);
  for (const [id, entry] of from.rules) {
    into.rules.delete(id);
    into.rules.set(id, entry);
  }
  for (const [name, alias] of from.aliases) addAlias(into, name, alias, bad);
  for (const entry of from.functions.values()) addFunction(into, entry, bad);
}

/**
 * The functions a ruleset file lists, each looked for in its functionsDir (relative to the file; `functions`
 * beside it by default, as Spectral has it). A core function's name is a note: Spectral 6 calls the core one.
 */
function functionsOf(raw: Record<string, unknown>, file: string, at: (pointer: string) => Place, bad: Bad, note: Note): FunctionEntry[] {
  const { functions, functionsDir } = raw;
  if (functions === undefined) return [];
  if (functionsDir !== undefined && (typeof functionsDir !== "string" || functionsDir === "")) {
    bad(at("/functionsDir"), "`functionsDir` must be a folder path", "a path relative to this ruleset, e.g. functionsDir: ./lint-functions");
    return [];
  }
  if (!Array.isArray(functions)) {
    bad(at("/functions"), "`functions` must be a list of function names", "e.g. functions: [operationIdPrefix] for functions/operationIdPrefix.js");
    return [];
  }
  const dir = path.resolve(path.dirname(file), typeof functionsDir === "string" ? functionsDir : "functions");
  return functions.flatMap((name, i) => {
    if (!isFunctionName(name)) {
      bad(at(`/functions/${i}`), "a function is listed by its name, the name of its file without .js", "e.g. functions: [operationIdPrefix] for functions/operationIdPrefix.js");
      return [];
    }
    if (SPECTRAL_CORE.has(name)) note(`functions.${name}: a core function's name: rules calling ${name} run the core function, as in Spectral 6 (give yours another name)`);
    return [{ name, dir, place: at(`/functions/${i}`) }];
  });
}

/** A function's name may be listed by two files only for one file: functions are shared, as aliases are. */
function addFunction(state: State, entry: FunctionEntry, bad: Bad): void {
  const before = state.functions.get(entry.name);
  if (before && before.dir !== entry.dir) {
    bad(entry.place, `function '${entry.name}' is also listed in ${before.place.source.displayPath}, from another folder`, "specforge shares the functions of extended rulesets (Spectral keeps each to its own rules): give one of the two another name");
  }
  state.functions.set(entry.name, entry);
}

function addAlias(state: State, name: string, alias: { value: unknown; place: Place }, bad: Bad): void {
  const before = state.aliases.get(name);
  if (before && before.place.source !== alias.place.source && JSON.stringify(before.value) !== JSON.stringify(alias.value)) {
    bad(alias.place, `alias '${name}' is defined differently in ${before.place.source.displayPath}`, "specforge shares the aliases of extended rulesets (Spectral keeps each to its own rules): give one of the two another name");
  }
  state.aliases.set(name, alias);
}

/** The place of a pointer of the merged ruleset: the file and pointer a rule's or an alias's part is written at. */
export function placeIn(chain: SpectralChain, root: RulesetSource): (pointer: string) => Place {
  return (pointer) => {
    const m = /^\/(rules|aliases)\/([^/]*)(\/([^/]*))?(.*)$/.exec(pointer);
    if (!m) return { source: root, pointer };
    const name = unescapeSegment(m[2]!);
    if (m[1] === "aliases") {
      const alias = chain.aliases.get(name);
      return alias ? { source: alias.place.source, pointer: `${alias.place.pointer}${pointer.slice(`/aliases/${m[2]}`.length)}` } : { source: root, pointer };
    }
    const entry = chain.rules.get(name);
    if (!entry) return { source: root, pointer };
    const key = m[4] === undefined ? undefined : entry.places.get(unescapeSegment(m[4]));
    if (key) return { source: key.source, pointer: `${key.pointer}${m[5]}` };
    const whole = entry.places.get("")!;
    return { source: whole.source, pointer: `${whole.pointer}${pointer.slice(`/rules/${m[2]}`.length)}` };
  };
}
