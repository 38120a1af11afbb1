/**
 * Filter stage: the operations a package keeps (`filters` in the config, as hey-api's `parser.filters`
 * and orval's `input.filters`), for a client of a few tags of a large API. Runs on the normalized
 * document, before the check: the rest of the pipeline sees a smaller spec and never the dropped parts.
 *
 * What goes with a dropped operation: its path item once empty, and the components, security schemes
 * and tags that only dropped operations used. Components no operation ever used (schemas a spec exports
 * for its own sake) stay, as without filters.
 */
import { SpecforgeError, error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import { hasOperations, isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer, segmentsOf } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";
import { closest } from "../names/suggest.js";
import { testAllBounded } from "../openapi/bounded-regex.js";
import { componentRefsOf } from "./refs.js";
import { inheritances } from "../openapi/inherited-discriminators.js";
import { parseFilterEntry } from "./pattern.js";
import type { SourceMap } from "../bundle/source-map.js";

export interface OperationFilters {
  /** Operations with one of these tags (`include`), or none of them (`exclude`). Any entry may be a `/regex/flags`. */
  tags?: { include?: string[]; exclude?: string[] };
  /** Operations by `operationId` or as `METHOD /path` (`GET /pets/{id}`), or a `/regex/flags` matching either. */
  operations?: { include?: string[]; exclude?: string[] };
  /** `false` drops deprecated operations. */
  deprecated?: boolean;
  /** Operations carrying one of these extensions set truthy (`x-internal: true`), on themselves or on their path item, are dropped. Any entry may be a `/regex/flags`. */
  extensions?: { exclude?: string[] };
}

/** An entry of a filter list that matched nothing in a spec, or could not be tested on it. */
export interface FilterProblem {
  code: "filter/unknown-name" | "filter/invalid-pattern" | "filter/slow-pattern";
  /** The list, as `tags.include`, and the entry's index in it. */
  list: string;
  index: number;
  /** What is wrong, without the list's name (`'pet' is no tag of the spec (did you mean 'pets'?)`). */
  message: string;
  help: string;
  /** The spec's nearest name, when the message suggests one. */
  near?: string;
}

interface Operation {
  /** `paths` or `webhooks`. */
  section: string;
  key: string;
  method: string;
  /** What is sent (`GET`, `QUERY`, `LINK`): filters name an operation `METHOD /path` by it. */
  httpMethod: string;
  segments: string[];
  value: JsonObject;
  /** The path item as written and what its `$ref` leads to: an extension on either covers all its operations. */
  items: JsonObject[];
}

/**
 * The document with only the operations `filters` keep: one an `include` list names (any list; all
 * operations when there is none), that no `exclude` list names, not deprecated when `deprecated` is
 * false, and carrying no excluded extension. Throws when a name or pattern matches nothing (a typo would
 * otherwise give a package without it) or when nothing is left. `document` is changed in place. `place`
 * says where a config writes `filters` (`/tags/include/0` below it): those problems are the config's, reported
 * there; without it (the library's `generate`), at the spec's file.
 */
export function filterDocument(document: JsonObject, filters: OperationFilters, sources: SourceMap, place?: (pointer: string) => Location): JsonObject {
  const spec = sources.locate("").file ?? "the spec";
  const at = (pointer: string): Location => place?.(pointer) ?? { file: spec };
  const plan = planFilter(document, filters, "the spec");
  if (plan.problems.length) throw new SpecforgeError(plan.problems.map((p) => error(p.code, `filters.${p.list}: ${p.message}`, at(`/${p.list.replace(".", "/")}/${p.index}`), p.help)));
  if (plan.kept.length === 0 && plan.all.length > 0) {
    throw new SpecforgeError([error("filter/nothing-left", `the filters leave none of the ${plan.all.length} operations of the spec`, at(""), "loosen `filters` (an include list keeps what any include list names)")]);
  }
  dropUnkept(document, plan, sources);
  return document;
}

/**
 * `filterDocument` for one of two specs compared (`specforge diff`): an entry may match in one spec only
 * (an operation the other removed), and either may be left with nothing, so the entries that matched
 * nothing here come back for the caller to weigh against the other spec; only a pattern that cannot be
 * tested throws. `noun` names the specs in those entries' messages (`either spec`).
 */
export function filterOneOfTwo(document: JsonObject, filters: OperationFilters, sources: SourceMap, noun: string): FilterProblem[] {
  const plan = planFilter(document, filters, noun);
  const untestable = plan.problems.filter((p) => p.code !== "filter/unknown-name");
  if (untestable.length) throw new SpecforgeError(untestable.map((p) => error(p.code, `filters.${p.list}: ${p.message}`, { file: sources.locate("").file }, p.help)));
  dropUnkept(document, plan, sources);
  return plan.problems;
}

interface Plan {
  all: Operation[];
  kept: Operation[];
  problems: FilterProblem[];
}

function planFilter(document: JsonObject, filters: OperationFilters, noun: string): Plan {
  const all = operationsOf(document);
  const { matched, problems } = matchLists(all, filters, noun);
  return { all, kept: all.filter((op, i) => keeps(op, i, filters, matched)), problems };
}

/** Deletes what `plan` does not keep, and the components, schemes and tags only that used. */
function dropUnkept(document: JsonObject, { all, kept }: Plan, sources: SourceMap): void {
  if (kept.length === all.length) return;
  const usedBefore = usage(document);
  const keptSet = new Set(kept.map((op) => op.value));
  for (const op of all) {
    if (keptSet.has(op.value)) continue;
    const items = document[op.section] as JsonObject;
    // a webhook that is a `$ref` to a path item gets its own copy: the shared one keeps its operations
    if (typeof (items[op.key] as JsonObject).$ref === "string") setOwn(items, op.key, structuredClone(refTarget(document, items[op.key])));
    const item = items[op.key] as JsonObject;
    if (op.segments.length === 1) delete item[op.method];
    else {
      const extra = item.additionalOperations as JsonObject;
      delete extra[op.method];
      if (Object.keys(extra).length === 0) delete item.additionalOperations;
    }
    if (!hasOperations(item)) delete (document[op.section] as JsonObject)[op.key];
  }
  // What no operation used before stays, and with it everything it refers to.
  const usedAfter = usage(document, orphansOf(document, usedBefore.refs));
  dangling(document, usedAfter.refs, sources);
  prune(document, usedBefore, usedAfter);
}

function operationsOf(document: JsonObject): Operation[] {
  const out: Operation[] = [];
  for (const section of ["paths", "webhooks"]) {
    const items = document[section];
    if (!isObject(items)) continue;
    for (const [key, written] of Object.entries(items)) {
      const item = refTarget(document, written);
      if (!isObject(item)) continue;
      const itemsOf = written === item ? [item] : [written as JsonObject, item];
      for (const { method, httpMethod, segments, operation } of operationsOfItem(item)) out.push({ section, key, method, httpMethod, segments, value: operation, items: itemsOf });
    }
  }
  return out;
}

/** A path item, or what its `$ref` to `#/components/pathItems/...` leads to (a webhook's; chains followed). */
function refTarget(document: JsonObject, item: unknown): unknown {
  for (let hops = 0; hops < 8 && isObject(item) && typeof item.$ref === "string" && item.$ref.startsWith("#/components/pathItems/"); hops++) {
    const pointer = pointerFromFragment(item.$ref.slice(1));
    item = pointer === undefined ? undefined : resolvePointer(document, pointer).value;
  }
  return item;
}

const tagsOf = (op: Operation): string[] => (Array.isArray(op.value.tags) ? op.value.tags.filter((t): t is string => typeof t === "string") : []);
const namesOf = (op: Operation): string[] => [
  ...(typeof op.value.operationId === "string" ? [op.value.operationId] : []),
  ...(op.section === "paths" ? [`${op.httpMethod} ${op.key}`] : []),
];
const extensionKeys = (o: JsonObject): string[] => Object.keys(o).filter((k) => k.startsWith("x-"));
/** The extensions an operation or its path item sets truthy: what an `extensions.exclude` entry drops it by. */
const extensionsSetOn = (op: Operation): string[] => [op.value, ...op.items].flatMap((o) => extensionKeys(o).filter((k) => Boolean(o[k])));

/** For each list the filters give, the operations (as indexes into all operations) its entries match. */
interface Matched {
  tagsInclude?: Set<number>;
  tagsExclude?: Set<number>;
  operationsInclude?: Set<number>;
  operationsExclude?: Set<number>;
  extensionsExclude?: Set<number>;
}

function keeps(op: Operation, i: number, f: OperationFilters, m: Matched): boolean {
  const includes = [m.tagsInclude, m.operationsInclude].filter((s) => s !== undefined);
  const included = includes.length === 0 || includes.some((s) => s.has(i));
  const excluded = [m.tagsExclude, m.operationsExclude, m.extensionsExclude].some((s) => s?.has(i) === true);
  return included && !excluded && !(f.deprecated === false && op.value.deprecated === true);
}

/** How each kind of entry reads in a message (`'pet' is no tag of the spec`), and what to write instead. */
const KINDS = {
  tag: { none: "is no tag of", noMatch: "matches no tag of", names: "tag names", written: (spec: string) => `a tag ${spec} has` },
  operation: { none: "is no operation of", noMatch: "matches no operation of", names: "operation names", written: (spec: string) => `an operationId or \`METHOD /path\` ${spec} has` },
  extension: { none: "is set on no operation or path item of", noMatch: "matches no extension of an operation or path item of", names: "extension names", written: (spec: string) => `an extension set on an operation or path item of ${spec}` },
} as const;

/**
 * What each entry of each list matches: an exact tag, operation name or extension, or a `/pattern/flags`
 * tested against the same strings (tags; operationIds and `METHOD /path`; extension names). An entry that
 * matches nothing is a problem, for a typo would otherwise give a package without what it meant (or with
 * what it meant to drop). An extension is matched by name wherever it is written, whatever its value (an
 * `x-internal: false` is no typo), and drops the operations where it is truthy. `spec` names the spec in
 * messages: `the spec`, or for a diff `either spec`.
 */
function matchLists(all: Operation[], f: OperationFilters, spec: string): { matched: Matched; problems: FilterProblem[] } {
  const tagLists = all.map(tagsOf);
  const nameLists = all.map(namesOf);
  const extensionLists = all.map(extensionsSetOn);
  const tags = [...new Set(tagLists.flat())];
  const names = [...new Set(nameLists.flat())];
  const extensions = [...new Set(all.flatMap((op) => [op.value, ...op.items].flatMap(extensionKeys)))];
  const lists: Array<[keyof Matched, string, string[] | undefined, string[], string[][], keyof typeof KINDS]> = [
    ["tagsInclude", "tags.include", f.tags?.include, tags, tagLists, "tag"],
    ["tagsExclude", "tags.exclude", f.tags?.exclude, tags, tagLists, "tag"],
    ["operationsInclude", "operations.include", f.operations?.include, names, nameLists, "operation"],
    ["operationsExclude", "operations.exclude", f.operations?.exclude, names, nameLists, "operation"],
    ["extensionsExclude", "extensions.exclude", f.extensions?.exclude, extensions, extensionLists, "extension"],
  ];
  const matched: Matched = {};
  const problems: FilterProblem[] = [];
  for (const [key, list, entries, known, perOperation, kind] of lists) {
    if (entries === undefined) continue;
    const hits = new Set<number>();
    matched[key] = hits;
    const { none, noMatch, names: whatNames, written } = KINDS[kind];
    entries.forEach((entry, index) => {
      const problem = (code: FilterProblem["code"], message: string, help: string, near?: string) => problems.push({ code, list, index, message, help, ...(near ? { near } : {}) });
      const parsed = parseFilterEntry(entry);
      let found: Set<string>;
      if (parsed.kind === "invalid") return problem("filter/invalid-pattern", `'${entry}' is no valid regular expression: ${parsed.reason}`, "fix the pattern, or write the name itself");
      if (parsed.kind === "name") {
        if (!known.includes(entry)) {
          const near = closest(entry, known);
          return problem("filter/unknown-name", `'${entry}' ${none} ${spec}${near ? ` (did you mean '${near}'?)` : ""}`, `write ${written(spec)}, or remove it`, near);
        }
        found = new Set([entry]);
      } else {
        const results = testAllBounded(parsed.re, known);
        if (results === undefined) return problem("filter/slow-pattern", `'${entry}' ran past the time limit on the spec's ${whatNames} (catastrophic backtracking)`, "write a pattern without nested repetition such as (a+)+");
        found = new Set(known.filter((_, i) => results[i]));
        if (found.size === 0) return problem("filter/unknown-name", `'${entry}' ${noMatch} ${spec}`, `write a pattern that matches ${written(spec)}, or remove it`);
      }
      perOperation.forEach((opNames, i) => {
        if (opNames.some((n) => found.has(n))) hits.add(i);
      });
    });
  }
  return { matched, problems };
}

interface Usage {
  /** JSON pointers (`/components/...`, `/paths/...`) of what operations reach by local refs, transitively. */
  refs: Set<string>;
  securitySchemes: Set<string>;
  tags: Set<string>;
}

/**
 * What the operations (and `roots`, components to count as used, and `sections`, the top-level parts
 * followed: paths and webhooks by default) use: components by `$ref` (and discriminator mappings), schemes
 * and tags by name.
 */
function usage(document: JsonObject, roots: string[] = [], sections = ["paths", "webhooks"]): Usage {
  const refs = new Set<string>();
  const securitySchemes = new Set<string>();
  const tags = new Set<string>();
  const pending: unknown[] = [];
  for (const section of sections) if (isObject(document[section])) pending.push(document[section]);
  const requirements = (value: unknown) => {
    if (Array.isArray(value)) for (const r of value) if (isObject(r)) for (const name of Object.keys(r)) securitySchemes.add(name);
  };
  requirements(document.security);
  for (const op of operationsOf(document)) {
    requirements(op.value.security);
    for (const t of tagsOf(op)) tags.add(t);
  }
  const follow = (found: string[]) => {
    for (const ref of found) {
      // As pointers: `#/components/schemas/Pet` and `#/components/schemas/%50et` are one target.
      const pointer = pointerFromFragment(ref.slice(1));
      if (pointer === undefined || refs.has(pointer)) continue;
      refs.add(pointer);
      const target = at(document, pointer);
      if (target !== undefined) pending.push(target);
    }
  };
  follow(roots);
  while (pending.length) follow(componentRefsOf(pending.pop()));
  return { refs, securitySchemes, tags };
}

/**
 * Removes the components nothing outside `components` reaches by `$ref` (or a discriminator mapping), as
 * Redocly's `bundle --remove-unused-components`: paths, webhooks and every other top-level part (3.0's
 * `x-webhooks`) count, and what a used component refers to is used. Security schemes stay (a requirement
 * names them, which is no ref). Returns the pointers removed, in document order.
 */
export function removeUnusedComponents(document: JsonObject): string[] {
  const components = isObject(document.components) ? document.components : undefined;
  if (!components) return [];
  // A ref into a component (`#/components/schemas/Pet/properties/tag`; the bundle stage makes most of them
  // components of their own, a document given whole keeps them) keeps all of it and all it refers to:
  // followed again from the whole component until no new one is found.
  const sections = Object.keys(document).filter((k) => k !== "components");
  // A schema extending a used base that holds a discriminator is one of the base's kinds, though no `$ref`
  // names it (`Cat: allOf [Pet]`, Pet's tag "Cat"): the base's validators and types choose among them.
  const kinds = inheritances(document).map((h) => ({ base: `/components/schemas/${escapeSegment(h.base)}`, members: [...h.members.keys()].map((k) => `/components/schemas/${escapeSegment(k)}`) }));
  const used = new Set<string>();
  for (let found = true; found; ) {
    found = false;
    const add = (whole: string | undefined) => {
      if (whole === undefined || used.has(whole)) return;
      used.add(whole);
      found = true;
    };
    for (const pointer of usage(document, [...used].map((p) => `#${p}`), sections).refs) add(componentOf(pointer));
    for (const { base, members } of kinds) if (used.has(base)) members.forEach(add);
  }
  const removed: string[] = [];
  for (const [section, map] of Object.entries(components)) {
    // an extension (`x-vendor`) is no section of components
    if (section === "securitySchemes" || section.startsWith("x-") || !isObject(map)) continue;
    for (const name of Object.keys(map)) {
      const pointer = `/components/${escapeSegment(section)}/${escapeSegment(name)}`;
      if (used.has(pointer)) continue;
      delete map[name];
      removed.push(pointer);
    }
    if (Object.keys(map).length === 0) delete components[section];
  }
  if (Object.keys(components).length === 0) delete document.components;
  return removed;
}

/** The component a pointer is in (`/components/schemas/Pet` of `/components/schemas/Pet/properties/a`), if any. */
function componentOf(pointer: string): string | undefined {
  const [root, section, name] = segmentsOf(pointer);
  return root === "components" && section !== undefined && name !== undefined ? `/components/${escapeSegment(section)}/${escapeSegment(name)}` : undefined;
}

/** Refs of the components no operation used (`used`: the pointers operations reached). */
function orphansOf(document: JsonObject, used: Set<string>): string[] {
  const components = isObject(document.components) ? document.components : {};
  return Object.entries(components).flatMap(([section, map]) =>
    isObject(map) ? Object.keys(map).map((name) => `#/components/${section}/${encodeURIComponent(escapeSegment(name))}`).filter((ref) => !used.has(ref.slice(1))) : [],
  );
}

function at(document: JsonObject, pointer: string): unknown {
  const found = resolvePointer(document, pointer);
  return found.found ? found.value : undefined;
}

/** A kept operation referring into a dropped one (`#/paths/~1a/get/parameters/0`): say which, not crash. */
function dangling(document: JsonObject, refs: Set<string>, sources: SourceMap): void {
  const lost = [...refs].filter((p) => !p.startsWith("/components/") && at(document, p) === undefined);
  if (lost.length) {
    throw new SpecforgeError(lost.map((p) => error("filter/dangling-ref", `a kept operation refers to '#${p}', which the filters drop`, sources.locate(p), "keep that operation too, or move what is shared under components")));
  }
}

/** Removes the components, schemes and tags that only dropped operations used. */
function prune(document: JsonObject, before: Usage, after: Usage): void {
  const components = isObject(document.components) ? document.components : undefined;
  for (const pointer of before.refs) {
    if (after.refs.has(pointer)) continue;
    const [root, section, name, ...rest] = segmentsOf(pointer);
    if (root !== "components" || section === undefined || name === undefined || rest.length) continue;
    const map = components?.[section];
    if (isObject(map)) delete map[name];
  }
  const schemes = components && isObject(components.securitySchemes) ? components.securitySchemes : undefined;
  for (const name of before.securitySchemes) if (schemes && !after.securitySchemes.has(name)) delete schemes[name];
  if (Array.isArray(document.tags)) {
    document.tags = document.tags.filter((t) => !isObject(t) || typeof t.name !== "string" || !before.tags.has(t.name) || after.tags.has(t.name));
  }
}
