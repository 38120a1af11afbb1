/**
 * Subschemas a spec writes more than once become one shared definition that every copy `$ref`s, so ajv
 * compiles and emits each once. GitHub's webhook components inline the same user, repository and
 * pull-request objects hundreds of times: ajv (`inlineRefs: false` aside) compiled every copy again, which
 * made most of the 37 MB validators module and most of its compile time.
 *
 * A definition is kept under the reserved `shared` member of the document its first copy is in (beside
 * `$defs`, `rootDefs` and `members`), keyed by the spec pointer of that first copy: error schema paths inside it are
 * reported there (`specPointerOf`). Copies are compared as shaped for validation (keys in any order), the
 * largest first: a shared schema may itself `$ref` smaller shared ones.
 *
 * Left in place, to keep the meaning exact: anything that holds `$id`, `$anchor`, dynamic or recursive
 * refs/anchors or a relative `$ref` (its meaning depends on the base URI); anything below `$id`; a schema
 * applied in place (allOf/anyOf/oneOf/not/if/then/else/dependentSchemas members, `$defs`) to the instance of a
 * schema using `unevaluatedProperties`/`Items`, whose evaluated-property bookkeeping would then cross a
 * `$ref`; and any schema another `$ref` points into (its path must keep resolving). A schema that uses
 * `unevaluated*` itself may move, as may what sits at its properties and items: those are other instances,
 * evaluated on their own (`unknownProperties: "reject"` closes every object this way).
 */
import { childrenOf, isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { escapeSegment, pointerFrom, pointerFromFragment, segmentsOf } from "../../openapi/pointer.js";
import { forEachRef } from "../../openapi/walk.js";
import { MEMBERS } from "./member-copies.js";

/**
 * Below this size (its JSON, in characters, about) a copy stays inline: a call and its error merging
 * are ~300 characters of ajv's code and some time on every validation. GitHub's validators module at
 * 100 / 200 / 400 / 1000: 16.0 / 16.2 / 17.2 / 23.0 MB.
 */
export const MIN_SHARED_SIZE = 200;

const BLOCKING = new Set(["$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor", "$recursiveRef"]);
/** Keywords whose schemas apply to the same instance (or are definitions such schemas refer to). */
const IN_PLACE = new Set(["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "$defs", "definitions"]);
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const DOC_REF = /^([^#]*)#(.*)$/;

export interface ShareOptions {
  /** `$id`s of the documents to share within (`{ $id, $defs: components, rootDefs }`); others stay as they are. */
  within: readonly string[];
  /** Other schemas whose `$ref`s may point into the documents. */
  referrers?: unknown[];
  /** See `MIN_SHARED_SIZE`. */
  minSize?: number;
}

/** `documents` with the repeated subschemas of those named `within` moved into `shared` definitions. */
export function shareRepeatedSubschemas(documents: JsonObject[], { within, referrers = [], minSize = MIN_SHARED_SIZE }: ShareOptions): JsonObject[] {
  const ours = documents.filter((d) => typeof d.$id === "string" && within.includes(d.$id));
  // Every value of our documents is read once here (the refs in them on the way), the rest for refs only.
  const targets = new Set<string>();
  const { nodeOf, copies } = structuralIdentity((ref) => addRefTarget(targets, ref));
  for (const doc of ours) nodeOf(doc);
  forEachRef([...documents.filter((d) => !ours.includes(d)), ...referrers], (ref) => addRefTarget(targets, ref));
  /** A copy that may become a `$ref`: not a definition itself, nothing pins it, large enough, written again. */
  const movable = (value: unknown, at: Position): value is JsonObject => {
    if (!isObject(value) || at.depth < 3 || at.pinned) return false;
    const node = nodeOf(value);
    return !node.fixed && node.size >= minSize && copies(node.id) >= 2 && !(targets.size > 0 && targets.has(`${at.docId}#${pointerOf(at)}`));
  };

  // Counted as the result will have them: a copy inside a shared schema counts once, not once per copy of
  // its container (only the first is walked into). A schema that is then written once stays inline.
  const uses = new Map<number, number>();
  const first = new Map<number, Position>();
  const visit = (value: unknown, at: Position): void => {
    if (!isObject(value) || closed(value)) return;
    if (movable(value, at)) {
      const { id } = nodeOf(value);
      uses.set(id, (uses.get(id) ?? 0) + 1);
      if (first.has(id)) return;
      first.set(id, at);
    }
    for (const child of childrenOf(value, "Schema")) visit(child.value, below(at, child.segments, value));
  };
  for (const doc of ours) forEachDefinition(doc, visit);
  const shared = new Set([...uses].filter(([, n]) => n >= 2).map(([id]) => id));
  if (shared.size === 0) return documents;

  const refOf = (id: number): string => {
    const at = first.get(id)!;
    return `${at.docId}#/shared/${encodeURIComponent(escapeSegment(specPointerOfDefinition(pointerOf(at))))}`;
  };
  const definitions = new Map<number, JsonObject>();
  /** `value` with its shared copies replaced by `$ref`s; the same object when nothing changed. */
  const rewrite = (value: unknown, at: Position): unknown => {
    if (!isObject(value) || closed(value)) return value;
    let out: JsonObject | undefined;
    const copied = new Set<string>();
    for (const child of childrenOf(value, "Schema")) {
      const position = below(at, child.segments, value);
      let next: unknown;
      if (movable(child.value, position) && shared.has(nodeOf(child.value).id)) {
        const id = nodeOf(child.value).id;
        if (!definitions.has(id)) definitions.set(id, rewrite(child.value, position) as JsonObject);
        next = { $ref: refOf(id) };
      } else next = rewrite(child.value, position);
      if (next === child.value) continue;
      out ??= { ...value };
      setAt(out, child.segments, next, copied);
    }
    return out ?? value;
  };
  const rewritten = new Map(ours.map((doc) => {
    const out: JsonObject = { ...doc };
    forEachDefinition(doc, (value, at) => {
      const section = at.segments[0]!;
      if (out[section] === doc[section]) out[section] = {};
      setOwn(out[section] as JsonObject, at.key, rewrite(value, at));
    });
    return [doc, out] as const;
  }));
  // Each definition goes to the document of its first copy.
  for (const [id, body] of definitions) {
    const at = first.get(id)!;
    const doc = [...rewritten.values()].find((d) => d.$id === at.docId)!;
    doc.shared ??= {};
    setOwn(doc.shared as JsonObject, specPointerOfDefinition(pointerOf(at)), body);
  }
  return documents.map((doc) => rewritten.get(doc) ?? doc);
}

/** A place in one of our documents: its `$id`, how deep (a definition is 2), its JSON pointer (made when asked). */
interface Position {
  docId: string;
  depth: number;
  /** The definition's key (depth 2 only). */
  key: string;
  parent?: Position;
  segments: string[];
  pointer?: string;
  /** Applied in place below a schema using `unevaluated*`: stays (see the module comment). */
  pinned?: boolean;
}

function forEachDefinition(doc: JsonObject, f: (value: unknown, at: Position) => void): void {
  for (const section of ["$defs", "rootDefs", MEMBERS]) {
    const defs = doc[section];
    if (!isObject(defs)) continue;
    for (const key of Object.keys(defs)) f(defs[key], { docId: doc.$id as string, depth: 2, key, segments: [section, key] });
  }
}

/** The position of a child of `schema` (at `at`) reached by `segments`. */
function below(at: Position, segments: string[], schema: JsonObject): Position {
  const pinned = IN_PLACE.has(segments[0]!) && (at.pinned === true || "unevaluatedProperties" in schema || "unevaluatedItems" in schema);
  return { docId: at.docId, depth: at.depth + segments.length, key: at.key, parent: at, segments, pinned };
}

function pointerOf(at: Position): string {
  at.pointer ??= (at.parent ? pointerOf(at.parent) : "") + at.segments.map((s) => `/${escape(s)}`).join("");
  return at.pointer;
}

const escape = (segment: string) => (segment.includes("~") || segment.includes("/") ? escapeSegment(segment) : segment);

/**
 * The spec pointer of a place in a definition (`/$defs/X/...` is `/components/schemas/X/...`, `/rootDefs/X` is
 * `/$defs/X`). A place in a member's open copy (member-copies.ts) keeps its own `/members/X/...`: the closed
 * copy may share another schema from the same spec place, and both are keys of one `shared` map.
 */
function specPointerOfDefinition(pointer: string): string {
  if (pointer.startsWith(`/${MEMBERS}/`)) return pointer;
  return pointer.startsWith("/$defs/") ? `/components/schemas/${pointer.slice("/$defs/".length)}` : `/$defs/${pointer.slice("/rootDefs/".length)}`;
}

/** What is known of one distinct JSON value (structurally equal values share it). */
interface Node {
  id: number;
  /** Length of its JSON, about. */
  size: number;
  /** Holds something that must not move (see the module comment). */
  fixed: boolean;
}

/**
 * Hash-consing of JSON values: structurally equal values (object keys in any order) get the same id.
 * Each object is compared with the earlier ones of its hash by its own keys and its children's ids, so
 * no value is walked or printed twice (GitHub's shaped documents are megabytes). `copies(id)`: how many
 * times values with that id sit in the values read so far; `onRef` hears each `$ref` string on the way.
 */
function structuralIdentity(onRef: (ref: string) => void): { nodeOf: (value: object) => Node; copies: (id: number) => number } {
  const nodes = new Map<object, Node>();
  const counts: number[] = [];
  const buckets = new Map<number, Array<[object, Node]>>();
  const same = (a: unknown, b: unknown) => a === b || (typeof a === "object" && a !== null && typeof b === "object" && b !== null && nodeOf(a).id === nodeOf(b).id);
  const equal = (a: object, b: object): boolean => {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && same((a as JsonObject)[k], (b as JsonObject)[k]));
  };
  let next = 0;
  function nodeOf(value: object): Node {
    const known = nodes.get(value);
    if (known) return known;
    const array = Array.isArray(value);
    let hash = array ? 0x2545f491 : 0x3c6ef372;
    let size = 2;
    let fixed = false;
    const keys = array ? undefined : Object.keys(value);
    const n = keys ? keys.length : (value as unknown[]).length;
    for (let i = 0; i < n; i++) {
      const k = keys ? keys[i]! : "";
      const v = keys ? (value as JsonObject)[k] : (value as unknown[])[i];
      let h: number;
      if (typeof v === "object" && v !== null) {
        const child = nodeOf(v);
        counts[child.id] = (counts[child.id] ?? 0) + 1;
        h = Math.imul(child.id, 0x9e3779b1);
        size += child.size;
        fixed ||= child.fixed;
      } else if (typeof v === "string") {
        h = stringHash(v);
        size += v.length + 2;
        if (k === "$ref") onRef(v);
      } else {
        h = typeof v === "number" ? Math.imul(v * 1024, 0x5bd1e995) : v === true ? 1 : v === false ? 2 : 3;
        size += 4;
      }
      if (keys) {
        if (BLOCKING.has(k) || (k === "$ref" && (typeof v !== "string" || !ABSOLUTE.test(v)))) fixed = true;
        size += k.length + 3;
        // Commutative: the order of keys does not matter.
        hash = (hash + Math.imul(stringHash(k) ^ h, 0x85ebca6b)) | 0;
      } else hash = Math.imul(hash ^ h, 0x01000193);
    }
    let bucket = buckets.get(hash);
    const match = bucket?.find(([other]) => equal(value, other));
    const node = { id: match ? match[1].id : next++, size, fixed };
    if (!match) {
      if (!bucket) buckets.set(hash, (bucket = []));
      bucket.push([value, node]);
    }
    nodes.set(value, node);
    return node;
  }
  return { nodeOf, copies: (id) => counts[id] ?? 0 };
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Nothing below moves: the base URI changes below `$id`. */
function closed(schema: JsonObject): boolean {
  return "$id" in schema;
}

/** Sets `value` at `segments` (one or two: `items`, `properties/name`) in `out`, copying a map or list once. */
function setAt(out: JsonObject, segments: string[], value: unknown, copied: Set<string>): void {
  const [head, tail] = segments as [string, string | undefined];
  if (tail === undefined) {
    out[head] = value;
    return;
  }
  if (!copied.has(head)) {
    copied.add(head);
    out[head] = Array.isArray(out[head]) ? [...(out[head] as unknown[])] : { ...(out[head] as JsonObject) };
  }
  const container = out[head] as JsonObject;
  if (Array.isArray(container)) container[Number(tail)] = value;
  else setOwn(container, tail, value);
}

/**
 * Adds `doc#pointer` of every schema `ref` points strictly into (a proper prefix of its target): those
 * stay where they are, so that the path keeps resolving.
 */
function addRefTarget(out: Set<string>, ref: string): void {
  const m = DOC_REF.exec(ref);
  const pointer = m ? pointerFromFragment(m[2]!) : undefined;
  if (!m || pointer === undefined) return;
  const segments = segmentsOf(pointer);
  for (let n = 1; n < segments.length; n++) out.add(`${m[1]}#${pointerFrom(segments.slice(0, n))}`);
}

