/**
 * Subschemas a spec writes more than once become one shared definition that every copy `$ref`s, so ajv
 * compiles and emits each once. GitHub's webhook components inline the same user, repository and
 * pull-request objects hundreds of times: ajv (`inlineRefs: false` aside) compiled every copy again, which
 * made most of the 37 MB validators module and most of its compile time.
 *
 * A definition is kept under the reserved `shared` member of the document its first copy is in (beside
 * `$defs` and `rootDefs`), keyed by the spec pointer of that first copy: error schema paths inside it are
 * reported there (`specPointerOf`). Copies are compared as shaped for validation (keys sorted), the
 * largest first: a shared schema may itself `$ref` smaller shared ones.
 *
 * Left in place, to keep the meaning exact: anything that holds `$id`, `$anchor`, dynamic or recursive
 * refs/anchors, a relative `$ref` (its meaning depends on the base URI) or `unevaluatedProperties`/`Items`;
 * anything below a schema that uses the latter (evaluated-property bookkeeping across a `$ref`), and any
 * schema another `$ref` points into (its path must keep resolving).
 */
import { childrenOf, isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { escapeSegment, pointerFrom, pointerFromFragment, segmentsOf } from "../../openapi/pointer.js";

/**
 * Below this size (its canonical JSON, in characters) a copy stays inline: a call and its error merging
 * are ~300 characters of ajv's code and some time on every validation. GitHub's validators module at
 * 100 / 200 / 400 / 1000: 16.0 / 16.2 / 17.2 / 23.0 MB.
 */
export const MIN_SHARED_SIZE = 200;

const BLOCKING = new Set(["$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveAnchor", "$recursiveRef", "unevaluatedProperties", "unevaluatedItems"]);
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const DOC_REF = /^([^#]*)#(.*)$/;

/** What is known of one distinct JSON value (structurally equal values share it). */
interface Node {
  id: number;
  /** Length of its canonical JSON, about. */
  size: number;
  /** Holds something that must not move (see the module comment). */
  pinnedContent: boolean;
}

export interface ShareOptions {
  /** `$id`s of the documents to share within (`{ $id, $defs: components, rootDefs }`); others stay as they are. */
  within: readonly string[];
  /** Other schemas whose `$ref`s may point into the documents. */
  referrers?: unknown[];
  minSize?: number;
}

/** `documents` with the repeated subschemas of those named `within` moved into `shared` definitions. */
export function shareRepeatedSubschemas(documents: JsonObject[], { within, referrers = [], minSize = MIN_SHARED_SIZE }: ShareOptions): JsonObject[] {
  const nodes = new Map<object, Node>();
  const keys = new Map<string, number>();
  const nodeOf = (value: object): Node => {
    const known = nodes.get(value);
    if (known) return known;
    let size = 2;
    let pinnedContent = false;
    const part = (k: string, v: unknown): string => {
      if (BLOCKING.has(k) || (k === "$ref" && (typeof v !== "string" || !ABSOLUTE.test(v)))) pinnedContent = true;
      if (v === null || typeof v !== "object") {
        const text = JSON.stringify(v) ?? "null";
        size += text.length + k.length + 2;
        return text;
      }
      const child = nodeOf(v);
      size += child.size + k.length + 2;
      pinnedContent ||= child.pinnedContent;
      return `#${child.id}`;
    };
    const text = Array.isArray(value)
      ? `[${value.map((v) => part("", v)).join(",")}]`
      : `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${part(k, (value as JsonObject)[k])}`).join(",")}}`;
    let id = keys.get(text);
    if (id === undefined) keys.set(text, (id = keys.size));
    const node = { id, size, pinnedContent };
    nodes.set(value, node);
    return node;
  };

  const isSchemaDocument = (d: JsonObject) => typeof d.$id === "string" && within.includes(d.$id);
  const targets = refTargets([...documents, ...referrers]);
  /** A copy that may become a `$ref`: not a definition itself, nothing pins it, large enough. */
  const movable = (value: unknown, docId: string, path: string[]): value is JsonObject => {
    if (!isObject(value) || path.length <= 2) return false;
    const node = nodeOf(value);
    return !node.pinnedContent && node.size >= minSize && !targets.has(`${docId}#${pointerFrom(path)}`);
  };

  /** Calls `at` for each schema below the definitions of each schema document; `at` says whether to go below. */
  const walk = (at: (value: unknown, docId: string, path: string[]) => boolean): void => {
    const visit = (value: unknown, docId: string, path: string[]): void => {
      if (!isObject(value) || !at(value, docId, path) || closed(value)) return;
      for (const child of childrenOf(value, "Schema")) visit(child.value, docId, [...path, ...child.segments]);
    };
    for (const doc of documents) {
      if (!isSchemaDocument(doc)) continue;
      for (const section of ["$defs", "rootDefs"]) {
        const defs = doc[section];
        if (isObject(defs)) for (const key of Object.keys(defs)) visit(defs[key], doc.$id as string, [section, key]);
      }
    }
  };

  // Every movable copy, and the first place of each distinct one.
  const copies = new Map<number, number>();
  const first = new Map<number, { docId: string; path: string[] }>();
  walk((value, docId, path) => {
    if (!movable(value, docId, path)) return true;
    const { id } = nodeOf(value);
    copies.set(id, (copies.get(id) ?? 0) + 1);
    if (!first.has(id)) first.set(id, { docId, path });
    return true;
  });
  // Counted again as the result will have them: a copy inside a shared schema counts once, not once per
  // copy of its container. A schema that is then written once stays inline.
  const candidates = new Set([...copies].filter(([, n]) => n >= 2).map(([id]) => id));
  const uses = new Map<number, number>();
  walk((value, docId, path) => {
    if (!movable(value, docId, path) || !candidates.has(nodeOf(value).id)) return true;
    const { id } = nodeOf(value);
    uses.set(id, (uses.get(id) ?? 0) + 1);
    return uses.get(id) === 1;
  });
  const shared = new Set([...uses].filter(([, n]) => n >= 2).map(([id]) => id));
  if (shared.size === 0) return documents;

  const refOf = (id: number): string => {
    const { docId, path } = first.get(id)!;
    return `${docId}#/shared/${encodeURIComponent(escapeSegment(specPointerOfPath(path)))}`;
  };
  const definitions = new Map<number, JsonObject>();
  /** `value` with its shared copies replaced by `$ref`s; the same object when nothing changed. */
  const rewrite = (value: unknown, docId: string, path: string[]): unknown => {
    if (!isObject(value) || closed(value)) return value;
    let out: JsonObject | undefined;
    const copied = new Set<string>();
    for (const child of childrenOf(value, "Schema")) {
      const childPath = [...path, ...child.segments];
      let next: unknown;
      if (movable(child.value, docId, childPath) && shared.has(nodeOf(child.value).id)) {
        const id = nodeOf(child.value).id;
        if (!definitions.has(id)) definitions.set(id, rewrite(child.value, docId, childPath) as JsonObject);
        next = { $ref: refOf(id) };
      } else next = rewrite(child.value, docId, childPath);
      if (next === child.value) continue;
      out ??= { ...value };
      setAt(out, child.segments, next, copied);
    }
    return out ?? value;
  };
  const rewritten = documents.map((doc) => {
    if (!isSchemaDocument(doc)) return doc;
    const out: JsonObject = { ...doc };
    for (const section of ["$defs", "rootDefs"]) {
      const defs = doc[section];
      if (!isObject(defs)) continue;
      const map: JsonObject = {};
      for (const key of Object.keys(defs)) setOwn(map, key, rewrite(defs[key], doc.$id as string, [section, key]));
      out[section] = map;
    }
    return out;
  });
  // Each definition goes to the document of its first copy.
  return rewritten.map((doc) => {
    if (!isSchemaDocument(doc)) return doc;
    const own: JsonObject = {};
    for (const [id, body] of definitions) {
      const { docId, path } = first.get(id)!;
      if (docId === doc.$id) setOwn(own, specPointerOfPath(path), body);
    }
    return Object.keys(own).length ? { ...doc, shared: own } : doc;
  });
}

/** Nothing below moves: the base URI changes below `$id`, the bookkeeping of `unevaluated*` across a `$ref`. */
function closed(schema: JsonObject): boolean {
  return "$id" in schema || "unevaluatedProperties" in schema || "unevaluatedItems" in schema;
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

/** The pointer in the spec of a path in a schema document (`$defs/X/...` is `/components/schemas/X/...`). */
function specPointerOfPath(path: string[]): string {
  const [section, ...rest] = path;
  return section === "$defs" ? pointerFrom(["components", "schemas", ...rest]) : pointerFrom(["$defs", ...rest]);
}

/**
 * `doc#pointer` of every schema some `$ref` points strictly into (a proper prefix of its target), so that
 * the path keeps resolving: those stay where they are.
 */
function refTargets(values: unknown[]): Set<string> {
  const out = new Set<string>();
  const stack = [...values];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (!v || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    for (const [k, item] of Object.entries(v)) {
      if (item && typeof item === "object") stack.push(item);
      else if (k === "$ref" && typeof item === "string") {
        const m = DOC_REF.exec(item);
        const pointer = m ? pointerFromFragment(m[2]!) : undefined;
        if (!m || pointer === undefined) continue;
        const segments = segmentsOf(pointer);
        for (let n = 1; n < segments.length; n++) out.add(`${m[1]}#${pointerFrom(segments.slice(0, n))}`);
      }
    }
  }
  return out;
}
