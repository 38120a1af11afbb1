/**
 * Filter stage: the operations a package keeps (`filters` in the config, as hey-api's `parser.filters`
 * and orval's `input.filters`), for a client of a few tags of a large API. Runs on the normalized
 * document, before the check: the rest of the pipeline sees a smaller spec and never the dropped parts.
 *
 * What goes with a dropped operation: its path item once empty, and the components, security schemes
 * and tags that only dropped operations used. Components no operation ever used (schemas a spec exports
 * for its own sake) stay, as without filters.
 */
import { SpecforgeError, error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { hasOperations, isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer, segmentsOf } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";
import { closest } from "../names/suggest.js";
import { testAllBounded } from "../openapi/bounded-regex.js";
import { componentRefsOf } from "./refs.js";
import { parseFilterEntry } from "./pattern.js";
import type { SourceMap } from "../bundle/source-map.js";

export interface OperationFilters {
  /** Operations with one of these tags (`include`), or none of them (`exclude`). Any entry may be a `/regex/flags`. */
  tags?: { include?: string[]; exclude?: string[] };
  /** Operations by `operationId` or as `METHOD /path` (`GET /pets/{id}`), or a `/regex/flags` matching either. */
  operations?: { include?: string[]; exclude?: string[] };
  /** `false` drops deprecated operations. */
  deprecated?: boolean;
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
}

/**
 * The document with only the operations `filters` keep: one an `include` list names (any list; all
 * operations when there is none), that no `exclude` list names, and not deprecated when `deprecated` is
 * false. Throws when a name or pattern matches nothing (a typo would otherwise give a package without it) or when
 * nothing is left. `document` is changed in place.
 */
export function filterDocument(document: JsonObject, filters: OperationFilters, sources: SourceMap): JsonObject {
  const spec = sources.locate("").file ?? "the spec";
  const all = operationsOf(document);
  const { matched, problems } = matchLists(all, filters, spec);
  if (problems.length) throw new SpecforgeError(problems);
  const kept = all.filter((op, i) => keeps(op, i, filters, matched));
  if (kept.length === all.length) return document;
  if (kept.length === 0) {
    throw new SpecforgeError([error("filter/nothing-left", `the filters leave none of the ${all.length} operations of the spec`, { file: spec }, "loosen `filters` (an include list keeps what any include list names)")]);
  }

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
  return document;
}

function operationsOf(document: JsonObject): Operation[] {
  const out: Operation[] = [];
  for (const section of ["paths", "webhooks"]) {
    const items = document[section];
    if (!isObject(items)) continue;
    for (const [key, written] of Object.entries(items)) {
      const item = refTarget(document, written);
      if (!isObject(item)) continue;
      for (const { method, httpMethod, segments, operation } of operationsOfItem(item)) out.push({ section, key, method, httpMethod, segments, value: operation });
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

/** For each list the filters give, the operations (as indexes into all operations) its entries match. */
interface Matched {
  tagsInclude?: Set<number>;
  tagsExclude?: Set<number>;
  operationsInclude?: Set<number>;
  operationsExclude?: Set<number>;
}

function keeps(op: Operation, i: number, f: OperationFilters, m: Matched): boolean {
  const includes = [m.tagsInclude, m.operationsInclude].filter((s) => s !== undefined);
  const included = includes.length === 0 || includes.some((s) => s.has(i));
  const excluded = m.tagsExclude?.has(i) === true || m.operationsExclude?.has(i) === true;
  return included && !excluded && !(f.deprecated === false && op.value.deprecated === true);
}

/**
 * What each entry of each list matches: an exact tag or operation name, or a `/pattern/flags` tested
 * against the same strings (tags; operationIds and `METHOD /path`). An entry that matches nothing is an
 * error, for a typo would otherwise give a package without what it meant.
 */
function matchLists(all: Operation[], f: OperationFilters, spec: string): { matched: Matched; problems: Diagnostic[] } {
  const tagLists = all.map(tagsOf);
  const nameLists = all.map(namesOf);
  const tags = [...new Set(tagLists.flat())];
  const names = [...new Set(nameLists.flat())];
  const lists: Array<[keyof Matched, string, string[] | undefined, string[], string[][], "tag" | "operation"]> = [
    ["tagsInclude", "tags.include", f.tags?.include, tags, tagLists, "tag"],
    ["tagsExclude", "tags.exclude", f.tags?.exclude, tags, tagLists, "tag"],
    ["operationsInclude", "operations.include", f.operations?.include, names, nameLists, "operation"],
    ["operationsExclude", "operations.exclude", f.operations?.exclude, names, nameLists, "operation"],
  ];
  const matched: Matched = {};
  const problems: Diagnostic[] = [];
  for (const [key, where, list, known, perOperation, what] of lists) {
    if (list === undefined) continue;
    const hits = new Set<number>();
    matched[key] = hits;
    const written = what === "tag" ? "a tag" : "an operationId or `METHOD /path`";
    for (const entry of list) {
      const parsed = parseFilterEntry(entry);
      let found: Set<string>;
      if (parsed.kind === "invalid") {
        problems.push(error("filter/invalid-pattern", `filters.${where}: '${entry}' is no valid regular expression: ${parsed.reason}`, { file: spec }, "fix the pattern, or write the name itself"));
        continue;
      }
      if (parsed.kind === "name") {
        if (!known.includes(entry)) {
          const near = closest(entry, known);
          problems.push(error("filter/unknown-name", `filters.${where}: '${entry}' is no ${what} of the spec${near ? ` (did you mean '${near}'?)` : ""}`, { file: spec }, `write ${written} the spec has, or remove it`));
          continue;
        }
        found = new Set([entry]);
      } else {
        const results = testAllBounded(parsed.re, known);
        if (results === undefined) {
          problems.push(error("filter/slow-pattern", `filters.${where}: '${entry}' ran past the time limit on the spec's ${what} names (catastrophic backtracking)`, { file: spec }, "write a pattern without nested repetition such as (a+)+"));
          continue;
        }
        found = new Set(known.filter((_, i) => results[i]));
        if (found.size === 0) {
          problems.push(error("filter/unknown-name", `filters.${where}: '${entry}' matches no ${what} of the spec`, { file: spec }, `write a pattern that matches ${written} the spec has, or remove it`));
          continue;
        }
      }
      perOperation.forEach((opNames, i) => {
        if (opNames.some((n) => found.has(n))) hits.add(i);
      });
    }
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
 * What the operations (and `roots`, components to count as used) use: components by `$ref` (and
 * discriminator mappings), schemes and tags by name.
 */
function usage(document: JsonObject, roots: string[] = []): Usage {
  const refs = new Set<string>();
  const securitySchemes = new Set<string>();
  const tags = new Set<string>();
  const pending: unknown[] = [];
  for (const section of ["paths", "webhooks"]) if (isObject(document[section])) pending.push(document[section]);
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
