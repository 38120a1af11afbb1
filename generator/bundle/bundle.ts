/**
 * Bundle stage: one document whose every `$ref` is local.
 *
 * Refs to other files (relative paths only: no network, and no file outside the allowed folders) are
 * brought in: a path item is inlined where it is referenced; anything else is hoisted into its
 * components section under a name decided here, so recursion across files keeps working. Every local
 * ref is checked to resolve, and to point under `components`, `paths`, `webhooks` or `$defs`: later
 * stages (and openapi-typescript, which turns a ref's first segment into an identifier) rely on that.
 * A schema ref by a plain-name anchor (`#Pet`) becomes the pointer of the schema declaring it (anchors.ts).
 */
import { DiagnosticBag, error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { childrenOf, COMPONENT_KINDS, COMPONENT_SECTION, isObject, kindAt, kindName, type JsonObject, type Kind } from "../openapi/kinds.js";
import { escapeSegment, fragmentOf, isAnchorName, pointerFromFragment, resolvePointer, segmentsOf } from "../openapi/pointer.js";
import { placeOf, type SourceFile } from "../load/source-file.js";
import { fileRefs, type RefFiles } from "../load/load-spec.js";
import { baseNameOf, documentPart, followable, isRemote } from "../load/location.js";
import { closest } from "../names/suggest.js";
import { SourceMap } from "./source-map.js";
import { remoteSchemas } from "./remote-schemas.js";
import { resourceRefs } from "../load/resource-refs.js";
import { setOwn } from "../openapi/own.js";
import { X_WEBHOOKS } from "../openapi/x-webhooks.js";
import { anchorOfRef, AnchorIndex, scanAnchors } from "./anchors.js";

export interface BundleOptions {
  /** How refs reach other documents (`loadSpec` gives it); default: files in the spec's folder and `refRoots`. */
  refs?: RefFiles;
  /** Folders (absolute) from which refs may load files; the spec's own folder is always allowed. */
  refRoots?: string[];
  /** Return ref errors in `diagnostics` instead of throwing (lint reports them and goes on). */
  keepGoing?: boolean;
  /**
   * Walk the root's `x-webhooks` as `webhooks`, in place (lint, which reports under `/x-webhooks` where a
   * 3.0 document's are read as webhooks: openapi/x-webhooks.ts; `generate` renames them before bundling).
   */
  xWebhooks?: boolean;
}

export interface Bundled {
  document: JsonObject;
  root: SourceFile;
  files: SourceFile[];
  sources: SourceMap;
  diagnostics: Diagnostic[];
  /** JSON Schema documents the spec's schema resources reach, by URL (see remote-schemas.ts). */
  remoteSchemas: Record<string, unknown>;
  /**
   * Schemas of the root reached by a deep local pointer, hoisted into components (see resolveRef): each
   * hoisted component's local ref -> the `$ref` as the spec wrote it. Lint's view of the spec as written
   * puts them back (unhoist.ts).
   */
  deepRefs: ReadonlyMap<string, string>;
  /**
   * What `$ref`s reached in files other than the root, each once: the file, the fragment's pointer in it
   * and the kind of object the ref stands for (lint checks each against that part of the OpenAPI schema).
   */
  externals: ExternalFragment[];
}

export interface ExternalFragment {
  file: SourceFile;
  pointer: string;
  kind: Kind;
}

const REF_ROOTS = new Set(["components", "paths", "webhooks", "$defs"]);

/** Path item `$ref`s followed one after another before the chain is refused (`ref/chain-too-long`). */
const MAX_PATH_ITEM_HOPS = 64;

export function bundle(root: SourceFile, options: BundleOptions = {}): Bundled {
  const bag = new DiagnosticBag();
  if (!isObject(root.value)) {
    bag.add(error("load/not-an-object", "the spec is not a JSON/YAML object", { file: root.displayPath, line: 1, column: 1 }, "an OpenAPI document is a mapping with an `openapi` key"));
    bag.throwIfErrors();
  }
  const document = root.value as JsonObject;
  const sources = new SourceMap(root);
  const refs = options.refs ?? fileRefs(root, options.refRoots);
  const files = new Map<string, SourceFile>([[root.path, root]]);
  const hoisted = new Map<string, string>(); // "file#pointer" -> local ref
  const deepRefs = new Map<string, string>();
  const visited = new WeakSet<object>();
  const externals = new Map<string, ExternalFragment>(); // "file#pointer" -> the fragment

  const loadFile = (from: SourceFile, relative: string, at: () => Diagnostic["location"]): SourceFile | undefined => {
    let target: string;
    try {
      target = refs.resolve(from.path, relative);
    } catch {
      bag.add(error("ref/malformed", `$ref '${relative}' is not a valid URL`, at(), "write a relative path or a well-formed URL"));
      return undefined;
    }
    if (!refs.allowed(target)) {
      const where = isRemote(root.path) ? "the spec's site folder" : "the spec's folder";
      bag.add(error("ref/outside-root", `$ref '${relative}' leaves ${where}`, at(), "move the file next to the spec, or list its folder in the config's `refRoots` (`--ref-root <folder>` for specforge bundle)"));
      return undefined;
    }
    const cached = files.get(target);
    if (cached) return cached;
    try {
      const file = refs.read(target);
      files.set(target, file);
      return file;
    } catch (e) {
      const diags = (e as { diagnostics?: Diagnostic[] }).diagnostics;
      if (!diags) throw e;
      for (const d of diags) {
        bag.add(d.code === "load/unreadable" ? error("ref/missing-file", `$ref '${relative}': ${d.message.replace(/^cannot read spec: /, "")}`, at(), "fix the path of the referenced file") : d);
      }
      return undefined;
    }
  };

  // Where hoisting puts what refs bring in; a `components` (or section) that is no mapping cannot take it.
  const unusable = new Set<string>();
  const componentsOf = (section: string): JsonObject => {
    const components = (document.components ??= {});
    const map = isObject(components) ? (components[section] ??= {}) : components;
    if (isObject(map)) return map;
    const pointer = isObject(components) ? `/components/${escapeSegment(section)}` : "/components";
    if (!unusable.has(pointer)) {
      unusable.add(pointer);
      bag.add(error("ref/no-components", `\`${pointer.slice(1).replace("/", ".")}\` is no mapping, so what $refs to other files name cannot be put there`, placeOf(root, pointer), `write \`${pointer.split("/").pop()}:\` as a mapping`));
    }
    return {};
  };

  // A component of the root that is only a `$ref` to another file (`Pet: { $ref: ./Pet.yaml }`) takes that
  // file's definition in its own place, as `redocly bundle` does: refs to it from anywhere become
  // `#/components/schemas/Pet`, where hoisting would add a `Pet2` beside an alias `Pet`.
  const slots = new WeakMap<object, string>(); // component node -> its local ref
  for (const [section, kind] of Object.entries(COMPONENT_KINDS)) {
    const map = isObject(document.components) ? document.components[section] : undefined;
    if (!isObject(map) || COMPONENT_SECTION[kind] !== section) continue;
    for (const [name, node] of Object.entries(map)) {
      const key = isObject(node) && Object.keys(node).length === 1 ? externalKey(refs, root, node.$ref) : undefined;
      if (key === undefined || hoisted.has(key)) continue;
      const local = `#/components/${section}/${escapeSegment(name)}`;
      hoisted.set(key, local);
      slots.set(node as object, local);
    }
  }

  /**
   * Hoists `value` (from file#pointer) into components/section and returns the local ref; `named`: the
   * name to give it (an anchor's), else the pointer's last segment or the file's name.
   */
  const hoist = (file: SourceFile, pointer: string, value: unknown, kind: Kind, named?: string): string => {
    const key = `${file.path}#${pointer}`;
    const existing = hoisted.get(key);
    if (existing) return existing;
    const section = COMPONENT_SECTION[kind] ?? "schemas";
    const map = componentsOf(section);
    const last = named ?? segmentsOf(pointer).pop();
    const base = sanitizeComponentKey(last ?? baseNameOf(file.path));
    let name = base;
    for (let n = 2; Object.prototype.hasOwnProperty.call(map, name); n++) name = `${base}${n}`;
    setOwn(map, name, value);
    const local = `#/components/${section}/${escapeSegment(name)}`;
    hoisted.set(key, local);
    sources.add(`/components/${section}/${escapeSegment(name)}`, file, pointer);
    walk(value, kind, file, pointer);
    return local;
  };

  /**
   * Resolves `node.$ref`. A path item whose target is itself a reference (other.yaml's `/mid: { $ref:
   * '#/paths/~1end' }`) is followed from where that reference is written, hop by hop (a loop, not recursion:
   * a chain may be thousands long), until a path item with operations; `chain` holds the path items passed
   * (`file#pointer`, the first where `node` is written), so a loop is reported.
   */
  const resolveRef = (node: JsonObject, kind: Kind, file: SourceFile, pointer: string): void => {
    const chain = new Set<string>([`${file.path}#${pointer}`]);
    for (let hop: { file: SourceFile; pointer: string } | undefined = { file, pointer }; hop; ) hop = resolveHop(node, kind, hop.file, hop.pointer, chain, pointer);
  };

  /** One hop of `resolveRef`: the next place to resolve `node.$ref` from, when it is a path item that refers on. */
  const resolveHop = (node: JsonObject, kind: Kind, file: SourceFile, pointer: string, chain: Set<string>, start: string): { file: SourceFile; pointer: string } | undefined => {
    const ref = node.$ref;
    // Positions cost a parse of the file's syntax tree: computed only when there is something to report.
    const at = () => placeOf(file, `${pointer}/$ref`);
    // messages quote the ref as the file says it (a Swagger 2.0 file's `#/definitions/Pet`, before its upgrade; an anchor's `#Pet`)
    const anchored = anchorRefs.get(node);
    const written = () => anchored?.ref ?? writtenRef(file, `${pointer}/$ref`, String(ref));
    if (typeof ref !== "string") {
      bag.add(error("ref/not-a-string", "$ref must be a string", at(), "write the reference as a string such as '#/components/schemas/Name'"));
      return;
    }
    if (!followable(ref, refs.followsUrls)) {
      if (declaredIds().has(normalizedUri(documentPart(ref)))) {
        bag.add(error("ref/id-outside-resource", `$ref '${written()}' names the $id of a schema in this document, from a schema without an $id of its own: specforge resolves such refs only inside a schema resource`, at(), "give the schema that holds this $ref an absolute $id (the validators then resolve it), or reference the schema by its JSON pointer"));
        return;
      }
      const why = refs.followsUrls ? "only http(s) refs are followed" : "a spec read from a file may refer to files only: its text does not choose what specforge fetches";
      bag.add(error("ref/remote", `$ref '${written()}' points at a URL; ${why}`, at(), "download the document and reference it by a relative path"));
      return;
    }
    const { filePart, fragment: asWritten } = splitRef(ref);
    if (asWritten === undefined) {
      bag.add(error("ref/malformed", `$ref '${written()}' has a malformed fragment`, at(), "write the fragment as a JSON pointer: '#/components/schemas/Name'"));
      return;
    }
    const target = filePart === "" ? file : loadFile(file, filePart, at);
    if (!target) return;
    // where the target's value holds it (a 3.0 document's `/x-webhooks/...` is its `/webhooks/...`: upgrade/x-webhooks.ts)
    const fragment = target.valuePointer?.(asWritten) ?? asWritten;
    const resolved = resolvePointer(target.value, fragment);
    if (!resolved.found) {
      const hint = isObject(resolved.parent) ? closest(resolved.missing ?? "", Object.keys(resolved.parent)) : undefined;
      bag.add(error("ref/unresolved", `unresolved $ref '${written()}'${hint ? ` (did you mean '${hint}'?)` : ""}`, at(), "point the $ref at an existing definition"));
      return;
    }
    if (!isObject(resolved.value) && !(kind === "Schema" && typeof resolved.value === "boolean")) {
      bag.add(error("ref/wrong-kind", `$ref '${written()}' names ${resolved.value === null ? "null" : Array.isArray(resolved.value) ? "a list" : `a ${typeof resolved.value}`}, where a ${kindName(kind)} belongs`, at(), `point the $ref at a ${kindName(kind)}`));
      return;
    }
    const key = `${target.path}#${fragment}`;
    if (kind === "PathItem" && chain.has(key)) {
      bag.add(error("ref/cycle", `$ref '${written()}' leads back to a path item it came from: these path items refer to each other, never to one with operations`, at(), "point one of their $refs at a path item with its operations"));
      delete node.$ref;
      return;
    }
    if (kind === "PathItem" && chain.size > MAX_PATH_ITEM_HOPS) {
      // specs chain a path item once or twice; a longer chain is hostile (each path item of the root on it
      // follows the rest again: quadratic)
      bag.add(error("ref/chain-too-long", `$ref '${written()}' is the ${chain.size}th of path item $refs that lead on to each other; at most ${MAX_PATH_ITEM_HOPS} are followed`, at(), "point the first $ref at the path item with the operations"));
      delete node.$ref;
      return;
    }
    if (kind === "PathItem") chain.add(key);
    // a path item of the root that refers on is followed too: a loop through the root is found only so
    if (kind === "PathItem" && target === root && isObject(resolved.value) && resolved.value.$ref !== undefined) return inlinePathItem(node, resolved.value, start, { file, pointer }, target, fragment);
    if (target !== root && !externals.has(key)) externals.set(key, { file: target, pointer: fragment, kind });
    if (target === root) {
      const first = segmentsOf(fragment)[0];
      // lint's walk of `x-webhooks` in place (`xWebhooks`) leaves a ref to one of them there, as to `webhooks`
      if (first === undefined || !(REF_ROOTS.has(first) || (options.xWebhooks && first === X_WEBHOOKS))) {
        bag.add(error("ref/unsupported-target", `$ref '${writtenRef(file, `${pointer}/$ref`, ref)}' points outside components, paths, webhooks and $defs`, at(), "move the referenced object under components and reference it there"));
        return;
      }
      // A schema ref to `#/components` was hoisted into components/schemas: a document containing itself.
      const named = kindAt(root.value as JsonObject, segmentsOf(fragment));
      if (named === "container" || (named !== undefined && named !== kind)) {
        const what = named === "container" ? "a map of definitions, not one" : `a ${kindName(named)}`;
        bag.add(error("ref/wrong-kind", `$ref '${written()}' names ${what}, where a ${kindName(kind)} belongs`, at(), `point the $ref at a ${kindName(kind)}${COMPONENT_SECTION[kind] ? `, under components/${COMPONENT_SECTION[kind]}` : ""}`));
        return;
      }
      if (kind === "Schema" && !/^\/components\/schemas\/[^/]+$/.test(fragment)) {
        // A schema reached by a deep pointer (`#/paths/~1a/post/requestBody/.../schema`): openapi-typescript
        // cannot name it (it emits an invalid indexed type), so it becomes a component of its own.
        const local = hoist(root, fragment, resolved.value, kind, anchored?.name);
        node.$ref = local;
        deepRefs.set(local, anchored?.ref ?? ref);
        return;
      }
      if (file !== root || fragment !== asWritten) node.$ref = fragmentOf(fragment);
      return;
    }
    // Path items have no components section in 3.0: inline a copy (siblings override, as 3.1 allows).
    if (kind === "PathItem") return inlinePathItem(node, resolved.value as JsonObject, start, { file, pointer }, target, fragment);
    if (slots.has(node) && isObject(resolved.value)) {
      // The component slot claimed above: the definition replaces the ref in place. A definition that is
      // itself only a ref is followed the same way, so files that are refs to each other would loop.
      const passed = slotChains.get(node) ?? new Set<string>();
      slotChains.set(node, passed);
      if (passed.has(key)) {
        bag.add(error("ref/cycle", `$ref '${written()}' leads back to a file it came from: these files are $refs to each other, never to a definition`, at(), "point one of their $refs at a definition"));
        delete node.$ref;
        return;
      }
      passed.add(key);
      delete node.$ref;
      for (const [k, v] of Object.entries(resolved.value)) setOwn(node, k, v);
      sources.add(pointer, target, fragment);
      walk(node, kind, target, fragment);
      return;
    }
    node.$ref = hoist(target, fragment, resolved.value, kind, anchored?.name);
  };

  // Anchors (anchors.ts): the spec's, noted as the walk meets them; another file's, found when a ref names one.
  const rootAnchors = new AnchorIndex();
  const fileAnchors = new Map<SourceFile, AnchorIndex>();
  const anchorsOf = (file: SourceFile): AnchorIndex => {
    if (file === root) return rootAnchors;
    let index = fileAnchors.get(file);
    if (!index) fileAnchors.set(file, (index = scanAnchors(file.value)));
    return index;
  };
  // Anchor refs met by the walk, resolved after it: only then are all of the spec's anchors known.
  const pendingAnchors: Array<{ node: JsonObject; file: SourceFile; pointer: string }> = [];
  // Each ref rewritten from an anchor: the anchor's name and the ref as written (for messages and lint's unhoist).
  const anchorRefs = new WeakMap<object, { name: string; ref: string }>();
  // The schemas declaring `$anchor` outside resources: once every ref to them is a pointer the anchor names
  // nothing, and left in place it is declared twice wherever a schema is copied (a deep ref's hoisted
  // component, the validators' copies of a component), which ajv refuses ("resolves to more than one schema").
  const declared: JsonObject[] = [];

  /** Rewrites an anchor ref (`#Pet`, `other.yaml#Pet`) into the pointer of the schema declaring it, then resolves that. */
  const resolveAnchor = ({ node, file, pointer }: { node: JsonObject; file: SourceFile; pointer: string }): void => {
    const ref = node.$ref;
    const name = typeof ref === "string" ? anchorOfRef(ref) : undefined;
    if (typeof ref !== "string" || name === undefined) return; // met twice (shared), and rewritten already
    if (!followable(ref, refs.followsUrls)) return resolveRef(node, "Schema", file, pointer); // refused there
    const at = () => placeOf(file, `${pointer}/$ref`);
    const filePart = documentPart(ref);
    const target = filePart === "" ? file : loadFile(file, filePart, at);
    if (!target) return;
    const found = anchorsOf(target).lookup(name, ref);
    if ("code" in found) {
      bag.add(error(found.code, found.message, at(), found.help));
      return;
    }
    anchorRefs.set(node, { name, ref });
    node.$ref = `${filePart}${fragmentOf(found.pointer)}`;
    resolveRef(node, "Schema", file, pointer);
  };

  /**
   * A copy of the path item `value` (at `fragment` of `target`) in place of `node`, its siblings overriding.
   * A copy that is itself a reference is resolved next from where it is written (the hop returned), else the
   * path item would be left as a ref into a file the bundle does not keep, or into a loop no one reports.
   * `from` is where `node`'s `$ref` is written, and so its siblings: their refs resolve, and their
   * diagnostics point, there (`parameters: [{ $ref: '#/components/parameters/Tenant' }]` beside a `$ref`
   * to other.yaml names the root's Tenant).
   */
  const inlinePathItem = (node: JsonObject, value: JsonObject, start: string, from: { file: SourceFile; pointer: string }, target: SourceFile, fragment: string): { file: SourceFile; pointer: string } | undefined => {
    const { $ref: _ignored, ...siblings } = node;
    let origins = siblingOrigins.get(node);
    if (!origins) siblingOrigins.set(node, (origins = new Map()));
    // a key already placed was written at an earlier hop, which overrides this one's
    for (const k of Object.keys(siblings)) if (!origins.has(k)) origins.set(k, from);
    for (const k of Object.keys(node)) delete node[k];
    Object.assign(node, value, siblings);
    if (node.$ref !== undefined) return { file: target, pointer: fragment };
    // located where the operations are written: the last hop's path item (`start`: where `node` stands)
    const at = pointerOfNode.get(node) ?? start;
    sources.add(at, target, fragment);
    for (const [k, o] of origins) sources.add(`${at}/${escapeSegment(k)}`, o.file, `${o.pointer}/${escapeSegment(k)}`);
    walkChildren(node, "PathItem", target, fragment, false, origins);
    return undefined;
  };

  // The files a component slot's definition was taken from, in turn (a loop of whole-file refs is reported).
  const slotChains = new WeakMap<object, Set<string>>();

  // Where each key that stood beside a path item's `$ref` is written (inlinePathItem).
  const siblingOrigins = new WeakMap<object, Map<string, { file: SourceFile; pointer: string }>>();

  // The absolute `$id`s the spec declares, found when a ref that is not followed may name one.
  let ids: Set<string> | undefined;
  const declaredIds = () => (ids ??= resourceRefs(root.value, root.path, false).ids);

  // Bundled pointer of inlined path items, so diagnostics map back to the right file.
  const pointerOfNode = new WeakMap<object, string>();

  /**
   * `scoped`: inside a schema resource with its own `$id`, where `$ref`s resolve against that `$id`
   * (JSON Schema 2020-12 §8.2.1): those, and `#anchor` refs, are the validator's to resolve, not ours.
   */
  function walk(value: unknown, kind: Kind, file: SourceFile, pointer: string, scoped = false): void {
    if (!isObject(value)) return;
    const inResource = scoped || (kind === "Schema" && typeof value.$id === "string");
    if (kind === "Schema" && (value.$anchor !== undefined || value.$dynamicAnchor !== undefined)) {
      if (file === root) rootAnchors.add(value, pointer, inResource);
      if (!inResource && typeof value.$anchor === "string" && isAnchorName(value.$anchor)) declared.push(value);
    }
    if (typeof value.$ref !== "undefined") {
      // a plain-name fragment is an anchor only in anchor syntax (2020-12 §8.2.2): `#components/schemas/A`
      // is a pointer missing its `/`, reported here as malformed rather than left to the validators
      const anchor = kind === "Schema" && typeof value.$ref === "string" && anchorOfRef(value.$ref) !== undefined;
      if (!inResource && anchor) pendingAnchors.push({ node: value, file, pointer });
      else if (!inResource) resolveRef(value, kind, file, pointer);
      // 3.1: $ref may have siblings. A component slot filled from its file was walked there (as visited).
      if (kind === "Schema" && !visited.has(value)) walkChildren(value, kind, file, pointer, inResource);
      return;
    }
    if (visited.has(value)) return;
    visited.add(value);
    walkChildren(value, kind, file, pointer, inResource);
  }

  /** `origins`: where a key of `value` is written when not in `file` at `pointer` (a path item's `$ref` siblings). */
  function walkChildren(value: JsonObject, kind: Kind, file: SourceFile, pointer: string, scoped = false, origins?: Map<string, { file: SourceFile; pointer: string }>): void {
    for (const child of childrenOf(value, kind)) {
      const origin = origins?.get(child.segments[0]!) ?? { file, pointer };
      const childPointer = origin.pointer + child.segments.map((s) => `/${escapeSegment(s)}`).join("");
      if (origin.file === root && child.kind === "PathItem" && isObject(child.value)) pointerOfNode.set(child.value, childPointer);
      walk(child.value, child.kind, origin.file, childPointer, scoped);
    }
  }

  walk(document, "Root", root, "");
  const xWebhooks = options.xWebhooks ? document[X_WEBHOOKS] : undefined;
  for (const [name, item] of isObject(xWebhooks) ? Object.entries(xWebhooks) : []) {
    const pointer = `/${X_WEBHOOKS}/${escapeSegment(name)}`;
    if (isObject(item)) pointerOfNode.set(item, pointer);
    walk(item, "PathItem", root, pointer);
  }
  // what an anchor's schema brings in (another file's) may hold more anchor refs: the list grows meanwhile
  for (let i = 0; i < pendingAnchors.length; i++) resolveAnchor(pendingAnchors[i]!);
  for (const schema of declared) delete schema.$anchor;
  if (!options.keepGoing) bag.throwIfErrors();
  return { document, root, files: [...files.values()], sources, diagnostics: options.keepGoing ? bag.items : bag.warnings(), remoteSchemas: remoteSchemas(root, refs), deepRefs, externals: [...externals.values()] };
}

/** `file#pointer` of a `$ref` to another document, as `hoist` keys it; undefined for a local ref or one not followed. */
function externalKey(refs: RefFiles, from: SourceFile, ref: unknown): string | undefined {
  if (typeof ref !== "string" || !followable(ref, refs.followsUrls)) return undefined;
  const { filePart, fragment } = splitRef(ref);
  if (filePart === "" || fragment === undefined) return undefined;
  try {
    return `${refs.resolve(from.path, filePart)}#${fragment}`;
  } catch {
    return undefined; // a malformed URL: reported where the ref is resolved
  }
}

/** A ref's file path and JSON pointer (undefined when the fragment is not a pointer). */
/** A `$ref` as its file says it: an upgraded (Swagger 2.0) file's own text, else the ref itself. */
function writtenRef(file: SourceFile, pointer: string, ref: string): string {
  if (!file.upgraded || !file.writtenPointer) return ref;
  const written = resolvePointer(file.upgraded.value, file.writtenPointer(pointer));
  return typeof written.value === "string" ? written.value : ref;
}

function splitRef(ref: string): { filePart: string; fragment: string | undefined } {
  const filePart = documentPart(ref);
  return { filePart, fragment: pointerFromFragment(ref.slice(filePart.length + 1)) };
}

/** An absolute URI as `new URL` writes it (as resource-refs.ts keeps `$id`s), else as written. */
function normalizedUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}

/** Component keys must match ^[a-zA-Z0-9.\-_]+$ (OpenAPI 3.1 §4.8.7.1). */
export function sanitizeComponentKey(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9._-]+/g, "_");
  return clean === "" ? "Schema" : clean;
}
