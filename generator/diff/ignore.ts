/**
 * Acknowledged changes, `specforge.diff-ignore.yaml` (oasdiff's `--err-ignore`/`--warn-ignore`, in the shape
 * of our lint baseline: config/ignore-file.ts): breaking changes a team has accepted, so `--fail-on` gates
 * only the others. Written by `specforge diff --generate-ignore-file`; later runs skip what it lists.
 *
 *   specs/api.yaml:                       # the head spec, relative to this file's folder (or its URL)
 *     operation-removed:
 *       - GET /v1/pets                    # every operation-removed reported at GET /v1/pets
 *     parameter-removed:
 *       - "GET /pets #/paths/~1pets/get/parameters/1"
 *     enum-value-removed:
 *       - '#/components/schemas/Pet/properties/kind/enum "bird"'
 *
 * An entry names a change by up to three parts, and every part it names must match (parts left out match
 * anything): the operation it is reported at (`GET /pets`, `QUERY /search`, an additional method as written:
 * `LINK /pets/{id}`, `webhook newPet (POST)`), the JSON pointer it is
 * shown at (`#...`: in the base for a removal, else in the head; `%`, spaces and control characters written
 * %-escaped, as in a URI fragment), and its subject (JSON text after the pointer, when one place holds
 * several changes: an enum value). Nothing depends on line numbers. A generated entry names the operation
 * only for a change inside it (under `/paths` or `/webhooks`): a change in a shared component is reported
 * at the first operation that reaches it, which another operation added before it would change.
 */
import path from "node:path";
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { FIXED_METHODS, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { forEachNode } from "../openapi/walk.js";
import { closest, distance } from "../names/suggest.js";
import { entryKey, ignoreKeyOf, readIgnoreFile, writeIgnoreFile, type EntryLocations, type IgnoreEntries } from "../config/ignore-file.js";
import { shownSide, type Change } from "./change.js";

export const IGNORE_FILE = "specforge.diff-ignore.yaml";

interface Entry {
  operation?: string;
  pointer?: string;
  subject?: string;
}

/** The fixed fields' methods (QUERY among them), read in any case; an additional method is as written. */
const METHODS = new Set(FIXED_METHODS.map((m) => m.toUpperCase()));
/** RFC 9110 §5.6.2 `token`: an additional operation's method (`LINK`, `M-SEARCH`), case-sensitive. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `GET /pets #/paths/~1pets/get "x"` -> its parts, or why it is not an entry. */
function parseEntry(text: string): Entry | string {
  const t = text.trim();
  // the pointer starts at a '#' that begins a word (a method token such as `A#B` may hold one)
  const hash = t.startsWith("#") ? 0 : t.search(/\s#/) + (/\s#/.test(t) ? 1 : 0);
  const operation = (hash < 0 ? t : t.slice(0, hash)).trim();
  const entry: Entry = {};
  if (operation) {
    const [method, ...rest] = operation.split(/\s+/);
    const isPath = rest.length === 1 && rest[0]!.startsWith("/");
    if (isPath && METHODS.has(method!.toUpperCase())) entry.operation = `${method!.toUpperCase()} ${rest[0]}`;
    else if (isPath && TOKEN.test(method!)) entry.operation = `${method} ${rest[0]}`;
    else if (/^webhook \S.* \([!#$%&'*+\-.^_`|~0-9A-Za-z]+\)$/.test(operation)) entry.operation = operation;
    else return `must start with a method and a path ('GET /pets'), a webhook ('webhook newPet (POST)') or a JSON pointer ('#/...'), not '${operation}'`;
  }
  if (hash >= 0) {
    const rest = t.slice(hash + 1);
    const space = rest.search(/\s/);
    const written = space < 0 ? rest : rest.slice(0, space);
    try {
      entry.pointer = decodeURIComponent(written);
    } catch {
      return `has a '%' that is not an escape in its pointer ('${written}'): write '%25' for '%'`;
    }
    if (entry.pointer !== "" && !entry.pointer.startsWith("/")) return `has a JSON pointer that does not start with '/' ('#${written}')`;
    const subject = space < 0 ? "" : rest.slice(space).trim();
    if (subject) {
      try {
        entry.subject = JSON.stringify(JSON.parse(subject));
      } catch {
        return `has a subject that is not JSON ('${subject}'): quote a string, e.g. '"bird"'`;
      }
    }
  }
  if (!entry.operation && entry.pointer === undefined) return "is empty";
  return entry;
}

const FORMAT = {
  code: "diff/ignore-file",
  help: "write `<head spec>: { <rule-id>: ['GET /path', '#/json/pointer', ...] }` (docs/diff.md), or regenerate it with 'specforge diff <base> <head> --generate-ignore-file'",
  checkEntry: (text: string) => {
    const e = parseEntry(text);
    return typeof e === "string" ? e : undefined;
  },
};

/** `%`, whitespace and control characters %-escaped: an entry's pointer ends at the first space. */
const encodePointer = (pointer: string) => pointer.replace(/[%\s\u0000-\u001f\u007f]/g, (ch) => encodeURIComponent(ch));

/** The entry that names `c` (see the module comment). */
export function entryOf(c: Change): string {
  const pointer = shownSide(c)?.pointer ?? "";
  const inOperation = c.operation !== undefined && /^\/(paths|webhooks)\//.test(pointer);
  return [inOperation ? c.operation : undefined, `#${encodePointer(pointer)}`, c.subject].filter((x) => x !== undefined).join(" ");
}

function matches(e: Entry, c: Change): boolean {
  return (e.operation === undefined || e.operation === c.operation) && (e.pointer === undefined || e.pointer === (shownSide(c)?.pointer ?? "")) && (e.subject === undefined || e.subject === c.subject);
}

export interface IgnoreFile {
  file: string;
  /** Whose folder keys are relative to. */
  dir: string;
  entries: IgnoreEntries;
  /** Where each entry is written, for findings about one. */
  locations: EntryLocations;
}

/** The ignore file at `file`, or undefined when there is none; malformed: SpecforgeError (exit 2) at file:line:col. */
export function readDiffIgnore(file: string): IgnoreFile | undefined {
  const locations: EntryLocations = new Map();
  const entries = readIgnoreFile(file, FORMAT, locations);
  return entries && { file, dir: path.dirname(file), entries, locations };
}

/** The methods of a document's additional operations (`LINK`, as written), in paths, webhooks, components and callbacks. */
export function additionalMethodsOf(document: JsonObject): Set<string> {
  const out = new Set<string>();
  forEachNode(document, (node, kind) => {
    if (kind === "PathItem") for (const op of operationsOfItem(node)) if (op.segments.length === 2) out.add(op.httpMethod);
  });
  return out;
}

/**
 * The fixed method an entry's method is a typo of (`GTE` -> `GET`): it is no fixed method, no additional
 * operation of either spec (`known`), and within an edit distance of 2 of a fixed one. Read as an
 * additional method it could only match nothing, which says less than this.
 */
function misspelledMethod(e: Entry, known: ReadonlySet<string>): { written: string; meant: string; operation: string } | undefined {
  const op = e.operation;
  const webhook = op?.startsWith("webhook ") ? /^(.*)\(([^()]+)\)$/.exec(op) : undefined;
  const written = webhook ? webhook[2] : op?.split(" ")[0];
  if (op === undefined || written === undefined || METHODS.has(written.toUpperCase()) || known.has(written)) return undefined;
  const meant = closest(written, [...METHODS]);
  if (meant === undefined || distance(written.toUpperCase(), meant) > 2) return undefined;
  return { written, meant, operation: webhook ? `${webhook[1]}(${meant})` : `${meant}${op.slice(written.length)}` };
}

/**
 * `changes` of the head spec `head` without the accepted ones; `unused` lists the entries for that spec
 * that matched nothing (fixed, or the change moved), to be removed. With `methods`, the additional
 * operations' methods of both specs, an entry whose method is a typo of a fixed one is a warning at its
 * file:line:col in `misspelled` (with the method it likely means) instead of an `unused` line.
 */
export function applyDiffIgnore(ignore: IgnoreFile, head: string, changes: Change[], methods?: ReadonlySet<string>): { kept: Change[]; skipped: number; unused: string[]; misspelled: Diagnostic[] } {
  const key = ignoreKeyOf(head, ignore.dir);
  const rules = ignore.entries.get(key);
  if (!rules) return { kept: changes, skipped: 0, unused: [], misspelled: [] };
  const used = new Set<string>();
  const kept = changes.filter((c) => {
    const hit = (rules.get(c.id) ?? []).find((text) => matches(parseEntry(text) as Entry, c));
    if (hit === undefined) return true;
    used.add(`${c.id}\u0000${hit}`);
    return false;
  });
  const unused: string[] = [];
  const misspelled: Diagnostic[] = [];
  for (const [rule, list] of rules) {
    for (const text of list) {
      if (used.has(`${rule}\u0000${text}`)) continue;
      const typo = methods && misspelledMethod(parseEntry(text) as Entry, methods);
      if (!typo) unused.push(`${rule}: ${text}`);
      else {
        const message = `'${key}' rule '${rule}': '${text}' names the method '${typo.written}', no fixed method and no additional operation of either spec (did you mean ${typo.meant}?)`;
        misspelled.push(warning("diff/ignore-method", message, ignore.locations.get(entryKey(key, rule, text)), `write '${typo.operation}'; until then the entry matches no change`));
      }
    }
  }
  return { kept, skipped: changes.length - kept.length, unused, misspelled };
}

const HEADER = `# Breaking API changes accepted as they are (specforge diff --generate-ignore-file). specforge diff skips
# each one, and --fail-on counts only the others: head spec (relative to this folder), rule id, then the
# change: its operation, JSON pointer and subject (docs/diff.md). Delete entries once the change has shipped.
`;

/** Writes every change that breaks someone into `file` (replacing it whole). Returns how many. */
export function writeDiffIgnore(file: string, results: Array<{ head: string; changes: Change[] }>): number {
  const dir = path.dirname(file);
  const entries = results.flatMap((r) => r.changes.filter((c) => c.breaking.client || c.breaking.server).map((c) => ({ file: ignoreKeyOf(r.head, dir), rule: c.id, entry: entryOf(c) })));
  writeIgnoreFile(file, HEADER, entries);
  return entries.length;
}
