/**
 * Tags of joined specs: each input's tags (those it declares, then those its operations use undeclared),
 * renamed `<prefix>_<name>` with `--prefix-tags-with-*` (the name as written kept as `x-displayName`, as
 * Redocly does), and one `x-tagGroups` entry per input named by its `info.title` (else its file name), so a
 * portal shows each service's operations together. With groups, an untagged operation is tagged
 * `<prefix or file name>_other` (Redoc shows no operation outside the groups; see tagUntagged), and a tag two inputs both have
 * is a conflict: it would stand in two groups (Redocly refuses it too); a spec's own `x-tagGroups` are
 * replaced, with a warning. Without groups (`--without-x-tag-groups`) there are none at all, not even the
 * first spec's own (they would name its tags unprefixed and leave the others' out), and a tag two inputs
 * describe differently keeps the first description, with a warning.
 */
import { DiagnosticBag, error, warning } from "../diagnostics/diagnostic.js";
import { canonical } from "../openapi/canonical.js";
import { isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { fileNamesAlike, locate, pathItemsOf, where, type JoinInput, type Placed } from "./input.js";

export interface InputTags {
  input: JoinInput;
  prefix: string | undefined;
  /** The x-tagGroups entry's name. */
  group: string;
  tags: Array<{ tag: JsonObject; at: Placed }>;
  /** Its operations without tags, and where each is. */
  untagged: Array<{ operation: JsonObject; pointer: string }>;
}

/** The tags of `input`, renamed with `prefix`; its operations' `tags` are rewritten in place. */
export function inputTags(input: JoinInput, prefix: string | undefined): InputTags {
  const { document } = input;
  const named = (name: string) => (prefix === undefined ? name : `${prefix}_${name}`);
  const out: InputTags["tags"] = [];
  const untagged: InputTags["untagged"] = [];
  const seen = new Set<string>();
  const done = new WeakSet<object>();
  const add = (tag: JsonObject, pointer: string) => {
    if (typeof tag.name !== "string" || seen.has(tag.name)) return;
    seen.add(tag.name);
    const renamed: JsonObject = { ...tag, name: named(tag.name) };
    // 3.2: a tag nested under another names it
    if (typeof tag.parent === "string") renamed.parent = named(tag.parent);
    if (prefix !== undefined && renamed["x-displayName"] === undefined) renamed["x-displayName"] = tag.name;
    out.push({ tag: renamed, at: { input, pointer } });
  };
  if (Array.isArray(document.tags)) document.tags.forEach((t, i) => isObject(t) && add(t, `/tags/${i}`));
  for (const { item, pointer: at } of pathItemsOf(input)) {
    for (const { segments, operation } of operationsOfItem(item)) {
      // an operation two path items share (both `$ref` one path item: in this file, or in another, whose path item bundle copies, not its operations) is renamed once
      if (done.has(operation)) continue;
      done.add(operation);
      const pointer = `${at}/${segments.map(escapeSegment).join("/")}`;
      if (Array.isArray(operation.tags) && operation.tags.length > 0) {
        operation.tags.forEach((t, i) => typeof t === "string" && add({ name: t }, `${pointer}/tags/${i}`));
        operation.tags = operation.tags.map((t) => (typeof t === "string" ? named(t) : t));
      } else untagged.push({ operation, pointer });
    }
  }
  const title = isObject(document.info) ? document.info.title : undefined;
  return { input, prefix, group: typeof title === "string" && title !== "" ? title : input.fileName, tags: out, untagged };
}

/**
 * Each input's untagged operations tagged `<prefix>_other`, else `<file name>_other` (as Redocly names it), or
 * `<group>_other` when two inputs have one file name (`users/openapi.yaml`, `orders/openapi.yaml`); numbered
 * when another input's tag has the name already.
 */
function tagUntagged(inputs: InputTags[]): void {
  const taken = new Set(inputs.flatMap(({ tags }) => tags.map(({ tag }) => tag.name)));
  const byFile = !fileNamesAlike(inputs.map(({ input }) => input));
  for (const entry of inputs) {
    const [first] = entry.untagged;
    if (!first) continue;
    const base = `${entry.prefix ?? (byFile ? entry.input.fileName : entry.group)}_other`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    for (const { operation } of entry.untagged) operation.tags = [name];
    entry.tags.push({ tag: { name, "x-displayName": "other" }, at: { input: entry.input, pointer: first.pointer } });
  }
}

/** The joined `tags` and, when `grouped`, `x-tagGroups`; conflicts go to `bag`. */
export function joinTags(inputs: InputTags[], grouped: boolean, bag: DiagnosticBag): { tags: JsonObject[]; groups: JsonObject[] } {
  const byName = new Map<string, { tag: JsonObject; at: Placed }>();
  const tags: JsonObject[] = [];
  const groups: Array<{ name: string; tags: string[] }> = [];
  const cache = new WeakMap<object, string>();
  if (grouped) tagUntagged(inputs);
  // inputs of one file name would be prefixed alike by it
  const prefixes = fileNamesAlike(inputs.map(({ input }) => input)) ? "--prefix-tags-with-info-prop title" : "--prefix-tags-with-filename, or --prefix-tags-with-info-prop title";
  for (const { group, tags: own } of inputs) {
    const names: string[] = [];
    for (const entry of own) {
      const name = entry.tag.name as string;
      const first = byName.get(name);
      if (!first) {
        byName.set(name, entry);
        tags.push(entry.tag);
        names.push(name);
      } else if (grouped) {
        bag.add(error("join/tag-conflict", `tag '${name}' is also in ${where(first.at)}: x-tagGroups gives each input's tags a group of its own`, locate(entry.at), `prefix the tags (${prefixes}), rename one of them, or join with --without-x-tag-groups`));
      } else if (bare(entry.tag)) {
        // only used by operations there: the tag as declared (or first used) stands for it
      } else if (bare(first.tag)) {
        tags[tags.indexOf(first.tag)] = entry.tag;
        byName.set(name, entry);
      } else if (canonical(first.tag, cache) !== canonical(entry.tag, cache)) {
        bag.add(warning("join/tag-differs", `tag '${name}' is described otherwise at ${where(first.at)}: the first description is kept`, locate(entry.at), `describe the tag alike in both specs, or prefix the tags (${prefixes})`));
      }
    }
    const same = groups.find((g) => g.name === group);
    if (same) same.tags.push(...names);
    else if (names.length > 0) groups.push({ name: group, tags: names });
  }
  if (grouped) for (const { input, group } of inputs) ownGroupsReplaced(input, group, bag);
  return { tags, groups: grouped ? groups : [] };
}

/** A spec's own `x-tagGroups` give way to the groups join makes (Redocly drops them without a word). */
function ownGroupsReplaced(input: JoinInput, group: string, bag: DiagnosticBag): void {
  if (!Object.hasOwn(input.document, "x-tagGroups")) return;
  bag.add(warning("join/tag-groups-replaced", `the spec's own x-tagGroups are replaced by one group per spec ('${group}' for this one)`, locate({ input, pointer: "/x-tagGroups" }), "group the joined spec's tags otherwise with an overlay on it (specforge bundle --overlay), or join with --without-x-tag-groups for none"));
}

/** A tag with nothing but its name (and display name): one its spec uses without declaring it. */
function bare(tag: JsonObject): boolean {
  return Object.keys(tag).every((k) => k === "name" || k === "x-displayName");
}
